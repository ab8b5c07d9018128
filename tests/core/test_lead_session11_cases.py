"""Found reading invented SLE and adult-onset Still's disease courses (lead, eleventh session): a wish to become
pregnant is no pregnancy; red and white cells counted per high-power field in a urinalysis are urine counts, in a
biopsy no blood count; "three daily pulses" are three pulses, not a pulse every three days. Every sentence here is
invented."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None]]:
    return [(lab.test, lab.value) for lab in analyze_text(text, assess=False).labs]


def test_a_wish_to_become_pregnant_is_no_pregnancy() -> None:
    course = analyze_text("Mycophenolate was stopped in 2020 because she wished to become pregnant.", assess=False)
    assert "pregnancy" not in [c.name for c in course.conditions]
    course = analyze_text("She became pregnant in 2019 while on azathioprine.", assess=False)
    assert "pregnancy" in [c.name for c in course.conditions]


def test_cells_per_high_power_field() -> None:
    assert ("urine erythrocytes", 15.0) in _labs("Urinalysis showed 2+ protein and 15 RBC/hpf.")
    assert ("urine leukocytes", 5.0) in _labs("Urine sediment showed 20 RBCs/HPF and 5 WBC/hpf.")
    assert ("stool leukocytes", 10.0) in _labs("Stool microscopy showed 10 WBC/hpf.")
    assert _labs("Eosinophils were 40/hpf in the oesophageal biopsy.") == []


def test_counted_daily_pulses() -> None:
    course = analyze_text("A renal biopsy on 2 February 2018 showed lupus nephritis. She received three daily pulses "
                          "of methylprednisolone 500 mg.", assess=False)
    (seg,) = course.exposures[0].segments
    assert (seg.start.point, seg.end.point) == ("2018-02-02", "2018-02-05")


def test_a_result_word_after_another_tests_value_is_not_shared() -> None:
    labs = [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(
        "Anti-dsDNA was 310 IU/mL (normal < 30) and anti-Sm antibodies were positive.", assess=False).labs]
    assert ("anti-sm antibodies", None, "POS") in labs
    assert not [x for x in labs if x[0].startswith("anti-double") and x[2] == "POS"]


def test_a_culture_takes_no_bare_number() -> None:
    labs = [(lab.test, lab.value) for lab in analyze_text(
        "Blood cultures (2 sets) and urine culture were negative.", assess=False).labs]
    assert labs == [("blood culture", None), ("urine culture", None)]


def test_protein_per_creatinine_is_the_ratio() -> None:
    labs = [(lab.test, lab.value) for lab in analyze_text(
        "By August the proteinuria had fallen to 40 mg/mmol.", assess=False).labs]
    assert ("urine protein/creatinine ratio", 40.0) in labs
    assert ("urine protein", 2.1) in [(lab.test, lab.value) for lab in analyze_text(
        "Proteinuria was 2.1 g/24 h.", assess=False).labs]


def test_a_stop_for_a_planned_pregnancy() -> None:
    course = analyze_text("She started mycophenolate in 2018. Mycophenolate was stopped in January 2020 because she "
                          "wished to become pregnant.", assess=False)
    assert [(e.status, e.stop_reason) for e in course.exposures] == [("stopped", "planned pregnancy")]


def _conditions(text: str) -> list[tuple[str, str]]:
    return [(c.name, c.status) for c in analyze_text(text, assess=False).conditions]


def test_a_measured_viral_load_is_an_infection_and_a_later_negative_test_does_not_refute_it() -> None:
    found = _conditions("EBV viral load in plasma was 2.4 x 10^6 copies/mL. After rituximab, EBV PCR was negative.")
    assert found == [("epstein-barr virus infection", "confirmed")]
    assert _conditions("EBV viral load was <500 copies/mL.") == []
    assert _conditions("EBV PCR was negative.") == [("epstein-barr virus infection", "refuted")]


def test_a_test_that_became_negative_refutes_nothing() -> None:
    assert _conditions("After six weeks of ganciclovir, CMV PCR became negative.") == []


def test_a_referral_for_transplantation_is_no_admission() -> None:
    course = analyze_text("He presented with fever. At week 8, he relapsed. Emapalumab 1 mg/kg was started and he was "
                          "referred for stem cell transplantation.", assess=False)
    (emapalumab,) = course.exposures
    assert emapalumab.segments[0].start.offset_days is not None


def test_courses_end_by_a_dated_death_and_muscle_death_is_no_death() -> None:
    course = analyze_text("He presented with fever. Dexamethasone was started on day 3. He died of respiratory failure "
                          "on day 40.", assess=False)
    (dex,) = course.exposures
    assert dex.end is not None and dex.end.offset_days == (2.0, 39.0) and dex.end.derivation == "estimated"
    course = analyze_text("The nerve was repaired on day 3, despite the risk of muscle death before reinnervation.",
                          assess=False)
    assert [e.type for e in course.events if e.type == "death"] == []


def test_flares_a_drug_is_for_are_no_flare() -> None:
    course = analyze_text("She was admitted on 3 May 2020. Colchicine 500 micrograms twice daily was prescribed for "
                          "gout flares.", assess=False)
    assert [e.type for e in course.events] == ["admission"]
    course = analyze_text("She was admitted in May 2020 with a lupus flare.", assess=False)
    assert "flare" in [e.type for e in course.events]


def test_where_a_virus_was_found_is_no_test_and_both_readers_name_one_test() -> None:
    assert [(lab.test, lab.interpretation) for lab in analyze_text(
        "HHV-6 DNA was detected in blood by PCR.", assess=False).labs] == [("human herpesvirus 6 viral load", "POS")]
    assert [(lab.test, lab.interpretation) for lab in analyze_text(
        "PCR of the blood was positive for CMV.", assess=False).labs] == [("cytomegalovirus PCR", "POS")]
    assert sorted(lab.test for lab in analyze_text("Cultures of blood and urine were negative.", assess=False).labs) \
        == ["blood culture", "urine culture"]


def test_a_stop_takes_the_harm_the_sentence_before_laid_on_the_drug() -> None:
    course = analyze_text("A man was started on allopurinol 300 mg daily on 3 March 2022. He was admitted on 14 April "
                          "2022 with a rash. DRESS due to allopurinol was diagnosed. Allopurinol was stopped on "
                          "admission.", assess=False)
    assert [(e.status, e.stop_reason) for e in course.exposures] == [("stopped", "adverse effect")]
    course = analyze_text("She was started on methotrexate in 2019. In 2021 she developed pneumonia. Methotrexate was "
                          "discontinued.", assess=False)
    assert [(e.status, e.stop_reason) for e in course.exposures] == [("stopped", None)]


def test_the_length_of_what_led_to_a_presentation_does_not_move_the_story() -> None:
    course = analyze_text("A woman was brought to the emergency department on 2 September 2023 after ten days of "
                          "insomnia and agitation. She had no psychiatric history. On examination she was "
                          "disoriented.", assess=False)
    assert {f.name: f.time.point for f in course.findings}["disorientation"] == "2023-09-02"


def test_cells_per_microlitre_of_a_fluid() -> None:
    labs = [(lab.test, lab.value) for lab in analyze_text(
        "Lumbar puncture revealed 48 white cells/µL (95% lymphocytes) and protein 0.62 g/L.", assess=False).labs]
    assert ("cerebrospinal fluid leukocytes", 48.0) in labs


def test_brought_to_the_emergency_department_review_and_return_to_work() -> None:
    course = analyze_text("A woman was brought to the emergency department on 2 September 2023 after a seizure. At the "
                          "six-month review she had returned to work.", assess=False)
    assert [(e.type, e.time.point) for e in course.events] == [
        ("admission", "2023-09-02"), ("follow_up", "2024-03"), ("recovery", "2024-03")]
    assert [e.type for e in analyze_text("On review of the CT scans, a nodule was seen.", assess=False).events] == []


def test_a_counted_course_over_and_a_later_dated_start_are_two_courses() -> None:
    course = analyze_text("He was admitted on 14 October 2019. He received rituximab 375 mg/m2 weekly for four doses. "
                          "Maintenance rituximab 500 mg every six months was started in April 2020.", assess=False)
    assert [(e.status, e.segments[0].start.point, e.segments[-1].end.point if e.segments[-1].end else None)
            for e in course.exposures] == [("completed", "2019-10-14", "2019-11-11"), ("unknown", "2020-04", None)]


def test_a_result_dated_inside_its_brackets() -> None:
    course = analyze_text("He was admitted on 14 October 2019. His creatinine was 412 umol/L (it had been 88 umol/L "
                          "in June 2019) and CRP 142 mg/L.", assess=False)
    assert [(lab.value, lab.time.point) for lab in course.labs] == [
        (412.0, "2019-10-14"), (88.0, "2019-06"), (142.0, "2019-10-14")]


def test_a_figure_legend_date_dates_no_story_and_no_time_without_a_drug_is_no_hold() -> None:
    course = analyze_text("A man fell into an acid pool. Two hours later, he was admitted. Three days later he "
                          "improved.\nFigure 2 Chest radiograph. Left (December 10, 2014): infiltrates.", assess=False)
    assert [e.time.offset_days is not None for e in course.events] == [True, True]
    course = analyze_text("She was admitted on 1 May 2020. She received micafungin for a total of 69 days. There had "
                          "been no time without antifungal coverage.", assess=False)
    assert [e.status for e in course.exposures] == ["completed"]


def test_a_follow_up_mark_counts_from_the_stay_in_a_dated_story() -> None:
    course = analyze_text("A 3-year-old boy was admitted on 9 January 2023 with fever. Desquamation appeared in the "
                          "second week. At the six-week review, his platelet count was 512 x 10^9/L. Aspirin was "
                          "stopped at eight weeks.", assess=False)
    assert [(e.type, e.time.point) for e in course.events] == [("admission", "2023-01-09"), ("follow_up", "2023-02-20")]


def test_a_second_dose_is_a_new_course_and_a_relatives_death_is_not_the_patients() -> None:
    course = analyze_text("He was admitted on 9 January 2023. He received IVIG 2 g/kg. On 11 January a second dose of "
                          "IVIG was given.", assess=False)
    assert [e.segments[0].start.point for e in course.exposures] == ["2023-01-09", "2023-01-11"]
    course = analyze_text("She was admitted in 2009 with preeclampsia. Her mother had toxemia associated with all "
                          "three pregnancies, and died at 76 years of age.", assess=False)
    assert [e.type for e in course.events] == ["admission"]
