"""A short form two vocabularies read differently names the sense whose long form the text writes.

"GBS" is Guillain-Barré syndrome in `knowledge/diagnoses.csv` and group B streptococcus (Streptococcus agalactiae)
in `knowledge/workup_terms.csv`. In a neonatal report that writes "group B streptococcus" and never "Guillain-Barré",
"maternal GBS status" is the organism's: the diagnosis reading is dropped. A short form whose two senses share a word
("TB": tuberculosis and Mycobacterium tuberculosis; "HIV") is one sense and is kept; so is a diagnosis whose own
long form the text writes too.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention

_WORD = re.compile(r"[a-zà-ÿ]{4,}")


def _stems(phrases: tuple[str, ...]) -> set[str]:
    return {w[:5] for p in phrases for w in _WORD.findall(p)}


def _long_forms(synonyms: str) -> tuple[str, ...]:
    return tuple(s.strip().lower() for s in synonyms.split("|") if s.strip() and not s.strip().isupper()
                 and len(s.strip()) > 5)


@cache
def _organisms() -> dict[str, tuple[str, ...]]:
    """Organism short form -> the organism's long forms (lower case)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in table("workup_terms.csv"):
        if row["kind"] != "organism":
            continue
        longs = _long_forms(row["synonyms"]) + _long_forms(row["canonical"])
        for s in row["synonyms"].split("|"):
            if s.strip().isupper():
                out[s.strip()] = out.get(s.strip(), ()) + longs
    return out


@cache
def _diagnoses() -> dict[str, tuple[str, ...]]:
    """Diagnosis label (lower case) -> its long forms (lower case)."""
    return {r["name"].lower(): (r["name"].lower(), *_long_forms(r["synonyms"])) for r in table("diagnoses.csv")}


def drop_organism_senses(text: str, found: list[Mention]) -> list[Mention]:
    """`found` without the diagnosis readings of short forms the text uses for an organism it names in full."""
    organisms = _organisms()
    lower: str | None = None
    drop: set[str] = set()
    for m in found:
        if m.type not in ("condition", "finding") or not m.text.isupper() or m.text not in organisms:
            continue
        longs = organisms[m.text]
        label = str(m.attrs.get("label") or "").lower()
        own = _diagnoses().get(label, (label,))
        if _stems(own) & _stems(longs):
            continue  # one sense: "TB" is tuberculosis either way
        lower = lower if lower is not None else text.lower()
        if any(x in lower for x in longs) and not any(x in lower for x in own):
            drop.add(m.text)
    return [m for m in found if not (m.text in drop and m.type in ("condition", "finding"))] if drop else found
