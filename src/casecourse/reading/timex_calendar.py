"""Calendar dates: "11 June 2018", "June 11, 2018", "mid-2019", "summer 2019", "the 1990s", "02/2019",
"2019-03-04", a bare year only after a word that makes it a time ("in 2008", "since 1999"), and clock
times ("at 07:30 p.m.", "14:15"): TIMEX3 TIME values on an unknown date (`XXXX-XX-XXT19:30`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from casecourse.reading.timex_lexicon import (
    MERIDIEM,
    MILITARY_SIGNALS,
    MILITARY_SUFFIXES,
    MONTHS,
    SEASONS,
    alternation,
)
from casecourse.reading.timex_scan import matches

Cand = tuple[int, int, int, str, dict]

_MOD = (
    r"(?P<mod>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+first\s+half\s+of|"
    r"the\s+second\s+half\s+of)"
)
_MODS = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "first": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "end": "END",
    "second": "END",
}
_MON = "|".join(
    sorted(
        {m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS if len(m) > 3},
        key=lambda w: (-len(w), w),
    )
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?P<d>[0-3]?\d)(?:\s?(?:st|nd|rd|th))?"

_RX: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?\b(?!-\d)")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+(?P<m>{_MON})\.?,?[\s-]+(?P<y>{_YEAR})\b")),
    ("mdy", re.compile(rf"\b(?P<m>{_MON})\.?\s+{_DAY},?\s+(?P<y>{_YEAR})\b")),
    ("my", re.compile(rf"(?:\b{_MOD}[\s-]+)?\b(?P<m>{_MON})\.?(?:\s+of)?,?\s+(?P<y>{_YEAR})\b")),
    # (a number after it may be its year, unless written with thousands: "on 2 April, 9,850 ug/L on 16 April")
    ("dm", re.compile(rf"\b{_DAY}(?:\s+of)?\s+(?P<m>{_MON})\b(?!\s*,?\s*\d(?!\d{{0,2}},\d{{3}}\b))")),
    # the first day of a range that shares the second's month (and year): "from 11 to 15 January 2024"
    ("d_range", re.compile(rf"(?:(?<=from )|(?<=between ))(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
                           rf"(?=\s*(?:to|until|till|and|-|–)\s*[0-3]?\d(?:\s?(?:st|nd|rd|th))?\s+(?P<m>{_MON})\b"
                           rf"(?:,?\s+(?P<y>{_YEAR})\b)?)")),
    ("md", re.compile(rf"\b(?P<m>{_MON})\s+{_DAY}\b(?!\s*,?\s*\d|\s*[-–]|[.,]\d)")),
    (
        "m",
        re.compile(
            rf"(?:\b(?:in|since|until|till|by|from|during|of|through)\s+|\b{_MOD}[\s-]+)(?P<m>"
            rf"{_MON.replace('May|', '')})\b(?!\s*,?\s*\d)"
        ),
    ),
    (
        "num",
        re.compile(
            # (either part up to 31: "24/04/2020" day-first, "4/24/2020" month-first; `_value` tells them apart)
            rf"(?<![\d/.])\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>{_YEAR})\b"
            r"(?![/.]\d)"
        ),
    ),
    # a two-digit year ("14/4/16", "3.11.19", "04/07/21"): read only where the document's four-digit years (or its
    # writing date) settle the century (`_two_digit_years`); not a pressure triple ("25/12/18 mm Hg")
    (
        "num2",
        re.compile(
            r"(?<![\d/.])\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d\d)\b"
            r"(?![/.]\d|\s*(?:mm\s*Hg|mmHg|cm\s*H2O|cmH2O|Hz|%))"
        ),
    ),
    ("my_num", re.compile(rf"(?<![\d/.])\b(?P<m>0?[1-9]|1[0-2])/(?P<y>{_YEAR})\b(?![/.]\d)")),
    # a numeric date without its year after a preposition of time ("On 3/14 he was intubated", "until 3/20"), read
    # only in a document that writes its dates so (one "num" date at least): elsewhere "on 2/3" may be a fraction;
    # not after "from" or "to" ("power improved from 3/5 to 4/5", "GCS dropped to 5/15": scores)
    (
        "num_md",
        re.compile(
            r"(?:(?<=\b[Oo]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Tt]hrough ))"
            r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)\b(?![/.,]\d|\s*(?:of|%))"
        ),
    ),
    (
        "season",
        re.compile(
            rf"(?:\b{_MOD}[\s-]+)?\b(?:the\s+)?(?P<s>{alternation(SEASONS)})(?:\s+of)?,?\s+"
            rf"(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    ("decade", re.compile(rf"\b(?:the\s+)?(?:{_MOD}[\s-]+)?(?P<y>(?:1[89]|20)\d0)['’]?s\b")),
    (
        "year",
        re.compile(
            rf"(?:\b{_MOD}[\s-]+|(?<![\d.,/:-]))\b(?P<y>{_YEAR})\b(?![.,]\d|\s*(?:%|mg|g\b|kg\b|mcg|[µμu]g\b|"
            r"ml|mL|cc\b|[lL]\b|kcal|cal\b|mmol|mEq|IU|U\b|units?\b|copies|cells|patients|cases|subjects|"
            r"participants|individuals|people|mm\b|cm\b|m\b|bp\b|/|×|x\s*\d)"
            r"|\s*[-–]\s*\d+\s*(?:%|mg|g\b|kg\b|ml|mL|cc\b|[lL]\b|kcal|units?\b|IU|U\b|cells|mmol|/))"
        ),
    ),
]
#: a bare year counts only after one of these words (or a date modifier, or inside a year range); a clinical past
#: participle dates itself in a history list's shorthand ("SLE diagnosed 2015", "mycophenolate stopped 2019",
#: "nephritis (biopsy-proven 2017)")
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|from|to|by|during|between|and|or|through|before|"
    r"diagnosed|dx|started|stopped|discontinued|commenced|ceased|proven|confirmed|"
    r"after|of|year|born|around|circa|c\.|early|late|mid|[Ss]ummer|[Ww]inter|[Ss]pring|"
    r"[Aa]utumn|[Ff]all|[Ii]n)|[–-])\s*$",
    re.I,  # "During 2013, ...", "Since 2015, ...", "From 1995 to 2014": a cue opening the sentence
)
_CASE_I = {"season"}
# a short line that ends with its year in brackets, a history list's item ("2. Type 2 diabetes (2012)",
# "Cholecystectomy (2008)"): the item's date, not a citation (one stands inside a line of prose)
_LINE_ITEM_YEAR = re.compile(r"[^\n(]{2,60}\(\s*(?:1[89]\d\d|20\d\d)\s*\)[ \t]*[.;,]?[ \t]*(?:\n|$)")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _mod(m: re.Match) -> str | None:
    mod = m.groupdict().get("mod")
    if not mod:
        return None
    for word in mod.lower().split():
        if word in _MODS:
            return _MODS[word]
    return None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _ymd(y: int, mo: int | None, d: int | None) -> tuple[str, str] | None:
    if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
        return None
    if mo is None:
        return f"{y:04d}", "year"
    if d is None:
        return f"{y:04d}-{mo:02d}", "month"
    return f"{y:04d}-{mo:02d}-{d:02d}", "day"


def _value(kind: str, m: re.Match, doc_year: int | None, month_first: bool = False) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind in ("iso", "dmy", "mdy", "my"):
        mo = int(g["m"]) if kind == "iso" and g.get("m") else _month(g["m"]) if g.get("m") else None
        d = int(g["d"]) if g.get("d") else None
        return _ymd(int(g["y"]), mo, d)
    if kind == "d_range" and g.get("y"):
        return _ymd(int(g["y"]), _month(g["m"]), int(g["d"]))
    if kind in ("dm", "md", "m", "d_range"):
        y = f"{doc_year:04d}" if doc_year else "XXXX"
        mo, d = _month(g["m"]), int(g["d"]) if g.get("d") else None
        if d is not None and not 1 <= d <= 31:
            return None
        return (f"{y}-{mo:02d}-{d:02d}", "day") if d else (f"{y}-{mo:02d}", "month")
    if kind in _NUMERIC:
        a, b = int(g["a"]), int(g["b"])
        # day-first unless only month-first is valid, or the document's other dates settle month-first
        day, mo = (b, a) if a <= 12 < b or month_first and b <= 12 else (a, b)
        if kind == "num_md":
            if not (1 <= mo <= 12 and 1 <= day <= 31):
                return None
            y = f"{doc_year:04d}" if doc_year else "XXXX"  # the story's year, as for "on 14 March"
            return f"{y}-{mo:02d}-{day:02d}", "day"
        return _ymd(_full_year(int(g["y"])), mo, day)
    if kind == "my_num":
        return _ymd(int(g["y"]), int(g["m"]), None)
    if kind == "season":
        return f"{int(g['y']):04d}-{SEASONS[g['s'].lower()]}", "season"
    if kind == "decade":
        return g["y"][:3], "decade"
    return f"{int(g['y']):04d}", "year"


_NUMERIC = ("num", "num_md")


def _month_first(found: list[re.Match]) -> bool:
    """Whether the document's numeric dates settle the month-first order (US "12/18/2023"): some date is valid only
    month-first and none only day-first ("20/01/2023"). Then "03/04/2024" of the same document is 4 March, not 3
    April; a document that settles nothing, or both ways, keeps each date's own reading (day-first where both are
    valid, with `ambiguous_order`)."""
    a_b = [(int(m.group("a")), int(m.group("b"))) for m in found]
    return any(a <= 12 < b for a, b in a_b) and not any(b <= 12 < a for a, b in a_b)


def _full_year(y: int) -> int:
    """A two-digit year in its century ("03/04/21" is 2021, "/98" 1998); a four-digit one as written."""
    return y if y > 100 else (2000 + y if y <= 40 else 1900 + y)


def _ordinal(y: int, mo: int, d: int) -> int | None:
    try:
        return date(_full_year(y), mo, d).toordinal()
    except ValueError:
        return None


def _closer_month_first(found: list[re.Match]) -> bool:
    """Whether numeric dates that settle no order ("Admission Date: 03/02/2021  Discharge Date: 03/09/2021") are
    much closer together read month-first (7 days) than day-first (7 months): a document's dates cluster, so the
    month-first reading is then the estimate (each date still holds both readings: `value_alt`). Needs two dates
    whose readings differ and a spread at least four times and four weeks shorter."""
    if sum(1 for m in found if m.group("a") != m.group("b")) < 2:
        return False
    spans = []
    for month_first in (False, True):
        days = [_ordinal(int(m.group("y")), *((int(m.group("a")), int(m.group("b"))) if month_first
                                               else (int(m.group("b")), int(m.group("a")))))
                for m in found]
        if None in days:
            return False
        spans.append(max(days) - min(days))  # type: ignore[type-var, operator]
    day_first_span, month_first_span = spans
    return month_first_span * 4 <= day_first_span and day_first_span - month_first_span >= 28


def _day_first(found: list[re.Match]) -> bool:
    """Whether the document's numeric dates settle the day-first order (UK "20/01/2023"): some date is valid only
    day-first and none only month-first. Then "03/04/2024" of the same document is 3 April, as read, and no longer
    only an estimate (before, only the month-first order was ever settled)."""
    a_b = [(int(m.group("a")), int(m.group("b"))) for m in found]
    return any(b <= 12 < a for a, b in a_b) and not any(a <= 12 < b for a, b in a_b)


def _bare_year_skipped(text: str, m: re.Match) -> bool:
    """A bare year with no word before it that makes it a time (`_YEAR_CUE`) and no history item's brackets."""
    return (
        not m.group("mod")
        and not _YEAR_CUE.search(text, max(0, m.start() - 12), m.start())
        and not (text[m.end():m.end() + 3].lstrip(" \t").startswith(")")
                 and _LINE_ITEM_YEAR.match(text, _line_start(text, m.start())))
    )


