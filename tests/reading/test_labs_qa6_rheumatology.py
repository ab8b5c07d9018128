"""Myositis and scleroderma serology, aldolase and IgG4 in the lab catalogue; a result adjective after a copula
belongs to the test before it; 'X-positive cells' is a tissue stain. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]


def test_myositis_specific_antibodies_and_aldolase() -> None:
    got = _labs("A 52-year-old man had a rash and weakness. Anti-MDA5 antibodies were positive, while anti-Mi-2 and "
                "anti-TIF1-gamma antibodies were negative. Aldolase was 11.2 U/L.")
    assert ("anti-mda5 antibodies", None, None, "POS") in got
    assert ("anti-mi-2 antibodies", None, None, "NEG") in got
    assert ("anti-tif1-gamma antibodies", None, None, "NEG") in got
    assert ("aldolase", 11.2, "U/L", None) in got


def test_a_result_after_a_copula_is_not_said_of_the_next_test() -> None:
    got = _labs("A 45-year-old woman had skin thickening. Anti-RNA polymerase III antibody was positive and "
                "anti-topoisomerase I (Scl-70) antibody was negative.")
    assert ("anti-rna polymerase iii antibodies", None, None, "POS") in got
    assert ("anti-scl-70 antibodies", None, None, "POS") not in got
    assert ("anti-scl-70 antibodies", None, None, "NEG") in got


def test_a_stain_of_tissue_cells_is_no_serum_result() -> None:
    got = _labs("A 65-year-old man had pancreatic swelling. Serum IgG4 was 4.6 g/L. The biopsy showed 50 "
                "IgG4-positive plasma cells per high-power field.")
    assert [g for g in got if g[0] == "immunoglobulin g4"] == [("immunoglobulin g4", 4.6, "g/L", None)]


def test_a_change_told_of_another_subject_or_toward_a_value_is_no_flag() -> None:
    got = _labs("A 50-year-old man was admitted in May 2021. His oxygen need decreased and ferritin fell to "
                "720 ng/mL. Later, ferritin rising to 5100 ng/mL was noted.")
    assert [g for g in got if g[0] == "ferritin"] == [("ferritin", 720.0, "ng/mL", None),
                                                     ("ferritin", 5100.0, "ng/mL", None)]


def test_an_attributive_trend_word_is_no_level() -> None:
    # (round labqa4: "rising" states a change between times, not that the level is high; it was read H before)
    got = _labs("A 50-year-old man was admitted in May 2021. He had rising ferritin and low fibrinogen.")
    assert ("ferritin", None, None, "H") not in got and ("fibrinogen", None, None, "L") in got


def test_an_amount_of_change_after_the_measure_it_changes_is_no_reading() -> None:
    got = _labs("A 58-year-old man had a hypertensive crisis in May 2021. The aim was a reduction of systolic blood "
                "pressure by 25 mmHg per day. Blood pressure was 150/90 mmHg on day 3.")
    assert [g[1] for g in got if g[0] == "blood pressure"] == [150.0]


def test_scleroderma_renal_crisis_is_a_diagnosis() -> None:
    course = analyze_text("A 50-year-old woman with diffuse systemic sclerosis was admitted in March 2020 with a "
                          "blood pressure of 200/110 mmHg. A scleroderma renal crisis was diagnosed.", assess=False)
    src = [c for c in course.conditions if c.name == "scleroderma renal crisis"]
    assert src and src[0].codings and src[0].codings[0].code == "M34.89"
