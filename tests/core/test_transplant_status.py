"""A transplant recipient's status is a condition of the course with its ICD-10-CM Z code (invented story)."""
from __future__ import annotations

from casecourse.api import analyze_text


def test_a_transplant_recipient_has_the_status_condition() -> None:
    c = analyze_text("A 54-year-old man, a renal transplant recipient since 2015 on tacrolimus, presented in March "
                     "2022 with dyspnoea. He had also received a liver transplant in 2010.", assess=False)
    codes = {x.name: x.codings[0].code for x in c.conditions if x.codings}
    assert codes.get("kidney transplant recipient") == "Z94.0"
    assert codes.get("liver transplant recipient") == "Z94.4"


def test_a_status_is_not_scored_as_a_disorder() -> None:
    from casecourse.evaluation.mapping import load_mapping

    row = load_mapping("maccrobat").row("Disease_disorder")
    assert row is not None and ("icd10", "Z") in row.not_prefixed
