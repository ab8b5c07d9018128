"""A child's ages placed on the calendar from the date of birth a letter states ("Re: name, DOB 02/02/2024"): "at 6
months of age" is six months after that birth, and so is a milestone's bare "walked at 20 months" in the story of a
child under five at the document's date. Before, an age with no first age in years stayed unplaced (the history took
the letter's date) and a bare "at 20 months" was counted on from the last time told, so that "sat at 10 months and
walked at 20 months" ran years past the letter itself. No case report states a date of birth."""
from __future__ import annotations

import re

from casecourse.model import Mention, TimeRef
from casecourse.reading.timex_resolve import parse_iso, resolve

# "at 20 months" (not "at 20 months later", "at 20 months of follow-up", "at 20 months after surgery")
_AT_BEFORE = re.compile(r"\bat\s+$", re.I)
_COUNTED_ON = re.compile(r"\s*(?:later|after|post|from|since|of\s+(?:follow|treatment|therapy))", re.I)
_CHILD_AGE = re.compile(r"P\d+(?:\.\d+)?[MW]$")  # an age told in months or weeks
_CHILD_YEARS = 5  # a child's milestones are told in months up to about school age


def birth_date(dates: list[Mention], dob_before: re.Pattern[str], text: str) -> str | None:
    """The day of birth a date after a DOB label states ("DOB 02/02/2024"), when the text states one day."""
    days = {str(m.attrs.get("value")) for m in dates if m.attrs.get("kind") == "absolute"
            and m.attrs.get("precision") == "day" and dob_before.search(text, max(0, m.start - 20), m.start)}
    return next(iter(days)) if len(days) == 1 else None


def from_birth(text: str, tx: Mention, born: str, now: TimeRef | None) -> TimeRef | None:
    """The time of age expression `tx` counted from the birth `born` (ISO day); None when `tx` tells no age of the
    child, or lands after the document's date `now`."""
    a = tx.attrs
    if a.get("rel_direction") != "after":
        return None
    if a.get("rel_anchor") != "birth" or not a.get("age_span"):
        # a bare "at 20 months": an age only in a young child's story, and where nothing counts it on from an event
        if a.get("rel_anchor") != "previous" or now is None or not _CHILD_AGE.match(str(a.get("value") or "")) \
                or not _AT_BEFORE.search(text, max(0, tx.start - 4), tx.start) \
                or _COUNTED_ON.match(text, int(a.get("phrase_end") or tx.end)):
            return None
        try:
            if (parse_iso(now.point or now.earliest or "")[0] - parse_iso(born)[0]).days > 365.25 * _CHILD_YEARS:
                return None
        except (ValueError, TypeError):
            return None
    try:
        lo, hi, point, prec = resolve(tx, born)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None
    placed = TimeRef(earliest=lo, latest=hi, point=point or lo, precision=prec, derivation="relative", text=tx.text,
                     anchor="birth")
    if now is not None and (now.point or now.latest) and (placed.earliest or "") > (now.point or now.latest or ""):
        return None
    return placed
