"""Drug exposures, tenth round (expqa10): a drug told with no time of its own starts at the story's carried time only
when that time is the story's: not a time set by a table caption, by a relative's story, by an expected date, or by a
time told before a section heading. A medication list ("medications on admission included") names drugs taken before
the admission, whatever time the sentence before carried. "Followed by 4 weeks of oral X" gives X its length and its
start after the course before. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import BEFORE_ADMISSION


def _start(text: str, drug: str):
    course = analyze_text(text, assess=False)
    return next(e for e in course.exposures if e.drug == drug).segments[0].start


def test_time_of_a_table_caption_does_not_date_a_later_drug() -> None:
    text = ("A 58-year-old man was admitted with septic shock.\n\n"
            "Table 2 Blood tests at admission and 72 h after plasma exchange\n\n"
            "Test\tAdmission\tAfter\n"
            "Lactate\t6.1\t2.0\n\n"
            "He was treated with norepinephrine and hydrocortisone.")
    start = _start(text, "norepinephrine")
    assert start is None or not start.known


def test_time_of_a_relatives_story_does_not_date_the_patients_drug() -> None:
    text = ("A 4-year-old boy was admitted with fever. His brother had died of sepsis 2 days after a similar illness. "
            "He was started on ceftriaxone.")
    start = _start(text, "ceftriaxone")
    assert start is None or not start.known or start.offset_days == (0.0, 0.0)


def test_expected_delivery_date_does_not_date_a_drug_given() -> None:
    text = ("A 30-year-old woman was admitted on 3 March 2022 in labour. Her expected date of delivery was 10 March "
            "2022. She bled heavily and was given tranexamic acid.")
    start = _start(text, "tranexamic acid")
    assert start is None or start.point != "2022-03-10"


def test_time_before_a_section_heading_does_not_date_a_drug() -> None:
    text = ("A 61-year-old man had a cholecystectomy. Eight months later he developed jaundice.\n\n"
            "Outcome and follow-up\n\n"
            "He was admitted with fever and rigors and started on piperacillin-tazobactam.")
    start = _start(text, "piperacillin-tazobactam")
    assert start is None or not start.known


def test_presentation_date_two_paragraphs_back_still_dates_a_drug() -> None:
    text = ("A 52-year-old woman presented to the emergency department on 12 June 2020 with fever.\n\n"
            "Examination showed a tender right flank and a heart rate of 118.\n\n"
            "Her white cell count was raised and the urine was cloudy.\n\n"
            "She was started on ceftriaxone.")
    start = _start(text, "ceftriaxone")
    assert start is not None and start.point == "2020-06-12"


def test_time_of_the_previous_paragraph_still_dates_a_drug() -> None:
    text = ("A 61-year-old man had a cholecystectomy. Eight months later he developed jaundice and fever.\n\n"
            "He was started on piperacillin-tazobactam.")
    start = _start(text, "piperacillin-tazobactam")
    assert start is not None and start.known and start.text == "Eight months later"


def test_a_figure_legend_between_does_not_count_as_a_paragraph() -> None:
    text = ("A 45-year-old woman presented with cough. On 4 May 2021 a culture grew Nocardia.\n\n"
            "Figure 2 Chest radiograph showing a cavity.\n\n"
            "She was started on trimethoprim-sulfamethoxazole.")
    start = _start(text, "trimethoprim-sulfamethoxazole")
    assert start is not None and start.point == "2021-05-04"


def test_medications_on_admission_are_taken_before_it() -> None:
    text = ("A 66-year-old man saw his doctor earlier the same day with cough. Medications on admission included: "
            "bisoprolol 5 mg daily and atorvastatin 40 mg nightly.")
    start = _start(text, "bisoprolol")
    assert start is not None and start.text == BEFORE_ADMISSION


def test_a_medication_list_after_a_dated_admission_keeps_the_date_as_known_taken() -> None:
    text = ("A 50-year-old woman was admitted on 3 May 2021 with fever. Her home medications included metformin and "
            "lisinopril.")
    start = _start(text, "metformin")
    assert start is not None and start.text == BEFORE_ADMISSION and start.point == "2021-05-03"


def test_a_transplant_from_a_donor_still_dates_the_conditioning() -> None:
    text = ("A 40-year-old man had acute myeloid leukemia. A transplant from a matched sibling donor was performed in "
            "March 2019. The conditioning regimen included fludarabine and melphalan.")
    start = _start(text, "fludarabine")
    assert start is not None and start.point == "2019-03"


def test_followed_by_a_length_of_another_drug_starts_and_ends_it() -> None:
    course = analyze_text("A 60-year-old woman had osteomyelitis. She received 6 weeks of intravenous vancomycin "
                          "followed by 4 weeks of oral linezolid.", assess=False)
    seg = next(e for e in course.exposures if e.drug == "linezolid").segments[0]
    assert seg.start.offset_days == (42.0, 42.0) and seg.length_days == 28.0
    assert seg.end is not None and seg.end.offset_days == (70.0, 70.0)


def test_followed_by_a_length_is_a_duration_not_a_time() -> None:
    from casecourse.reading.pipeline import read
    ms = [m for m in read("He was given cefazolin for 2 days followed by 5 days of oral cephalexin.").mentions
          if m.text == "5 days"]
    assert ms and ms[0].type == "duration" and not ms[0].attrs.get("signal")


def test_followed_by_after_a_length_of_a_class_starts_that_long_after() -> None:
    course = analyze_text("A 50-year-old man had septic arthritis. On day 3 he received intravenous antibiotics for 2 "
                          "weeks, followed by 4 weeks of oral cephalexin.", assess=False)
    seg = next(e for e in course.exposures if e.drug == "cephalexin").segments[0]
    assert seg.start.offset_days == (16.0, 16.0) and seg.end is not None and seg.end.offset_days == (44.0, 44.0)


def test_a_running_course_continued_until_a_day_ends_then() -> None:
    course = analyze_text("A 50-year-old man had a wound infection. On day 15 he was started on cefepime. Cefepime was "
                          "continued until day 36.", assess=False)
    exp = next(e for e in course.exposures if e.drug == "cefepime")
    assert len(exp.segments) == 1 and exp.segments[0].end is not None
    assert exp.segments[0].end.offset_days == (35.0, 35.0)


def test_followed_by_after_a_course_given_until_a_day() -> None:
    course = analyze_text("A 58-year-old woman had a liver abscess. On day 10 her treatment was switched to "
                          "ceftazidime (6 g/day). Ceftazidime (6 g/day) was given until day 24, followed by 3 weeks "
                          "of oral doxycycline.", assess=False)
    seg = next(e for e in course.exposures if e.drug == "doxycycline").segments[0]
    assert seg.start.offset_days == (23.0, 23.0) and seg.end is not None and seg.end.offset_days == (44.0, 44.0)