_YEARS_OF = ("iso", "dmy", "mdy", "my", "d_range", "num", "my_num", "season", "year")
# a three-number score or version, not a date: "Apgar scores of 9/9/10", "version 2.1.10"
_NOT_A_DATE_BEFORE = re.compile(
    r"\b(?:apgars?(?:\s+scores?)?(?:\s+(?:of|were|was|at\s+1,\s*5\s+and\s+10\s+min(?:utes)?))?|versions?|release|v)"
    r"\.?\s*$",
    re.I,
)


def _two_digit_years(text: str, found_by: dict[str, list[re.Match]], written: str | None) -> list[re.Match]:
    """Numeric dates with a two-digit year ("14/4/16") whose century the document settles: 20yy is not after the
    latest four-digit year the document dates by (or its writing date, when known), as in a case report of this
    century telling its course in short dates ("admitted in 2015 ... DLI on 14/4/16"). A year after every year the
    document writes in full ("30/5/19" where the latest is 2018), or a document with no four-digit year, leaves the
    date unread: its century is not told (19yy is as possible), and no date is invented."""
    years = [int(m.group("y")) for kind in _YEARS_OF for m in found_by[kind]
             if m.groupdict().get("y") and (kind != "year" or not _bare_year_skipped(text, m))]
    if written and written[:4].isdigit():
        years.append(int(written[:4]))
    if not years:
        return []
    latest = max(years)
    return [m for m in found_by["num2"]
            if 2000 + int(m.group("y")) <= latest
            and not _NOT_A_DATE_BEFORE.search(text, max(0, m.start() - 48), m.start())]


