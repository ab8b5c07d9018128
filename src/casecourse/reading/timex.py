"""Time expressions in clinical narratives, recognised and normalised TIMEX3-style.

`find_timexes(text, doc_date)` returns sorted, non-overlapping `Mention`s (the longest candidate
wins; on equal length, the more specific rule). `type` says what the expression means:

- `date`: a calendar date ("In February 2020", "mid-2019", "summer 2019", "the 1990s");
- `time` with `kind` clock: a clock time ("at 07:30 p.m.", TIMEX3 TIME `XXXX-XX-XXT19:30`);
- `duration`: a length of time ("for three months", "a 2-week course");
- `time`: a relative or anchored time ("fourteen months later", "on hospital day 5", "shortly
  after", "3 days before admission", "at 6-month follow-up", "postoperatively"). An age *at an
  event* ("at the age of 12", "at 6 months old") is a `time` anchored to birth with
  `age_years`; this is the choice made for the expressions that are both;
- `time_relation`: a vague relation with no amount ("shortly after", "at that time", "recently",
  "meanwhile"): it moves or carries the story's time (an interval, `vague=True`) but has no
  TIMEX3 value; neither MACCROBAT nor E3C mostly annotates these as time expressions;
- `prepost`: THYME's PREPOSTEXP ("postoperatively", "preoperative", "postpartum"), anchored to
  the event it names; E3C annotates it as a TIMEX3, MACCROBAT not as a Date/Time;
- `frequency`: a TIMEX3 SET ("daily", "every 4 weeks");
- `age`: the age describing someone ("a 26-year-old", "aged 45 years", "in her 50s"),
  including gestational age ("at 35 weeks' gestation", `gestational=True`).

`attrs`: `timex_type` (DATE / DURATION / TIME / SET as TIMEX3 or THYME would label the span, and
PREPOSTEXP for THYME's "postoperative"-like expressions), `value` (TIMEX3 value: `2020-02`,
`2019-SU`, `199`, `P3M`, `PT6H`; relative expressions carry their offset as a duration, e.g.
"fourteen months later" -> `P14M` with `rel_direction=after`, or a calendar value when they are
relative to the writing time and `doc_date` is given), `precision`, `kind`
(absolute / relative / duration / set / age), and for relative ones `rel_direction`
(after / before / within / at), `rel_amount_min` / `rel_amount_max` (days), `rel_anchor`
(previous | admission | discharge | diagnosis | presentation | surgery | birth | onset |
treatment), `rel_unit`, `rel_n_min` / `rel_n_max` (amount in that unit, for calendar arithmetic in
`resolve`), `vague`. `phrase_start` / `phrase_end` give the full phrase with its signal word and
anchor ("within three months", "one month after discharge"); the span itself follows TIMEX3
(see `timex_amounts`). Ages carry `age_years`.

The vocabularies are in `knowledge/timex_lexicon.json`; `resolve` places a relative expression on
the calendar from an anchor date.
"""

from __future__ import annotations

from bisect import bisect_left

from casecourse.model import Mention
from casecourse.reading.timex_amounts import amounts
from casecourse.reading.timex_anchor import calendar_values
from casecourse.reading.timex_calendar import calendar_dates, clock_times
from casecourse.reading.timex_frequency import frequencies
from casecourse.reading.timex_relative import (
    after_events,
    ages_at,
    cycles,
    day_counts,
    dct_refs,
    prepost,
    vague_relations,
)
from casecourse.reading.timex_resolve import resolve
from casecourse.reading.timex_scan import starts_by_family

__all__ = ["find_timexes", "resolve"]


def find_timexes(text: str, doc_date: str | None = None) -> list[Mention]:
    """All time expressions in `text`, sorted by position and non-overlapping.

    `doc_date` (ISO, any precision) is the writing time (a TempEval DCT): it resolves "3 years ago"
    and "last year", and `timex_anchor.calendar_values` then gives relative dates and year-less dates
    ("on 12 March") TIMEX3 calendar values from the story's last date. Without it those keep offset
    or `XXXX` values (normal analysis: no date is invented).
    """
    st = starts_by_family(text)
    cands = [
        *calendar_dates(text, None, st["cal"], doc_date),
        *clock_times(text, st["cal"]),
        *amounts(text, doc_date, st["amt"]),
        *day_counts(text, st["day"]),
        *vague_relations(text, st["vague"]),
        *after_events(text, st["vague"]),
        *ages_at(text, st["age"]),
        *cycles(text, st["cyc"]),
        *dct_refs(text, doc_date, st["dct"]),
        *frequencies(text, st["freq"]),
        *prepost(text, st["pp"]),
    ]
    cands = [c for c in cands if c[1] > c[0]]
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for c in cands:
        i = bisect_left(starts, c[0])
        if i > 0 and ends[i - 1] > c[0] or i < len(starts) and starts[i] < c[1]:
            continue
        starts.insert(i, c[0])
        ends.insert(i, c[1])
        chosen.insert(i, c)
    out = []
    for start, end, _, typ, attrs in chosen:
        value = attrs.get("value")
        out.append(
            Mention.model_construct(
                type=typ,
                start=start,
                end=end,
                text=text[start:end],
                norm=value if isinstance(value, str) else None,
                attrs=attrs,
            )
        )
    if doc_date:
        calendar_values(out, doc_date)
    return out
