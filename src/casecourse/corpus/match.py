"""Which stored facts a query term names: through what the courses store (names, the text as written, codes).

A term that looks like a code (ICD-10 "M32", "D76.1"; DrugBank "DB00026"; ATC "L04AC" or "L04AC03") matches every
fact with a code starting with it. Any other term is compared, case- and spelling-folded (rules.concepts.norm:
"haemophagocytic" = "hemophagocytic"), with each fact's name, its text and its evidence span; the codes of the facts
it names (ICD-10 for conditions; DrugBank and ATC for drugs) then match every fact carrying one of them, so "SLE"
(a written form) finds "systemic lupus erythematosus" everywhere, and a brand name its ingredient. A term the stored
texts never write is first turned into the names the courses use by the same synonym tables the reader and the rules
read (knowledge/diagnoses.csv; rules/data/drugs.csv): "HLH" is "hemophagocytic lymphohistiocytosis".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casecourse.rules.concepts import norm


@cache
def _diagnosis_synonyms() -> dict[str, set[str]]:
    from casecourse.knowledge import table

    out: dict[str, set[str]] = {}
    for r in table("diagnoses.csv"):
        for s in [r["name"], *(r.get("synonyms") or "").split("|")]:
            if s.strip():
                out.setdefault(norm(s), set()).add(norm(r["name"]))
    return out


def keys(table: str, term: str) -> set[str]:
    """The normalised names a term stands for: itself and, by the synonym tables, the names the courses use."""
    key = norm(term)
    if table == "conditions":
        return {key, *_diagnosis_synonyms().get(key, ())}
    from casecourse.rules.drugs import canonical

    c = canonical(term)
    return {key, norm(c)} if c else {key}

_CODE = re.compile(r"^(?:[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?|DB\d{5}|[A-Z]\d{2}[A-Z]{1,2}\d{0,2})$", re.I)
# conditions the cohort counts: present or in the history, confirmed; suspected ones only when asked
PRESENT = ("present", "historical")
SUSPECTED = ("suspected",)
CONFIRMED_STATUS = ("confirmed",)
SUSPECTED_STATUS = ("provisional", "differential", "unconfirmed")


@dataclass
class Resolved:
    term: str
    code_prefix: str | None
    names: set[str]  # normalised names/texts/evidence equal to the term
    codes: set[str]  # codes of the facts the term names

    def describe(self) -> str:
        if self.code_prefix:
            return f"{self.term}: codes starting with {self.code_prefix}"
        return f"{self.term}: by name" + (f" and codes {', '.join(sorted(self.codes))}" if self.codes else "")


def looks_like_code(term: str) -> bool:
    return bool(_CODE.match(term.strip()))


def resolve(con, table: str, name_cols: tuple[str, ...], code_cols: tuple[str, ...], term: str) -> Resolved:
    q = term.strip()
    if looks_like_code(q):
        return Resolved(q, q.upper(), set(), set())
    wanted = keys(table, q)
    cols = ", ".join((*name_cols, *code_cols))
    names, found = set(), set()
    for row in con.execute(f"SELECT DISTINCT {cols} FROM {table}").fetchall():
        vals, codes = row[:len(name_cols)], row[len(name_cols):]
        if any(v and norm(v) in wanted for v in vals):
            names.update(v for v in vals if v and norm(v) in wanted)
            found.update(c for c in codes if c)
    return Resolved(q, None, names, found)


def where(r: Resolved, name_cols: tuple[str, ...], code_cols: tuple[str, ...]) -> tuple[str, list]:
    """A SQL condition (with its parameters) true for the rows of the table the term names."""
    if r.code_prefix:
        return ("len(list_filter(codes, c -> starts_with(upper(regexp_replace(c, '^[A-Za-z0-9]+:', '')), ?))) > 0",
                [r.code_prefix])
    parts, params = [], []
    for cols, values in ((name_cols, sorted(r.names)), (code_cols, sorted(r.codes))):
        if values:
            parts += [f"list_contains(?::VARCHAR[], {c})" for c in cols]
            params += [values] * len(cols)
    return ("(" + " OR ".join(parts) + ")" if parts else "false"), params
