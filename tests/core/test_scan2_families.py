"""Families of course errors found by a second round of consistency scans over case reports (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text(text, assess=False)


def test_a_gestational_age_in_weeks_and_days_is_no_time_of_the_story():
    c = _course("A 30-year-old woman had rupture of the membranes at 29 weeks and five days of gestation and was "
                "admitted. She received ampicillin. On day 7, ampicillin was stopped.")
    amp = next(e for e in c.exposures if e.drug == "ampicillin")
    assert amp.end is not None and amp.end.offset_days == (6.0, 6.0)
    assert amp.time.offset_days is None or amp.time.offset_days[1] <= amp.end.offset_days[0]


def test_what_others_have_reported_is_no_fact_of_the_patient():
    c = _course("A 62-year-old man presented with a liver abscess after chemoembolization. "
                "Although infections have been reported, such as pneumonia and cholangitis, few involve the liver. "
                "He was treated with drainage.")
    names = {x.name for x in c.conditions}
    assert "pneumonia" not in names and "cholangitis" not in names


def test_it_has_been_described_that_is_literature():
    c = _course("A 70-year-old woman had a shunt infection. It has been described that in cases of meningitis the "
                "fluid may be bland. She improved.")
    assert "meningitis" not in {x.name for x in c.conditions}


def test_a_relative_with_a_disease_in_a_newborn_report_is_family():
    c = _course("A female infant was born at term. The mother is a 31-year-old G2P1 woman with gestational diabetes "
                "and hypothyroidism. The infant had hypoglycemia.")
    assert "hypothyroidism" not in {x.name for x in c.conditions}
    assert "hypoglycemia" in {x.name for x in c.findings} | {x.name for x in c.conditions}


def test_a_father_who_presented_with_a_disease_is_family():
    c = _course("A 40-year-old man presented with chest pain. His father presented with tuberculosis. "
                "He had hypertension.")
    assert "tuberculosis" not in {x.name for x in c.conditions if x.assertion.value == "present"}
    assert "hypertension" in {x.name for x in c.conditions}


def test_a_list_of_mics_is_no_treatment():
    c = _course("A 50-year-old man had candidemia. MIC values (mg/L) were as follows: amphotericin B, 0.5; "
                "fluconazole, 1; caspofungin, 0.06. He was treated with micafungin 100 mg daily.")
    assert {e.drug for e in c.exposures} == {"micafungin"}


def test_mics_told_per_drug_are_no_treatment():
    c = _course("A 50-year-old man had mucormycosis. The MIC values were 1 mg/L for voriconazole and 0.5 mg/L for "
                "posaconazole. He received liposomal amphotericin B 5 mg/kg daily.")
    assert {e.drug for e in c.exposures} == {"amphotericin b"}


def test_susceptible_to_all_agents_tested_lists_no_treatment():
    c = _course("A 30-year-old woman had pyelonephritis. Escherichia coli grew in the urine and was susceptible to all "
                "agents tested: cefazolin, gentamicin and ciprofloxacin. She received ceftriaxone 1 g daily.")
    assert {e.drug for e in c.exposures} == {"ceftriaxone"}


def test_sensitivity_limited_to_a_drug_is_no_treatment():
    c = _course("A 30-year-old man had a wound infection. Cultures grew Pseudomonas with sensitivity limited to "
                "colistin and amikacin. He was treated with meropenem.")
    assert {e.drug for e in c.exposures} == {"meropenem"}


def test_a_drugs_mic_is_a_test_of_the_isolate():
    c = _course("A 60-year-old man had MRSA bacteremia with a vancomycin MIC of 2 mg/L. He was treated with "
                "daptomycin 8 mg/kg daily.")
    assert {e.drug for e in c.exposures} == {"daptomycin"}
    c = _course("A 60-year-old man had MRSA bacteremia. On day 5 we changed vancomycin to linezolid (MIC 2 μg/mL) "
                "because of fever.")
    assert "linezolid" in {e.drug for e in c.exposures}


def _never_before_start(e) -> bool:
    if e.end is None or e.end.offset_days is None or e.time.offset_days is None:
        return True
    return e.end.offset_days[1] >= e.time.offset_days[0]


def test_a_stop_on_another_clock_is_not_placed_before_the_start():
    c = _course("A 53-year-old man underwent valve replacement. Six months later, he was admitted with fever. He was "
                "commenced on intravenous vancomycin and cefepime. On day 6, the antibiotics were stopped.")
    vanco = next(e for e in c.exposures if e.drug == "vancomycin")
    assert vanco.status == "stopped"
    assert _never_before_start(vanco)


def test_a_stop_year_before_the_start_date_is_not_stated():
    c = _course("A 40-year-old woman was admitted in March 2019 with leukemia. She was started on tretinoin in March "
                "2019. Tretinoin was stopped in 2015.")
    e = next(e for e in c.exposures if e.drug == "tretinoin")
    assert e.end is None or not (e.end.point or e.end.latest or "9999").startswith("2015")


def test_rarely_reported_and_published_cases_are_literature():
    c = _course("A 45-year-old man presented with fever and chest pain. Myocarditis has rarely been reported with "
                "leptospirosis. Only three previously published case reports describe pericarditis. He recovered.")
    names = {x.name for x in c.conditions}
    assert "pericarditis" not in names and "leptospirosis" not in names


def test_a_positive_ehrlichia_test_is_ehrlichiosis():
    c = _course("A 50-year-old woman presented with fever after a tick bite. Ehrlichia chaffeensis PCR from her blood "
                "was positive. She was treated with doxycycline.")
    assert "ehrlichiosis" in {x.name for x in c.conditions if x.assertion.value == "present"}


def test_a_sister_who_died_with_a_disease_is_family():
    c = _course("A 3-month-old boy presented with hypoglycemia. His sister died at 2 years of age with leukemia. "
                "He was started on diazoxide.")
    assert "leukemia" not in {x.name for x in c.conditions if x.assertion.value == "present"}


def test_a_dose_change_on_another_clock_does_not_end_the_last_dose_before_it_began():
    c = _course("A 53-year-old man underwent valve replacement. Six months later, he was admitted with vasculitis. "
                "He was started on prednisone 60 mg daily. On day 3, prednisone was reduced to 40 mg daily.")
    pred = next(e for e in c.exposures if e.drug == "prednisone")
    first = pred.segments[0]
    assert first.dose is not None and first.dose.value == 60.0
    assert first.end is None or first.end.offset_days is None or first.start.offset_days is None \
        or first.end.offset_days[1] >= first.start.offset_days[0]
