"""Left by docqa16 (left16): what round docqa16 left on the three long courses of `documents_docqa15/`. Each rule is
of general clinical language, tested with our own sentences; each test fails on the base `c6ade5f` unless marked as
a guard."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.report.provenance import lab_label


def _one(text: str, drug: str):  # noqa: ANN202 - an Exposure
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


# --- a treatment that lost its effect: stopped for inefficacy ---

_LOST = ("A 50-year-old man has psoriatic arthritis. Infliximab was started in 2012. It kept his arthritis quiet for "
         "three years, then lost its effect, and he was switched to golimumab in 2015. Golimumab became ineffective "
         "and was stopped in 2018. Certolizumab was started in 2018 but stopped working and was discontinued in 2020.")


def test_lost_its_effect_before_a_switch_is_the_switched_drugs_inefficacy() -> None:
    assert _one(_LOST, "infliximab").stop_reason == "inefficacy"


def test_became_ineffective_and_stopped_working_are_inefficacy() -> None:
    assert _one(_LOST, "golimumab").stop_reason == "inefficacy"
    assert _one(_LOST, "certolizumab").stop_reason == "inefficacy"


def test_loss_of_response_as_a_stated_reason_is_inefficacy() -> None:
    text = ("A 40-year-old woman with Crohn disease. Adalimumab was started in 2016 and stopped in 2019 due to loss "
            "of response.")
    assert _one(text, "adalimumab").stop_reason == "inefficacy"


# --- a drug the text plans: intended, never taken ---

_PLANNED = ("A 60-year-old woman with rheumatoid arthritis was seen in clinic. Methotrexate was stopped because of "
            "nausea. She will be started on tocilizumab next month.\n\nPlan:\nRheumatology will start abatacept once "
            "the rash has healed.\n")


def test_a_drug_to_be_started_is_intended_not_taken() -> None:
    for drug in ("tocilizumab", "abatacept"):
        e = _one(_PLANNED, drug)
        assert e.status == "not-taken" and e.assertion.value == "hypothetical"


def test_a_planned_drug_is_an_intended_medication_statement() -> None:
    bundle = bundle_dict(analyze_text(_PLANNED))
    statuses = {r["resource"]["medicationCodeableConcept"].get("text"): r["resource"]["status"]
                for r in bundle["entry"] if r["resource"]["resourceType"] == "MedicationStatement"}
    assert statuses.get("abatacept") == "intended"
    assert statuses.get("methotrexate") == "stopped"


def test_guard_a_drug_started_is_not_a_plan() -> None:
    text = "A 60-year-old woman with rheumatoid arthritis. Tocilizumab was started in March 2020."
    assert _one(text, "tocilizumab").status != "not-taken"


# --- a blood pressure shown with both its values ---

def test_a_blood_pressure_is_shown_systolic_over_diastolic() -> None:
    c = analyze_text("A 61-year-old woman was admitted with fever. Her blood pressure was 88/52 mmHg.")
    bp = next(lab for lab in c.labs if lab.test == "blood pressure")
    assert (bp.value, bp.diastolic) == (88.0, 52.0)
    assert "88/52" in lab_label(bp)


def test_guard_a_single_value_is_shown_alone() -> None:
    # guard (passes on the base too): a result without a diastolic value keeps its one value
    c = analyze_text("A 61-year-old woman was admitted with fever. Her creatinine was 1.9 mg/dL.")
    assert lab_label(next(lab for lab in c.labs if lab.test == "creatinine")) == "creatinine 1.9 mg/dL"


# --- a switch stops the course of the new drug's own class, not another of its class group ---

_SWITCH = ("A 58-year-old woman has rheumatoid arthritis diagnosed in 2014. Leflunomide 20 mg daily was started in "
           "2014.\n\nEtanercept 50 mg weekly was added in 2016. It controlled her disease well for two years, then "
           "lost its effect, and she was switched to adalimumab.")


def test_a_switch_stops_the_course_of_its_own_class_not_another_of_its_group() -> None:
    assert _one(_SWITCH, "etanercept").status == "stopped"
    lef = _one(_SWITCH, "leflunomide")
    assert lef.status != "stopped" and lef.end is None


def test_guard_a_switch_with_no_course_of_its_class_stops_the_groups() -> None:
    # guard (passes on the base too): no course of the new drug's class running, the group's running course stops
    text = ("A 70-year-old man was admitted with pneumonia. He was started on ceftriaxone. Blood cultures grew "
            "MRSA. On day 3 he was switched to vancomycin.")
    assert _one(text, "ceftriaxone").status == "stopped"


# --- blood products given are transfusions ---

def _procedures(text: str) -> list[str]:
    return sorted(p.name for p in analyze_text(text).procedures)


def test_blood_products_given_are_their_transfusions() -> None:
    names = _procedures("A 45-year-old woman bled after surgery. She received fresh frozen plasma and "
                        "cryoprecipitate, and two units of packed red blood cells were transfused.")
    assert {"plasma transfusion", "cryoprecipitate transfusion", "red cell transfusion"} <= set(names)


def test_guard_a_blood_product_not_needed_or_an_exchanges_fluid_is_no_transfusion() -> None:
    # guard (passes on the base, which reads no product; fails here without `_product_not_given`)
    names = _procedures("A 45-year-old woman was admitted. Transfusion of cryoprecipitate was not necessary. "
                        "Fresh frozen plasma was used as the replacement fluid of four sessions of plasmapheresis.")
    assert "cryoprecipitate transfusion" not in names and "plasma transfusion" not in names


def test_guard_a_blood_product_named_without_a_treatment_word_is_no_procedure() -> None:
    # guard (passes on the base too): the product only named, nothing given
    assert "plasma transfusion" not in _procedures("A 45-year-old woman. Fresh frozen plasma is stored frozen.")


# --- a procedure given along with the treatment of a range of dates begins with it ---

def test_a_procedure_along_with_a_ranges_treatment_begins_at_its_first_date() -> None:
    c = analyze_text("A 52-year-old man with ANCA vasculitis. He received intravenous cyclophosphamide, six pulses "
                     "between 03/03/2021 and 20/05/2021, together with five sessions of plasma exchange.")
    plex = next(p for p in c.procedures if p.name == "plasma exchange")
    assert plex.time.point == "2021-03-03" and plex.end is None


def test_guard_a_procedure_told_after_a_single_date_keeps_it() -> None:
    # guard (passes on the base too): one date, no range: the sentence's time
    c = analyze_text("A 52-year-old man with ANCA vasculitis. On 20/05/2021 he started plasma exchange.")
    assert next(p for p in c.procedures if p.name == "plasma exchange").time.point == "2021-05-20"
