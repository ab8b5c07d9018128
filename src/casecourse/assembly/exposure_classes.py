"""Courses of a drug class told without its agent ("treated with steroids", "antibiotics were started").

A class word stands for a treatment the patient took, and the course keeps it as an exposure of the class
(knowledge/class_exposures.csv), unless the words speak of a named member: one named in the same sentence
("steroids (prednisolone 1 mg/kg)"), one being taken ("steroids were tapered" while on prednisone), or one named right
after the class course began with nothing of its own told ("She was started on steroids. Prednisolone 60 mg daily was
given."): then the class course is that member's and is dropped (`drop_restated`).
"""

from __future__ import annotations

import re
from functools import cache

from casecourse.assembly.exposure_doses import _class_members
from casecourse.knowledge import table
from casecourse.model import Assertion, Exposure, Mention

# "steroid-refractory", "antibiotic-associated", "steroid-sparing": a compound adjective, no treatment given
_COMPOUND_AFTER = re.compile(r"-[a-z]", re.I)
# "no antifungal prophylaxis was given", "no preoperative antibiotics", "without administration of vasoactive drugs",
# "she never required vasopressor support": none given (ConText leaves a drug before "prophylaxis" unnegated, the
# disease prevented being what it negates); not "no improvement despite antibiotics"
_NONE_BEFORE = re.compile(r"\b(?:no|without|nor|never\s+(?:required|received|needed|had|got))\s+"
                          r"(?:(?:the\s+)?(?:administration|use|need|requirement|initiation)\s+(?:of|for)\s+|"
                          r"(?!(?:despite|with|after|before|on|of|in|to|from|and|or|but|for|than)\b)[\w-]+\s+){0,2}$",
                          re.I)
# "pressor response to laryngoscopy", "antibiotic susceptibility", "steroid toxicity": a property, no treatment given
_PROPERTY_AFTER = re.compile(r"\s+(?:responses?|resistan(?:ce|t)|susceptibility|sensitivity|allerg(?:y|ies)|"
                             r"stewardship|toxicity|levels?)\b", re.I)
# "antibiotics were started on admission": the verb after the class word gives it (the cue table reads "started on"
# as a cue of the drug after it)
_GIVEN_AFTER = re.compile(r"\s+(?:(?:therapy|treatment|support)\s+)?(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?"
                          r"(?:started|initiated|begun|commenced|given|administered|instituted)\b", re.I)
# "was given empirical broad-spectrum antibiotics", "required multiple vasopressors", "did not respond to steroids",
# "despite antibiotics": a verb of giving before the class word, with only its qualifiers between (the cue table asks
# the gap to be filler)
_GIVEN_BEFORE = re.compile(r"\b(?:required|requiring|needed|needing|received|receiving|given|started\s+on|"
                           r"commenced\s+on|treated\s+with|(?:was|were|remained)\s+on|respond(?:ed)?\s+to|"
                           r"refractory\s+to|despite)\s+(?:(?:multiple|several|two|three|high-dose|"
                           r"low-dose|(?:escalating|increasing|high|maximal)\s+doses\s+of|additional|further|"
                           r"empiric(?:al)?(?:ly)?|broad[- ]spectrum|intravenous|iv|oral|systemic|topical|inhaled|"
                           r"prophylactic)\s+)*$", re.I)
# "avacopan was added to allow a faster steroid taper": the class word names the aim of another drug (its taper, its
# reduction, its withdrawal), no course of the class given (docqa15)
_AIM_BEFORE = re.compile(r"\b(?:(?:in\s+order\s+|so\s+as\s+)?to\s+(?:allow|enable|permit|facilitate|aid|speed|hasten|"
                         r"achieve)|allowing|enabling|permitting|facilitating)\s+(?:(?:an?|the|her|his|their)\s+)?"
                         r"(?:[\w-]+\s+){0,2}$", re.I)
_REDUCTION_AFTER = re.compile(r"\s+(?:dose\s+)?(?:taper(?:ing)?|reduction|withdrawal|minimi[sz]ation|sparing|"
                              r"discontinuation)\b", re.I)
# how far after the class course's mention a member named may restate it (about two sentences)
_RESTATED_WITHIN = 300


@cache
def class_rows() -> dict[str, dict[str, str]]:
    """class norm -> its row of knowledge/class_exposures.csv."""
    return {r["class"].lower(): r for r in table("class_exposures.csv")}


def _member(drug: Mention, klass: str) -> bool:
    members = _class_members().get(klass, frozenset())
    return (drug.norm or drug.text) in members or f"drug_class:{drug.attrs.get('drug_class')}" in members


def _member_course(exp: Exposure, klass: str) -> bool:
    members = _class_members().get(klass, frozenset())
    return exp.drug in members or f"drug_class:{exp.drug_class}" in members


def is_class_course(exp: Exposure, klass: str) -> bool:
    """Is `exp` the course of the class `klass` (a class norm) told without its agent?"""
    row = class_rows().get(klass)
    return row is not None and exp.drug == row["name"]


def classes_given(text: str, classes: list[Mention], drugs: list[Mention],
                  active: dict[str, Exposure]) -> list[Mention]:
    """The sentence's class words that stand for a course of the class, each as a drug mention of the class course's
    name (its span the class word's): not negated, no compound adjective, no member named in the sentence nor being
    taken."""
    out = []
    for c in classes:
        klass = str(c.norm or "").lower()
        row = class_rows().get(klass)
        if row is None or c.assertion not in (Assertion.present, Assertion.historical) or \
                _COMPOUND_AFTER.match(text, c.end) or _PROPERTY_AFTER.match(text, c.end) or \
                _NONE_BEFORE.search(text, max(0, c.start - 60), c.start) or \
                _REDUCTION_AFTER.match(text, c.end) and _AIM_BEFORE.search(text, max(0, c.start - 60), c.start):
            continue
        if any(_member(d, klass) for d in drugs) or \
                any(_member_course(x, klass) and x.drug != row["name"] for x in active.values()):
            continue
        out.append(Mention.model_construct(
            type="drug", start=c.start, end=c.end, text=c.text, norm=row["name"], zone=c.zone, assertion=c.assertion,
            attrs={"drug_class": row["drug_class"], "atc": row["atc"], "class_course": klass,
                   "given_after": bool(_GIVEN_AFTER.match(text, c.end)
                                       or _GIVEN_BEFORE.search(text, max(0, c.start - 80), c.start))}))
    return out


def drop_restated(text: str, exposures: list[Exposure]) -> list[Exposure]:
    """Drop a class course whose member is named right after it began, in the same paragraph, with nothing of the
    class course's own told (no dose, no end): "She was started on steroids. Prednisolone 60 mg daily was given."
    tells one course, of prednisolone."""
    names = {r["name"]: k for k, r in class_rows().items()}
    dropped = set()
    for x in exposures:
        klass = names.get(x.drug)
        if klass is None or x.end is not None or any(s.dose is not None for s in x.segments):
            continue
        at = x.provenance.spans[0].end
        for y in exposures:
            y_at = y.provenance.spans[0].start
            if y is not x and y.drug not in names and _member_course(y, klass) and \
                    at <= y_at <= at + _RESTATED_WITHIN and "\n" not in text[at:y_at]:
                dropped.add(x.id)
                break
    return [x for x in exposures if x.id not in dropped]
