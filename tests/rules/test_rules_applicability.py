"""A rule a course does not call for says so, instead of scoring a disease nobody considered (invented stories)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {a.rule: a.status for a in analyze_text(text).assessments}


def test_no_lupus_and_no_hlh_gives_no_lupus_or_hlh_scores() -> None:
    course = analyze_text("A 61-year-old man with gout had fever 38.9 °C, ferritin 900 ng/mL and platelets "
                          "80 × 10^9/L. He was given colchicine 0.5 mg twice daily.")
    got = {a.rule: a for a in course.assessments}
    for rule in ("hlh2004", "hscore", "sledai2k", "lldas", "doris", "sle_eular_acr_2019"):
        assert got[rule].status == "not applicable" and got[rule].notes, rule
    assert "HLH" in got["hscore"].notes[0]


def test_a_suspected_hlh_is_scored() -> None:
    got = _status("A 40-year-old woman with fever 39.5 °C and splenomegaly was suspected to have haemophagocytic "
                  "lymphohistiocytosis. Ferritin was 12,000 ng/mL.")
    assert got["hscore"] != "not applicable" and got["hlh2004"] != "not applicable"


def test_an_excluded_lupus_is_classified_but_its_activity_is_not_scored() -> None:
    got = _status("A 25-year-old woman had arthritis and a malar rash. ANA was positive at 1:640. Systemic lupus "
                  "erythematosus was ruled out; parvovirus B19 infection was diagnosed.")
    assert got["sle_eular_acr_2019"] != "not applicable"
    assert got["sledai2k"] == "not applicable"
