"""Relative times without an amount-plus-unit core: day counts ("on hospital day 5", "day 3 of
admission", "postoperative day 2", "the 5th day"), vague relations ("shortly after", "the next
day", "at that time"), ages at an event ("at the age of 12"), "after 2 cycles", writing-time
references ("last year") and THYME's pre/post expressions ("postoperatively")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecourse.reading.rx_first import anchored
from casecourse.reading.timex_lexicon import (
    AMOUNT,
    ANCHOR,
    DAY_COUNT_ABBREVIATIONS,
    GESTATION_NOUNS,
    LIFE_DAY_ABBREVIATIONS,
    NUMBER_WORDS,
    ORDINAL,
    ORDINAL_WORDS,
    SCHEDULE_CUES,
    VAGUE_RELATION_EVENTS,
    VAGUE_RELATIONS,
    alternation,
    anchor_keyword,
    parse_amount,
)
from casecourse.reading.timex_scan import matches
from casecourse.reading.timex_values import duration_value, relative_attrs

Cand = tuple[int, int, int, str, dict]

_KIND = (
    r"(?P<kind>post[- ]?operative|postop|post[- ]?transplant(?:ation)?|post[- ]?partum|hospital|"
    r"hospitali[sz]ation|illness|treatment|post[- ]?injury|post[- ]?admission|admission|ICU|study)"
)
_NUMW = alternation([w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "single", "dozen")])
_OF = (
    rf"(?:\s+(?P<rel>of|after|post|following|since|from|in)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    # "the 5th day of the patient's hospital admission": a possessor between
    r"(?:(?:patient|child|infant|baby|neonate|woman|man|boy|girl)['’]s\s+)?"
    rf"(?P<anchor>{ANCHOR}|illness|symptoms?|hospitali[sz]ation|hospital\s+stay|(?:hospital\s+)?admission|fever|"
    r"pregnancy|gestation|therapy|treatment|chemotherapy|follow[- ]?up|his\s+admission|her\s+admission|"
    r"disease))?"
)
_DAY_RX = re.compile(
    # "hospital day (HD) 1", "postoperative day (POD) 7": the abbreviation the text defines may stand in brackets
    # "day +81" (a transplant's or a course's count, its day 0 the event itself)
    rf"\b(?:(?:the|his|her|their)\s+)?(?:{_KIND}\s+)?[Dd]ay\s*(?:\(\s*[A-Z]{{2,4}}\s*\)\s*)?#?\s*(?P<plus>\+\s?)?"
    rf"(?P<n>\d{{1,3}}|{_NUMW})\b"
    rf"(?!\s*(?:[-–]|to)\s*\d|\s*%|\.\d){_OF}",
    re.I,
)
_WEEK_RX = re.compile(
    rf"\b(?:(?:the|his|her|their)\s+)?(?:{_KIND}\s+)?[Ww]eek\s*#?\s*(?P<n>\d{{1,2}})\b"
    rf"(?!\s*(?:[-–]|to)\s*\d|\s*%|\.\d|\s*(?:mg|g|ml|IU|U)\b){_OF}",
)
_SCHEDULE_BEFORE = anchored("|".join(re.escape(c) for c in SCHEDULE_CUES["before"]), re.I)
_SCHEDULE_AFTER = anchored("|".join(re.escape(c) for c in SCHEDULE_CUES["after"]), re.I)
_CLAUSE_END = re.compile(r"[.;]\s")
# "rituximab 375 mg/m2 was added on day 3": a change of the story, not a day of a treatment cycle
_STORY_VERB_BEFORE = re.compile(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:" + "|".join(
    re.escape(v) for v in SCHEDULE_CUES.get("story_verbs", ())) + r")\s+(?:on\s+)?(?:hospital\s+)?$", re.I)
# "HD 14" where the text wrote "hospital day (HD)": an abbreviation of a day count of the stay
# (`knowledge/timex_lexicon.json` day_count_abbreviations), read only in a text that defines it
_ABBR_DAY_RX = re.compile(rf"\b(?P<abbr>{alternation(DAY_COUNT_ABBREVIATIONS)})\s*#?\s*(?P<n>\d{{1,3}})\b"
                          r"(?!\s*(?:[-–]|to)\s*\d|\s*%|\.\d|\s*(?:h|hours?|min|times|sessions?)\b)")
_ABBR_DEFINED = {abbr: re.compile(rf"\b(?:{words})\s+day\s*\(\s*{abbr}\s*\)", re.I)
                 for abbr, words in DAY_COUNT_ABBREVIATIONS.items()}
# "DOL 29" where the text wrote "day of life (DOL)": a day of an infant's life (`life_day_abbreviations`), read only in
# a text that defines it; the defining phrase itself ("on day of life (DOL) 3") is one day count
_LIFE_ABBR_RX = re.compile(
    r"\b(?:(?:" + "|".join(LIFE_DAY_ABBREVIATIONS.values()) + r")\s*\(\s*)?"
    rf"(?P<abbr>{alternation(LIFE_DAY_ABBREVIATIONS)})s?(?:\s*\))?\s*#?\s*(?P<n>\d{{1,3}})\b"
    r"(?!\s*(?:[-–]|to)\s*\d|\s*%|\.\d|\s*(?:h|hours?|min)\b)", re.I)
_LIFE_ABBR_DEFINED = {abbr: re.compile(rf"\b(?:{words})\s*\(\s*{abbr}s?\s*\)", re.I)
                      for abbr, words in LIFE_DAY_ABBREVIATIONS.items()}
_POD_RX = re.compile(r"\b(?:POD\s*#?\s*(?P<n>\d{1,3})|(?P<n2>\d{1,3})(?:st|nd|rd|th)?\s+POD)\b")
_ORD_RX = re.compile(
    rf"\b(?:(?:the|his|her|their)\s+)?(?P<ord>{ORDINAL})\s+(?:{_KIND}\s+)?"
    rf"(?P<unit>day|week|month|year|night)\b{_OF}",
    re.I,
)
#: "the 5th and 8th days of admission": two day counts sharing one unit (and one anchor)
_ORD_PAIR_RX = re.compile(
    rf"\b(?P<ord1>{ORDINAL})\s*(?:,|and|or|&)\s*(?P<ord>{ORDINAL})\s+(?:{_KIND}\s+)?"
    rf"(?P<unit>day|week|month|year|night)s\b{_OF}",
    re.I,
)
#: "on hospital days 5 and 12", "days 3, 7 and 10 of admission": day counts sharing the plural "days" (and one anchor)
_DAYS_LIST_RX = re.compile(
    rf"\b(?:(?:the|his|her|their)\s+)?(?:{_KIND}\s+)?[Dd]ays\s+(?P<ns>\d{{1,3}}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)"
    rf"\d{{1,3}})+)\b(?!\s*(?:[-–]|to)\s*\d|\s*%|\.\d){_OF}",
    re.I,
)
_THE_BEFORE = re.compile(r"\b(?:the|his|her|their)\s+$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
# "the 26th week of her first pregnancy", "the third month of gestation": a gestational age (lexicon gestation_nouns)
_OF_GESTATION = re.compile(
    rf"\s+(?:of|in)\s+(?:(?:the|his|her|their|this|a)\s+)?(?:[a-z]+\s+)?(?:{alternation(GESTATION_NOUNS)})\b", re.I)
_AGE_OF = re.compile(
    r"\b(?:(?P<prep>at|since|by|until|till|from|before|after|around|about|under|over|of|to)\s+)?"
    rf"(?:the\s+)?(?P<age>age[sd]?)\s+(?:of\s+)?(?P<num>{AMOUNT})(?:\s*[-‐]?\s*(?P<unit>years?|yrs?|months?|"
    r"weeks?|days?|y))?(?:\s+old)?\b",
    re.I,
)
_DECADE_AGE = re.compile(
    r"\b(?:in\s+)?(?P<poss>his|her|their|the\s+patient['’]s)\s+(?P<mod>early|mid|late)?"
    r"[\s-]*(?P<n>[1-9]0|teen)['’]?s\b",
    re.I,
)
_CYCLES = re.compile(
    rf"\b(?P<prep>after|following|post)\s+(?P<num>{AMOUNT})\s+(?:more\s+)?(?P<what>cycles?|"
    r"courses?|sessions?|doses?|infusions?|rounds?)\b",
    re.I,
)
# (not "the last week", "her last year of life": a stretch of a life or an illness, not the writing time's)
_DCT = re.compile(r"(?<!the\s)\b(?P<which>last|this|next)\s+(?P<unit>year|month|week)\b(?!\s+of\b)", re.I)
# "last year" without a calendar date: between 1 day and two years before day 0 (the day 0 may be any day of its
# year, the previous year any of the 365 or 366 days before that); likewise two months, two weeks
_DCT_SPAN_DAYS = {"year": 730, "month": 61, "week": 13}
_PREPOST = re.compile(
    r"\b(?P<pp>pre|post|intra|peri)[- ]?(?P<w>operative(?:ly)?|op|surgery|surgical(?:ly)?|partum|"
    r"natal(?:ly)?|procedur(?:e|al(?:ly)?)|transplant(?:ation)?|delivery|discharge|splenectomy|mortem)\b",
    re.I,
)
_AMOUNT_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUMW}|few|several|many))[\s-]*$", re.I)
_VAGUE_KEYS = sorted(VAGUE_RELATIONS, key=lambda k: -len(k))
_VAGUE_RX = re.compile(
    r"\b(?P<prep>(?:at|in|on|during)\s+)?(?P<core>" + "|".join(f"(?:{k})" for k in _VAGUE_KEYS) + r")\b", re.I
)
_VAGUE_ONE = [(re.compile(rf"(?:{k})\Z", re.I), VAGUE_RELATIONS[k]) for k in _VAGUE_KEYS]
_KIND_ANCHOR = [
    ("operative", "surgery"),
    ("op", "surgery"),
    ("transplant", "surgery"),
    ("partum", "birth"),
    ("injury", "onset"),
    ("illness", "onset"),
    ("treatment", "treatment"),
    ("study", "treatment"),
    ("hospital", "admission"),
    ("admission", "admission"),
    ("icu", "admission"),
]
_NOUN_ANCHOR = {
    "life": "birth",
    "illness": "onset",
    "symptom": "onset",
    "symptoms": "onset",
    "fever": "onset",
    "hospitalization": "admission",
    "hospitalisation": "admission",
    "hospital stay": "admission",
    "pregnancy": "onset",
    "gestation": "onset",
    "disease": "onset",
}


def _kind_anchor(kind: str | None) -> tuple[str | None, bool]:
    """(anchor, day_zero) for a day-count kind: post-X days count from day 0, others from day 1."""
    if not kind:
        return None, False
    k = kind.lower()
    for key, anchor in _KIND_ANCHOR:
        if key in k:
            return anchor, k.startswith("post") or k == "postop"
    return None, False


def _noun_anchor(noun: str | None) -> str | None:
    if not noun:
        return None
    n = re.sub(r"^(?:his|her)\s+", "", re.sub(r"\s+", " ", noun.lower()))
    return _NOUN_ANCHOR.get(n) or anchor_keyword(n)


def _day_cand(text: str, m: re.Match, n: float, unit: str = "day") -> Cand:
    kind_anchor, day_zero = _kind_anchor(m.groupdict().get("kind"))
    noun = m.groupdict().get("anchor")
    anchor = kind_anchor or _noun_anchor(noun) or "previous"
    offset = n if day_zero or m.groupdict().get("plus") else max(0.0, n - 1)
    end = m.end() if noun and noun.lower() == "life" else (m.start("rel") - 1 if noun else m.end())
    if unit == "day" or unit == "night":
        attrs = relative_attrs(offset, offset, "day", "after", anchor, False, exact_tol=True)
    else:
        attrs = relative_attrs(n - 1, n, unit, "after", anchor, False, exact_tol=True)
    value = duration_value(
        offset if unit in ("day", "night") else n,
        offset if unit in ("day", "night") else n,
        False,
        "day" if unit == "night" else unit,
    )
    attrs.update(
        kind="relative",
        timex_type="DATE",
        value=value,
        precision="day" if unit in ("day", "night") else unit,
        day_count=int(n),
        phrase_start=m.start(),
        phrase_end=m.end(),
    )
    start = m.start()
    if re.match(r"(?:his|her|their)\s", text[start : start + 6], re.I) and not (
        noun and noun.lower() == "life"
    ):
        start = text.index(" ", start) + 1
    return start, end, 1, "time", attrs


_STAY_KIND = re.compile(r"hospital|hospitali[sz]ation|admission|post[- ]?admission|ICU|post[- ]?operative|postop|"
                        r"illness", re.I)


def _of_the_stay(m: re.Match) -> bool:
    """ "hospital day 5", "postoperative days 1 and 7": a day the count names as one of the stay, the operation or the
    illness, never a day of a treatment cycle, whatever dose notation stands before it ("etoposide 100 mg/m2 was given
    on hospital days 5 and 12")."""
    kind = m.groupdict().get("kind")
    return kind is not None and _STAY_KIND.fullmatch(kind) is not None


def _cycle_day(text: str, start: int, end: int) -> bool:
    """ "paclitaxel 80 mg/m2 on day 1 and 8, repeated every 21 days": a day of a treatment cycle.

    A regimen cue (`schedule_cues` in the lexicon) in the same sentence makes it a schedule day rather than a
    time of the story: a dose per body surface area up to 80 characters before or 60 after the day count, or
    a cycle repetition up to 60 after. A change written right before it ("375 mg/m2 was added on day 3",
    `story_verbs`) is a time of the story unless a cycle repetition follows."""
    story = _STORY_VERB_BEFORE.search(text, max(0, start - 40), start) is not None
    lo = start - 80
    for cut in _CLAUSE_END.finditer(text, max(0, lo), start):
        lo = cut.end()
    hi = min(len(text), end + 60)
    cut = _CLAUSE_END.search(text, end, hi)
    hi = cut.start() if cut else hi
    return bool(not story and _SCHEDULE_BEFORE.search(text, max(0, lo), hi) or _SCHEDULE_AFTER.search(text, end, hi))


def day_counts(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "day 5", "hospital day 5", "POD 2", "the fifth day of life", "the third week", "week 12"."""
    for m in matches(_DAY_RX, text, starts):
        nw = m.group("n").lower()
        n = float(nw) if nw.isdigit() else float(NUMBER_WORDS.get(nw, -1))
        if n >= 0 and (_of_the_stay(m) or not _cycle_day(text, m.start(), m.end())):
            yield _day_cand(text, m, n)
    for m in matches(_WEEK_RX, text, starts):
        if not _cycle_day(text, m.start(), m.end()) and int(m.group("n")) > 0:
            g = _OF_GESTATION.match(text, m.end())  # "week 28 of pregnancy", "gestational week 28"
            if g is not None or _GESTATIONAL_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                yield _gestational(text, m, float(m.group("n")), "week", g.end() if g else m.end())
                continue
            yield _day_cand(text, m, float(m.group("n")), "week")
    for m in matches(_POD_RX, text, starts):
        n = float(m.group("n") or m.group("n2"))
        attrs = relative_attrs(n, n, "day", "after", "surgery", False, exact_tol=True)
        attrs.update(
            kind="relative",
            timex_type="DATE",
            value=duration_value(n, n, False, "day"),
            precision="day",
            day_count=int(n),
            phrase_start=m.start(),
            phrase_end=m.end(),
        )
        yield m.start(), m.end(), 1, "time", attrs
    defined: dict[str, bool] = {}
    for m in matches(_ABBR_DAY_RX, text, starts):
        abbr = m.group("abbr")
        if abbr not in defined:
            defined[abbr] = _ABBR_DEFINED[abbr].search(text) is not None
        if defined[abbr]:  # "died on HD 14": day 14 of the stay, its day 1 being day 0
            yield _abbr_day(m)
    for m in matches(_LIFE_ABBR_RX, text, starts):
        abbr = m.group("abbr").upper()
        if abbr not in defined:
            defined[abbr] = _LIFE_ABBR_DEFINED[abbr].search(text) is not None
        if defined[abbr]:  # "on DOL 29": day 29 of the infant's life, its day 1 being the day of birth
            yield _abbr_day(m, "birth")
    for m in matches(_ORD_RX, text, starts):
        o = m.group("ord").lower().replace(" ", "")
        n = float(re.match(r"\d+", o).group()) if o[0].isdigit() else float(ORDINAL_WORDS[o])
        if n == 1 and m.group("unit").lower() != "day":
            continue  # "the first week" is a duration (E3C, TIMEX3)
        unit = m.group("unit").lower()
        if unit in ("week", "month") and (g := _OF_GESTATION.match(text, m.end("unit"))):
            yield _gestational(text, m, n, unit, g.end())
            continue
        yield _day_cand(text, m, n, unit)
    for m in matches(_ORD_PAIR_RX, text, starts):
        yield from _ord_pair(text, m)
    for m in matches(_DAYS_LIST_RX, text, starts):  # not "between days 1 and 15": a range, not two days
        between = _BETWEEN_BEFORE.search(text, max(0, m.start() - 9), m.start())
        if (_of_the_stay(m) or not _cycle_day(text, m.start(), m.end())) and not between:
            yield from _days_list(text, m)


_GESTATIONAL_BEFORE = re.compile(r"\b(?:gestational|gestation|pregnancy)\s+$", re.I)


def _gestational(text: str, m: re.Match, n: float, unit: str, phrase_end: int) -> Cand:
    """ "in the 26th week of her pregnancy": how far the pregnancy had gone, not a week of the illness. The span keeps
    its TIMEX3 reading (a DATE, as MACCROBAT and E3C annotate it); `gestational` tells the timeline it does not move
    the story's time."""
    start, end, prio, typ, attrs = _day_cand(text, m, n, unit)
    attrs.update(gestational=True, phrase_end=phrase_end)
    return start, end, prio, typ, attrs


def _abbr_day(m: re.Match, anchor: str = "admission") -> Cand:
    """A day count written with its abbreviation ("HD 14", "DOL 29"): counted from the admission (or the birth), its
    day 1 being day 0 of that event."""
    n = float(m.group("n"))
    offset = max(0.0, n - 1)
    attrs = relative_attrs(offset, offset, "day", "after", anchor, False, exact_tol=True)
    attrs.update(kind="relative", timex_type="DATE", value=duration_value(offset, offset, False, "day"),
                 precision="day", day_count=int(n), phrase_start=m.start(), phrase_end=m.end())
    if anchor == "birth":
        attrs["of_life"] = True  # the timeline counts it from the birth, as "day N of life"
    return m.start(), m.end(), 1, "time", attrs


def _ordinal(word: str) -> float:
    o = word.lower().replace(" ", "")
    return float(re.match(r"\d+", o).group()) if o[0].isdigit() else float(ORDINAL_WORDS[o])


def _ord_pair(text: str, m: re.Match) -> Iterator[Cand]:
    """Both day counts of "the 5th and 8th days": the first ("the 5th") takes the unit and anchor of the second."""
    unit = m.group("unit").lower()
    n1, n2 = _ordinal(m.group("ord1")), _ordinal(m.group("ord"))
    if unit != "day" and 1 in (n1, n2):
        return  # "the first and second weeks": durations, as for one ordinal
    the = _THE_BEFORE.search(text, max(0, m.start() - 8), m.start())
    for n, start, end in ((n1, the.start() if the else m.start(), m.end("ord1")),
                          (n2, m.start("ord"), None)):
        _, cand_end, prio, typ, attrs = _day_cand(text, m, n, unit)
        end = cand_end if end is None else end
        attrs.update(phrase_start=start, phrase_end=end)
        yield start, end, prio, typ, attrs


def _days_list(text: str, m: re.Match) -> Iterator[Cand]:
    """Each day count of "hospital days 5 and 12": the first span holds the words before it ("hospital days 5"),
    the last the anchor after it ("12 of admission"); all take the kind and the anchor of the list, and `day_list` tells
    the timeline each is a day count as "day 5" is (counted from day 0), whatever its span's words ("first" or "next":
    MACCROBAT marks the whole list as one Date, scored at the first)."""
    numbers = list(re.finditer(r"\d+", m.group("ns")))
    base = m.start("ns")
    for i, num in enumerate(numbers):
        start, cand_end, prio, typ, attrs = _day_cand(text, m, float(num.group()))
        start = start if i == 0 else base + num.start()
        end = cand_end if i == len(numbers) - 1 else base + num.end()
        attrs.update(phrase_start=start, phrase_end=end, day_list="first" if i == 0 else "next")
        yield start, end, prio, typ, attrs


# "shortly after ICU admission": a vague relation to an event of the stay, within about a day of it (lexicon
# vague_relation_events)
_NARROWED = re.compile(alternation(VAGUE_RELATION_EVENTS["relations"]), re.I)
_EVENT_OF_STAY = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(VAGUE_RELATION_EVENTS['events'])})\b", re.I)


