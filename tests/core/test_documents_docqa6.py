"""Clinical documents read as a clinician reads them, sixth round (docqa6): each test an invented sentence that failed
before its rule (guards say so)."""
from __future__ import annotations

from pathlib import Path

from casecourse.api import analyze_text

_DOCS = Path(__file__).parent / "documents_docqa6"


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text).conditions}


def _labs(text: str, test: str) -> list[tuple[float | None, str | None]]:
    return [(lab.value, lab.time.point) for lab in analyze_text(text).labs if lab.test == test]


# --- the diagnosis another is favoured over is a weighed alternative, not a second diagnosis -----------------------

def test_the_diagnosis_another_is_favoured_over_is_not_confirmed() -> None:
    status = _status("A 29-year-old woman presented with a malar rash and proteinuria. Lupus nephritis was favoured "
                     "over IgA nephropathy because of the low complement.")
    assert status["lupus nephritis"] == "confirmed"
    assert status["iga nephropathy"] in ("provisional", "differential")


# --- a value's own earlier time in brackets; a value told "today" after it -----------------------------------------

_ADMITTED = "A 71-year-old man was admitted on 10/09/2025 with vomiting. "


def test_a_value_dated_back_in_brackets_right_after_it_is_at_that_earlier_time() -> None:
    labs = _labs(_ADMITTED + "His urea was 6.1 mmol/L (three months earlier) and 21 mmol/L on admission.", "urea")
    assert (6.1, "2025-06") in labs


def test_a_value_dated_back_inside_its_bracket_is_at_that_earlier_time_and_the_other_stays() -> None:
    labs = _labs(_ADMITTED + "Creatinine was 310 umol/L (baseline 85 umol/L six weeks before).", "creatinine")
    assert (310.0, "2025-09-10") in labs and (85.0, "2025-07-30") in labs


def test_a_value_told_today_after_the_test_is_read() -> None:
    labs = _labs(_ADMITTED + "Creatinine was 310 umol/L on admission and today it is 140 umol/L.", "creatinine")
    assert [v for v, _ in labs] == [310.0, 140.0]


def test_a_value_with_a_calendar_date_in_brackets_keeps_that_date() -> None:
    # a guard (passes before and after): a bracketed calendar date is read by the bracketed-date rule, not this one
    labs = _labs(_ADMITTED + "Creatinine was 310 umol/L (85 umol/L on 02/03/2025).", "creatinine")
    assert (85.0, "2025-03-02") in labs


# --- "continue X for 6 months in total": the whole course's planned end -----------------------------------------

_LETTER = ("Clinic date: 05/05/2025\n\nDear Dr Rowe,\n\nRe: Ian Boyd, DOB 03/03/1960\n\n"
           "I saw Mr Boyd today. He started adjuvant capecitabine 1250 mg/m2 twice daily on 06/01/2025. On "
           "03/03/2025 the capecitabine dose was reduced to 950 mg/m2 twice daily because of diarrhoea. ")


def _capecitabine(text: str):
    return next(e for e in analyze_text(text).exposures if e.drug == "capecitabine")


def test_a_length_in_total_counts_from_the_first_day_of_the_course() -> None:
    course = _capecitabine(_LETTER + "We will continue capecitabine for 6 months in total.\n")
    assert course.end is not None and course.end.point.startswith("2025-07")
    assert [s.dose.value for s in course.segments] == [1250.0, 950.0]


def test_a_planned_end_after_the_letter_date_leaves_the_course_active() -> None:
    assert _capecitabine(_LETTER + "We will continue capecitabine for 6 months in total.\n").status == "active"


def test_a_length_without_in_total_still_counts_from_now() -> None:
    # a guard (passes before and after): "continue X for 3 months" counts from the time told, not the first day
    course = _capecitabine(_LETTER + "We will continue capecitabine for 3 months.\n")
    assert course.end is not None and not course.end.point.startswith("2025-04")


# --- a week of gestation tells a pregnancy -------------------------------------------------------------------

