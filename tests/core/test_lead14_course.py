"""Fourteenth lead session: the story's time, told in our own words."""

from __future__ import annotations

from casecourse.api import analyze_text


def _point(t) -> str | None:
    return t.point if t is not None else None


def test_a_state_since_an_earlier_date_does_not_move_the_story_back():
    c = analyze_text(
        "A 28-year-old woman with systemic lupus erythematosus was admitted in June 2020 with fever and "
        "pancytopenia. She had been treated with hydroxychloroquine since 2018. Haemophagocytic "
        "lymphohistiocytosis was diagnosed and anakinra was started. She was discharged two weeks later.")
    hcq = next(x for x in c.exposures if x.drug == "hydroxychloroquine")
    assert _point(hcq.time) == "2018"
    hlh = next(x for x in c.conditions if x.name == "hemophagocytic lymphohistiocytosis")
    assert (hlh.time.earliest or "").startswith("2020-06")
    anakinra = next(x for x in c.exposures if x.drug == "anakinra")
    assert (anakinra.time.earliest or "").startswith("2020-06")


def test_a_since_date_at_the_start_of_the_story_still_dates_what_follows():
    c = analyze_text("She has had psoriasis since 2012. In March 2019 she presented with arthritis of both knees. "
                     "Methotrexate was started.")
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    assert (mtx.time.earliest or "").startswith("2019-03")


def _drug(c, name):
    return next(x for x in c.exposures if x.drug == name)


def test_drugs_started_then_one_tapered_by_a_date_began_before_that_date():
    c = analyze_text("A 40-year-old woman was diagnosed with lupus in May 2015. She was started on hydroxychloroquine "
                     "200 mg daily and prednisone 30 mg daily, tapered to 7.5 mg by December 2015.")
    hcq, pred = _drug(c, "hydroxychloroquine"), _drug(c, "prednisone")
    assert hcq.time.point == "2015-05" and pred.time.point == "2015-05"
    doses = [(s.dose.value if s.dose else None, s.start.point) for s in pred.segments]
    assert doses[:2] == [(30.0, "2015-05"), (7.5, "2015-12")]


def test_a_drug_added_on_a_later_day_keeps_that_day_to_itself():
    c = analyze_text("She was admitted in May 2021 with fever. She was treated with etoposide and dexamethasone, "
                     "with ciclosporin added on day 8.")
    assert _drug(c, "etoposide").time.text == "May 2021"
    assert _drug(c, "dexamethasone").time.text == "May 2021"
    assert _drug(c, "cyclosporine").time.text == "day 8"


def test_drugs_started_together_on_a_day_share_it():
    c = analyze_text("She was admitted in May 2021. Etoposide and dexamethasone were started on day 3.")
    assert _drug(c, "etoposide").time.text == "day 3" == _drug(c, "dexamethasone").time.text


def test_within_a_few_days_of_a_month_stays_in_that_month():
    c = analyze_text("He was admitted in March 2020 with fever. His fever resolved within 72 hours.")
    rec = next(e for e in c.events if e.type == "recovery")
    assert (rec.time.earliest, rec.time.latest, rec.time.point) == ("2020-03", "2020-04", "2020-03")


def test_a_presentation_dated_further_on_in_its_clause_is_dated_there():
    c = analyze_text("A 58-year-old man with a myocardial infarction in 2011 presented to the emergency department of "
                     "a district hospital in Leeds in October 2017 with cough. He reported smoking until 2012. "
                     "Treatment with amoxicillin was initiated.")
    assert _drug(c, "amoxicillin").time.point == "2017-10"


def test_a_bound_before_a_date_told_after_the_presentation_is_history_told_aside():
    c = analyze_text("A 58-year-old man presented in October 2017 with cough. He reported heavy drinking prior to "
                     "2012. Treatment with amoxicillin was initiated.")
    assert _drug(c, "amoxicillin").time.point == "2017-10"


def test_a_dated_history_sentence_does_not_date_an_undated_presentation():
    c = analyze_text("A 60-year-old man was admitted with fever and confusion. The patient's history was notable for "
                     "a cholecystectomy in 2014. Vancomycin and cefepime were given.")
    assert all(not (x.time.point or "").startswith("2014") for x in c.exposures)


