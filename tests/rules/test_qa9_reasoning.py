"""Reasoning QA (round 13): families of wrong or misleading statements found reading lines of therapy, steroid
exposure, outcome and HLH items on real case reports, each checked here on invented sentences."""

from casecourse.api import analyze_text
from casecourse.model import BEFORE_ADMISSION, Assertion
from casecourse.rules.lines import lines_of_therapy
from casecourse.rules.outcome import outcome
from casecourse.rules.steroids import steroid_exposure


def _lines(text: str) -> dict[str, dict]:
    return {ln["drug"]: ln for ln in lines_of_therapy(analyze_text(text, assess=False))[0].data["lines"]}


def _events(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.assertion.value) for e in analyze_text(text, assess=False).events]


# --- lines of therapy: which treatment a response belongs to ------------------------------------------------------

def test_a_response_the_sentence_gives_to_another_treatment_is_not_the_lines():
    lines = _lines("A 50-year-old woman with lupus on hydroxychloroquine 200 mg daily was admitted with sepsis. "
                   "Her fever resolved after two days of antibiotics. Her oedema responded to diuresis.")
    assert not any(o.startswith(("recovery", "improvement")) for o in lines["hydroxychloroquine"]["outcomes"])


def test_a_response_told_with_the_start_counts_only_when_told_after_it():
    after = _lines("A 4-year-old boy with Kawasaki disease was treated with intravenous immunoglobulin 2 g/kg, with "
                   "a dramatic clinical improvement within two days.")
    assert "improvement after the start (end not stated)" in after["ivig"]["outcomes"]
    before = _lines("A 60-year-old man was admitted with lymphoma. Once he had recovered from the infection, he was "
                    "started on rituximab 375 mg/m2 weekly.")
    assert not any(o.startswith("recovery") for o in before["rituximab"]["outcomes"])


def test_a_denied_response_naming_the_drug_is_an_inadequate_response_and_takes_the_later_improvement_away():
    lines = _lines("A 7-year-old girl was admitted with fever. She was given intravenous immunoglobulin 2 g/kg on "
                   "day 1. "
                   "In the absence of a response to intravenous immunoglobulin, methylprednisolone 30 mg/kg was given "
                   "on day 2. On day 4 her fever resolved.")
    ivig = lines["ivig"]["outcomes"]
    assert "inadequate response" in ivig
    assert not any(o.startswith("recovery") for o in ivig)


def test_a_denied_improvement_after_the_start_is_reported():
    lines = _lines("A 70-year-old woman with myasthenia was admitted. She received intravenous immunoglobulin 0.4 g/kg "
                   "daily on day 1. On day 4 her weakness did not improve.")
    assert any(o.startswith("no improvement") for o in lines["ivig"]["outcomes"])


def test_a_response_sentence_naming_the_drug_is_credited_after_the_response_window():
    lines = _lines("A 30-year-old man with vasculitis was started on azathioprine 100 mg daily. "
                   "His aneurysms resolved after almost one year of azathioprine.")
    assert any(o.startswith("recovery") for o in lines["azathioprine"]["outcomes"])


def test_a_progression_soon_after_a_start_whose_end_is_not_told_is_reported_but_not_another_diseases_flare():
    lines = _lines("A 40-year-old woman with sarcoma was started on cyclophosphamide. Two months later she had "
                   "disease progression.")
    assert "progression after the start (end not stated)" in lines["cyclophosphamide"]["outcomes"]
    gout = _lines("A 40-year-old man was given intravenous immunoglobulin on day 3, and his stay was complicated by "
                  "a gout flare on day 10.")
    assert not any(o.startswith("relapse") for o in gout["ivig"]["outcomes"])


def test_a_course_with_a_stated_length_is_not_ongoing_at_the_end_of_the_story():
    c = analyze_text("A 65-year-old man was admitted with weakness. The patient was started empirically on intravenous "
                     "immunoglobulins for 5 days, which resulted in significant improvement of his motor function.",
                     assess=False)
    a = lines_of_therapy(c)[0]
    assert not any("ongoing" in o for ln in a.data["lines"] for o in ln["outcomes"])


def test_a_medication_list_is_taken_before_admission_not_started_on_day_0():
    c = analyze_text("A 62-year-old woman was admitted with pneumonia. Her regular medications included methotrexate "
                     "15 mg weekly and omeprazole.", assess=False)
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    assert mtx.time.text == BEFORE_ADMISSION
    a = lines_of_therapy(c)[0]
    assert a.data["lines"][0]["start"] is None and "taken before admission" in a.items[0].detail


