"""Small builders shared by the time-expression rules: TIMEX3 duration values and relative offsets."""

from __future__ import annotations

from casecourse.reading.timex_lexicon import UNIT_DAYS, UNITS

#: tolerance (days) on an amount written in a unit: half the unit from weeks up, none below
#: ("fourteen months later" = 14 months +/- 15 days); a casecourse convention, not a standard.
_TOL = {"week": 3.5, "month": 15.2, "year": 182.6, "decade": 1826.0}
_PRECISION = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
    "decade": "decade",
}


def unit_of(word: str) -> str:
    """Canonical unit (`day`, `month`, ...) of a unit word (`days`, `mo`, `hrs`)."""
    return UNITS[word.lower()][0]


def unit_precision(unit: str) -> str:
    return _PRECISION.get(unit, "day")


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(lo: float, hi: float, vague: bool, unit: str) -> str:
    """TIMEX3 duration value: P3M, PT6H, P2.5Y; `PXD` when the amount is vague or a range."""
    if unit == "decade":
        unit, lo, hi = "year", lo * 10, hi * 10
    letter = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}[
        unit
    ]
    t = "T" if unit in ("second", "minute", "hour") else ""
    amount = "X" if vague or lo != hi else _num(lo)
    return f"P{t}{amount}{letter}"


def relative_attrs(
    lo: float, hi: float, unit: str, direction: str, anchor: str, vague: bool, exact_tol: bool = False
) -> dict:
    """The `rel_*` attributes of an offset of `lo`..`hi` units; amounts in days.

    `within` spans from 0 to the amount; otherwise the amount is widened by the unit tolerance.
    """
    ud = UNIT_DAYS[unit]
    tol = 0.0 if exact_tol else _TOL.get(unit, 0.0)
    if direction == "within":
        amin, amax = 0.0, hi * ud
    else:
        amin, amax = max(0.0, lo * ud - tol), hi * ud + tol
    return {
        "rel_direction": direction,
        "rel_amount_min": round(amin, 1),
        "rel_amount_max": round(amax, 1),
        "rel_anchor": anchor,
        "rel_unit": unit,
        "rel_n_min": lo,
        "rel_n_max": hi,
        "rel_tol_days": tol if direction != "within" else 0.0,
        "vague": vague,
    }
