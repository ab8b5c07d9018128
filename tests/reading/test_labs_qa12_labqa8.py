"""Round labqa8: a laboratory's own bracketed flags ("(H)", "(L)") in prose and table cells, reference intervals with
decimal commas or grouped thousands, a bracketed bound in another letter case, a target listed on after a comma
(invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.lab_flags import flag_at, flag_at_end


def _labs(text: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + text, assess=False)
    return [(lab.test, lab.value, lab.interpretation) for lab in course.labs]


def test_a_bracketed_flag_after_a_result_is_its_interpretation() -> None:
    labs = _labs("Admission values: sodium: 127 mEq/L (L), creatinine: 2.3 mg/dL (H), potassium 4.1 mEq/L.")
    assert ("sodium", 127.0, "L") in labs
    assert ("creatinine", 2.3, "H") in labs
    assert ("potassium", 4.1, None) in labs
    assert ("sodium", 127.0, "L") in _labs("The sodium was 127 mEq/L [L] on arrival.")


def test_a_bracketed_letter_that_is_no_flag_flags_nothing() -> None:
    # "(L)" after a number without a unit may be its unit (litres); "(Hb)" is a name, not a flag
    assert ("urine volume", 2.5, None) in _labs("The urine output was 2.5 (L) per day.")
    assert flag_at("9.1 (Hb)", 3) is None
    assert flag_at("9.1 (h)", 3) is None
    assert flag_at("9.1 (HH)", 3) == ("H", 8)


def test_flagged_table_cells_are_read_with_their_flag() -> None:
    text = ("Case presentation\nA 64-year-old man was admitted.\nTable 1 Laboratory data on admission\n"
            "WBC\t1700 (L)\t/μL\nHb\t12.9\tg/dL\nAlb\t3.1 (L)\tg/dL\nCK\t512 (H)\tU/L\nK\t3.2 (L)\tmmol/L\n")
    labs = [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert ("leukocytes", 1700.0, "/μL", "L") in labs
    assert ("hemoglobin", 12.9, "g/dL", None) in labs
    assert ("albumin", 3.1, "g/dL", "L") in labs
    assert ("creatine kinase", 512.0, "U/L", "H") in labs
    assert ("potassium", 3.2, "mmol/L", "L") in labs
    assert flag_at_end("512 (H)") == ("H", 3)
    assert flag_at_end("512") is None


def test_table_intervals_with_decimal_commas_or_grouped_thousands_flag_the_cells() -> None:
    text = ("Case presentation\nA 52-year-old woman was admitted.\nTable 1 Laboratory results\n"
            "Test\tReference\tDay 1\tDay 4\n"
            "Glucose (g/l)\t0,7-1,15\t1,9\t0,9\n"
            "Leukocytes\t4400–11 300/mm3\t18 200/mm3\t8 100/mm3\n"
            "Platelets\t150 000–450 000/mm3\t470 000/mm3\t120 000/mm3\n")
    labs = [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert ("glucose", 1.9, "H") in labs
    assert ("glucose", 0.9, "N") in labs
    assert ("leukocytes", 18200.0, "H") in labs
    assert ("leukocytes", 8100.0, "N") in labs
    assert ("platelets", 470000.0, "H") in labs
    assert ("platelets", 120000.0, "L") in labs


def test_a_bound_in_brackets_written_in_another_case_is_no_second_result() -> None:
    labs = _labs("The D-dimer was 6230 ng/mL (< 300 ng/ml) on admission.")
    assert labs == [("d-dimer", 6230.0, "H")]


def test_a_target_listed_on_after_a_comma_is_no_result() -> None:
    assert _labs("Heparin was continued (goal PTT 45–65 s during the infusion, 65–85 s after it).") == []
    # a measured value after the target stays
    assert ("international normalized ratio", 1.4, None) in _labs(
        "The target INR was 2.0-3.0, and the INR was 1.4 on admission.")


def test_a_point_that_may_group_thousands_gets_no_flag_from_a_thousands_interval() -> None:
    text = ("Case presentation\nA 47-year-old woman was admitted.\nTable 1 Laboratory results\n"
            "Laboratory test\tValue\tUnit\tNormal range\n"
            "Leukocyte count\t16.250\t1/μl\t4100–11,800\n")
    labs = [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert labs == [("leukocytes", 16.25, None)]  # 16.25 or 16,250: neither low nor high is known


def test_an_interval_closing_rows_wider_than_their_header_flags_every_cell() -> None:
    # "Trend over the stay" heads four columns: the interval with its unit in brackets is each row's last cell
    text = ("Case presentation\nA 61-year-old man was admitted.\nTable 1. Laboratory values over the stay.\n\n"
            "Laboratory values\tTrend over the stay\tOn discharge\tReference range\t\n"
            "WBC\t18.2\t12.4\t9.1\t10.1\t4.8-10.8 (×109/L)\t\n"
            "Hemoglobin\t15.1\t11.2\t9.4\t9.8\t12.0-16.0 (g/dL)\t\n")
    labs = [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert ("leukocytes", 18.2, "×109/L", "H") in labs
    assert ("leukocytes", 9.1, "×109/L", "N") in labs  # under the header's interval cell, still a result
    assert ("hemoglobin", 11.2, "g/dL", "L") in labs
    assert len(labs) == 8


def test_a_unit_in_brackets_after_a_table_interval() -> None:
    text = ("Case presentation\nA 58-year-old woman was admitted.\nTable 1. Results on admission.\n\n"
            "\tValue\tReference range\t\nWBC\t14.2\t3.4-11 (×103/µL)\t\nPlatelet\t160\t147-395 (×103/µL)\t\n")
    labs = [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert ("leukocytes", 14.2, "×103/µL", "H") in labs
    assert ("platelets", 160.0, "×103/µL", "N") in labs
