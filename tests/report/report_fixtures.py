"""Hand-built fictional courses for the report tests (independent of the reader).

The stories are invented for these tests; offsets are computed from the text so spans are exact.
"""
from __future__ import annotations

from casecourse.model import (
    Assertion,
    Assessment,
    AssessmentItem,
    Condition,
    Course,
    Dose,
    DoseSegment,
    Event,
    Exposure,
    Finding,
    LabResult,
    Patient,
    Provenance,
    SourceSpan,
    TimeRef,
    Timing,
)

STORY = (
    "A 34-year-old woman presented in March 2019 with fever, arthralgia and a malar rash. "
    "Antinuclear antibodies were positive. "
    "Systemic lupus erythematosus was diagnosed and she started hydroxychloroquine 200 mg twice daily "
    "and prednisolone 30 mg daily. "
    "Prednisolone was tapered to 10 mg daily in June 2019. "
    "In early 2020 she was admitted with persistent fever; ferritin was 8200 ng/mL and LDH 720 U/L. "
    "Macrophage activation syndrome was suspected. "
    "She received methylprednisolone 500 mg daily for three days and anakinra 100 mg daily was started. "
    "Ferritin fell to 950 ng/mL a month later. "
    "Azathioprine 100 mg daily was started in April 2020 but stopped after two months because of "
    "pancytopenia. "
    "There was no renal involvement. "
    "In late 2021 she relapsed and was admitted again; belimumab 200 mg weekly was added. "
    "At last follow-up in May 2023 she remained well on prednisolone 5 mg daily."
)

DAY_STORY = (
    "On admission (day 0) a 61-year-old man had fever and splenomegaly. "
    "Dexamethasone 10 mg daily was started on day 2. "
    "Ferritin was 12000 ng/mL on day 1 and 3100 ng/mL on day 9. "
    "Etoposide 150 mg weekly was given from day 3 to day 17. "
    "He was discharged on day 21."
)


