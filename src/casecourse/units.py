"""Units of measurement: written form -> UCUM code, and conversion to the SI unit a test reports in.

The written-unit table is `knowledge/lab_units.csv`. Conversion uses pint through ucumvert's UCUM
registry. Loading that registry takes ~0.5 s, so the factors from every written unit (and counts
"10*N/L" etc.) to every SI unit of `knowledge/labs.csv` are computed by pint once per machine and
kept in the on-disk cache (`casecourse.cache`, keyed by both CSVs, this module and the installed
pint and ucumvert); a conversion the table lacks asks pint as before. Each factor is cached in memory, so a
conversion costs a multiply.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

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


# (pattern, replacement, what every match of the pattern holds: a piece of text, or for the hours the "/" before it)
_NORMALISE = [
    (re.compile(r"percent"), "%", "per"),
    (re.compile(r"[µμ]|mc(?=g|l(?![a-z]))|micro(?=g|l|mol)"), "u", "µ|μ|mc|mic"),  # "mcg", "cells/mcL"
    (re.compile(r"milli(?=g|l|mol|eq)"), "m", "mil"),  # "milligrams per deciliter", "millimoles"
    (re.compile(r"(?<![a-z])gm(?=/|$)"), "g", "gm"),
    (re.compile(r"grams?"), "g", "gra"),
    (re.compile(r"litres?|liters?"), "l", "lit"),
    (re.compile(r"^per(?=[a-z/%])|(?<=[a-z])(?<!up)per(?=[a-z])"), "/", "per"),  # not in "upper"
    (re.compile(r"cumm|mm³|cu\.?mm"), "mm3", "mm"),
    (re.compile(r"(?<=/)hours?$|(?<=/)hrs?$"), "h", "/h"),
    (re.compile(r"²"), "2", "²"),
]
_SPACES = re.compile(r"\s+")
# a key holding none of the rules' pieces (most words after a number: "of case", "with a") is one no rule changes
# (the first rule to change a key matches it as it is): one search instead of a substitution per rule
_ANY_RULE = re.compile("|".join(sorted({re.escape(piece) for _, _, pieces in _NORMALISE
                                         for piece in pieces.split("|")})))


def normalise_unit(written: str) -> str:
    """The lookup key of a written unit (see the header of lab_units.csv)."""
    key = _SPACES.sub("", written.strip().rstrip(".").lower())
    if _ANY_RULE.search(key):
        for pattern, repl, _ in _NORMALISE:
            key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=65536)  # bounded: every new phrase after a number is asked once, and a corpus run has millions
def lookup_unit(written: str) -> UnitInfo | None:
    table = unit_table()
    exact = written.strip()
    if exact != exact.lower() and exact in table:  # a row in its written case: "nM", "mM" (not "nm", "mm")
        return table[exact]
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

    from casecourse.cache import cache_dir, exclusive

    folder = cache_dir() / "pint"
    try:  # pint keeps its parsed definition files there: ~0.5 s less at every cold start
        folder.mkdir(parents=True, exist_ok=True)
        with exclusive(folder / ".lock"):  # pint writes them in place: a process starting alongside read half files
            return PintUcumRegistry(cache_folder=str(folder))
    except OSError:  # a read-only cache directory
        return PintUcumRegistry()


TABLE_VERSION = "4"
_COUNT_EXPONENTS = range(0, 25)  # "x 10^9/L", "x 10^3/uL"


def _num(x: str) -> float | None:
    return float(x) if x else None


def _targets() -> list[tuple[str, float | None]]:
    """(unit, molar mass) pairs `convert` is asked for: the lab catalogue's SI units, and the units of the
    physiological limits (plausibility.py) with the molar mass of their test (the catalogue's, as plausibility passes
    it). Without the latter, a document with a value to check in a conventional unit loaded pint (~0.7 s)."""
    labs = _rows("labs.csv")
    pairs = {(r["unit_si"], _num(r["molar_mass"])) for r in labs if r["unit_si"]}
    molar = {r["name"]: _num(r["molar_mass"]) for r in labs}  # the last row of a name, as labs_catalogue keeps it
    pairs |= {(r["ucum"], molar.get(r["test"])) for r in _rows("physiological_limits.csv") if r["ucum"]}
    return sorted(pairs, key=lambda p: (p[0], p[1] or 0.0))


def _sources() -> list[str]:
    """The units labs_values writes: the table's, counts "10*9/L", and a blood pressure's and a
    titre's own. (Multiplied concentrations, "10*6.[IU]/mL", are rare and many: pint is asked.)"""
    infos = [info for info in unit_table().values() if info.ucum]
    counts = {f"10*{e}{i.ucum}" for e in _COUNT_EXPONENTS for i in infos if i.kind == "count"}
    return sorted({i.ucum for i in infos} | counts | {"mm[Hg]", "{titer}"})


