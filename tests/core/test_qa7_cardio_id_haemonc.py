"""Clinical QA round 7: cardiology, infectious disease and haematology-oncology (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Source


def _course(text: str):
    return analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8"))


def _routes(text: str) -> dict[str, str | None]:
    return {e.drug: e.route for e in _course(text).exposures}


def test_a_route_before_a_comma_is_the_drug_before_it() -> None:
    routes = _routes("He was given aspirin 300 mg orally, ticagrelor 180 mg as a loading dose and heparin 5,000 units "
                     "intravenously.")
    assert routes["aspirin"] == "oral"
    assert routes["ticagrelor"] is None
    assert routes["heparin"] == "intravenous"


def test_a_route_that_qualifies_another_noun_after_and_is_not_the_drugs() -> None:
    routes = _routes("Before chemotherapy he received allopurinol 300 mg daily and intravenous hydration.")
    assert routes["allopurinol"] is None
    # but a route after the dose stays the drug's
    assert _routes("She received cefazolin 2 g intravenously and oral paracetamol.")["cefazolin"] == "intravenous"


def test_a_unitless_result_after_on_admission_is_the_tests() -> None:
    c = _course("A 70-year-old woman on warfarin was admitted with melaena. Her INR on admission was 5.6.")
    assert [x.value for x in c.labs if x.test == "international normalized ratio"] == [5.6]


def test_severity_extent_and_response_words_before_disease_name_no_diagnosis() -> None:
    c = _course("A 40-year-old man had Hodgkin lymphoma with bulky disease, Ann Arbor stage IIB disease. "
                "He met the criteria for severe disease.")
    names = {x.name for x in c.conditions}
    assert "hodgkin lymphoma" in names
    assert not {"bulky disease", "iib disease", "severe disease"} & names


def test_vitamin_k_given_as_a_dose_is_phytonadione_not_a_dose_of_warfarin() -> None:
    c = _course("Warfarin was stopped and the INR was reversed with vitamin K 5 mg intravenously.")
    by = {e.drug: e for e in c.exposures}
    assert "phytonadione" in by
    assert [s.dose.value for s in by["phytonadione"].segments if s.dose] == [5.0]
    assert not any(s.dose for s in by["warfarin"].segments)
    # a vitamin K antagonist is a class, never phytonadione
    assert "phytonadione" not in {e.drug for e in _course("She had taken a vitamin K antagonist for years.").exposures}
