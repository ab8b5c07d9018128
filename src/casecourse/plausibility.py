"""Physiological plausibility of lab values (knowledge/physiological_limits.csv).

A value outside its test's physiological limits is kept exactly as written (value, unit, SI value) and marked with
the reason in `LabResult.implausible`: the authors most likely wrote the unit wrong ("haemoglobin 9 mg/dL"), and
casecourse never guesses which unit they meant. The FHIR export, the HTML report and the clinical rules read the
mark (a marked value is no evidence: the rule item it would settle stays unknown).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from casecourse.knowledge import table
from casecourse.model import LabResult
from casecourse.units import convert


@cache
def limits() -> dict[str, tuple[str, float, float]]:
    """test -> (ucum, low, high)."""
    return {r["test"]: (r["ucum"], float(r["low"]), float(r["high"])) for r in table("physiological_limits.csv")}


def can_be_negative(test: str | None) -> bool:
    """False for a test whose physiological lower limit is 0 or more (a concentration, a count); True otherwise
    (base excess, or a test with no limits listed)."""
    row = limits().get(test or "")
    return row is None or row[1] < 0


def _in_limit_unit(test: str, value: float, ucum: str, target: str) -> float | None:
    if ucum == target:
        return value
    from casecourse.reading.labs_catalogue import catalogue

    entry = catalogue().get(test)
    return convert(value, ucum, target, entry.molar_mass if entry else None, entry.valence if entry else None)


def implausible(test: str, value: float | None, ucum: str | None, comparator: str | None = None,
                value_high: float | None = None) -> str | None:
    """The reason a value cannot be a physiological result of `test` as written, or None (also when the test has no
    limits or the unit does not convert to theirs)."""
    row = limits().get(test)
    if row is None or value is None or not ucum:
        return None
    target, low, high = row
    bad = False
    for v in (value, value_high):
        if v is None:
            continue
        x = _in_limit_unit(test, v, ucum, target)
        if x is None:
            return None
        if comparator in ("<", "<="):  # "< 0.01": only a bound below every possible value says something impossible
            bad |= x < low
        elif comparator in (">", ">="):
            bad |= x > high
        else:
            bad |= x < low or x > high
    if not bad:
        return None
    return (f"value outside the physiological range for {test} ({low:g} to {high:g} {target}): "
            f"check the unit as written")


def mark_implausible(labs: Iterable[LabResult]) -> None:
    """Set `implausible` on every lab result whose value (or range) lies outside its test's limits."""
    for lab in labs:
        lab.implausible = implausible(lab.test, lab.value, lab.ucum, lab.comparator, lab.value_high)
