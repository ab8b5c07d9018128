"""Assemble a `Course` from a `Reading`: patient, conditions, findings, labs, exposures, events.

Only mentions in the patient's zones (the case narrative) become facts; each fact takes the time
of its sentence (see timeline.py), its mention's assertion and its span as provenance.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from casecourse import __version__
from casecourse.assembly import diagnosis_lists, suspicions
from casecourse.assembly.condition_grades import GradeIndex
from casecourse.assembly.exposure_death import end_at_death
from casecourse.assembly.exposure_stay import date_starts_at_discharge, date_starts_within_the_stay
from casecourse.assembly.exposures import ExposureBuilder, provenance
from casecourse.assembly.lab_interval import interval_flag, stated_interpretation
from casecourse.assembly.lab_stated import StatedWords, merged, only_change, settings, tells_change, value_before
from casecourse.assembly.lab_table_restated import merge_table_restatements
from casecourse.assembly.medication_lists import current_dose_last, mark_discharge_medications
from casecourse.assembly.medication_plan import mark_plan
from casecourse.assembly.outcomes import OUTCOME_KINDS
from casecourse.assembly.outcomes import denied as outcome_denied
from casecourse.assembly.outcomes import detail as outcome_detail
from casecourse.assembly.positions import ByType
from casecourse.assembly.procedures import ProcedureBuilder
from casecourse.assembly.timeline import (
    DOB_BEFORE,
    SentenceTime,
    _before,
    _gestational_ages,
    _offset,
    calendar_time,
    days_after,
    letter_date,
    letter_date_mention,
    place_one,
)
from casecourse.assembly.timeline_story import place_sentences
from casecourse.knowledge import table
from casecourse.model import (
    Assertion,
    Coding,
    Condition,
    Course,
    Event,
    Finding,
    LabResult,
    Mention,
    Patient,
    Source,
    SourceSpan,
    StatedScore,
    TimeRef,
)
from casecourse.plausibility import mark_implausible
from casecourse.reading.demographics import of_a_relative, relatives_alternation
from casecourse.reading.disease_index import generic_heads, sign_diagnoses
from casecourse.reading.lab_flags import flag_at
from casecourse.reading.lab_tables import named_in_cell
from casecourse.reading.labs_catalogue import by_written, catalogue, displays
from casecourse.reading.labs_qualitative import interpretation
from casecourse.reading.pipeline import Reading
from casecourse.reading.rx_first import anchored, fold_case_twins
from casecourse.reading.timex import find_timexes
from casecourse.reading.timex_resolve import parse_iso, resolve
from casecourse.reading.workup import named_test_organism
from casecourse.reading.zoning import PATIENT_ZONES
from casecourse.spans import Covers, in_parentheses

_STATUS = {Assertion.present: "confirmed", Assertion.historical: "confirmed", Assertion.suspected: "provisional",
           Assertion.negated: "refuted", Assertion.ruled_out: "refuted", Assertion.hypothetical: "differential"}
_STATUS_RANK = {"confirmed": 4, "provisional": 3, "differential": 2, "unconfirmed": 1, "refuted": 0}
_INTERP = {"H", "L", "N", "POS", "NEG", "A"}
# sentences outside the case narrative that can still state what this patient had (not `literature`)
_OUTSIDE_STORY = frozenset({"background", "discussion", "summary"})
_OF_THE_PATIENT = anchored(
    r"\b(?:(?:[Oo]ur|[Tt]he|[Tt]his) (?:patient|case)|[Ss]he|[Hh]e)(?:['’]s)?\s+(?:was\s+|had\s+)?(?:also\s+|later\s+|"
    r"subsequently\s+|eventually\s+|then\s+)?(?:found to have|diagnosed with|developed|had|suffered(?: from)?)\s|"
    r"\b(?:[Oo]ur|[Tt]he|[Tt]his) patient['’]s\s+(?:\w+\s+)?$|"
    r"\b[Ww]e (?:(?:herein|here|hereby) )?(?:report|present|presented|describe|described) (?:a|an|the)\b"
    r"[^.]*?\bcase of\s")
# the case as the subject of a sentence about diagnosing the condition named right after it: "this case shows how
# the diagnosis of X is ...", "this case illustrates the challenges in diagnosing X" (the whole span is hedge-checked,
# so not "the differential diagnosis of X", "the need to rule out X")
_CASE_DIAGNOSIS = anchored(
    r"\b(?:[Oo]ur|[Tt]his|[Tt]he present|[Tt]he current) (?:case|patient|report)\b[^.;:]{0,100}?"
    r"\bdiagnos(?:is of|ing|e)\s+(?:(?:the|an?|this|her|his)\s+)?$")
# a sentence of the discussion about this patient: "our patient's biopsy ruled out X", "in this case, X was excluded"
_OUR_PATIENT = re.compile(r"\b(?:[Oo]ur (?:patient|case)|[Ii]n (?:this|the present) (?:patient|case))\b")
# a hedge or a contrast between the statement and the condition: it is not asserted of the patient
_HEDGE = re.compile(r"\b(?:evidence|signs?|features?|findings?|suggest\w*|likely|possib\w*|probab\w*|suspect\w*|"
                    r"consistent|compatible|concern\w*|differential|versus|mimic\w*|confused|misdiagnos\w*|risk|not|"
                    r"rather|instead|exclu\w*|rul\w* out|without|no|initially|diagnosed as|mistaken|thought|"
                    r"presum\w*)\b", re.I)
# work-up test words (knowledge/workup_terms.csv) whose positive result detects the organism itself
_DETECTS = frozenset({"culture", "PCR", "antigen", "viral load", "smear", "swab"})
# a sentence about a blood or marrow smear (knowledge/smear_findings.csv)
_SMEAR = re.compile(r"\b(?:smears?|films?|morpholog\w*)\b", re.I)
# words of the demographics reader (reading/demographics.py) that state the patient is pregnant, and a denial before one
# before a week of gestation in its sentence: a birth or a delivery, the pregnancy over ("delivered by caesarean
# section at 38 weeks", "born at 30 weeks"); a size ("a fibroid uterus measuring 20 weeks of gestation"); a newborn's
# own gestational age ("a 38-week gestational age female ... born to a primigravida")
# (a decimal point is no sentence's end: "had given birth to a 3.1-kg girl in the 37th week")
_BORN_BEFORE = re.compile(r"\b(?:born|birth|deliver(?:ed|y)|caesarean|cesarean|LSCS|postpartum)\b(?:[^.;]|\.\d)*$",
                          re.I)
_SIZE_BEFORE = re.compile(r"\b(?:measur\w*|sized?|the\s+size\s+of|equivalent\s+to)\s+(?:(?:approximately|about|"
                          r"roughly)\s+)?$", re.I)
_NEWBORN = re.compile(r"\bborn\s+to\b|\bbirth\s*weight\b|gestational\s+age\s+(?:female|male|infant|neonate|newborn|"
                      r"baby|boy|girl)\b", re.I)
_PREGNANT = frozenset({"pregnant", "primigravida", "multigravida"})
# an episode named as every one told ("each relapse", "both flares") or as the one told ("the relapse in August")
_EACH_BEFORE = re.compile(r"\b(?:each|every|both|all|these|those)\s+(?:(?:of\s+)?(?:the|his|her|their)\s+)?"
                          r"(?:\w+\s+)?\Z", re.I)
_THE_BEFORE = re.compile(r"\b(?:the|this|that|his|her|their)\s+(?:\w+\s+)?\Z", re.I)
# an episode told once more by "again" and its own time: "he relapsed in October 2020, and again in February 2021"
_AGAIN_KINDS = frozenset({"relapse", "flare", "admission", "readmission", "progression"})
_AGAIN = re.compile(r",?\s+and\s+again\s+(?=(?:in|on|at|after|by|during)\b|\d|(?:one|two|three|four|five|six|"
                    r"seven|eight|nine|ten|a few|several)\s+(?:days?|weeks?|months?|years?)\s+later)", re.I)
_NOT_PREGNANT = re.compile(r"(?:\bnon-?|\bnot\s+(?:\w+\s+)?|\bno longer\s+|\bnever\s+(?:been\s+)?"
                           # a wish or a plan, not a state: "she wished to become pregnant", "before getting pregnant"
                           # ("she became / got pregnant" is one)
                           r"|\b(?:become|becoming|get|getting)\s+)$", re.I)
# a range of a test's values over the story, not one result's interval: "LDH ranged from 415 to 789 IU/L",
# "haemoglobin varied between 7 and 9 g/dL": both ends are measured results (the unit after the second is both's)
_VALUES_RANGED = re.compile(r"\b(?:rang(?:ed|ing)|var(?:ied|ying)|fluctuat(?:ed|ing)|oscillat(?:ed|ing))\s+"
                            r"(?:(?:from|between)\s+)?$", re.I)
# a value aimed at, not measured: "a target INR of 2.5-3.5", "goal trough 10-15 ng/mL", "aiming for an INR of 2-3"
# (a purpose too: "oxygen to maintain her saturations >94%", "fluids to keep the MAP above 65 mmHg", "insulin for
# controlling blood sugar between 140 and 180 mg/dL", "heparin titrated to achieve an APTT of 80 s")
_TARGET_BEFORE = anchored(r"\b(?:target(?:ed|ing)?|goals?|aim(?:ed|ing)?(?:\s+(?:for|at))?|desired|therapeutic range)"
                          r"\b[^,;.()]{0,30}$"
                          # a purpose may hold a range's two ends: "for controlling glucose between 110 and 160 mg/dL"
                          r"|\b(?:to\s+(?:maintain|keep|control|achieve|attain)|for\s+(?:maintaining|keeping|controlling))"
                          r"\b(?:[^,;.()]|\.(?=\d)){0,60}$"
                          # a target named as a noun of what it aims at: "the target of blood glucose control was
                          # fasting levels of 5.0-7.0 mmol/L and no more than 11.0 mmol/L after meals"
                          r"|\b(?:targets?|goals?)\s+(?:of|for)\s(?:[^,;.()]|\.(?=\d)){0,90}$"
                          # a target changed: "her target tacrolimus trough level was increased to 8 to 10 ng/ml"
                          r"|\b(?:target|goal)\b[^,;.()]{0,50}\b(?:increased|raised|reduced|lowered|decreased|adjusted|"
                          r"changed|set)\s+(?:to|at)\s+$", re.I)
# what may stand between two values of one target: the phase the first is aimed at and a comma (no bracket, no clause
# end, and nothing after the comma but "or"/"and": "goal PTT 40-60 s during the infusion, 60-80 s after it")
_TARGET_LIST = re.compile(r"[^()\[\];.]*?,\s*(?:or\s+|and\s+)?", re.I)
_TARGET_GAP = 60
# a newborn's or a fetus's measure in an older patient's story: "a live infant weighing 1,650 g was delivered",
# "she delivered a 3,200-g baby boy"
_OFFSPRING = r"(?:infants?|neonates?|newborns?|bab(?:y|ies)|fetus(?:es)?|foetus(?:es)?|twins?|placenta)"
_OFFSPRING_BEFORE = re.compile(rf"\b{_OFFSPRING}\b[^.;]{{0,40}}$", re.I)
_OFFSPRING_AFTER = re.compile(rf"[\s-]*(?:g|grams?|kg)?[\s-]*(?:(?:live|male|female|healthy|preterm|term|baby)\s+)*"
                              rf"{_OFFSPRING}\b", re.I)
# "delivery of a healthy boy weighing 2.9 kg": a boy or girl is the patient's child in a sentence telling a birth
_CHILD_BEFORE = re.compile(r"\b(?:boys?|girls?|sons?|daughters?)\b[^.;]{0,40}$", re.I)
_BIRTH = re.compile(r"\b(?:deliver(?:y|ed)|born|birth|gave birth|c(?:a)?esarean|caesarean)\b", re.I)
# a result word in parentheses right after a value flags it: "LDH 789 IU/L (elevated)", "haptoglobin at 109 (normal)"
# a negation right before a result word: "was not positive", "never positive", "no positive"
_NOT_BEFORE = re.compile(r"\b(?:not|no|never|nor|neither|without)\b[^,;.]{0,40}$", re.I)
_PARENS = re.compile(r"\([^()]*\)")
_POSITIVE_WORD = re.compile(r"\bpositiv", re.I)  # a result span that states a positive result in so many words
_IG_CLASS = re.compile(r"\bIg([GMAE])\b")
_PRONOUN = re.compile(r"\b(?:([Hh]e|[Hh]is|[Hh]im|[Hh]imself)|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_OBSTETRIC = re.compile(r"\b(?:G\d{1,2}\s?P\d{1,2}(?:\s?A\d{1,2})?|gravida\s+\d{1,2}|primigravida|multigravida|"
                        r"primipara|multipara|nulliparous|multiparous|primiparous)\b", re.I)
_RESOLVED_AFTER = re.compile(
    # (the others of a list first: "his fever and rash had resolved")
    r"(?:\s*(?:,|\band\b|\bor\b)\s+(?:(?:his|her|the|their)\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?){0,3}?"
    r"\s+(?:had\s+|has\s+|have\s+|had\s+completely\s+|completely\s+|gradually\s+|was\s+|were\s+|then\s+|"
    r"eventually\s+)?"
    # ("his haemoptysis stopped", "the bleeding ceased": a symptom that stops, not a drug)
    r"(?:resolved|subsided|disappeared|settled|abated|remitted|regressed|normali[sz]ed|corrected|stopped|ceased)\b",
    re.I)
# an abnormality named as what ends: "with resolution of her hyponatremia", "after correction of the hypokalemia"
_RESOLVED_BEFORE = re.compile(
    r"\b(?:resolution|resolving|resolved|correction|corrected|normali[sz]ation|normali[sz]ing|disappearance)\s+"
    r"(?:of\s+|in\s+)?(?:(?:the|her|his|their|this|its)\s+)?$", re.I)
_COMPARATORS = frozenset({"<", "<=", ">", ">="})  # LabResult.comparator: another sign never fails a document
_TEST_WORDS = re.compile(r"\b(?:serolog(?:y|ies)|tests?|testing|assays?|screen(?:ing)?|levels?)\b", re.I)


def _with_class(test: str, written: object) -> str:
    """An antibody test written with one immunoglobulin class ("Parvovirus IgM") is that class's test: IgM and IgG
    tell an acute infection from a past one."""
    classes = set(_IG_CLASS.findall(str(written or "")))
    if len(classes) != 1 or not test.endswith(" antibodies") or "Ig" in test:
        return test
    return f"{test[:-len(' antibodies')]} Ig{classes.pop()} antibodies"
_FLAG_AFTER = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z ]{1,30}?)\s*\)")


# an arrow written right after a result flags it as the text's own high or low: "ALP 354 IU/L↑", "Na 128 mEq/L ↓"
_ARROW_AFTER = re.compile(r"[ \t]?([↑↓])")


def _flag_after(text: str, end: int, unit: object = None, test: str | None = None) -> str | None:
    if (arrow := _ARROW_AFTER.match(text, end, end + 2)) is not None:
        return "H" if arrow.group(1) == "↑" else "L"
    if (flag := flag_at(text, end)) is not None and (unit is not None or flag[0] != "L" or _not_a_volume(test)):
        # a report's flag: "sodium: 120 mEq/L (L)", "CRP 29 mg/dL (H)"; "(L)" after a bare number may be its unit
        # (litres), unless the test is no volume ("WBC 1.9 (L)", a count)
        return flag[0]
    m = _FLAG_AFTER.match(text, end, end + 40)
    return interpretation(m.group(1)) if m else None


# the opening of a bracket that dates the diagnosis before it: "(", "(diagnosed ", "(dx ", "(since ", "(first
# diagnosed in ", after a class, grade or stage the name carries ("Lupus nephritis class IV (biopsy 03/2016)"); the
# date of the biopsy or test that proved it: "(biopsy-proven 2016)", "(confirmed on MRI 2019)"
# a value's own time counted back in brackets: "98 umol/L (two months earlier)"; "(baseline 98 umol/L two months
# earlier)": the bracket opened before the value and not closed
_OPENS_BRACKET = re.compile(r"\s*\(\s*")
_INSIDE_BRACKET = re.compile(r"\([^()]*$")
_CLOSES_BRACKET = re.compile(r"\s*\)")
_OWN_DATE_BRACKET = re.compile(
    r"(?:\s+(?:class|grade|stage|type)\s+(?:[IV]{1,4}|\d)[a-cA-C]?)?\s*\(\s*(?:(?:first\s+)?(?:diagnosed|dx)(?:\s+in)?|since|"
    r"onset|in|(?:biops(?:y|ied)|confirmed)(?:[- ]proven)?(?:\s+(?:on|by)\s+\w+)?(?:\s+in)?)?\s*", re.I)


def _not_a_volume(test: str | None) -> bool:
    """Whether the catalogue measures `test` in a unit of known kind other than a volume (litres)."""
    known = catalogue().get(test or "")
    return known is not None and known.unit_kind not in (None, "volume")


_PAST_HISTORY = re.compile(r"\b(?:(?:past|previous|prior) )?(?:medical |psychiatric )?history (?:was notable |"
                           r"was significant |significant )?(?:of|for|includ(?:ed|ing))\b|\bPMH\b", re.I)
# the mention types `CourseAssembler._fact` reads (any other makes no fact there)
_TIMED_APGAR = "apgar score at "  # the lab catalogue's Apgar rows for a stated minute (knowledge/labs.csv)
_FACT_TYPES = frozenset({"condition", "finding", "lab_value", "lab_finding", "score", "lab_test"})
_EVENT_KINDS = ("admission", "discharge", "relapse", "flare", "remission", "death", "follow_up", "progression",
                "recovery", "improvement", "sequela")
_STATE_KINDS = frozenset({"recovery", "improvement", "sequela"})


def _earlier(a: TimeRef, b: TimeRef) -> bool:
    """Is `a` known and earlier than `b` (or `b` unknown)?"""
    ka = a.point or a.earliest
    kb = b.point or b.earliest
    if ka and kb:
        return parse_iso(ka)[0] < parse_iso(kb)[0]
    if a.offset_days and b.offset_days:
        return a.offset_days[0] < b.offset_days[0]
    return a.known and not b.known


def _day_before(t: TimeRef, stay: TimeRef) -> bool:
    """Whether `t` is a stated calendar day before the calendar day of `stay`."""
    return t.derivation == "stated" and bool(t.point and stay.point) and len(t.point or "") == len(stay.point or "") \
        == 10 and (t.point or "") < (stay.point or "")


def _within(lo: TimeRef, hi: TimeRef, t: TimeRef) -> bool:
    """Whether `t` lies from `lo` to before `hi`, known times of the same axis (calendar days, or day offsets): an
    admission on the day of a discharge is a transfer to a new stay."""
    if lo.point and hi.point and t.point and len(lo.point) == len(hi.point) == len(t.point) == 10:
        return lo.point <= t.point < hi.point
    if lo.offset_days is not None and hi.offset_days is not None and t.offset_days is not None:
        return lo.offset_days[0] <= t.offset_days[0] and t.offset_days[1] < hi.offset_days[0]
    return False


class CourseAssembler:
    def __init__(self, reading: Reading, source: Source | None = None) -> None:
        self.r = reading
        self.text = reading.text
        self.course = Course(generator=f"casecourse {__version__}", source=source, text=reading.text,
                             mentions=reading.mentions)
        self._types = ByType(reading.mentions)  # the mentions by type, for the passes that read a few types
        # "grade 3 neutropenia", "stage IIIB X"
        self._grades = GradeIndex(self.text, self._types.of("lab_value"), self._types.of("condition", "finding"))
        self.times = place_sentences(reading, self._types)
        self._conditions: dict[str, Condition] = {}
        self._dates: list[Mention] | None = None  # the calendar dates, for `_dated_in_brackets` (read on demand)
        self._date_starts: list[int] = []
        self._is_mother: bool | None = None  # the patient is a pregnant or delivered woman (`_mother_is_patient`)
        self._heads: dict[str, str] = {}  # a diagnosis named by its head word -> the earlier, fuller name it restates
        # the sentences that suspect each condition (by its key): such a sentence does not also confirm it
        self._suspected_in: dict[str, set[tuple[int, int]]] = {}
        self._findings: dict[tuple[str, str | None, bool], Finding] = {}
        self._ids: dict[str, int] = {}
        self._qualitative_seen: set[tuple] = set()
        self._named: dict[str, tuple[Mention, tuple[int, int]]] = {}  # test -> its last written name, sentence
        self._listed: set[tuple[int, int]] = set()  # lab abnormalities listed among diagnoses (see build)
        self._dx_items = Covers([])  # the lines of diagnosis lists (see build)
        self._parts_ending: dict[int, list[Mention]] | None = None  # finding parts by end (see _conjuncts)
        self._relative_clauses: dict[tuple[int, int], tuple[list[int], list[int]]] = {}  # see relative_clauses
        self._tabled: set[str] = set()  # ids of lab results read from a table (lab_table_restated.py)
        self._last_lab: Mention | None = None  # the previous lab value read, for a restatement in another unit
        self._last_target: tuple[str, int] | None = None  # the test and end of the last value read as a target
        self._stated = StatedWords(self.text)  # result words whose value may follow ("elevated at 1399 ng/mL")
        self._starts: list[int] | None = None  # the start of every mention, for the interval after a value
        ruled_out: list[tuple[int, int]] = []
        markers: list[tuple[int, int]] = []
        self._results: list[Mention] = []  # work-up results and lab values, what `_workup_infections` reads
        for m in reading.mentions:  # one pass over every mention, for what is told by an attribute of any type
            a = m.attrs
            if a.get("marker"):
                markers.append((int(a["item_start"] or 0), int(a["item_end"] or 0)))
            elif a.get("workup") and a.get("interpretation") == "NEG":
                ruled_out.append((int(a["item_start"] or 0), int(a["item_end"] or 0)))
            if a.get("workup") or m.type == "lab_value":
                self._results.append(m)
        # organisms a negative work-up tested for: a disease named there is ruled out ("dengue serology was negative")
        self._ruled_out = Covers(ruled_out)
        # the organism of a marker test ("hepatitis B e antigen"): the disease named there is the test's name only
        self._markers = Covers(markers)
        # a procedure only planned or considered ("considered for allogeneic stem cell transplantation", "a candidate
        # for kidney transplant"): the status condition its name also reads ("transplant recipient") does not hold yet
        self._planned = Covers([(m.start, m.end) for m in self._types.of("procedure") if (
            m.attrs.get("planned") or m.attrs.get("declined") or m.assertion == Assertion.hypothetical)])
        # clinical scores stated with their value (reading/scores.py): the lab catalogue's reading of the same words
        # ("GCS 8" as a lab value) is not a second fact
        # (an Apgar score the lab reader pairs with its minute, "Apgar scores were 3 at 1 minute and 8 at 5 minutes",
        # is that minute's score, reading/lab_apgar.py: the stated score read without its minute is not kept)
        timed_apgar = Covers([(m.start, m.end) for m in self._types.of("lab_value")
                              if (m.norm or "").startswith(_TIMED_APGAR)])
        self._untimed_apgar = {id(m) for m in self._types.of("score")
                               if m.norm == "apgar score" and timed_apgar.meets(m.start, m.end)}
        self._score_spans = Covers([(m.start, m.end) for m in self._types.of("score")
                                    if id(m) not in self._untimed_apgar])
        self._scores: dict[tuple, StatedScore] = {}
        self._generic_of: dict[tuple[int, int], bool] = {}
        self._answer_index: suspicions.Answers | None = None
        self._sentence_starts = [a for a, _ in reading.sentences]
        self._story_zones: Covers | None = None  # the zones of the patient's story (`_in_story`)

    def _in_score(self, m: Mention) -> bool:
        """Whether the mention overlaps a stated score (by bisection over the scores' starts)."""
        return self._score_spans.meets(m.start, m.end)

    def _generic(self, sent: tuple[int, int]) -> bool:
        """Whether the sentence speaks of patients in general ("patients with X are at risk of Y", "in 10% of cases")
        and names no patient of the report (once per sentence)."""
        got = self._generic_of.get(sent)
        if got is None:
            got = self._names_people(sent) and _GENERIC_PATIENTS.search(self.text, sent[0], sent[1]) is not None \
                and _THIS_PATIENT.search(self.text, sent[0], sent[1]) is None
            self._generic_of[sent] = got
        return got

    def _names_people(self, sent: tuple[int, int]) -> bool:
        """Whether one of the nouns `_GENERIC_PATIENTS` ends with may stand in the sentence, as re.IGNORECASE reads it
        (the sentence lower-cased, with the letters it takes for an ASCII one written so: `fold_case_twins`; True
        where lower-casing changes its length): a few `in` tests, where the pattern's search tries every position of
        a sentence that names none (most of them)."""
        low = fold_case_twins(self.text[sent[0]:sent[1]].lower())
        return len(low) != sent[1] - sent[0] or any(noun in low for noun in _GENERIC_NOUNS)

    def _answers(self) -> suspicions.Answers:
        """What can answer a suspicion (`suspicions.Answers`), built on first use."""
        if self._answer_index is None:
            self._answer_index = suspicions.Answers(self.text, self._types.of(*suspicions.ANSWER_TYPES))
        return self._answer_index

    def _next_sentence(self, sent: tuple[int, int]) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._sentence_starts, sent[0])
        return self.r.sentences[i] if i < len(self.r.sentences) else None

    def _in_story(self, sent: tuple[int, int]) -> bool:
        """The sentence lies in a zone of the patient's story (by bisection over those zones, built on first use: it
        is asked of every sentence without a patient mention while a drug is active, once a scan of every zone)."""
        if self._story_zones is None:
            self._story_zones = Covers([(z.start, z.end) for z in self.r.zones if z.zone in PATIENT_ZONES])
        return self._story_zones.holds(sent[0], sent[0] + 1)

    def _id(self, kind: str) -> str:
        self._ids[kind] = self._ids.get(kind, 0) + 1
        return f"{kind}-{self._ids[kind]}"

    def build(self) -> Course:
        exposures = ExposureBuilder(self.text)
        procedures = ProcedureBuilder(self.text)
        by_sentence: dict[int, list[Mention]] = {}
        si = 0
        for m in self.r.mentions:
            while si < len(self.r.sentences) - 1 and self.r.sentences[si][1] <= m.start:
                si += 1
            by_sentence.setdefault(si, []).append(m)
        self._listed = _listed_with_conditions(self.text, self._types.of("lab_finding"),
                                               self._types.of("condition", "finding"))
        self._patient()  # first: whose measures are whose ("an infant weighing 1,650 g" in a mother's story)
        unknown = SentenceTime(time=TimeRef(), timex=None)
        listed = Covers(diagnosis_lists.undated_items(self.text, self.r.zones, self._types.of("date")))
        self._dx_items = listed
        for si, sent in enumerate(self.r.sentences):
            ms = by_sentence.get(si, [])
            st = self.times[si] or unknown
            patient_ms = [m for m in ms if m.zone in PATIENT_ZONES or m.zone == "table" and (
                m.attrs.get("table") or m.type == "lab_value" and named_in_cell(self.text, m))]
            if not patient_ms:
                if exposures.pending:  # "It had to be stopped." names nothing: a stop of the drug told just before
                    exposures.sentence(sent, [], st)
                elif exposures.active and self._in_story(sent):
                    exposures.all_stopped(sent, st)  # "All four drugs were stopped because of hepatotoxicity."
                continue
            story = [m for m in patient_ms if m.zone == "narrative"]
            exposures.sentence(sent, story, st)
            procedures.sentence(sent, patient_ms, st)
            for m in patient_ms:
                if m.type not in _FACT_TYPES:
                    continue  # (half of them: cues, body sites, times) no fact, and no time to place
                if listed and m.type in ("condition", "finding") and listed.holds(m.start, m.start + 1):
                    self._fact(m, sent, TimeRef())  # an item of a diagnosis list: named, not dated
                    continue
                self._fact(m, sent, (m.type == "lab_value" and (st.dated_right_after(self.text, m.end)
                                                                 or self._dated_in_brackets(m, sent, st))
                                     or st.at(m.start)) if m.zone == "narrative" or (
                    not m.attrs.get("column") and _announced_table(self.text, m.start))
                    else _column_time(m, self._admitted()))
            self._events(story, sent, st)
        self._encounter()
        self._triggers_told_after()
        self.course.exposures = exposures.finish()
        mark_discharge_medications(self.text, self.r.zones, self.r.mentions, self.course.exposures)
        mark_plan(self.text, self.r.zones, self.r.mentions, self.course.exposures,
                  lambda: letter_date(self.r, self._types))
        current_dose_last(self.text, self.r.zones, self.r.mentions, self.course.exposures,
                          letter_date(self.r, self._types))
        self._planned_ends()
        date_starts_within_the_stay(self.text, self.r.zones, self.course.events, self.course.exposures)
        date_starts_at_discharge(self.text, self.course.events, self.course.exposures)
        end_at_death(self.course.events, self.course.exposures)
        self.course.procedures = procedures.finish()
        self.course.scores = list(self._scores.values())
        self._infections_ruled_out()
        self._infections_found()
        self._confirmed_of_the_patient()
        self._refuted_of_the_patient()
        self._pregnancy()
        self.course.conditions = list(self._conditions.values())
        self.course.findings = list(self._findings.values())
        self._anchor()
        self._date_of_birth()
        self.course.labs = merge_table_restatements(self.course.labs, self._tabled)
        mark_implausible(self.course.labs)
        return self.course

    def _bracketed_date(self, m: Mention, when: TimeRef) -> TimeRef | None:
        """A diagnosis's own calendar date in brackets right after its name ("Rheumatoid arthritis (diagnosed 2012)",
        "gout (since 2019)", "a stroke (2016)"), which the timeline leaves as an aside: the diagnosis's time."""
        for x in self._types.of("date"):
            if x.start < m.end:
                continue
            if x.start - m.end <= 30 and x.attrs.get("kind") == "absolute" \
                    and _OWN_DATE_BRACKET.fullmatch(self.text, m.end, x.start) \
                    and self.text[x.end:x.end + 3].lstrip().startswith(")"):
                return place_one(x, when)
            return None
        return None

    def _bracketed_before(self, m: Mention, when: TimeRef) -> TimeRef | None:
        """A value's own time counted back, told in brackets right after it ("creatinine 98 umol/L (two months
        earlier)", "(baseline 98 umol/L two months earlier)"), which the timeline leaves as an aside: that earlier time,
        not the sentence's (docqa6)."""
        for x in self._types.of("time"):
            if x.start < m.end:
                continue
            end = int(x.attrs.get("phrase_end") or x.end)
            if x.start - m.end > 4 or x.attrs.get("rel_direction") != "before" or x.attrs.get("vague") \
                    or not _CLOSES_BRACKET.match(self.text, end):
                return None
            if not (_OPENS_BRACKET.fullmatch(self.text, m.end, x.start) or _INSIDE_BRACKET.search(
                    self.text, max(0, m.start - 40), m.start) and self.text[m.end:x.start].isspace()):
                return None
            return (_offset(x, when) if when.offset_days is not None else place_one(x, when)) or None
        return None

    def _on_admission_after(self, m: Mention, when: TimeRef) -> TimeRef | None:
        """A value dated "on admission" right after it in a list of values dated each by its own day ("platelets 9
        x10^9/L on admission, 22 x10^9/L on day 3"): the admission's time, not the sentence's (docqa8). Only in a story
        of one admission, when the sentence's time is another day."""
        if not _ON_ADMISSION_AFTER.match(self.text, m.end):
            return None
        stays = [e.time for e in self.course.events if e.type == "admission"]
        if len(stays) != 1 or stays[0].precision != "day" or stays[0] == when:
            return None
        return stays[0]

    def _fact(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> None:
        """The fact a mention of one of `_FACT_TYPES` makes, if any."""
        if m.assertion == Assertion.family and m.type in ("condition", "finding") and self._mother_is_patient(sent):
            # an obstetric report: "COVID-19 was confirmed in the mother, while both infants were negative"
            m = m.model_copy(update={"assertion": Assertion.present})
        if m.type in ("condition", "finding") and m.assertion == Assertion.negated and ((
                fam := _FAMILY_BEFORE.search(self.text, max(sent[0], m.start - 80), m.start))
                and not _OWN_HISTORY.search(self.text, max(sent[0], fam.start() - 30), fam.start())
                or self._relative_denies(m, sent)):
            # "no family history of lupus", "the mother had no chronic illness like hypertension": the relatives', it
            # says nothing of the patient's own lupus or hypertension
            return
        if m.type == "condition" or m.type == "finding" and (self._past_history(m, sent) or _class_diagnosis(m)
                                                             or (m.start, m.end) in self._listed
                                                             or self._diagnosed_as(m, sent)):
            when = self._bracketed_date(m, when) or when
            self._condition(m, sent, when)
            if m.type == "condition":
                self._conjuncts(m, sent, when)
        elif m.type == "finding":
            self._smear(m, sent, when)
            if m.assertion == Assertion.family or m.attrs.get("too_vague"):
                return
            # one finding however often a time names it, singular or plural ("an aneurysm ... the aneurysms"); a
            # finding denied and then told present at the same time is two ("there was no history of fever ... she
            # deteriorated, developing high-grade fever": the fever is the patient's, not denied; docqa10)
            key = (_SINGULAR_END.sub("", m.norm or m.text.lower()),
                   when.point or (str(when.offset_days) if when.offset_days else None),
                   m.assertion == Assertion.negated)
            if m.assertion == Assertion.present and (key[0], key[1], True) in self._findings \
                    and not _ONSET_BEFORE.search(self.text, max(sent[0], m.start - 60), m.start):
                key = (key[0], key[1], True)  # told again without an onset: the denial stands (no new finding)
            elif m.assertion != Assertion.present and (key[0], key[1], not key[2]) in self._findings:
                key = (key[0], key[1], not key[2])  # a denial after the finding, or a suspicion: the first word stands
            if _RESOLVED_AFTER.match(self.text, m.end) and any(k[0] == key[0] or k[0].endswith(" " + key[0])
                                                               for k in self._findings):
                # "the fever resolved on day 10" ends a finding the story told ("intermittent fever" too); it is no
                # new one
                return
            if key[1] is None and not when.known and any(k[0] == key[0] and k[2] == key[2] for k in self._findings):
                # told again with no time of its own (a figure legend's "CT showing the abscess", which takes no time
                # from the story: left14): the finding the story already holds, not a second one
                return
            if key not in self._findings:
                codings = [Coding(system="http://purl.obolibrary.org/obo/hp.owl", code=str(m.attrs["hpo"]),
                                  display=str(m.attrs.get("label") or m.norm))] if m.attrs.get("hpo") else []
                self._findings[key] = Finding(id=self._id("finding"), name=m.norm or m.text, codings=codings,
                                              assertion=m.assertion, time=when,
                                              provenance=provenance(self.text, m, sent, "phenotypes"),
                                              **self._grades.of(self.text, m))
        elif m.type in ("lab_value", "lab_finding") and m.attrs.get("test") and m.assertion != Assertion.hypothetical \
                and not self._in_score(m):
            if m.attrs.get("value") is None and (taken := self._taken_on_two_days(m, sent, when)):
                # "Repeat blood cultures taken on 17/03 and 19/03 were negative": a result of each day's sample
                self._lab(m, sent, taken[0])
                self._lab(m, sent, taken[1], again=True)
            else:
                self._lab(m, sent, self._bracketed_before(m, when) or self._on_admission_after(m, when) or when)
        elif m.type == "score" and id(m) not in self._untimed_apgar:
            self._score(m, sent, when)
        elif m.type == "lab_test" and m.norm:
            self._named[m.norm] = (m, sent)

    def _score(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> None:
        """A stated score (its value as written); the same score, value and time told twice is one."""
        a = m.attrs
        key = (m.norm, a.get("value"), a.get("score_class"), when.point or when.earliest or when.offset_days)
        held = self._scores.get(key)
        if held is not None:
            held.provenance.spans.append(SourceSpan(start=m.start, end=m.end, text=m.text))
            return
        codings = [Coding(system="http://loinc.org", code=str(a["loinc"]), display=str(m.norm))] \
            if a.get("loinc") else []
        self._scores[key] = StatedScore(
            id=self._id("score"), name=str(m.norm), text=m.text, codings=codings,
            value=float(a["value"]) if isinstance(a.get("value"), int | float) else None,
            value_text=str(a.get("value_text")) if a.get("value_text") else None,
            score_class=str(a["score_class"]) if a.get("score_class") else None,
            valid_range=(float(a["min"]), float(a["max"])),  # type: ignore[arg-type]
            rule=str(a["rule"]) if a.get("rule") else None, time=when,
            provenance=provenance(self.text, m, sent, "stated-scores"))

    def _smear(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> None:
        """A cell a smear is examined for, named in a sentence about a smear, is a result of the smear: positive
        where seen ("the peripheral smear showed spherocytes"), negative where denied ("no schistocytes on the
        film"); knowledge/smear_findings.csv."""
        term = " ".join(m.text.lower().split())
        if m.assertion not in (Assertion.present, Assertion.negated) or term not in _smear_terms() \
                or not _SMEAR.search(self.text, sent[0], sent[1]):
            return
        name = _smear_terms()[term]
        interp = "NEG" if m.assertion == Assertion.negated else "POS"
        key = (name, name, interp, sent)
        if key in self._qualitative_seen:
            return
        self._qualitative_seen.add(key)
        self.course.labs.append(LabResult(id=self._id("lab"), test=name, test_text=" ".join(m.text.split()),
                                          interpretation=interp, time=when, assertion=Assertion.present,
                                          provenance=provenance(self.text, m, sent, "smear")))

    def _workup_infections(self, interpretation: str) -> Iterator[tuple[Mention, str, dict]]:
        """Work-up results of the patient (present, in the story) with `interpretation`, each with the infection
        its organism names ("CMV PCR" -> cytomegalovirus infection; a culture's grown organism first) and the
        result's attributes."""
        for m in self._results:
            if m.zone not in PATIENT_ZONES or m.assertion != Assertion.present:  # the cheap tests first
                continue
            a = m.attrs
            if not a.get("workup"):
                if m.type != "lab_value" or a.get("value") is not None or not a.get("test"):
                    continue
                # a named test of one organism read as a lab result ("HBsAg was positive")
                a = {**a, **named_test_organism(str(a["test"]))}
            name = _infections().get(str(a.get("grown") or a.get("organism")))
            if name and a.get("interpretation") == interpretation:
                yield m, name.lower(), a

    def _held(self, name: str) -> Condition | None:
        """The course's condition of that name, by key or by name."""
        return self._conditions.get(self._heads.get(name, name)) or next(
            (c for c in self._conditions.values() if c.name == name), None)

    def _infections_ruled_out(self) -> None:
        """An infection a negative organism-specific test speaks against is a refuted condition ("dengue
        serology was negative"), unless the course already holds that condition."""
        detected: set[str] | None = None
        for m, name, a in self._workup_infections("NEG"):
            if a.get("test_word") == "antibodies" or self._held(name) is not None:
                continue
            if _CLEARED_BEFORE.search(self.text, max(0, m.start - 24), m.start):
                continue  # "EBV DNA became undetectable": an infection cleared, not one ruled out
            if detected is None:
                detected = self._detected_infections()
            if name in detected:
                continue  # "EBV viral load was 2.4 x 10^6 copies/mL ... later negative": it was there
            sent = self.r.sentence_of(m.start)
            self._conditions[name] = Condition(
                id=self._id("condition"), name=name, status="refuted", assertion=Assertion.negated,
                time=TimeRef(), provenance=provenance(self.text, m, sent, "negative-workup"))

    def _dated_in_brackets(self, m: Mention, sent: tuple[int, int], st: SentenceTime) -> TimeRef | None:
        """The calendar date told inside the brackets that hold a result: "creatinine 412 µmol/L (it had been 88
        µmol/L in June 2019)" dates the 88 in June 2019, not at the sentence's time."""
        if "(" not in self.text[sent[0]:m.start] or not in_parentheses(self.text, sent[0], m.start):
            return None
        opened, closed = self.text.rfind("(", sent[0], m.start), self.text.find(")", m.end, sent[1])
        if closed < 0:
            return None
        if self._dates is None:
            self._dates = [d for d in self._types.of("date") if d.attrs.get("kind") == "absolute"]
            self._date_starts = [d.start for d in self._dates]
        i = bisect.bisect_left(self._date_starts, opened)
        inside = [d for d in self._dates[i:i + 3] if d.end <= closed]
        return place_one(inside[0], st.at(m.start)) if len(inside) == 1 else None

    def _detected_infections(self) -> set[str]:
        """The infections a test of the patient detected: a positive work-up result of the organism, or a measured
        load of it ("EBV viral load 2.4 x 10^6 copies/mL")."""
        found = {name for _, name, a in self._workup_infections("POS")
                 if a.get("grown") or a.get("test_word") in _DETECTS}
        return found | {name for _, name in self._measured_loads()}

    def _measured_loads(self) -> Iterator[tuple[LabResult, str]]:
        """The patient's measured loads of an organism ("EBV viral load 2.4 x 10^6 copies/mL"), with the infection
        each shows: a value above zero, not "below" one, of a test named by its organism."""
        organisms = [(o.lower() + " ", i.lower()) for o, i in _infections().items()]
        for lab in self.course.labs:
            if lab.value and lab.value > 0 and lab.comparator not in ("<", "<=") and lab.interpretation != "NEG" \
                    and lab.assertion == Assertion.present:
                test = lab.test.lower()
                yield from ((lab, i) for o, i in organisms if test.startswith(o))

    def _confirmed_of_the_patient(self) -> None:
        """What the introduction or discussion states this patient had ("she was also found to have X", "our patient
        developed X", "the patient's X", "we report a case of ... complicated by X") is a confirmed condition: a
        suspicion the narrative voiced is upgraded, and a diagnosis the narrative never named is added. Not where a
        hedge stands right before it ("our patient had features of X", "misdiagnosed as X"), nor from sentences
        about other work (zone `literature`). A sentence whose subject is the case and whose matter is diagnosing
        the condition states it too ("this case illustrates the challenges in diagnosing X"), when no hedge
        stands anywhere in it before the condition."""
        for m in self._types.of("condition", "finding"):
            if m.zone not in _OUTSIDE_STORY or m.assertion != Assertion.present \
                    or not (m.type == "condition" or _sign_diagnosis(m)) or _OTHERS_AFTER.match(self.text, m.end):
                continue  # (not "we present a patient ... amid the COVID-19 pandemic": others' disease)
            sent = self.r.sentence_of(m.start)
            said = _OF_THE_PATIENT.search(self.text, sent[0], m.start)
            if not said or _HEDGE.search(self.text, max(said.end(), m.start - 40), m.start):
                said = _CASE_DIAGNOSIS.search(self.text, sent[0], m.start)
                if not said or _HEDGE.search(self.text, said.start(), m.start):
                    continue
            name = str(m.attrs.get("label") or m.norm or m.text).lower()
            c = self._conditions.get(self._heads.get(name, name))
            if c is None:
                self._condition(m, sent, TimeRef())
            elif c.status in ("provisional", "differential"):
                c.status, c.assertion = "confirmed", Assertion.present
                c.provenance.spans.append(SourceSpan(start=m.start, end=m.end, text=m.text))

    def _refuted_of_the_patient(self) -> None:
        """What the discussion says this patient did not have ("our patient's marrow biopsy ruled out malignancy",
        "in our case, tuberculosis was excluded") is a refuted condition, unless the course holds it already."""
        for m in self._types.of("condition", "finding"):
            if m.zone not in _OUTSIDE_STORY or m.assertion not in (Assertion.negated, Assertion.ruled_out) or not (
                    m.type == "condition" or m.type == "finding" and _class_diagnosis(m)):
                continue
            sent = self.r.sentence_of(m.start)
            if _OUR_PATIENT.search(self.text, sent[0], m.start) is None:
                continue
            if str(m.attrs.get("label") or m.norm or m.text).lower() not in self._conditions:
                self._condition(m, sent, TimeRef())

    def _planned_ends(self) -> None:
        """A course whose end a stated length sets after the document's own date ("continue X for 6 months in total"
        in a letter written in month 4) is still being taken on that date: active, its end the planned one (docqa6).
        Only in a dated document that tells no stay (a letter, not a discharge summary's course of stay); in one that
        tells its stay, the stated day of discharge is that date ("rituximab weekly for four doses" begun a week before
        a discharge on a stated day is still being given after it, docqa8)."""
        if self._admitted() is not None:
            today = next((e.time for e in self.course.events if e.type == "discharge"
                          and e.time.derivation == "stated" and e.time.precision == "day"), None)
        else:
            today = letter_date(self.r, self._types)
        if today is None:
            return
        for e in self.course.exposures:
            if e.status == "completed" and e.end is not None and e.end.derivation == "relative" \
                    and _before(today, e.end):
                e.status = "active"

    def _pregnancy(self) -> None:
        """A patient the story calls pregnant ("a 30-year-old primigravida", "she was pregnant") has the pregnancy
        as a condition of the course: it shapes the diagnoses and the drugs. Not where the word is denied before it
        in its clause ("non-pregnant", "she was not pregnant"), nor from the background or discussion."""
        if "pregnancy" in self._conditions:
            return
        for m in self._types.of("sex"):
            if m.zone not in PATIENT_ZONES or m.assertion != Assertion.present \
                    or m.text.lower() not in _PREGNANT or of_a_relative(self.text, m):
                continue
            sent = self.r.sentence_of(m.start)
            if _NOT_PREGNANT.search(self.text, max(sent[0], m.start - 30), m.start):
                continue
            self._add_pregnancy(m, sent)
            return
        if self.course.patient.sex != "female":
            return
        # a woman's story told at a week of gestation ("presented at 28 weeks of gestation"), not her own birth ("born
        # at 28 weeks"); never a child's story, where the weeks are the patient's age at birth (docqa6)
        for m, _weeks in sorted(_gestational_ages(self.r, self.course.patient.age_years, self._types).values(),
                                key=lambda told: told[0].start):
            sent = self.r.sentence_of(m.start)
            if not (_BORN_BEFORE.search(self.text, max(0, m.start - 150), m.start) or _SIZE_BEFORE.search(
                    self.text, max(sent[0], m.start - 40), m.start) or _NEWBORN.search(self.text, sent[0], sent[1])):
                self._add_pregnancy(m, sent)
                return

    def _add_pregnancy(self, m: Mention, sent: tuple[int, int]) -> None:
        self._conditions["pregnancy"] = Condition(
            id=self._id("condition"), name="pregnancy", status="confirmed", assertion=Assertion.present,
            codings=[Coding(system="http://hl7.org/fhir/sid/icd-10-cm", code="Z33.1",
                            display="Pregnant state, incidental")],
            time=TimeRef(), provenance=provenance(self.text, m, sent, "demographics"))

    def _infections_found(self) -> None:
        """An infection a positive test that detects its organism shows is a confirmed condition ("CMV PCR was
        positive", "blood cultures grew Brucella"): a suspicion of it is upgraded, or the condition added. Not an
        antibody or serology result, which can mean a past infection or a cross-reaction."""
        for m, name, a in self._workup_infections("POS"):
            if not (a.get("grown") or a.get("test_word") in _DETECTS):
                continue  # "blood cultures grew Brucella", "CMV PCR was positive"; not an antibody
            known = self._held(name)
            if known is not None:
                if _STATUS_RANK[known.status] < _STATUS_RANK["confirmed"]:
                    known.status, known.assertion = "confirmed", Assertion.present
                continue
            sent = self.r.sentence_of(m.start)
            st = self.times[self.r.sentences.index(sent)] if sent in self.r.sentences else None
            self._conditions[name] = Condition(
                id=self._id("condition"), name=name, status="confirmed", assertion=Assertion.present,
                time=st.time if st else TimeRef(), provenance=provenance(self.text, m, sent, "positive-workup"))
        for lab, name in self._measured_loads():  # "EBV viral load 2.4 x 10^6 copies/mL": a replicating virus
            known = self._held(name)
            if known is None:
                self._conditions[name] = Condition(
                    id=self._id("condition"), name=name, status="confirmed", assertion=Assertion.present,
                    time=lab.time, provenance=lab.provenance.model_copy(update={"rule": "measured-load"}))
            elif _STATUS_RANK[known.status] < _STATUS_RANK["confirmed"]:
                known.status, known.assertion = "confirmed", Assertion.present

    def _relative_denies(self, m: Mention, sent: tuple[int, int]) -> bool:
        """Whether the denial of `m` stands in a clause whose subject is a relative (`relative_clauses`)."""
        if sent not in self._relative_clauses:
            self._relative_clauses[sent] = relative_clauses(self.text, sent)
        preds, turns = self._relative_clauses[sent]
        i = bisect.bisect_right(preds, m.start)
        return i > 0 and bisect.bisect_left(turns, preds[i - 1]) == bisect.bisect_left(turns, m.start)

    def _measure_name(self, m: Mention) -> bool:
        """Whether the disease's name and the word after it name a measurement (knowledge/measure_words.csv)."""
        words = _measure_words().get(m.text.lower().split()[-1]) if m.text.strip() else None
        nxt = _NEXT_WORD.match(self.text, m.end) if words else None
        return nxt is not None and nxt.group(1).lower() in words

    def _past_history(self, m: Mention, sent: tuple[int, int]) -> bool:
        """A finding listed in the patient's past (medical) history is a past diagnosis: "a history of asthma,
        depression and anxiety" names three conditions, not three symptoms."""
        return m.assertion == Assertion.historical and _PAST_HISTORY.search(self.text, sent[0], m.start) is not None

    def _condition(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> None:
        if m.assertion == Assertion.hypothetical and (m.attrs.get("prevented") or m.attrs.get("defining")) \
                or _PREVENTION_AFTER.match(self.text, m.end):
            # "prophylaxis against X", "Y, a syndrome characterized by X", "heparin for stroke prevention": no
            # diagnosis of this patient
            return
        if _VACCINATED_AGAINST.search(self.text, max(sent[0], m.start - 90), m.start):
            return  # "not vaccinated against influenza": a vaccine's target, neither had nor denied
        if _RISK_FACTORS_FOR.search(self.text, max(sent[0], m.start - 60), m.start):
            return  # "no risk factors for preeclampsia": what the factors would favour, neither had nor denied
        if _OTHERS_AFTER.match(self.text, m.end):
            # "plasma from cured COVID-19 patients", "contact with tuberculosis patients": others who have it; "amid
            # the COVID-19 pandemic": the population's; "a PE protocol CT", "a stroke protocol MRI": an imaging
            # protocol named after what it looks for
            return
        if _instrument_after().match(self.text, m.end):
            return  # "sequential organ failure assessment score": the name of a score, no diagnosis
        if self._measure_name(m):
            return  # "the stroke volume was monitored": a measurement, no diagnosis
        if _induced_state(self.text, m):
            return  # "three ICD shocks", "cardiac arrest was achieved with cardioplegia": what a treatment does
        if (virus := _virus_name().match(self.text, m.start)) is not None and virus.end() > m.end:
            return  # "positive for severe acute respiratory syndrome coronavirus 2": the virus, not SARS
        if " ".join(m.text.lower().split()) in _specialty_names() or m.attrs.get("source") == "abbreviation" \
                and " ".join(str(m.norm or "").lower().split()) in _specialty_names():
            return  # "the Infectious Disease (ID) service was consulted": a specialty (or its short form), no diagnosis
        if self._mothers_pregnancy(m, sent):
            return  # a child's report: "the pregnancy was complicated by gestational diabetes" is the mother's
        if m.assertion == Assertion.family or self._markers.holds(m.start, m.end):
            return  # a relative's disease is not the patient's
        if self._generic(sent):
            return  # "patients with leukemia are at high risk of X": a general statement, not this patient's story
        if self._planned.holds(m.start, m.end):
            return  # the procedure lane holds it as a plan (status preparation)
        name = str(m.attrs.get("label") or m.norm or m.text).lower()
        status = _STATUS.get(m.assertion, "confirmed")
        assertion = m.assertion
        if status == "provisional" and suspicions.confirmed_after(self.text, m.end):
            # "the suspected diagnosis of X was confirmed by biopsy": the suspicion settled in its own clause
            status, assertion = "confirmed", Assertion.present
        elif status == "confirmed" and assertion == Assertion.present \
                and (looked := suspicions.searched(self.text, m, sent, self._answers().index)) is not None:
            # "a work-up for malignancy": a diagnosis looked for; "the work-up for sepsis was unremarkable": not found
            status, assertion = looked, Assertion.suspected if looked == "provisional" else Assertion.ruled_out
        if status in ("provisional", "differential"):
            # "X was suspected, but cultures were negative"; "X was suspected, and CT confirmed it"
            said = self._answers().answer(m, sent, self._next_sentence(sent))
            if said is not None:
                status, assertion = said, Assertion.present if said == "confirmed" else Assertion.ruled_out
        if self._ruled_out.holds(m.start, m.end):
            status = "refuted"
        # a diagnosis told before, named again by its head: "a right psoas abscess ... resolution of the abscess",
        # "miliary tuberculosis was diagnosed ... PCR confirmed tuberculosis"; not a new one ("she developed an
        # abscess of the thigh"), nor, without an article, a general head ("a bloodstream infection" after "HIV
        # infection") or one only suspected ("suspected viral meningitis ... meningitis was excluded")
        anaphor = _ANAPHOR_BEFORE.search(self.text, max(0, m.start - 8), m.start) is not None
        fresh = _FRESH_BEFORE.search(self.text, max(0, m.start - 12), m.start) or _SITE_AFTER.match(self.text, m.end)
        restates = anaphor or not fresh and name not in generic_heads() and _UNQUALIFIED_BEFORE.search(
            self.text, max(0, m.start - 30), m.start) is not None
        c = self._conditions.get(self._heads.get(name, name) if restates else name)
        if c is None and (anaphor or restates and status == "confirmed"):
            # nor one the story excluded ("seronegative for HIV ... until the infection was controlled")
            fuller = [x for k, x in self._conditions.items() if k.endswith(" " + name) and (
                x.status != "refuted" if anaphor else x.status == "confirmed")]
            # without an article, only a head that restates one diagnosis ("shock" after septic and cardiogenic
            # shock names neither)
            c = fuller[0] if len(fuller) == 1 or anaphor and fuller else None
            if c is not None:
                self._heads[name] = next(k for k, x in self._conditions.items() if x is c)
                name = self._heads[name]
        if status in ("provisional", "differential"):
            self._suspected_in.setdefault(name, set()).add(sent)
        elif status == "confirmed" and sent in self._suspected_in.get(name, ()) \
                and not _CONFIRMING.search(self.text, sent[0], sent[1]):
            # "ceftriaxone for suspected UTI, and admitted for sepsis secondary to UTI": the sentence's own
            # suspicion qualifies its restatement (not "suspected TB was confirmed, and TB treatment was started")
            status = "provisional"
        if c is None:
            codings = []
            if m.attrs.get("icd10"):
                codings.append(Coding(system="http://hl7.org/fhir/sid/icd-10-cm", code=str(m.attrs["icd10"]),
                                      display=str(m.attrs.get("label") or name)))
            if m.attrs.get("hpo"):
                codings.append(Coding(system="http://purl.obolibrary.org/obo/hp.owl", code=str(m.attrs["hpo"]),
                                      display=str(m.attrs.get("label") or name)))
            # an ICD-10-CM title is the code's display; the clinical name is the term as written
            shown = " ".join(m.text.split()).lower() if m.attrs.get("source") == "icd10cm" else name
            # the term as written (its abbreviation expanded) where the name is a vocabulary label: "sore throat"
            # for HPO's "pharyngalgia"
            written = " ".join(str(m.norm or m.text).split()).lower()
            abbreviated = m.text.isupper() and written == m.text.lower()  # "SLE": the label reads better
            self._conditions[name] = Condition(id=self._id("condition"), name=shown, codings=codings, status=status,
                                               text=written if written != shown and not abbreviated else None,
                                               assertion=assertion, time=when,
                                               provenance=provenance(self.text, m, sent, "phenotypes"),
                                               **self._grades.of(self.text, m))
            return
        for k, v in self._grades.of(self.text, m).items():
            if getattr(c, k) is None:
                setattr(c, k, v)
        # the story's later word on a suspicion (or differential) holds: "suspected meningitis ... meningitis was
        # excluded" is refuted, "lymphoma was not detected ... raising the suspicion of lymphoma" provisional; a
        # confirmed diagnosis stays confirmed
        excluded = status == "refuted" and c.status in ("provisional", "differential")
        if _STATUS_RANK[status] > _STATUS_RANK[c.status] or excluded:
            c.status, c.assertion = status, assertion  # type: ignore[assignment]
            if when.known and (not c.time.known or status == "confirmed"):
                c.time = when
        elif status == c.status and _earlier(when, c.time):
            c.time = when
        elif not c.time.known and when.known and status != "refuted":
            c.time = when
        c.provenance.spans.append(SourceSpan(start=m.start, end=m.end, text=m.text))

    def _continues_target(self, m: Mention, sent: tuple[int, int]) -> bool:
        """A second value of the test just read as a target, listed after it in the same clause: "goal PTT 40-60 s
        during the infusion, 60-80 s after it"."""
        if self._last_target is None:
            return False
        test, end = self._last_target
        return test == str(m.attrs.get("test")) and sent[0] <= end <= m.start and m.start - end <= _TARGET_GAP \
            and _TARGET_LIST.fullmatch(self.text, end, m.start) is not None

    def _taken_on_two_days(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> tuple[TimeRef, TimeRef] | None:
        """The two calendar days a qualitative result's samples were taken on, told right before the result ("blood
        cultures taken on 17/03/2024 and 19/03/2024 were negative"): one result of each (docqa8)."""
        if " and " not in self.text[max(sent[0], m.start - 60):m.start] or not _TAKEN_ON.search(
                self.text, max(sent[0], m.start - 100), m.start):
            return None  # (most results: no days told together before them)
        dates = [x for x in self._types.of("date")
                 if sent[0] <= x.start < m.start and x.attrs.get("kind") == "absolute"]
        if len(dates) < 2:
            return None
        one, two = dates[-2], dates[-1]
        if not (self.text[two.end:m.start].isspace() and _AND_ON.fullmatch(self.text, one.end, two.start)
                and (on := _TAKEN_ON.search(self.text, max(sent[0], one.start - 30), one.start)) is not None
                and on.end() == one.start):
            return None
        first, second = place_one(one, when), place_one(two, when)
        if first is None or second is None or first.precision != "day" or second.precision != "day" \
                or first.point == second.point:
            return None
        return first, second

    def _lab(self, m: Mention, sent: tuple[int, int], when: TimeRef, again: bool = False) -> None:
        a = m.attrs
        if a.get("value") is not None and (_TARGET_BEFORE.search(self.text, max(sent[0], m.start - 110), m.start)
                                           or self._continues_target(m, sent)):
            self._last_target = (str(a.get("test")), m.end)
            return
        if self._restated(m) or self._offspring_measure(m, sent) or self._relatives_result(m, sent):
            return
        self._last_lab = m
        written = " ".join(_TEST_WORDS.sub(" ", _PARENS.sub(" ", str(a.get("test_text") or ""))).lower().split())
        key = (str(a["test"]), written, a.get("interpretation"), sent, a.get("grown")) if a.get("value") is None \
            else None  # (a culture that grew two organisms is two results)
        # one qualitative result read twice in a sentence (a list and its result word; "HIV" and "HIV serologies");
        # a test named apart ("ANA" and "ANA profile") is another
        if key is not None and not again:  # (`again`: the same result of a second day's sample, told together)
            if key in self._qualitative_seen:
                return
            self._qualitative_seen.add(key)
        codings = [Coding(system="http://loinc.org", code=str(a["loinc"]),
                          display=a.get("loinc_display") or displays().get(str(a["test"]), str(a["test"])))] \
            if a.get("loinc") else []
        interp = a.get("interpretation") or (_flag_after(self.text, m.end, a.get("unit"), str(a["test"]))
                                                if a.get("value") is not None else None)
        if interp is None and a.get("value") is not None and m.type == "lab_value":
            interp = interval_flag(self.text, self.r.mentions, self._mention_starts(), m)
        if interp is None and isinstance(a.get("value"), int | float) and a.get("value_high") is None:
            interp = stated_interpretation(self.text, m.end, float(a["value"]), a.get("unit"), a.get("comparator"))
        if a.get("value") is None and interp in ("H", "L", "A") and str(a["test"]) in settings():
            return  # "low tidal volume ventilation", "a higher PEEP was needed": a setting, no result of the patient
        if interp in ("H", "L", "A") and a.get("value") is None \
                and m.assertion in (Assertion.negated, Assertion.hypothetical):
            return  # "there was no thrombocytopenia", "to prevent hypoglycaemia": no abnormal result was found
        # a negated result word is a negative result; a measured number is never "negative" because a cue
        # of its sentence reaches it
        # (a result word written "positive" stays positive unless the negation stands right before it: "ANCA were
        # positive, and anti-GBM antibodies were negative" is no negative ANCA, nor is "Parvovirus IgG was positive
        # and IgM was negative" a negative IgG)
        if m.assertion == Assertion.negated and interp in (None, "POS") and a.get("value") is None and not (
                interp == "POS" and (a.get("rule") == "adjective" or _POSITIVE_WORD.search(m.text))
                and not _NOT_BEFORE.search(self.text, max(sent[0], m.start - 25), m.end)):
            interp = "NEG"
        test_text = a.get("test_text") or self._written(m, sent)
        shown = displays().get(str(a["test"]))
        # the result word this value states, read before it ("ferritin was elevated at 1399 ng/mL"): one result
        word = self._stated.value(str(a["test"]), m.start, sent, interp) if a.get("value") is not None else None
        if word is None and a.get("value") is not None and a.get("specimen") and (
                blood := by_written(str(a.get("test_text") or ""))) is not None:
            # a fluid's value whose result word was read as the blood test's: "CSF: low glucose (1.4 mmol/L)"
            word = self._stated.value(blood.name, m.start, sent, interp)
        lab = LabResult(id=word.id if word is not None else self._id("lab"),
                        test=_with_class(str(a["test"]), test_text), test_text=test_text,
                        display=_with_class(shown, test_text) if shown else None, codings=codings,
                        value=a.get("value"),
                        value_high=a.get("value_high"),
                        comparator=a["comparator"] if a.get("comparator") in _COMPARATORS else None, unit=a.get("unit"),
                        ucum=a.get("ucum"), value_si=a.get("value_si"), unit_si=a.get("unit_si"),
                        interpretation=interp if interp in _INTERP else None, time=when, grade=a.get("grade"),
                        diastolic=a.get("diastolic") if isinstance(a.get("diastolic"), int | float) else None,
                        organism=str(a["grown"]) if a.get("grown") and interp == "POS" else None,
                        assertion=Assertion.present, provenance=provenance(self.text, m, sent, "labs"))
        if lab.value_high is not None and _VALUES_RANGED.search(self.text, max(sent[0], m.start - 40), m.start):
            high = lab.model_copy(update={"id": self._id("lab"), "value": lab.value_high, "value_high": None,
                                          "value_si": a.get("value_high_si"), "comparator": None}, deep=True)
            lab.value_high = None
            self._add_lab(lab, word, m, sent)
            self.course.labs.append(high)
            return
        self._add_lab(lab, word, m, sent)

    def _add_lab(self, lab: LabResult, word: LabResult | None, m: Mention, sent: tuple[int, int]) -> None:
        """Adds a lab result; a value takes the place of the result word it states (lab_stated.py), and a result
        word right after a value ("93% neutrophilia") flags that value."""
        labs = self.course.labs
        at = next((i for i in range(len(labs) - 1, -1, -1) if labs[i] is word), None) if word is not None else None
        if word is not None and at is not None:
            labs[at] = merged(lab, word, not tells_change(self.text, word, m.start))
            return
        if word is not None:  # the word's result is no longer held: the value is a result of its own
            lab = lab.model_copy(update={"id": self._id("lab")})
        if only_change(self.text, lab) or lab.value is None and lab.interpretation in ("H", "L", "A") \
                and (_RESOLVED_AFTER.match(self.text, m.end)
                     or _RESOLVED_BEFORE.search(self.text, max(0, m.start - 50), m.start)):
            # a change with no level, or an abnormality told as it ends ("her leukocytosis resolved"): no result
            self._ids["lab"] -= 1  # its id, taken just now, is not used
            return
        if lab.value is None and lab.interpretation is not None:
            last = labs[-1] if labs else None
            if last is not None and last.interpretation in (None, lab.interpretation) \
                    and last.organism in (None, lab.organism) \
                    and self._stated.after_value(lab.test, last, m.start, sent):
                labs[-1] = merged(last, lab).model_copy(update={"id": last.id})
                self._ids["lab"] -= 1  # the word's id, taken just now, is not used
                return
            if m.attrs.get("stated_before"):  # "sodium (128 mmol/L) and potassium (2.9 mmol/L) were low"
                at = value_before(labs, lab, max(sent[0], int(m.attrs["stated_before"])), m.start)
                if at is not None:
                    labs[at] = merged(labs[at], lab).model_copy(update={"id": labs[at].id})
                    self._ids["lab"] -= 1
                    return
            self._stated.word(str(m.attrs["test"]), lab, int(m.attrs.get("stated_at") or m.end), sent)
        if m.zone == "table":
            self._tabled.add(lab.id)
        labs.append(lab)

    def _mention_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [x.start for x in self.r.mentions]
        return self._starts

    def _conjuncts(self, m: Mention, sent: tuple[int, int], when: TimeRef) -> None:
        """A diagnosis whose head two modifiers share names two ("cardiogenic and septic shock", "renal and liver
        failure"): the reader spans the coordination once, under the first, and keeps the second as a part of it; the
        part that ends it with the same head, right after the conjunction, is a diagnosis of its own, with the whole's
        assertion."""
        if " and " not in m.text and " or " not in m.text:
            return
        if self._parts_ending is None:
            self._parts_ending = {}
            for x in self._types.of("finding_part"):
                self._parts_ending.setdefault(x.end, []).append(x)
        head = m.text.split()[-1].lower()
        for p in self._parts_ending.get(m.end, ()):
            if m.start < p.start and " " in p.text and p.text.split()[-1].lower() == head \
                    and _CONJUNCTION_BEFORE.search(self.text, m.start, p.start):
                self._condition(p.model_copy(update={"type": "condition", "assertion": m.assertion, "zone": m.zone}),
                                sent, when)

    def _diagnosed_as(self, m: Mention, sent: tuple[int, int]) -> bool:
        """A finding named as the diagnosis ("diagnosed with spontaneous esophageal perforation") is one; not a
        finding that only qualifies a longer name going on after it ("diagnosis of signet ring cell carcinoma",
        "ST segment elevation AMI", "hypocellular bone marrow")."""
        if _DIAGNOSED_AS.search(self.text, max(sent[0], m.start - 80), m.start) is None:
            return False
        nxt = _NEXT_WORD.match(self.text, m.end, sent[1])
        return nxt is None or nxt.group(1).lower() in _AFTER_A_NAME

    def _mother_is_patient(self, sent: tuple[int, int]) -> bool:
        """The sentence's relative is "the mother" and the patient is that mother: a woman (of a stated age of 14 or
        more) whose pregnancy or delivery the report tells, so that "the mother" (not "her mother") is she."""
        if _THE_MOTHER.search(self.text, *sent) is None or _other_relative().search(self.text, *sent) is not None:
            return False
        if self._is_mother is None:
            p = self.course.patient
            told = p.provenance.sentence.text if p.provenance and p.provenance.sentence else ""
            # (not where her age was read beside a mother or a baby: "The mother is a 31-year-old G2P1 woman")
            self._is_mother = p.sex == "female" and p.age_years is not None and p.age_years >= 14 \
                and _GRAVID.search(self.text) is not None and _BABY_OR_MOTHER.search(told) is None
        return self._is_mother

    def _mothers_pregnancy(self, m: Mention, sent: tuple[int, int]) -> bool:
        """What the pregnancy was complicated by, told in the report of a child (under 12, as `_offspring_measure`)
        or of a male patient (a neonate whose age the text gives only as "preterm"): the mother's pregnancy with the
        patient. So is, in such a report, a complication of pregnancy or childbirth itself (ICD-10-CM chapter O:
        "chorioamnionitis prior to delivery", "gestational diabetes"), whatever the sentence."""
        p = self.course.patient
        if not (p.age_years is not None and p.age_years < 12 or p.sex == "male"):
            return False
        return str(m.attrs.get("icd10") or "").startswith("O") \
            or _PREGNANCY_COMPLICATED.search(self.text, sent[0], m.start) is not None

    def _relatives_result(self, m: Mention, sent: tuple[int, int]) -> bool:
        """A result told of a relative, a donor or a partner, the subject of its clause ("her mother's ANA was
        positive", "the donor was CMV IgG positive", "his brother had a ferritin of 1200 ng/mL"): not the patient's
        (but "the mother" of an obstetric report is the patient: `_mother_is_patient`)."""
        if m.type == "lab_value" and m.attrs.get("value") is None and _OTHER_PERSON_AFTER.match(self.text, m.end):
            return True  # "a COVID-19 positive contact", "an HIV-positive partner": that person's result (docqa13)
        at = min(m.start, int(m.attrs.get("item_start") or m.start))
        starts = [b.end() for b in _CLAUSE_OPEN.finditer(self.text, sent[0], at)]
        subject = _relative_result_subject().match(self.text, starts[-1] if starts else sent[0])
        if subject is None:
            return False
        return not (_THE_MOTHER.match(self.text, subject.start("det") if subject.group("det") else subject.start())
                    and self._mother_is_patient(sent))

    def _offspring_measure(self, m: Mention, sent: tuple[int, int]) -> bool:
        """A body measure of the patient's baby, where the patient is no baby."""
        age = self.course.patient.age_years
        if m.attrs.get("test") != "body weight" or age is None or age < 12:
            return False
        return bool(_OFFSPRING_BEFORE.search(self.text, max(sent[0], m.start - 60), m.start)
                    or _OFFSPRING_AFTER.match(self.text, m.end)
                    or (_CHILD_BEFORE.search(self.text, max(sent[0], m.start - 60), m.start)
                        and _BIRTH.search(self.text, sent[0], sent[1])))

    def _written(self, m: Mention, sent: tuple[int, int]) -> str | None:
        """A measured value's test as its sentence names it before the value ("IgG of 308 mg/dL" -> "IgG")."""
        named = self._named.get(str(m.attrs["test"])) if m.attrs.get("value") is not None else None
        if named is None or named[1] != sent or named[0].end > m.start:
            return None
        return " ".join(_PARENS.sub(" ", named[0].text).split()) or None

    def _restated(self, m: Mention) -> bool:
        """The same measurement in another unit, right after the first: "104 °F (40 °C)", "9 g/dL (90 g/L)"."""
        prev = self._last_lab
        if prev is None or prev.attrs.get("test") != m.attrs.get("test") or prev.attrs.get("unit") == m.attrs.get(
                "unit") or self.text[prev.end:m.start].strip() not in ("(", "[", "/", ",", "or", "="):
            return False
        a, b = prev.attrs.get("value_si"), m.attrs.get("value_si")
        if not isinstance(a, int | float) or not isinstance(b, int | float):
            return False
        return abs(a - b) <= 0.01 * max(abs(a), abs(b))

    def _events(self, story: list[Mention], sent: tuple[int, int], st: SentenceTime) -> None:
        """Episodes the text reports. One stay gives one admission however often the text names it:
        a further admission counts only after a discharge, or when written as a readmission; a death
        is recorded once."""
        seen: set[tuple[str, bool]] = set()
        for m in story:
            if m.type != "event" or m.assertion not in (Assertion.present, Assertion.historical) and not (
                    m.assertion == Assertion.negated and m.norm in OUTCOME_KINDS):
                continue
            role = m.attrs.get("role")
            kind = m.norm or ""
            if role == "reference" and kind == "death" and _NEWBORN_DIES.match(m.text) and \
                    self.course.patient.age_years is not None and self.course.patient.age_years < 1:
                role = "occurrence"  # in a newborn's own report "the neonate died" is the patient's death
            if role == "reference" or role == "at" and any(e.type == kind for e in self.course.events):
                continue
            if kind in OUTCOME_KINDS and self._generic(sent):
                continue  # "the majority of patients have clinical improvement within 48 h": patients in general
            if kind == "death" and self._relative_denies(m, sent):
                continue  # "her mother had toxemia in all three pregnancies, and died at 76": the mother's death
            readmission = kind == "readmission"
            if readmission:
                kind = "admission"
            negated = m.assertion == Assertion.negated or outcome_denied(self.text, m)
            if (kind, negated) in seen or kind not in _EVENT_KINDS or not negated and not self._new_episode(
                    kind, readmission, st.time):
                continue
            seen.add((kind, negated))
            item = bool(self._dx_items) and self._dx_items.holds(m.start, m.start + 1)
            detail = outcome_detail(self.text, m, kind, sent)
            same = self._same_state(kind, negated, detail, item)
            if same is not None and item:
                continue  # "2. Acute kidney injury, resolved" in a list, and the story tells that recovery
            trigger = _trigger(self.text, sent, story)
            # an item of a diagnosis list tells that it happened, not when (as its condition: named, not dated)
            when = TimeRef() if item else self._clause_time(m, story, st.at(m.start))
            if kind == "admission" and not readmission and not negated:
                when = _stay_after_span(m, when, story, sent)
            if kind in _AGAIN_KINDS and kind != "admission" and not negated and not item \
                    and self._told_episode(m, sent, kind, when):
                continue
            event = Event(id=self._id("event"), type=kind, time=when, trigger=trigger,  # type: ignore[arg-type]
                          assertion=Assertion.negated if negated else Assertion.present, detail=detail,
                          provenance=provenance(self.text, m, sent, "events"))
            if same is not None:  # the list told it first: one event, the story's, in the list's place
                i = self.course.events.index(same)
                self.course.events[i] = event.model_copy(update={"id": same.id})
            else:
                self.course.events.append(event)
            if kind in _AGAIN_KINDS and not negated and (again := _AGAIN.search(self.text, m.end, sent[1])):
                # "he relapsed in October 2020, and again in February 2021": a second episode at the later time
                # (the later time's own shift, where no clause opens before it: "in March and again in July")
                later = st.shift_after(again.end() - 1, 30) or st.at(again.end())
                if later.known and later != when:
                    self.course.events.append(event.model_copy(update={"id": self._id("event"), "time": later}))

    def _triggers_told_after(self) -> None:
        """A relapse's or a flare's trigger told in a sentence of its own after it: "The relapse was attributed to the
        withdrawal of steroids", "This flare was thought to be triggered by an infection": the last such episode told
        before it that has no trigger yet takes what the sentence names, as written (docqa16)."""
        if not any(e.type in ("relapse", "flare") and e.trigger is None for e in self.course.events):
            return
        for m in _TRIGGER_TOLD_AFTER.finditer(self.text):
            zone = next((z.zone for z in self.r.zones if z.start <= m.start() < z.end), "narrative")
            if zone != "narrative":
                continue
            before = [e for e in self.course.events if e.type in ("relapse", "flare")
                      and e.assertion == Assertion.present and e.provenance and e.provenance.spans
                      and e.provenance.spans[0].start < m.start()]
            if before and before[-1].trigger is None:
                before[-1].trigger = " ".join(m.group("cause").split())

    def _encounter(self) -> None:
        """A letter's own date ("Clinic date: 14/10/2024", "seen today (3 May 2021)") is a visit of the patient: a
        follow-up event at that date, in its place in the text, the course's last information (documents QA round
        docqa16). Not when the story already places an event on that day or later."""
        m = letter_date_mention(self.r, self._types)
        when = calendar_time(m) if m is not None else None
        if m is None or when is None or any(e.time.point and not _before(e.time, when) for e in self.course.events):
            return
        event = Event(id=self._id("event"), type="follow_up", time=when,
                      provenance=provenance(self.text, m, self.r.sentence_of(m.start), "events"))
        at = next((i for i, e in enumerate(self.course.events)
                   if e.provenance and e.provenance.spans and e.provenance.spans[0].start > m.start),
                  len(self.course.events))
        self.course.events.insert(at, event)

    def _told_episode(self, m: Mention, sent: tuple[int, int], kind: str, when: TimeRef) -> bool:
        """An episode the story told already, named again: "each relapse was treated with X" (every one of those
        told, no new one), "since the relapse in August" after "a third relapse in August" (the same month or day)
        (docqa8)."""
        before = self.text[max(sent[0], m.start - 20):m.start]
        if _EACH_BEFORE.search(before):
            return any(e.type == kind and e.assertion != Assertion.negated for e in self.course.events)
        return bool(_THE_BEFORE.search(before)) and when.precision in ("day", "month") and bool(when.point) and any(
            e.type == kind and e.assertion != Assertion.negated and e.time.point == when.point
            for e in self.course.events)

    def _same_state(self, kind: str, negated: bool, detail: str | None, item: bool) -> Event | None:
        """The recovery (improvement, sequela) of the same problem told already, where one of the two is an item of a
        diagnosis list ("Acute kidney injury, resolved") and the other the story's."""
        if kind not in _STATE_KINDS or not detail or not self._dx_items:
            return None
        key = detail.casefold()
        for e in self.course.events:
            if e.type != kind or (e.assertion == Assertion.negated) != negated or (e.detail or "").casefold() != key:
                continue
            listed = e.time == TimeRef() and self._dx_items.holds(at := e.provenance.spans[0].start, at + 1)
            if item != listed:
                return e
        return None

    def _clause_time(self, m: Mention, story: list[Mention], sentence_time: TimeRef) -> TimeRef:
        """An episode's own date when its clause gives one after it ("... and died in July 2019"), else the
        sentence's time."""
        for x in story:
            if x.start < m.end or x.start - m.end > 40 or self.text[m.end:x.start].count(",") > 1:
                continue
            if x.type == "event" and x.attrs.get("role") != "reference":
                break  # the next episode's clause
            if x.type == "date" and x.attrs.get("kind") == "absolute":
                placed = place_one(x, sentence_time)
                return placed or sentence_time
        return sentence_time

    def _new_episode(self, kind: str, readmission: bool, when: TimeRef) -> bool:
        if kind in _STATE_KINDS:  # each tells of its own problem ("the rash resolved", "CRP normalised")
            return True
        last = {e.type: e for e in self.course.events if e.assertion != Assertion.negated}
        if kind == "death":
            return "death" not in last
        if readmission and when.point and len(when.point) == 10 and any(
                e.type == "admission" and e.time.point == when.point for e in self.course.events):
            return False  # "readmitted on 04/01/2026" under a header "Date of admission: 04/01/2026": that stay
        if kind == "admission" and "admission" in last and not readmission:
            stay, ended = last["admission"], last.get("discharge")
            discharged = ended is not None and self.course.events.index(ended) > self.course.events.index(stay)
            if (told := self._stays_out_of_order()) is not None:
                stay, ended = told
                discharged = ended is not None
            # a discharge told first, as a record's header tells the stay ("Admission Date: X  Discharge Date: Y"),
            # ends the stay at its time: an admission told at a time within it is that stay's; one on a stated day
            # before the stay told ("Date of admission: 03/02/2025 ... Previous admission: admitted from 06/01/2025")
            # is an earlier stay
            return discharged and not _within(stay.time, ended.time, when) or _day_before(when, stay.time)
        if kind == "discharge":  # a discharge implies a stay even where the text tells only the presentation
            if "admission" not in last:
                return "discharge" not in last
            return "discharge" not in last or self.course.events.index(
                last["discharge"]) < self.course.events.index(last["admission"])
        previous = last.get(kind)
        return previous is None or previous.time != when

    def _stays_out_of_order(self) -> tuple[Event, Event | None] | None:
        """Where the stays were told out of their order (a header's admission, then an earlier stay under "Previous
        admission"), all on calendar days: the latest stay and the discharge that ends it, if one is told; else None."""
        stays = [e for e in self.course.events if e.type == "admission" and e.assertion != Assertion.negated]
        if len(stays) < 2 or any(len(e.time.point or "") != 10 for e in stays) or all(
                (a.time.point or "") <= (b.time.point or "") for a, b in zip(stays, stays[1:], strict=False)):
            return None
        stay = max(stays, key=lambda e: e.time.point or "")
        ends = [e for e in self.course.events if e.type == "discharge" and e.assertion != Assertion.negated
                and len(e.time.point or "") == 10 and (e.time.point or "") >= (stay.time.point or "")]
        return stay, (ends[-1] if ends else None)

    def _patient(self) -> None:
        """Sex and age from the first patient-zone mentions that state them (one pass)."""
        p = Patient()
        for m in self._types.of("sex", "age"):
            if m.zone not in PATIENT_ZONES or of_a_relative(self.text, m):
                continue  # not a relative's ("born to a 29-year-old mother", "found by his wife")
            if m.type == "sex" and p.sex == "unknown":
                p.sex = m.norm  # type: ignore[assignment]
            elif m.type == "age" and p.age_years is None and _years(m) is not None:
                p.age_years = _years(m)
                sent = self.r.sentence_of(m.start)
                st = self.times[self.r.sentences.index(sent)] if sent in self.r.sentences else None
                if st and (st.time.point or st.time.earliest):
                    p.age_at = st.time
                    year = parse_iso(st.time.point or st.time.earliest or "")[0].year
                    p.birth_year = (year - int(p.age_years) - 1, year - int(p.age_years))
                p.provenance = provenance(self.text, m, sent, "demographics")
            if p.sex != "unknown" and p.age_years is not None:
                break
        if p.sex == "unknown" and any(_OBSTETRIC.search(self.text, z.start, z.end)
                                      for z in self.r.zones if z.zone in PATIENT_ZONES):
            p.sex = "female"  # "a 31-year-old G3P2", "gravida 2 para 1": a woman's obstetric history
        if p.sex == "unknown":
            p.sex = self._sex_of_pronouns()  # type: ignore[assignment]
        self.course.patient = p

    def _sex_of_pronouns(self) -> str:
        """"A 62-year-old patient presented with chest pain. His troponin ...": the story's pronouns, when they agree
        (at least two, three to one), give a sex no noun states; else unknown."""
        he = she = 0
        for z in self.r.zones:
            if z.zone == "narrative":
                for m in _PRONOUN.finditer(self.text, z.start, z.end):
                    if m.group(1):
                        he += 1
                    else:
                        she += 1
        if he >= 2 and he >= 3 * she:
            return "male"
        if she >= 2 and she >= 3 * he:
            return "female"
        return "unknown"

    def _date_of_birth(self) -> None:
        """A stated date of birth ("DOB: 12/05/1979" in a letter's header) gives the birth year, and the age at the
        story's anchor where no age is written and every day of the anchor gives the same age."""
        p = self.course.patient
        for m in self._types.of("date"):
            if m.attrs.get("kind") != "absolute" or not DOB_BEFORE.search(
                    self.text, max(0, m.start - 20), m.start):
                continue
            born = calendar_time(m)
            if born is None or born.precision != "day" or not born.point:
                return
            b = parse_iso(born.point)[0]
            p.birth_year = (b.year, b.year)
            # the story's anchor (its first admission), else the document's own date: a clinic letter or a treatment
            # summary tells no admission, and the patient's age is that on its date (documents QA round docqa5)
            at = self.course.anchor or letter_date(self.r, self._types)
            if p.age_years is None and at is not None and (at.earliest or at.point):
                days = (parse_iso(at.earliest or at.point or "")[0], parse_iso(at.latest or at.point or "")[1])
                ages = {d.year - b.year - ((d.month, d.day) < (b.month, b.day)) for d in days}
                if len(ages) == 1 and min(ages) >= 0:
                    p.age_years, p.age_at = float(ages.pop()), at
                    p.provenance = provenance(self.text, m, self.r.sentence_of(m.start), "demographics")
            return

    def _admitted(self) -> TimeRef | None:
        """The time of the first admission told so far."""
        return next((e.time for e in self.course.events if e.type == "admission"), None)

    def _anchor(self) -> None:
        first = next((e for e in self.course.events if e.type == "admission"), None)
        self.course.anchor = first.time if first else None


# samples taken on two days told together before their result (docqa8)
_TAKEN_ON = re.compile(r"\b(?:taken|drawn|obtained|collected|sent|repeated|performed|done)\s+on\s+", re.I)
_AND_ON = re.compile(r"\s*,?\s+and\s+(?:on\s+)?", re.I)
# a value's own "on admission" right after it, before the next value of its list or the clause's end (docqa8)
_ON_ADMISSION_AFTER = re.compile(r"\s+(?:on|at)\s+(?:(?:his|her|the)\s+)?admission\s*(?:[,;.]|and\b|\Z)", re.I)
# a disease named as what a treatment prevents, by a noun after it: "stroke prevention", "endocarditis prophylaxis"
_PREVENTION_AFTER = re.compile(r"\s+(?:prevention|prophylaxis)\b", re.I)
# what a risk factor is for, before the disease: "no risk factors for thrombosis/embolism", "her risk factors for
# preeclampsia included obesity" neither deny nor state the disease (a denial of the factors is no denial of it); not
# past a comma ("given her risk factors for stroke, cortical blindness was considered")
_RISK_FACTORS_FOR = re.compile(
    r"\brisk\s+factors?\s+(?:for|of|to)\s+(?:(?!(?:and|but|he|she|they|the|patient|was|were|had|has|is|are)\b)"
    r"[\w-]+(?:\s*/\s*|\s+)){0,3}$", re.I)
# what a vaccination is against, before the disease (up to six words of a list, none a clause's subject or verb):
# "had not been vaccinated against 2009 H1N1 influenza or seasonal influenza", "immunised against measles, mumps and
# rubella" name no diagnosis either way; "vaccinated against influenza, he developed pneumonia" names the pneumonia
_VACCINATED_AGAINST = re.compile(
    r"\b(?:vaccinated|immuni[sz]ed|vaccines?|vaccinations?|immuni[sz]ations?|boosters?)\s+(?:against|for)\s+"
    r"(?:(?!(?:he|she|they|it|the|patient|but|was|were|had|has|who|which|is|are)\b)[\w-]+(?:,?\s+(?:and|or)\s+|,\s+|\s+))"
    r"{0,6}$", re.I)
# a sentence that settles a suspicion it states: "suspected X was confirmed by culture", "X was diagnosed"
_CONFIRMING = re.compile(r"\b(?:confirm\w*|proven|proved|established|diagnosed|positive|grew|revealed|showed)\b", re.I)
# what is named as the diagnosis is one, whatever its vocabulary calls it: "diagnosed with spontaneous esophageal
# perforation", "the final diagnosis was immobilization-related hypercalcaemia" (up to three words between, none
# that joins another item: not the "fever" of "diagnosed with pneumonia and fever")
_DIAGNOSED_AS = re.compile(
    r"\b(?:diagnosed\s+(?:with|as(?:\s+having)?|to\s+have)|diagnosis\s+(?:of|was)|diagnoses\s+(?:of|were))\s+"
    r"(?:(?!(?:and|or|with|but|after|before|due|secondary)\b)[\w-]+\s+){0,3}$", re.I)
_CONJUNCTION_BEFORE = re.compile(r"(?:\band|\bor|,)\s+$")
_NEXT_WORD = re.compile(r"[ \t-]+([A-Za-z]+)")
# words that may follow a diagnosis's name in its clause (a name that goes on with another noun is a longer one)
_AFTER_A_NAME = frozenset({
    "and", "or", "with", "without", "was", "were", "is", "are", "had", "has", "of", "in", "on", "at", "to", "due",
    "secondary", "associated", "who", "which", "that", "after", "before", "since", "for", "from", "as", "but", "by",
    "complicated", "requiring", "related", "caused", "following", "presenting", "leading", "resulting", "possibly",
    "probably", "because", "then", "while", "when", "during", "despite", "based", "made", "confirmed", "type",
    "however", "such", "like", "including"})
# what a pregnancy (the mother's, in a newborn's report) was complicated by: "the pregnancy was complicated by
# hyperemesis gravidarum", "her antenatal course was notable for gestational diabetes", "prenatal labs were notable
# for group B streptococcus" (not "perinatal": the baby's)
_PREGNANCY_COMPLICATED = re.compile(
    r"\b(?:pregnancy|gestation|(?:antenatal|prenatal|maternal)\s+(?:course|period|history|labs?|laboratory\s+tests?"
    r"|tests?|testing|screening|serolog(?:y|ies)))\s+"
    r"(?:was|had\s+been|were)\s+(?:\w+\s+)?(?:complicated\s+by|notable\s+for|significant\s+for|remarkable\s+for)\b",
    re.I)


@cache
def _virus_name() -> re.Pattern[str]:
    """A virus's name that holds another disease's name (knowledge/virus_names.csv), any spaces or hyphens between
    its words."""
    names = sorted((r["virus"].split() for r in table("virus_names.csv")), key=len, reverse=True)
    return re.compile("|".join(r"[\s-]*".join(map(re.escape, w)) for w in names) + r"(?![\w])", re.I)


@cache
def _measure_words() -> dict[str, frozenset[str]]:
    """Words after a disease's name that make a measurement's name ("stroke volume"; knowledge/measure_words.csv)."""
    out: dict[str, set[str]] = {}
    for r in table("measure_words.csv"):
        out.setdefault(r["disease"].strip().lower(), set()).add(r["word"].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _specialty_names() -> frozenset[str]:
    """Disease-class names that name a specialty (knowledge/specialty_names.csv)."""
    return frozenset(r["term"].strip().lower() for r in table("specialty_names.csv"))


_NUMBER_WORDS = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|repeated"


@cache
def _induced_states() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Diagnosis -> (the word before, the words after) that make it what a treatment does
    (knowledge/induced_states.csv)."""
    out: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}
    for r in table("induced_states.csv"):
        before = "|".join(_NUMBER_WORDS if w == "#number" else re.escape(w) for w in r["before"].split("|") if w)
        after = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in r["after"].split("|") if w)
        out[r["diagnosis"].lower()] = (re.compile(rf"(?<![\w-])(?:{before})[\s-]+$", re.I) if before else None,
                                       re.compile(rf"\s+(?:{after})\b", re.I) if after else None)
    return out


def _induced_state(text: str, m: Mention) -> bool:
    """A shock a device delivers or a cardiac arrest induced for surgery (`_induced_states`): no diagnosis."""
    rule = _induced_states().get(str(m.attrs.get("label") or m.norm or m.text).lower())
    if rule is None:
        return False
    before, after = rule
    return before is not None and before.search(text, max(0, m.start - 40), m.start) is not None \
        or after is not None and after.match(text, m.end) is not None


@cache
def _instrument_after() -> re.Pattern[str]:
    """What follows a disease named inside a score's or a scale's name (knowledge/instrument_words.csv)."""
    rows = table("instrument_words.csv")
    plain = "|".join(re.escape(r["word"]).replace(r"\ ", r"\s+") for r in rows if r["after_abbreviation"] == "no")
    abbreviated = "|".join(re.escape(r["word"]) for r in rows)
    # the abbreviation in parentheses after the disease ("Myocardial Infarction (TIMI) flow"), or the disease read
    # from that abbreviation itself ("(TIMI) flow")
    return re.compile(rf"(?:[\s-]+(?:{plain})|\s*(?:\([A-Za-z][A-Za-z0-9-]{{1,9}}\)|\))\s+(?:{abbreviated}))\b", re.I)


# patients in general: a bare plural ("patients with X", "in most patients", "10% of cases"), not "our patients",
# "both patients", "the two cases" of a report of several, nor "the infection of patients" (a writer's plural)
_GENERIC_NOUNS = ("patients", "individuals", "people", "cases", "adults", "children", "subjects")
_GENERIC_PATIENTS = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=\n)|\b(?:in|with|among|for|many|most|some|all|such|these|those|affected)\s+"
    r"|(?:%|\bpercent|\bmajority|\bproportion|\bhalf|\bthird|\bnumber)\s+of\s+)"
    rf"(?:{'|'.join(_GENERIC_NOUNS)})\b", re.I)
_THIS_PATIENT = re.compile(
    # (not "the majority / proportion / number of patients": a share of patients in general, docqa10)
    r"\b(?:our|the|this|present|index|both|two|three)\s+(?!(?:majority|proportion|number|rest|half|percentage)\b)"
    r"(?:\w+\s+){0,2}?(?:patients?|cases?|child|boy|girl|man|woman|"
    r"infant|neonate|newborn)\b|\b(?:she|he|her|his|him|we)\b", re.I)
# an obstetric report's patient: "the mother" of its infants is she
_THE_MOTHER = re.compile(r"\b(?:the|this)\s+mother\b", re.I)
_BABY_OR_MOTHER = re.compile(r"\b(?:mother|infant|newborn|neonate|baby|born)\b", re.I)
_GRAVID = re.compile(r"\b(?:pregnant|primigravida|multigravida|gravida\s*\d|G\d+\s*P\d+|(?:twin|singleton|triplet)\s+"
                     r"pregnancy|(?:caesarean|cesarean)\s+(?:section|delivery)|postpartum)\b", re.I)
# a group of other people a diagnosis qualifies (plural: "an HIV patient" may be the patient herself)
_OTHERS_AFTER = re.compile(r"\s+(?:patients|donors|survivors|carriers|contacts|pandemic|epidemic|outbreak|"
                           r"protocol\s+(?:CTA?|MRI?|scan|imaging|angiography|angiogram|study))\b", re.I)
_ANAPHOR_BEFORE = re.compile(r"\b(?:the|this|that|her|his|their)\s+$", re.I)
# (not the article of a judgement: "the pathology confirmed the diagnosis of a teratoma" names the one told before)
_FRESH_BEFORE = re.compile(r"(?<!diagnosis of )(?<!consistent with )(?<!compatible with )(?<!suggestive of )"
                           r"\b(?:an?|another|new|second|further)\s+$", re.I)
# a head named after a function word, a verb or punctuation, not after a word that qualifies it ("hemorrhagic shock"
# after "septic shock", "marantic endocarditis" after "infective endocarditis": other diagnoses)
_UNQUALIFIED_BEFORE = re.compile(r"(?:^|[,;:(]|\b(?:an?|of|and|or|with|in|for|by|to|that|from|on|as|at|had|has|have|was"
                                 r"|were|is|are|be|been|but|[a-z]+ed|[a-z]+ing))\s*$", re.I)
_SITE_AFTER = re.compile(r"\s+(?:of|in|on)\s+(?:the|her|his|both)\s", re.I)


def _years(m: Mention) -> float | None:
    import re

    if m.attrs.get("years") is not None:
        return float(m.attrs["years"])
    if isinstance(m.attrs.get("age_years"), int | float):  # "a 6-month-old boy": 0.5
        return float(m.attrs["age_years"])
    found = re.search(r"(\d+(?:\.\d+)?)", str(m.attrs.get("value") or m.text))
    return float(found.group(1)) if found and "Y" in str(m.attrs.get("value") or "Y") else None


_TRIGGER_VERB = r"\b(?:trigger\w*|led to|lead to|resulted in|caused|followed by|provoked)"
_WITHDRAWAL_AFTER = r"[\w-]*\s*(?:withdrawal|discontinuation|tapering|taper|cessation|reduction)"
_WITHDRAWAL_BEFORE = r"(?:discontinue|withdraw|stop|taper)\w*\s+(?:of\s+)?$"


# a finding's onset told right before it ("developing high-grade fever", "a new murmur", "she then developed")
_ONSET_BEFORE = re.compile(r"\b(?:develop(?:ed|s|ing)?|new(?:ly)?|appear(?:ed|s|ing)?|onset\s+of|beg[au]n|started|"
                           r"deteriorat(?:ed|ing)|worsen(?:ed|ing))\b[^.;]*$", re.I)


def _stay_after_span(m: Mention, when: TimeRef, story: list[Mention], sent: tuple[int, int]) -> TimeRef:
    """An admission dated by the span its sentence tells after it ("was admitted for fever and cough during the 3 days
    preceding her admission", "for 3 days before admission"): the stay begins at that span's end, not its start
    (docqa10). Not a span told before the admission ("3 weeks before admission to our clinic, she was admitted to the
    regional hospital": an earlier stay). Only where the time is an offset from day 0 with no calendar date."""
    if when.point or when.earliest or not when.offset_days or when.text is None or not m.text.lower().endswith("ed"):
        return when  # a stay told as a noun is often an earlier one ("an admission for X 2 years prior to the current
        # admission", "her last hospitalization was 8 months prior to admission"): only the story's verb is this stay
    for x in story:
        a = x.attrs
        if not m.end <= x.start < sent[1] or x.text != when.text or a.get("rel_direction") != "before" \
                or a.get("rel_anchor") != "admission" or not isinstance(a.get("rel_amount_min"), int | float) \
                or not isinstance(a.get("rel_amount_max"), int | float):
            continue
        # the span's start was placed its length before the stay (the longest length at the earliest start)
        lo, hi = when.offset_days
        return when.model_copy(update={"offset_days": (round(lo + float(a["rel_amount_max"]), 1),
                                                       round(hi + float(a["rel_amount_min"]), 1)), "text": None})
    return when


# a sentence naming what triggered the episode just told: "The relapse was attributed to the withdrawal of steroids and
# the reduced dose of mycophenolate.", "This flare was thought to be triggered by a urinary infection." (docqa16)
_TRIGGER_TOLD_AFTER = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:the|this|her|his|that)\s+(?:relapse|flare|recurrence|exacerbation|flare-up)\s+"
    r"(?:was|were)\s+(?:(?:thought|felt|considered|presumed|likely)\s+(?:to\s+(?:be|have\s+been)\s+)?)?"
    r"(?:attributed\s+to|due\s+to|triggered\s+by|precipitated\s+by|provoked\s+by|caused\s+by|related\s+to)\s+"
    r"(?:the\s+)?(?P<cause>[^.;:()]{3,120}?)\s*(?=[.;]|$)", re.I | re.M)


def _trigger(text: str, sent: tuple[int, int], story: list[Mention]) -> str | None:
    """'X withdrawal triggered relapses' -> 'X withdrawal': the withdrawn drug nearest the verb."""
    import re

    verb = re.search(_TRIGGER_VERB, text[sent[0]:sent[1]], re.I)
    if not verb:
        return None
    at = sent[0] + verb.start()
    best: tuple[int, str] | None = None
    for d in (m for m in story if m.type == "drug" and m.end <= at):
        after = text[d.end:min(sent[1], d.end + 30)].lower()
        before = text[max(sent[0], d.start - 40):d.start].lower()
        if re.match(_WITHDRAWAL_AFTER, after.strip()) or re.search(_WITHDRAWAL_BEFORE, before):
            if best is None or at - d.end < best[0]:
                best = (at - d.end, f"{d.norm} withdrawal")
    return best[1] if best else None


def assemble(reading: Reading, source: Source | None = None) -> Course:
    return CourseAssembler(reading, source).build()


# what joins two items of one list of diagnoses: "acute kidney injury (AKI), hyponatremia, and lactic acidosis"
# (a short form in brackets may close before it: "acute kidney injury (AKI), hyponatremia")
_LIST_JOIN = re.compile(r"\)?\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")


# which relative of that kind: "her maternal aunt", "his older brother"
_KIN_QUALIFIER = r"(?:(?:maternal|paternal|older|younger|elder|twin|biological)\s+)?"


@cache
def _relative_result_subject() -> re.Pattern[str]:
    """A relative (knowledge/relatives.csv) opening a clause as its subject or its owner: "Her mother's", "The donor
    was", "His older brother had" (a possessive or a verb after the word: not "Relative lymphocytosis was noted")."""
    rel = relatives_alternation()
    return re.compile(rf"\s*(?P<det>(?:the|her|his|their|its|both|one|[Tt]he\s+patient['’]s)\s+)?{_KIN_QUALIFIER}"
                      rf"(?:{rel})s?(?:['’]s?(?=\s)|\s+(?:was|were|is|are|had|has|have|tested|showed|also)\b)", re.I)


# where a clause of a sentence opens: after a semicolon, or a comma or a conjunction before a new subject
_CLAUSE_OPEN = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\b(?:but|whereas|while)\b|"
                          r"\band\b(?=\s+(?:the|her|his|their|she|he|our|this)\b)", re.I)


@cache
def _other_relative() -> re.Pattern[str]:
    """A relative other than "the mother" (knowledge/relatives.csv): "her mother", "the father", "a sibling"."""
    others = relatives_alternation(frozenset({"mother"}))
    return re.compile(rf"\b(?:her|his|their)\s+mother\b|\b(?:family|{others})s?\b", re.I)


def _listed_with_conditions(text: str, lab_findings: list[Mention], named: list[Mention]) -> set[tuple[int, int]]:
    """Spans of lab abnormalities named as a noun ("hyponatremia": the reader also reads it as a low sodium) in a
    list with a diagnosis right before or after them: a list of diagnoses makes it one ("resolution of her acute
    kidney injury, hyponatremia and lactic acidosis"), while alone it stays a finding. `lab_findings`, `named`: the
    reading's lab findings, and its conditions and findings, in order."""
    lab_spans = {(m.start, m.end) for m in lab_findings}
    out: set[tuple[int, int]] = set()
    # a lab abnormality next to a diagnosis, or next to one listed so ("kidney injury, hyponatremia and lactic
    # acidosis": both): a run of them joined to a diagnosis at either end, read both ways
    for order in (range(len(named)), range(len(named) - 1, -1, -1)):
        for i in order:
            m = named[i]
            if m.type != "finding" or (m.start, m.end) not in lab_spans or (m.start, m.end) in out:
                continue
            before = named[i - 1] if i else None
            after = named[i + 1] if i + 1 < len(named) else None
            if before is not None and _listed(before, out) and _LIST_JOIN.fullmatch(text, before.end, m.start) \
                    or after is not None and _listed(after, out) and _LIST_JOIN.fullmatch(text, m.end, after.start):
                out.add((m.start, m.end))
    return out


def _listed(m: Mention, out: set[tuple[int, int]]) -> bool:
    """A diagnosis, or a lab abnormality already found listed among diagnoses."""
    return m.type == "condition" or (m.start, m.end) in out


@cache
def _class_diagnoses() -> frozenset[str]:
    return frozenset(r["term"].strip().lower() for r in table("disease_terms.csv")
                     if r["kind"] in ("class_diagnosis", "sign_diagnosis"))


def _class_diagnosis(m: Mention) -> bool:
    """A finding word the course lists as a condition (knowledge/disease_terms.csv): one that names a class of
    diagnoses ("malignancy"), or a diagnosis named by its sign ("hypertension", which the reader types as a finding)."""
    return str(m.attrs.get("label") or m.norm or m.text).lower() in _class_diagnoses()


def _sign_diagnosis(m: Mention) -> bool:
    """A finding the reader types so only for its name: a curated diagnosis named by its sign ("hypertension")."""
    return m.type == "finding" and str(m.attrs.get("label") or "").lower() in sign_diagnoses()


@cache
def _smear_terms() -> dict[str, str]:
    """Smear cells as written (plural and singular, lower case) -> the name of the result."""
    out: dict[str, str] = {}
    for r in table("smear_findings.csv"):
        name = r["term"].strip().lower()
        out[name] = name
        if name.endswith("s") and not name.endswith("ux"):
            out[name.removesuffix("s")] = name
    return out


@cache
def _infections() -> dict[str, str]:
    return {r["organism"]: r["infection"] for r in table("infections.csv")}


# a negative result told as a change: "became undetectable", "turned negative", "was cleared"
_CLEARED_BEFORE = re.compile(r"\b(?:became|become|becoming|turned|converted\s+to|was\s+cleared|cleared)\s+$",
                             re.I)


# a table column dated by the admission: "Admission", "On admission", "Day 7", "Hospital day 3", "Day 5 of admission"
_COLUMN_DAY = anchored(r"(?:(?:on|at)\s+)?(?:(?P<adm>admission|presentation)|(?:hospital\s+)?day\s+(?P<n>\d{1,3})"
                       r"(?:\s+(?:of|after)\s+(?:admission|hospitali[sz]ation))?)\s*", re.I)


# a person named right after a result word: the result is that person's ("a COVID-19 positive family member")
_OTHER_PERSON_AFTER = re.compile(
    r"\s+(?:(?:close|household|family|sick|index|known)\s+)?(?:contacts?|family\s+members?|relatives?|"
    r"household\s+members?|persons?|individuals?|people|colleagues?|co-?workers?|neighbou?rs?|friends?|partners?|"
    r"spouses?|husband|wife|siblings?|brothers?|sisters?|mother|father|parents?|sons?|daughters?|cousins?|"
    r"roommates?|donors?)\b", re.I)
# a family history governing what follows, without the patient's own ("no personal or family history of X" is both)
_FAMILY_BEFORE = re.compile(r"\bfamily(?: medical)? history\b(?:(?!\b(?:personal|past|own|himself|herself)\b)[^.;])*$",
                            re.I)
_OWN_HISTORY = re.compile(r"\b(?:personal|own|past)\b", re.I)


@cache
def _relative_subject() -> re.Pattern[str]:
    """A relative as the subject of a clause: "the mother had", "his father denied" (knowledge/relatives.csv)."""
    rel = relatives_alternation()
    return re.compile(
        rf"(?:the|her|his|their|its|[Tt]he\s+patient['’]s)\s+{_KIN_QUALIFIER}(?:{rel})s?\s+(?:had|has|have|was|were|is|are|denied|denies|reported|reports)\b",
        re.I)


# what ends a relative's clause before a denial: a new subject or a contrast ("..., but she had no X")
_CLAUSE_TURN = re.compile(r"\b(?:but|whereas|while|although|however|she|he|the\s+patient|our\s+patient)\b|;", re.I)
_AFTER_COMMA = re.compile(r"[,:]\s+$")


def relative_clauses(text: str, sent: tuple[int, int]) -> tuple[list[int], list[int]]:
    """(where each clause with a relative as its subject starts its predicate, where its sentence turns to another
    subject or a contrast), both sorted: a denial after such a predicate, with no turn between, is the relative's
    ("the mother had no chronic illness like X", "her father denied X"). A relative's clause opens the sentence or
    follows a comma or colon with no full stop or semicolon before it. One pass per sentence, so a long sentence of
    denials stays linear."""
    stops = [i for i in (text.find(".", *sent), text.find(";", *sent)) if i >= 0]
    stop = min(stops) if stops else sent[1]  # the first full stop or semicolon: no clause of a relative after it
    body = text[sent[0]:sent[1]]
    first = sent[1] - len(body.lstrip())  # where the sentence's first word starts
    preds = [m.end() for m in _relative_subject().finditer(text, *sent)
             if m.start() == first or m.start() <= stop and _AFTER_COMMA.search(
                 text, max(sent[0], m.start() - 40), m.start())]
    turns = [m.start() for m in _CLAUSE_TURN.finditer(text, *sent)] if preds else []
    return preds, turns


# the story's line right before a table announces it ("Initial laboratory results are shown below.", "... were as
# follows:"): a table with no time in its header is then at the story's time there
_ANNOUNCES = anchored(r"\b(?:below|following|as follows|summari[sz]ed in the table|the table)\b|:\s*$", re.I)


# a plural's "s" at a word's end ("aneurysms", "pleural effusions"; not "mass", "abscess", "virus", "tics"): findings
# are keyed without it, so singular and plural meet; a key is never shown ("sepsis" keys as "sepsi" every time alike)
_SINGULAR_END = re.compile(r"(?<=[a-z]{3}[^su])s\b")


# a newborn named as the one who died ("the neonate (unfortunately) died", "her baby passed away"): another person in a
# mother's story (knowledge/event_cues.csv), the patient in the newborn's own
_NEWBORN_DIES = re.compile(r"(?:the|her|his|their)\s+(?:[\w-]+\s+)?(?:baby|infant|neonate|newborn)\b", re.I)


def _announced_table(text: str, pos: int) -> bool:
    """Whether the table holding `pos` follows, right after, a line of the story that announces it."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev:start - 1]
        if "\t" in line:
            start = prev
            continue
        if line.strip():
            return _ANNOUNCES.search(line) is not None
        start = prev
    return False


def _column_time(m: Mention, admission: TimeRef | None = None) -> TimeRef:
    """The time of a table cell: its column header when that is a calendar date ("12/03/2019"), or a day of the
    admission once the story has dated it ("On admission", "Day 7": day 1 is the day of admission); any other
    header is kept as written, unplaced."""
    column = m.attrs.get("column")
    if not column:
        return TimeRef()
    day = _COLUMN_DAY.fullmatch(str(column).strip())
    if day is not None and admission is not None and admission.known:
        n = 1 if day.group("adm") else int(day.group("n"))
        return days_after(admission, max(n - 1, 0), str(column), anchor="admission")
    placed = _column_interval(str(column))
    if placed is None:
        return TimeRef(text=str(column))
    lo, hi, point, prec = placed
    return TimeRef(earliest=lo, latest=hi, point=point, precision=prec, derivation="stated", text=str(column))


@cache
def _column_interval(column: str) -> tuple[str, str, str | None, str] | None:
    """A column header's calendar interval, read once per distinct header (a table repeats it per row)."""
    for tx in find_timexes(column):
        if tx.type == "date" and tx.attrs.get("kind") == "absolute":
            try:
                return resolve(tx, str(tx.attrs.get("value")))
            except (ValueError, TypeError, KeyError, OverflowError):
                return None
    return None
