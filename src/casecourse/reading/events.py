"""Episode words: admissions, discharges, relapses, flares, remission, death, follow-up.

Each `event` mention says whether the text reports the episode (`attrs["role"] == "occurrence"`:
"was admitted", "he died") or only names it as a time or setting (`"reference"`: "on admission",
"admission laboratory tests", "cause of death"); only occurrences become course events. A cue that carries
its own denial ("poor clinical improvement", "failed to improve": role `denied`) is an occurrence asserted
negated. The cue table is `knowledge/event_cues.csv`.
"""
from __future__ import annotations

import re
from functools import cache
from re import _parser

from casecourse.knowledge import table
from casecourse.model import Assertion, Mention
from casecourse.reading import rx_first, rx_store
from casecourse.reading.rx_first import anchored, finditer

# the values are built right here: pydantic's validation is skipped (speed; see Mention.model_construct)
_make = Mention.model_construct
# a stay told by its length at its end ("discharged after a 13-day admission", "after a 3-week hospitalization"): the
# length is a time (reading/timex_amounts.py), the stay no new admission (left by docqa17)
_LENGTH_OF_STAY_BEFORE = re.compile(
    r"\b(?:after|following|at\s+the\s+end\s+of|completing)\s+(?:an?|the|his|her|their)\s+(?:\d+|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|several|few)[\s-]"
    r"(?:day|week|month)s?\s+(?:(?:hospital|inpatient|ICU)\s+)?$", re.I)

_HEAD_CHARS = 5  # how many leading characters of each cue the lookahead checks


def _head(pattern: str) -> str | None:
    """A lookahead body for the first characters of `pattern`'s matches (as many as every match has, up
    to _HEAD_CHARS), read from its parse tree by rx_first; None when not even the first is known."""
    for k in range(_HEAD_CHARS, 0, -1):
        pos = rx_first._positions(list(_parser.parse(pattern, re.I)), k)
        if pos is not None:
            return "".join("[" + "".join(sorted(rx_first._class_item(a) for a in s)) + "]" for s in pos)
    return None


@cache
def _regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = table("event_cues.csv")
    groups = {f"g{i}": (r["kind"], r["role"]) for i, r in enumerate(rows)}
    alts = [f"\\b(?:{r['pattern']})\\b" for r in rows]
    pattern = "|".join(f"(?P<g{i}>{alt})" for i, alt in enumerate(alts))
    # every alternative starts at \b: the leading \b lets `re` skip word-inner positions at once, and a
    # lookahead of each cue's first characters most of the others (same matches; 1.4 -> 1.0 ms/doc
    # against a lookahead of the first-character class alone)
    heads = [_head(alt) for alt in alts]
    if None in heads:
        return anchored(r"\b(?:" + pattern + ")", re.I), groups
    return rx_store.compile(r"\b(?=" + "|".join(sorted(set(heads))) + ")(?:" + pattern + ")", re.I), groups


def find(text: str) -> list[Mention]:
    regex, groups = _regex()
    out: list[Mention] = []
    for m in finditer(regex, text):
        kind, role = groups[m.lastgroup or ""]
        if role == "denied":
            out.append(_make(type="event", start=m.start(), end=m.end(), text=m.group(0), norm=kind,
                             attrs={"role": "occurrence"}, assertion=Assertion.negated))
            continue
        if kind == "admission" and role == "occurrence" and _LENGTH_OF_STAY_BEFORE.search(
                text, max(0, m.start() - 60), m.start()):
            role = "reference"
        out.append(_make(type="event", start=m.start(), end=m.end(), text=m.group(0), norm=kind,
                         attrs={"role": role}))
    return out
