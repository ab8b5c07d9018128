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


def test_rituximab_regimens_include_rituximab_and_salvage_conditioning_regimens_expand() -> None:
    drugs = {e.drug for e in _course("He received three cycles of R-ICE chemotherapy, then BEAM chemotherapy and an "
                                     "autologous stem cell transplant.").exposures}
    assert {"rituximab", "ifosfamide", "carboplatin", "etoposide", "carmustine", "melphalan", "cytarabine"} <= drugs


def test_a_regimen_listing_prednisolone_gives_no_prednisone_and_each_drug_takes_the_regimens_cycles() -> None:
    c = _course("A 60-year-old man was diagnosed in March 2019. He received six cycles of R-CHOP (rituximab "
                "375 mg/m2, cyclophosphamide 750 mg/m2, doxorubicin 50 mg/m2, vincristine 1.4 mg/m2 and "
                "prednisolone 100 mg for 5 days) every 21 days from 1 April 2019.")
    by = {e.drug: e for e in c.exposures}
    assert "prednisone" not in by and "prednisolone" in by
    # six cycles of 21 days: 126 days from 1 April, for the steroid (not its 5 days per cycle) as for the others
    assert {by[d].end.point for d in ("rituximab", "vincristine", "prednisolone")} == {"2019-08-05"}


def test_cardiology_and_infection_diagnoses_are_coded() -> None:
    c = _course("A 61-year-old man had an anterior ST-elevation myocardial infarction and heart failure with "
                "reduced ejection fraction. A year later MRI showed spondylodiscitis with a left psoas abscess.")
    codes = {x.name: next((k.code for k in x.codings if "icd" in k.system), None) for x in c.conditions}
    assert codes.get("st-elevation myocardial infarction") == "I21.3"
    assert codes.get("heart failure with reduced ejection fraction") == "I50.20"
    assert codes.get("psoas abscess") == "K68.12"
    assert codes.get("discitis") == "M46.40"


def test_tumour_lysis_prophylaxis_names_no_tumour_of_the_patient() -> None:
    c = _course("A 50-year-old woman with acute myeloid leukaemia received allopurinol for tumour lysis prophylaxis.")
    assert not any(x.name == "neoplasm" for x in c.conditions)
    assert not any(x.name == "tumor lysis syndrome" and x.assertion.value == "present" for x in c.conditions)


def test_blast_percentages_are_results() -> None:
    c = _course("Her white cell count was 48.3 x 10^9/L with 78% blasts; the marrow showed 82% myeloblasts.")
    assert sorted(x.value for x in c.labs if x.test == "blasts") == [78.0, 82.0]


def test_disease_progression_is_an_event_and_its_survival_measure_is_not() -> None:
    c = _course("A 62-year-old man with lymphoma achieved a complete response in August 2018. "
                "He progressed in January 2020. Progression-free survival was 17 months.")
    assert [(e.type, e.time.point) for e in c.events if e.type == "progression"] == [("progression", "2020-01")]


def test_a_named_regimen_is_one_line_of_therapy_with_its_members() -> None:
    c = _course("A 62-year-old man was diagnosed with diffuse large B-cell lymphoma in February 2018. He received "
                "six cycles of R-CHOP every 21 days from March 2018. He relapsed in April 2019 and received R-ICE "
                "from May 2019. Axicabtagene ciloleucel was given in March 2020.")
    regimens = {e.drug: e.regimen for e in c.exposures}
    assert regimens["vincristine"] == "R-CHOP" and regimens["ifosfamide"] == "R-ICE"
    lines = next(a for a in c.assessments if a.rule == "lines_of_therapy").data["lines"]
    assert [ln["drug"] for ln in lines] == ["R-CHOP", "R-ICE", "axicabtagene ciloleucel"]
    assert "doxorubicin" in lines[0]["members"]


def test_progressed_to_a_state_and_monitoring_for_progression_are_no_progression() -> None:
    c = _course("A 70-year-old man with myeloma was admitted in May 2019. He progressed to septic shock. "
                "He was monitored for progression of his disease.")
    assert not [e for e in c.events if e.type == "progression"]


def test_a_size_after_bacteraemia_is_no_blood_culture_result() -> None:
    c = _course("Because of persistent bacteraemia and a vegetation larger than 1 cm, he underwent valve repair.")
    assert not [x for x in c.labs if x.test == "blood culture" and x.value is not None]


