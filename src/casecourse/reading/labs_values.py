"""Numeric lab values as written: a number (or range, comparator, titre, blood pressure) and its unit.

Counts written with flattened superscripts ("15.8 × 109/L", "× 103/µL") read as 10^9/L and 10^3/µL:
after a "×"/"x" multiplier "10" is always the base and the digits after it the exponent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casecourse.reading.rx_first import anchored
from casecourse.reading.rx_keys import near, starting_with
from casecourse.units import UnitInfo, exponent, lookup_unit, normalise_unit, unit_table

# typeset thin spaces (U+2005-U+200A, U+202F) group thousands: "12\u2005000 cells/mm3"
_THIN_SPACES = re.compile(r"[\s\u200b]")
# a plain or no-break space groups thousands only before a count's unit: "119 000/µL", "45 000 per microliter",
# "12 500 cells", "24\u00a0000/mm3", "68 000 platelets/µL" (a count naming its cells; a plain space only, no tab
# between table cells), or before a concentration per volume: "ferritin 12 400 ng/mL", "1 250 U/L"
# (never before "109/": "62 109/L" is 62 × 10^9/L written with its exponent flattened, not 62,109 per litre); any
# unit per something or an activity unit too (left14)
_NUM = (r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u2005-\u200a\u202f](?!109/)\d{3})+(?!\d)|"
        r"\d{1,3}(?:[ \u00a0](?!109/)\d{3})+(?=[ \u00a0]?[a-z]{3,12}/(?:[µμu]l\b|mm3|mm³)|\s?(?:/|per\b|cells\b|[kK]/|"
        r"(?:[nµμpm]g|ug|mcg|m?I?U|kU)/(?:[mdµμ]?[lL]\b)|"
        # or before any unit per something, or an activity or count unit of its own (left14): "19 000 units/L",
        # "45 000 copies/mL", "1 250 mOsm/kg", "3 500 mg/24 h", "19 000 IU"; not a mass alone ("2 500 mg tablets" may
        # be two tablets of 500 mg)
        # (not a count in billions per litre, "81 000 bil/L": no count in 10^9/L runs to thousands)
        r"(?!bil(?:lion)?s?/)[A-Za-zµμ]{1,8}/(?=[\dA-Za-zµμ])|(?:IU|U|units|copies)\b(?!/))"
        # or before a change to such a number: "from 30 000 to 23 000/µL"
        r"|\s*(?:-|–|to)\s*\d{1,3}(?:[ \u00a0]\d{3})+\s?(?:/|per\b|cells\b))|\d+(?:,\d{1,2}(?![\d,]))?)"
        r"(?:\.\d+)?")
# ("up to" is no comparator: "CRP rose up to 312 mg/L" states the peak, 312, not "at most 312")
_CMP_WORDS = {
    "<": "<", "<=": "<=", "≤": "<=", "⩽": "<=", ">": ">", ">=": ">=", "≥": ">=", "⩾": ">=",
    # arrowheads some typesetting gives for "<" and ">" (U+02C2, U+02C3): "reference range ˂ 0.8 mg/dL"
    "˂": "<", "˃": ">",
    "less than": "<", "lower than": "<", "below": "<", "under": "<", "greater than": ">",
    "more than": ">", "higher than": ">", "above": ">", "over": ">", "exceeded": ">",
    "exceeding": ">", "exceeds": ">", "exceed": ">", "in excess of": ">",
    "at most": "<=", "at least": ">=",
}
_CMP = "|".join(sorted((re.escape(k) for k in _CMP_WORDS), key=len, reverse=True))
# matched on the reversed left context: one anchored attempt instead of a search per position
_CMP_BEFORE_REV = re.compile(
    r"\s*(?P<cmp>" + "|".join(sorted((re.escape(k[::-1]) for k in _CMP_WORDS), key=len, reverse=True))
    + r")(?:$|(?=[\s(\[,:=]))", re.I)  # "[<0.5 ng/mL]": a laboratory system's interval in square brackets


def _cmp_word(reversed_cue: str) -> str:
    """The comparator a cue `_CMP_BEFORE_REV` matched (reversed) names; re.IGNORECASE also matched letters that
    lower-case to no ASCII letter ("leſs than" with a long s, a dotless "ı"), folded here."""
    return _CMP_WORDS[reversed_cue[::-1].lower().replace("ſ", "s").replace("ı", "i")]


# starts with a digit class so the regex engine can skip ahead; the left context is checked in code
_NO_LEFT = re.compile(r"[\w.,/:\-−^]")
# a sign, not a hyphen: "−5.1" after a space, "(", ":" or "=" (never "3-5" or "IL-6")
_SIGN_LEFT = re.compile(r"(?:^|[\s(:=])[−\-–+]$|^[−\-–+]$")
# rx_first.anchored: behind a lookahead of the first-character class, which lets `re` pass every other
# position of the scan at once (same matches, ~60% less scan time)
VALUE_RE = anchored(  # never from a digit ending a name: "FiO2 to 0.21" is no range 2-0.21
    # never the digits opening a code: an antibody clone "35BH11" (capitals, then digits) is no value 35
    rf"(?<![A-Za-z])(?P<num>{_NUM})(?!\d)(?!(?-i:[A-Z]{{2,}}\d))"  # never part of a number: "20-fold" is no 2
    rf"(?:(?P<mid>\s?%)?\s*(?:-|–|—|to)\s*(?P<num2>{_NUM})(?!\d))?(?![\w.]*\s?[/:]\s?\d)(?!-\w)",
    re.I)
BP_RE = anchored(r"(?<![\w./])(?P<sys>\d{2,3})\s?/\s?(?P<dia>\d{2,3})(?:\s?(?P<unit>mm\s?(?:of\s)?Hg))?(?![\w/.,]?\d)",
                 re.I)
TITRE_RE = anchored(r"(?P<cmp>[<>≤≥]\s?)?(?<![\w.:/])1\s?:\s?(?P<den>\d{1,5})(?![\d:]|\s?[ap]\.?m\b)")
# a titre written with a slash, "positive at 1/320": only the doubling-dilution denominators (never a date or a
# fraction such as "1/2"); kept only where it is a serology's result (reading/labs.py)
TITRE_SLASH_RE = anchored(r"(?P<cmp>[<>≤≥]\s?)?(?<![\w.:/])1\s?/\s?(?P<den>(?:10|20|40|80|160|320|640|1280|2560|5120|"
                          r"10240|16|32|64|128|256|512|1024|2048|4096))(?![\d/.,]\d|\d|/)")
# a range written in words: "INR between 2 and 3", "heart rate between 50 and 60 beats per min"
BETWEEN_RE = anchored(rf"\bbetween\s+(?P<num>{_NUM})\s+and\s+(?P<num2>{_NUM})(?![\w.]*\s?[/:]\s?\d)(?![\w-])", re.I)
# a change from one value to another, not a range ("ranged from 2 to 5" is one)
_FROM_BEFORE = re.compile(r"(?<!ranged)(?<!ranging)(?<!varied)(?<!varying)\s+from\s*$", re.I)
_MULT_RE = re.compile(r"\s?(?:[×xX*∗]|·)\s?10\s?(?:\^|\*\*|\*|∗|e|E)?\s?(?P<exp>[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})")
# a flattened power of ten with its multiplier sign lost, right before a count's unit: "50,000 109/L", "22.7 (109/l)",
# "1.6 \ufffd 109/liter" (an unreadable character where "×" was); never a value of its own
_BARE_MULT_RE = re.compile(r"(?:\s?[(\ufffd]\s?|\s)10(?P<exp>9|12|3|6)(?=\s?/)")
# a unit the unit table does not know, written in a unit's shape: up to four letters, a slash and a denominator
# some known unit has ("K/dL", "md/dL"); kept as written, with no UCUM code (never "and/or", "2.6 and")
_UNIT_SHAPE = re.compile(r"\s?(?P<u>[A-Za-zµμ]{1,4}/(?P<den>[A-Za-zµμ]{1,6}[23³]?))(?![\w/])")
# the words after "times the upper limit" a unit span of four words leaves out
_ULN_TAIL = re.compile(r"\s+of\s+(?:the\s+)?normal(?:\s+range)?\b", re.I)
# a flag written against the unit ("39 IU/L↑", "128 mEq/L↓") or a restatement ("69.8 µmol/L=4.08 mg/dL") is no part
# of it; two spaces may stand before it ("90  beats/minute")
_UNIT_SPAN = re.compile(r"(?:[^\S\n\t]{2}|\s)?(?:[^\s,;()\[\]↑↓=]+)(?:\s[^\s,;()\[\]↑↓=]+){0,3}")
_TRAIL = ".:"


@dataclass
class Value:
    start: int
    end: int
    value: float | None
    value_high: float | None = None
    comparator: str | None = None
    unit: str | None = None
    info: UnitInfo | None = None
    ucum: str | None = None
    extra: dict | None = None


_COMPARATORS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=<": "<=", "=>": ">="}


def _comparator(written: str | None) -> str | None:
    """A written comparator in the course's form ("≥" -> ">="); None for none or another sign."""
    return _COMPARATORS.get(written.strip()) if written else None


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # compiled once: `re.fullmatch` looks its pattern up at every number


