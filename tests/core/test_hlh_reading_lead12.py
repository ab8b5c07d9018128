"""What an HLH work-up tells, read for the HLH-2004 criteria: a spleen told with its measure after the liver's state,
NK-cell activity as a result, and weeks of a treatment counted from its start (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read_mentions


def _findings(sentence: str) -> list[str]:
    return [str(m.norm) for m in read_mentions(sentence) if m.type == "finding"]


def test_a_part_told_with_its_measure_after_anothers_state_shares_the_state() -> None:
    assert _findings("The liver was palpable 4 cm and the spleen 5 cm below the costal margin.") == [
        "hepatomegaly", "splenomegaly"]
    assert _findings("The liver was palpable and the patient 5 cm taller.") == ["hepatomegaly"]


def _nk(sentence: str) -> object:
    c = analyze_text("A 16-year-old boy was admitted with fever of 40 °C. Ferritin was 24,500 µg/L. " + sentence +
                     " A diagnosis of HLH was made.")
    hlh = next(a for a in c.assessments if a.rule == "hlh2004")
    return next(i.value for i in hlh.items if i.name == "NK-cell activity")


def test_nk_cell_activity_reduced_or_undetectable_meets_the_criterion_and_normal_does_not() -> None:
    assert _nk("NK-cell activity was reduced.") is True
    assert _nk("NK cell activity was undetectable.") is True
    assert _nk("NK cell activity was normal.") is False
    assert _nk("The spleen was not palpable.") is None


def test_weeks_of_a_course_count_from_its_start() -> None:
    c = analyze_text("A 16-year-old boy was admitted with HLH. Dexamethasone 10 mg/m2 daily was started. After two "
                     "weeks the fever had resolved. Dexamethasone was stopped at week 8. EBV DNA became undetectable "
                     "by week 6.", assess=False)
    dex = next(x for x in c.exposures if x.drug == "dexamethasone")
    assert dex.end is not None and dex.end.offset_days == (49.0, 56.0)
    ebv = next(lab for lab in c.labs if lab.interpretation == "NEG")
    assert ebv.time.offset_days == (35.0, 42.0)


def test_weeks_of_a_pregnancy_keep_the_gestational_clock() -> None:
    c = analyze_text("A 30-year-old pregnant woman developed diarrhoea in the 20th week of gestation. During "
                     "gestational week 27 she presented with bloody stools. At gestational week 30 she had a seizure.",
                     assess=False)
    times = {f.name: f.time.offset_days for f in c.findings}
    assert times["diarrhoea"] == (0.0, 0.0)
    assert times["bloody stools"] == (49.0, 49.0)
    assert times["seizure"] == (70.0, 70.0)


def test_a_range_of_days_or_weeks_of_the_course_ends_the_drug() -> None:
    c = analyze_text("A 16-year-old boy was admitted with HLH. Dexamethasone 10 mg/m2 daily and etoposide 150 mg/m2 "
                     "twice weekly were started. Etoposide was given weekly from week 3 to week 8. Vancomycin was "
                     "given from day 3 to day 10.", assess=False)
    ends = {x.drug: x.end.offset_days if x.end else None for x in c.exposures}
    assert ends["etoposide"] == (49.0, 56.0) and ends["vancomycin"] == (9.0, 9.0)
    assert ends["dexamethasone"] is None
