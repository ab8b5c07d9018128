"""A table that restates results the narrative gives is no second set of measurements.

Case reports often tell the work-up in the text ("ferritin 2400 ng/mL, fibrinogen 1.2") and list it again in a table
("Fibrinogen (g/L) | 1.2"). Read apart, each result appears twice in the course, once without the unit the
table's header gives and once without the time the narrative gives. One measurement is one result: a table result
whose test, value, comparator, range and diastolic value are those of exactly one narrative result, with no unit, flag
or time of its own that disagrees, is merged into it. The narrative result keeps its id and time (the text tells when);
the unit, its UCUM code and SI value come from the table where the narrative wrote none, and both spans are kept.
Where two narrative results could be the one restated (the same value on two days), nothing is merged: which one the
table lists is not known.
"""
from __future__ import annotations

from collections.abc import Iterable

from casecourse.model import LabResult


def _unit_key(unit: str | None) -> str:
    return "".join((unit or "").split()).lower()


def _same_result(table: LabResult, told: LabResult) -> bool:
    if (table.test, table.value, table.value_high, table.comparator, table.diastolic) != (
            told.test, told.value, told.value_high, told.comparator, told.diastolic) or table.value is None:
        return False
    units = {_unit_key(table.unit), _unit_key(told.unit)} - {""}
    if len(units) > 1:
        return False
    if table.interpretation and told.interpretation and table.interpretation != told.interpretation:
        return False
    return not table.time.known or table.time == told.time


def _merged(told: LabResult, table: LabResult) -> LabResult:
    update: dict[str, object] = {
        "provenance": told.provenance.model_copy(
            update={"spans": [*told.provenance.spans, *table.provenance.spans]}),
        "interpretation": told.interpretation or table.interpretation,
        "codings": told.codings or table.codings,
    }
    if not told.unit and table.unit:
        update.update(unit=table.unit, ucum=table.ucum, value_si=table.value_si, unit_si=table.unit_si)
    return told.model_copy(update=update)


def merge_table_restatements(labs: list[LabResult], from_table: Iterable[str]) -> list[LabResult]:
    """`labs` with each table result (ids in `from_table`) that restates one narrative result merged into it."""
    tabled = set(from_table)
    told = [i for i, lab in enumerate(labs) if lab.id not in tabled and lab.value is not None]
    out: list[LabResult | None] = list(labs)
    taken: set[int] = set()  # narrative results that already took a table row's restatement
    for j, lab in enumerate(labs):
        if lab.id not in tabled:
            continue
        matches = [i for i in told if _same_result(lab, labs[i])]
        if len(matches) != 1 or matches[0] in taken:
            continue
        i = matches[0]
        taken.add(i)
        out[i] = _merged(labs[i], lab)
        out[j] = None
    return [lab for lab in out if lab is not None]