def parse_number(s: str) -> float:
    s = _THIN_SPACES.sub("", s)
    if _DECIMAL_COMMA.fullmatch(s):  # decimal comma
        return float(s.replace(",", "."))
    return float(s.replace(",", ""))


def unit_after(text: str, pos: int) -> tuple[int, str, UnitInfo] | None:
    """The longest known unit starting at `pos` (after at most one space): (end, written, info)."""
    m = _UNIT_SPAN.match(text, pos, pos + 40)
    if not m:
        return None
    lead = len(m.group()) - len(m.group().lstrip())
    body = m.group()[lead:]
    if not body or body[0].isdigit() and not body.startswith("1.73"):
        return None
    cuts = [i for i, c in enumerate(body) if c.isspace()] + [len(body)]
    for cut in reversed(cuts):
        written = body[:cut].rstrip(_TRAIL)
        if not written:
            continue
        info = lookup_unit(written)
        if info is not None:
            return pos + lead + len(written), written, info
    return None


def _with_unit(text: str, v: Value) -> Value:
    mult = _MULT_RE.match(text, v.end)
    if mult is None and (bare := _BARE_MULT_RE.match(text, v.end)) is not None \
            and (after := unit_after(text, bare.end())) is not None and after[2].kind == "count":
        mult = bare
    if mult:
        after = unit_after(text, mult.end())
        exp = exponent(mult.group("exp"))
        if after and after[2].kind == "count":
            end, _, info = after
            base = info.ucum  # "/L", "/uL", "/mm3"
            v.ucum = f"10*{exp}{base}"
            v.info = UnitInfo(v.ucum, "count", info.default_test)  # "× 10^3 platelets/µL" names its test
        elif after and after[2].kind in ("arb_conc", "subst_conc", "mass_conc"):  # "2.1 × 106 IU/mL"
            end, _, info = after
            v.ucum = f"10*{exp}.{info.ucum}"
            v.info = UnitInfo(v.ucum, info.kind, None)
        else:
            end, v.ucum, v.info = mult.end(), None, None
        v.unit = text[mult.start():end].strip().lstrip("(\ufffd ")
        v.end = end
        return v
    after = unit_after(text, v.end)
    if after:
        v.end, v.unit, v.info = after
        v.ucum = v.info.ucum
        if v.info.kind == "uln_multiple" and (tail := _ULN_TAIL.match(text, v.end)):
            v.end = tail.end()  # "3 times the upper limit| of normal"
            v.unit = text[after[0] - len(after[1]):v.end]
        return v
    shaped = _UNIT_SHAPE.match(text, v.end)
    if shaped and normalise_unit(shaped.group("den")) in _denominators():
        v.end, v.unit = shaped.end(), shaped.group("u")
        v.extra = {**(v.extra or {}), "unit_unrecognised": True}
    return v


