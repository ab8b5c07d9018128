"""How far a reader faithful to the text can get on E3C TIMEX3: a ceiling read from the gold alone.

    python -m casecourse.evaluation.e3c_ceiling [--corpora DIR] [--split train|test|all] [--list]

**Values.** Every gold TIMEX3 value (not `NO_VALUE`) is compared (with the scorer's `values_equal`) to the
values a small set of stated rules produce from the span, its sentence and the document text; the rules
use the vocabulary of `knowledge/timex_lexicon.json` and are independent of the product reader:

- text alone: `duration` (an amount and a unit: "3 weeks" P3W, "several months" PXM), `set` (a frequency:
  "daily" P1D, "every 8 hours" PT8H, "twice yearly" P1Y: TimeML puts the period in the value), `calendar`
  (a date written out: "July 2016", "27 July 2020", "1999"), `narrative_anchor` (a relative date counted
  from the last calendar date written *before* it, TempEval's reference time: "11 days later" after
  "August 2020"; an offset finer than the anchor keeps the anchor's precision), `unknown_anchor`
  (a relative or vague date with no written date before it: `XXXX-XX-XX`);
- text plus docTime: `doctime_offset` (a deictic offset with no written date before it, counted back from
  docTime at the unit's precision: "4 years ago" 2017 for docTime 2021-02-08; also "previously", "back",
  "earlier", "the previous week"), `presentation_is_doctime` (an offset before the presentation, admission
  or visit counted from docTime: an E3C habit, not a TimeML rule; reported apart).

A value no rule produces is *not derivable* and gets the first reason that fits: `malformed` (not a TIMEX3
value, e.g. `201-02`), `contradicts_text` (the span states an amount the value does not: "3 d" P2D),
`approximate_notation` (a duration within 1% of the stated one but not equal: P30.4W for 30 weeks 3 days),
`coarser_than_text` (a truncation of a derived value: "10 months ago" 2020 where the rule gives 2020-01),
`off_by_one` (one unit off a derived value in its last field), `anchor_not_in_text` (any other value:
a calendar date the text and docTime do not give, such as "day 3" of an undated admission).

Two ceilings are printed: `any rule` (a value counts if any rule gives it: an upper bound no consistent
reader reaches) and `one policy` (one fixed choice per expression: the first applicable rule in the order
calendar, set, narrative anchor, docTime offset for deictic words, unknown anchor, duration).

**Spans.** Each gold span whose core names a time unit is checked for the words at its edges ("for",
"a total of", "the" before; "later", "ago", "after", "before", "previously", "postoperatively" after):
inside the span or just outside it. An edge word found both ways in the split is annotated
inconsistently; a reader with one convention loses the minority. Time expressions written in the text
but not annotated, whose surface form (numbers as N) is annotated elsewhere in the split, are counted the
same way (e.g. "daily" after a dose). The span ceiling is the strict F1 of a reader that takes the majority
reading everywhere and is otherwise perfect; lenient F1 suffers only from the annotation-presence part.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from casecourse.evaluation.gold import GoldDoc
from casecourse.evaluation.readers.e3c import canonical_value, read_e3c, values_equal
from casecourse.reading.timex_lexicon import (
    AMOUNT,
    FREQUENCY_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    UNITS,
    alternation,
    parse_amount,
)

_UNIT = alternation([u for u in UNITS if len(u) > 1 or u in ("h", "d", "y")])
_QTY = re.compile(rf"(?<![\w.])(?:(?P<amt>{AMOUNT}|another|more)\s*-?\s*)?"
                  r"(?:(?P<more>more|additional|completed|full|consecutive)\s+)?"
                  rf"(?P<unit>{_UNIT})(?:'s)?(?![\w])", re.I)
_BARE_UNIT = re.compile(rf"^(?:the\s+)?(?P<unit>{_UNIT})$", re.I)
_MONTH = alternation([m for m in MONTHS if len(m) > 3] + ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                            "sept", "oct", "nov", "dec"])
_CAL_DMY = re.compile(rf"\b(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_CAL_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_CAL_MY = re.compile(rf"\b({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.I)
#: a bare year, not a measurement ("2000 mg") nor part of a longer number
_CAL_Y = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d/-]|[.,]\d)(?!\s*(?:mg|mcg|ml|g\b|kg|u\b|iu|%|/|cells|mm|cm))",
                    re.I)
_ORD = alternation(ORDINAL_WORDS)
_CARDINAL = {w: int(v) for w, v in NUMBER_WORDS.items() if " " not in w and w not in ("a", "an") and v >= 1
             and float(v).is_integer()}
_DAY_N = re.compile(rf"\bday\s+(\d+|{alternation(_CARDINAL)})\b|\b(\d+)\s*(?:st|nd|rd|th)\b|\b({_ORD})\b", re.I)
_ORD_UNIT = re.compile(r"\b(?:first|1\s?st)\s+(?P<unit>hour|day|week|month|year)\b", re.I)
_ELLIPSIS = re.compile(rf"^\s*(?:and|or|to)\s+(?:{AMOUNT})\s+(?P<unit>{_UNIT})\b", re.I)
_FORWARD = re.compile(r"^\W*(?:later|afterwards?|thereafter|after\s*(?:[,.;)]|$)|after\s+that)", re.I)
_BACKWARD = re.compile(r"^\W*(?:ago|back|earlier|previously|before\s*(?:[,.;)]|$))", re.I)
_EVENT_BEFORE = re.compile(r"^\W*(?:before|prior\s+to)\s+(?:the\s+|her\s+|his\s+|their\s+)?(\w+(?:\s+\w+)?)", re.I)
_DCT_EVENTS = re.compile(r"\b(?:presentation|admission|hospitali[sz]ation|visit|consultation|referral)\b", re.I)
_RELATIVE = re.compile(r"\b(?:later|ago|previous(?:ly)?|earlier|back|after|before|prior|next|following|same|that|"
                       r"the\s+time|recent(?:ly)?|soon|then|now|current(?:ly)?|day|days|week|month|year)\b|"
                       rf"\b\d+\s*(?:st|nd|rd|th)\b|\b{_ORD}\b", re.I)
_VALUE = re.compile(r"(?:\d{4}|XXXX)(?:-(?:\d{2}|XX|W\d{2}|WXX)(?:-(?:\d{2}|XX))?)?(?:T\w+)?|"
                    r"P(?:\d+(?:\.\d+)?|X)[YMWD]|PT(?:\d+(?:\.\d+)?|X)[HMS]|P(?:\d+[YMWD])+|"
                    r"(?:PAST|FUTURE|PRESENT)_REF")
_GRAN_LEN = {"Y": 4, "M": 7, "D": 10}
_UNIT_GRAN = {"Y": "Y", "M": "M", "W": "D", "D": "D", "H": "D", "S": "D"}
_FREQ_RES = [(re.compile(rf"\b{k}(?!\w)", re.I), v[0]) for k, v in FREQUENCY_WORDS.items() if v[0]]


@dataclass
class Verdict:
    value: str
    category: str  # "text", "doctime", "not_derivable", "no_value"
    rule: str  # the rule (derivable) or the reason (not derivable)
    policy_ok: bool = False


def _unit(word: str) -> tuple[str, bool]:
    """TIMEX3 unit letter and whether it is a clock unit (PT...)."""
    u = UNITS[word.lower().rstrip("'s") if word.lower().rstrip("'s") in UNITS else word.lower()]
    return u[1], bool(u[2])


def _duration(n: float | None, letter: str, clock: bool) -> str:
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"PT{amount}{letter}" if clock else f"P{amount}{letter}"


def durations(span: str) -> list[tuple[str, float | None, str]]:
    """(value, amount, unit letter) for each amount of time in the span; vague or bare units have no amount."""
    out = []
    for m in _QTY.finditer(span):
        letter, clock = _unit(m.group("unit"))
        amt = (m.group("amt") or "").strip().lower()
        if amt == "":
            if not m.group("unit").lower().endswith("s") or len(m.group("unit")) < 3:
                continue  # "day 3", "per day": a bare singular unit is no amount of time
            n: float | None = None
        elif amt == "another":
            n = 1.0
        elif amt == "more":
            n = None
        else:
            parsed = parse_amount(amt)
            n = None if parsed is None or parsed[2] or parsed[0] != parsed[1] else parsed[0]
        out.append((_duration(n, letter, clock), n, letter if not clock else "T" + letter))
    if not out and (b := _BARE_UNIT.match(span.strip())) and b.group("unit").lower().endswith("s"):
        letter, clock = _unit(b.group("unit"))
        out.append((_duration(None, letter, clock), None, letter))
    return out


def calendar_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of the calendar dates written in the text, longest reading first per place."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, v: str) -> None:
        if not any(a < e and s < b for a, b in taken):
            found.append((s, e, v))
            taken.append((s, e))

    for m in _CAL_DMY.finditer(text):
        add(m.start(), m.end(), f"{m.group(3)}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}")
    for m in _CAL_MDY.finditer(text):
        add(m.start(), m.end(), f"{m.group(3)}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}")
    for m in _CAL_MY.finditer(text):
        add(m.start(), m.end(), f"{m.group(2)}-{_month(m.group(1)):02d}")
    for m in _CAL_Y.finditer(text):
        add(m.start(1), m.end(1), m.group(1))
    return sorted(found)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    for name, n in MONTHS.items():
        if name.startswith(w[:3]):
            return n
    raise KeyError(word)


def shift(anchor: str, n: float, letter: str) -> str:
    """`anchor` (YYYY, YYYY-MM or YYYY-MM-DD) moved by n units, at the coarser of both precisions."""
    gran = "Y" if len(anchor) == 4 else "M" if len(anchor) == 7 else "D"
    unit_gran = _UNIT_GRAN[letter.lstrip("T")]
    order = "YMD"
    if order.index(unit_gran) > order.index(gran):  # finer than the anchor: keep the anchor
        return anchor
    y, mo, d = (int(x) for x in (anchor + "-01-01")[:10].split("-"))
    k = int(n)
    if letter == "Y":
        y += k
    elif letter == "M":
        y, mo = y + (mo - 1 + k) // 12, (mo - 1 + k) % 12 + 1
    else:
        days = k * 7 if letter == "W" else k if letter == "D" else k // 24
        dt = date(y, mo, min(d, 28)) + timedelta(days=days)
        y, mo, d = dt.year, dt.month, dt.day
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    coarser = gran if order.index(gran) < order.index(unit_gran) else unit_gran
    return out[:_GRAN_LEN[coarser]]


@dataclass
class Context:
    doc: GoldDoc
    dates: list[tuple[int, int, str]] = field(default_factory=list)

    def anchor(self, start: int) -> str | None:
        """The last calendar date written before `start` (TempEval's reference time)."""
        before = [v for s, e, v in self.dates if e <= start]
        return before[-1] if before else None


def candidates(ctx: Context, start: int, end: int) -> dict[str, list[str]]:
    """Rule name -> values that rule gives for the gold span [start, end)."""
    text = ctx.doc.text
    span = text[start:end]
    low = span.lower()
    right = text[end:end + 40]
    out: dict[str, list[str]] = defaultdict(list)
    cal = [v for s, e, v in ctx.dates if start <= s and e <= end]
    out["calendar"] += cal
    for rx, value in _FREQ_RES:
        if rx.search(span):
            out["set"].append(value)
    if re.search(r"\b(?:every|per|a|each|once|twice|times)\b", low) or re.search(r"\bhourly\b|\bbasis\b", low):
        for value, n, _letter in durations(span):
            if n is not None:
                out["set"].append(value)
        if re.search(r"\b(?:per|a|in\s+a)\s+day\b|\bevery\s+day\b", low):
            out["set"].append("P1D")
    if m := re.search(r"\b(\d+)\s*-?\s*hourly\b|\bq\.?\s?(\d+)\s?h(?:rs?)?\b", low):
        out["set"].append(f"PT{m.group(1) or m.group(2)}H")
    if re.fullmatch(r"(?:right\s+)?now|currently|at\s+present|presently", low.strip()):
        out["deictic_ref"].append("PRESENT_REF")
    if low.strip() == "night" and re.search(r"\b(?:at|every|each)\s+$", text[max(0, start - 8):start], re.I):
        out["set"].append("P1D")
    durs = durations(span)
    if not durs and (c := _ELLIPSIS.match(right)) and (p := parse_amount(span.strip().lower())) and not p[2]:
        letter, clock = _unit(c.group("unit"))  # "three and four months": the unit of the next amount
        durs = [(_duration(p[0], letter, clock), p[0], ("T" if clock else "") + letter)]
    for value, _n, _u in durs:
        out["duration"].append(value)
    if len(durs) == 2 and all(n is not None for _v, n, _u in durs):  # "30 weeks 3 days" -> P30W3D
        out["duration"].append("P" + "".join(f"{int(n)}{u}" for _v, n, u in durs))
    if o := _ORD_UNIT.search(low):  # "the first week", "the 1st hour": one unit
        letter, clock = _unit(o.group("unit"))
        out["duration"].append(_duration(1, letter, clock))
    anchor = ctx.anchor(start)
    dct = ctx.doc.reference_date
    if not cal and (mo := re.search(rf"\b({_MONTH})\b", span, re.I)) and (anchor or dct):
        year = (anchor or dct)[:4]  # a month without a year: the year of the story (or of docTime)
        out["narrative_anchor" if anchor else "doctime_offset"].append(f"{year}-{_month(mo.group(1)):02d}")
    relative = bool(_RELATIVE.search(span) or _FORWARD.match(right) or _BACKWARD.match(right)
                    or _EVENT_BEFORE.match(right))
    amounts = [(n, u) for _v, n, u in durs if n is not None]
    fwd = bool(_FORWARD.match(right) or re.search(r"\b(?:later|after|afterwards|next|following)\s*$", low))
    back = bool(_BACKWARD.match(right) or re.search(r"\b(?:ago|back|earlier|previously|before|prior)\s*$", low))
    ev = _EVENT_BEFORE.match(right)
    if anchor:
        for n, u in amounts:
            if fwd:
                out["narrative_anchor"].append(shift(anchor, n, u.lstrip("T")))
            if back or ev:
                out["narrative_anchor"].append(shift(anchor, -n, u.lstrip("T")))
        day = _DAY_N.search(low)
        if day and re.search(r"\bday", low) and not amounts:
            k = _day_number(day)
            out["narrative_anchor"] += [shift(anchor, k - 1, "D"), shift(anchor, k, "D")]
        if (o := re.search(rf"\b(?:(\d+)\s*(?:st|nd|rd|th)|({_ORD}))\s+(?:\w+\s+)?(week|month|year)s?\b", low)):
            k = int(o.group(1)) if o.group(1) else ORDINAL_WORDS[o.group(2)]
            out["narrative_anchor"].append(shift(anchor, k - 1, o.group(3)[0].upper()))
        if re.search(r"\b(?:that|those|the\s+early|the\s+first|the\s+last)\s+(?:\w+\s+)?(?:days?|weeks?)\b", low):
            out["narrative_anchor"].append(anchor)
        if re.search(r"\b(?:the\s+)?(?:day\s+after|next\s+day|following\s+day)\b", low):
            out["narrative_anchor"].append(shift(anchor, 1, "D"))
        if re.search(r"\bnext\s+morning\b", low):
            v = shift(anchor, 1, "D")
            out["narrative_anchor"].append(v + "TMO" if len(v) == 10 else v)
        if re.search(r"\b(?:same\s+day|that\s+day|(?:that|the)\s+time|then)\b", low):
            out["narrative_anchor"].append(anchor)
        if m := re.search(r"\bprevious\s+(week|month|year)\b", low):
            out["narrative_anchor"].append(shift(anchor, -1, m.group(1)[0].upper()))
    elif relative and not cal:
        if fwd or back or ev or not amounts:
            out["unknown_anchor"].append("XXXX-XX-XX")
            for _n, u in amounts[:1]:  # TimeML writes the unknown at the expression's precision
                out["unknown_anchor"].append({"Y": "XXXX", "M": "XXXX-XX"}.get(u, "XXXX-XX-XX"))
    if dct and not anchor and not cal:
        deictic = _BACKWARD.match(right) or re.search(r"\b(?:ago|back|earlier|previously)\s*$", low)
        for n, u in amounts:
            if deictic:
                out["doctime_offset"].append(shift(dct, -n, u.lstrip("T")))
            elif ev and _DCT_EVENTS.search(ev.group(1)):
                out["presentation_is_doctime"].append(shift(dct, -n, u.lstrip("T")))
        if m := re.search(r"\bprevious\s+(week|month|year)\b", low):
            unit = m.group(1)[0].upper()
            v = shift(dct, -1, unit)
            out["doctime_offset"].append(_iso_week(v) if unit == "W" else v)
    return dict(out)


def _iso_week(day: str) -> str:
    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def _day_number(m: re.Match) -> int:
    w = next(g for g in m.groups() if g).lower()
    if w.isdigit():
        return int(w)
    return ORDINAL_WORDS.get(w) or _CARDINAL[w]


_POLICY = ("calendar", "set", "deictic_ref", "narrative_anchor", "doctime_offset", "unknown_anchor", "duration")
_TEXT_RULES = ("calendar", "set", "narrative_anchor", "unknown_anchor", "deictic_ref", "duration")
_DCT_RULES = ("doctime_offset", "presentation_is_doctime")


def classify_value(ctx: Context, start: int, end: int, raw: str | None) -> Verdict:
    if not raw or raw == "NO_VALUE":
        return Verdict(raw or "", "no_value", "-")
    gold = canonical_value(raw)
    cands = candidates(ctx, start, end)
    policy = next((cands[r][0] for r in _POLICY if cands.get(r)), None)
    ok = policy is not None and values_equal(gold, policy)
    for cat, rules in (("text", _TEXT_RULES), ("doctime", _DCT_RULES)):
        for r in rules:
            if any(values_equal(gold, v) for v in cands.get(r, [])):
                return Verdict(gold, cat, r, ok)
    return Verdict(gold, "not_derivable", _reason(gold, cands, ctx.doc.reference_date), ok)


def _reason(gold: str, cands: dict[str, list[str]], doc_time: str | None) -> str:
    if not _VALUE.fullmatch(gold):
        return "malformed"
    derived = [v for vs in cands.values() for v in vs]
    stated = cands.get("duration", [])
    if gold.startswith("P") and any(_approx(gold, v) for v in stated):
        return "approximate_notation"
    if gold.startswith("P") and not stated:
        return "no_stated_amount"
    if gold.startswith("P") and (m := re.fullmatch(r"P(T?)(\d+(?:\.\d+)?)([YMWDH])", gold)):
        for v in stated:
            if (s := re.fullmatch(r"P(T?)(\d+)([YMWDH])", v)) and s.group(3) == m.group(3) and s.group(2) != m.group(2):
                return "contradicts_text"
    for v in derived:
        if re.fullmatch(r"\d{4}(?:-\d{2})?", gold) and len(v) > len(gold) and v.startswith(gold):
            return "coarser_than_text"
    dct = doc_time or ""
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", gold) and dct and gold > dct[:len(gold)]:
        return "later_than_doctime"
    for v in derived:
        if len(v) == len(gold) and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", gold) and _off_by_one(gold, v):
            return "off_by_one"
    return "anchor_not_in_text"


def _approx(a: str, b: str) -> bool:
    def days(v: str) -> float | None:
        m = re.fullmatch(r"P((?:\d+(?:\.\d+)?[YMWD])+)", v)
        if not m:
            return None
        per = {"Y": 365.25, "M": 30.4375, "W": 7, "D": 1}
        return sum(float(x) * per[u] for x, u in re.findall(r"(\d+(?:\.\d+)?)([YMWD])", m.group(1)))
    x, y = days(a), days(b)
    return x is not None and y is not None and x != y and abs(x - y) <= 0.01 * max(x, y)


def _off_by_one(a: str, b: str) -> bool:
    if not (re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", a) and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", b)):
        return False
    pa, pb = a.split("-"), b.split("-")
    return pa[:-1] == pb[:-1] and abs(int(pa[-1]) - int(pb[-1])) == 1 or \
        (len(pa) == 3 and abs((date.fromisoformat(a) - date.fromisoformat(b)).days) == 1)


