"""Within one sentence of the story: where a later time starts to govern (its clause), whether it moves the story on
or restates the time told, the items of a list of history each dated by its own time, the end of a stay told as a
range of dates, and where the story resumes after a piece of history told in passing (`timeline_story`)."""
from __future__ import annotations

import bisect
import re

from casecourse.assembly.timeline import _before_presentation, _from_calendar, _offset
from casecourse.model import Mention, TimeRef

# "admitted from 14/12/2025 to ", "hospitalized from March 3 until ": the end of a stay told as a range of dates
_RANGE_TO = re.compile(r"\bfrom\s+[^.;,]{1,30}?\s+(?:to|until|till|through)\s+$", re.I)


def _stay_range_end(text: str, sentence: tuple[int, int], tx: Mention, stay_told: list[tuple[int, str]]) -> int | None:
    """Where the discharge that date `tx` ends lies in its sentence, if `tx` ends a range of dates of a stay the
    sentence tells and later discharges ("He was admitted from 14/12/2025 to 20/12/2025 ... and discharged to a
    rehabilitation unit"); None for any other date (a range with no discharge told, "hospitalized from January to July
    2013 and treated for X", is read as before: its end's year may be its start's)."""
    if not _RANGE_TO.search(text, max(sentence[0], tx.start - 45), tx.start):
        return None
    lo = bisect.bisect_left(stay_told, (sentence[0], ""))
    hi = bisect.bisect_left(stay_told, (sentence[1], ""))
    told = stay_told[lo:hi]
    if not any(start < tx.start and norm != "discharge" for start, norm in told):
        return None
    return next((start for start, norm in told if start > tx.start and norm == "discharge"), None)


# the stay a time counted back names ("two days before admission", not "6 months ago")
_NAMES_THE_STAY = re.compile(r"\b(?:admission|presentation|hospitali[sz]ation|arrival)\b", re.I)


# a new clause of the sentence: ", and", ", but", ", then", ";", "and" before a past participle ("held on day 2 and
# restarted ... on day 5"), "then", "but"
_CLAUSE = re.compile(r",\s*(?:and|but|then|and then|followed)\b|;|\band\s+(?:then\s+)?(?=[a-z]+ed\b)|\bthen\b|\bbut\b")


# where an item of a list begins: after its comma, semicolon or "and"
_LIST_ITEM = re.compile(r"[,;]\s*(?:and\s+)?|\band\s+")


def _history_items(text: str, setter: Mention, timexes: list[Mention], current: TimeRef | None,
                   has_calendar: bool, stay: TimeRef | None = None) -> list[tuple[int, TimeRef]]:
    """The later items of a list of history whose sentence a time counted back set ("She had hypertension for 18 years,
    a subarachnoid haemorrhage 17 years ago and tuberculosis 14 years ago"): each item from its start (after the comma
    or "and" before it) to the next, dated by its own time counted back from the presentation (on the calendar, the
    last stay told, `stay`, when the time names it: docqa15)."""
    items: list[tuple[int, TimeRef]] = []
    lo = setter.end
    for tx in timexes:
        if tx.start <= lo or tx.attrs.get("rel_direction") != "before" or tx.attrs.get("vague") \
                or not _before_presentation(text, tx):
            continue
        # on the calendar, "two days before admission" counts back from the stay (`stay`), not from the story's time
        base = stay if has_calendar and stay is not None and tx.attrs.get("rel_anchor") in (
            "admission", "presentation") and _NAMES_THE_STAY.search(
            text, tx.end, int(tx.attrs.get("phrase_end") or tx.end)) else current
        t = _from_calendar(tx, base) if has_calendar else _offset(tx, current)
        if t is None:
            continue
        start = lo
        for m in _LIST_ITEM.finditer(text, lo, tx.start):
            start = m.end()
        items.append((start, t))
        lo = tx.end
        back = _RESUMES_RIGHT_AFTER.match(text, int(tx.attrs.get("phrase_end") or tx.end))
        if current is not None and back is not None:
            # "... and a cholecystectomy 10 years ago presented to the emergency department with ...": the story's time
            items.append((back.start(), current.model_copy(update={"derivation": "carried"})))
            break
    return items


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the time told at `at` starts to govern: at the start of its own clause, the last new clause after the
    time told before it (ending at `lo`), when the expression ends that clause ("held on day 2 and restarted at 2.5 mg
    on day 5": the restart is on day 5), else at the expression itself ("on day 2 ..., and two days later she
    relapsed")."""
    start = at
    for clause in _CLAUSE.finditer(text, lo, at):
        start = clause.start()
    return start


# the story's present told after a piece of history in passing: an admission, a presentation or a referral
_STORY_RESUMES = re.compile(r"(?:[,;]|\band\b)\s+(?:(?:he|she|was|were|is|then|subsequently|now|later|finally)\s+)*"
                            r"(?:admitted|presented|referred|hospitali[sz]ed|came|attended)\b", re.I)


# "A 66-year-old man with a cholecystectomy 10 years ago presented to the emergency department with ...": the
# presentation told right after the history's time (no comma) is the story's own time, as after ", and" (timeqa9); not
# after a vague one ("was recently hospitalized for X": the history's own stay)
_RESUMES_RIGHT_AFTER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:presented|admitted|transferred|referred|brought|"
                                  r"hospitali[sz]ed|attended)\b", re.I)