@cache
def _denominators() -> frozenset[str]:
    """What follows the last slash of a known unit ("dl", "ul", "mm3", "kg"): the unit table's denominators."""
    return frozenset(k.rsplit("/", 1)[1] for k in unit_table() if "/" in k and k.rsplit("/", 1)[1][:1].isalpha())


# a count per microlitre written with a point grouping thousands (continental style): never three decimals of a count
_POINT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_PER_VOLUME = frozenset({"/mm3", "/uL"})
# a point before three zeros after two or three digits groups thousands whatever the unit ("D-dimer 20.000 ng/mL",
# "platelets 150.000"): nobody writes a measured 20 with three decimals of zeros (docqa10); not after a multiplier
# unit ("146.000 K/mL", "12.000 x10^9/L" are 146 and 12 of the multiplied unit)
_POINT_THOUSANDS_ZEROS = re.compile(r"[1-9]\d{1,2}\.000")
_MULTIPLIED_UNIT = re.compile(r"(?:[kKG]\s*/|thousand|10\s*\^|10\d|[x×*])")
_FLATTENED_MULTIPLIER = re.compile(r"10(?:9|12|6|3)")
_TIMES_BEFORE = re.compile(r"[×xX*]\s?$")
# a plus grade right after a number: "protein 2+", "(3+)"; not a sum ("2+3") or a muscle power ("4+/5")
_PLUS_GRADE = re.compile(r"\+(?![\d/+])")