# -- spans ----------------------------------------------------------------------------------------------------
_EDGE_BEFORE = ("a total of", "for", "another", "the", "at least", "about", "almost", "approximately", "over",
                "on", "at", "in", "after", "during", "within", "since", "until")
_EDGE_AFTER = ("later", "ago", "previously", "earlier", "back", "before", "prior to", "after", "postoperatively",
               "post-operatively", "of admission", "every day", "of age")
_TIME_CORE = re.compile(rf"\b(?:{_UNIT}|daily|hourly|weekly|monthly|yearly)\b", re.I)
#: time expressions a reader would mark: an amount of time or a frequency (ages are not TIMEX3)
_DETECT = re.compile(rf"(?<![\w.])(?:(?:{AMOUNT})[\s-]*(?:{_UNIT})(?![\w])"
                     r"(?![\s-]*(?:old|of\s+age|size|female|male|boy|girl|infant|child|man|woman|gentleman|lady|patient))|"
                     rf"daily|every\s+(?:other\s+)?(?:\d+\s+)?(?:{_UNIT})|\d+\s*hourly)(?!\w)", re.I)


def edge_readings(doc: GoldDoc) -> list[tuple[str, str, bool, int]]:
    """(side, edge word, inside?, gold index) for gold spans with a time-unit core. "after"/"before" are told
    apart as adverbs closing a clause ("two days after.") and as prepositions before an event ("after surgery");
    the longest edge phrase wins ("at least" is not also "at")."""
    out = []
    text = doc.text
    for i, g in enumerate(doc.spans):
        low = g.text.lower()
        if not _TIME_CORE.search(low):
            continue
        before, after = text[max(0, g.start - 20):g.start].lower(), text[g.end:g.end + 30].lower()
        for w in sorted(_EDGE_BEFORE, key=len, reverse=True):
            if re.match(rf"{re.escape(w)}\s", low) and _TIME_CORE.search(low[len(w):]):
                out.append(("before", w, True, i))
                break
            if re.search(rf"(?<![\w-]){re.escape(w)}\s+$", before):
                out.append(("before", w, False, i))
                break
        for w in sorted(_EDGE_AFTER, key=len, reverse=True):
            inner = re.search(rf"\s{re.escape(w)}(?P<rest>(?:\s+\w.*)?)\W*$", low)
            outer = re.match(rf"\s+{re.escape(w)}\b(?P<rest>\s*\w?)", after)
            if not inner and not outer:
                continue
            if w in ("after", "before"):
                rest = inner.group("rest").strip() if inner else outer.group("rest").strip()
                following = rest or (re.match(r"\s*\w", after) is not None if inner else False)
                w = f"{w} + event" if following else f"{w} (adverb)"
            out.append(("after", w, bool(inner), i))
            break
    return out


