"""Dose, route and frequency mentions: "400 mg/day", "162 mg/week", "300 mg/4 weeks",
"1 g twice daily", "3 x 250 mg/day", "10 mg/kg", "500 mg/m2 per day", "0.25 μg/kg/min",
"20-40 mg", "high-dose". A dose after "below"/"under"/"less than" is a threshold, not a dose.
Frequencies and routes are data (knowledge/frequencies.csv, knowledge/routes.csv)."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import accumulate

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dose_relative
from casecourse.reading.rx_first import anchored, finditer, lower_text, matches
from casecourse.reading.timex_lexicon import NUMBER_WORDS

# the values are built right here: pydantic's validation is skipped (speed; see Mention.model_construct)
_make = Mention.model_construct

_NUM = r"\d+(?:[.,]\d+)*"
_DOSAGE_GAP = re.compile(r"[\s,;.()]{0,4}")
_DOSAGE_GAP_MAX = 4  # (its longest match)
_N_GROUP = r"(\d+|two|three|four|six|eight|twelve)"
_UNIT = r"(?:mg|milligrams?|g|grams?|gm|mcg|µg|μg|ug|micrograms?|IU|international units|units?|U|mL|ml|mmol|mEq)"
_THRESHOLD = re.compile(r"(?:below|under|less than|lower than|above|over|more than|exceeding|<|>|≤|≥)\s*$", re.I)
# a concentration or a urine ratio per gram of creatinine ("mg/g", "g/g") after the unit: no dose
_LAB_UNIT_AFTER = re.compile(r"\s*(?:/|per)\s*(?:d?L|mL|ml|dl|l|hpf|mm3|µL|uL|deciliters?|decilitres?|liters?|litres?|"
                             r"mol|mmol|g|gCr|g\s+creatinine)\b|\s*%|\s*\(\s*(?:normal|reference|ref\b|range|N\b)",
                             re.I)
# "1 g" but not "22G needle", "c.115G>T", "Fig. 2G": grams are written in lower case
_GRAM_CASE = re.compile(r"G|GM|Gm")
# a volume is a dose where the clause speaks of giving it, not of draining, losing or measuring fluid
_VOLUME_UNITS = {"mL", "L"}
_PER_MINUTE = re.compile(r"\s*/\s*min", re.I)
_VOLUME_GIVEN = re.compile(r"\b(?:infus\w*|inject\w*|administ\w*|given|instill\w*|bolus\w*|received|transfus\w*)\b",
                           re.I)
_VOLUME_LOST = re.compile(r"\b(?:drain\w*|aspirat\w*|output|effusion|ascite\w*|blood loss|lost|coughed|vomit\w*|"
                          r"urine|collected|removed|evacuat\w*|drawn|bleeding|haemorrhage|hemorrhage|volume)\b", re.I)
# a plain amount of substance is a measured amount where its clause names a specimen or a measurement and
# speaks of no giving: "24-hour urine calcium was normal, 6.9 mmol" (not "potassium chloride 40 mEq was given")
_AMOUNT_UNITS = {"mmol", "mEq"}
_AMOUNT_MEASURED = re.compile(r"\b(?:urine|urinary|serum|plasma|excretion|excreted|levels?|concentrations?|measured|"
                              r"normal|elevated|reduced|low|high)\b", re.I)
# a mass per day of a urine measurement is an excretion rate: "proteinuria was 1.83 g/24 h"
_EXCRETION_AFTER = re.compile(r"\s?(?:/|per)\s?(?:24\s?h\w*|day|d)\b", re.I)
_EXCRETED = re.compile(r"\b(?:urine|urinary|excretion|excreted|proteinuria|albuminuria)\b", re.I)
# "urine cultures were taken and vancomycin (2 g/24 h) was added": a dose given (exposure QA, expqa9)
_AMOUNT_GIVEN = re.compile(r"\b(?:supplement\w*|replac\w*|replet\w*|start\w*|treat\w*|orally|oral|intravenous\w*|"
                           r"i\.?v\.?|daily|doses?|dosing|added|given|administered|prescribed|empirically)\b", re.I)
# a volume per body weight right after a ventilation volume is a ventilator reading: "tidal volumes (Vt) of 6-7 mL/kg"
_VENTILATION_BEFORE = re.compile(r"\b(?:(?i:tidal volumes?|minute volumes?|minute ventilation)|Vt|VT)\b[^.;]{0,30}$")
# both are found from their head word ("dose", "cycle"), then read backwards in a short window
_DOSE_HEAD = re.compile(r"doses?\b", re.I)
_QUALITATIVE = re.compile(
    r"\b(?P<q>high|low|standard|full|maintenance|prophylactic|loading|single|small|reduced|tapering|liberal|"
    r"higher|lower)[ -]$", re.I)
_DATE_JOINS = frozenset("/-.:")  # a number after one of these is part of a date or a time, not a count
_MOST_CYCLES = 99  # more cycles or courses of one treatment than any schedule gives: a year, not a count
_CYCLE_HEAD = re.compile(r"(?:cycles?|courses?)\b", re.I)
# the same heads over the lower-cased text (`rx_first.lower_text`: same spans), case-sensitive: `re` finds their
# first letters in C instead of trying the case-folded pattern at every position
_DOSE_HEAD_LOW = re.compile(r"doses?\b")
_CYCLE_HEAD_LOW = re.compile(r"(?:cycles?|courses?)\b")
_CYCLES = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*,?\s+(?:(?:more|further|"
    r"additional|consecutive|subsequent|\d+-day|\d+-week|weekly|monthly)\s+)?$", re.I)


@cache
def _frequency_table() -> list[tuple[re.Pattern, int, str, str]]:
    """(compiled pattern, frequency, period (number or 'n'), unit), longest written form first."""
    rows = sorted(table("frequencies.csv"), key=lambda r: -len(r["written"]))
    out = []
    for r in rows:
        # the number placeholder is the token "n" (also in "/n", "qnh", "qnw"), never a letter of a word ("months")
        pat = "".join(_N_GROUP if part == "n" else re.escape(part)
                      for part in re.split(r"((?<![a-z])n(?![a-mo-z])|(?<=q)n(?=[hw]$))", r["written"]))
        out.append((re.compile(pat.replace(r"\ ", r"\s*"), re.I), int(r["frequency"]), r["period"], r["period_unit"]))
    return out


@cache
def _after_dose_only() -> frozenset[str]:
    """Frequencies read only right after a dose or route (frequencies.csv `after_dose`): "50 mg BD", not "for BD"."""
    return frozenset(r["written"] for r in table("frequencies.csv") if r.get("after_dose") == "1")


@cache
def _frequency_alternation() -> str:
    return "|".join(p.pattern for p, *_ in _frequency_table())


@cache
def _frequency_regex() -> re.Pattern:
    return anchored(r"(?<![\w/])(?:" + _frequency_alternation() + r")(?![\w])", re.I)


def parse_frequency(s: str) -> tuple[int, float, str] | None:
    """'every 4 weeks' -> (1, 4, 'wk'); None when not a frequency."""
    for pat, freq, period, unit in _frequency_table():
        m = pat.fullmatch(s.strip())
        if m:
            if period == "n":
                g = m.group(1).lower()
                n = float(NUMBER_WORDS.get(g, g))
                return freq, n, unit
            return freq, float(period), unit
    return None


@cache
def _dose_regex() -> re.Pattern:
    freq = _frequency_alternation()
    # (?=\d): a dose starts with a digit; lets `re` pass other positions at once. (?<!\d): never inside a run of
    # digits (whatever matches from inside a run matches from its first digit, which the scan tries first; without
    # it a long digit run costs a try per digit, each as long as the run: quadratic)
    return re.compile(
        rf"(?<!\d)(?=\d)(?:(?P<mult>\d+)\s*[x×]\s*)?(?P<value>{_NUM})(?:\s*(?:-|–|to)\s*(?P<high>{_NUM}))?\s*"
        # "3 million IU", "24 million units": units counted in millions (colistin, penicillin G; exposure QA expqa8)
        rf"(?:(?P<million>million)\s+(?=(?:IU|international units|units?)(?![\w])))?"
        rf"(?P<unit>{_UNIT})(?![\w])"
        rf"(?:\s*/\s*(?P<per>kg|m2|m²|m\^2)(?![\w]))?"
        # (not "once daily" before the days of the week it is taken on: "once daily on Mondays and Thursdays" is twice
        # a week, the frequency reader's)
        rf"(?P<freq>\s*(?:,\s*)?(?:{freq})(?![\w])(?!{_ON_WEEKDAYS}))?", re.I)


# the days of the week a dose is taken on, after its count per day (reading/timex_frequency.py reads them)
_ON_WEEKDAYS = r"\s+on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days\b|(?:mon|tues?|wed|thu|thurs|fri|sat|sun)/)"
_ON_WEEKDAYS_RX = re.compile(_ON_WEEKDAYS, re.I)


@cache
def _routes() -> dict[str, str]:
    return {r["written"]: r["route"] for r in table("routes.csv")}


@cache
def _route_regex() -> re.Pattern:
    forms = sorted(_routes(), key=len, reverse=True)
    return anchored(r"(?<![\w.])(" + "|".join(_route_form(f) for f in forms) + r")(?![\w])", re.I)


def _route_form(form: str) -> str:
    """A route as written; a tube's name may carry its abbreviation before "tube" ("through a nasogastric (NG)
    tube", docqa10), which `_route_key` drops again."""
    if form.endswith(" tube"):
        return re.escape(form[:-5]) + r"(?:\s+\([A-Za-z]{2,5}\))?\s+tube"
    return re.escape(form)


