"""A result's interpretation from the reference interval the text writes right after it.

"ALT 1,240 U/L (reference 7-35 U/L)" is high, "albumin 26 g/L (35-50 g/L)" low, "CRP 4 mg/L (reference < 5 mg/L)"
normal, "186 U/mL (positive > 20 U/mL)" positive: the text's own interval, read by `reading/labs.py` as a
`lab_reference` mention, is compared with the value.
Nothing is compared when the interval is in another unit that has no common SI unit with the value, when the value
or the interval is only a bound on the wrong side, or when another result stands between them; the catalogue's
textbook intervals are never used for this (labs print their own).
"""
from __future__ import annotations

import bisect
import re

from casecourse.model import Mention

_GAP = 80  # characters from the value to its interval: "5.8 mg/dL (99 µmol/L; reference 0.2-1.2 mg/dL)"
# "upper limit of normal", "(upper reference limit 16 ng/L)" (a troponin's 99th-percentile URL)
# "(up to 106 µmol/L)" right after a result: its upper reference limit
_UPPER = re.compile(r"\bupper (?:(?:normal|reference) )?limit|\bULN\b|\bURL\b|\(\s?up to\s*$", re.I)
_LOWER = re.compile(r"\blower (?:(?:normal|reference) )?limit", re.I)


def _bounds(text: str, ref: Mention, prev_end: int) -> tuple[float | None, float | None, bool]:
    """(low, high, exclusive-high) of the interval; (None, None) where it gives neither."""
    a = ref.attrs
    lo, hi, comp = a.get("value"), a.get("value_high"), a.get("comparator")
    if not isinstance(lo, int | float):
        return None, None, False
    if isinstance(hi, int | float):
        return float(lo), float(hi), False
    if comp in ("<", "<="):
        return None, float(lo), comp == "<"
    if comp in (">", ">="):
        return float(lo), None, False
    before = text[prev_end:ref.start]
    if _UPPER.search(before):
        return None, float(lo), False
    if _LOWER.search(before):
        return float(lo), None, False
    return None, None, False


def _comparable(value: Mention, ref: Mention) -> tuple[float, float] | None:
    """(factor to bring the interval to the value's unit, 1) or None where the units differ beyond SI."""
    v, r = value.attrs, ref.attrs
    if not r.get("unit") or r.get("ucum") == v.get("ucum"):
        return 1.0, 1.0
    vs, rs = v.get("value_si"), r.get("value_si")
    if v.get("unit_si") and v.get("unit_si") == r.get("unit_si") and isinstance(vs, int | float) \
            and isinstance(rs, int | float) and r.get("value") and v.get("value"):
        return (rs / float(r["value"])) / (vs / float(v["value"])), 1.0
    return None


_RESULT_LABEL = re.compile(r"[(\[;,]\s?(positive|negative)\s*:?\s*$", re.I)


def _by_cutoff(x: float, ref: Mention, positive_label: bool, factor: tuple[float, float] | None) -> str | None:
    """POS or NEG from a bound labelled by its result: "positive > 20", "negative < 10"."""
    bound, comp = ref.attrs.get("value"), ref.attrs.get("comparator")
    if factor is None or not isinstance(bound, int | float) or comp not in ("<", "<=", ">", ">="):
        return None
    b = float(bound) * factor[0]
    inside = {"<": x < b, "<=": x <= b, ">": x > b, ">=": x >= b}[str(comp)]
    return "POS" if inside == positive_label else "NEG"


def _inside_bracket(text: str, start: int) -> bool:
    """Whether a bracket opened shortly before `start` is still open: "(26.1 mg/L; normal range: < 1 mg/L)", the
    value and its interval in one bracket, apart by a semicolon."""
    before = text[max(0, start - 40):start]
    k = max(before.rfind("("), before.rfind("["))
    return k >= 0 and ")" not in before[k:] and "]" not in before[k:]


