"""Urine test-strip results (reading/urinalysis.py), on invented sentences."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.urinalysis import find


def _strip(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.attrs["test"], m.attrs.get("grade"), m.attrs["interpretation"]) for m in find(text)]


def test_a_strip_analyte_with_its_grade_or_result_in_either_order() -> None:
    assert _strip("Urinalysis showed protein 3+, blood 2+, nitrite negative and leukocyte esterase positive.") == [
        ("urine protein", "3+", "A"), ("urine blood", "2+", "A"), ("urine nitrite", None, "NEG"),
        ("urine leukocyte esterase", None, "POS")]
    assert _strip("Urine dipstick: 2+ protein and trace blood.") == [
        ("urine protein", "2+", "A"), ("urine blood", "trace", None)]
    # the strip's leukocyte pad, written as white cells; a count per field is microscopy, no grade
    assert _strip("Urinalysis showed white blood cell 3+ and occult blood 2+, and WBC 10/hpf.") == [
        ("urine leukocyte esterase", "3+", "A"), ("urine blood", "2+", "A")]
    # a grade in brackets, after the analyte or after a result word and the analyte
    assert _strip("Urinalysis revealed a positive WBC (3+) and positive protein (1+), with glucose (2+).") == [
        ("urine leukocyte esterase", "3+", "A"), ("urine protein", "1+", "A"), ("urine glucose", "2+", "A")]


def test_without_a_strip_or_urinalysis_before_it_in_its_sentence_nothing_is_read() -> None:
    assert _strip("Blood 2+ was noted on the gauze. Protein 3+.") == []
    assert _strip("Glucose was negative. Urinalysis was then sent.") == []


def test_the_course_holds_the_strips_result_and_no_blood_test_beside_it() -> None:
    course = analyze_text("A 40-year-old woman was admitted. Urinalysis showed trace protein and glucose negative.")
    labs = [(x.test, x.value, x.unit, x.grade, x.interpretation) for x in course.labs]
    assert labs == [("urine protein", None, None, "trace", None), ("urine glucose", None, None, None, "NEG")]
    assert [c.code for x in course.labs for c in x.codings] == ["20454-5", "25428-4"]


def test_every_cue_holds_a_head_word_of_the_quick_check() -> None:
    from casecourse.knowledge import table
    from casecourse.reading.urinalysis import _CUE_HEADS

    cues = [w for r in table("urine_dipstick.csv") if r["kind"] == "cue" for w in r["words"].split("|")]
    assert cues and all(any(h in c.lower() for h in _CUE_HEADS) for c in cues)
