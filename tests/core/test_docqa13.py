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