def _build_table() -> dict[tuple[str, str, float | None], float | None]:  # pragma: no cover - cache miss
    """pint's factor for every (source, target, molar mass). Pairs with a unit pint cannot read as a
    quantity, or whose dimensions cannot meet (even through a molar mass), get None without asking
    pint, which would only fail."""
    def dims(ucum: str):
        try:
            return (1 * _from_ucum(ucum)).dimensionality
        except Exception:
            return None  # pint's factor is None for every pair with this unit

    molar = dims("g/mol")
    table: dict[tuple[str, str, float | None], float | None] = {}
    targets = [(t, mm, dims(t)) for t, mm in _targets()]
    for ucum in _sources():
        d = dims(ucum)
        for target, mm, dd in targets:
            meet = d is not None and dd is not None and (d == dd or (mm and dd in (d / molar, d * molar)))
            table[(ucum, target, mm)] = _pint_factor(ucum, target, mm) if meet else None
    return table


@cache
def _table() -> dict[tuple[str, str, float | None], float | None]:
    import hashlib
    import importlib.util

    from casecourse.cache import cached, file_key

    h = hashlib.sha256(TABLE_VERSION.encode())
    h.update(Path(__file__).read_bytes())  # the builder's own code
    for name in ("lab_units.csv", "labs.csv", "physiological_limits.csv"):
        h.update(resources.files("casecourse.knowledge").joinpath(name).read_bytes())
    origins = []
    for package in ("pint", "ucumvert"):
        spec = importlib.util.find_spec(package)  # locates the package without importing it
        if spec is None or spec.origin is None:
            return {}
        origins.append(spec.origin)
    return cached("unit-factors", h.hexdigest()[:16] + file_key(*origins), _build_table)


@cache
def _factor(ucum: str, target: str, molar_mass: float | None) -> float | None:
    """Multiplicative factor from `ucum` to `target`, or None when they are not convertible."""
    table = _table()
    key = (ucum, target, molar_mass)
    if key in table:
        return table[key]
    return _pint_factor(ucum, target, molar_mass)


@cache
def _parsed_ucum(ucum: str):  # noqa: ANN202 - a pint unit, or the exception ucumvert raised
    try:
        return _registry().from_ucum(ucum)
    except Exception as err:  # ucumvert raises lark and pint errors alike
        return err


def _from_ucum(ucum: str):  # noqa: ANN202
    """ucumvert's reading of `ucum`, parsed once: its Earley parser takes milliseconds per unit, and building
    the factor table asks for the same few hundred units thousands of times."""
    got = _parsed_ucum(ucum)
    if isinstance(got, Exception):
        raise got
    return got


def _pint_factor(ucum: str, target: str, molar_mass: float | None) -> float | None:
    """pint's factor; None for a unit ucumvert cannot parse or read as a quantity ("{titer}" comes
    back as a plain string), an offset unit in a product (Cel), or dimensions that do not meet."""
    try:
        src = _from_ucum(ucum)
        dst = _from_ucum(target)
        q = 1 * src
        dims = (1 * dst).dimensionality
        if q.dimensionality != dims and molar_mass:
            mm = molar_mass * _from_ucum("g/mol")
            for candidate in (q / mm, q * mm):
                if candidate.dimensionality == dims:
                    q = candidate
                    break
        return float(q.to(dst).magnitude)
    except Exception:  # ucumvert raises lark and pint errors alike
        return None


_ANNOTATIONS = re.compile(r"\{[^}]*\}")


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
    if ("{" in ucum or "{" in target) and _ANNOTATIONS.findall(ucum) != _ANNOTATIONS.findall(target):
        return None  # UCUM reads an annotation as 1: "mL/min" is no "mL/min/{1.73_m2}" (a clearance not normalised)
    factor = _factor(ucum, target, molar_mass)
    if factor is None:
        return None
    return float(f"{value * factor:.6g}")
