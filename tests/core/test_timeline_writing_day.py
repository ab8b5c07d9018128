"""`timeline._writing_day`: the sentences the timeline searches for a day-0 mark are those that write "day" in any
case (a superset of those that mark one). Example text is our own."""
from __future__ import annotations

from casecourse.assembly import timeline
from casecourse.reading.sentences import split


def _marked(text: str, sentences: list[tuple[int, int]]) -> set[int]:
    return {i for i, s in enumerate(sentences) if timeline._DAY_ZERO.search(text, *s)
            or timeline._DAY_ZERO_MARK.search(text, *s)}


def test_sentences_that_mark_day_zero_are_among_those_searched() -> None:
    text = ("She received the graft (DAY 0) without incident. Fever began on Day zero. Her rash faded. "
            "On day 7 she was discharged. Today she is well. Nothing else was noted.")
    sentences = split(text)
    found = timeline._writing_day(text, sentences)
    assert _marked(text, sentences) == {0, 1}
    assert {i for i in range(len(sentences)) if i in found} == {0, 1, 3, 4}  # "day" written: searched


def test_a_text_without_the_word_has_none_to_search() -> None:
    text = "She was admitted with fever. It resolved."
    assert not any(i in timeline._writing_day(text, split(text)) for i in range(2))


def test_any_case_and_any_other_letters() -> None:
    text = "İzmir was her home. She received the graft (dAY 0). Oedema followed on DAY 2."
    sentences = split(text)
    found = timeline._writing_day(text, sentences)
    assert {i for i in range(len(sentences)) if i in found} == {1, 2}
    assert _marked(text, sentences) == {1}