def interval_flag(text: str, mentions: list[Mention], starts: list[int], value: Mention) -> str | None:
    """H, L or N from the interval written right after `value` ("(reference 7-35 U/L)"), else None."""
    x = value.attrs.get("value")
    if not isinstance(x, int | float) or value.attrs.get("value_high") is not None:
        return None
    i = bisect.bisect_right(starts, value.end - 1)
    prev_end = value.end
    for m in mentions[i:i + 6]:
        if m.start - value.end > _GAP:
            return None
        if m.type == "lab_value":
            if m.attrs.get("test") not in (None, value.attrs.get("test")):
                return None  # another test's result stands between
            prev_end = m.end  # the same result in another unit: "(99 µmol/L; reference ...)"
            continue
        if m.type != "lab_reference":
            continue
        if m.attrs.get("test") not in (None, value.attrs.get("test")):
            return None
        gap = text[value.end:m.start]
        if not (any(c in gap for c in "([") or ";" in gap and _inside_bracket(text, value.start)) \
                or ")" in gap or "]" in gap:
            return None
        factor = _comparable(value, m)
        label = _RESULT_LABEL.search(gap)
        if label is not None:  # "(positive > 20 U/mL)": the bound between a positive and a negative result
            return _by_cutoff(x, m, label.group(1).lower() == "positive", factor)
        lo, hi, below_only = _bounds(text, m, prev_end)
        if factor is None or (lo is None and hi is None):
            return None
        f = factor[0]
        comp = value.attrs.get("comparator")
        if hi is not None and (x * 1.0 >= hi * f if below_only else x > hi * f) and comp not in ("<", "<="):
            return "H"
        if lo is not None and x < lo * f and comp not in (">", ">="):
            return "L"
        if comp:
            return None  # "<5" against "3-10": not known to be normal
        return "N"
    return None


# --- an interval in bare parentheses, where the reader found no reference mention ---------------------------------
# "haemoglobin 94 g/L (130-170)", "CRP 6 mg/L (<5)": only the parentheses that directly follow the value count, with
# no unit or the value's own unit written; a target range ("target 6-8 ug/L") or a single number ("(7.5%)") states no
# interval and gives nothing.
# A drug level's "(therapeutic range 0.6-1.2)" is the interval the laboratory prints for it, and counts; "NV"/"RV"
# (normal / reference value) label it as "RR" does: "2.3 mg/dL (NV < 1.2)", and so does "range" alone after a test's
# value: "sodium of 126 (range, 136–145 mmol/L)".
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # "150,000-400,000": thousands separated by commas
_INTERVAL = re.compile(
    r"\s*\(\s*(?:(?:(?:normal|reference|ref\.?|NR|RR|NV|RV|N|therapeutic)\s*(?:range|values?|interval|limits?)?|range)"
    r"\s*[:,=]?\s*)?"
    rf"(?:(?P<cmp>[<>≤≥]=?|up to)\s*(?P<bound>{_NUM})|(?P<lo>{_NUM})\s*(?:[-–]|to)\s*(?P<hi>{_NUM}))"
    r"\s*(?P<unit>[^()\s;,][^();,]{0,20}?)?\s*\)")


def _num(written: str) -> float:
    return float(written.replace(",", ""))


def _same_unit(written: str | None, unit: str | None) -> bool:
    """No unit after the interval, or the value's unit as written (spaces, case and micro sign aside)."""
    if not written:
        return True
    if not unit:
        return False
    norm = str.maketrans({"µ": "u", "μ": "u", " ": None})
    return written.translate(norm).lower() == unit.translate(norm).lower()


def stated_interpretation(text: str, end: int, value: float, unit: str | None,
                          comparator: str | None = None) -> str | None:
    """H / L / N of `value` against the interval written in parentheses right at `end`, else None.
    A bound of the value ("TSH <0.01 mIU/L (0.27-4.2)") is low only when all it allows lies below the interval,
    high only when all it allows lies above."""
    m = _INTERVAL.match(text, end, end + 60)
    if m is None or not _same_unit(m.group("unit"), unit):
        return None
    if comparator:
        if m.group("cmp"):
            return None
        lo, hi = _num(m.group("lo")), _num(m.group("hi"))
        if comparator[0] in "<≤" and lo <= hi and value <= lo:
            return "L"
        if comparator[0] in ">≥" and lo <= hi and value >= hi:
            return "H"
        return None
    if m.group("cmp"):
        bound = _num(m.group("bound"))
        cmp = "<=" if m.group("cmp") == "up to" else m.group("cmp")  # "(up to 50)": the upper limit
        if cmp[0] in "<≤":
            return "H" if value > bound or value == bound and cmp == "<" else "N"
        return "L" if value < bound or value == bound and cmp == ">" else "N"
    lo, hi = _num(m.group("lo")), _num(m.group("hi"))
    if lo > hi:
        return None
    return "L" if value < lo else "H" if value > hi else "N"
