"""In the report of a child or of a male patient, a complication of pregnancy and what the prenatal tests found are
the mother's; gestational diabetes is its own diagnosis (invented sentences, round condqa6)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text).conditions}


def test_a_pregnancy_complication_in_a_male_neonates_report_is_the_mothers() -> None:
    # no age in years: the baby is told as "preterm", but a male patient carried no pregnancy
    got = _conditions("A preterm male infant was delivered by caesarean section. Pregnancy was complicated by "
                      "chronic hypertension. His mother had chorioamnionitis before delivery. He developed sepsis.")
    assert "hypertension" not in got and "chorioamnionitis" not in got
    assert got.get("sepsis") == "confirmed"


def test_prenatal_labs_and_gestational_diabetes_in_a_childs_report_are_the_mothers() -> None:
    got = _conditions("A 2-day-old girl was seen for jaundice. Prenatal labs were notable for syphilis infection. "
                      "The girl had neonatal sepsis.")
    assert not any("syphilis" in name for name in got) and got.get("neonatal sepsis") == "confirmed"
    got = _conditions("A 2-day-old girl was seen for jaundice. There were concerns for gestational diabetes during "
                      "the third trimester.")
    assert not any("diabetes" in name for name in got)


def test_gestational_diabetes_is_no_type_2_diabetes() -> None:
    got = _conditions("A 31-year-old woman at 34 weeks of gestation had gestational diabetes on insulin.")
    assert got.get("gestational diabetes mellitus") == "confirmed" and "diabetes mellitus" not in got
