"""Courses of a drug class told without its agent: "treated with steroids", "antibiotics were started"."""

from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.model import Course


def drugs(course: Course) -> dict[str, list]:
    out: dict[str, list] = {}
    for x in course.exposures:
        out.setdefault(x.drug, []).append(x)
    return out


@pytest.mark.parametrize(("text", "name", "klass", "atc"), [
    ("A 40-year-old woman with lupus was treated with intravenous steroids for the flare.",
     "glucocorticoid (agent not stated)", "glucocorticoid", "H02AB"),
    ("On admission broad-spectrum antibiotics were started for presumed sepsis.",
     "antibacterial (agent not stated)", "antibacterial", "J01"),
    ("His blood pressure fell further and he required vasopressors in the intensive care unit.",
     "vasopressor (agent not stated)", "vasopressor", "C01CA"),
    ("The infant needed inotropic support after the repair.", "inotrope (agent not stated)", "inotrope", "C01C"),
    ("Oesophageal candidiasis was treated with antifungal medication.",
     "antifungal (agent not stated)", "antifungal", "J02"),
    ("He was given empirical broad-spectrum antibiotics in the emergency department.",
     "antibacterial (agent not stated)", "antibacterial", "J01"),
    ("Despite fluids she required escalating doses of vasopressors.", "vasopressor (agent not stated)", "vasopressor",
     "C01CA"),
    ("He had been treated with a statin for hyperlipidaemia.", "statin (agent not stated)", "statin", "C10AA"),
])
def test_a_class_given_without_its_agent_is_a_course_of_the_class(text, name, klass, atc):
    x = drugs(analyze_text(text))[name][0]
    assert x.drug_class == klass
    assert [(c.system, c.code) for c in x.codings] == [("http://www.whocc.no/atc", atc)]
    assert x.status != "not-taken"


def test_the_route_written_with_the_class_is_kept():
    x = drugs(analyze_text("She was treated with intravenous steroids for three days."))[
        "glucocorticoid (agent not stated)"][0]
    assert x.route == "intravenous"


@pytest.mark.parametrize("text", [
    "She was started on steroids (prednisolone 1 mg/kg daily) for the nephritis.",
    "Antibiotics, including ceftriaxone and metronidazole, were given.",
    "She was started on steroids for the flare. Prednisolone 60 mg daily was given.",
    "He had taken prednisone 10 mg daily for years. The steroids were increased during the flare.",
])
def test_a_class_word_that_speaks_of_a_named_member_is_no_course_of_its_own(text):
    names = set(drugs(analyze_text(text)))
    assert not any("agent not stated" in n for n in names), names
    assert names & {"prednisolone", "ceftriaxone", "prednisone"}


@pytest.mark.parametrize("text", [
    "The rash was steroid-responsive and he remained well.",
    "There was no antibiotic resistance in the isolate.",
    "Her blood pressure recovered without administration of vasoactive drugs.",
    "No antifungal prophylaxis was administered after the transplant.",
    "Side effects of steroids were discussed with the family.",
])
def test_a_class_word_that_tells_no_treatment_makes_no_course(text):
    assert not any("agent not stated" in x.drug for x in analyze_text(text).exposures)


def test_a_class_course_stops_when_the_class_is_switched_to_a_named_agent():
    c = analyze_text("Broad-spectrum antibiotics were started on admission. On day 3 cultures grew Escherichia "
                     "coli and antibiotics were switched to ceftriaxone.")
    d = drugs(c)
    assert d["antibacterial (agent not stated)"][0].status == "stopped"
    assert d["ceftriaxone"][0].status != "stopped"


def test_a_list_dose_belongs_to_the_next_item_not_to_the_class():
    d = drugs(analyze_text("He was treated with high-dose valacyclovir, broad-spectrum antibiotics, and 2 g/kg "
                           "intravenous immunoglobulin."))
    assert "antibacterial (agent not stated)" in d
    assert all(s.dose is None for s in d["antibacterial (agent not stated)"][0].segments)
    ivig = d["intravenous immunoglobulin"][0].segments[0].dose
    assert ivig is not None and (ivig.value, ivig.unit, ivig.per) == (2.0, "g", "kg")


def test_a_class_course_with_its_dose_keeps_it():
    x = drugs(analyze_text("We gave steroid pulse therapy (1000 mg daily for 3 days)."))[
        "glucocorticoid (agent not stated)"][0]
    assert x.segments[0].dose is not None and x.segments[0].dose.value == 1000.0
    assert x.segments[0].length_days == 3.0


def test_a_regimen_not_given_does_not_undo_the_class_course_given():
    x = drugs(analyze_text("She was treated with antibiotics and steroids; however, a high-dose steroid regimen "
                           "was not administered."))["glucocorticoid (agent not stated)"][0]
    assert x.status != "not-taken"


def test_steroids_of_unknown_agent_count_as_glucocorticoid_exposure_of_unknown_dose():
    c = analyze_text("A 30-year-old woman with systemic lupus erythematosus had been on oral steroids for a year. "
                     "At review in clinic she was well.")
    lldas = next(a for a in c.assessments if a.rule == "lldas")
    item = next(i for i in lldas.items if i.name.startswith("prednisolone-equivalent"))
    assert item.value is None and "0-?" in item.detail


@pytest.mark.parametrize(("text", "taken", "not_taken"), [
    ("He was not on prednisone or methotrexate at the time.", set(), {"prednisone", "methotrexate"}),
    ("She was on hydroxychloroquine but not on azathioprine.", {"hydroxychloroquine"}, {"azathioprine"}),
    ("He had not been on warfarin before the bleed.", set(), {"warfarin"}),
])
def test_a_drug_the_patient_was_not_on_is_not_taken(text, taken, not_taken):
    status = {x.drug: x.status for x in analyze_text(text).exposures}
    assert {d for d, s in status.items() if s == "not-taken"} == not_taken
    assert {d for d, s in status.items() if s != "not-taken"} == taken


def test_a_class_the_patient_was_not_on_is_no_course_taken():
    c = analyze_text("He was not on steroids or other immunosuppressive drugs. His blood pressure held without an "
                     "inotrope.")
    assert all(x.status == "not-taken" for x in c.exposures)


@pytest.mark.parametrize("text", [
    "Her pressure was borderline low, but she never required vasopressor support.",
    "No preoperative antibiotics were administered.",
    "Fentanyl was given to blunt the pressor response to laryngoscopy.",
    "Antibiotic susceptibility testing was performed on the isolate.",
])
def test_a_class_never_given_or_named_as_a_property_makes_no_course_taken(text):
    assert all(x.status == "not-taken" for x in analyze_text(text).exposures if "agent not stated" in x.drug)


def test_no_improvement_despite_a_class_still_tells_it_was_given():
    c = analyze_text("There was no improvement despite intravenous antibiotics.")
    assert any(x.drug == "antibacterial (agent not stated)" and x.status != "not-taken" for x in c.exposures)


def test_a_class_tapered_off_over_a_length_stops_its_member_when_that_length_is_over():
    c = analyze_text("He was treated with prednisolone 60 mg daily in May 2020. His symptoms resolved and steroids "
                     "were tapered off over eight weeks.")
    pred = drugs(c)["prednisolone"][0]
    assert pred.status == "stopped" and pred.end.point == "2020-06"
