"""The timeline: an amount after a named event ("2 weeks after the surgery", "three months after starting
prednisone", "10 days after discharge") counts from that event when the story told it earlier, says so in
TimeRef.anchor, and otherwise counts from the current time as before. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read


def times(text: str) -> list[TimeRef | None]:
    r = read(text)
    return [t.time if t else None for t in place_sentences(r)]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def test_amount_after_a_drug_start_counts_from_its_first_mention() -> None:
    got = times("A 35-year-old woman was admitted with a malar rash. Oral prednisone was started. "
                "On day 20 she developed cough. Four weeks after starting prednisone, the rash had faded.")
    assert mid(got[3]) > 15  # day 19 for "day 20"
    assert 21 <= mid(got[3]) <= 35  # from the start (day 0), not from day 19
    assert got[3] is not None and got[3].anchor == "start of prednisone" and got[3].derivation == "relative"


def test_amount_after_an_operation_told_as_history_stays_history() -> None:
    got = times("A 58-year-old man presented with fever. Eight years ago he underwent a liver transplantation. "
                "Two years after the transplantation, he developed diabetes. His pulse was 110 per minute.")
    ago, after = mid(got[1]), mid(got[2])
    assert after < 0 and 600 < after - ago < 860
    assert got[2] is not None and got[2].anchor == "transplantation"
    assert mid(got[3]) == 0.0  # the present is not moved into the history


def test_amount_after_discharge_counts_from_the_last_discharge() -> None:
    got = times("A 70-year-old man was admitted with pneumonia. On day 6 he was discharged home. "
                "He was seen in clinic on day 30. Ten days after discharge, he had a fever.")
    assert 12 <= mid(got[3]) <= 17  # day 5 + 10, not day 29 + 10
    assert got[3] is not None and got[3].anchor == "discharge"


def test_amount_after_the_surgery_counts_from_the_operation_told_as_done() -> None:
    got = times("A 44-year-old woman was admitted with abdominal pain. On day 3 she underwent a sigmoid "
                "resection. On day 15 she was walking. Three weeks after the surgery, the wound was healed.")
    assert 20 <= mid(got[3]) <= 28  # day 2 + 21
    assert got[3] is not None and got[3].anchor == "surgery"


def test_a_later_dose_or_an_unknown_event_keeps_the_current_time() -> None:
    got = times("A 30-year-old man was admitted with fever. Vancomycin was started. On day 10 he was afebrile. "
                "Two days after the last dose of vancomycin, he had a rash. "
                "Five days after the picnic, he had diarrhoea.")
    assert 10 <= mid(got[3]) <= 12  # counted from day 9, not from the first mention of vancomycin
    assert got[3] is not None and got[3].anchor != "start of vancomycin"
    assert mid(got[4]) > mid(got[3])  # the picnic was never told: counted from the current time


def test_the_following_year_is_not_an_event() -> None:
    got = times("A 52-year-old man was admitted with a fracture. Three months later, he was walking. "
                "The following year, he had a second fracture.")
    assert got[2] is not None and got[2].anchor not in ("year",)
    assert mid(got[2]) > mid(got[1])


def test_postoperative_day_counts_from_day_0_as_before() -> None:
    got = times("A 66-year-old man was admitted with chest pain. On day 30 he underwent a bypass operation. "
                "On postoperative day 4, he developed atrial fibrillation.")
    assert mid(got[2]) < 10


def test_at_the_time_of_admission_is_not_the_history_told_before() -> None:
    got = times("A 61-year-old woman presented with cough. Twelve years ago, she was treated for lymphoma. "
                "At that time, she lost weight. At the time of admission, her temperature was 39.1 C.")
    assert mid(got[2]) < -4000  # "at that time" is the history's time
    assert mid(got[3]) == 0.0  # the admission, not the history just told


def test_at_the_time_of_an_event_told_earlier_is_that_event_s_time() -> None:
    got = times("A 47-year-old man presented with dyspnoea. Nine years ago, he underwent a heart transplantation. "
                "He did well. At the time of the transplantation, he weighed 70 kg. His pulse was 96.")
    assert mid(got[3]) == mid(got[1]) < -3000
    assert got[3] is not None and got[3].anchor == "transplantation"
    assert mid(got[4]) == 0.0  # a piece of history: the story stays at day 0