def test_a_woman_told_at_a_week_of_gestation_is_pregnant() -> None:
    assert "pregnancy" in _status("A 33-year-old woman at 19 weeks of gestation presented with dysuria and fever.")


def test_a_woman_born_at_a_week_of_gestation_is_not_pregnant() -> None:
    # a guard (passes before and after): her own birth, not a pregnancy
    assert "pregnancy" not in _status("A 22-year-old woman, born at 30 weeks of gestation, presented with wheeze.")


def test_an_infant_born_at_a_week_of_gestation_is_not_pregnant() -> None:
    # a guard (passes before and after): a child's story, the weeks its age at birth
    assert "pregnancy" not in _status("A girl born at 31 weeks of gestation developed apnoea on day 3.")


# --- an operation told by a generic word on the day of a named one is that operation ----------------------------

def test_a_generic_operation_on_the_day_of_a_named_one_is_the_same_procedure() -> None:
    text = ("Diagnosis: Adenocarcinoma of the caecum, resected 03/02/2025.\n\nOperation:\nLaparoscopic right "
            "hemicolectomy on 03/02/2025. Recovery was uneventful.\n")
    names = [p.name for p in analyze_text(text).procedures if p.status == "completed"]
    assert names.count("surgery") == 0 and names.count("resection") == 0
    assert "hemicolectomy" in names


def test_a_generic_operation_on_another_day_stays_its_own() -> None:
    # a guard (passes before and after): an earlier unnamed operation is another one
    text = ("A 60-year-old man had surgery on 03/02/2020 for a hernia. On 07/05/2025 he underwent a laparoscopic "
            "right hemicolectomy.")
    names = [p.name for p in analyze_text(text).procedures]
    assert "surgery" in names and "hemicolectomy" in names


# --- the three documents read whole -------------------------------------------------------------------------------

def _doc(name: str):
    return analyze_text((_DOCS / name).read_text(encoding="utf-8"))


def test_the_colorectal_letter_reads_as_its_oncologist_would() -> None:
    course = _doc("crc_summary.txt")
    cap = next(e for e in course.exposures if e.drug == "capecitabine")
    assert cap.status == "active" and cap.end.point.startswith("2025-08")
    assert {e.drug: e.segments[0].dose.value for e in course.exposures if e.drug in ("metformin", "ramipril")} \
        == {"metformin": 500.0, "ramipril": 5.0}
    assert next(e for e in course.exposures if e.drug == "pyridoxine").segments[0].start.point == "2025-05-12"
    assert {(lab.value, lab.time.point) for lab in course.labs if lab.test == "creatinine"} \
        == {(98.0, "2025-04"), (104.0, "2025-06-02")}
    assert [p.name for p in course.procedures if p.time.point == "2025-01-14"] == ["colectomy"]
    assert "hand-foot syndrome" in {c.name for c in course.conditions}


def test_the_lupus_pregnancy_report_reads_as_its_obstetric_physician_would() -> None:
    status = {c.name: c.status for c in _doc("sle_pregnancy.txt").conditions}
    assert status["pregnancy"] == "confirmed" and status["lupus nephritis"] == "confirmed"
    assert status["preeclampsia"] != "confirmed"


def test_the_kawasaki_summary_keeps_the_infusion_length_no_end() -> None:
    # a guard (passes before and after): "given over 12 hours" is no end of the IVIG days later
    ivig = next(e for e in _doc("kawasaki_discharge.txt").exposures if e.drug == "intravenous immunoglobulin")
    assert ivig.segments[0].start.point == "2025-06-04"
    assert ivig.end is None or ivig.end.point in (None, "2025-06-04")


# --- a fourth document: a heart-failure clinic letter with a current-medication list -------------------------------

_SEEN = "An 80-year-old man with heart failure was seen in clinic on 03/10/2025. "


def test_a_rising_level_named_as_a_stop_reason_is_no_drug_given() -> None:
    drugs = {e.drug for e in analyze_text(_SEEN + "Spironolactone was stopped because of the rising potassium, and "
                                                  "lisinopril because of a low sodium.").exposures}
    assert drugs == {"spironolactone", "lisinopril"}


