"""The one domain model every stage reads and writes: a `Course` and its parts.

Shaped after FHIR (one resource, one meaning): a fact is a Patient, Condition, Finding,
LabResult, Exposure (with dose segments) or Event. Every fact carries a `TimeRef` (a calendar
interval or an offset from the story's day 0, with its precision and how it was derived), a
`Provenance` (the character spans it came from and the rule that made it) and an `Assertion`.
"""
from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "casecourse-course/1"


class Assertion(str, Enum):
    present = "present"
    negated = "negated"
    suspected = "suspected"
    historical = "historical"
    hypothetical = "hypothetical"
    family = "family"
    ruled_out = "ruled_out"


Precision = Literal["day", "month", "season", "year", "decade", "unknown"]
Derivation = Literal["stated", "relative", "estimated", "carried", "unknown"]
# the text of a start the story places only before its admission ("a man treated with azathioprine was admitted"):
# no date is invented, and the rules know it precedes the episode
BEFORE_ADMISSION = "before admission"


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid")


_M = TypeVar("_M", bound=_Base)


def construct_all(cls: type[_M], **values: object) -> _M:
    """`cls.model_construct(**values)` (no validation: the caller built the values) when `values` sets every field
    of a plain model: the same object without pydantic's generic per-field loop (the assembly builds a provenance
    and its spans for every fact)."""
    names = _plain_fields(cls)
    if names is None or len(values) != len(names):
        return cls.model_construct(**values)
    try:
        fields = {name: values[name] for name in names}  # in the declared order
    except KeyError:  # as many values, not the same names
        return cls.model_construct(**values)
    m = _new(cls)
    _setattr(m, "__dict__", fields)
    _setattr(m, "__pydantic_fields_set__", set(names))
    _setattr(m, "__pydantic_extra__", None)  # _Base forbids extra fields
    _setattr(m, "__pydantic_private__", None)
    return m


@cache
def _plain_fields(cls: type[BaseModel]) -> tuple[str, ...] | None:
    """The field names of `cls` in declaration order, None for a model with a post-init hook (`construct_all` leaves
    it to pydantic): read once per class, not on every call."""
    return None if cls.__pydantic_post_init__ else tuple(cls.model_fields)


class SourceSpan(_Base):
    start: int = Field(description="character offset in the source text (inclusive)")
    end: int = Field(description="character offset in the source text (exclusive)")
    text: str


class Provenance(_Base):
    spans: list[SourceSpan] = Field(default_factory=list)
    rule: str = Field(description="the component or rule that produced the fact")
    sentence: SourceSpan | None = None


class TimeRef(_Base):
    """When a fact holds: a calendar interval and/or an offset in days from the story's day 0.

    `earliest`/`latest` are ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) bounding the interval the text
    allows; `point` is the best single estimate. Without any calendar date in the story only
    `offset_days` is filled and calendar fields stay empty: no date is ever invented.
    """

    earliest: str | None = None
    latest: str | None = None
    point: str | None = None
    precision: Precision = "unknown"
    derivation: Derivation = "unknown"
    anchor: str | None = Field(None, description="id of the fact or time this one is relative to")
    offset_days: tuple[float, float] | None = Field(
        None, description="[min, max] days from the story's day 0 (presentation/admission)")
    text: str | None = Field(None, description="the time expression as written")

    @property
    def known(self) -> bool:
        return bool(self.point or self.earliest or self.offset_days)


class Fact(_Base):
    id: str
    assertion: Assertion = Assertion.present
    time: TimeRef = Field(default_factory=TimeRef)
    provenance: Provenance


class Coding(_Base):
    system: str
    code: str
    display: str | None = None


class Patient(_Base):
    id: str = "patient"
    sex: Literal["male", "female", "other", "unknown"] = "unknown"
    age_years: float | None = None
    age_at: TimeRef | None = None
    birth_year: tuple[int, int] | None = Field(None, description="[earliest, latest] birth year implied")
    provenance: Provenance | None = None


class Condition(Fact):
    """A diagnosis. `status` follows FHIR Condition.verificationStatus."""

    name: str
    text: str | None = Field(None, description="the condition as the text names it, where `name` is a label")
    codings: list[Coding] = Field(default_factory=list)
    status: Literal["confirmed", "provisional", "differential", "unconfirmed", "refuted"] = "confirmed"
    grade: str | None = Field(None, description="the grade written with it ('grade 3', 'grade II')")
    stage: str | None = Field(None, description="the stage written with it ('stage IIIB', 'pT2N0')")


class Finding(Fact):
    """A sign or symptom, coded to HPO where possible."""

    name: str
    codings: list[Coding] = Field(default_factory=list)
    grade: str | None = Field(None, description="the grade written with it ('grade 3 neutropenia')")
    stage: str | None = Field(None, description="the stage written with it ('stage 2 pressure ulcer')")


