"""TIMEX3 calendar values for relative expressions, when the caller supplies a reference date.

TempEval-style evaluations give the system the document creation time (DCT); the annotators then
write relative expressions as calendar values: "One month later" after "in December 2013" is
`2014-01`, "five years earlier" in a report written in 2013 is `2008`, and a relative date with no
calendar anchor is `XXXX-XX-XX`. `calendar_values` does this in one pass over the expressions in
text order (a HeidelTime-like "narrative" strategy):

- the anchor is the last calendar date of the text (an absolute date, or a relative one already
  placed); an expression looking back ("before", "earlier", "ago") with no such date before it
  is placed from the reference date, one looking forward is not;
- only offsets from the story's own time (`rel_anchor` previous) are placed; an offset from an
  event with no date ("the 7th day of illness", "3 days after surgery") gets `XXXX-XX-XX`;
- a year-less absolute date ("in late September") takes the anchor's year (else the reference year);
- hour and minute offsets ("six hours later", "48 hours before") keep their duration value;
- an exact offset before the presentation or admission ("6 days prior to presentation") with no calendar
  date before it is a DATE counted back from the reference date (the presentation taken as the DCT);
- an ordinal day counted from an undated event ("the 11th post-operative day", at most a month) in a story
  whose last date is a bare year takes that year; a placed date later than the reference date (a chain
  of offsets gone astray) is written `XXXX-XX-XX` instead;
- an age at an event ("at age 3") in the story of "a 17-year-old" is a year counted from the birth year
  that age and the reference date give (an estimate TempEval annotators also make), and anchors what follows.

The offset stays in the `rel_*` attributes and in `offset_value`; the timeline reads those, not
`value`. Normal analysis (no reference date) never calls this, so no date is invented there.
"""

from __future__ import annotations

from casecourse.model import Mention
from casecourse.reading.timex_resolve import parse_iso, resolve

_UNKNOWN = {"year": "XXXX", "decade": "XXXX"}
_LOOKING_BACK = {"before"}
#: offsets placed on the calendar; hours and minutes keep their duration value ("six hours later" is
#: PT6H): a day-precision anchor cannot place them, and the story's clock time is rarely known
_CALENDAR_UNITS = ("day", "week", "month", "year", "decade")


def _iso(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        parse_iso(value)
    except ValueError:
        return None
    return value


def _placed(m: Mention, anchor: str) -> str | None:
    try:
        _, _, point, _ = resolve(m, anchor)
    except (ValueError, TypeError, OverflowError):
        return None
    return point


def _birth_year(mentions: list[Mention], reference_date: str) -> int | None:
    """The patient's birth year, estimated from the first age in years ("a 17-year-old") and the reference
    date (taken as the time of presentation), or None when the text states no such age."""
    for m in mentions:
        if m.type == "age" and not m.attrs.get("gestational") and not m.attrs.get("vague"):
            years = m.attrs.get("age_years")
            if isinstance(years, (int, float)) and years >= 1 and float(years).is_integer():
                return int(reference_date[:4]) - int(years)
            return None
    return None


def _before_index_visit(m: Mention) -> bool:
    """An exact amount of calendar units before the presentation or admission ("2 weeks prior to admission")."""
    a = m.attrs
    return (m.type == "time" and a.get("kind") == "relative" and a.get("rel_direction") == "before"
            and a.get("rel_anchor") in ("presentation", "admission") and not a.get("vague")
            and not a.get("dct_relative") and a.get("rel_unit") in _CALENDAR_UNITS
            and a.get("rel_n_min") is not None and a.get("rel_n_min") == a.get("rel_n_max"))


def _within_story_year(m: Mention, last: str | None) -> bool:
    """An ordinal day or week counted from an undated event of the story ("the 5th post-operative day")
    when the story's last date is a bare year written in the text ("In 1996"; not one counted from an offset):
    the day falls within (or just after) that year, and TempEval annotators write the year; a finer anchor
    or a longer offset is not guessed."""
    a = m.attrs
    return (last is not None and len(last) == 4 and a.get("day_count") is not None
            and a.get("rel_anchor") not in ("previous", "birth") and not a.get("vague")
            and a.get("rel_unit") in ("day", "week") and float(a.get("rel_amount_max") or 0) <= 31)


def calendar_values(mentions: list[Mention], reference_date: str) -> None:
    """Give the relative DATE expressions of `mentions` (in text order) calendar values, in place."""
    if _iso(reference_date) is None:
        return
    last: str | None = None
    written = False  # whether `last` is a date written in the text (not one placed from an offset)
    birth = _birth_year(mentions, reference_date)
    for m in mentions:
        a = m.attrs
        kind = a.get("kind")
        value = a.get("value")
        if a.get("age_span") and birth is not None and a.get("rel_unit") == "year" and not a.get("vague"):
            # "at age 3" in the story of "a 17-year-old" written in 2013: about 1999 (an estimate)
            year = birth + int(float(a.get("rel_n_min") or 0))
            if year <= int(reference_date[:4]):
                a["offset_value"] = value
                a["value"] = m.norm = f"{year:04d}"
                last, written = a["value"], False
            continue
        if kind == "absolute":
            if isinstance(value, str) and value.startswith("XXXX"):
                a["value"] = m.norm = (last or reference_date)[:4] + value[4:]
            written = _iso(a.get("value")) is not None or written
            last = _iso(a.get("value")) or last
            continue
        if _before_index_visit(m) and last is None:
            # "6 days prior to presentation", "six months before admission" in a story with no calendar date
            # yet: a point counted back from the presentation, which TempEval annotators take to be the DCT
            point = _placed(m, reference_date)
            if point:
                a["offset_value"] = value
                a["value"] = m.norm = point
                a["timex_type"] = "DATE"
                last, written = point, False
            continue
        if m.type != "time" or kind != "relative" or a.get("timex_type") != "DATE":
            continue
        if a.get("dct_relative"):
            written = written and not _iso(value)
            last = _iso(value) or last
            continue
        if a.get("age_span") or a.get("rel_n_min") is None or a.get("rel_unit") not in _CALENDAR_UNITS:
            continue
        direction = a.get("rel_direction")
        anchor = last
        if anchor is None and direction in _LOOKING_BACK:
            anchor = reference_date
        a["offset_value"] = value
        if written and _within_story_year(m, last):
            # "on the eleventh post-operative day" in a story now in "1996": the story's year (an estimate)
            a["value"] = m.norm = last
            continue
        if a.get("rel_anchor") != "previous" or a.get("vague"):
            anchor = None
        point = _placed(m, anchor) if anchor else None
        if point and point > reference_date[:len(point)]:
            point = None  # after the publication date: the chain of offsets went astray; claim no date
        if point:
            a["value"] = m.norm = point
            last, written = point, False
        else:
            a["value"] = m.norm = _UNKNOWN.get(str(a.get("rel_unit")), "XXXX-XX-XX")