def calendar_dates(text: str, doc_year: int | None, starts: list[int], written: str | None = None) -> Iterator[Cand]:
    """Candidate calendar dates as `(start, end, priority, type, attrs)`. `written`: the document's writing date
    (ISO), when the caller knows it; it settles the century of two-digit years as the document's own years do."""
    found_by = {kind: list(matches(rx, text, starts)) for kind, rx in _RX}
    two_digit = _two_digit_years(text, found_by, written)
    found_by["num"] = sorted(found_by["num"] + two_digit, key=lambda m: m.start())
    found_by["num2"] = []
    if not found_by["num"]:
        found_by["num_md"] = []
    numeric = found_by["num"] + found_by["num_md"]
    month_first = _month_first(numeric)
    day_first = not month_first and _day_first(numeric)
    # (a date valid only one way settles or splits the order; `_closer_month_first` reads no date invalid either way)
    closer_month_first = not month_first and not day_first and _closer_month_first(found_by["num"])
    for kind, _rx in _RX:
        found = found_by[kind]
        for m in found:
            if kind == "year" and _bare_year_skipped(text, m):
                continue
            got = _value(kind, m, doc_year, month_first and kind in _NUMERIC)
            if got is None:
                continue
            value, precision = got
            start = m.start("m") if kind == "m" and not m.group("mod") else m.start()
            if text.startswith("the", start) and kind != "decade":
                start += 4
            attrs = {"timex_type": "DATE", "value": value, "precision": precision, "kind": "absolute"}
            if (mod := _mod(m)) is not None:
                attrs["mod"] = mod
            if kind in _NUMERIC:
                a, b = int(m.group("a")), int(m.group("b"))
                attrs["ambiguous_order"] = a <= 12 and b <= 12
                if month_first and attrs["ambiguous_order"]:
                    attrs["order_settled"] = "month-first"
                elif day_first and attrs["ambiguous_order"]:
                    attrs["order_settled"] = "day-first"
                elif attrs["ambiguous_order"] and a != b and (alt := _value(kind, m, doc_year, True)) is not None:
                    attrs["value_alt"] = alt[0]  # the month-first reading the text does not rule out ("03/04/2024")
                    if closer_month_first:  # the estimate is the reading under which the document's dates cluster
                        attrs["value"], attrs["value_alt"] = attrs["value_alt"], attrs["value"]
                if len(m.groupdict().get("y") or "") == 2:
                    attrs["two_digit_year"] = True
            yield start, m.end(), 0, "date", attrs


