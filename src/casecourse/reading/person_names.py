"""People named with a title ("Mrs Amelia Clarke", "Dr Parkinson"): their names are no clinical mention, whatever a
vocabulary reads in them ("Amelia" is HPO's absence of limbs, "Parkinson" a disease's eponym)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.spans import Covers

_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z]\.)"


@cache
def _named_rx() -> re.Pattern[str]:
    titles = sorted((re.escape(r["title"]) for r in table("person_titles.csv")), key=lambda t: (-len(t), t))
    return re.compile(rf"\b(?:{'|'.join(titles)})\.?[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})")


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
