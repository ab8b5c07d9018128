"""Families of course errors found by consistency scans over case reports (invented sentences here)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text(text, assess=False)


def test_a_mothers_age_is_not_the_newborns():
    c = _course("A male infant was born at 34 weeks of gestation to a 31-year-old primigravida mother. "
                "He developed respiratory distress on day 2.")
    assert c.patient.age_years is None
    assert c.patient.sex == "male"
    assert "pregnancy" not in {x.name for x in c.conditions}


def test_the_age_of_the_woman_a_baby_was_born_to_is_not_the_babys():
    c = _course("A female infant weighing 3.1 kg was born at 39 weeks of gestation to a healthy 27-year-old woman. "
                "On day 3 she developed jaundice.")
    assert c.patient.age_years is None
    c = _course("A male infant was born at term. The mother is a 33-year-old G3P2 woman with asthma. He had a rash.")
    assert c.patient.age_years is None
    c = _course("A 30-year-old woman delivered a healthy boy at term. She developed a fever on day 2.")
    assert c.patient.age_years == 30.0


def test_a_brothers_age_is_not_the_patients():
    c = _course("A girl was seen after close contact with her 9-year-old brother who had a cough. "
                "She had a fever of 39 °C.")
    assert c.patient.age_years != 9.0
    assert c.patient.sex == "female"


def test_a_wife_does_not_make_the_patient_female():
    c = _course("An elderly patient was found confused at home by his wife. He was admitted with fever.")
    assert c.patient.sex == "male"


def test_the_patient_who_is_a_mother_keeps_her_age():
    c = _course("A 36-year-old mother of two presented with headache. She was admitted.")
    assert c.patient.age_years == 36.0
    assert c.patient.sex == "female"


def _deaths(text: str) -> list[str]:
    return [e.provenance.spans[0].text for e in _course(text).events if e.type == "death"]


def test_a_death_of_cells_or_of_a_fetus_is_not_the_patients():
    assert _deaths("A 30-year-old woman was admitted at 25 weeks of gestation after intrauterine fetal death. "
                   "The biopsy showed neuronal death. Tumour cells expressed programmed death-ligand 1.") == []


def test_a_feared_or_general_death_is_not_the_patients():
    assert _deaths("He was admitted with chest pain, expressed a fear of death and reported death wishes. "
                   "This infection can rapidly result in death. Three of the reported patients (20%) died.") == []


def test_the_patients_death_is_still_an_event():
    assert _deaths("He was admitted with sepsis. Despite treatment, he died on day 5.") == ["died"]
    assert _deaths("She was admitted with pneumonia, which progressed to septic shock and death.") == ["death"]


def _asserted(text: str) -> dict[str, str]:
    c = _course(text)
    return {x.name.lower(): x.assertion.value for x in [*c.conditions, *c.findings]}


def test_a_relative_with_a_disease_is_not_the_patient():
    names = _asserted("A 40-year-old man presented with cough. His family history included a paternal uncle with "
                      "colon cancer. Thalassemia had been diagnosed in his sister.")
    assert "colon cancer" not in names or names["colon cancer"] != "present"
    assert "thalassemia" not in names or names["thalassemia"] != "present"


def test_the_patients_own_disease_with_a_relative_nearby_stays():
    names = _asserted("A 40-year-old man with diabetes presented with cough. He lived with his wife.")
    assert names.get("diabetes mellitus", names.get("diabetes")) in ("present", "historical")


def test_a_mother_with_a_disease_in_a_family_history_list():
    names = _asserted("A 50-year-old woman presented with chest pain. Her family history included a mother with "
                      "asthma.")
    assert names.get("asthma") != "present"


def test_a_child_with_a_finding_is_the_patient():
    names = _asserted("A 6-year-old child with fever and cough was admitted.")
    assert names.get("fever") == "present"


def test_a_relatives_death_is_not_the_patients():
    assert _deaths("A 50-year-old woman was admitted with dyspnea. Her mother died from heart disease.") == []


def test_a_citation_after_the_full_stop_ends_the_sentence():
    from casecourse.reading.sentences import split

    text = ("Fistulae have been reported after this repair.[3] We report a man with fever. "
            "It is seen in treated patients.12 Here we describe a woman. The dose was 2.5 mg. She improved.")
    got = [text[a:b] for a, b in split(text)]
    assert got == ["Fistulae have been reported after this repair.[3]", "We report a man with fever.",
                   "It is seen in treated patients.12", "Here we describe a woman.", "The dose was 2.5 mg.",
                   "She improved."]


def _stop_reasons(text: str) -> dict[str, str | None]:
    return {e.drug: e.stop_reason for e in _course(text).exposures}


def test_an_organs_failure_is_no_treatment_failure():
    got = _stop_reasons("He was started on gentamicin on day 1. Gentamicin was held on day 3 because of his renal "
                        "failure.")
    assert got.get("gentamicin") != "inefficacy"


def test_a_lack_of_improvement_is_no_remission():
    got = _stop_reasons("She was given ceftriaxone on admission. Ceftriaxone was stopped on day 5 due to lack of "
                        "improvement.")
    assert got.get("ceftriaxone") == "inefficacy"


def test_a_drug_stopped_once_an_infection_was_ruled_out():
    got = _stop_reasons("He received cefotaxime from admission. Cefotaxime was stopped on day 6 after bacterial "
                        "infection was ruled out.")
    assert got.get("cefotaxime") != "infection"
    assert "excluded" in (got.get("cefotaxime") or "")


def _drugs(text: str) -> list[str]:
    return [e.drug for e in _course(text).exposures]


def test_an_antibiogram_names_no_exposure():
    assert _drugs("Blood cultures grew Klebsiella pneumoniae, which was sensitive only to tigecycline.") == []
    assert _drugs("The MICs of colistin and tigecycline were 1 and 0.5 ug/mL.") == []
    assert _drugs("The isolate was sensitive by the disc diffusion method to colistin, doxycycline and "
                  "meropenem.") == []
    assert _drugs("The strain was susceptible to cefuroxime, ceftazidime, ceftriaxone, cefepime, cefoxitin, "
                  "cefotaxime, aztreonam, gentamicin, tobramycin, ciprofloxacin, levofloxacin, piperacillin, "
                  "imipenem and amikacin.") == []


def test_a_drug_given_after_the_antibiogram_is_an_exposure():
    got = _drugs("Cultures grew E. coli sensitive to ceftriaxone. Ceftriaxone was started on day 2.")
    assert got == ["ceftriaxone"]


def test_a_drug_once_not_tolerated_or_given_for_a_positive_test_is_an_exposure():
    assert _drugs("Given the persistent SARS-CoV-2 positivity on testing, she received further treatment for COVID-19 "
                  "with remdesivir.") == ["remdesivir"]
    assert "metoprolol" in _drugs("She had previously been intolerant of metoprolol, which caused fatigue.")


def test_a_negative_test_negates_what_it_looked_for():
    names = _asserted("A 40-year-old man presented with fever. A respiratory pathogen panel including influenza A/B "
                      "and Legionella antigen came back negative. He had negative serologies for Lyme disease and "
                      "anaplasmosis.")
    assert names.get("fever") == "present"
    for name in ("lyme disease", "anaplasmosis"):
        assert names.get(name) == "negated"
    assert not any(v == "present" for k, v in names.items() if k.startswith("influenza"))


def test_returned_negative_for_negates_what_follows():
    names = _asserted("An echocardiogram returned negative for valvular vegetation. She had a fever.")
    assert names.get("vegetation", names.get("valvular vegetation")) == "negated"


def _statuses(text: str) -> dict[str, str]:
    return {e.drug: e.status for e in _course(text).exposures}


def test_a_drug_only_considered_or_passed_over_was_not_taken():
    got = _statuses("A 60-year-old man was admitted with hypotension. An infusion of norepinephrine was considered "
                    "because of the low blood pressure.")
    assert got.get("norepinephrine", "not-taken") == "not-taken"
    got = _statuses("A 60-year-old man with lung cancer was admitted. We chose carboplatin instead of cisplatin "
                    "because of his renal disease.")
    assert got.get("cisplatin", "not-taken") == "not-taken"


def test_a_drug_replaced_instead_of_one_being_taken_stops_it():
    got = _statuses("She had been taking isoniazid since March. Levofloxacin was started in place of isoniazid "
                    "on day 3.")
    assert got.get("isoniazid") == "stopped"
    assert got.get("levofloxacin") in ("active", "unknown")


def _doses(text: str) -> dict[str, str | None]:
    return {e.drug: (e.segments[0].dose.text if e.segments and e.segments[0].dose else None)
            for e in _course(text).exposures}


def test_a_list_of_doses_before_their_drugs():
    got = _doses("He received 60 mg lidocaine, 2 mg atropine, 0.01 mg epinephrine and 250 mg hydrocortisone "
                 "intravenously.")
    assert got.get("atropine") == "2 mg"
    assert got.get("epinephrine") == "0.01 mg"
    assert got.get("hydrocortisone") == "250 mg"


def test_a_list_of_drugs_before_their_doses_keeps_its_doses():
    got = _doses("She was on aspirin 100 mg, clopidogrel 75 mg and atorvastatin 40 mg daily.")
    assert got == {"aspirin": "100 mg", "clopidogrel": "75 mg", "atorvastatin": "40 mg daily"}


def test_an_organism_grown_is_no_condition_by_itself():
    c = _course("A 70-year-old woman was admitted with fever. Her urine culture grew Escherichia coli.")
    assert "escherichia coli" not in {x.name.lower() for x in c.conditions}


def test_an_unremarkable_workup_of_a_disease_negates_it():
    names = _asserted("A 50-year-old woman presented with dyspnea. Connective tissue disease workup was unremarkable.")
    assert names.get("dyspnea") == "present"
    assert not any(v == "present" for k, v in names.items() if "connective tissue disease" in k)
    names = _asserted("Her fever resolved and the workup was unremarkable.")
    assert names.get("fever") != "negated"


def test_normal_tests_apart_from_a_finding_leave_it_present():
    names = _asserted("Apart from leukocytosis (14 x 10^9/L), the admission laboratory tests were normal.")
    assert names.get("leukocytosis") == "present"


def test_the_mother_of_an_obstetric_report_is_its_patient():
    c = _course("A 29-year-old primigravida with a twin pregnancy at 35 weeks' gestation was admitted with fever. "
                "She underwent a cesarean section. Influenza was confirmed in the mother by PCR, while both infants "
                "tested negative.")
    assert {x.name: x.status for x in c.conditions}.get("influenza") == "confirmed"
    c = _course("A 2-day-old girl was admitted with jaundice. The mother had gestational diabetes.")
    assert "gestational diabetes" not in {x.name for x in c.conditions}
