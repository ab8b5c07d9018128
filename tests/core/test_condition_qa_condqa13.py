"""Conditions of the condqa13 audit round (invented sentences): names the reader cut to their head."""
from __future__ import annotations

from casecourse.api import analyze_text


def _conditions(text: str) -> dict[str, tuple[str, str]]:
    """name -> (status, first ICD-10-CM code or '')."""
    course = analyze_text("Case presentation\nA 47-year-old man. " + text)
    return {c.name: (c.status, next((k.code for k in c.codings if "icd-10" in k.system), ""))
            for c in course.conditions}


def _status(text: str) -> dict[str, str]:
    return {name: status for name, (status, _) in _conditions(text).items()}


# --- names --------------------------------------------------------------------------------------------------------

def test_names_the_reader_cut_to_their_head() -> None:
    got = _conditions("Echocardiography showed moderate aortic valve disease and a stress-induced cardiomyopathy. "
                      "He later had critical illness myopathy and conduction system disease, and calciphylaxis of the "
                      "thighs. She had confluent and reticulated papillomatosis.")
    assert got.get("aortic valve disease", ("", ""))[1] == "I35.9", got
    assert got.get("stress-induced cardiomyopathy", ("", ""))[1] == "I51.81", got
    assert got.get("critical illness myopathy", ("", ""))[1] == "G72.81", got
    assert got.get("conduction system disease", ("", ""))[1] == "I45.9", got
    assert got.get("calciphylaxis", ("", ""))[1] == "E83.59", got
    assert got.get("confluent and reticulated papillomatosis", ("", ""))[1] == "L83", got
    assert "valve disease" not in got and "system disease" not in got and "myopathy" not in got


def test_an_anastomosis_compound_is_no_disease() -> None:
    got = _status("A side-to-side duodenojejunoanastomosis was fashioned, and the ileotransversoanastomosis healed.")
    assert not got, got
    # a compound disease word keeps its ending's reading
    assert "confirmed" in [v for k, v in _status("The marrow showed myelofibrosis.").items() if "myelofibrosis" in k]