def test_completed_n_weeks_of_a_drug_ends_it_and_the_drug_followed_by_starts_then() -> None:
    c = _course("A 58-year-old woman was admitted on 12 September 2019 with a psoas abscess. Ertapenem 1 g IV once "
                "daily was started on 21 September 2019. She completed 6 weeks of intravenous ertapenem, followed by "
                "oral fosfomycin for a further 2 weeks.")
    by = {e.drug: e for e in c.exposures}
    assert by["ertapenem"].end.point == "2019-11-02"
    assert (by["fosfomycin"].segments[0].start.point, by["fosfomycin"].end.point) == ("2019-11-02", "2019-11-16")


def test_drugs_after_a_probable_diagnosis_was_made_are_stopped_and_started() -> None:
    c = _course("Posaconazole 300 mg daily was given as prophylaxis. Probable invasive aspergillosis was diagnosed, "
                "posaconazole was stopped and voriconazole 6 mg/kg IV every 12 hours was started.")
    by = {e.drug: e for e in c.exposures}
    assert by["posaconazole"].status == "stopped"
    assert by["voriconazole"].route == "intravenous"
    assert any(x.name == "aspergillosis" and x.status == "provisional" for x in c.conditions)


def test_consolidation_as_a_treatment_phase_is_no_lung_finding() -> None:
    c = _course("She received three cycles of high-dose cytarabine consolidation. Later, consolidation "
                "chemotherapy was repeated.")
    assert not [f for f in c.findings if f.name == "consolidation"]
    c = _course("Chest CT showed consolidation of the right lower lobe.")
    assert [f.name for f in c.findings if f.name == "consolidation"] == ["consolidation"]


def test_a_drug_withheld_for_days_and_restarted_at_a_dose_restarts_then_at_that_dose() -> None:
    c = _course("A 74-year-old woman on warfarin 5 mg daily was admitted on 3 January 2022 with an INR of 4.8. "
                "Warfarin was withheld for two days and restarted at 3 mg daily when the INR fell to 3.1.")
    courses = [(e.status, [s.dose.text if s.dose else None for s in e.segments], e.segments[0].start.point)
               for e in c.exposures if e.drug == "warfarin"]
    assert courses[0][:2] == ("stopped", ["5 mg daily"])
    assert courses[1][1:] == (["3 mg daily"], "2022-01-05")


def test_a_regimen_member_continued_longer_stays_in_its_line_and_myeloma_agents_are_lines() -> None:
    c = _course("A 68-year-old woman was diagnosed with multiple myeloma in October 2020. She received VRd (bortezomib "
                "1.3 mg/m2, lenalidomide 25 mg and dexamethasone 20 mg) from November 2020. Lenalidomide maintenance "
                "10 mg daily was continued until March 2023, when she had biochemical progression. Daratumumab was "
                "started in April 2023.")
    lines = next(a for a in c.assessments if a.rule == "lines_of_therapy").data["lines"]
    assert [ln["drug"] for ln in lines] == ["VRd", "daratumumab"]
    assert "lenalidomide" in lines[0]["members"]
    assert [e.type for e in c.events if e.type == "progression"] == ["progression"]


def test_pulmonary_emboli_in_the_plural_and_septic_emboli_are_coded() -> None:
    c = _course("In January 2024 she developed bilateral pulmonary emboli. A year earlier CT had shown septic "
                "pulmonary emboli.")
    codes = {x.name: next((k.code for k in x.codings if "icd" in k.system), None) for x in c.conditions}
    assert codes.get("pulmonary embolism") == "I26.99" and codes.get("septic pulmonary embolism") == "I26.90"


def test_an_amount_after_an_untimed_event_does_not_move_the_story_on() -> None:
    c = _course("A 59-year-old woman presented on 14 August 2022 with pleuritic chest pain, two weeks after an upper "
                "respiratory tract infection. High-sensitivity troponin I was 38 ng/L (upper reference limit 16 ng/L).")
    trop = next(x for x in c.labs if x.test == "troponin")
    assert trop.time.point == "2022-08-14"
    assert trop.interpretation == "H"
    assert any(x.name == "upper respiratory tract infection" for x in c.conditions)