def prov(text: str, phrase: str, nth: int = 0, rule: str = "fixture") -> Provenance:
    """Provenance of the nth occurrence of `phrase`, with its sentence."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(". ", end)
    s1 = len(text) if s1 < 0 else s1 + 1
    return Provenance(spans=[SourceSpan(start=start, end=end, text=phrase)], rule=rule,
                      sentence=SourceSpan(start=s0, end=s1, text=text[s0:s1]))


def month(m: str, derivation: str = "stated", **kw) -> TimeRef:
    return TimeRef(point=m, earliest=m, latest=m, precision="month", derivation=derivation, **kw)


def between(a: str, b: str) -> TimeRef:
    return TimeRef(earliest=a, latest=b, precision="month", derivation="estimated")


def daily(mg: float) -> tuple[Dose, Timing]:
    return Dose(value=mg, unit="mg"), Timing(frequency=1, period=1, period_unit="d")


def seg(text: str, phrase: str, mg: float, start: TimeRef, end: TimeRef | None = None,
        weekly: bool = False, nth: int = 0) -> DoseSegment:
    dose, timing = daily(mg)
    if weekly:
        timing = Timing(frequency=1, period=1, period_unit="wk")
    return DoseSegment(dose=dose, timing=timing, start=start, end=end, provenance=prov(text, phrase, nth))


def build_course() -> Course:
    t = STORY
    return Course(
        generator="test-fixture", text=t, anchor=month("2019-03"),
        patient=Patient(sex="female", age_years=34, provenance=prov(t, "34-year-old woman")),
        conditions=[
            Condition(id="c1", name="systemic lupus erythematosus", time=month("2019-03"),
                      provenance=prov(t, "Systemic lupus erythematosus")),
            Condition(id="c2", name="macrophage activation syndrome", status="provisional",
                      assertion=Assertion.suspected, time=between("2020-01", "2020-04"),
                      provenance=prov(t, "Macrophage activation syndrome")),
            Condition(id="c3", name="lupus nephritis", status="refuted", assertion=Assertion.negated,
                      time=month("2020-04"), provenance=prov(t, "renal involvement")),
        ],
        findings=[
            Finding(id="f1", name="fever", time=month("2019-03"), provenance=prov(t, "fever")),
            Finding(id="f2", name="arthralgia", time=month("2019-03"), provenance=prov(t, "arthralgia")),
            Finding(id="f3", name="malar rash", time=month("2019-03"), provenance=prov(t, "malar rash")),
            Finding(id="f4", name="pancytopenia", time=between("2020-05", "2020-07"),
                    provenance=prov(t, "pancytopenia")),
        ],
        labs=[
            LabResult(id="l1", test="antinuclear antibodies", interpretation="POS", time=month("2019-03"),
                      provenance=prov(t, "Antinuclear antibodies were positive")),
            LabResult(id="l2", test="ferritin", value=8200, unit="ng/mL", time=between("2020-01", "2020-04"),
                      provenance=prov(t, "ferritin was 8200 ng/mL")),
            LabResult(id="l3", test="lactate dehydrogenase", value=720, unit="U/L",
                      time=between("2020-01", "2020-04"), provenance=prov(t, "LDH 720 U/L")),
            LabResult(id="l4", test="ferritin", value=950, unit="ng/mL", time=between("2020-02", "2020-05"),
                      provenance=prov(t, "Ferritin fell to 950 ng/mL")),
        ],
        exposures=[
            Exposure(id="e1", drug="hydroxychloroquine", drug_class="antimalarial", status="active",
                     time=month("2019-03"), provenance=prov(t, "hydroxychloroquine"),
                     segments=[DoseSegment(dose=Dose(value=200, unit="mg"),
                                           timing=Timing(frequency=2, period=1, period_unit="d"),
                                           start=month("2019-03"),
                                           provenance=prov(t, "hydroxychloroquine 200 mg twice daily"))]),
            Exposure(id="e2", drug="prednisolone", route="oral", status="active", time=month("2019-03"),
                     provenance=prov(t, "prednisolone"),
                     segments=[seg(t, "prednisolone 30 mg daily", 30, month("2019-03")),
                               seg(t, "tapered to 10 mg daily", 10, month("2019-06")),
                               seg(t, "prednisolone 5 mg daily", 5, between("2021-10", "2023-05"))]),
            Exposure(id="e3", drug="methylprednisolone", route="intravenous", status="completed",
                     time=between("2020-01", "2020-04"), provenance=prov(t, "methylprednisolone"),
                     segments=[seg(t, "methylprednisolone 500 mg daily", 500, between("2020-01", "2020-04"),
                                   between("2020-01", "2020-04"))]),
            Exposure(id="e4", drug="anakinra", route="subcutaneous", status="unknown",
                     time=between("2020-01", "2020-04"), provenance=prov(t, "anakinra"),
                     segments=[seg(t, "anakinra 100 mg daily", 100, between("2020-01", "2020-04"))]),
            Exposure(id="e5", drug="azathioprine", status="stopped", stop_reason="pancytopenia",
                     time=month("2020-04"), end=between("2020-05", "2020-07"),
                     provenance=prov(t, "Azathioprine"),
                     segments=[seg(t, "Azathioprine 100 mg daily", 100, month("2020-04"))]),
            Exposure(id="e6", drug="belimumab", route="intravenous", status="active",
                     time=between("2021-09", "2021-12"), provenance=prov(t, "belimumab"),
                     segments=[seg(t, "belimumab 200 mg weekly", 200, between("2021-09", "2021-12"),
                                   weekly=True)]),
        ],
        events=[
            Event(id="ev1", type="presentation", time=month("2019-03"), provenance=prov(t, "presented")),
            Event(id="ev2", type="admission", time=between("2020-01", "2020-04"),
                  provenance=prov(t, "admitted")),
            Event(id="ev3", type="relapse", time=between("2021-09", "2021-12"),
                  provenance=prov(t, "relapsed")),
            Event(id="ev4", type="admission", time=between("2021-09", "2021-12"),
                  provenance=prov(t, "admitted again")),
            Event(id="ev5", type="follow_up", time=month("2023-05"), provenance=prov(t, "last follow-up")),
        ],
        assessments=[
            Assessment(rule="hscore", at="ev2", status="computed", score={"min": 169, "max": 230},
                       unknown=["bone marrow haemophagocytosis"],
                       items=[AssessmentItem(name="ferritin", value=True, facts=["l2"])]),
            Assessment(rule="lldas", at="2023-05", status="met"),
        ],
    )


def build_day_course() -> Course:
    t = DAY_STORY
    day = lambda a, b=None: TimeRef(offset_days=(a, a if b is None else b), derivation="relative")  # noqa: E731
    return Course(
        generator="test-fixture", text=t, anchor=TimeRef(offset_days=(0, 0), text="admission"),
        patient=Patient(sex="male", age_years=61),
        findings=[Finding(id="f1", name="splenomegaly", time=day(0), provenance=prov(t, "splenomegaly"))],
        labs=[LabResult(id="l1", test="ferritin", value=12000, unit="ng/mL", time=day(1),
                        provenance=prov(t, "12000 ng/mL")),
              LabResult(id="l2", test="ferritin", value=3100, unit="ng/mL", time=day(9),
                        provenance=prov(t, "3100 ng/mL"))],
        exposures=[
            Exposure(id="e1", drug="dexamethasone", status="active", time=day(2),
                     provenance=prov(t, "Dexamethasone"),
                     segments=[seg(t, "Dexamethasone 10 mg daily", 10, day(2))]),
            Exposure(id="e2", drug="etoposide", status="completed", time=day(3), end=day(17),
                     provenance=prov(t, "Etoposide"),
                     segments=[seg(t, "Etoposide 150 mg weekly", 150, day(3), day(17), weekly=True)]),
        ],
        events=[Event(id="ev1", type="admission", time=day(0), provenance=prov(t, "On admission")),
                Event(id="ev2", type="discharge", time=day(21), provenance=prov(t, "discharged"))],
    )