#: "7 p.m.", "07:30 pm" (any hour with a meridiem) or a two-digit 24-hour "14:15" / "07:00 h"; a one-digit
#: "1:40" without a meridiem is a ratio or a titre, and a time inside a range of numbers is not read
_MERIDIEM = alternation(MERIDIEM).replace(r"\.", r"\.?")
_CLOCK = re.compile(
    rf"(?<![\d:.,/])\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>{_MERIDIEM})(?![\w])"
    r"|(?<![\d:.,/])\b(?P<h2>[01]\d|2[0-3]):(?P<mi2>[0-5]\d)(?:\s?h\b)?(?![\d:/])"
    # "at 0400 h", "at 1530 hours": a four-digit 24-hour time with an hours word (lexicon clock military_*)
    rf"|(?<![\d:.,/])\b(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s?(?:{alternation(MILITARY_SUFFIXES)})\b(?![\d:/])",
    re.I,
)
_MILITARY_SIGNAL = re.compile(rf"\b(?:{alternation(MILITARY_SIGNALS)})\s+$", re.I)
_SENTENCE_END = re.compile(r"\s*$|\s+[A-Z(]")


def clock_times(text: str, starts: list[int]) -> Iterator[Cand]:
    """ "at 07:00 p.m.", "9 am", "14:30": a TIMEX3 TIME with no date (the text's date is not assumed)."""
    for m in matches(_CLOCK, text, starts):
        if m.group("ap"):
            h, mi = int(m.group("h")), int(m.group("mi") or 0)
            if not 1 <= h <= 12:
                continue
            pm = m.group("ap").lower().startswith("p")
            h = (h % 12) + (12 if pm else 0)
        elif m.group("h2"):
            h, mi = int(m.group("h2")), int(m.group("mi2"))
        else:  # "1530 hours" is a clock time after a signal word ("at"); "0400 h" always (no duration has a leading 0)
            if not m.group("h3").startswith("0") and not _MILITARY_SIGNAL.search(text, max(0, m.start() - 16),
                                                                                   m.start()):
                continue
            h, mi = int(m.group("h3")), int(m.group("mi3"))
        end = m.end()
        if text[end - 1] == "." and _SENTENCE_END.match(text, end):
            end -= 1  # the sentence's full stop after "p.m", as the corpora mark it
        attrs = {"timex_type": "TIME", "value": f"XXXX-XX-XXT{h:02d}:{mi:02d}", "precision": "minute",
                 "kind": "clock"}
        yield m.start(), end, 0, "time", attrs
