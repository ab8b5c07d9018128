"""Tiny builders for hand-written test courses (dates are ISO; day 0 = 2024-01-10 unless given)."""

from __future__ import annotations

import itertools

from casecourse.model import (
    Condition,
    Course,
    Dose,
    DoseSegment,
    Event,
    Exposure,
    Finding,
    LabResult,
    Patient,
    Provenance,
    TimeRef,
    Timing,
)

P = Provenance(rule="hand-written")
_ids = itertools.count(1)
DAY = "2024-01-10"


def t(date: str = DAY, anchor: str | None = None) -> TimeRef:
    return TimeRef(point=date, precision="day" if len(date) == 10 else "month", derivation="stated", anchor=anchor)


def finding(name: str, date: str = DAY, negated: bool = False, **kw) -> Finding:
    return Finding(
        id=f"f{next(_ids)}",
        name=name,
        time=t(date, kw.pop("anchor", None)),
        provenance=P,
        assertion="negated" if negated else "present",
        **kw,
    )


def lab(
    test: str,
    value: float | None = None,
    unit: str | None = None,
    date: str = DAY,
    interp: str | None = None,
    **kw,
) -> LabResult:
    return LabResult(
        id=f"l{next(_ids)}",
        test=test,
        value=value,
        unit=unit,
        interpretation=interp,
        time=t(date, kw.pop("anchor", None)),
        provenance=P,
        **kw,
    )


def condition(name: str, date: str = DAY, status: str = "confirmed") -> Condition:
    return Condition(id=f"c{next(_ids)}", name=name, time=t(date), provenance=P, status=status)


def drug(
    name: str,
    mg: float | None,
    start: str,
    end: str | None = None,
    every_days: float = 1,
    status: str = "active",
    **kw,
) -> Exposure:
    seg = DoseSegment(
        dose=Dose(value=mg, unit="mg") if mg is not None else None,
        timing=Timing(frequency=1, period=every_days, period_unit="d"),
        start=t(start),
        end=t(end) if end else None,
    )
    return Exposure(
        id=f"x{next(_ids)}",
        drug=name,
        time=t(start),
        segments=[seg],
        provenance=P,
        end=t(end) if end else None,
        status=status,
        **kw,
    )


def event(typ: str, date: str = DAY, trigger: str | None = None, id: str | None = None) -> Event:
    return Event(id=id or f"e{next(_ids)}", type=typ, time=t(date), provenance=P, trigger=trigger)


def course(*facts, age: float | None = 40, admit: str | None = DAY, sex: str = "male") -> Course:
    """A course with one admission (id "adm") on `admit` unless admit is None."""
    c = Course(generator="test", patient=Patient(sex=sex, age_years=age))
    if admit:
        c.events.append(event("admission", admit, id="adm"))
    for f in facts:
        {
            Finding: c.findings,
            LabResult: c.labs,
            Condition: c.conditions,
            Exposure: c.exposures,
            Event: c.events,
        }[type(f)].append(f)
    return c


def one(assessments, at: str | None = None):
    hits = [a for a in assessments if at is None or a.at == at]
    assert len(hits) >= 1, [a.at for a in assessments]
    return hits[0]


def items(a) -> dict:
    return {i.name: i for i in a.items}