def test_a_story_line_naming_a_department_and_a_hospital_is_no_authors_line():
    c = analyze_text("A 70-year-old woman presented to the Emergency Department of a university hospital with chest "
                     "pain. Aspirin was given.")
    assert {m.zone for m in c.mentions} <= {"narrative", "presentation", "case"}
    assert _drug(c, "aspirin")


def test_an_unremarkable_examination_returns_from_the_history_to_the_presentation():
    c = analyze_text("A 58-year-old man presented to the emergency department with chest pain. Ten days earlier, he "
                     "had undergone an ablation at another hospital. His physical examination was unremarkable. He was "
                     "admitted and treated with colchicine 0.5 mg twice daily.")
    assert _drug(c, "colchicine").time.offset_days == (0.0, 0.0)


def test_the_time_of_discharge_in_a_later_stay_is_that_stays_not_the_first():
    c = analyze_text(
        "A 50-year-old man presented to the emergency department with neck pain. He was admitted, received "
        "desmopressin and was discharged home.\n\nThe patient returned to the emergency department a year later with "
        "gum bleeding. He was admitted and received tranexamic acid. No diagnosis was established at the time of "
        "discharge.\n\nHe was readmitted six months later with abdominal pain and started on bortezomib.")
    lo, hi = _drug(c, "bortezomib").time.offset_days
    assert lo > 300  # after the second stay (a year on), not six months after the first


_SUMMARY = """DISCHARGE SUMMARY
Admission date: 03/02/2024
Discharge date: 17/02/2024

Past medical history: type 2 diabetes on metformin 1 g twice daily.

Progress: She was treated with intravenous levofloxacin 500 mg daily, switched to oral levofloxacin on day 4.
Metformin was withheld because of the acute kidney injury and restarted at discharge.

Discharge medications: metformin 500 mg twice daily, paracetamol 1 g four times daily as required.
"""


def test_a_drug_restarted_at_discharge_restarts_on_the_discharge_day():
    c = analyze_text(_SUMMARY)
    courses = [x for x in c.exposures if x.drug == "metformin"]
    assert courses[-1].time.point == "2024-02-17"


def test_a_drug_first_named_in_a_discharge_list_has_no_start_from_the_story_before_it():
    c = analyze_text(_SUMMARY)
    para = _drug(c, "acetaminophen")
    assert not para.time.known and para.status == "active"


def test_a_switch_to_another_route_of_the_same_drug_opens_a_segment():
    c = analyze_text(_SUMMARY)
    levo = _drug(c, "levofloxacin")
    assert [s.route for s in levo.segments] == ["intravenous", "oral"]
    assert levo.segments[1].start.known and levo.segments[0].end == levo.segments[1].start


def test_red_cell_casts_in_the_urine_are_a_finding_sledai_counts():
    c = analyze_text("A 20-year-old woman with systemic lupus erythematosus had a urinalysis showing 3+ protein and "
                     "red cell casts; white cell casts were also seen.")
    names = {f.name for f in c.findings}
    assert {"red cell casts", "white cell casts"} <= names
    sledai = next(a for a in c.assessments if a.rule == "sledai2k")
    assert next(i for i in sledai.items if i.name == "urinary casts").value is True


def _proteinuria_item(text: str):
    c = analyze_text(text)
    sle = next(a for a in c.assessments if a.rule == "sle_eular_acr_2019")
    return next(i for i in sle.items if i.name.startswith("renal: proteinuria"))


def test_a_protein_to_creatinine_ratio_stands_for_the_days_protein_as_an_estimated_range():
    high = _proteinuria_item("A 25-year-old woman with systemic lupus erythematosus and a positive ANA (1:640) had a "
                             "urine protein-to-creatinine ratio of 280 mg/mmol.")
    assert high.value is True and "estimated from the protein-to-creatinine ratio" in high.detail
    edge = _proteinuria_item("A 25-year-old woman with systemic lupus erythematosus and a positive ANA (1:640) had a "
                             "urine protein-to-creatinine ratio of 45 mg/mmol.")
    assert edge.value is None  # 0.3-0.8 g/24 h: the ratio does not settle the 0.5 g cut-off
    low = _proteinuria_item("A 25-year-old woman with systemic lupus erythematosus and a positive ANA (1:640) had a "
                            "urine protein-to-creatinine ratio of 12 mg/mmol.")
    assert low.value is False


