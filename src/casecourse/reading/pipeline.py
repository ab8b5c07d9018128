"""The reading pipeline: one pass of small components over a narrative's text.

Like a spaCy pipeline, components run in order over one document and write typed spans with
character offsets; unlike spaCy's Doc-bound components they take the text and return
`Mention`s, so each is a plain function that tests and evaluation can call alone. The spaCy
`Doc` (blank English tokenizer) is built on demand from a `Reading` (`Reading.doc`) with every
mention in `doc.spans["casecourse"]`, for interoperability with spaCy tools.

The finder registry maps a name to "module:function"; each is imported once.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter

from casecourse.model import Mention, set_field
from casecourse.reading import (
    abbreviations,
    assertion,
    body_sites,
    differential_lists,
    exam_findings,
    person_names,
    sentences,
    zoning,
)
from casecourse.reading.labs_catalogue import by_written
from casecourse.reading.labs_qualitative import panels
from casecourse.reading.rx_first import fold_case_twins
from casecourse.spans import Covers

# name -> "module:function(text) -> list[Mention]", in the order they run
FINDERS: dict[str, str] = {
    "doses": "casecourse.reading.doses:find",
    "timex": "casecourse.reading.timex:find_timexes",
    "lab_tables": "casecourse.reading.lab_tables:find_table_labs",
    "labs": "casecourse.reading.labs:find_labs",
    "workup": "casecourse.reading.workup:find",
    "lab_genes": "casecourse.reading.lab_genes:find",
    "lab_grades": "casecourse.reading.lab_grades:find",
    "lab_signs": "casecourse.reading.lab_signs:find",
    "urinalysis": "casecourse.reading.urinalysis:find",
    "phenotypes": "casecourse.reading.diseases:find",  # HPO findings + diagnoses (wraps phenotypes)
    "demographics": "casecourse.reading.demographics:find",
    "events": "casecourse.reading.events:find",
    "procedures": "casecourse.reading.procedures:find",
    "examinations": "casecourse.reading.examinations:find",
    "body_sites": "casecourse.reading.body_sites:find",
    "organisms": "casecourse.reading.organisms:find",
    "specimens": "casecourse.reading.body_sites:find_specimens",
    "scores": "casecourse.reading.scores:find",
}
# when two mentions of these types overlap, the earlier type in this list wins
_PRECEDENCE = ["event", "drug", "therapy", "drug_class", "condition", "lab_test", "finding", "dose", "lab_value",
               "lab_finding", "date", "time", "time_relation", "prepost", "duration",
               "frequency", "age", "route", "sex", "procedure"]


@cache
def _finder(name: str) -> Callable[[str], list[Mention]]:
    module, func = FINDERS[name].split(":")
    return getattr(importlib.import_module(module), func)


@dataclass
class Reading:
    text: str
    mentions: list[Mention]
    sentences: list[tuple[int, int]]
    zones: list[zoning.Zone] = field(default_factory=list)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if pos < s:
                hi = mid - 1
            elif pos >= e:
                lo = mid + 1
            else:
                return s, e
        return (pos, pos)

    @property
    def doc(self):  # noqa: ANN201 - spaCy is imported lazily
        """A spaCy Doc of the text with every mention in `doc.spans["casecourse"]`."""
        doc = _blank().make_doc(self.text)
        spans = [doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand") for m in self.mentions]
        doc.spans["casecourse"] = [s for s in spans if s is not None]
        return doc


@cache
def _blank():  # noqa: ANN202
    import spacy

    return spacy.blank("en")


_BUCKET = 32  # characters per bucket of the overlap index


def _one_frequency_per_span(mentions: list[Mention]) -> list[Mention]:
    """Doses and timex may both read one frequency ("twice a day"): keep one mention with both readings."""
    seen: dict[tuple[int, int], Mention] = {}
    out: list[Mention] = []
    for m in mentions:
        if m.type == "frequency":
            first = seen.setdefault((m.start, m.end), m)
            if first is not m:
                first.attrs = {**m.attrs, **first.attrs}
                continue
        out.append(m)
    return out


def _named_in_procedures(mentions: list[Mention]) -> list[Mention]:
    """A general finding word inside a therapeutic procedure's name ("chest compressions", "mass transfusion") names
    the procedure, not a finding of the patient: a part (an HPO phenotype inside one stays a finding)."""
    procedures = Covers([(m.start, m.end) for m in mentions if m.type == "procedure"])
    if not procedures:
        return mentions
    return [m.model_copy(update={"type": "finding_part"}) if m.type == "finding" and not m.attrs.get("hpo")
            and procedures.holds(m.start, m.end) else m for m in mentions]


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention that overlaps one of a higher-precedence type; same type keeps the longer."""
    rank = {t: i for i, t in enumerate(_PRECEDENCE)}
    # lab results whose reading of their words replaces another reader's: a day's collection weighed right after its
    # test ("24-hour proteinuria was 5.6 g") is no dose with its drug missing; a urine strip's result ("glucose
    # negative" after "urinalysis showed") is no blood test's result too
    # (written out, not as a test called per mention: these passes read every mention of every document)
    day_totals = Covers([(m.start, m.end) for m in mentions if m.type == "lab_value" and m.attrs.get("day_total")])
    if day_totals:  # (a dose is no lab value: none claims a day's total)
        mentions = [m for m in mentions if m.type != "dose" or not day_totals.meets(m.start, m.end)]
    strips = Covers([(m.start, m.end) for m in mentions if m.attrs.get("source") == "urine_dipstick"])
    if strips:
        mentions = [m for m in mentions if m.type not in _RESULT_KINDS or m.attrs.get("source") == "urine_dipstick"
                    or not strips.meets(m.start, m.end)]
    kept: list[Mention] = []
    # kept mentions by the buckets of text they cover, so a clash check only looks at near neighbours
    buckets: dict[int, list[Mention]] = {}
    # interchangeable kinds may overlap (a dose inside a drug phrase, a lab value after its test)
    for m in sorted(mentions, key=lambda m: (rank.get(m.type, 99), -(m.end - m.start), m.start)):
        start, end = m.start, m.end
        first, last = start // _BUCKET, max(start, end - 1) // _BUCKET
        clash = _first_clash(m, buckets, first, last)
        if clash is not None and clash.type == "lab_test" and m.type == "finding" and m.attrs.get("hpo"):
            if clash.norm in panels() and m.end - m.start > clash.end - clash.start:
                # "abnormal liver function tests": the panel's members take no abnormal result, the phenotype stays
                kept.append(m)
                continue
            # "elevated CRP": the lab reading is the course's; the HPO phenotype it states stays named beside it
            m = m.model_copy(update={"type": "finding_part"})
            clash = _first_clash(m, buckets, first, last)
        if clash is None:
            kept.append(m)
            for b in range(first, last + 1):
                buckets.setdefault(b, []).append(m)
        elif m.type == clash.type == "lab_value" and _same_workup_item(m, clash):
            # one test read by both readers: the work-up reader's name says which test ("CMV PCR", not "CMV serology");
            # the result kept keeps what its reader knew of it (a table's cell, its column)
            clash.norm = m.norm
            clash.attrs.update(m.attrs)
        elif m.attrs.get("workup") and not clash.attrs.get("workup") and m.type == clash.type == "lab_value" \
                and (m.start, m.end, m.norm) == (clash.start, clash.end, clash.norm):
            # one result word read by two readers ("negative HIV test"): the work-up reader's item (what a negative
            # result rules out) stays with the result kept
            for key, value in m.attrs.items():
                clash.attrs.setdefault(key, value)
    kept.sort(key=lambda m: (m.start, -m.end, m.type))
    return kept


