"""People named with a title ("Mrs Amelia Clarke", "Dr Parkinson"): their names are no clinical mention, whatever a
vocabulary reads in them ("Amelia" is HPO's absence of limbs, "Parkinson" a disease's eponym)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.timex_lexicon import alternation
from casecourse.spans import Covers

_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z]\.)"


@cache
def _named_rx() -> re.Pattern[str]:
    """Titles grouped by their first letter behind one character class, which the regular-expression engine scans for
    in C ("D(?:octor|r)"): an alternation of whole titles is tried at every position, thirty times slower."""
    by_first: dict[str, list[str]] = {}
    for r in table("person_titles.csv"):
        by_first.setdefault(r["title"][0], []).append(r["title"][1:])
    rests = "|".join(f"(?<={first})(?:{alternation(rests)})" for first, rests in sorted(by_first.items()))
    firsts = "".join(sorted(by_first))
    return re.compile(rf"[{firsts}](?<![\w][{firsts}])(?:{rests})\.?[ \t]+"
                      rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})")


def names(text: str) -> list[tuple[int, int]]:
    """The spans of the names written after a title."""
    return [m.span("name") for m in _named_rx().finditer(text)]


def without_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` but those inside a person's name."""
    spans = names(text)
    if not spans:
        return mentions
    inside = Covers(spans)
    return [m for m in mentions if not inside.holds(m.start, m.end)]
