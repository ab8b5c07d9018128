"""Episode words: admissions, discharges, relapses, flares, remission, death, follow-up.

Each `event` mention says whether the text reports the episode (`attrs["role"] == "occurrence"`:
"was admitted", "he died") or only names it as a time or setting (`"reference"`: "on admission",
"admission laboratory tests", "cause of death"); only occurrences become course events. The cue
table is `knowledge/event_cues.csv`.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.rx_first import anchored


@cache
def _regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = table("event_cues.csv")
    groups = {f"g{i}": (r["kind"], r["role"]) for i, r in enumerate(rows)}
    pattern = "|".join(f"(?P<g{i}>\\b(?:{r['pattern']})\\b)" for i, r in enumerate(rows))
    # every alternative starts at \b: the leading \b lets `re` skip word-inner positions at once, and the
    # lookahead of the first-character class (rx_first.anchored) most of the others (same matches)
    return anchored(r"\b(?:" + pattern + ")", re.I), groups


def find(text: str) -> list[Mention]:
    regex, groups = _regex()
    out: list[Mention] = []
    for m in regex.finditer(text):
        kind, role = groups[m.lastgroup or ""]
        out.append(Mention(type="event", start=m.start(), end=m.end(), text=m.group(0), norm=kind,
                           attrs={"role": role}))
    return out
