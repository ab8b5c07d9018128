"""Round labqa12: Apgar scores paired with the minutes they are given for, and other misreadings of running text
(invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text("Case presentation\nA woman in labour was admitted at term.\n" + text, assess=False)


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in _course(text).labs]


def _apgar(text: str) -> list[tuple[str, float | None]]:
    return [(test, value) for test, value, _, _ in _labs(text) if test.startswith("apgar")]


def test_minutes_listed_after_the_name_are_no_scores() -> None:
    apgar = _apgar("A girl was born, and her Apgar score at 1, 5 and 10 minutes was 6, 9 and 10, respectively.")
    assert apgar == [("apgar score at 1 minute", 6.0), ("apgar score at 5 minutes", 9.0),
                     ("apgar score at 10 minutes", 10.0)]


def test_scores_then_minutes_are_paired_in_order() -> None:
    apgar = _apgar("The boy cried at once, with Apgar scores of 7 and 9 at 1 and 5 min.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_scores_after_a_weight_are_no_weights() -> None:
    labs = _labs("The infant weighed 3150 g, with 1 min and 5 min Apgar scores of 9 and 10, respectively.")
    assert ("body weight", 3150.0, "g", None) in labs
    assert not [lab for lab in labs if lab[0] == "body weight" and lab[1] in (9.0, 10.0)]
    assert [lab[:2] for lab in labs if lab[0].startswith("apgar")] == [
        ("apgar score at 1 minute", 9.0), ("apgar score at 5 minutes", 10.0)]


def test_each_score_at_its_own_minute() -> None:
    course = _course("Apgar scores were 4 at 1 minute and 7 at 5 minutes, and the baby was ventilated.")
    assert [(lab.test, lab.value) for lab in course.labs if lab.test.startswith("apgar")] == [
        ("apgar score at 1 minute", 4.0), ("apgar score at 5 minutes", 7.0)]
    assert not [s for s in course.scores if s.name == "apgar score"]  # not also a score at no minute


def test_scores_written_as_a_fraction_with_their_minutes() -> None:
    apgar = _apgar("Her Apgar score was 7/9 at 1 and 5 minutes after delivery.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_minutes_written_as_ordinals() -> None:
    apgar = _apgar("His Apgar values were 5 and 8 in the first and fifth minutes of life.")
    assert apgar == [("apgar score at 1 minute", 5.0), ("apgar score at 5 minutes", 8.0)]


def test_lists_that_do_not_pair_give_no_score() -> None:
    labs = _labs("Twins were delivered with Apgar scores of 6/10 and 9/10 at 1 min, weighing 1.9 kg and 2.1 kg.")
    assert not [lab for lab in labs if lab[0].startswith("apgar")]
    weights = [lab[:3] for lab in labs if lab[0] == "body weight"]
    assert weights == [("body weight", 1.9, "kg"), ("body weight", 2.1, "kg")]


def test_apgar_codes_by_minute() -> None:
    course = _course("Apgar scores were 8 and 9 at 1 and 5 minutes.")
    codes = [c.code for lab in course.labs for c in lab.codings]
    assert codes == ["9272-6", "9274-2"]


def test_an_apgar_score_after_a_decimal_takes_no_minute_from_it() -> None:
    apgar = _apgar("The cord pH was 7.251, and the 5-min Apgar score was 8 despite the meconium.")
    assert apgar == [("apgar score at 5 minutes", 8.0)]


def test_an_apgar_range_stays_a_range() -> None:
    labs = [lab for lab in _course("The Apgar score was 8–9, and the baby fed well.").labs
            if lab.test.startswith("apgar")]
    assert [(lab.test, lab.value, lab.value_high) for lab in labs] == [("apgar score", 8.0, 9.0)]


def test_minutes_with_a_hanging_hyphen_before_the_name() -> None:
    apgar = _apgar("She was vigorous, with 1- and 5-minute Apgar scores of 7 and 9, respectively.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_a_score_out_of_ten_is_its_first_number() -> None:
    apgar = _apgar("The second twin was delivered by caesarean section and her Apgar score at 5 min was 8/10 points.")
    assert apgar == [("apgar score at 5 minutes", 8.0)]

def test_blood_gas_partial_pressures_named_in_words() -> None:
    labs = [lab[:3] for lab in _labs(
        "The arterial gas showed an arterial carbon dioxide partial pressure of 61 mmHg and an arterial oxygen "
        "partial pressure of 58 mmHg.")]
    assert ("pco2", 61.0, "mmHg") in labs
    assert ("po2", 58.0, "mmHg") in labs


def test_pro_b_natriuretic_peptide_is_no_albumin() -> None:
    labs = [lab[:3] for lab in _labs("Her albumin was 2.9 g/dL and pro B-type natriuretic peptide, 4,120 pg/mL.")]
    assert ("nt-probnp", 4120.0, "pg/mL") in labs
    assert ("albumin", 4120.0, "pg/mL") not in labs


def test_ca_19_9_with_an_en_dash_is_no_cea() -> None:
    labs = [lab[:3] for lab in _labs("CEA was 12 ng/mL and CA 19–9 was 840 U/mL.")]
    assert ("ca 19-9", 840.0, "U/mL") in labs
    assert ("carcinoembryonic antigen", 840.0, "U/mL") not in labs


def test_names_of_translated_reports() -> None:
    labs = [lab[:3] for lab in _labs("Calcitoninogen was 3.2 ng/mL, choline esterase 2100 U/L and HgA1C 9.1%.")]
    assert ("procalcitonin", 3.2, "ng/mL") in labs
    assert ("cholinesterase", 2100.0, "U/L") in labs
    assert ("hemoglobin a1c", 9.1, "%") in labs


def test_a_saturation_under_an_inspired_oxygen_fraction() -> None:
    labs = [lab[:3] for lab in _labs(
        "Her peripheral oxygen saturation was 94% under a fractional inspired oxygen (FiO2) of 50%.")]
    assert ("oxygen saturation", 94.0, "%") in labs
    assert ("oxygen saturation", 50.0, "%") not in labs
    assert ("fraction of inspired oxygen", 50.0, "%") in labs


def test_a_count_of_which_a_part_were_neutrophils() -> None:
    labs = [lab[:3] for lab in _labs("The leukocyte count was 5.4 × 10^9/L, of which 4.1 × 10^9/L were neutrophils.")]
    assert ("neutrophils", 4.1, "× 10^9/L") in labs
    assert ("leukocytes", 4.1, "× 10^9/L") not in labs



def test_an_interval_after_a_semicolon_inside_the_results_bracket_flags_it() -> None:
    labs = _labs("A lipase was sent on the second day (412 U/L; normal range: < 60 U/L).")
    assert ("lipase", 412.0, "U/L", "H") in labs


def test_a_semicolon_outside_any_bracket_opens_no_interval() -> None:
    labs = _labs("She had a lipase of 41 U/L; normal range: < 60 U/L was quoted.")
    assert ("lipase", 41.0, "U/L", None) in labs


def test_a_result_word_as_an_infinitive_states_an_aim_no_result() -> None:
    labs = _labs("Insulin and dextrose were given to lower the potassium level before dialysis.")
    assert not [lab for lab in labs if lab[0] == "potassium"]


def test_the_same_word_after_led_to_is_a_result() -> None:
    labs = _labs("The infection led to decreased platelets on the third day.")
    assert ("platelets", None, None, "L") in labs


def test_a_change_led_to_is_no_aim() -> None:
    labs = _labs("The bleeding led to decrease in haemoglobin over two days.")
    assert ("hemoglobin", None, None, "L") in labs


def test_a_sedimentation_rate_per_first_hour_keeps_its_unit() -> None:
    labs = [lab[:3] for lab in _labs("Her erythrocyte sedimentation rate was 96 mm/1st hour on admission.")]
    assert ("erythrocyte sedimentation rate", 96.0, "mm/1st hour") in labs


def test_a_table_row_labelled_with_a_percent_sign_after_the_name() -> None:
    table = ("Table 2. Blood counts\n\nTest\tDay 1\tDay 4\t\nLeukocytes (/µL)\t14200\t9100\t\nNeutrophil %\t86\t61\t\n"
             "Lymphocyte %\t9\t25\t\n")
    labs = [lab[:3] for lab in _labs(table)]
    assert ("neutrophils", 86.0, "%") in labs
    assert ("neutrophils", 61.0, "%") in labs


def test_a_value_to_achieve_is_a_target_no_result() -> None:
    labs = _labs("Cryoprecipitate was given to achieve a fibrinogen level of 150 mg/dL before surgery.")
    assert not [lab for lab in labs if lab[0] == "fibrinogen"]


def test_a_test_that_returned_to_normal_is_normal() -> None:
    labs = _labs("After three days of antibiotics her procalcitonin returned to the normal range.")
    assert ("procalcitonin", None, None, "N") in labs
