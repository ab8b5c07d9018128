"""Convert a patient's value into the unit a rule was published in (factors in data/units.csv)."""

from __future__ import annotations

import re
from functools import cache

from casecourse.rules.concepts import data_rows

_GROUPS = {
    "platelets": "*count",
    "leukocytes": "*count",
    "neutrophils": "*count",
    "lymphocytes": "*count",
    "ast": "*enzyme",
    "alt": "*enzyme",
    "ldh": "*enzyme",
}


@cache  # pure in `unit`; asked for every reading by every rule
def norm_unit(unit: str | None) -> str | None:
    """A canonical spelling: 'x10⁹/L' -> '10^9/l', 'µg/L' -> 'ug/l', 'IU/L' -> 'iu/l', '°C' -> 'degc'."""
    if not unit:
        return None
    u = unit.strip().lower().replace("µ", "u").replace("μ", "u").replace("×", "x").replace(" ", "")
    u = u.replace("⁹", "9").replace("³", "3").replace("**", "^").replace("*", "^").replace("mm³", "mm3")
    u = re.sub(r"^x?10\^?9/l$", "10^9/l", u)
    u = re.sub(r"^x?10\^?3/(ul|mm3)$", "10^3/ul", u)
    u = re.sub(r"^[a-z]*/(hpf|hpfield)$", "/hpf", u)
    u = {
        "k/ul": "10^3/ul",
        "cells/ul": "/ul",
        "cells/mm3": "/mm3",
        "/cumm": "/mm3",
        "c": "degc",
        "cel": "degc",
        "[degf]": "degf",
        "°c": "degc",
        "ºc": "degc",
        "℃": "degc",
        "celsius": "degc",
        "°celsius": "degc",
        "degreecelsius": "degc",
        "degreescelsius": "degc",
        "degreesc": "degc",
        "℉": "degf",
        "fahrenheit": "degf",
        "degreefahrenheit": "degf",
        "degreesfahrenheit": "degf",
        "degreesf": "degf",
        "f": "degf",
        "°f": "degf",
        "ºf": "degf",
        "g/day": "g/24h",
        "g/d": "g/24h",
        "g/24hours": "g/24h",
        "mg/day": "mg/24h",
        "mg/d": "mg/24h",
        "iu/ml": "iu/ml",
        "u/l": "u/l",
    }.get(u, u)
    return u


@cache
def _factors() -> dict[tuple[str, str, str], float]:
    return {(r["analyte"], r["from_unit"], r["to_unit"]): float(r["factor"]) for r in data_rows("units.csv")}


def convert(analyte: str, value: float, unit: str | None, to_unit: str) -> float | None:
    """`value` in `unit` expressed in `to_unit`, or None when no conversion is known."""
    src, dst = norm_unit(unit), norm_unit(to_unit)
    if src is None or dst is None:
        return None
    if src == dst:
        return value
    if analyte == "temperature":
        if src == "degf" and dst == "degc":
            return (value - 32) * 5 / 9
        if src == "degc" and dst == "degf":
            return value * 9 / 5 + 32
        return None
    for key in (analyte, _GROUPS.get(analyte, "")):
        f = _factors().get((key, src, dst))
        if f is not None:
            return value * f
    return None


@cache
def _estimates() -> dict[tuple[str, str, str], tuple[float, float, str]]:
    return {(r["analyte"], r["from_unit"], r["to_unit"]): (float(r["factor_low"]), float(r["factor_high"]), r["note"])
            for r in data_rows("unit_estimates.csv")}


def estimate(analyte: str, value: float, unit: str | None, to_unit: str) -> tuple[float, float, str] | None:
    """`value` in `unit` as the range it stands for in `to_unit` where only an estimate links them (a spot
    protein-to-creatinine ratio for the day's protein, data/unit_estimates.csv), with the note saying so; else None."""
    row = _estimates().get((analyte, norm_unit(unit) or "", norm_unit(to_unit) or ""))
    if row is None:
        return None
    lo, hi, note = row
    return value * lo, value * hi, note


def assumed_unit(analyte: str, value: float) -> str | None:
    """The unit a bare number almost surely has (case reports often omit it), else None.

    Only unambiguous ranges: a platelet count of 45 is 10^9/L and of 45 000 is /µL; a temperature
    of 39 is °C. Callers must say in the item detail that the unit was assumed.
    """
    if analyte == "temperature":
        return "degc" if 30 <= value <= 45 else ("degf" if 86 <= value <= 113 else None)
    if analyte == "platelets":
        return "10^9/l" if value < 1500 else "/ul"
    if analyte in ("leukocytes", "neutrophils", "lymphocytes"):
        return "10^9/l" if value < 100 else ("/ul" if value >= 200 else None)
    if analyte == "hemoglobin":
        return "g/dl" if value < 25 else ("g/l" if value >= 30 else None)
    if analyte == "ferritin":
        return "ng/ml"
    if analyte == "pga":
        return "score"
    if analyte in ("urine_rbc", "urine_wbc"):
        return "/hpf"
    if analyte in ("ast", "alt", "ldh"):
        return "u/l"
    return None