def _first_clash(m: Mention, buckets: dict[int, list[Mention]], first: int, last: int) -> Mention | None:
    """The first kept mention in buckets `first`..`last` that `m` overlaps and may not coexist with."""
    start, end = m.start, m.end
    for b in range(first, last + 1):  # plain loops: this runs for every mention of every document
        for k in buckets.get(b, ()):
            if k.start < end and start < k.end and _clash(k, m):
                return k
    return None


_COEXIST = {frozenset({"lab_test", "lab_value"}), frozenset({"finding", "lab_value"}),
            frozenset({"condition", "lab_value"}), frozenset({"time", "age"}), frozenset({"date", "age"}),
            frozenset({"finding", "condition"}), frozenset({"event", "finding"}), frozenset({"event", "condition"}),
            frozenset({"event", "time"}), frozenset({"event", "date"}), frozenset({"event", "lab_value"}),
            frozenset({"event", "time_relation"}), frozenset({"event", "prepost"}),
            frozenset({"dose", "time"})}  # "after two cycles": a time built on a number of cycles
# a time word before or after a procedure or birth dates the condition or finding it is part of ("postoperative
# ileus", "postpartum haemorrhage", "neonatal jaundice"): both are kept
_COEXIST |= {frozenset({"prepost", t}) for t in ("condition", "finding")}
# a class or generic therapy may sit inside a condition or finding ("chemotherapy-induced neutropenia")
# and keeps its route ("intravenous fluids")
_COEXIST |= {frozenset({k, t}) for k in ("therapy", "drug_class") for t in ("condition", "finding", "route")}
# a drug given through a tube ("via the nasogastric tube", routes.csv) names the tube too: the route and the tube
# (a procedure: the patient has one) are both kept (docqa9)
_COEXIST.add(frozenset({"route", "procedure"}))
# a general finding named inside a longer one (phenotypes.PART) lives alongside it and its neighbours
_COEXIST |= {frozenset({"finding_part", t}) for t in ("finding", "condition", "lab_value", "event", "finding_part",
                                                      "lab_test")}
