"""Units of measurement: written form -> UCUM code, and conversion to the SI unit a test reports in.

The written-unit table is `knowledge/lab_units.csv`. Conversion uses pint through ucumvert's UCUM
registry, built lazily on the first conversion (it takes ~0.6 s) so that a CLI start pays nothing;
each (from, to, molar mass) factor is computed once and cached, so a conversion costs a multiply.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


@dataclass(frozen=True)
class UnitInfo:
    ucum: str
    kind: str
    default_test: str | None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@cache
def unit_table() -> dict[str, UnitInfo]:
    return {r["written"]: UnitInfo(r["ucum"], r["kind"], r["default_test"] or None)
            for r in _rows("lab_units.csv")}


@cache
def ucum_kinds() -> dict[str, str]:
    """UCUM code -> unit kind (first written form wins)."""
    kinds: dict[str, str] = {}
    for info in unit_table().values():
        kinds.setdefault(info.ucum, info.kind)
    return kinds


_NORMALISE = [
    (re.compile(r"\s+"), ""),
    (re.compile(r"percent"), "%"),
    (re.compile(r"[µμ]|mc(?=g)|micro(?=g|l|mol)"), "u"),
    (re.compile(r"(?<![a-z])gm(?=/|$)"), "g"),
    (re.compile(r"grams?"), "g"),
    (re.compile(r"litres?|liters?"), "l"),
    (re.compile(r"^per(?=[a-z/%])|(?<=[a-z])per(?=[a-z])"), "/"),
    (re.compile(r"cumm|mm³|cu\.?mm"), "mm3"),
    (re.compile(r"(?<=/)hours?$|(?<=/)hrs?$"), "h"),
    (re.compile(r"²"), "2"),
]


def normalise_unit(written: str) -> str:
    """The lookup key of a written unit (see the header of lab_units.csv)."""
    key = written.strip().rstrip(".").lower()
    for pattern, repl in _NORMALISE:
        key = pattern.sub(repl, key)
    return key


@cache
def lookup_unit(written: str) -> UnitInfo | None:
    table = unit_table()
    key = normalise_unit(written)
    info = table.get(key)
    if info is None and key.endswith("s") and len(key) > 2:
        info = table.get(key[:-1])
    return info


def exponent(text: str) -> int:
    """Exponent of a count multiplier as written: '9', '⁹', '12' (flattened '1012' arrives as '12')."""
    return int(text.translate(_SUPERSCRIPTS))


# --- conversion -------------------------------------------------------------------------------

@cache
def _registry():  # pragma: no cover - exercised through convert()
    from ucumvert import PintUcumRegistry

    from casecourse.cache import cache_dir

    try:  # pint keeps its parsed definition files there: ~0.5 s less at every cold start
        return PintUcumRegistry(cache_folder=str(cache_dir() / "pint"))
    except OSError:  # a read-only cache directory
        return PintUcumRegistry()


@cache
def _factor(ucum: str, target: str, molar_mass: float | None) -> float | None:
    """Multiplicative factor from `ucum` to `target`, or None when they are not convertible."""
    reg = _registry()
    try:
        src = reg.from_ucum(ucum)
        dst = reg.from_ucum(target)
    except Exception:  # ucumvert raises lark and pint errors alike
        return None
    q = 1 * src
    if q.dimensionality != (1 * dst).dimensionality and molar_mass:
        mm = molar_mass * reg.from_ucum("g/mol")
        for candidate in (q / mm, q * mm):
            if candidate.dimensionality == (1 * dst).dimensionality:
                q = candidate
                break
    try:
        return float(q.to(dst).magnitude)
    except Exception:
        return None


def convert(value: float, ucum: str, target: str, molar_mass: float | None = None,
            valence: float | None = None) -> float | None:
    """`value` in `ucum` expressed in `target`; None when not convertible without more data.

    mEq -> mmol divides by the ion's valence (pint would treat an equivalent as a mole).
    Temperatures are offset units and are converted by formula.
    """
    if ucum == target:
        return value
    if ucum == "[degF]" and target == "Cel":
        return round((value - 32) * 5 / 9, 6)
    if ucum == "meq/L":
        if target == "mmol/L":
            return value / (valence or 1)
        return None
    if ucum.startswith("meq") or target.startswith("meq"):
        return None
    factor = _factor(ucum, target, molar_mass)
    if factor is None:
        return None
    return float(f"{value * factor:.6g}")
