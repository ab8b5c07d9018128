"""Course reading checked on invented clinical narratives (infection, cardiology, nephrology, obstetrics)."""
from casecourse.api import analyze_text


def _exp(course, drug):
    return [e for e in course.exposures if e.drug == drug]


def test_list_of_drug_doses_shares_its_written_frequency_and_route() -> None:
    text = ("A 40-year-old man with pulmonary tuberculosis was started on rifampicin 600 mg, isoniazid 300 mg and "
            "ethambutol 1200 mg daily. Later he received vancomycin 1 g and cefepime 2 g intravenously every 8 hours. "
            "He also took prednisone 40 mg, azathioprine 100 mg.")
    c = analyze_text(text, assess=False)
    for drug in ("rifampin", "isoniazid", "ethambutol"):
        seg = _exp(c, drug)[0].segments[0]
        assert seg.timing is not None and (seg.timing.frequency, seg.timing.period, seg.timing.period_unit) == \
            (1, 1.0, "d"), drug
    for drug in ("vancomycin", "cefepime"):
        seg = _exp(c, drug)[0].segments[0]
        assert seg.route == "intravenous" and seg.timing is not None and seg.timing.period == 8.0, drug
    assert _exp(c, "prednisone")[0].segments[0].timing is None  # no frequency written: none invented


def test_a_discharge_after_a_presentation_is_an_episode() -> None:
    text = ("A 62-year-old woman presented with fever and a new murmur. Blood cultures grew Enterococcus faecalis. "
            "On hospital day 4 she underwent valve surgery. She was discharged on day 18.")
    c = analyze_text(text, assess=False)
    dis = [e for e in c.events if e.type == "discharge"]
    assert len(dis) == 1 and dis[0].time.offset_days == (17.0, 17.0)


def test_hiv_care_labs_are_their_own_tests() -> None:
    text = ("A 38-year-old man was admitted with dyspnoea. An HIV test was reactive; his CD4+ T-cell count was "
            "61 cells/µL, HIV-1 RNA was 210,000 copies/mL and beta-D-glucan was >400 pg/mL.")
    labs = {(lab.test, lab.value, lab.unit, lab.comparator, lab.interpretation)
            for lab in analyze_text(text, assess=False).labs}
    assert ("cd4 count", 61.0, "cells/µL", None, None) in labs
    assert ("hiv-1 viral load", 210000.0, "copies/mL", None, None) in labs
    assert ("beta-d-glucan", 400.0, "pg/mL", ">", None) in labs
    assert [x for x in labs if x[4] == "POS"] == [("hiv serology", None, None, None, "POS")]  # one result


def test_a_protein_creatinine_ratio_in_grams_per_gram_is_a_lab_not_a_dose() -> None:
    text = "A 31-year-old pregnant woman was admitted. Her urine protein/creatinine ratio was 2.1 g/g."
    c = analyze_text(text, assess=False)
    assert [(x.test, x.value, x.unit) for x in c.labs] == [("urine protein/creatinine ratio", 2.1, "g/g")]
    assert c.exposures == []


def test_a_sentence_after_a_unit_ending_in_l_keeps_its_diagnosis() -> None:
    text = ("A 27-year-old woman at 34 weeks' gestation was admitted. Platelets were 88,000/µL. Eclampsia was "
            "diagnosed. Sodium was 129 mmol/L. Fever developed on day 2. Blood cultures grew S. aureus.")
    c = analyze_text(text, assess=False)
    assert "eclampsia" in {x.name for x in c.conditions}
    assert "fever" in {x.name for x in c.findings}


def test_a_drug_after_a_resolved_finding_is_given() -> None:
    text = ("A 55-year-old man was admitted with neutropenic fever and received cefepime. His fever resolved within "
            "three days, and he was switched to oral levofloxacin.")
    c = analyze_text(text, assess=False)
    assert {e.drug for e in c.exposures} >= {"cefepime", "levofloxacin"}
    assert "fever" in {f.name for f in c.findings}


def test_a_decimal_dose_does_not_cut_a_drug_from_its_route_and_frequency() -> None:
    text = "A 63-year-old woman was admitted. She received piperacillin-tazobactam 4.5 g IV every 6 hours."
    seg = _exp(analyze_text(text, assess=False), "piperacillin-tazobactam")[0].segments[0]
    assert seg.route == "intravenous" and seg.timing is not None and (seg.timing.period, seg.timing.period_unit) \
        == (6.0, "h")