def _route_key(written: str) -> str:
    """The routes.csv form of a route as matched: "via a nasogastric (NG) tube" -> "via a nasogastric tube"."""
    return re.sub(r"\s+\([A-Za-z]{2,5}\)(?=\s+tube$)", "", written.lower())


def _well_formed(s: str) -> bool:
    """A number `_number` can read: one decimal mark at most ("1,000", "2,5" and "2.5" are numbers)."""
    try:
        _number(s)
    except ValueError:
        return False
    return True


# a point before three zeros after two or three digits groups thousands ("penicillin 150.000 IU/kg", "heparin 24.000
# units"): no dose is written with three decimals of zeros (docqa10; as labs_values reads "D-dimer 20.000 ng/mL")
_POINT_THOUSANDS_ZEROS = re.compile(r"[1-9]\d{1,2}\.000")


def _number(s: str) -> float:
    if _POINT_THOUSANDS_ZEROS.fullmatch(s):
        return float(s.replace(".", ""))
    return float(s.replace(",", "")) if s.count(",") and len(s.split(",")[-1]) == 3 else float(s.replace(",", "."))


def find(text: str) -> list[Mention]:
    """Mentions of type `dose`, `frequency` and `route`, sorted by start."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in matches(_dose_regex(), text):  # a scan that skips to digits in C
        if not _well_formed(m.group("value")) or m.group("high") and not _well_formed(m.group("high")):
            continue  # "0.950.465635", "14,16,17": run-together table cells or citations, not one number
        if _LAB_UNIT_AFTER.match(text, m.end("unit")) and not m.group("per"):
            continue  # "6300 ng/mL", "5 mg/dL": a concentration, not a dose
        unit = m.group("unit")
        if unit in ("U", "u") and not m.group("freq") and not m.group("per"):
            continue  # bare "U" is an enzyme activity far more often than a dose
        if _GRAM_CASE.fullmatch(unit) or not _given_volume(text, m, _canonical_unit(unit)):
            continue
        plain = not (m.group("per") or m.group("freq"))
        if _canonical_unit(unit) == "g" and _number(m.group("value")) >= 500 and plain:
            continue  # "weighing 3132 g": a body or specimen weight; no single dose is half a kilogram
        if _canonical_unit(unit) == "mL" and _PER_MINUTE.match(text, m.end("unit")):
            continue  # "73 mL/min": a clearance or a flow, not a dose
        if _canonical_unit(unit) in ("g", "mg") and not m.group("per") and _EXCRETION_AFTER.match(text, m.end("unit")) \
                and _measured_amount(text, m, _EXCRETED):
            continue  # "proteinuria was 1.83 g/24 h": an excretion rate, not a dose
        if _canonical_unit(unit) in _AMOUNT_UNITS and plain and _measured_amount(text, m):
            continue  # "urine calcium was normal 6.9 mmol": a measured amount, not a dose
        if _canonical_unit(unit) == "mL" and _VENTILATION_BEFORE.search(text, max(0, m.start() - 50), m.start()):
            continue  # "tidal volume 6 mL/kg", "Vt 80 mL": a ventilator reading, not a dose
        if not m.group("freq") and _PER_FORM.match(text, m.end()):
            continue  # "100 mg/tablet", "500 mg per capsule": a strength of the product, no dose given
        attrs: dict = {"value": _number(m.group("value")), "unit": _canonical_unit(unit)}
        if unit != attrs["unit"]:
            attrs["unit_text"] = unit  # as written: "1 gm", "500 milligrams"
        if m.group("high"):
            attrs["value_high"] = _number(m.group("high"))
        if m.group("million"):
            attrs["value"] *= 1e6
            if "value_high" in attrs:
                attrs["value_high"] *= 1e6
        if m.group("mult"):
            attrs["value"] = attrs["value"] * int(m.group("mult"))
            attrs["per_administration"] = _number(m.group("value"))
        if m.group("per"):
            attrs["per"] = "kg" if m.group("per").lower() == "kg" else "m2"
        if m.group("freq"):
            parsed = parse_frequency(m.group("freq").lstrip(" ,"))
            if parsed:
                attrs["frequency"], attrs["period"], attrs["period_unit"] = parsed
        if _THRESHOLD.search(text[max(0, m.start() - 20):m.start()]):
            attrs["threshold"] = True
        out.append(_make(type="dose", start=m.start(), end=m.end(), text=m.group(0), norm=m.group(0), attrs=attrs))
        taken.append((m.start(), m.end()))
    spans = _Spans(taken)
    out.extend(_dose_words(text, spans))
    out.extend(m for m in dose_relative.find(text) if not spans.overlaps(m.start, m.end))
    route_matches = list(finditer(_route_regex(), text))
    ends = {e for _, e in taken} | {m.end() for m in route_matches}
    for m in finditer(_frequency_regex(), text):
        if spans.overlaps(m.start(), m.start() + 1):
            continue
        parsed = parse_frequency(m.group(0))
        if parsed and _ON_WEEKDAYS_RX.match(text, m.end()):
            continue  # "once daily on Mondays, Wednesdays and Fridays": three times a week (timex_frequency)
        if parsed and not m.group(0).startswith("/"):
            f, p, u = parsed
            # right after a dose or a route ("100 mg, oral, once daily", "i.v. q8h") the frequency is part of
            # the dosage instruction: a dose mention without a value that carries only the timing
            kind = "dose" if any(e in ends and _DOSAGE_GAP.fullmatch(text, e, m.start())
                                 for e in range(m.start() - _DOSAGE_GAP_MAX, m.start() + 1)) else "frequency"
            if kind == "frequency" and m.group(0).lower() in _after_dose_only():
                continue  # "colchicine for BD" (Behcet's disease): "bd" is twice daily only after a dose
            out.append(_make(type=kind, start=m.start(), end=m.end(), text=m.group(0), norm=m.group(0).lower(),
                             attrs={"frequency": f, "period": p, "period_unit": u}))
    routes = _routes()
    for m in route_matches:
        word = m.group(1)
        if word == "IV" and _NUMERAL_LABEL_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # the Roman numeral of a class, grade or stage: "class IV lupus nephritis", "stage III-IV"
        out.append(_make(type="route", start=m.start(), end=m.end(), text=word, norm=routes[_route_key(word)]))
    out.sort(key=lambda x: (x.start, -x.end))
    return out


# a product's strength written after an amount: "100 mg/tablet", "500 mg per capsule", "1 g/vial"
_PER_FORM = re.compile(r"\s*(?:/|per\s+)\s*(?:tablets?|tabs?|capsules?|caps?|pills?|vials?|ampoules?|ampules?|"
                       r"sachets?|patch(?:es)?|suppositor(?:y|ies)|blisters?)\b", re.I)


# a word that a Roman numeral numbers ("class IV", "NYHA IV", "grades III-IV"), right before "IV"
_NUMERAL_LABEL_BEFORE = anchored(
    r"(?:\b(?:class(?:es)?|grades?|stages?|types?|phases?|levels?|degrees?|tiers?|groups?|categor(?:y|ies)|NYHA|WHO|"
    r"factors?|leads?|nerves?|CN|Clark|Mallampati|Forrest|Gustilo|Fontaine|Fisher|Hinchey|Bosniak|BI-RADS|"
    r"Child-Pugh|ISN/RPS)|\b[IVX]{1,4}\s*(?:-|–|to|or|and|/))\s*$", re.I)


def _given_volume(text: str, m: re.Match, unit: str) -> bool:
    """A plain volume ("350 mL") is a dose only when its clause speaks of giving it."""
    if unit not in _VOLUME_UNITS or m.group("per") or m.group("freq"):
        return True
    # (a full stop further than the window's edges would not change it: the searches stop there)
    lo = max(text.rfind(". ", max(0, m.start() - 81), m.start()) + 1, m.start() - 80)
    hi = text.find(". ", m.end(), m.end() + 62)
    clause = text[lo:min(hi if hi >= 0 else len(text), m.end() + 60)]
    return bool(_VOLUME_GIVEN.search(clause)) and not _VOLUME_LOST.search(clause)


def _measured_amount(text: str, m: re.Match, measured: re.Pattern[str] = _AMOUNT_MEASURED) -> bool:
    """A plain amount is measured when the clause before it names a specimen or measurement and no word of
    giving stands in the clause."""
    far = max(0, m.start() - 81)  # (a mark further than the window's edges would not change it)
    lo = max(text.rfind(". ", far, m.start()) + 1, text.rfind(";", far, m.start()) + 1, m.start() - 80)
    ends = [i for i in (text.find(". ", m.end(), m.end() + 62), text.find(";", m.end(), m.end() + 61)) if i >= 0]
    clause = text[lo:min(min(ends, default=len(text)), m.end() + 60)]
    return bool(measured.search(text, lo, m.start())) and not (_VOLUME_GIVEN.search(clause)
                                                                        or _gives_amount(clause))


def _gives_amount(clause: str) -> bool:
    """A word of giving in the clause; "IV" numbering a class or stage ("class IV nephritis") is none."""
    return any(not (g.group().upper() == "IV" and _NUMERAL_LABEL_BEFORE.search(clause, max(0, g.start() - 30),
                                                                              g.start()))
               for g in _AMOUNT_GIVEN.finditer(clause))


class _Spans:
    """Spans of the text (the doses read), to ask whether any overlaps a range without a scan of them all: one long
    run of doses and frequencies reads in linear time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _, e in ordered), max))  # the furthest end of the spans so far

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether a span starts before `hi` and ends after `lo`."""
        i = bisect_left(self.starts, hi)
        return i > 0 and self.reach[i - 1] > lo


def _dose_words(text: str, taken: _Spans) -> list[Mention]:
    """Doses without a number ("high-dose", "low dose") and numbers of cycles ("4 cycles"), which
    carry no value and so never fill a dose segment's quantity."""
    out: list[Mention] = []
    low = lower_text(text)
    for head in _DOSE_HEAD.finditer(text) if low is None else _DOSE_HEAD_LOW.finditer(low):
        m = _QUALITATIVE.search(text, max(0, head.start() - 16), head.start())
        if m:
            out.append(_make(type="dose", start=m.start(), end=head.end(), text=text[m.start():head.end()],
                             norm=text[m.start():head.end()].lower(), attrs={"qualitative": m.group("q").lower()}))
    for head in _CYCLE_HEAD.finditer(text) if low is None else _CYCLE_HEAD_LOW.finditer(low):
        m = _CYCLES.search(text, max(0, head.start() - 40), head.start())
        if not m or taken.overlaps(m.start(), head.end()) or text[m.start() - 1:m.start()] in _DATE_JOINS:
            continue  # "On 04/03/2025, cycle 3 was given": a date's year, no number of cycles
        n = m.group("n").lower()
        if int(NUMBER_WORDS.get(n, n)) > _MOST_CYCLES:
            continue
        out.append(_make(type="dose", start=m.start(), end=head.end(), text=text[m.start():head.end()],
                         norm=text[m.start():head.end()].lower(), attrs={"cycles": int(NUMBER_WORDS.get(n, n))}))
    return out


def _canonical_unit(u: str) -> str:
    low = u.lower()
    return {"milligram": "mg", "milligrams": "mg", "gram": "g", "grams": "g", "gm": "g", "µg": "ug", "μg": "ug",
            "mcg": "ug", "microgram": "ug", "micrograms": "ug", "international units": "IU", "unit": "U",
            "units": "U", "ml": "mL", "iu": "IU", "meq": "mEq", "l": "L"}.get(low, u)