class _Covered:
    """The characters inside the values read so far: whether one is, at once (a scan of the spans for each number
    made one long run of values quadratic)."""

    def __init__(self, n: int) -> None:
        self.mark = bytearray(n + 1)

    def append(self, span: tuple[int, int]) -> None:
        self.mark[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

    def holds(self, pos: int) -> bool:
        return bool(self.mark[pos])


def find_values(text: str, test_ends: frozenset[int] = frozenset()) -> list[Value]:
    """Every number-like value in the text with its unit if one follows; overlapping forms resolved
    in the order blood pressure, titre, number. `test_ends` are where lab test names end: a value joined to one by a
    hyphen is read ("WBC-1.9*", "Hb-8.1 g/dL", as laboratory systems print results in notes; a star glued after it is
    the system's abnormal flag), never a number glued to another word ("IL-6", "COVID-19")."""
    out: list[Value] = []
    taken = _Covered(len(text))
    result_lines: dict[int, bool] = {}
    for m in near(BP_RE, text, "/", 2, 4):  # the slash 2-3 digits and a space after the start
        # "above 160/100 mmHg", "(>160/100 mm Hg)": a bound, not the pressure measured
        before = _CMP_BEFORE_REV.match(text[max(0, m.start() - 16):m.start()][::-1])
        cmp = _cmp_word(before.group("cmp")) if before else None
        if m.group("unit") is None:  # "blood pressure was 120/80": kept only right after its test
            if int(m.group("sys")) <= int(m.group("dia")):
                continue
            out.append(Value(m.start(), m.end(), float(m.group("sys")), comparator=cmp,
                             extra={"diastolic": float(m.group("dia")), "bare_pressure": True}))
        else:
            out.append(Value(m.start(), m.end(), float(m.group("sys")), comparator=cmp, unit=m.group("unit"),
                             info=lookup_unit(m.group("unit")), ucum="mm[Hg]",
                             extra={"diastolic": float(m.group("dia")), "default_test": "blood pressure"}))
        taken.append((m.start(), m.end()))
    for m in near(TITRE_RE, text, ":", 1, 4):  # the colon after "1", a space, a comparator
        if taken.holds(m.start()):
            continue
        cmp = _comparator(m.group("cmp"))
        out.append(Value(m.start(), m.end(), float(m.group("den")), comparator=cmp, ucum="{titer}",
                         extra={"titer": text[m.start("den") - 2:m.end()].replace(" ", "")}))
        taken.append((m.start(), m.end()))
    for m in near(TITRE_SLASH_RE, text, "/", 1, 4):
        if taken.holds(m.start()):
            continue
        cmp = _comparator(m.group("cmp"))
        out.append(Value(m.start(), m.end(), float(m.group("den")), comparator=cmp, ucum="{titer}",
                         extra={"titer": "1:" + m.group("den"), "slash_titre": True}))
        taken.append((m.start(), m.end()))
    for m in starting_with(BETWEEN_RE, text, ("between",), lower=True):
        if taken.holds(m.start()):
            continue
        low, high = parse_number(m.group("num")), parse_number(m.group("num2"))
        if high > low:
            out.append(_with_unit(text, Value(m.start(), m.end(), low, value_high=high)))
            taken.append((m.start(), m.end()))
    for m in VALUE_RE.finditer(text):
        start, sign = m.start(), 1.0
        joined = start - 1 in test_ends and text[start - 1] == "-"
        if joined:
            pass
        elif start and _SIGN_LEFT.search(text[max(0, start - 2):start]):  # "BE of −5.1", "(+0.5 z-score)"
            sign, start = (1.0 if text[start - 1] == "+" else -1.0), start - 1
        elif start and _NO_LEFT.match(text, start - 1):
            continue
        if taken.holds(m.start("num")):
            continue
        cmp = None
        before = _CMP_BEFORE_REV.match(text[max(0, start - 16):start][::-1])
        if before:
            start, cmp = start - before.end(), _cmp_word(before.group("cmp"))
        v = Value(start, m.end(), sign * parse_number(m.group("num")), comparator=cmp)
        if m.group("num2"):
            v.value_high = parse_number(m.group("num2"))
            # "fell from 798 to 98 μmol/l", "increased from 0.20 to 0.55": two values, not a range
            if v.value_high < v.value or " to " in m.group() and _FROM_BEFORE.search(text, max(0, start - 30), start):
                if " to " not in m.group() or m.group("mid"):
                    continue
                out.append(Value(start, m.end("num"), v.value, comparator=cmp))
                v = Value(m.start("num2"), m.end(), v.value_high)
        if _FLATTENED_MULTIPLIER.fullmatch(m.group()) and _TIMES_BEFORE.search(text, max(0, start - 3), start):
            continue  # "(normal 4.2-9.9) × 109/L": the flattened "10^9" of a multiplier, no value
        if not m.group("num2") and cmp is None and sign > 0 and _PLUS_GRADE.match(text, m.end()):
            # "urine protein 2+": a semi-quantitative grade, not 2 of the test's unit
            out.append(Value(start, m.end() + 1, v.value, extra={"grade": text[start:m.end() + 1]}))
            continue
        v = _with_unit(text, v)
        if joined and v.unit is None:
            if text.startswith("*", v.end):
                v.extra = {**(v.extra or {}), "interpretation": "A"}
            elif "." not in m.group("num") and "," not in m.group("num") \
                    and not _result_line(text, m.start(), test_ends, result_lines):
                continue  # a bare whole number after a hyphen names a type ("IgG-4", "group EF-3"), no result
        if v.info is not None and v.info.kind == "count" and v.ucum in _PER_VOLUME and v.value_high is None \
                and _POINT_THOUSANDS.fullmatch(m.group("num")):
            # "22.000/mm3", "15.340/µL": a point groups thousands in a count per microlitre (read from its digits:
            # 8.13 * 1000 is 8130.000000000001 in binary floating point)
            v.value = float(m.group("num").replace(".", ""))
        elif v.unit is not None and v.value_high is None and _POINT_THOUSANDS_ZEROS.fullmatch(m.group("num")) \
                and not _MULTIPLIED_UNIT.match(v.unit):
            v.value = float(m.group("num").replace(".", ""))
        out.append(v)
    out.sort(key=lambda v: (v.start, -v.end))
    kept: list[Value] = []
    for v in out:
        if not kept or v.start >= kept[-1].end:
            kept.append(v)
    _share_units(text, kept)
    return kept


def _result_line(text: str, pos: int, test_ends: frozenset[int], memo: dict[int, bool]) -> bool:
    """Whether the line around `pos` is a laboratory system's result line: three or more values joined to their
    test names by a hyphen ("Na-139 K-4.2 Cl-101 HCO3-26"). There a whole number after a hyphen is a result, as
    a decimal one is anywhere; alone ("IgG-4", "group EF-3") it stays a type name."""
    lo = text.rfind("\n", 0, pos) + 1
    if lo not in memo:
        hi = text.find("\n", pos)
        hi = len(text) if hi < 0 else hi
        joins = sum(1 for e in test_ends if lo <= e < hi and text[e + 1:e + 2].isdigit())
        memo[lo] = joins >= 3
    return memo[lo]


# between numbers of a list that share the last one's unit: "2.1 and 3.4 mg/dL", "540, 880 and 1,200 ng/mL", "from
# 12.1 to 8.3 g/dL", "the 10th and 50th centiles" (an ordinal's suffix may stand before the gap)
_SHARED_GAP = re.compile(
    r"(?P<ord>st|nd|rd|th)?\s*(?:(?P<comma>,)\s*(?P<and>and\s+|or\s+)?|(?:and|or)\s+|(?P<to>to)\s+)")
_FROM_JUST_BEFORE = re.compile(r"\bfrom\s+$", re.I)
# a bare number that counts days, weeks or doses ("22 x10^9/L on day 3 and 187 x10^9/L on day 8") is no value of the
# list after it (documents QA round docqa7: the platelet counts of a purpura's course)
_COUNTED_BEFORE = re.compile(r"\b(?:day|days|week|weeks|month|months|year|years|hour|hours|cycle|cycles|course|dose|"
                             r"doses|session|sessions|visit|pod|age|aged)\s*$", re.I)


def _share_units(text: str, values: list[Value]) -> None:
    """A bare number listed before a number with a unit takes that unit (the list is read from its end). A comma
    alone joins only numbers of a list that ends in "and"/"or" ("540, 880 and 1,200 ng/mL", not "at the age of 37,
    780 msec"); "to" only after "from" ("from 12.1 to 8.3 g/dL", not "in June 2007 to 8 × 10^9/L")."""
    for i in range(len(values) - 2, -1, -1):
        v, nxt = values[i], values[i + 1]
        if v.unit is not None or v.ucum is not None or v.extra or v.value_high is not None or nxt.info is None:
            continue
        gap = _SHARED_GAP.fullmatch(text, v.end, nxt.start)
        if gap is None or (gap.group("ord") and nxt.info.kind != "percentile"):
            continue
        if gap.group("comma") and not gap.group("and") and not (nxt.extra or {}).get("unit_shared"):
            continue
        if gap.group("to") and not _FROM_JUST_BEFORE.search(text, max(0, v.start - 8), v.start):
            continue
        if _COUNTED_BEFORE.search(text, max(0, v.start - 10), v.start):
            continue
        v.unit, v.ucum, v.info = nxt.unit, nxt.ucum, nxt.info
        v.extra = {"unit_shared": True}  # the unit is written once, after the list's last number
        if gap.group("ord"):
            v.end = gap.end("ord")