def test_a_suggestion_or_an_abandoned_plan_is_no_exposure():
    c = analyze_text("In mitochondrial crisis, intravenous immunoglobulin may be effective. The plan of starting "
                     "methylprednisolone was abandoned in view of her recovery.", assess=False)
    assert not c.exposures


# --- steroid exposure ---------------------------------------------------------------------------------------------

def test_a_local_glucocorticoid_is_not_on_the_systemic_curve():
    c = analyze_text("A 30-year-old man with eczema was treated with topical clobetasol, hydrocortisone cream and "
                     "emollients twice daily.", assess=False)
    assert steroid_exposure(c)[0].status == "not applicable"
    c = analyze_text("She had used topical steroids for eczema and was started on prednisone 40 mg daily.",
                     assess=False)
    assert steroid_exposure(c)[0].data["sequence"] == ["40"]
    c = analyze_text("She needed high-flow nasal cannula oxygen with steroids (methylprednisolone 40 mg daily).",
                     assess=False)
    assert steroid_exposure(c)[0].data["sequence"] == ["50"]  # a nasal cannula is no nasal route of the drug


def test_a_length_told_before_the_drug_ends_the_course():
    c = analyze_text("A 50-year-old woman with myositis was admitted. She received 5 days of intravenous "
                     "methylprednisolone 1 g per day. One month later she was discharged.", assess=False)
    cum = steroid_exposure(c)[0].data["cumulative_mg"]
    assert cum["min"] == cum["max"] == 5 * 1250


def test_a_pulse_told_as_therapy_for_n_days_ends_the_course():
    c = analyze_text("His steroids were changed to methylprednisolone 1 gram intravenous pulse therapy for 3 days. "
                     "Six months later he was well.", assess=False)
    assert steroid_exposure(c)[0].data["cumulative_mg"]["max"] == 3 * 1250


def test_a_dose_taken_at_an_untold_time_leaves_the_cumulative_maximum_open():
    c = analyze_text("A 45-year-old man received a kidney transplant. He received triple immunosuppression consisting "
                     "of tacrolimus 1 mg twice daily and prednisone 25 mg daily. In May 2019 he was admitted with "
                     "meningitis on day 3.", assess=False)
    s = steroid_exposure(c)[0]
    assert s.data["curve"][0]["start"] is None
    assert s.data["cumulative_mg"]["max"] is None  # not 0: any length of it may fall in the period
    assert any("cumulative maximum is open" in n for n in s.notes)


# --- outcome words ------------------------------------------------------------------------------------------------

def test_denials_purposes_and_general_statements_of_outcome_words():
    assert _events("In the absence of a response to rituximab, she was given bortezomib.") == [
        ("improvement", "negated")]
    assert _events("He was treated with anakinra, to which he responded.") == [("improvement", "present")]
    assert _events("Chemotherapy was intensified to achieve complete remission.") == []
    assert _events("None of the agents showed a survival improvement.") == []
    assert _events("Invasive ventilation cannot significantly improve hypoxaemia.") == []
    assert _events("Treatment of the tumour frequently results in improved weakness.") == []
    assert _events("He developed asystole, which did not respond to resuscitation.") == [("death", "present")]


def test_the_state_at_follow_up_decides_the_outcome():
    o = outcome(analyze_text("A 40-year-old man was admitted with ARDS. His lung function did not improve within two "
                             "weeks. Within over one year of follow-up he returned to normal daily life.",
                             assess=False))[0]
    assert o.data["outcome"] == "recovered"
    o = outcome(analyze_text("A 3-year-old boy was admitted with fever. Follow-up at 3 months showed a healthy child "
                             "with a normal examination.", assess=False))[0]
    assert o.data["outcome"] == "recovered"
    o = outcome(analyze_text("A 20-year-old man had a cardiac arrest. His aneurysms resolved. Over the last year he "
                             "has remained bedridden with hypoxic brain injury.", assess=False))[0]
    assert o.data["outcome"] == "alive with disease"
    o = outcome(analyze_text("A 6-year-old girl had pneumonia. Given a satisfactory recovery, she was discharged.",
                             assess=False))[0]
    assert o.data["outcome"] == "recovered"