# "Immediately after admission, X was started" told after the story moved on (a topic told from the start): the
# hospital admission's own time (timeqa10); not "shortly after ICU admission" nor "after admission to the ICU" (a
# unit's)
_THE_ADMISSION = re.compile(r"\s+(?:(?:his|her|their|the)\s+)?(?:hospital\s+)?(?:admission|hospitali[sz]ation)\b"
                            r"(?!\s+(?:to|in|into|at)\b)", re.I)


def vague_relations(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "shortly after", "the next day", "at that time", "recently", from the lexicon's windows."""
    for m in matches(_VAGUE_RX, text, starts):
        if _AMOUNT_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "3 months before": the amount rule reads it
        for rx, (direction, lo, hi) in _VAGUE_ONE:
            if not rx.match(m.group("core")):
                continue
            lo, hi = float(lo), float(hi)
            narrowed = _NARROWED.fullmatch(m.group("core")) is not None and bool(_EVENT_OF_STAY.match(text, m.end()))
            if narrowed:  # "shortly after admission": an estimate still, of a narrower window
                lo, hi = (float(x) for x in VAGUE_RELATION_EVENTS["window"])
            unit = {30: "month", 365: "year", 7: "week"}.get(int(lo), "day") if hi - lo <= 1 else "day"
            n = lo / {"month": 30, "year": 365, "week": 7, "day": 1}[unit]
            attrs = relative_attrs(
                n, n if unit != "day" else hi, unit, direction, "previous", hi - lo > 1 or narrowed, exact_tol=True
            )
            attrs.update(
                kind="relative",
                timex_type="DATE",
                value=None,
                precision={"month": "month", "year": "year"}.get(unit, "day" if hi <= 7 else "month"),
                phrase_start=m.start(),
                phrase_end=m.end(),
                signal=(m.group("prep") or "").strip() or None,
            )
            if 0 < lo and hi - lo <= 1:
                attrs["value"] = duration_value(n, n, False, unit)
            if direction == "after" and _THE_ADMISSION.match(text, m.end()):
                attrs["rel_anchor"] = "admission"  # counted from the admission, not from the time told last
            if m.group("core").lower() == "recently":
                attrs.update(rel_anchor="presentation", dct_relative=True)
            if re.search(r"\b(?:time|same|that)\b", m.group("core"), re.I) and lo == hi == 0:
                attrs["value"], attrs["vague"] = None, True
            yield m.start("core"), m.end(), 3, "time" if attrs.get("value") else "time_relation", attrs
            break


_AFTER_EVENT = re.compile(
    r"\b(?P<sig>after|following)\s+(?:(?:his|her|their|the)\s+)?(?P<ev>discharge|surgery|operation|"
    r"transplant(?:ation)?|delivery|recovery)\b",
    re.I,
)
_UNIT_BEFORE = re.compile(r"(?:\b(?:days?|weeks?|months?|years?|hours?|minutes?|h|d|wk|mo|yr)|\d)\s*[-,]?\s*$", re.I)
_EVENT_ANCHOR = {"discharge": "discharge", "delivery": "birth", "recovery": "previous"}


def after_events(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "After discharge", "following surgery": some time after an event of the story, with no amount.

    An open interval (`open_after`): the timeline bounds it by the next stated date."""
    for m in matches(_AFTER_EVENT, text, starts):
        if _UNIT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "one month after discharge": the amount rule reads it
        ev = m.group("ev").lower()
        attrs = {
            "kind": "relative",
            "timex_type": "DATE",
            "value": None,
            "precision": "unknown",
            "rel_direction": "after",
            "rel_anchor": _EVENT_ANCHOR.get(ev, "surgery" if ev != "discharge" else "discharge"),
            "rel_amount_min": None,
            "rel_amount_max": None,
            "vague": True,
            "open_after": True,
            "phrase_start": m.start(),
            "phrase_end": m.end(),
        }
        yield m.start(), m.end(), 5, "time_relation", attrs


def ages_at(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "at the age of 12" (a time: the event happened at that age), "aged 45 years" (an age)."""
    for m in matches(_AGE_OF, text, starts):
        parsed = parse_amount(m.group("num"))
        if parsed is None:
            continue
        lo, hi, vague = parsed
        unit_w = (m.group("unit") or "years").lower()
        unit = "year" if unit_w.startswith("y") else unit_w.rstrip("s")
        prep = (m.group("prep") or "").lower()
        years = round(lo * {"year": 1, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}[unit], 3)
        base = {
            "value": duration_value(lo, hi, vague, unit),
            "precision": unit if unit != "week" else "day",
            "age_years": years,
            "phrase_start": m.start(),
            "phrase_end": m.end(),
            "signal": prep or None,
        }
        if prep and prep not in ("of",) and m.group("age").lower() == "age":
            base.update(
                relative_attrs(lo, hi, unit, "after", "birth", vague, exact_tol=True),
                age_span=True,
                kind="relative",
                timex_type="DATE",
            )
            yield m.start("age"), m.end(), 2, "time", base
        else:
            yield m.start("age"), m.end(), 2, "age", {**base, "kind": "age", "timex_type": "DURATION"}
    for m in matches(_DECADE_AGE, text, starts):
        n = 13 if m.group("n").lower() == "teen" else int(m.group("n"))
        top = 19 if n == 13 else n + 9
        mod = (m.group("mod") or "").lower()
        lo, hi = {"early": (n, n + 3), "mid": (n + 3, n + 6), "late": (n + 6, top)}.get(mod, (n, top))
        yield (
            m.start("poss"),
            m.end(),
            2,
            "age",
            {
                "kind": "age",
                "timex_type": "DURATION",
                "value": "PXY",
                "precision": "decade",
                "age_years": float(lo),
                "age_years_max": float(hi),
                "vague": True,
            },
        )


def cycles(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "after 2 cycles" of a treatment: a time after the treatment start, in cycles (no calendar unit)."""
    for m in matches(_CYCLES, text, starts):
        parsed = parse_amount(m.group("num"))
        if parsed:
            yield (
                m.start(),
                m.end(),
                2,
                "time",
                {
                    "kind": "relative",
                    "timex_type": "DATE",
                    "value": None,
                    "precision": "unknown",
                    "rel_direction": "after",
                    "rel_anchor": "treatment",
                    "rel_unit": m.group("what").lower().rstrip("s"),
                    "rel_n_min": parsed[0],
                    "rel_n_max": parsed[1],
                    "rel_amount_min": None,
                    "rel_amount_max": None,
                    "vague": True,
                    "phrase_start": m.start(),
                    "phrase_end": m.end(),
                },
            )


def dct_refs(text: str, doc_date: str | None, starts: list[int]) -> Iterator[Cand]:
    """ "last year", "this month": relative to the writing time, resolved when `doc_date` is given."""
    for m in matches(_DCT, text, starts):
        unit, which = m.group("unit").lower(), m.group("which").lower()
        n = {"last": -1, "this": 0, "next": 1}[which]
        attrs = {
            "kind": "relative",
            "timex_type": "DATE",
            "precision": unit if unit != "week" else "day",
            "dct_relative": True,
            "rel_anchor": "presentation",
            "vague": False,
            "rel_unit": unit,
            "rel_direction": "before" if n < 0 else "after" if n > 0 else "at",
            "rel_n_min": abs(n),
            "rel_n_max": abs(n),
            "value": {"last": "PAST_REF", "this": "PRESENT_REF", "next": "FUTURE_REF"}[which],
            "phrase_start": m.start(),
            "phrase_end": m.end(),
        }
        if n:  # the whole calendar unit before or after the writing time's own, which may fall anywhere in it
            attrs["rel_amount_min"], attrs["rel_amount_max"] = 1, _DCT_SPAN_DAYS[unit]
        if doc_date and unit in ("year", "month") and len(doc_date) >= 4:
            from casecourse.reading.timex_resolve import add_months, fmt, parse_iso

            d0 = parse_iso(doc_date)[0]
            attrs["value"] = fmt(add_months(d0, n * (12 if unit == "year" else 1)), unit)
        yield m.start(), m.end(), 3, "time", attrs


def prepost(text: str, starts: list[int]) -> Iterator[Cand]:
    """THYME PREPOSTEXP: "postoperatively", "preoperative", "postpartum" (vague, anchored to the event)."""
    for m in matches(_PREPOST, text, starts):
        pp, w = m.group("pp").lower(), m.group("w").lower()
        anchor = (
            "birth"
            if re.match(r"partum|natal|delivery", w)
            else "discharge"
            if w == "discharge"
            else "surgery"
        )
        direction = {"pre": "before", "post": "after", "intra": "at", "peri": "at"}[pp]
        if w == "mortem":
            anchor, direction = "previous", "after"
        yield (
            m.start(),
            m.end(),
            4,
            "prepost",
            {
                "kind": "relative",
                "timex_type": "PREPOSTEXP",
                "value": None,
                "precision": "unknown",
                "rel_direction": direction,
                "rel_anchor": anchor,
                "rel_amount_min": None,
                "rel_amount_max": None,
                "vague": True,
                "phrase_start": m.start(),
                "phrase_end": m.end(),
            },
        )