def _shape(s: str) -> str:
    s = re.sub(r"\d+(?:\.\d+)?", "N", s.lower())
    return re.sub(r"\s+", " ", s).strip()


_AGE_BEFORE = re.compile(r"\b(?:age|aged)(?:\s+of)?(?:\s+about)?\s*$", re.I)


def unannotated(doc: GoldDoc) -> list[tuple[int, int, str]]:
    """Time expressions in the text that overlap no gold span."""
    return [(m.start(), m.end(), m.group(0)) for m in _DETECT.finditer(doc.text)
            if not _AGE_BEFORE.search(doc.text, max(0, m.start() - 25), m.start())
            and not any(g.start < m.end() and m.start() < g.end for g in doc.spans)]


# -- report ---------------------------------------------------------------------------------------------------
def analyse(docs: list[GoldDoc]) -> dict:
    verdicts: list[tuple[str, str, Verdict]] = []
    for d in docs:
        ctx = Context(d, calendar_dates(d.text))
        for g in d.spans:
            verdicts.append((d.id, g.text, classify_value(ctx, g.start, g.end, g.attr("value_raw"))))
    edges: dict[tuple[str, str], list[bool]] = defaultdict(list)
    lost_span: set[tuple[str, int]] = set()
    readings = {d.id: edge_readings(d) for d in docs}
    by_id = {d.id: d for d in docs}
    for rs in readings.values():
        for side, w, inside, _i in rs:
            edges[(side, w)].append(inside)
    for doc_id, rs in readings.items():
        for side, w, inside, i in rs:
            ins = edges[(side, w)]
            if inside != (sum(ins) * 2 > len(ins)) and 0 < sum(ins) < len(ins):
                lost_span.add((doc_id, by_id[doc_id].spans[i].text))
    annotated = Counter(_shape(g.text) for d in docs for g in d.spans)
    missing = [(d.id, s, e, t) for d in docs for s, e, t in unannotated(d) if annotated[_shape(t)]]
    miss_shapes = Counter(_shape(t) for *_x, t in missing)
    fp_presence = fn_presence = 0
    for shape, u in miss_shapes.items():
        a = annotated[shape]
        if a >= u:
            fp_presence += u
        else:
            fn_presence += a
    n = sum(len(d.spans) for d in docs)
    tp = n - len(lost_span) - fn_presence
    fp = len(lost_span) + fp_presence
    fn = len(lost_span) + fn_presence
    tp_len = n - fn_presence
    return {"verdicts": verdicts, "edges": dict(edges), "lost_span": lost_span, "missing": missing,
            "n_spans": n, "strict_f1": 2 * tp / (2 * tp + fp + fn) if n else 0.0,
            "lenient_f1": 2 * tp_len / (2 * tp_len + fp_presence + fn_presence) if n else 0.0}


