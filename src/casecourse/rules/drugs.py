"""Drug names -> canonical drug and class (data/drugs.csv)."""

from __future__ import annotations

import re
from functools import cache

from casecourse.model import Exposure
from casecourse.rules.concepts import data_rows, norm

_SALTS = {
    "sodium",
    "succinate",
    "sulfate",
    "sulphate",
    "phosphate",
    "hydrochloride",
    "tablets",
    "tablet",
    "acetate",
    "hemisuccinate",
    "oral",
    "iv",
    "sc",
    "injection",
    "infusion",
    "pulse",
    "pulses",
}
IMMUNOSUPPRESSIVE = {"glucocorticoid", "immunosuppressant", "biologic", "cytotoxic", "targeted synthetic"}
THERAPY_LINE_CLASSES = IMMUNOSUPPRESSIVE - {"glucocorticoid"} | {"antimalarial", "immunoglobulin", "cellular therapy",
                                                              "immunomodulatory drug", "proteasome inhibitor"}


@cache
def _table() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    syn, rows = {}, {}
    for r in data_rows("drugs.csv"):
        rows[r["drug"]] = r
        for s in r["synonyms"].split("|"):
            syn[norm(s)] = r["drug"]
    return syn, rows


@cache  # pure in `name`; called for every exposure by several rules
def canonical(name: str | None) -> str | None:
    if not name:
        return None
    n = norm(name)
    syn, _ = _table()
    if n in syn:
        return syn[n]
    stripped = " ".join(w for w in n.split() if w not in _SALTS)
    if stripped in syn:
        return syn[stripped]
    best = None
    for s, d in syn.items():
        # `s in n` first: a plain substring test, true whenever the word-bounded search can be
        if s in n and re.search(rf"\b{re.escape(s)}\b", n) and (best is None or len(s) > len(best[0])):
            best = (s, d)
    return best[1] if best else None


def drug_class(x: Exposure) -> str | None:
    c = canonical(x.drug)
    if c:
        return _table()[1][c]["class"]
    return x.drug_class.lower() if x.drug_class else None


def maintenance_cap(drug: str | None) -> float | None:
    c = canonical(drug)
    cap = _table()[1][c]["max_maintenance_mg_day"] if c else ""
    return float(cap) if cap else None


def names_drug(text: str | None, drug: str | None) -> bool:
    """Does free text (an event trigger) name this drug or one of its synonyms?"""
    c = canonical(drug)
    if not text or not c:
        return False
    n = norm(text)
    syn, _ = _table()
    return any(d == c and s in n and re.search(rf"\b{re.escape(s)}\b", n) for s, d in syn.items())
