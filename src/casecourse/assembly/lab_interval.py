"""A lab value's interpretation from the reference interval the text writes right after it.

"haemoglobin 94 g/L (130-170)", "CRP 6 mg/L (<5)", "white cell count 11.8 x 10^9/L (reference 4.0-11.0)": the
report states the laboratory's own interval, so the value is low, high or normal against it. Only an interval in
the parentheses that directly follow the value counts, with no unit or the value's own unit written; a target
range ("target 6-8 ug/L") or a single number ("(7.5%)") states no interval and gives nothing.
"""
from __future__ import annotations

import re

_NUM = r"\d+(?:\.\d+)?"
_INTERVAL = re.compile(
    r"\s*\(\s*(?:(?:normal|reference|ref\.?|NR|RR|N)\s*(?:range|values?|interval|limits?)?\s*[:,=]?\s*)?"
    rf"(?:(?P<cmp>[<>≤≥]=?)\s*(?P<bound>{_NUM})|(?P<lo>{_NUM})\s*(?:[-–]|to)\s*(?P<hi>{_NUM}))"
    r"\s*(?P<unit>[^()\s;,][^();,]{0,20}?)?\s*\)")


def _same_unit(written: str | None, unit: str | None) -> bool:
    """No unit after the interval, or the value's unit as written (spaces, case and micro sign aside)."""
    if not written:
        return True
    if not unit:
        return False
    norm = str.maketrans({"µ": "u", "μ": "u", " ": None})
    return written.translate(norm).lower() == unit.translate(norm).lower()


def stated_interpretation(text: str, end: int, value: float, unit: str | None) -> str | None:
    """H / L / N of `value` against the interval written in parentheses right at `end`, else None."""
    m = _INTERVAL.match(text, end, end + 60)
    if m is None or not _same_unit(m.group("unit"), unit):
        return None
    if m.group("cmp"):
        bound = float(m.group("bound"))
        if m.group("cmp")[0] in "<≤":
            return "H" if value > bound or value == bound and m.group("cmp") == "<" else "N"
        return "L" if value < bound or value == bound and m.group("cmp") == ">" else "N"
    lo, hi = float(m.group("lo")), float(m.group("hi"))
    if lo > hi:
        return None
    return "L" if value < lo else "H" if value > hi else "N"
