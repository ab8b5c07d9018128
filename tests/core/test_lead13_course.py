"""Thirteenth lead session: prescription times of day as frequencies, a split day written with them, the onset told
before a stop as its reason, a procedure's count after its verb (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text

_LEAD = "A 58-year-old woman with rheumatoid arthritis was reviewed in March 2021. "


def _drug(text: str, drug: str):  # noqa: ANN202
    c = analyze_text(_LEAD + text, assess=False)
    return next(x for x in c.exposures if x.drug == drug)


def test_each_morning_and_nocte_are_once_a_day() -> None:
    for written in ("each morning", "every evening", "each night", "nocte", "mane"):
        x = _drug(f"She took hydroxychloroquine 200 mg {written}.", "hydroxychloroquine")
        t = x.segments[0].timing
        assert t is not None and (t.frequency, t.period, t.period_unit) == (1, 1.0, "d"), written


def test_nocte_and_mane_is_twice_a_day() -> None:
    x = _drug("She was given cefuroxime 750 mg nocte and mane.", "cefuroxime")
    t = x.segments[0].timing
    assert t is not None and (t.frequency, t.period_unit) == (2, "d")


def test_mane_is_no_frequency_outside_a_prescription() -> None:
    c = analyze_text(_LEAD + "Dr Mane reviewed her joints.", assess=False)
    assert not any(s.timing for x in c.exposures for s in x.segments)


def test_a_day_split_by_latin_times_is_one_daily_total() -> None:
    x = _drug("She was given prednisolone 7.5 mg mane and 5 mg nocte.", "prednisolone")
    assert len(x.segments) == 1
    d = x.segments[0].dose
    assert d is not None and d.value == 12.5 and [p.value for p in d.parts or []] == [7.5, 5.0]


def test_a_day_split_each_morning_and_evening_is_one_daily_total() -> None:
    x = _drug("Hydrocortisone 10 mg each morning and 5 mg each evening was given.", "hydrocortisone")
    assert [s.dose.value for s in x.segments if s.dose] == [15.0]


def test_what_she_developed_before_the_stop_is_its_reason() -> None:
    x = _drug("Methotrexate 15 mg weekly was started. In May 2021 she developed grade 3 neutropenia, and "
              "methotrexate was withheld.", "methotrexate")
    assert x.status == "stopped" and x.stop_reason == "grade 3 neutropenia"


def test_a_known_kind_of_harm_before_the_stop_is_named_by_its_kind() -> None:
    x = _drug("Leflunomide was started. Six months later she developed hepatotoxicity and leflunomide was "
              "discontinued.", "leflunomide")
    assert x.stop_reason == "adverse effect"


def test_an_onset_before_a_start_gives_no_stop_reason() -> None:
    x = _drug("She developed fever and ceftriaxone was started.", "ceftriaxone")
    assert x.stop_reason is None and x.status != "stopped"


def test_count_after_the_procedures_verb_and_schedule() -> None:
    c = analyze_text(_LEAD + "Plasma exchange was performed daily for five sessions.", assess=False)
    p = next(p for p in c.procedures if p.name == "plasma exchange")
    assert (p.sessions, p.sessions_unit) == (5, "session")


def _dx(text: str):  # noqa: ANN202
    c = analyze_text("A 61-year-old man was seen in June 2022. " + text, assess=False)
    return c, {x.name: x for x in [*c.conditions, *c.findings]}


def test_grade_before_a_finding_and_stage_before_a_cancer() -> None:
    _, f = _dx("He had grade 3 neutropenia, stage IIIB non-small cell lung cancer and hypertension.")
    assert f["neutropenia"].grade == "grade 3" and f["neutropenia"].stage is None
    cancer = next(x for n, x in f.items() if "lung" in n)
    assert cancer.stage == "stage IIIB" and cancer.grade is None
    assert f["hypertension"].grade is None and f["hypertension"].stage is None


def test_grade_after_in_brackets_and_stage_after_a_comma() -> None:
    _, f = _dx("Capecitabine caused hand-foot syndrome (grade 2). He had an adenocarcinoma of the rectum, stage II.")
    assert f["hand-foot syndrome"].grade == "grade 2"
    assert any(x.stage == "stage II" for n, x in f.items() if "adenocarcinoma" in n)


def test_a_grade_leading_the_next_item_is_not_the_previous_ones() -> None:
    _, f = _dx("He had anaemia, grade 4 thrombocytopenia and fatigue.")
    assert f["thrombocytopenia"].grade == "grade 4"
    assert all(x.grade is None for n, x in f.items() if n != "thrombocytopenia")


def test_grade_and_stage_in_fhir_validate() -> None:
    from fhir.resources.R4B.bundle import Bundle

    from casecourse.export.fhir import bundle_dict

    c, _ = _dx("He had grade 3 neutropenia and stage IIIB non-small cell lung cancer.")
    b = bundle_dict(c)
    Bundle.model_validate(b)
    conds = [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == "Condition"]
    assert any(r.get("stage") == [{"summary": {"text": "stage IIIB"}}] for r in conds)
    obs = [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert any({"code": {"text": "grade"}, "valueString": "grade 3"} in r.get("component", []) for r in obs)


def test_tnm_and_stage_in_one_bracket_are_both_kept_and_a_flow_grade_is_not_the_diagnosis() -> None:
    _, f = _dx("He underwent excision of a squamous cell carcinoma (cT2N2bM0, stage IVA). Angiography showed "
               "an occluded artery after a myocardial infarction grade 3 flow was restored.")
    assert f["squamous cell carcinoma"].stage == "cT2N2bM0, stage IVA"
    assert all(x.grade is None for n, x in f.items() if "infarction" in n)


def test_a_change_told_after_an_adjuncts_dose_is_the_first_drugs() -> None:
    c = analyze_text(_LEAD + "She was started on methotrexate 10 mg weekly with folic acid 5 mg weekly in April 2021, "
                     "and increased to 20 mg weekly in July 2021.", assess=False)
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    folate = next(x for x in c.exposures if x.drug == "folic acid")
    assert [s.dose.value for s in mtx.segments if s.dose] == [10.0, 20.0]
    assert mtx.segments[1].start.point == "2021-07"
    assert [s.dose.value for s in folate.segments if s.dose] == [5.0]


def test_an_adjuncts_own_named_change_stays_its_own() -> None:
    c = analyze_text(_LEAD + "Azathioprine 50 mg daily plus allopurinol 100 mg daily was given; allopurinol was "
                     "increased to 300 mg daily.", assess=False)
    allo = next(x for x in c.exposures if x.drug == "allopurinol")
    aza = next(x for x in c.exposures if x.drug == "azathioprine")
    assert [s.dose.value for s in allo.segments if s.dose] == [100.0, 300.0]
    assert [s.dose.value for s in aza.segments if s.dose] == [50.0]


def _sle(text: str):  # noqa: ANN202
    c = analyze_text("A 24-year-old woman presented in March 2022 with arthritis and a malar rash. ANA was positive at "
                     "1:640. " + text)
    a = next(x for x in c.assessments if x.rule == "sle_eular_acr_2019")
    return c, {i.name: i for i in a.items}


def test_low_complement_is_c3_or_c4_low_not_both() -> None:
    c, items = _sle("She had low complement.")
    assert [(x.test, x.interpretation) for x in c.labs if "complement" in x.test or x.test in ("c3", "c4")] == [
        ("complement", "L")]
    assert items["complement: low C3 or low C4"].value is True
    both = items["complement: low C3 and low C4"]
    assert both.value is None and both.points == (0.0, 4.0)


def test_named_c3_and_c4_low_are_both_low_and_normal_complement_is_each_normal() -> None:
    _, items = _sle("C3 and C4 were low.")
    assert items["complement: low C3 and low C4"].value is True
    _, items = _sle("Complement levels were normal.")
    assert items["complement: low C3 or low C4"].value is False


def test_a_culture_keeps_what_it_grew_one_result_per_organism() -> None:
    from casecourse.export.fhir import bundle_dict

    c = analyze_text("A 70-year-old woman was admitted with fever in May 2023. Urine culture grew Escherichia coli "
                     "and Klebsiella pneumoniae. Blood cultures grew Staphylococcus aureus. Sputum culture showed no "
                     "growth.", assess=False)
    got = [(x.test, x.interpretation, x.organism) for x in c.labs]
    assert ("urine culture", "POS", "Escherichia coli") in got
    assert ("urine culture", "POS", "Klebsiella pneumoniae") in got
    assert ("blood culture", "POS", "Staphylococcus aureus") in got
    assert ("sputum culture", "NEG", None) in got
    values = [e["resource"].get("valueCodeableConcept") for e in bundle_dict(c)["entry"]
              if e["resource"]["resourceType"] == "Observation"]
    assert {"text": "Klebsiella pneumoniae"} in values


def test_a_diagnosis_told_right_before_a_stop_is_its_reason() -> None:
    x = _drug("Nivolumab 240 mg every two weeks was started. Immune-related colitis was diagnosed, nivolumab was "
              "withheld and methylprednisolone was started.", "nivolumab")
    assert x.status == "stopped" and x.stop_reason == "Immune-related colitis"


def test_drugs_given_then_switched_by_a_participle_stop_at_the_switch() -> None:
    c = analyze_text("A 58-year-old man was admitted on 12 March 2024 with pneumonia. He was treated with IV "
                     "co-amoxiclav 1.2 g TDS and oral clarithromycin 500 mg BD, switched to oral amoxicillin 1 g TDS "
                     "on day 4.", assess=False)
    by = {x.drug: x for x in c.exposures}
    coamox = next(x for n, x in by.items() if "clavulan" in n)
    assert coamox.time.point == "2024-03-12" and coamox.end is not None and coamox.end.point == "2024-03-15"
    assert by["amoxicillin"].time.point == "2024-03-15"


def test_a_dose_before_of_and_a_route_word_is_the_drugs() -> None:
    x = _drug("For sedation she received a total of 150 mg of intravenous propofol.", "propofol")
    assert [s.dose.value for s in x.segments if s.dose] == [150.0] and x.route == "intravenous"


def _asserted(text: str) -> dict[str, str]:
    c = analyze_text("A 60-year-old man was admitted in May 2022. " + text, assess=False)
    return {m.text.lower(): m.assertion.value for m in c.mentions if m.type in ("condition", "finding", "drug",
                                                                               "procedure")}


def test_the_grounds_a_sentence_opens_with_are_stated_not_suspected() -> None:
    got = _asserted("Given the fever and cough, pneumonia was suspected.")
    assert got["fever"] == "present" and got["cough"] == "present" and got["pneumonia"] == "suspected"
    got = _asserted("Given the previous history of stroke, gout, and malignancy, the differential diagnosis "
                    "included encephalitis.")
    assert got["malignancy"] == "historical" and got["encephalitis"] == "suspected"
    got = _asserted("Because of his lack of risk factors such as hypertension, diabetes, or heart disease, a "
                    "thrombophilia panel was ordered.")
    assert got["diabetes"] == "negated" and got["heart disease"] == "negated"


def test_a_free_light_chain_denies_nothing() -> None:
    got = _asserted("Immunofixation identified a monoclonal gammopathy (free light chain kappa 500 mg/L).")
    assert got["monoclonal gammopathy"] == "present"


def test_could_be_excluded_denies_and_could_not_be_excluded_suspects() -> None:
    assert _asserted("Dermatomyositis could be excluded.")["dermatomyositis"] == "negated"
    assert _asserted("Tuberculosis could not be excluded.")["tuberculosis"] == "suspected"


def test_a_treatment_advised_is_a_plan_and_one_not_advised_was_not_given() -> None:
    got = _asserted("He was diagnosed with chronic renal failure and dialysis was recommended.")
    assert got["dialysis"] == "hypothetical" and got["chronic renal failure"] == "present"
    assert _asserted("Pregabalin was not advised for premedication.")["pregabalin"] == "negated"


def test_the_patients_predicate_after_a_history_is_not_history() -> None:
    got = _asserted("A man with a history of gout and sleep apnoea developed fever and diarrhoea.")
    assert got["gout"] == "historical" and got["fever"] == "present" and got["diarrhoea"] == "present"
    got = _asserted("Her sister had a history of lupus and developed nephritis.")
    assert got["nephritis"] == "family"


def test_possibilities_in_a_differential_diagnosis_section_are_differentials() -> None:
    c = analyze_text("A 40-year-old man presented with hypoxaemia in June 2021. He had a pneumothorax.\n\n"
                     "Differential Diagnosis\n\nDesaturation can be due to anaemia, tamponade, sepsis, or a "
                     "shunt.\n\nInvestigations\n\nA chest radiograph showed a pneumothorax.", assess=False)
    status = {x.name: x.status for x in c.conditions}
    assert status["sepsis"] == "differential" and status["pneumothorax"] == "confirmed"


def test_a_denial_in_the_subjects_history_stops_at_the_drug_it_was_taking() -> None:
    c = analyze_text("A 43-year-old man with no history of diabetes was taking metformin 500 mg twice daily.",
                     assess=False)
    assert [x.drug for x in c.exposures] == ["metformin"]
    assert _asserted("A woman with no history of diabetes was taking metformin.")["diabetes"] == "negated"


def test_a_course_started_and_given_for_a_length_ends_then() -> None:
    x = _drug("IVIG 0.4 g/kg daily was started and administered for 5 days.", "intravenous immunoglobulin")
    assert x.segments[0].length_days == 5.0 and x.status == "completed"


def test_a_course_first_told_as_completed_with_its_length_began_that_long_before() -> None:
    x = _drug("On 20 May 2021 she completed six weeks of intravenous ertapenem.", "ertapenem")
    assert x.status == "completed" and x.end is not None and x.end.point == "2021-05-20"
    assert x.time.point == "2021-04-08" and x.time.derivation == "estimated"
    y = _drug("Her fever settled after she completed one week of intravenous ertapenem.", "ertapenem")
    assert not y.time.known  # the end is only the story's carried time: no start counted back from it


def test_image_guided_drainage_and_renal_replacement_treatment_are_procedures() -> None:
    c = analyze_text(_LEAD + "She received continuous renal replacement treatment. On day 5 she underwent "
                     "ultrasound-guided drainage of the abscess.", assess=False)
    names = {p.name: p.category for p in c.procedures}
    assert names.get("continuous renal replacement therapy") == "dialysis" and "drainage" in names


def test_a_products_strength_is_no_dose_and_soft_tissue_emphysema_is_subcutaneous() -> None:
    x = _drug("He was found with empty packs of clozapine (10 tablets per pack, 100 mg/tablet, total 8 g).",
              "clozapine")
    assert [s.dose.value for s in x.segments if s.dose] != [100.0]
    c = analyze_text(_LEAD + "CT showed soft-tissue emphysema.", assess=False)
    assert any(k.code == "HP:6001021" for f in [*c.findings, *c.conditions] for k in f.codings)


def test_bariatric_operations_and_an_operation_first_told_as_what_came_before() -> None:
    c = analyze_text("A 50-year-old woman was seen on 3 May 2020. She had undergone laparoscopic adjustable gastric "
                     "banding in 2005. She had Crigler-Najjar syndrome status post cholecystectomy.", assess=False)
    by = {p.name: p for p in c.procedures}
    assert by["bariatric surgery"].time.point == "2005"
    chole = by["cholecystectomy"]
    assert chole.status == "completed" and not chole.time.known  # done before, when not told
    c = analyze_text("A man underwent a colectomy on 2 May 2020. After the colectomy he developed fever.",
                     assess=False)
    assert [p.name for p in c.procedures] == ["colectomy"]


def test_a_vaccine_named_after_a_disease_is_no_diagnosis() -> None:
    for s in ("This is the first report of melioidosis linked to COVID-vaccination.",
              "He had received the second dose of the COVID-19 mRNA vaccine.", "He had a COVID-19 booster."):
        c = analyze_text("A 48-year-old man was admitted in May 2021. " + s, assess=False)
        assert "covid-19" not in {x.name for x in c.conditions}, s


def test_organisms_told_before_the_growth_verb_and_post_admission_days() -> None:
    c = analyze_text("A 76-year-old man was admitted with fever. Staphylococcus aureus was isolated from blood "
                     "cultures. He was discharged on post-admission day twenty.", assess=False)
    assert [(x.test, x.organism) for x in c.labs if x.interpretation == "POS"] == [
        ("blood culture", "Staphylococcus aureus")]
    assert [e.type for e in c.events].count("admission") == 1


def test_drugs_started_then_changed_with_a_later_time_stop_unless_named_again() -> None:
    c = analyze_text("A man was admitted on 3 May 2021. Vancomycin and piperacillin/tazobactam were initiated but "
                     "changed the following day to vancomycin, cefepime, and metronidazole due to acute kidney "
                     "injury. Cefepime was continued for five days followed by oral cefdinir as outpatient therapy "
                     "for 10 additional days.", assess=False)
    by = {x.drug: x for x in c.exposures}
    pip = by["piperacillin-tazobactam"]
    assert pip.status == "stopped" and pip.end is not None and pip.end.point == "2021-05-04"
    assert pip.stop_reason == "acute kidney injury" and by["vancomycin"].end is None
    assert by["cefdinir"].segments[0].length_days == 10.0


def test_previous_medications_suspended_and_an_infusion_suspended_after_days() -> None:
    c = analyze_text("A man taking amlodipine 5 mg twice daily and atenolol 25 mg twice daily was admitted on 3 May "
                     "2021 with bradycardia. Atropine 0.5 mg was given. Previous medications were suspended. "
                     "Epinephrine i.v. infusion was started and was suspended after 4 days.", assess=False)
    by = {x.drug: x for x in c.exposures}
    assert by["amlodipine"].status == "stopped" and by["atenolol"].status == "stopped"
    assert by["atropine"].status != "stopped"  # given in the story, no previous medication
    epi = by["epinephrine"]
    assert epi.status == "stopped" and epi.end is not None and epi.end.point == "2021-05-07"


def test_a_procedure_denied_after_its_short_form_and_an_operations_anatomy() -> None:
    c = analyze_text("A 73-year-old woman with a history of duodenal switch surgery was admitted in May 2020. "
                     "EUS-guided choledochoenterostomy (CDE) was not attempted, and she underwent percutaneous "
                     "transhepatic biliary drainage. Figure 1 shows the duodenal switch anatomy.", assess=False)
    by = {}
    for p in c.procedures:
        by.setdefault(p.name, []).append(p)
    assert [p.status for p in by["choledochoenterostomy"]] == ["not-done"]
    assert len(by["bariatric surgery"]) == 1 and by["drainage"][0].status == "completed"


def test_a_hernia_repair_is_a_procedure() -> None:
    c = analyze_text("A 60-year-old man underwent an inguinal hernia repair in March 2019.", assess=False)
    assert [(p.name, p.status) for p in c.procedures] == [("hernia repair", "completed")]


def test_general_statements_after_an_unheaded_case_are_background() -> None:
    c = analyze_text("A 61-year-old man presented with chest pain in May 2020. There were no stigmata of endocarditis. "
                     "He died 48 hours later. Endocarditis is the most common cardiac manifestation of bacterial "
                     "infection in developed countries. Surgical intervention is not well described.", assess=False)
    assert {x.name: x.status for x in c.conditions}.get("infective endocarditis") == "refuted"
    assert not c.procedures


def test_a_history_date_does_not_become_the_storys_time() -> None:
    c = analyze_text("A 53-year-old man was admitted to the emergency department with abdominal pain. His medical "
                     "history included a myocardial infarction treated with coronary bypass surgery in 2013. A "
                     "laparotomy was performed.", assess=False)
    by = {p.name: p for p in c.procedures}
    assert by["coronary artery bypass grafting"].time.point == "2013"
    assert not by["laparotomy"].time.known  # the story is undated: no 2013 carried into it
    c = analyze_text("A 53-year-old man was admitted in May 2020 with abdominal pain. He had a history of coronary "
                     "bypass surgery in 2013. A laparotomy was performed.", assess=False)
    assert {p.name: p.time.point for p in c.procedures}["laparotomy"] == "2020-05"


def test_a_time_prefix_is_no_part_of_an_operations_name() -> None:
    c = analyze_text("A 66-year-old woman underwent a right nephrectomy in 2019. Post-nephrectomy histology showed "
                     "xanthogranulomatous pyelonephritis.", assess=False)
    assert [p.name for p in c.procedures] == ["nephrectomy"]


def test_general_treatment_statements_are_background() -> None:
    c = analyze_text("A 76-year-old man presented with chest pain in May 2020 and died the next day. The choice of "
                     "percutaneous closure or coil embolization vs. surgical management depends on anatomical "
                     "features. The aneurysm can be treated with a covered stent.", assess=False)
    assert not c.procedures