def render(result: dict, split: str, n_docs: int, listing: bool) -> str:
    v = [x for _d, _t, x in result["verdicts"] if x.category != "no_value"]
    total = len(v)
    lines = [f"E3C English layer 1, {split} split: {n_docs} documents, {result['n_spans']} gold TIMEX3, "
             f"{total} with a value", "",
             "| category | rule or reason | gold values | share |", "| --- | --- | ---: | ---: |"]
    by = Counter((x.category, x.rule) for x in v)
    order = {"text": 0, "doctime": 1, "not_derivable": 2}
    for (cat, rule), k in sorted(by.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1])):
        lines.append(f"| {cat} | {rule} | {k} | {k / total:.3f} |")
    cats = Counter(x.category for x in v)
    text, dct = cats["text"], cats["doctime"]
    policy = sum(x.policy_ok for x in v)
    lines += ["", f"value ceiling, text alone (any rule): {text}/{total} = {text / total:.3f}",
              f"value ceiling, text + docTime (any rule, upper bound): {text + dct}/{total} = "
              f"{(text + dct) / total:.3f}",
              f"value ceiling, one fixed policy with docTime: {policy}/{total} = {policy / total:.3f}", ""]
    lines += ["| edge | word | inside | outside |", "| --- | --- | ---: | ---: |"]
    for (side, w), ins in sorted(result["edges"].items()):
        flag = " (both ways)" if 0 < sum(ins) < len(ins) else ""
        lines.append(f"| {side} | {w}{flag} | {sum(ins)} | {len(ins) - sum(ins)} |")
    shapes = Counter(_shape(t) for *_x, t in result["missing"])
    lines += ["", f"spans lost to edge words annotated both ways (minority reading): {len(result['lost_span'])}",
              f"unannotated time expressions whose form is annotated elsewhere: {len(result['missing'])} "
              f"({', '.join(f'{s!r} x{k}' for s, k in sorted(shapes.items()))})",
              f"span ceiling: strict F1 {result['strict_f1']:.3f}, lenient F1 {result['lenient_f1']:.3f}"]
    if listing:
        lines += ["", "| doc | span | gold value | category | rule or reason | policy |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for d, t, x in result["verdicts"]:
            if x.category != "no_value":
                lines.append(f"| {d} | {t!r} | {x.value} | {x.category} | {x.rule} | {'ok' if x.policy_ok else '-'} |")
        lost = sorted(result["lost_span"])
        lines += ["", "spans with a minority edge reading: " + "; ".join(f"{d} {t!r}" for d, t in lost)]
        lines += ["", "unannotated: " + "; ".join(f"{d} [{s}:{e}] {t!r}" for d, s, e, t in result["missing"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m casecourse.evaluation.e3c_ceiling", description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    ap.add_argument("--split", choices=("train", "test", "all"), default="train")
    ap.add_argument("--list", action="store_true", help="one line per gold value")
    args = ap.parse_args(argv)
    docs = read_e3c(args.corpora / "e3c_en", args.split)
    sys.stdout.write(render(analyse(docs), args.split, len(docs), args.list) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
