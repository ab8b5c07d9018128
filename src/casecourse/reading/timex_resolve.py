"""Calendar arithmetic for time expressions: place a relative expression on the calendar from an
anchor date ("fourteen months later" from 2018-06-11 -> 2019-07-27 .. 2019-08-26, point 2019-08-11).

Month and year offsets use calendar months (day clamped to the month's end), not 30-day blocks; the
tolerance a found expression carries (half a unit for weeks and longer, see `timex.py`) widens the
interval. The output precision is the coarser of the anchor's and the expression's.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

from casecourse.model import Mention

_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4, "unknown": 5}
_UNIT_PRECISION = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
    "decade": "year",
}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_ISO = re.compile(r"(\d{4})(?:-(\d{2}|SP|SU|FA|WI)(?:-(\d{2}))?)?$")


def parse_iso(iso: str) -> tuple[date, date, str]:
    """The interval `[first day, last day]` an ISO date of any precision covers, and its precision."""
    m = _ISO.match(iso.strip())
    if not m:
        raise ValueError(f"not an ISO date: {iso!r}")
    y = int(m.group(1))
    if m.group(2) is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    if m.group(2) in _SEASON_MONTHS:
        a, b = _SEASON_MONTHS[m.group(2)]
        return _month_start(y, a), _month_end(y, b), "season"
    mo = int(m.group(2))
    if m.group(3) is None:
        return date(y, mo, 1), _month_end(y, mo), "month"
    d = date(y, mo, int(m.group(3)))
    return d, d, "day"


def _month_start(y: int, m: int) -> date:
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return date(y, m, 1)


def _month_end(y: int, m: int) -> date:
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, months: float) -> date:
    """`d` plus a (possibly fractional) number of calendar months; the fraction as 30.44-day parts."""
    whole = int(months) if months >= 0 else -int(-months)
    y, m = d.year, d.month + whole
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    out = date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    return out + timedelta(days=round((months - whole) * 30.4375))


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by `n` units (negative moves back)."""
    if unit in ("month", "year", "decade"):
        return add_months(d, n * {"month": 1, "year": 12, "decade": 120}[unit])
    days = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7}[unit]
    return d + timedelta(days=round(n * days))


def fmt(d: date, precision: str) -> str:
    """An ISO string at a precision (season and decade fall back to month and year)."""
    if precision == "day":
        return d.isoformat()
    if precision in ("month", "season"):
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def coarser(a: str, b: str) -> str:
    return a if _RANK.get(a, 5) >= _RANK.get(b, 5) else b


def _window_precision(days: float) -> str:
    return "day" if days < 28 else "month" if days < 365 else "year"


_SUB_DAY = {"hour": 1 / 24, "minute": 1 / 1440, "second": 1 / 86400}


def resolve(timex: Mention, anchor_iso: str, day_ends: bool = False) -> tuple[str, str, str | None, str]:
    """`(earliest, latest, point, precision)` of a time expression placed from an anchor date.

    Absolute dates return their own interval (a year-less "March" takes the anchor's year);
    relative expressions move from the anchor by their amount and direction ("within" spans from
    the anchor to the amount, "at" is the anchor itself); vague ones ("shortly after") give an
    interval and no point; durations give the span that starts at the anchor.

    `day_ends`: the anchor is a whole month the text told ("admitted in March 2019"); a count of days or weeks from
    it keeps the days of its ends ("day 5": 5 March .. 4 April, the month moved by the days, not the two months
    March .. April); the precision and the point stay the month's.
    """
    a0, a1, a_prec = parse_iso(anchor_iso)
    at = timex.attrs
    value = str(at.get("value") or "")
    if at.get("kind") == "absolute":
        if value.startswith("XXXX"):
            value = f"{a0.year:04d}" + value[4:]
        e0, e1, prec = parse_iso(value) if _ISO.match(value) else (a0, a1, a_prec)
        if prec == "season":
            return fmt(e0, "month"), fmt(e1, "month"), fmt(e0 + (e1 - e0) / 2, "month"), "season"
        return fmt(e0, prec), fmt(e1, prec), fmt(e0, prec), str(at.get("precision") or prec)
    unit = str(at.get("rel_unit") or "day")
    n_lo = float(at.get("rel_n_min") if at.get("rel_n_min") is not None else 0)
    n_hi = float(at.get("rel_n_max") if at.get("rel_n_max") is not None else n_lo)
    tol = float(at.get("rel_tol_days") or 0)
    direction = str(at.get("rel_direction") or ("within" if timex.type == "duration" else "after"))
    vague = bool(at.get("vague"))
    if at.get("rel_n_min") is None and at.get("rel_amount_min") is not None:
        unit, n_lo, n_hi = "day", float(at["rel_amount_min"]), float(at["rel_amount_max"] or 0)
    prec = coarser(a_prec, _UNIT_PRECISION.get(unit, "day"))
    td = timedelta(days=tol)
    if at.get("age_span") and unit in _SUB_DAY:
        # "at 14 hours of age": the days those hours fall on, counted down (rounding would put 14 hours on the next
        # day and its end before its start)
        per = _SUB_DAY[unit]
        lo = a0 + timedelta(days=math.floor(n_lo * per))
        hi = a1 + timedelta(days=max(0, math.ceil((n_hi + 1) * per) - 1))
        point = a0 + (a1 - a0) / 2 + timedelta(days=math.floor((n_lo + 0.5) * per))
        return fmt(lo, prec), fmt(hi, prec), fmt(point, prec), prec
    if at.get("age_span"):
        lo, hi = shift(a0, n_lo, unit), shift(a1, n_hi + 1, unit) - timedelta(days=1)
        return fmt(lo, prec), fmt(hi, prec), fmt(shift(a0 + (a1 - a0) / 2, n_lo + 0.5, unit), prec), prec
    if direction == "at":
        return fmt(a0, a_prec), fmt(a1, a_prec), None if vague else fmt(a0, a_prec), a_prec
    if direction == "before":
        lo, hi = shift(a0, -n_hi, unit) - td, shift(a1, -n_lo, unit) + td
        point = shift(a0 + (a1 - a0) / 2, -(n_lo + n_hi) / 2, unit)
    elif direction == "within":
        lo, hi, point = a0, shift(a1, n_hi, unit) + td, None
    else:
        lo, hi = shift(a0, n_lo, unit) - td, shift(a1, n_hi, unit) + td
        point = shift(a0 + (a1 - a0) / 2, (n_lo + n_hi) / 2, unit)
    if vague or direction == "within" or n_lo != n_hi:
        prec = coarser(prec, _window_precision((hi - lo).days))
        point = None if vague or direction == "within" else point
    if day_ends and prec == "month" and a_prec == "month" and _UNIT_PRECISION.get(unit) == "day" and not vague \
            and direction in ("after", "before") and (lo, hi) != (a0, a1):
        return fmt(lo, "day"), fmt(hi, "day"), None if point is None else fmt(point, prec), prec
    return fmt(lo, prec), fmt(hi, prec), None if point is None else fmt(point, prec), prec