class LabResult(Fact):
    """A laboratory result: a value with its unit as written, or a qualitative interpretation."""

    test: str
    test_text: str | None = Field(None, description="the test's name as the text writes it, where known")
    display: str | None = Field(None, description="`test` in its usual written case ('anti-RNP antibodies', 'C3'), "
                                "where that differs from the catalogue's lower-case key")
    codings: list[Coding] = Field(default_factory=list)
    value: float | None = None
    value_high: float | None = Field(None, description="upper bound where a range was written")
    comparator: Literal["<", "<=", ">", ">="] | None = None
    unit: str | None = Field(None, description="unit exactly as written")
    ucum: str | None = None
    value_si: float | None = None
    unit_si: str | None = None
    interpretation: Literal["H", "L", "N", "POS", "NEG", "A"] | None = None
    grade: str | None = Field(None, description="a semi-quantitative result as written ('2+' on a dipstick): no "
                                                "value or unit of its own")
    diastolic: float | None = Field(None, description="a blood pressure's diastolic value ('120/80'); value: systolic")
    organism: str | None = Field(None, description="what a culture grew, as written ('Staphylococcus aureus', "
                                 "'MRSA'): one result per organism")
    implausible: str | None = Field(
        None, description="why the value as written lies outside the test's physiological range (casecourse/"
        "plausibility.py); value, unit and SI value stay as written, and the clinical rules read no evidence from it")


class Dose(_Base):
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    unit_text: str | None = Field(None, description="the unit as written where it differs from `unit` ('gm')")
    per: Literal["kg", "m2"] | None = Field(None, description="dose per body weight or surface")
    text: str | None = None
    parts: list[Dose] | None = Field(
        None, description="a day's dose split over the day, each part as written ('500 mg in the morning and 250 mg "
        "in the evening'); `value` is then the day's total and the segment's timing once per day")


class Timing(_Base):
    frequency: int | None = None
    period: float | None = None
    period_unit: Literal["s", "min", "h", "d", "wk", "mo", "a"] | None = None
    text: str | None = None


# days in one Timing.period_unit (a month is a twelfth of the Julian year)
PERIOD_DAYS: dict[str, float] = {"s": 1 / 86400, "min": 1 / 1440, "h": 1 / 24, "d": 1.0, "wk": 7.0, "mo": 30.4375,
                                 "a": 365.25}


class DoseSegment(_Base):
    """A stretch of an exposure at one dose."""

    dose: Dose | None = None
    equivalent: Dose | None = Field(None, description="the same dose restated in other units: '840 mg (500 mg/m2)'")
    timing: Timing | None = None
    route: str | None = None
    start: TimeRef = Field(default_factory=TimeRef)
    end: TimeRef | None = None
    length_days: float | None = Field(
        None, description="the stated length of the stretch ('1 g daily for 3 days', 'three pulses'), in days")
    provenance: Provenance | None = None


class Exposure(Fact):
    """A continuous course of one drug: started, possibly changed dose, possibly stopped."""

    drug: str
    codings: list[Coding] = Field(default_factory=list)
    drug_class: str | None = None
    route: str | None = None
    segments: list[DoseSegment] = Field(default_factory=list)
    end: TimeRef | None = None
    status: Literal["active", "completed", "stopped", "not-taken", "unknown"] = "unknown"
    start_reason: str | None = None
    stop_reason: str | None = None
    regimen: str | None = Field(None, description="named protocol the drug was given under")


class Procedure(Fact):
    """A therapeutic procedure: an operation, organ support, an extracorporeal treatment, a transfusion, a
    transplantation, radiotherapy (reading/procedures.py). `time` is when it was done or started; `end` where the text
    gives its length or end. `status` follows FHIR Procedure.status: `not-done` for a negated one, `preparation` for one
    only planned or considered."""

    name: str
    text: str | None = Field(None, description="the procedure as the text names it")
    codings: list[Coding] = Field(default_factory=list)
    category: str | None = Field(None, description="dialysis, ventilation, surgery, transfusion ... (procedures.csv)")
    end: TimeRef | None = None
    sessions: int | None = Field(None, description="how many sessions, cycles or units the text states")
    sessions_unit: str | None = Field(None, description="what `sessions` counts: session, cycle, unit, fraction ...")
    reason: str | None = Field(None, description="what the text says it was done for")
    status: Literal["completed", "in-progress", "not-done", "preparation", "unknown"] = "completed"