# a presentation told before a clause that looks back from it: "presented with two days of fever and dark urine after
# starting atorvastatin six weeks earlier", "was admitted with jaundice, having started amoxicillin 3 weeks before"
# (not "since": "epigastralgia since a day prior to admission" dates the symptom's onset):
# the look back dates its own clause (which opens at the group "clause"), the presentation stays at the story's time
PRESENTED_THEN_LOOKS_BACK = re.compile(
    r"\b(?:presented|was\s+admitted|was\s+referred|was\s+brought|was\s+hospitali[sz]ed|attended)\b[^.;]*?"
    r"(?P<clause>,?\s+(?:after|following|having\s+(?:been\s+)?(?=\w+ed\b|taken\b|begun\b|undergone\b|had\b)|"
    # "presented with pain on a background of a gastric band inserted 11 years earlier" (docqa14)
    r"(?:on\s+a\s+|with\s+a\s+)?background\s+(?:(?:medical\s+)?history\s+)?of\b))"
    r"[^.;,]*$", re.I)


def _moves_on(tx: Mention, text: str) -> bool:
    """A later time in a sentence that already has one moves the story on: a calendar date, or an amount counted
    forward from the time just told ("two months later", "after 10 days"); not a length ("for 2 weeks"), nor an
    amount counted from another event the text brings in untimed ("presented on 14 August, two weeks after an
    upper respiratory tract infection": the infection came two weeks before, the story stays)."""
    if tx.type == "date" and tx.attrs.get("kind") == "absolute":
        return True
    end = int(tx.attrs.get("phrase_end") or tx.end)
    if _FROM_UNTIMED_EVENT.match(text, end) and re.search(r"(?:after|following)\s*$", text[tx.start:end], re.I):
        return False
    if _OF_AFTER.match(text, end) and _PRESENTED_BEFORE.search(text, max(0, tx.start - 150), tx.start):
        return False  # "was brought to the emergency department on 2 May after ten days of insomnia": its length
    if _OF_AFTER.match(text, end) and tx.attrs.get("rel_anchor") == "previous" \
            and _DIAGNOSED_BEFORE.search(text, max(0, tx.start - 150), tx.start):
        return False  # "was diagnosed with Still's disease in June 2021 after three weeks of fevers" (docqa15)
    # "... and died on the 7th ICU day", "... and was discharged on hospital day 9": a day count of the stay later in
    # the sentence is a later step too (timeqa10: the death stayed at the sentence's "In the meantime", five days
    # early). (Not yet "POD 7": which operation it counts from is the setter's reading, `day_count_anchor`.)
    counted = tx.attrs.get("rel_anchor") == "previous" or tx.attrs.get("day_count") \
        and tx.attrs.get("rel_anchor") == "admission"
    return tx.attrs.get("rel_direction") == "after" and bool(counted) \
        and not tx.attrs.get("vague") and not tx.attrs.get("age_span")


_FROM_UNTIMED_EVENT = re.compile(r"\s+(?:an?|another)\s+[a-z]", re.I)
# a length of what came before a presentation: "presented ... after ten days of fever" (not "after 10 days of treatment,
# the fever resolved", which no presentation leads)
_OF_AFTER = re.compile(r"\s+of\s+(?!the\s+(?:stay|admission)\b)", re.I)
_PRESENTED_BEFORE = re.compile(r"\b(?:presented|was\s+(?:re)?admitted|were\s+admitted|was\s+brought|was\s+referred|"
                               r"came|attended|sought\s+(?:medical\s+)?(?:care|attention))\b[^.;]*$", re.I)


# a diagnosis told with its date, then the length of the illness that led to it (not of a treatment, whose "after
# 6 weeks of treatment" the reader counts from the treatment)
_DIAGNOSED_BEFORE = re.compile(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?diagnosed\b[^.;]*$", re.I)


_COMMA_ONLY = re.compile(r"\s*,\s*")


def _restates_day(setter: Mention, tx: Mention, text: str) -> bool:
    """ "On DOL 29, two weeks after resuming feeds, ...": an amount told right after a day count, a comma between,
    says how that day relates to an earlier event; it is the same day, not two weeks after it (timeqa8)."""
    return bool(setter.attrs.get("day_count")) and tx.attrs.get("rel_direction") == "after" \
        and _COMMA_ONLY.fullmatch(text, setter.end, tx.start) is not None
