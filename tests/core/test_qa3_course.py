"""Course reading checked on invented neurology, nephrology and paediatric narratives and UK letters."""
import pytest

from casecourse.api import analyze_text
from casecourse.model import Assertion


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text, assess=False).conditions}


def _findings(text: str) -> dict[str, Assertion]:
    return {f.name: f.assertion for f in analyze_text(text, assess=False).findings}


def test_a_suspicion_with_an_adverb_is_a_suspicion() -> None:
    text = ("A 30-year-old woman was admitted with confusion. Herpes simplex encephalitis was initially suspected, "
            "but autoimmune encephalitis was confirmed.")
    assert _conditions(text)["herpes simplex encephalitis"] == "provisional"


def test_the_grounds_of_a_judgement_are_stated_facts() -> None:
    text = ("A 30-year-old woman was admitted. Autoimmune encephalitis was considered likely given the combination "
            "of seizures and fever.")
    found = _findings(text)
    assert found["seizures"] == Assertion.present and found["fever"] == Assertion.present


def test_the_later_word_on_a_suspicion_holds() -> None:
    first = "A 2-day-old boy was admitted. Diagnoses: 1. Suspected meningitis - excluded (CSF culture negative)."
    assert _conditions(first)["meningitis"] == "refuted"
    later = ("A 2-day-old boy was admitted. Meningitis was suspected and antibiotics were started. "
             "Meningitis was excluded by a normal lumbar puncture.")
    assert _conditions(later)["meningitis"] == "refuted"
    earlier = ("A 2-day-old boy was admitted. Meningitis was excluded by a normal lumbar puncture. "
               "Meningitis was suspected again on day 5.")
    assert _conditions(earlier)["meningitis"] == "provisional"  # suspected again after the exclusion
    confirmed = ("A 2-day-old boy was admitted with meningitis. Encephalitis was excluded. "
                 "There was no meningitis in his sibling.")
    assert _conditions(confirmed)["meningitis"] == "confirmed"  # a confirmed diagnosis stays confirmed


def test_not_confirmed_without_a_verb_leaves_the_diagnosis_unproven() -> None:
    text = "A 2-day-old boy was admitted. Antibiotics were continued for 10 days (meningitis not confirmed)."
    assert _conditions(text)["meningitis"] == "provisional"


def test_a_result_that_remains_negative_negates() -> None:
    text = "A 45-year-old man attended clinic. BK viraemia remains negative."
    assert _findings(text)["viraemia"] == Assertion.negated


def test_a_deceased_donor_is_not_the_patients_death() -> None:
    text = ("A 44-year-old man had a deceased-donor renal transplant in March 2019. In 2023 he was admitted with "
            "rejection and was discharged well.")
    c = analyze_text(text, assess=False)
    assert not [e for e in c.events if e.type == "death"]
    assert analyze_text("A 70-year-old man was admitted with sepsis and died on day 3.", assess=False).events[-1].type \
        == "death"


def test_british_approved_drug_names_are_read() -> None:
    text = ("A 24-year-old woman was admitted on 3 March 2023. Intravenous aciclovir 10 mg/kg three times daily was "
            "started, and glyceryl trinitrate was given for chest pain.")
    drugs = {e.drug for e in analyze_text(text, assess=False).exposures}
    assert {"acyclovir", "nitroglycerin"} <= drugs


def test_protein_creatinine_ratio_written_with_a_colon() -> None:
    text = "A 19-year-old man was seen in May 2020. The urine protein:creatinine ratio was 1240 mg/mmol."
    labs = [(x.test, x.value, x.unit) for x in analyze_text(text, assess=False).labs]
    assert labs == [("urine protein/creatinine ratio", 1240.0, "mg/mmol")]


def test_drug_levels_are_labs_not_exposures() -> None:
    text = ("A 44-year-old man takes tacrolimus 4 mg twice daily. His tacrolimus trough level was 6.4 ng/mL. "
            "The pre-dose gentamicin level was 1.1 mg/L.")
    c = analyze_text(text, assess=False)
    labs = {(x.test, x.value, x.unit) for x in c.labs}
    assert ("tacrolimus level", 6.4, "ng/mL") in labs and ("gentamicin level", 1.1, "mg/L") in labs
    assert [e.drug for e in c.exposures] == ["tacrolimus"]