def test_pr_depression_and_atrial_flutter_are_cardiac_not_mood() -> None:
    c = _course("ECG showed widespread ST elevation with PR depression. Two months later she had atrial flutter.")
    assert "depression" not in {f.name for f in c.findings} | {x.name for x in c.conditions}
    assert any(x.name == "atrial flutter" for x in c.conditions)


def test_an_iv_course_of_stated_length_then_switched_to_oral_switches_when_it_is_over() -> None:
    c = _course("A 67-year-old man was admitted on 3 March 2021. Furosemide 40 mg intravenously twice daily was given "
                "for pulmonary oedema for 3 days and then switched to oral furosemide 40 mg once daily.")
    segs = next(e for e in c.exposures if e.drug == "furosemide").segments
    assert [(s.route, s.start.point, s.end.point if s.end else None) for s in segs] == [
        ("intravenous", "2021-03-03", "2021-03-06"), ("oral", "2021-03-06", None)]


def test_a_running_course_continued_for_a_stated_length_ends_then() -> None:
    c = _course("A man was admitted on 3 May 2020 with endocarditis. On day 6 vancomycin was switched to daptomycin "
                "10 mg/kg IV once daily. On day 9 daptomycin was continued for 6 weeks.")
    dapto = next(e for e in c.exposures if e.drug == "daptomycin")
    assert (dapto.status, dapto.end.point) == ("completed", "2020-06-22")


def test_the_head_of_a_diagnosis_told_before_refers_back_to_it() -> None:
    c = _course("MRI showed spondylodiscitis with a right psoas abscess. Repeat MRI at 8 weeks showed resolution of "
                "the abscess. Months later she developed an abscess of the thigh.")
    names = [x.name for x in c.conditions]
    assert names.count("psoas abscess") == 1 and names.count("abscess") == 1
    psoas = next(x for x in c.conditions if x.name == "psoas abscess")
    assert len(psoas.provenance.spans) == 2


def test_toxin_tests_antifungal_levels_galactomannan_and_has_bled_are_results() -> None:
    c = _course("He had 8 watery stools a day. C. difficile toxin PCR was positive. In another admission serum "
                "galactomannan was 1.8 and the voriconazole trough was 2.4 mg/L. Her HAS-BLED score was 2.")
    labs = {x.test: (x.value, x.interpretation) for x in c.labs}
    assert labs["Clostridioides difficile toxin"] == (None, "POS")
    assert labs["galactomannan"][0] == 1.8 and labs["voriconazole level"][0] == 2.4
    # a stated score is a StatedScore of the course (reading/scores.py), not a lab result
    assert "has-bled score" not in labs and {x.name: x.value for x in c.scores}["has-bled score"] == 2.0


def test_a_route_before_a_solutions_strength_is_the_solutions() -> None:
    routes = _routes("Hypercalcaemia was treated with intravenous 0.9% saline and zoledronic acid 4 mg.")
    assert routes["sodium chloride"] == "intravenous"
    assert routes["zoledronic acid"] is None


def test_the_date_of_a_later_step_in_the_sentence_does_not_date_the_drug_before_it() -> None:
    c = _course("A 62-year-old man had diffuse large B-cell lymphoma. In April 2019 he relapsed. Salvage therapy with "
                "R-ICE was given for 3 cycles, followed by BEAM chemotherapy and an autologous stem cell transplant in "
                "August 2019.")
    starts = {e.drug: e.segments[0].start.point for e in c.exposures}
    assert starts["ifosfamide"] == "2019-04" and starts["melphalan"] == "2019-08"


def test_a_switch_dated_at_the_end_of_its_sentence_dates_only_the_switch() -> None:
    c = _course("A 55-year-old woman presented on 2 February 2023 with acute myeloid leukaemia. Posaconazole 300 mg "
                "daily was given as prophylaxis. On day 10 she became febrile. Aspergillosis was diagnosed, "
                "posaconazole was stopped and voriconazole 6 mg/kg IV every 12 hours was started, switched to oral "
                "voriconazole 200 mg twice daily on day 24.")
    by = {e.drug: e for e in c.exposures}
    assert by["posaconazole"].end.point == "2023-02-11"
    assert [(s.route, s.start.point) for s in by["voriconazole"].segments] == [
        ("intravenous", "2023-02-11"), ("oral", "2023-02-25")]
