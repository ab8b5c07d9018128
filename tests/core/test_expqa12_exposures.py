"""Drug exposures, twelfth round (expqa12): a drug named as an antibiogram entry, its result right after its name
("Amikacin: MIC 2 mg/L", "tigecycline: resistant", "Colistin minimum inhibitory concentration (MIC) was measured"),
was tested on the organism, not given to the patient (knowledge/antibiogram_results.csv). Sentences written for this
test."""
from __future__ import annotations

from casecourse.api import analyze_text

_ADMITTED = "A 58-year-old woman was admitted on 2 June 2021 with a high fever and flank pain. "


def _drugs(text: str) -> list[str]:
    return [e.drug for e in analyze_text(text, assess=False).exposures]


def test_an_entry_with_a_colon_is_no_exposure() -> None:
    text = (_ADMITTED + "Urine cultures grew Escherichia coli. Amikacin: MIC 4 mg/L; tigecycline: resistant. "
            "She was started on ertapenem 1 g daily on 4 June 2021.")
    drugs = _drugs(text)
    assert "amikacin" not in drugs and "tigecycline" not in drugs
    assert drugs == ["ertapenem"]


def test_a_spelled_out_mic_after_the_name_is_no_exposure() -> None:
    text = (_ADMITTED + "Fosfomycin minimum inhibitory concentration (MIC) was determined with a gradient strip. "
            "She was started on ertapenem 1 g daily on 4 June 2021.")
    assert _drugs(text) == ["ertapenem"]


def test_a_minimal_inhibitory_concentration_written_in_full() -> None:
    text = (_ADMITTED + "The blood isolate grew after two days; its cefiderocol minimal inhibitory concentrations were "
            "low. She was started on ertapenem 1 g daily on 4 June 2021.")
    assert _drugs(text) == ["ertapenem"]


def test_a_drug_given_with_its_mic_in_brackets_stays_given() -> None:
    text = _ADMITTED + "She was switched to fosfomycin (MIC 8 mg/L) on 4 June 2021."
    assert _drugs(text) == ["fosfomycin"]


def test_a_dose_after_a_colon_stays_given() -> None:
    text = _ADMITTED + "She was started on the following on 4 June 2021: amikacin: 15 mg/kg once daily."
    assert _drugs(text) == ["amikacin"]