class StatedScore(Fact):
    """A clinical score the text states with its value ("SLEDAI-2K of 18", "Child-Pugh class C"; reading/scores.py,
    knowledge/stated_scores.csv). The value is as written and within the score's valid range; where a casecourse rule
    computes the same score (`rule`), the report shows both, neither replacing the other."""

    name: str
    text: str | None = Field(None, description="the score and its value as written")
    codings: list[Coding] = Field(default_factory=list)
    value: float | None = None
    value_text: str | None = Field(None, description="the value as written ('18', '8/15', 'C')")
    score_class: str | None = Field(None, description="the class the text states ('C' in 'Child-Pugh class C')")
    valid_range: tuple[float, float] | None = None
    rule: str | None = Field(None, description="the casecourse rule computing the same score (rules/), if any")


EventType = Literal["presentation", "admission", "discharge", "readmission", "relapse", "flare",
                    "remission", "death", "follow_up", "diagnosis", "progression", "recovery", "improvement",
                    "sequela"]


class Event(Fact):
    """An episode of the story. recovery: a problem gone; improvement: better, not said to be gone; sequela: what
    is still present at the end (knowledge/event_cues.csv)."""

    type: EventType
    trigger: str | None = Field(None, description="what the text says triggered it")
    detail: str | None = Field(None, description="as written: a death's cause, a discharge's destination or "
                               "condition, what recovered, improved or remains, a follow-up's state")


class Mention(_Base):
    """A typed span the reader found, kept even when it is not a fact about the patient."""

    type: str
    start: int
    end: int
    text: str
    norm: str | None = None
    zone: str = "narrative"
    assertion: Assertion = Assertion.present
    attrs: dict[str, str | float | int | bool | None] = Field(default_factory=dict)

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: object) -> Mention:
        """pydantic's `model_construct` (no validation: the caller built the values), without its generic
        per-field loop: the reader builds hundreds of mentions per document. The same object: the fields in
        declaration order, the defaults filled in, the names given as the fields set."""
        if cls is not Mention or _fields_set is not None or not values.keys() <= _MENTION_FIELDS \
                or not values.keys() >= _MENTION_REQUIRED:
            return super().model_construct(_fields_set, **values)
        m = _new(cls)
        _setattr(m, "__dict__", {
            "type": values["type"], "start": values["start"], "end": values["end"], "text": values["text"],
            "norm": values.get("norm"), "zone": values.get("zone", "narrative"),
            "assertion": values.get("assertion", Assertion.present),
            "attrs": values["attrs"] if "attrs" in values else {}})
        _setattr(m, "__pydantic_fields_set__", set(values))
        _setattr(m, "__pydantic_extra__", None)
        _setattr(m, "__pydantic_private__", None)
        return m


_new = object.__new__
_setattr = object.__setattr__
_MENTION_REQUIRED = frozenset({"type", "start", "end", "text"})
_MENTION_FIELDS = frozenset(Mention.model_fields)
assert list(Mention.model_fields) == ["type", "start", "end", "text", "norm", "zone", "assertion", "attrs"], \
    "Mention.model_construct spells out the fields: keep it in step"


class AssessmentItem(_Base):
    name: str
    value: bool | None = Field(None, description="true / false / null = unknown")
    points: tuple[float, float] | None = None
    detail: str | None = None
    facts: list[str] = Field(default_factory=list)


class Assessment(_Base):
    rule: str
    at: str | None = Field(None, description="episode id or date the assessment applies to")
    status: Literal["met", "not met", "undetermined", "not applicable", "computed"]
    score: dict[str, float] | None = None
    items: list[AssessmentItem] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    data: dict = Field(default_factory=dict)


class Source(_Base):
    name: str
    sha256: str
    chars: int
    encoding: str
    format: str | None = Field(None, description="a structured input's format (jats-xml, bioc-xml, bioc-json), whose "
                               "narrative text the spans point into; absent for plain text")


class Course(_Base):
    schema_version: str = SCHEMA_VERSION
    generator: str
    source: Source | None = None
    text: str | None = Field(None, description="the source text the spans point into")
    anchor: TimeRef | None = Field(None, description="day 0 of the story")
    patient: Patient = Field(default_factory=Patient)
    conditions: list[Condition] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    labs: list[LabResult] = Field(default_factory=list)
    exposures: list[Exposure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    procedures: list[Procedure] = Field(default_factory=list)
    scores: list[StatedScore] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)

    def facts(self) -> list[Fact]:
        return [*self.conditions, *self.findings, *self.labs, *self.exposures, *self.events, *self.scores]


def set_field(model: BaseModel, name: str, value: object) -> None:
    """`model.name = value` as pydantic does it for a plain field (no validation on assignment here: the
    value goes into the instance's dict and the name into its fields set), without its `__setattr__`
    dispatch; the reader sets a zone or an assertion on every mention of a document."""
    model.__dict__[name] = value
    model.__pydantic_fields_set__.add(name)