# a lab reading derived from a finding word ("thrombocytopenia": platelets low) lives on that word
_COEXIST |= {frozenset({"lab_finding", t}) for t in ("finding", "condition", "lab_test", "lab_value", "event",
                                                      "finding_part")}
# a result word heading a finding states that observation's result ("elevated jugular venous pressure", "reduced
# breath sounds"), as a lab value does inside one
_COEXIST |= {frozenset({"test_result", t}) for t in ("finding", "condition", "finding_part")}

# a therapeutic procedure (reading/procedures.py) named inside a diagnosis, a finding or a therapy
# ("ventilator-associated pneumonia", "platelet transfusion"), a test ("therapeutic thoracentesis") or holding a result
# word is kept beside it; a drug or a time word wins
_COEXIST |= {frozenset({"procedure", t}) for t in ("condition", "finding", "therapy", "finding_part", "lab_finding",
                                                     "test_result", "lab_reference", "lab_test")}
# a clinical score stated with its value ("Glasgow Coma Scale of 8", reading/scores.py) spans its name and value, which
# other readers may read too (the lab catalogue's score rows, a condition in "Child-Pugh class C cirrhosis"): all kept
_COEXIST |= {frozenset({"score", t}) for t in (*_PRECEDENCE, "finding_part", "lab_finding", "test_result",
                                                 "lab_reference") if t != "score"}

# the same as ordered pairs, both ways: a lookup without building a frozenset per overlap
_COEXIST_PAIRS = frozenset((a, b) for pair in _COEXIST for a in pair for b in pair)


_DRUG_KINDS = frozenset({"drug", "drug_class"})
_RESULT_KINDS = frozenset({"lab_value", "lab_finding", "test_result"})


def _clash(a: Mention, b: Mention) -> bool:
    if a.type == "condition" and b.type in _DRUG_KINDS or b.type == "condition" and a.type in _DRUG_KINDS:
        # a diagnosis that names its drug ("heparin-induced thrombocytopenia", "neuroleptic malignant syndrome",
        # "lithium toxicity"): both are kept, the condition spanning more than the drug
        c, d = (a, b) if a.type == "condition" else (b, a)
        return not (c.start <= d.start and d.end <= c.end and c.end - c.start > d.end - d.start)
    if a.type == b.type and a.type != "finding_part":
        if a.type == "lab_value" and a.attrs.get("value") is None and b.attrs.get("value") is None and (
                a.norm, a.attrs.get("test_text")) != (b.norm, b.attrs.get("test_text")):
            # one result word stating two tests' results ("C3, C4 and ANA were negative"), unless both readers
            # read one test: the work-up reader's "EBV PCR" and the catalogue's "EBV" in "EBV and CMV PCR were
            # negative" are one result, not a PCR and a serology
            return _same_workup_item(a, b) or _same_workup_item(b, a)
        if a.attrs.get("conjunct") or b.attrs.get("conjunct"):
            return False  # a term under its coordination ("cleft lip" in "cleft lip and palate"): two findings
        return not (a.start == b.start and a.end == b.end and a.norm != b.norm)  # one span, two codes
    if a.type == "event" and b.type == "test_result" and a.norm in _OUTCOME_EVENTS or \
            b.type == "event" and a.type == "test_result" and b.norm in _OUTCOME_EVENTS:
        return False  # an outcome told with a result word ("improved", "normalised"): the event and the result
    return (a.type, b.type) not in _COEXIST_PAIRS


_OUTCOME_EVENTS = frozenset({"recovery", "improvement", "sequela"})


