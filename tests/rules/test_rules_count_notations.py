"""Counts in a notation the rules' unit table does not list are read through the reader's conversion
(rules/evidence.py View._read); concentrations in a unit outside the table stay unsettled."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Assessment


def _hlh_item(text: str, name: str) -> tuple[tuple[float, float] | None, str | None]:
    assessment: Assessment = next(a for a in analyze_text(text).assessments if a.rule == "hlh2004")
    item = next(i for i in assessment.items if i.name == name)
    return item.points, item.detail


_STORY = ("A 40-year-old man was admitted with fever of 39.5 °C. Laboratory tests showed {labs}. He was diagnosed with "
          "hemophagocytic lymphohistiocytosis.")


def test_a_platelet_count_in_flattened_powers_of_ten_counts_as_a_cytopenia() -> None:
    points, detail = _hlh_item(_STORY.format(labs="hemoglobin 7.9 g/dL and platelets 3.2×104/μL"),
                               "cytopenias >=2 lineages")
    assert points == (1.0, 1.0) and detail == "2 of 3 true"


def test_a_normal_count_in_that_notation_is_no_cytopenia() -> None:
    labs = "hemoglobin 7.9 g/dL, neutrophils 3.1 × 10^9/L and platelets 25.0×104/μL"
    points, _ = _hlh_item(_STORY.format(labs=labs), "cytopenias >=2 lineages")
    assert points == (0.0, 0.0)  # 250 x 10^9/L platelets: one lineage only, settled


def test_a_concentration_in_a_unit_outside_the_table_stays_unsettled() -> None:
    points, _ = _hlh_item(_STORY.format(labs="ferritin 5120 ng/dL"), "ferritin")
    assert points == (0.0, 1.0)  # likely the authors' ng/mL: neither met nor not met