def test_empirical_drugs_de_escalated_to_another_stop_there() -> None:
    text = ("A 66-year-old man was admitted with fever. Empirical meropenem and vancomycin, which were de-escalated "
            "to intravenous cefazolin 2 g every 8 hours on hospital day 4, were given.")
    c = analyze_text(text, assess=False)
    for drug in ("meropenem", "vancomycin"):
        e = _exp(c, drug)[0]
        assert e.status == "stopped" and e.end is not None and e.end.offset_days == (3.0, 3.0), drug
        assert not e.segments[0].start.known, drug  # begun before; the stop's day is not its start
    cz = _exp(c, "cefazolin")[0]
    assert cz.status != "stopped" and cz.segments[0].start.offset_days == (3.0, 3.0)


def test_a_combination_of_three_names_each_ingredient_and_amounts_pair_up() -> None:
    text = ("A 41-year-old man was admitted. Antiretroviral therapy with bictegravir/emtricitabine/tenofovir "
            "alafenamide was started. For heart failure he took sacubitril/valsartan 24/26 mg twice daily.")
    c = analyze_text(text, assess=False)
    assert {"bictegravir", "emtricitabine", "tenofovir alafenamide"} <= {e.drug for e in c.exposures}
    doses = {e.drug: e.segments[0].dose.value for e in c.exposures if e.segments[0].dose}
    assert doses.get("sacubitril") == 24.0 and doses.get("valsartan") == 26.0


def test_a_regimen_spelled_out_gives_each_ingredient_its_own_dose() -> None:
    text = ("A 58-year-old man with gastric cancer received FOLFOX (oxaliplatin 85 mg/m2, leucovorin 200 mg/m2 and "
            "fluorouracil 2400 mg/m2) every 2 weeks.")
    doses = {e.drug: [s.dose.value for s in e.segments if s.dose] for e in analyze_text(text, assess=False).exposures}
    assert doses == {"oxaliplatin": [85.0], "leucovorin": [200.0], "fluorouracil": [2400.0]}


def test_a_target_value_is_no_result() -> None:
    text = ("A 70-year-old man with atrial fibrillation was admitted. Warfarin was started with a target INR of 2-3. "
            "On day 5 his INR was 4.1 (goal 2-3).")
    labs = [(x.test, x.value) for x in analyze_text(text, assess=False).labs]
    assert labs == [("international normalized ratio", 4.1)]


def test_a_newborns_weight_is_not_the_mothers() -> None:
    text = ("A 33-year-old woman at 35 weeks' gestation underwent caesarean section, and a male infant weighing "
            "2,450 g was delivered. Her own weight was 78 kg.")
    assert [(x.test, x.value) for x in analyze_text(text, assess=False).labs] == [("body weight", 78.0)]
    baby = analyze_text("A male infant weighing 1,650 g was born at 32 weeks.", assess=False)
    assert [(x.test, x.value) for x in baby.labs] == [("body weight", 1650.0)]  # the patient is the infant


def test_the_same_amount_on_another_schedule_is_a_new_dose() -> None:
    text = ("A 45-year-old man with Pneumocystis pneumonia was given prednisone 40 mg twice daily for 5 days, then "
            "40 mg daily for 5 days, then 20 mg daily for 11 days. Later he took cefuroxime 500 mg every 12 hours, "
            "and cefuroxime 500 mg twice daily was continued.")
    c = analyze_text(text, assess=False)
    pred = _exp(c, "prednisone")[0]
    assert [(s.dose.value, s.timing.frequency) for s in pred.segments] == [(40.0, 2), (40.0, 1), (20.0, 1)]
    assert len(_exp(c, "cefuroxime")[0].segments) == 1  # every 12 hours is twice daily


def test_drug_injury_and_tumour_lysis_are_diagnoses() -> None:
    text = ("A 47-year-old man with tuberculosis was admitted. Two weeks into treatment he developed drug-induced "
            "liver injury. After chemotherapy for lymphoma he developed tumour lysis syndrome.")
    names = {x.name for x in analyze_text(text, assess=False).conditions}
    assert {"drug-induced liver injury", "tumor lysis syndrome"} <= names and "neoplasm" not in names
