"""Which stored facts a query term names: through what the courses store (names, the text as written, codes).

A term that looks like a code (ICD-10 "M32", "D76.1"; DrugBank "DB00026"; ATC "L04AC" or "L04AC03") matches every
fact with a code starting with it. Any other term is compared, case- and spelling-folded (rules.concepts.norm:
"haemophagocytic" = "hemophagocytic"), with each fact's name, its text and its evidence span; the codes of the facts
it names (ICD-10 for conditions; DrugBank and ATC for drugs) then match every fact carrying one of them, so "SLE"
(a written form) finds "systemic lupus erythematosus" everywhere, and a brand name its ingredient. A term the stored
texts never write is first turned into the names the courses use by the same synonym tables the reader and the rules
read (knowledge/diagnoses.csv; rules/data/drugs.csv): "HLH" is "hemophagocytic lymphohistiocytosis".

A condition named in words follows the ICD-10 hierarchy: its ICD-10 codes (those of the stored facts it names and
those diagnoses.csv gives its names) each stand for a branch of the classification, and every condition coded in
that branch matches. By the ICD-10 convention that the subcode .9 of a three-character category is "unspecified", a
code X00.9 stands for its whole category X00 ("systemic lupus erythematosus", M32.9, matches lupus nephritis, M32.14,
and the other M32 subcodes); any other code stands for itself and its subcodes ("hemophagocytic lymphohistiocytosis",
D76.1, does not match other D76 histiocytoses).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
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


@cache
def _diagnosis_codes() -> dict[str, set[str]]:
    """normalised diagnosis name -> its ICD-10 codes in knowledge/diagnoses.csv."""
    from casecourse.knowledge import table

    out: dict[str, set[str]] = {}
    for r in table("diagnoses.csv"):
        if (r.get("icd10") or "").strip():
            out.setdefault(norm(r["name"]), set()).add(r["icd10"].strip())
    return out


_UNSPECIFIED = re.compile(r"^([A-Z]\d{2})\.9$")


def icd10_branch(code: str) -> str:
    """The ICD-10 branch a condition's code stands for: X00.9 (unspecified) its category X00, else itself."""
    m = _UNSPECIFIED.match(code.strip().upper())
    return m.group(1) if m else code.strip().upper()


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
    branches: set[str] = field(default_factory=set)  # ICD-10 branches (conditions): every code under them matches

    def describe(self) -> str:
        if self.code_prefix:
            return f"{self.term}: codes starting with {self.code_prefix}"
        if self.branches:
            return (f"{self.term}: " + " and ".join(f"ICD-10 {b} and its subcodes" for b in sorted(self.branches))
                    + f", or by name ({', '.join(sorted(self.names, key=lambda n: (n.lower(), n))) or self.term})")
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
    if table != "conditions":
        return Resolved(q, None, names, found)
    for k in wanted:
        found |= _diagnosis_codes().get(k, set())
    return Resolved(q, None, names, found, {icd10_branch(c) for c in found})


def where(r: Resolved, name_cols: tuple[str, ...], code_cols: tuple[str, ...]) -> tuple[str, list]:
    """A SQL condition (with its parameters) true for the rows of the table the term names."""
    if r.code_prefix:
        return ("len(list_filter(codes, c -> starts_with(upper(regexp_replace(c, '^[A-Za-z0-9]+:', '')), ?))) > 0",
                [r.code_prefix])
    parts, params = [], []
    for b in sorted(r.branches):  # ICD10:M32 matches ICD10:M32.14; ICD10:D76.1 matches D76.1 and D76.1x only
        parts.append("len(list_filter(codes, c -> c = ? OR starts_with(c, ?))) > 0")
        params += [f"ICD10:{b}", f"ICD10:{b}" + ("" if "." in b else ".")]
    for cols, values in ((name_cols, sorted(r.names)), (code_cols, sorted(r.codes))):
        if values:
            parts += [f"list_contains(?::VARCHAR[], {c})" for c in cols]
            params += [values] * len(cols)
    return ("(" + " OR ".join(parts) + ")" if parts else "false"), params