def test_neural_autoantibodies_are_their_own_tests() -> None:
    text = ("A 58-year-old man was admitted with weakness. Anti-GM1 IgG antibodies were positive, while anti-GQ1b "
            "antibodies were negative. Anti-NMDA receptor antibodies were negative. Anti-MuSK antibodies were "
            "negative and acetylcholine receptor antibodies were 12.4 nmol/L.")
    labs = {(x.test, x.interpretation, x.value) for x in analyze_text(text, assess=False).labs}
    assert ("anti-gq1b antibodies", "NEG", None) in labs
    assert ("anti-nmda receptor antibodies", "NEG", None) in labs
    assert ("anti-musk antibodies", "NEG", None) in labs
    assert ("acetylcholine receptor antibodies", None, 12.4) in labs
    assert any(t.startswith("anti-gm1") and i == "POS" for t, i, _ in labs)


def test_a_value_against_the_interval_the_report_states() -> None:
    text = ("A 70-year-old man was admitted on 2 May 2021. Haemoglobin 94 g/L (130-170), white cell count "
            "11.8 x 10^9/L (reference 4.0-11.0), CRP 6 mg/L (<5), albumin 36 g/L (35-50), eGFR 40 mL/min (>60), "
            "ferritin 300 ng/mL (normal range 20-250 ng/mL). His tacrolimus level was 3.2 ug/L (target 6-8 ug/L) "
            "and HbA1c 58 mmol/mol (7.5%).")
    interp = {x.test: x.interpretation for x in analyze_text(text, assess=False).labs}
    assert interp["hemoglobin"] == "L" and interp["leukocytes"] == "H" and interp["c-reactive protein"] == "H"
    assert interp["albumin"] == "N" and interp["estimated glomerular filtration rate"] == "L"
    assert interp["ferritin"] == "H"
    assert interp["tacrolimus level"] is None  # a target range is no reference interval
    assert interp["hemoglobin a1c"] is None  # a single number in brackets states no interval


def test_the_step_of_a_taper_is_no_dose() -> None:
    text = ("A 30-year-old woman was admitted on 2 May 2021. She received oral prednisolone 60 mg once daily from "
            "4 May. Prednisolone was tapered by 10 mg every week and stopped on 30 June.")
    (exp,) = [e for e in analyze_text(text, assess=False).exposures if e.drug == "prednisolone"]
    assert [s.dose.value for s in exp.segments if s.dose] == [60.0]
    assert exp.end is not None and exp.end.point == "2021-06-30"  # a date without its year, from the story's year


@pytest.mark.parametrize("step", ["was cut by 10 mg", "was reduced by weekly reductions of 10 mg",
                                  "was weaned down by 10 mg every week"])
def test_other_wordings_of_a_taper_step_are_no_dose(step: str) -> None:
    text = f"In March 2020 prednisone 40 mg daily was started; in May prednisone {step}."
    (exp,) = [e for e in analyze_text(text, assess=False).exposures if e.drug == "prednisone"]
    assert [s.dose.value for s in exp.segments if s.dose] == [40.0]


def test_a_route_word_before_the_next_drug_is_that_drugs() -> None:
    text = ("A 30-year-old woman was admitted on 2 May 2021. She was given immunoglobulin 0.4 g/kg/day for 5 days, "
            "followed by oral prednisolone 60 mg once daily. Later intravenous immunoglobulin 2 g/kg was repeated.")
    exps = {e.drug: e for e in analyze_text(text, assess=False).exposures}
    assert exps["prednisolone"].segments[0].route == "oral"
    assert all(s.route != "oral" for e in exps.values() if e.drug != "prednisolone" for s in e.segments)
    assert exps["intravenous immunoglobulin"].segments[-1].route == "intravenous"  # the name says its route


def test_a_short_form_names_the_organism_the_text_writes_in_full() -> None:
    text = ("A 14-hour-old boy was admitted with grunting. Maternal GBS status was unknown. Blood culture grew group B "
            "streptococcus (Streptococcus agalactiae).")
    c = analyze_text(text, assess=False)
    assert not [x for x in c.conditions if "guillain" in x.name]
    assert not [f for f in c.findings if "agalact" in f.name]  # the organism's epithet is no agalactia
    gbs = "A 58-year-old man was admitted with ascending weakness. GBS was diagnosed and treated with IVIG."
    assert [x.name for x in analyze_text(gbs, assess=False).conditions] == ["guillain-barré syndrome"]


