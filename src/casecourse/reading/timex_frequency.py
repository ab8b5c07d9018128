"""Frequencies (TIMEX3 SET): "daily", "twice a week", "every 4 weeks", "3 times per day", "q8h",
"b.i.d.", "4-hourly", "on alternate days". The value is the period (P1D), `freq` the count per
period ("2X"), following TIMEX3."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from casecourse.reading.timex_lexicon import AMOUNT, FREQUENCY_WORDS, UNIT, parse_amount
from casecourse.reading.timex_scan import matches, may_start
from casecourse.reading.timex_values import duration_value, unit_of

Cand = tuple[int, int, int, str, dict]

_PERIOD = r"(?P<per>day|d|week|wk|month|mo|year|yr|hour|h|hr|night|morning|evening)"
_TIMES = rf"(?P<times>once|twice|thrice|(?:{AMOUNT})\s*(?:times|x|×|episodes?|stools?|seizures?|attacks?)?)"
_TIMES_X = rf"(?P<times>once|twice|thrice|(?:{AMOUNT})\s*(?:times|x|×))"
_WORDS = {k: v for k, v in FREQUENCY_WORDS.items() if v[0]}
# days of the week a dose is taken on: in the plural ("on Mondays and Thursdays") or abbreviated with slashes ("on
# Mon/Wed/Fri"); "on Monday and Tuesday" tells two days, not a weekly schedule
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days"
_WEEKDAY_ABBR = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
_LATIN = {k for k in _WORDS if "\\" in k}
_RX = [
    ("times_per", re.compile(rf"\b{_TIMES}\s*(?:(?:a|an|per|each|every|in\s+a)\b\s*|/){_PERIOD}\b", re.I)),
    (
        "times_word",
        re.compile(rf"\b{_TIMES_X}\s+(?P<word>daily|weekly|monthly|yearly|nightly|hourly|annually)\b", re.I),
    ),
    (
        "every",
        re.compile(
            rf"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{AMOUNT})\s*[-–]?\s*)?"
            rf"(?P<unit>{UNIT})\b",
            re.I,
        ),
    ),
    (
        "q",
        re.compile(
            r"\bq\.?\s?(?P<n>\d+(?:\s*[-–]\s*\d+)?)\s?(?P<u>h|hr|hrs|hours?|d|days?|wk|weeks?|mo|"
            r"months?)\b\.?",
            re.I,
        ),
    ),
    ("n_ly", re.compile(rf"\b(?P<num>{AMOUNT})[- ]?(?P<word>hourly|daily|weekly|monthly|yearly)\b", re.I)),
    # "sixth hourly", "6th hourly" (British and Indian prescribing): every sixth hour, not every hour
    ("nth_ly", re.compile(r"\b(?P<ord>\d{1,2}(?:st|nd|rd|th)|second|third|fourth|sixth|eighth|twelfth)[- ]?hourly\b",
                          re.I)),
    (
        "count",
        re.compile(
            rf"\b(?P<times>{AMOUNT})\s+times\b(?!\s+(?:the|higher|greater|lower|more|less|"
            r"normal|upper|as|that|than|above|below|over|its|his|her|their|baseline))",
            re.I,
        ),
    ),
    ("per", re.compile(r"\bper\s+(?P<per>day|week|month|year)\b", re.I)),
    # "on a weekly basis", "on a three-monthly basis", "on a 6 months basis": the SET is "a ... basis"
    (
        "basis",
        re.compile(
            rf"\b(?<=\bon\s)an?\s+(?:(?P<num>{AMOUNT})[\s-]*)?(?:(?P<word>daily|weekly|monthly|yearly|hourly|"
            rf"annual)|(?P<unit>{UNIT}))\s+basis\b",
            re.I,
        ),
    ),
    # "checked at 6-hour intervals", "at 3-month intervals": a SET (MACCROBAT marks it Frequency), no point in time
    # the next sentence could be placed at (exposure QA, expqa9)
    ("interval", re.compile(rf"\b(?P<num>{AMOUNT})[\s-]*(?P<unit>{UNIT})\s+intervals\b", re.I)),
    # "(once daily) on Mondays, Wednesdays and Fridays", "on Mon/Wed/Fri": a dose on each day named, every week (a
    # letter's prophylaxis; documents QA round docqa11); "once daily" before it is its count per day, not a daily dose
    ("weekdays", re.compile(
        rf"\b(?:(?:once|one)\s+(?:daily|a\s+day)\s+)?(?<![\w-])on\s+(?P<days>{_WEEKDAYS}(?:\s*(?:,\s*(?:and\s+)?|and\s+"
        rf"|&\s*){_WEEKDAYS})+|{_WEEKDAY_ABBR}(?:/{_WEEKDAY_ABBR})+)\b", re.I)),
    # "applied at night", "taken at bedtime": THYME/TimeML leave the preposition out of the TIMEX3
    ("night", re.compile(r"(?<=\bat\s)(?P<word>night|bedtime)\b", re.I)),
    (
        "word",
        re.compile(
            r"\b(?:"
            + "|".join(sorted((k for k in _WORDS if k not in _LATIN), key=lambda w: -len(w)))
            + r")\b",
            re.I,
        ),
    ),
    ("latin", re.compile(r"(?<![\w.])(?:" + "|".join(sorted(_LATIN, key=lambda w: -len(w))) + r")(?![\w])")),
]
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "sixth": 6, "eighth": 8, "twelfth": 12}
_LY_UNIT = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annual": "year"}
_PER_UNIT = {
    "d": "day",
    "night": "day",
    "morning": "day",
    "evening": "day",
    "wk": "week",
    "mo": "month",
    "yr": "year",
    "h": "hour",
    "hr": "hour",
}


@lru_cache(maxsize=4096)  # pure in its argument
def _word_value(word: str) -> tuple[str, int] | None:
    w = word.lower()
    for k, (value, times) in _WORDS.items():
        if re.fullmatch(k, w, re.I):
            return value, int(times)
    return None


@lru_cache(maxsize=4096)  # pure in its argument
def _times(s: str) -> tuple[float, float] | None:
    s = re.sub(r"\s*(?:times|x|×|episodes?|stools?|seizures?|attacks?)$", "", s.strip().lower())
    if s in ("once", "twice", "thrice"):
        n = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[s]
        return n, n
    got = parse_amount(s)
    return (got[0], got[1]) if got else None


def _freq(lo: float, hi: float) -> str:
    return f"{lo:g}X" if lo == hi else f"{lo:g}-{hi:g}X"


# doses counted by the number before a schedule word ("three daily pulses of X"; not "cycles": "six three-weekly
# cycles" are every three weeks)
_COUNTED_NOUN = re.compile(r"\s+(?:pulses|doses|infusions|injections|boluses|administrations|sessions)\b", re.I)
# the patterns that begin with a count ("twice", "3", "three"); they are tried only where one stands
_COUNTED = {"times_per", "times_word", "n_ly", "count", "interval"}
_COUNT_HEAD = re.compile(rf"\b(?:once|twice|thrice|{AMOUNT})", re.I)


def frequencies(text: str, starts: list[int]) -> Iterator[Cand]:
    """Candidate frequencies as `(start, end, priority, type, attrs)`."""
    # each counted pattern needs `_COUNT_HEAD` to match where it starts: one check instead of four
    counted = [s for s in may_start(_COUNT_HEAD, text, starts) if _COUNT_HEAD.match(text, s)]
    for kind, rx in _RX:
        for m in matches(rx, text, counted if kind in _COUNTED else starts):
            g = m.groupdict()
            freq = None
            if kind == "times_per":
                per = g["per"].lower()
                t = _times(g["times"])
                if t is None:
                    continue
                value, freq = duration_value(1, 1, False, _PER_UNIT.get(per, per)), _freq(*t)
            elif kind in ("times_word", "n_ly") and kind == "times_word":
                t = _times(g["times"])
                if t is None:
                    continue
                value, freq = _word_value(g["word"])[0], _freq(*t)
            elif kind == "n_ly":
                got = parse_amount(g["num"])
                if got is None or g["num"].lower() in ("a", "an"):
                    continue  # "a daily exercise": the article is no count (the word rule reads "daily")
                if text[m.end("num")] == " " and _COUNTED_NOUN.match(text, m.end()):
                    continue  # "three daily pulses", "six monthly infusions": the number counts the doses
                unit = _LY_UNIT[g["word"].lower()]
                value = duration_value(got[0], got[1], got[2], unit)
            elif kind == "nth_ly":
                n = _ORDINALS.get(g["ord"].lower()) or int(g["ord"][:-2])
                value = duration_value(float(n), float(n), False, "hour")
            elif kind == "every":
                unit = unit_of(g["unit"])
                if g["num"]:
                    got = parse_amount(g["num"])
                    if got is None:
                        continue
                    value = duration_value(got[0], got[1], got[2], unit)
                else:
                    value = duration_value(2 if g["other"] else 1, 2 if g["other"] else 1, False, unit)
            elif kind == "q":
                u = g["u"].lower()
                unit = (
                    "hour"
                    if u.startswith("h")
                    else "day"
                    if u.startswith("d")
                    else "week"
                    if u.startswith("w")
                    else "month"
                )
                nums = [float(x) for x in re.findall(r"\d+", g["n"])]
                value = duration_value(nums[0], nums[-1], False, unit)
            elif kind == "count":
                t = _times(g["times"])
                if t is None:
                    continue
                value, freq = None, _freq(*t)
            elif kind == "per":
                value, freq = duration_value(1, 1, False, g["per"].lower()), "1X"
            elif kind == "basis":
                got = parse_amount(g["num"]) if g["num"] else (1.0, 1.0, False)
                unit = unit_of(g["unit"]) if g["unit"] else _LY_UNIT[g["word"].lower()]
                if got is None or unit not in ("hour", "day", "week", "month", "year"):
                    continue
                value, freq = duration_value(got[0], got[1], got[2], unit), "1X"
            elif kind == "interval":
                got = parse_amount(g["num"])
                if got is None or g["num"].lower() in ("a", "an"):
                    continue
                value, freq = duration_value(got[0], got[1], got[2], unit_of(g["unit"])), "1X"
            elif kind == "weekdays":
                n = len(re.findall(rf"\b{_WEEKDAY_ABBR}", g["days"], re.I))
                value, freq = "P1W", f"{n}X"
            elif kind == "night":
                value, freq = "P1D", "1X"
            else:
                got = _word_value(m.group())
                if got is None:
                    continue
                value, freq = got[0], f"{got[1]}X"
            attrs = {"kind": "set", "timex_type": "SET", "value": value, "precision": "unknown"}
            if freq:
                attrs["freq"] = freq
            attrs.update(_timing(value, freq))
            yield m.start(), m.end(), 2, "frequency", attrs


_PERIOD_RX = re.compile(r"P(T?)(\d+(?:\.\d+)?)([SMHDWY])")
_FHIR_UNIT = {("T", "S"): "s", ("T", "M"): "min", ("T", "H"): "h", ("", "D"): "d", ("", "W"): "wk", ("", "M"): "mo",
              ("", "Y"): "a"}


def _timing(value: str | None, freq: str | None) -> dict:
    """The same reading as FHIR Timing.repeat (`frequency` per `period` `period_unit`), as the dose
    reader gives it, so either mention of one frequency serves the exposure assembly."""
    m = _PERIOD_RX.fullmatch(value or "")
    count = re.fullmatch(r"(\d+)X", freq or "1X")
    if not m or not count:
        return {}
    period = float(m.group(2))
    return {"frequency": int(count.group(1)), "period": period, "period_unit": _FHIR_UNIT[(m.group(1), m.group(3))]}
