"""A text that marks its own day 0 in brackets and tells a later day count in the same sentence (timeqa12): day 0 is
the time the sentence opens at, not the later day, and the later days count from it, also written in words ("(day
zero) ... on day seven"). A schedule's "day 0" with no brackets marks nothing. Sentences written for this test."""

from __future__ import annotations

from timeline_probe import at, mid


def test_day_zero_and_a_later_day_in_one_sentence() -> None:
    text = ("A 52-year-old woman received the first dose of the vaccine (day 0) and on day 7 developed fever. "
            "On day 10, she was admitted with hypotension. On day 14, she was discharged.")
    assert mid(at(text, "vaccine")) == 0.0  # not the day 7 told after the mark
    assert mid(at(text, "fever")) == 7.0
    assert mid(at(text, "admitted")) == 10.0  # (was 16: counted from day 7)
    assert mid(at(text, "discharged")) == 14.0


def test_day_zero_written_out_with_later_days_in_words() -> None:
    text = ("A 52-year-old woman had her first infusion (day zero) and by day seven she had a rash with fever. "
            "On day ten, she was admitted with hypotension. On day fourteen, she was discharged.")
    assert mid(at(text, "fever")) == 7.0  # (was 6: a stay's day count whose day 1 is day 0)
    assert mid(at(text, "admitted")) == 10.0
    assert mid(at(text, "discharged")) == 14.0


def test_a_dated_day_zero_and_a_later_day_in_one_sentence() -> None:
    text = ("A 60-year-old man underwent a kidney transplant on 3 May 2019 (day 0) and on day 9 developed fever. "
            "On day 20, he had a rash.")
    assert at(text, "fever").earliest == "2019-05-12"  # nine days after the mark (was the 11th)
    assert at(text, "rash").earliest == "2019-05-23"


def test_a_schedule_day_zero_is_not_the_mark_before_a_later_day() -> None:
    text = ("A 61-year-old man with lymphoma was treated with rituximab 375 mg/m2 day 0 and bendamustine day 1. "
            "He developed fever.")
    assert mid(at(text, "bendamustine")) == 0.0  # a schedule's days, not a step of the story to day 1