def test_a_negation_does_not_reach_a_new_clause_after_and():
    c = analyze_text("At the last visit she had no cough and a chest radiograph was markedly improved.", assess=False)
    assert [e.assertion for e in c.events if e.type == "improvement"] == [Assertion.present]
    c = analyze_text("Her mother had rheumatoid arthritis and her sister was diagnosed with lupus.", assess=False)
    assert not c.conditions


def test_outcome_details_name_the_problem_not_the_verb():
    c = analyze_text("At follow-up, the patient’s blood tests had normalized. Hypoxia subsequently improved. "
                     "She responded well to rituximab. The condition had been improved.", assess=False)
    details = [e.detail for e in c.events if e.type == "improvement"]
    assert details == ["blood tests", "Hypoxia", None, None]


# --- HLH items ----------------------------------------------------------------------------------------------------

def test_temperatures_in_degrees_celsius_written_out_or_as_one_sign_are_read():
    c = analyze_text("A 30-year-old man with haemophagocytic lymphohistiocytosis was admitted. His temperature was "
                     "39.4 ℃. On day 2 his temperature was 39.1 degrees Celsius.")
    fever = next(i for a in c.assessments if a.rule == "hlh2004" for i in a.items if i.name == "fever")
    assert fever.value is True and "not convertible" not in (fever.detail or "")


def test_a_length_in_brackets_after_the_drug_ends_the_course():
    c = analyze_text("On admission we gave methylprednisolone (mPSL) 1 g pulse therapy (3-day schedule). Two months "
                     "later she was discharged.", assess=False)
    mp = next(x for x in c.exposures if x.drug == "methylprednisolone")
    assert mp.segments[0].length_days == 3.0


def test_a_named_regimen_written_chope_is_one_line_and_psl_is_prednisolone():
    c = analyze_text("On hospital day 2 she received chemotherapy with CHOPE (cyclophosphamide, doxorubicin, "
                     "vincristine, PSL and etoposide). On day 40 PSL was restarted at 1 mg/kg.", assess=False)
    lines = lines_of_therapy(c)[0].data["lines"]
    assert [ln["drug"] for ln in lines] == ["CHOEP"]
    assert any(x.drug == "prednisolone" for x in c.exposures)


def test_a_time_told_post_discharge_is_no_discharge():
    assert _events("Imaging showed the aneurysms 3 months post discharge.") == []


def test_a_secretion_is_no_discharge_from_hospital():
    assert _events("Frothy discharge came out of the tube and the purulent nasal discharge decreased.") == []
    assert _events("She was discharged home on day 5.") == [("discharge", "present")]


def test_a_days_dose_restated_as_its_split_parts_is_their_sum():
    c = analyze_text("Hydrocortisone was started at 9 mg/m2/day (7.5 mg in the morning and 5 mg at bedtime).",
                     assess=False)
    assert c.exposures[0].segments[0].equivalent.value == 12.5


def test_a_list_of_abbreviations_names_no_treatment_and_solucortef_is_hydrocortisone():
    c = analyze_text("AA: aplastic anemia; CTX: cyclophosphamide; VCM: vancomycin; CNS: central nervous system.",
                     assess=False)
    assert not c.exposures
    c = analyze_text("Treatment: prednisone 40 mg daily; azathioprine 100 mg daily.", assess=False)
    assert [x.drug for x in c.exposures] == ["prednisone", "azathioprine"]
    c = analyze_text("Solucortef (50 mg/day) was maintained for rheumatoid arthritis.", assess=False)
    assert [x.drug for x in c.exposures] == ["hydrocortisone"]


def test_a_single_dose_is_a_course_of_one_day():
    c = analyze_text("A 5-year-old boy was admitted with fever. On day 26 one dose of IVIG was administered at 2 g/kg. "
                     "On day 40 he was discharged.", assess=False)
    ivig = c.exposures[0]
    assert ivig.segments[0].length_days == 1.0 and ivig.end is not None
    c = analyze_text("He was started at a dose of prednisone 40 mg daily.", assess=False)
    assert c.exposures[0].segments[0].length_days is None


def test_a_treatment_that_failed_is_not_how_the_story_ended():
    o = outcome(analyze_text("A 7-year-old boy with leukaemia developed a headache that did not respond to common "
                             "analgesics.", assess=False))[0]
    assert o.data["outcome"] == "unknown"
    o = outcome(analyze_text("A 60-year-old woman was admitted with pneumonia. Her condition did not improve.",
                             assess=False))[0]
    assert o.data["outcome"] == "alive with disease"
