"""Conditions of a third audit round (invented sentences): a diagnosis a work-up looks for is a suspicion, refuted
where the work-up found nothing."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 47-year-old man. " + text).conditions}


def test_a_diagnosis_a_work_up_looks_for_is_suspected() -> None:
    assert _status("A work-up for lymphoma was started on the ward.").get("lymphoma") == "provisional"
    assert _status("The boy was examined carefully for evidence of malignancy.").get("malignancy") == "provisional"
    assert _status("He was admitted for the evaluation of pulmonary embolism.").get("pulmonary embolism") \
        == "provisional"


def test_a_work_up_that_found_nothing_refutes() -> None:
    assert _status("The work-up for sepsis was unremarkable.").get("sepsis") == "refuted"
    got = _status("An echocardiogram was done to assess endocarditis, which returned negative for vegetations.")
    assert got.get("infective endocarditis", got.get("endocarditis")) == "refuted"
    got = _status("Thorough lymphoma surveys were all unremarkable.")
    assert got.get("lymphoma") == "refuted"


def test_a_search_that_found_it_or_a_known_diagnosis_stays() -> None:
    got = _status("She was tested for tuberculosis, which was confirmed by sputum culture.")
    assert got.get("tuberculosis") == "confirmed"
    got = _status("He had known lupus nephritis. He was admitted for evaluation of lupus nephritis.")
    assert got.get("lupus nephritis") == "confirmed"
    assert _status("A biopsy showed lymphoma.").get("lymphoma") == "confirmed"
