"""A table restating the narrative's results gives one result per measurement (assembly/lab_table_restated.py)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.assembly.lab_table_restated import merge_table_restatements
from casecourse.model import LabResult, Provenance, SourceSpan, TimeRef

_TOLD_AND_TABLED = (
    "A 40-year-old woman was admitted with fever and a rash. On admission, her ferritin was 2400 ng/mL, "
    "triglycerides 3.1 mmol/L and fibrinogen 1.2. Her results are summarised in Table 1.\n\n"
    "Table 1. Laboratory work-up.\n\nTest\tResult\t\nFerritin (ng/mL)\t2400\t\nFibrinogen (g/L)\t1.2\t\n"
    "Albumin (g/L)\t25\t\n\nShe was treated with prednisone.")


def _labs(text: str) -> dict[str, list[LabResult]]:
    out: dict[str, list[LabResult]] = {}
    for lab in analyze_text(text, assess=False).labs:
        out.setdefault(lab.test, []).append(lab)
    return out


def test_a_table_row_restating_a_told_result_is_one_result_with_both_spans() -> None:
    labs = _labs(_TOLD_AND_TABLED)
    assert len(labs["ferritin"]) == 1
    ferritin = labs["ferritin"][0]
    assert ferritin.value == 2400 and ferritin.unit == "ng/mL"
    assert ferritin.time.offset_days == (0.0, 0.0)  # the narrative's time
    spans = sorted(s.text for s in ferritin.provenance.spans)
    assert len(spans) == 2 and "2400" in spans[0] + spans[1]


def test_the_table_header_gives_the_unit_the_narrative_left_out() -> None:
    labs = _labs(_TOLD_AND_TABLED)
    assert [(x.value, x.unit) for x in labs["fibrinogen"]] == [(1.2, "g/L")]
    assert [x.value for x in labs["albumin"]] == [25]  # only in the table: kept as it is


def test_a_value_told_on_two_days_is_not_merged_with_the_table_row() -> None:
    text = ("A 40-year-old woman was admitted with fever. On admission, hemoglobin was 8.3 g/dL. On day 3, hemoglobin "
            "was 8.3 g/dL again.\n\nTable 1. Laboratory results.\n\nTest\tResult\t\nHemoglobin (g/dL)\t8.3\t\n\n"
            "She recovered.")
    assert len(_labs(text)["hemoglobin"]) == 3  # which day the table lists is not known


def _lab(i: int, value: float, unit: str | None, time: TimeRef) -> LabResult:
    span = SourceSpan(start=10 * i, end=10 * i + 3, text=str(value))
    return LabResult(id=f"lab-{i}", test="ferritin", value=value, unit=unit, time=time,
                     provenance=Provenance(spans=[span], rule="labs"))


def test_another_unit_another_value_or_another_time_is_another_result() -> None:
    day0, day5 = TimeRef(offset_days=(0.0, 0.0)), TimeRef(offset_days=(5.0, 5.0))
    told = _lab(1, 2400, "ng/mL", day0)
    for tabled in (_lab(2, 2400, "µg/L", TimeRef()), _lab(2, 2300, "ng/mL", TimeRef()), _lab(2, 2400, None, day5)):
        assert merge_table_restatements([told, tabled], {"lab-2"}) == [told, tabled]
    merged = merge_table_restatements([told, _lab(2, 2400, None, day0)], {"lab-2"})
    assert [x.id for x in merged] == ["lab-1"] and len(merged[0].provenance.spans) == 2