def test_on_admission_returns_from_a_piece_of_history() -> None:
    text = ("A 67-year-old woman with myasthenia gravis diagnosed in 2019 was admitted on 2 October 2022 with "
            "dysphagia. She had undergone thymectomy in 2020. On admission she had bilateral ptosis and a "
            "temperature of 38.6 °C. Prednisolone was increased to 40 mg daily on 3 October.")
    c = analyze_text(text, assess=False)
    (ptosis,) = [f for f in c.findings if f.name == "bilateral ptosis"]
    assert ptosis.time.point == "2022-10-02"
    (temp,) = [x for x in c.labs if x.test == "body temperature"]
    assert temp.time.point == "2022-10-02"
    pred = [e for e in c.exposures if e.drug == "prednisolone"][0]
    assert pred.segments[-1].start.point == "2022-10-03"


def test_on_examination_returns_to_the_presentation() -> None:
    text = ("A 58-year-old man presented on 10 January 2024 with a 5-day history of leg weakness. Three weeks "
            "earlier he had had diarrhoea. On examination he had absent tendon reflexes.")
    c = analyze_text(text, assess=False)
    (refl,) = [f for f in c.findings if f.name == "absent tendon reflexes"]
    assert refl.time.point == "2024-01-10"
    (diarr,) = [f for f in c.findings if f.name == "diarrhoea"]
    assert diarr.time.point is not None and diarr.time.point < "2024-01-10"  # the history keeps its own time


def test_a_length_from_a_person_does_not_move_the_story() -> None:
    text = ("A 7-month-old boy was admitted on 11 November 2022 with a 6-day history of fever. He had received "
            "amoxicillin orally for 3 days from his general practitioner, without improvement. He had conjunctival "
            "injection.")
    c = analyze_text(text, assess=False)
    (inj,) = [f for f in c.findings if f.name == "conjunctival injection"]
    assert inj.time.point == "2022-11-11"


def test_stop_reasons_with_a_measurement_or_a_resolution() -> None:
    text = ("A 19-year-old man was seen on 3 March 2022. Tacrolimus was stopped because of a rise in creatinine to "
            "132 umol/L and new tremor. Furosemide was stopped once the oedema had resolved.")
    why = {e.drug: e.stop_reason for e in analyze_text(text, assess=False).exposures}
    assert why["tacrolimus"] == "rise in creatinine to 132 umol/L"
    assert why["furosemide"] == "oedema resolved"


def test_bare_analytes_of_a_lumbar_puncture_are_csf_tests() -> None:
    text = ("A 24-year-old woman was admitted on 3 March 2023. Lumbar puncture showed 42 cells/uL, protein 0.62 g/L "
            "and glucose 3.4 mmol/L, with a paired serum glucose of 5.8 mmol/L. Total protein was 72 g/L.")
    labs = {(x.test, x.value, x.value_si, x.unit_si) for x in analyze_text(text, assess=False).labs}
    assert ("cerebrospinal fluid protein", 0.62, 0.62, "g/L") in labs
    assert ("cerebrospinal fluid glucose", 3.4, 3.4, "mmol/L") in labs
    assert ("glucose", 5.8, 5.8, "mmol/L") in labs  # the serum glucose stays serum
    assert ("total protein", 72.0, 72.0, "g/L") in labs  # no CSF named in its sentence


def test_transplant_rejection_is_a_coded_diagnosis() -> None:
    text = ("A 44-year-old man with a kidney transplant was admitted in August 2023. His biopsy showed acute T-cell "
            "mediated rejection, with no features of antibody-mediated rejection.")
    conds = {c.name: (c.status, [x.code for x in c.codings]) for c in analyze_text(text, assess=False).conditions}
    assert conds["t-cell mediated rejection"] == ("confirmed", ["T86.91"])
    assert conds["antibody-mediated rejection"][0] == "refuted"


def test_a_letters_today_is_the_date_it_gives() -> None:
    text = ("Dear Dr Morgan, I reviewed Mr Hughes in clinic today, 13 October 2023. He was admitted in August with a "
            "rise in creatinine. His biopsy on 22/08/2023 showed rejection. Today he is well. Bloods today: "
            "creatinine 146 umol/L.")
    labs = [x for x in analyze_text(text, assess=False).labs if x.value == 146.0]
    assert labs and labs[0].time.point == "2023-10-13"


