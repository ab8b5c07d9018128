"""Small helpers shared by the rules: items from evidence, point ranges, statuses."""

from __future__ import annotations

from collections.abc import Sequence

from casecourse.model import AssessmentItem
from casecourse.rules.evidence import Ev

Pts = tuple[float, float]


def item(name: str, ev: Ev, points: Pts | None = None, detail: str | None = None) -> AssessmentItem:
    return AssessmentItem(
        name=name,
        value=ev.value,
        points=points,
        detail=detail or ev.detail or None,
        facts=sorted(set(ev.facts)),
    )


def binary_points(ev: Ev, weight: float) -> Pts:
    return (weight, weight) if ev.value else ((0.0, 0.0) if ev.value is False else (0.0, weight))


def any_of(*evs: Ev) -> Ev:
    """Three-valued OR, keeping the facts that decided it."""
    trues = [e for e in evs if e.value]
    if trues:
        return Ev(True, [f for e in trues for f in e.facts], "; ".join(e.detail for e in trues if e.detail))
    unk = [e for e in evs if e.value is None]
    if unk:
        return Ev(None, [f for e in unk for f in e.facts], "; ".join(e.detail for e in unk if e.detail))
    return Ev(False, [f for e in evs for f in e.facts], "; ".join(e.detail for e in evs if e.detail))


def all_of(*evs: Ev) -> Ev:
    """Three-valued AND."""
    falses = [e for e in evs if e.value is False]
    if falses:
        return Ev(False, [f for e in falses for f in e.facts], "; ".join(e.detail for e in falses))
    if any(e.value is None for e in evs):
        return Ev(None, [f for e in evs for f in e.facts], "; ".join(e.detail for e in evs if e.detail))
    return Ev(True, [f for e in evs for f in e.facts], "; ".join(e.detail for e in evs if e.detail))


def count(evs: Sequence[Ev]) -> tuple[int, int]:
    """(number true, number unknown)."""
    return sum(1 for e in evs if e.value), sum(1 for e in evs if e.value is None)


def at_least(evs: Sequence[Ev], n: int) -> Ev:
    t, u = count(evs)
    facts = [f for e in evs if e.value is not False for f in e.facts]
    if t >= n:
        return Ev(True, facts, f"{t} of {len(evs)} true")
    if t + u < n:
        return Ev(False, [f for e in evs for f in e.facts], f"{t} true, {u} unknown: fewer than {n}")
    return Ev(None, facts, f"{t} true, {u} unknown: needs {n}")


def criteria_status(a_true: bool, possible: bool) -> str:
    return "met" if a_true else ("undetermined" if possible else "not met")


def score(lo: float, hi: float) -> dict[str, float]:
    return {"min": float(lo), "max": float(hi)}


def same_concept(*evs: Ev) -> Ev:
    """OR over different records of ONE concept (a finding and its measurement): sources with no
    evidence at all do not make it unknown. Not for distinct criteria (TG and fibrinogen)."""
    documented = [e for e in evs if e.facts or e.value is not None]
    return any_of(*documented) if documented else Ev(None, [], "not documented")