def _same_workup_item(workup: Mention, other: Mention) -> bool:
    """`other` (a catalogue reading) names the test the work-up reader's result belongs to: its test words are the
    work-up item's ("CMV PCR") or their first words ("EBV" of the composed "EBV PCR")."""
    if not workup.attrs.get("workup") or other.attrs.get("workup"):
        return False
    mine, theirs = str(workup.attrs.get("test_text") or "").lower(), str(other.attrs.get("test_text") or "").lower()
    if not theirs or not (mine == theirs or mine.startswith(theirs + " ")):
        return False
    named = by_written(theirs)  # not a member of a panel the words name ("liver panel": ALT, AST, ...)
    return named is not None and named.name == other.attrs.get("test")


def read(text: str, finders: tuple[str, ...] | None = None, reference_date: str | None = None) -> Reading:
    """Run every component over `text` once.

    `reference_date` (ISO) is the document creation time when the caller knows it (an evaluation
    corpus's DCT); time expressions then get calendar TIMEX3 values. Normal analysis passes none."""
    text = fold_case_twins(text)
    sents = sentences.split(text)
    abbr = abbreviations.find(text)
    defined = abbreviations.definitions(abbr)
    from casecourse.reading import drugs

    mentions: list[Mention] = list(drugs.find(text, defined))
    for name in finders or tuple(FINDERS):
        mentions.extend(_finder(name)(text, reference_date) if reference_date and name == "timex"
                        else _finder(name)(text))
    mentions = person_names.without_names(text, _named_in_procedures(_one_frequency_per_span(mentions)))
    mentions = body_sites.drop_attributive(text, _resolve_overlaps(mentions)) + abbr
    zones = zoning.zone_lines(text)
    sentence_zones: dict[tuple[int, int], str] = {}  # (sentence, line zone) -> zone: the cues' pass asks again
    _assign_zones(text, zones, sents, mentions, sentence_zones)
    exam_findings.mark(text, sents, mentions)
    # procedures take their assertion from the same cues; the cues of their sentences are not new mentions
    cues = assertion.assign(text, sents, mentions, quiet=_QUIET_TARGETS, witness=_WITNESS_TARGETS)
    assertion.mark_result_words(cues, mentions)
    assertion.mark_alternatives(text, mentions)
    assertion.mark_empty_fields(text, mentions)
    assertion.mark_other_causes(text, mentions)
    assertion.mark_causal_doubt(text, mentions)
    differential_lists.mark(text, mentions)
    # a cue is in its sentence's zone (a discussion's "not" is no story's)
    _assign_zones(text, zones, sents, cues, sentence_zones)
    mentions.extend(cues)
    mentions.sort(key=lambda m: (m.start, -m.end, m.type))
    return Reading(text=text, mentions=mentions, sentences=sents, zones=zones)


def _assign_zones(text: str, zones: list[zoning.Zone], sents: list[tuple[int, int]],
                  mentions: list[Mention], sentence_zone_cache: dict[tuple[int, int], str] | None = None) -> None:
    """Each mention's zone: its line's, refined by its sentence's (`zoning.sentence_zone`, pure in the sentence's
    text and line zone, so `sentence_zone_cache`, by sentence and zone, may be shared by calls over one document)."""
    zi = si = 0
    last_zone, last_sent = len(zones) - 1, len(sents) - 1
    # by sentence and zone: a sentence may run across an inline heading of a flattened page ("... 2009 Abstract
    # Introduction The present case ..."), and each part is read in its own zone
    if sentence_zone_cache is None:
        sentence_zone_cache = {}
    for m in sorted(mentions, key=_START):
        start = m.start
        while zi < last_zone and zones[zi].end < start:
            zi += 1
        while si < last_sent and sents[si][1] <= start:
            si += 1
        line_zone = zones[zi].zone if zones else "narrative"
        zone = sentence_zone_cache.get((si, zi))
        if zone is None:
            s, e = sents[si] if sents else (0, len(text))
            if zones:
                s, e = max(s, zones[zi].start), max(min(e, zones[zi].end), s)
            zone = sentence_zone_cache[si, zi] = zoning.sentence_zone(text[s:e], line_zone)
        set_field(m, "zone", zone if line_zone in _STORY_LINES else line_zone)


_START = attrgetter("start")
_QUIET_TARGETS = frozenset({"procedure"})
_WITNESS_TARGETS = frozenset({"examination"})  # what a cue denies, when it denies that an examination was done
_STORY_LINES = frozenset({"narrative", "background", "summary"})


def read_mentions(text: str, reference_date: str | None = None) -> list[Mention]:
    """All mentions of a text (the evaluation entry point); `reference_date` as in `read`."""
    return read(text, reference_date=reference_date).mentions
