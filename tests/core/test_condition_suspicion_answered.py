"""A suspicion the story answers in its own sentence or the next one's opening contrast (own sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text, assess=False).conditions}


@pytest.mark.parametrize(("text", "name"), [
    ("Brucellosis was suspected, but blood cultures and the Rose Bengal test were negative.", "brucellosis"),
    ("Endocarditis was considered but repeated blood cultures remained sterile.", "infective endocarditis"),
    ("Lymphoma was suspected but the bone marrow biopsy was normal.", "lymphoma"),
    ("Tuberculosis was suspected. However, the interferon-gamma release assay and two sputum smears were negative.",
     "tuberculosis"),
])
def test_a_suspicion_followed_by_a_contrast_and_negative_results_is_refuted(text: str, name: str) -> None:
    assert _status(text)[name] == "refuted"


@pytest.mark.parametrize(("text", "name"), [
    # the contrast's clause also holds an abnormal result
    ("Meningitis was suspected, but the CT was normal and the lumbar puncture showed pleocytosis.", "meningitis"),
    # a negative result about something else
    ("Lymphoma was suspected, but the biopsy was negative for malignancy.", "lymphoma"),
    # no contrast: the work-up is still coming
    ("Lymphoma was suspected and the bone marrow biopsy was normal.", "lymphoma"),
    # a next sentence without a contrast at its head
    ("Tuberculosis was suspected. The sputum smears were negative.", "tuberculosis"),
])
def test_a_suspicion_stays_one_without_a_plain_negative_answer(text: str, name: str) -> None:
    assert _status(text)[name] == "provisional"


def test_a_textbook_condition_is_no_answer() -> None:
    found = _status("Factor X deficiency is suspected when the PT is prolonged but the aPTT is normal.")
    assert "pt" not in found and all(s != "refuted" for s in found.values())


def test_a_suspicion_confirmed_by_a_named_test_is_confirmed() -> None:
    assert _status("Pulmonary embolism was suspected, and CT angiography confirmed the diagnosis.")[
        "pulmonary embolism"] == "confirmed"
    assert _status("Pulmonary embolism was suspected, and CT angiography confirmed it.")[
        "pulmonary embolism"] == "confirmed"


def test_a_sentence_of_many_suspicions_is_scanned_for_its_contrast_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear time: the contrast words of a sentence are found once, not once per suspicion up to its end."""
    from casecourse.assembly import suspicions

    calls = []
    real = suspicions._CONTRAST

    class Counting:
        def finditer(self, *args: object):  # noqa: ANN202
            calls.append(args)
            return real.finditer(*args)

        def search(self, *args: object):  # noqa: ANN202
            calls.append(args)
            return real.search(*args)

    monkeypatch.setattr(suspicions, "_CONTRAST", Counting())
    found = _status("tuberculosis was suspected, sarcoidosis was considered, " * 200 + "but cultures were negative.")
    assert found["tuberculosis"] == "refuted" and len(calls) <= 2


def test_a_test_done_to_exclude_a_disease_makes_it_a_suspicion_not_a_refutation() -> None:
    assert _status("Echocardiography was performed to exclude endocarditis.")["infective endocarditis"] == \
        "provisional"
    assert _status("The findings were sufficient to exclude endocarditis.")["infective endocarditis"] == "refuted"


def test_a_suspicion_answered_after_a_semicolon_by_negative_findings_is_refuted() -> None:
    assert _status("An angio-CT was performed to exclude pulmonary embolism; the findings were negative.")[
        "pulmonary embolism"] == "refuted"
    assert _status("Lymphoma was suspected; a biopsy was planned.")["lymphoma"] == "provisional"