def test_a_salt_given_for_a_low_level_is_still_given() -> None:
    # a guard (passes before and after): "oral potassium for the low potassium" gives potassium
    drugs = {e.drug for e in analyze_text(_SEEN + "He was given oral potassium for the low potassium.").exposures}
    assert drugs == {"potassium chloride"}


def test_a_weight_told_up_or_down_from_the_last_is_a_change_not_a_weight() -> None:
    for told, weight in (("His weight is 91 kg, up 4 kg.", 91.0), ("His weight was 87 kg, down by 2 kg.", 87.0)):
        assert [lab.value for lab in analyze_text(_SEEN + told).labs if lab.test == "body weight"] == [weight]


def test_a_dose_taken_each_morning_for_a_length_ends_when_the_length_is_over() -> None:
    text = _SEEN + ("He takes bumetanide 1 mg each morning. I have increased bumetanide to 2 mg each morning for one "
                    "week, then back to 1 mg.")
    segs = next(e for e in analyze_text(text).exposures if e.drug == "bumetanide").segments
    assert [(s.dose.value, s.start.point) for s in segs[1:]] == [(2.0, "2025-10-03"), (1.0, "2025-10-10")]


def test_the_heart_failure_letter_reads_as_its_cardiologist_would() -> None:
    course = _doc("gp_medication_letter.txt")
    assert "potassium chloride" not in {e.drug for e in course.exposures}
    assert [lab.value for lab in course.labs if lab.test == "body weight"] == [78.0]
    assert {(lab.value, lab.time.point) for lab in course.labs if lab.test == "creatinine"} \
        == {(132.0, "2025-11-14"), (118.0, "2025-05")}
    doses = {e.drug: e.segments[0].dose.value for e in course.exposures}
    assert doses["metformin"] == 500.0 and doses["bisoprolol"] == 2.5
    ramipril = next(e for e in course.exposures if e.drug == "ramipril")
    assert ramipril.status == "stopped" and ramipril.end.point == "2025-11-14"
    furosemide = next(e for e in course.exposures if e.drug == "furosemide").segments
    assert [(s.dose.value, s.start.point) for s in furosemide[1:]] == [(80.0, "2025-11-14"), (40.0, "2025-11-21")]


# --- the date of a diagnosis told in passing before the presentation is not the presentation's ----------------------

def test_a_diagnosis_dated_in_passing_before_the_presentation_does_not_date_the_presentation() -> None:
    course = analyze_text("A 45-year-old man with Crohn's disease, diagnosed in 2015 and treated with azathioprine, "
                          "presented with fever and abdominal pain. His CRP was 180 mg/L.")
    assert next(c for c in course.conditions if c.name == "crohn disease").time.point == "2015"
    assert {f.name: f.time.point for f in course.findings}.get("fever") is None
    assert [lab.time.point for lab in course.labs if lab.test == "c-reactive protein"] == [None]


def test_a_presentation_with_its_own_date_after_a_diagnosis_date_keeps_that_date() -> None:
    # a guard (passes before and after): a second date in the sentence dates what follows it
    course = analyze_text("A 45-year-old man with Crohn's disease diagnosed in 2015 presented with fever on 4 June "
                          "2022. His CRP was 180 mg/L.")
    assert [lab.time.point for lab in course.labs if lab.test == "c-reactive protein"] == ["2022-06-04"]


def test_the_lupus_pregnancy_is_not_dated_at_the_lupus_diagnosis() -> None:
    course = _doc("sle_pregnancy.txt")
    assert next(c for c in course.conditions if c.name == "systemic lupus erythematosus").time.point == "2018"
    assert all(lab.time.point != "2018" for lab in course.labs)


def test_a_birth_given_in_a_week_of_pregnancy_is_no_pregnancy_now() -> None:
    # the sentence reader splits at the decimal point of "3.4-kg": the birth is still told before the week
    text = ("A 29-year-old woman had given birth to a 3.4-kg boy in the 39th week of her second pregnancy. Ten days "
            "later she presented with fever.")
    assert "pregnancy" not in _status(text)