def test_a_finding_that_resolved_the_next_day_negates_nothing_after_it():
    c = analyze_text("He received aspirin 80 mg/kg/day. The fever resolved the next day and aspirin was reduced to "
                     "5 mg/kg once daily on day 10.")
    doses = [s.dose.value for s in _drug(c, "aspirin").segments if s.dose]
    assert doses == [80.0, 5.0]


def test_a_dose_reduced_after_a_length_is_reduced_that_long_into_the_course():
    c = analyze_text("Nintedanib 150 mg twice daily was started in September 2019 but was reduced to 100 mg twice "
                     "daily after one month because of diarrhoea.")
    segs = _drug(c, "nintedanib").segments
    assert [(s.dose.value, s.start.point) for s in segs] == [(150.0, "2019-09"), (100.0, "2019-10")]


def test_lung_function_told_as_a_share_of_the_predicted_value_is_read():
    c = analyze_text("Pulmonary function tests showed an FVC of 62% predicted and a DLCO of 41% predicted; FEV1 was "
                     "1.8 L.")
    got = {(x.test, x.value, x.unit) for x in c.labs}
    assert {("forced vital capacity", 62.0, "%"), ("diffusing capacity for carbon monoxide", 41.0, "%"),
            ("forced expiratory volume in 1 second", 1.8, "L")} <= got


def test_the_fev1_fvc_ratio_is_its_own_measure_not_the_fvc():
    c = analyze_text("Spirometry showed obstruction: FEV1/FVC 62%, FEV1 80% predicted.")
    got = {(x.test, x.value) for x in c.labs}
    assert ("fev1/fvc ratio", 62.0) in got and not any(t == "forced vital capacity" for t, _ in got)


def test_drugs_listed_together_and_stopped_after_a_length_stop_together():
    c = analyze_text("In March 2019 he was started on rifampicin, isoniazid, pyrazinamide and ethambutol. Ethambutol "
                     "and pyrazinamide were stopped after two months.")
    assert _drug(c, "ethambutol").end == _drug(c, "pyrazinamide").end
    assert _drug(c, "ethambutol").end.point == "2019-05"


def test_a_symptom_that_stopped_is_a_recovery_not_a_new_finding():
    c = analyze_text("He presented in November 2022 with haemoptysis. After the second rituximab dose his haemoptysis "
                     "stopped, in January 2023.")
    assert [(f.name, f.time.point) for f in c.findings] == [("haemoptysis", "2022-11")]
    assert any(e.type == "recovery" and "haemoptysis" in (e.detail or "") for e in c.events)


_STATIN = ("A 58-year-old woman presented with two days of fever, myalgia and dark urine after starting atorvastatin "
           "80 mg daily six weeks earlier. Creatine kinase was 48,000 U/L. Rhabdomyolysis with acute kidney injury was "
           "diagnosed. Atorvastatin was discontinued.")


def test_a_look_back_after_the_presentation_dates_its_own_clause_only():
    c = analyze_text(_STATIN)
    assert {f.name: f.time.offset_days for f in c.findings}["fever"] == (0.0, 0.0)
    lo, hi = _drug(c, "atorvastatin").time.offset_days
    assert -46 <= lo and hi <= -38


def test_a_diagnosis_told_right_before_a_stop_is_its_reason():
    assert "rhabdomyolysis" in (_drug(analyze_text(_STATIN), "atorvastatin").stop_reason or "").lower()


_LETTER = ("Dear Dr Khan,\n\nI reviewed Mrs B. in the lupus clinic today (14/10/2025). She continues on "
           "hydroxychloroquine 200 mg daily. Prednisolone was reduced from 7.5 mg to 5 mg daily at her last visit in "
           "July and she has tolerated this without any flare. She reports mild fatigue but no joint pain. Anti-dsDNA "
           "was 12 IU/mL (previously 86 IU/mL in March).\n\nYours sincerely,\nDr L. Morgan\n")


