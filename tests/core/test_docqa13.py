"""Clinical documents read as a clinician reads them, thirteenth round (docqa13): errors found on held-out case
reports, each fixed by a rule of general clinical language; each test an invented sentence that failed before its rule
(guards say so)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.zoning import sentence_zone

_OPEN = "A 58-year-old man was admitted with pneumonia. "


def _exposure(text: str, drug: str):  # noqa: ANN202 - an Exposure
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.assertion.value for c in analyze_text(text).conditions}


def _findings(text: str) -> dict[str, str]:
    return {f.name: f.assertion.value for f in analyze_text(text).findings}


# --- what a denied cause was to explain is there ---

def test_what_no_lesion_was_found_to_explain_is_present() -> None:
    text = _OPEN + "A head CT showed no bleed to explain his drowsiness."
    assert _findings(text)["drowsiness"] == "present"


def test_what_no_perforation_could_explain_is_present() -> None:
    text = _OPEN + "Laparotomy found no perforation that could explain the peritonitis."
    assert _conditions(text)["peritonitis"] == "present"


def test_guard_the_denied_cause_itself_stays_denied() -> None:
    # guard (passes on the base too): the cause denied is still denied
    text = _OPEN + "A head CT showed no mass to explain his drowsiness."
    assert _findings(text)["mass"] == "negated"


# --- a panel negative "including" the diseases it tests for denies them ---

def test_a_panel_negative_including_a_virus_denies_its_disease() -> None:
    text = _OPEN + "A respiratory viral panel was negative, including influenza A and B."
    assert _conditions(text).get("influenza") in (None, "negated")


# --- a cue inside brackets stays in them ---

def test_a_prevention_told_in_brackets_does_not_reach_the_drugs_after_them() -> None:
    text = _OPEN + ("He was started on isoniazid (with pyridoxine to prevent neuropathy), rifampicin, "
                    "pyrazinamide and ethambutol.")
    for drug in ("rifampin", "pyrazinamide", "ethambutol"):
        assert _exposure(text, drug).assertion.value == "present"


def test_a_denial_told_in_brackets_does_not_reach_the_findings_after_them() -> None:
    text = _OPEN + "She had a cough (without sputum), wheezing and a headache."
    assert _findings(text)["headache"] == "present"


def test_guard_a_denial_before_a_bracket_still_reaches_past_it() -> None:
    # guard (passes on the base too): "no fever (...), cough or rash" denies all three
    text = _OPEN + "She had no fever (checked twice daily), cough or rash."
    found = _findings(text)
    assert found["cough"] == "negated" and found["rash"] == "negated"


# --- the story's care backed by a reference number is the patient's ---

def test_a_treatment_given_per_a_cited_protocol_is_the_patients() -> None:
    assert sentence_zone("Remdesivir and dexamethasone were administered as per our unit protocol [12].",
                         "narrative") == "narrative"
    text = ("Case presentation\nA 58-year-old man was admitted with hypoxia. Remdesivir and dexamethasone were "
            "administered as per our unit protocol [12].\n")
    assert _exposure(text, "remdesivir").assertion.value == "present"


def test_a_diagnosis_confirmed_by_a_cited_method_is_the_patients() -> None:
    assert sentence_zone("Throat swabs confirmed measles by RT-PCR with a commercial kit [4].", "narrative") \
        == "narrative"


def test_guard_a_cited_sentence_of_others_work_stays_literature() -> None:
    # guard (passes on the base too): other cases, an edition's year, or no care verb keep the literature zone
    assert sentence_zone("Steroids were given in most reported cases [5].", "narrative") == "literature"
    assert sentence_zone("Susceptibility testing was performed according to 2019 EUCAST breakpoints [3].",
                         "narrative") == "literature"
    assert sentence_zone("Relapse occurs in a third of patients [6].", "narrative") == "literature"


# --- "free" blood or fluid is no denial of what stands before it ---

def test_free_pericardial_blood_does_not_deny_the_haematoma() -> None:
    text = _OPEN + "At surgery the aortic root carried a large hematoma and free pericardial blood."
    assert _findings(text)["hematoma"] == "present"


# --- a new clause of an examination's finding after a comma ends a denial ---

def test_an_examination_that_revealed_after_a_denial_is_its_own_clause() -> None:
    text = _OPEN + "He was drowsy but not oriented to place, chest exam revealed fine crackles, and abdominal exam " \
                   "showed tenderness."
    found = _findings(text)
    assert found["crackles"] == "present" and found["tenderness"] == "present"


# --- an assist device is no balloon pump; a transplantation it bridges to is still to come ---

def test_a_left_ventricular_assist_device_is_not_a_balloon_pump() -> None:
    text = _OPEN + "An intra-aortic balloon pump was inserted on day 1. On day 20 an LVAD was implanted."
    names = {p.name for p in analyze_text(text).procedures}
    assert "ventricular assist device" in names
    pump = next(p for p in analyze_text(text).procedures if p.name == "intra-aortic balloon pump")
    assert pump.end is None or pump.end.offset_days != (19.0, 19.0)


def test_a_transplantation_an_assist_device_bridges_to_is_not_done() -> None:
    text = _OPEN + "A HeartMate was implanted as a bridge to heart transplantation."
    tx = [p for p in analyze_text(text).procedures if "transplant" in p.name]
    assert tx and all(p.assertion.value != "present" for p in tx)


def test_a_transplantation_that_can_be_performed_later_is_not_done() -> None:
    text = _OPEN + "He moved abroad, where kidney transplantation can be performed at a later stage."
    tx = [p for p in analyze_text(text).procedures if "transplant" in p.name]
    assert tx and all(p.assertion.value != "present" for p in tx)


def test_guard_a_transplantation_performed_is_done() -> None:
    # guard (passes on the base too)
    text = _OPEN + "A kidney transplantation was performed on day 3."
    assert any(p.assertion.value == "present" for p in analyze_text(text).procedures if "transplant" in p.name)


# --- "ALK phosphate" is alkaline phosphatase ---

def test_alk_phosphate_is_alkaline_phosphatase() -> None:
    text = _OPEN + "Her ALK phosphate was 412 IU/L."
    assert [(x.test, x.value) for x in analyze_text(text).labs] == [("alkaline phosphatase", 412.0)]


# --- a look back in the past perfect after the presentation does not date the story ---

def test_a_year_told_in_the_past_perfect_does_not_date_the_presentation() -> None:
    text = ("A 70-year-old man presented with drowsiness. His history was of hypertension since 1995. He had "
            "stopped his amlodipine in 2012.\n\nOn arrival his sodium was 121 mmol/l.")
    course = analyze_text(text)
    sodium = next(x for x in course.labs if x.test == "sodium")
    assert sodium.time is None or sodium.time.point != "2012"


def test_a_drug_the_patient_chose_to_stop_taking_is_stopped() -> None:
    text = "A 70-year-old man presented with drowsiness. He had decided to stop taking amlodipine in 2012."
    x = _exposure(text, "amlodipine")
    assert x.status == "stopped" and x.end is not None and x.end.point == "2012"


# --- what a treatment risks has not happened ---

def test_what_a_treatment_risks_is_a_risk() -> None:
    text = _OPEN + "He was watched on the unit, as fast correction risks arrhythmia."
    assert _conditions(text)["arrhythmia"] != "present"


# --- a result word right before another person is that person's ---

def test_a_positive_test_of_a_contact_is_not_the_patients() -> None:
    text = _OPEN + "His brother, an influenza positive contact, had stayed with him."
    assert not [x for x in analyze_text(text).labs if x.interpretation == "POS"]


# --- a drug's prescription stopped stops the drug ---

def test_a_drugs_prescription_stopped_stops_it() -> None:
    text = _OPEN + "He was given paracetamol 1 g four times daily. On day 4 the paracetamol prescription was stopped."
    assert _exposure(text, "acetaminophen").status == "stopped"


# --- a day counted after the second or a revision surgery names no new operation ---

def test_a_day_after_the_second_surgery_is_no_new_operation() -> None:
    text = ("A 61-year-old woman underwent a hysterectomy. On day 2 she underwent a relaparotomy. She left the ICU on "
            "day 5 after the second surgery, and vasopressors were stopped on day 3 after revision surgery.")
    assert not [p for p in analyze_text(text).procedures if p.name == "surgery"]


# --- a support named first in the report's summary starts when the story starts it ---

def test_a_support_named_in_the_summary_starts_on_the_storys_day() -> None:
    text = ("Case presentation\nWe report a man with myocarditis who needed ECMO.\n\nA 40-year-old man was admitted "
            "with chest pain. On day 3 he was placed on ECMO.\n")
    ecmo = next(p for p in analyze_text(text).procedures if p.name == "ECMO")
    assert ecmo.time.offset_days == (2.0, 2.0)
