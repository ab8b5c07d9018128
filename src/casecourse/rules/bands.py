"""Banded score items (HScore): the points a reading can earn, as a range over its interval."""

from __future__ import annotations

from dataclasses import dataclass

from casecourse.rules.evidence import Interval, View, check
from casecourse.rules.timeaxis import Window
from casecourse.rules.units import norm_unit

# A band: (lower op, lower bound, upper op, upper bound, points); None op = unbounded.
Band = tuple[str | None, float, str | None, float, float]


@dataclass
class Banded:
    points: tuple[float, float]
    facts: list[str]
    detail: str
    documented: bool


def band_points(iv: Interval, bands: list[Band]) -> tuple[float, float]:
    possible = [
        p
        for lo_op, lo, hi_op, hi, p in bands
        if (lo_op is None or check(iv, lo_op, lo) is not False) and (hi_op is None or check(iv, hi_op, hi) is not False)
    ]
    return (min(possible), max(possible)) if possible else (0.0, 0.0)


def banded(view: View, analyte: str, bands_by_unit: dict[str, list[Band]], win: Window) -> Banded:
    """Worst (highest-scoring) reading in the window. Readings only maybe inside the window can
    raise the maximum but never the minimum."""
    top = max(p for bands in bands_by_unit.values() for *_, p in bands)
    lo_pts, hi_pts, facts, notes, any_reading = 0.0, 0.0, [], [], False
    for r in view.readings(analyte):
        inside = win.contains(view.axis, r.fact.time)
        if inside is False:
            continue
        unit = norm_unit(r.unit) if r.unit else None
        target = next((u for u in bands_by_unit if norm_unit(u) == unit), next(iter(bands_by_unit)))
        iv = r.interval(target)
        any_reading = True
        facts.append(r.fact.id)
        if iv is None:
            pmin, pmax = 0.0, top
            why = r.implausible or f"value not usable in {target}"
            notes.append(f"{r.fact.id}: {why}")
        else:
            pmin, pmax = band_points(iv, bands_by_unit[target])
            if iv.note:
                notes.append(iv.note)
        if inside:
            lo_pts = max(lo_pts, pmin)
        hi_pts = max(hi_pts, pmax)
    if not any_reading:
        return Banded((0.0, top), [], "no reading in the window", False)
    return Banded((lo_pts, hi_pts), facts, "; ".join(sorted(set(notes))) or "measured", True)