def test_a_letters_today_dated_in_brackets_dates_its_visit():
    c = analyze_text(_LETTER)
    labs = {x.value: x.time.point for x in c.labs if x.test.startswith("anti-double")}
    assert labs == {12.0: "2025-10-14", 86.0: "2025-03"}


def test_a_flare_told_as_absent_is_denied():  # a guard: ConText's "without", "no", "free of" deny the events
    c = analyze_text(_LETTER)
    assert [e.assertion.value for e in c.events if e.type == "flare"] == ["negated"]
    c2 = analyze_text("He remained free of lupus flares on monthly anifrolumab. There was no relapse at two years.")
    assert {e.type: e.assertion.value for e in c2.events if e.type in ("flare", "relapse")} == \
        {"flare": "negated", "relapse": "negated"}


def test_what_the_patient_reports_in_the_present_tense_is_at_the_visit():
    c = analyze_text(_LETTER)
    assert {f.name: f.time.point for f in c.findings}["fatigue"] == "2025-10-14"


def test_a_test_whose_result_was_absent_is_a_negative_result_not_a_denied_test():
    c = analyze_text("A 4-month-old girl was admitted with fever and splenomegaly. Haemoglobin was 7.2 g/dL and "
                     "platelets 28 x 10^9/L. Ferritin was 8,950 ug/L and fibrinogen 0.8 g/L. NK-cell cytotoxicity was "
                     "absent and haptoglobin was absent. Haemophagocytic lymphohistiocytosis was diagnosed.")
    assert {(x.test, x.interpretation) for x in c.labs} >= {("natural killer cell activity", "NEG"),
                                                           ("haptoglobin", "NEG")}
    hlh = next(a for a in c.assessments if a.rule == "hlh2004")
    assert next(i for i in hlh.items if i.name == "NK-cell activity").value is True


def test_absent_before_a_test_or_after_a_pulse_is_no_negative_result():
    for text in ["The table lists: low or absent NK-cell activity\tnot measured.", "After intubation, a carotid pulse "
                 "was absent.", "He had absent urine output."]:
        assert not any(x.interpretation == "NEG" for x in analyze_text(text).labs), text


def test_a_disease_named_by_a_test_that_was_sent_is_looked_for_not_found():
    statuses = {t: [(x.name, x.status) for x in analyze_text(t).conditions] for t in [
        "A COVID PCR was sent.", "A malaria smear was obtained.", "COVID-19 PCR was negative.",
        "A COVID PCR was sent and came back positive."]}
    assert statuses["A COVID PCR was sent."] == [("covid-19", "provisional")]
    assert statuses["A malaria smear was obtained."] == [("malaria", "provisional")]
    assert statuses["COVID-19 PCR was negative."] == [("covid-19", "refuted")]
    assert statuses["A COVID PCR was sent and came back positive."] == [("covid-19", "confirmed")]


def test_the_continuation_phase_named_after_followed_by_extends_those_drugs():
    c = analyze_text("In March 2019 she was started on rifampicin, isoniazid, pyrazinamide and ethambutol for 2 months "
                     "followed by four months of rifampicin and isoniazid.")
    ends = {x.drug: x.end.point for x in c.exposures}
    assert ends["pyrazinamide"] == ends["ethambutol"] == "2019-05"
    assert ends["rifampin"] == ends["isoniazid"] and ends["rifampin"] in ("2019-08", "2019-09")  # six months on


def test_a_denial_ends_at_so_and_what_follows_is_given():
    c = analyze_text("Rituximab was not available, so cyclophosphamide was given. He did not respond to steroids, so "
                     "tocilizumab was started.")
    status = {x.drug: x.status for x in c.exposures}
    assert status["rituximab"] == "not-taken"
    assert status["cyclophosphamide"] != "not-taken" and status["tocilizumab"] != "not-taken"
    assert "glucocorticoid (agent not stated)" in status  # the steroids it did not respond to were given
