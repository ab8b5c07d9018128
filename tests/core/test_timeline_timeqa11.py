"""The timeline read as a clinician reads it (timeqa11): history told after the presentation. An amount "later" that
opens the sentence after a piece of history told in passing counts on from that history, not from the presentation;
the presentation's examination ("On physical examination, ...", "Examination showed ...") told after a piece of
history the story moved to is back at the presentation. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read


def times(text: str) -> list[TimeRef | None]:
    return [t.time if t else None for t in place_sentences(read(text))]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def test_an_amount_later_after_history_told_in_passing_counts_on_from_it() -> None:
    got = times("A 40-year-old woman was admitted with fever. "
                "She had been in good health until two weeks earlier, when she developed a cough. "
                "Five days later, she noticed a rash. "
                "Her haemoglobin was 9 g/dL.")
    assert -14.0 <= mid(got[2]) <= -7.0  # (was counted from the admission: day 5, and the rest of the stay with it)
    assert mid(got[3]) == 0.0


def test_an_amount_later_past_the_presentation_still_counts_from_the_story() -> None:
    got = times("A 40-year-old woman was admitted with fever. "
                "She had been in good health until two days earlier, when she developed a cough. "
                "Five days later, she was intubated.")
    assert mid(got[2]) == 5.0  # (two days before + five days lies after the admission: the stay's own step)


def test_the_examination_after_history_the_story_moved_to_is_the_presentation() -> None:
    got = times("A 16-year-old girl presented with fever. "
                "She had been well until 12 days prior her admission, when a sore throat began. "
                "On physical examination, she looked pale. "
                "Her spleen was enlarged.")
    assert mid(got[1]) < 0
    assert mid(got[2]) == 0.0 and mid(got[3]) == 0.0  # (was carried at the history's day -12)


def test_an_examination_opener_after_history_written_without_on() -> None:
    got = times("A 16-year-old girl presented with fever. "
                "She had been well until 12 days prior her admission, when a sore throat began. "
                "Physical examination revealed splenomegaly.")
    assert mid(got[2]) == 0.0


def test_a_sentence_opening_with_the_arrival_after_history_is_the_presentation() -> None:
    history = ("A 16-year-old girl presented with fever. "
               "She had been well until 12 days prior her admission, when a sore throat began. ")
    got = times(history + "When she arrived at the hospital, her blood pressure was 90/60 mmHg.")
    assert mid(got[2]) == 0.0  # (was carried at the history's day -12)
    got = times(history + "When she was admitted to a local hospital, her blood pressure was 90/60 mmHg.")
    assert mid(got[2]) < 0  # another hospital's admission is not the presentation
