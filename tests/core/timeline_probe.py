"""Helpers of the timeline tests: the time placed at a word of a text, and an offset's midpoint in days."""
from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def at(text: str, word: str) -> TimeRef:
    """The time `place_sentences` gives the text at the first occurrence of `word`."""
    reading = read(text)
    placed = place_sentences(reading)
    k = text.index(word)
    i = next(j for j, (a, b) in enumerate(reading.sentences) if a <= k < b)
    st = placed[i]
    assert st is not None
    return st.at(k)
