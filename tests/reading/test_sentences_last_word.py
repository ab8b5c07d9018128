"""The last word before a full stop, read backwards (sentences._last_word), is what the search it replaced found."""
from __future__ import annotations

import re

import pytest

from casecourse.reading.sentences import _last_word, split

_SEARCHED = re.compile(r"[\w.]++$")


@pytest.mark.parametrize("text", ["seen by Dr", "e.g", "on day 3", "J", "x, i.e", "end\n", "a b\n", "", "  ", "a/b",
                                  "élan vital", "one\n\n", "x_y", "3.5 mg"])
def test_the_last_word_is_the_searched_one(text: str) -> None:
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            m = _SEARCHED.search(text, lo, hi)
            assert _last_word(text, lo, hi) == ((m.start(), m.group()) if m else None), (text, lo, hi)


def test_an_abbreviation_or_an_initial_ends_no_sentence() -> None:
    text = "She was seen by Dr. Smith on day 3. J. Smith e.g. agreed. The rash faded."
    assert [text[s:e] for s, e in split(text)] == ["She was seen by Dr. Smith on day 3.",
                                                   "J. Smith e.g. agreed.", "The rash faded."]
