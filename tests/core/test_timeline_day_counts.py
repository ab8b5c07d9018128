"""The timeline: a day count ("hospital day 4", "postoperative day 2", "day 5 of vancomycin") counts from the event
it names when that event is later than the story's day 0 (a readmission, an operation, a drug's start), says so in
TimeRef.anchor, and keeps counting from day 0 otherwise. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read


def times(text: str) -> list[TimeRef | None]:
    return [t.time if t else None for t in place_sentences(read(text))]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def test_hospital_day_after_a_readmission_counts_from_the_readmission() -> None:
    got = times("A 61-year-old woman presented with a productive cough. She improved and was discharged. "
                "Five weeks later she was readmitted with chest pain. On hospital day 3 she became hypotensive.")
    readmitted = mid(got[2])
    assert 30 <= readmitted <= 40
    assert mid(got[3]) == readmitted + 2  # day 1 of the new stay is the readmission day
    assert got[3] is not None and got[3].anchor == "readmission" and got[3].derivation == "relative"


def test_hospital_day_of_the_first_stay_counts_from_day_0() -> None:
    got = times("A 61-year-old woman was admitted with a productive cough. On hospital day 3 she became hypotensive.")
    assert mid(got[1]) == 2.0
    assert got[1] is not None and got[1].anchor == "day0"


def test_a_day_count_as_high_as_the_readmission_goes_on_counting_from_day_0() -> None:
    got = times("A 45-year-old man was admitted for a stem cell transplant. He was discharged well. "
                "He was readmitted on day 20 with diarrhoea. On day 34 he developed jaundice.")
    assert mid(got[2]) == 19.0  # the readmission's own day count is of the first axis
    assert mid(got[3]) == 33.0


def test_postoperative_day_counts_from_the_last_operation() -> None:
    got = times("A 49-year-old man presented with abdominal pain. He was observed on the ward. "
                "Nine days later he underwent an emergency laparotomy. On postoperative day 2 he developed fever.")
    assert mid(got[3]) == mid(got[2]) + 2 == 11.0
    assert got[3] is not None and got[3].anchor == "surgery"


def test_an_operation_dated_by_a_postoperative_day_does_not_restart_the_count() -> None:
    got = times("A 52-year-old man presented with jaundice. Six days later he underwent a liver transplantation. "
                "On postoperative day 7 he underwent a tracheostomy. On postoperative day 30 he was discharged.")
    assert mid(got[2]) == 13.0
    assert mid(got[3]) == 36.0  # 30 days after the transplantation, not after the tracheostomy


def test_day_of_a_named_drug_counts_from_its_start() -> None:
    got = times("A 30-year-old woman presented with a fever. A week later intravenous vancomycin was started. "
                "On day 5 of vancomycin, her creatinine rose.")
    assert mid(got[2]) == mid(got[1]) + 4 == 11.0
    assert got[2] is not None and got[2].anchor == "start of vancomycin"


def test_calendar_hospital_day_after_a_readmission_and_postoperative_day() -> None:
    got = times("A 66-year-old man was admitted on 3 March 2021 with pneumonia. He was discharged on 12 March 2021. "
                "He was readmitted on 2 April 2021 with dyspnoea. On hospital day 4 he developed a rash. "
                "He underwent a cholecystectomy on 20 April 2021. On postoperative day 3 he had a fever.")
    assert got[3] is not None and got[3].point == "2021-04-05" and got[3].anchor == "readmission"
    assert got[5] is not None and got[5].point == "2021-04-23" and got[5].anchor == "surgery"


def test_a_postoperative_day_that_would_go_back_before_the_story_counts_on_from_it() -> None:
    got = times("A 40-year-old man underwent a kidney transplantation. Three months later he was admitted with "
                "abdominal pain. An emergency laparotomy with drainage of an abscess followed. "
                "On the sixth postoperative day he was extubated.")
    assert mid(got[3]) >= mid(got[2]) + 5  # not 6 days after the transplantation told at day 0


def test_calendar_day_counts_of_a_later_unnamed_course_do_not_go_back_years() -> None:
    got = times("A 30-year-old woman presented with acute leukaemia in March 2016. She relapsed in June 2018. "
                "An allogeneic stem cell graft from her brother followed in September 2018. "
                "At day 21 she developed a rash. Engraftment was seen on day 15. On day 100 she was well.")
    assert got[3] is not None and (got[3].point or "") >= "2018-09"  # not 21 days after the 2016 presentation
    assert got[4] is not None and got[4].point is not None and got[4].point <= (got[3].point or "")
    assert got[5] is not None and (got[5].point or "") >= "2018-12"


def test_ordinal_day_of_admission_and_day_of_treatment_after_a_readmission() -> None:
    got = times("A 61-year-old woman presented with a productive cough. She improved and was discharged. "
                "Five weeks later she was readmitted with chest pain. On the 3rd day of admission she became "
                "hypotensive. On day 6 of treatment she improved.")
    readmitted = mid(got[2])
    assert mid(got[3]) == readmitted + 2
    assert mid(got[4]) == readmitted + 5


def test_days_after_admission_to_the_icu_count_from_the_transfer() -> None:
    got = times("A 61-year-old man was admitted with pneumonia. His oxygen needs rose. "
                "On day 4 he was transferred to the intensive care unit. "
                "Two days after admission to the intensive care unit he was intubated. "
                "Three days after admission, his cough had begun to ease.")
    assert mid(got[3]) == mid(got[2]) + 2 == 5.0
    assert got[3] is not None and got[3].anchor == "unit admission"
    assert mid(got[4]) == 3.0  # the hospital admission is day 0


def test_hospitalized_again_is_a_later_stay_whose_days_count_from_it() -> None:
    got = times("A 61-year-old man was admitted with pneumonia. He recovered. "
                "Two months later he was hospitalized again with fever. On hospital day 3 he became confused.")
    assert mid(got[3]) == mid(got[2]) + 2
    assert got[3] is not None and got[3].anchor == "readmission"
