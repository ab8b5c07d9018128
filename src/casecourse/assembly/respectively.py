"""Items paired with times in order by "respectively" ("X and Y were stopped at days 360 and 508, respectively",
"started in 2015 and 2018, respectively", "a laparotomy and a splenectomy on days 2 and 6, respectively").

A list of drugs (or procedures) told before a list of times, the word "respectively" right after the times: the
n-th item takes the n-th time, where the counts match. Without "respectively", or where the counts differ, nothing
is paired (each item keeps the time its sentence gives it). (left13)
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from casecourse.assembly.timeline import SentenceTime
from casecourse.model import Mention, TimeRef

# between two items of one list: "X and Y", "X, Y and Z", "X, Y, and Z", "X or Y"
_ITEM_LINK = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|as\s+well\s+as)\s+)(?:(?:an?|the|then)\s+)?",
                        re.I)
# between the times and the word: "... days 360 and 508, respectively", "(in 2015 and 2018 respectively)"
_RESPECTIVELY_AFTER = re.compile(r"[^.;()]{0,12}?,?\s*\(?\s*respectively\b", re.I)
# between two times of one list: "days 5 and 9", "in 2015 and 2018", "on 3 May, 9 May and 12 May"
_TIME_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|or)\s+)(?:(?:on|in|at|by)\s+)?(?:(?:day|week|month)s?\s+)?",
                        re.I)


def placed_times(st: SentenceTime, mentions: Iterable[Mention],
                 sent: tuple[int, int]) -> list[tuple[int, int, TimeRef]]:
    """The sentence's time expressions among `mentions` as the timeline placed them: (start, end, time), in text
    order (the one that set the sentence's time, and those it moved on to)."""
    placed = dict(st.shifts)
    if st.timex is not None:
        placed[st.timex.start] = st.time
    return [(x.start, int(x.attrs.get("phrase_end") or x.end), placed[x.start]) for x in mentions
            if x.type in ("date", "time") and sent[0] <= x.start < sent[1] and x.start in placed]


def paired_time(text: str, sent: tuple[int, int], items: list[Mention], item: Mention,
                times: list[tuple[int, int, TimeRef]]) -> TimeRef | None:
    """The time "respectively" gives `item`, one of the sentence's `items` (in text order); `times` are the
    sentence's time expressions as placed (start, end, time), in text order. None when the sentence pairs none."""
    s0, s1 = sent
    if "respectively" not in text[item.end:s1].lower():
        return None
    after = [t for t in times if t[0] >= item.end]
    if len(after) < 2:
        return None
    # the list of times: consecutive ones linked as a list, the word right after the last
    run = [after[0]]
    for t in after[1:]:
        if not _TIME_LINK.fullmatch(text, run[-1][1], t[0]):
            break
        run.append(t)
    if len(run) < 2 or not _RESPECTIVELY_AFTER.match(text, run[-1][1], s1):
        return None
    # the list of items: the one ending last before the times, and those linked to it as a list before it
    before = [m for m in items if s0 <= m.start and m.end <= run[0][0]]
    if not before:
        return None
    chain = [before[-1]]
    for m in reversed(before[:-1]):
        if m.end > chain[0].start:
            continue  # (a mention inside another)
        if not _ITEM_LINK.fullmatch(text, m.end, chain[0].start):
            break
        chain.insert(0, m)
    if len(chain) != len(run) or item not in chain:
        return None
    return run[chain.index(item)][2]