def test_a_stated_date_of_birth_gives_the_age() -> None:
    text = ("Re: Mr David Hughes, DOB 12/05/1979\n\nDear Dr Morgan, Mr Hughes was admitted on 20 August 2023 with a "
            "rise in creatinine.")
    p = analyze_text(text, assess=False).patient
    assert p.birth_year == (1979, 1979) and p.age_years == 44.0
    early = "DOB: 25/08/1979\nShe was admitted on 20 August 2023 with fever."
    assert analyze_text(early, assess=False).patient.age_years == 43.0  # the birthday is still to come


def test_a_gestational_age_at_birth_is_no_time_of_the_story() -> None:
    text = ("Date of admission: 04/02/2024. He was born at 38 weeks by spontaneous vaginal delivery. At 14 hours of "
            "age he developed grunting.")
    (grunt,) = [f for f in analyze_text(text, assess=False).findings if f.name == "grunting"]
    # not 38 weeks on, and not an inverted interval; "04/02/2024" settles no day-month order, so the interval holds
    # both readings (4 February, the estimate, and 2 April)
    assert (grunt.time.point, grunt.time.earliest, grunt.time.latest) == ("2024-02-04", "2024-02-04", "2024-04-02")


def test_a_course_from_one_date_to_another() -> None:
    text = ("A 58-year-old man presented on 10 January 2024 with weakness. He was treated with IVIG 2 g/kg from "
            "11 January to 15 January 2024. Prednisolone 40 mg daily was given from 3 February 2024 until "
            "10 March 2024.")
    exps = {e.drug: e for e in analyze_text(text, assess=False).exposures}
    seg = exps["intravenous immunoglobulin"].segments[0]
    assert (seg.start.point, seg.end.point) == ("2024-01-11", "2024-01-15")
    seg = exps["prednisolone"].segments[0]
    assert (seg.start.point, seg.end.point) == ("2024-02-03", "2024-03-10")


def test_the_first_day_of_a_range_shares_the_seconds_month() -> None:
    text = ("A 58-year-old man presented on 10 January 2024 with weakness. He received prednisolone 40 mg daily from "
            "11 to 15 January 2024.")
    seg = [e for e in analyze_text(text, assess=False).exposures if e.drug == "prednisolone"][0].segments[0]
    assert (seg.start.point, seg.end.point) == ("2024-01-11", "2024-01-15")


def test_guillain_barre_work_up_words() -> None:
    text = ("A 58-year-old man was admitted with ascending weakness. Campylobacter jejuni serology was positive. "
            "Lumbar puncture showed albuminocytological dissociation.")
    c = analyze_text(text, assess=False)
    assert ("Campylobacter jejuni serology", "POS") in {(x.test, x.interpretation) for x in c.labs}
    (f,) = [f for f in c.findings if "dissociation" in f.name]
    assert [x.code for x in f.codings] == ["HP:0002922"]  # raised CSF protein, not the psychiatric Dissociation


def test_a_presentation_to_the_emergency_department_starts_the_stay() -> None:
    text = ("A 24-year-old woman with no past medical history presented to the emergency department on 3 March 2023 "
            "with agitation. Aciclovir, started on admission, was stopped on day 4. Methylprednisolone 1 g daily was "
            "started on day 5.")
    c = analyze_text(text, assess=False)
    adm = [e for e in c.events if e.type == "admission"]
    assert adm and adm[0].time.point == "2023-03-03"
    mp = [e for e in c.exposures if e.drug == "methylprednisolone"][0]
    assert mp.segments[0].start.point == "2023-03-07"  # day 5 of the stay, counted from the presentation


def test_a_stop_after_a_participle_between_commas() -> None:
    text = ("A 24-year-old woman was admitted on 3 March 2023 with confusion. Intravenous aciclovir 10 mg/kg three "
            "times daily, started empirically on admission, was stopped on day 4 after the HSV PCR was negative.")
    (acv,) = [e for e in analyze_text(text, assess=False).exposures if e.drug == "acyclovir"]
    assert acv.status == "stopped" and acv.end is not None and acv.end.point == "2023-03-06"
    assert acv.stop_reason == "HSV PCR negative"


def test_an_avoided_drug_was_not_taken() -> None:
    text = ("A 67-year-old woman with myasthenia gravis was admitted on 2 October 2022 with pneumonia. It was treated "
            "with co-amoxiclav 1.2 g IV three times daily; clarithromycin was avoided because it may worsen "
            "myasthenia.")
    status = {e.drug: e.status for e in analyze_text(text, assess=False).exposures}
    assert status["clarithromycin"] == "not-taken" and status["amoxicillin-clavulanate"] != "not-taken"
