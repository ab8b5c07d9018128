"""What round docqa13 left (left13): each test an invented sentence that failed before its rule (guards say so)."""
from __future__ import annotations

from casecourse.api import analyze_text

_ADMIT = "A 50-year-old woman was admitted on 1 June 2020 with "


def _procedures(text: str, name: str) -> list[tuple[str | None, str, str | None]]:
    """(start day, status, end day) of each procedure of that name."""
    return [(p.time.point, p.status, p.end.point if p.end else None)
            for p in analyze_text(text).procedures if p.name == name]


# --- a decision to do a procedure is a plan: it is done where a later sentence tells it done ---

def test_a_decided_operation_is_dated_where_it_is_told_done() -> None:
    text = _ADMIT + ("a splenic abscess. On 3 June 2020 we decided to perform a splenectomy. The splenectomy was "
                     "performed on 8 June 2020.")
    assert _procedures(text, "splenectomy") == [("2020-06-08", "completed", None)]


def test_a_decided_support_starts_where_its_start_is_told() -> None:
    text = _ADMIT + ("ARDS. On 2 June 2020, the decision was made to start ECMO. On 5 June 2020 she was placed on "
                     "VV-ECMO. On 9 June 2020 she was weaned off ECMO.")
    assert _procedures(text, "ECMO") == [("2020-06-05", "completed", "2020-06-09")]


def test_guard_a_decided_support_told_running_later_starts_at_the_decision() -> None:
    # guard (passes on the base too): "the ECMO flow was", "weaned off ECMO" tell it running, not started
    text = _ADMIT + ("ARDS. On 2 June 2020, it was decided to start ECMO. On 5 June 2020 the ECMO flow was 4 L/min. "
                     "On 9 June 2020 she was weaned off ECMO.")
    assert _procedures(text, "ECMO") == [("2020-06-02", "completed", "2020-06-09")]


def test_guard_a_decided_operation_told_nowhere_else_stays_done_at_the_decision() -> None:
    # guard (passes on the base too): most reports decide and operate the same day without naming it again
    text = _ADMIT + "a splenic abscess. On 3 June 2020 we decided to perform a splenectomy. A large abscess was found."
    assert _procedures(text, "splenectomy") == [("2020-06-03", "completed", None)]


def test_guard_a_second_operation_is_not_the_decided_one() -> None:
    # guard (passes on the base too): "a second laparotomy" is another operation
    text = _ADMIT + ("a bowel perforation. On 3 June 2020 we decided to perform a laparotomy. On 12 June 2020 a "
                     "second laparotomy was performed.")
    assert [p[0] for p in _procedures(text, "laparotomy")] == ["2020-06-03", "2020-06-12"]


# --- a time in a clause after "but" is that clause's, not the drug's before it ---

def _start(text: str, drug: str) -> str | None:
    return next(e.time.point for e in analyze_text(text).exposures if e.drug == drug)


def test_a_date_after_but_is_not_the_start_of_the_drug_before_it() -> None:
    text = ("A 60-year-old man was admitted on 2 April 2020 with pneumonia. He was treated with ceftriaxone and "
            "clarithromycin but was intubated on 9 April for worsening hypoxia.")
    assert _start(text, "ceftriaxone") != "2020-04-09"
    assert _start(text, "clarithromycin") != "2020-04-09"


def test_guard_a_drug_after_but_takes_the_date() -> None:
    # guard (passes on the base too): "but vancomycin was added on 5 April" dates vancomycin
    text = ("A 60-year-old man was admitted on 2 April 2020 with pneumonia. He was given ceftriaxone, but "
            "vancomycin was added on 5 April.")
    assert _start(text, "vancomycin") == "2020-04-05"


def test_guard_a_drugs_own_date_before_but_stays() -> None:
    # guard (passes on the base too)
    text = ("A 60-year-old man was admitted on 2 April 2020 with pneumonia. Ceftriaxone was started on 4 April but "
            "he was intubated on 9 April.")
    assert _start(text, "ceftriaxone") == "2020-04-04"


# --- a length told of a drug counts from that drug's start in the story ---

def _finding_time(text: str, name: str) -> str | None:
    return next(f.time.point for f in analyze_text(text).findings if f.name == name)


def test_a_drug_stopped_after_a_length_does_not_move_the_story_on() -> None:
    text = ("A 30-year-old man was admitted on 1 March 2021 with fever and headache. Vancomycin and ceftriaxone were "
            "started on admission. On 6 March 2021, he developed seizures. Vancomycin was discontinued after two days. "
            "He developed a rash.")
    course = analyze_text(text)
    assert next(e.end.point for e in course.exposures if e.drug == "vancomycin") == "2021-03-03"
    assert _finding_time(text, "rash") == "2021-03-06"


def test_guard_a_drug_stopped_after_a_length_from_the_storys_time_moves_it() -> None:
    # guard (passes on the base too): its stop after the story's time is the story's next time
    text = ("A 30-year-old man was admitted on 1 March 2021 with fever and headache. Vancomycin and ceftriaxone were "
            "started on admission. Vancomycin was discontinued after two days. He developed a rash.")
    assert _finding_time(text, "rash") == "2021-03-03"


_SUMMARY_FIRST = """Abstract
We describe a woman who developed high anion gap metabolic acidosis during long treatment with flucloxacillin.

Case presentation
A 70-year-old woman was admitted to the intensive care unit after aortic surgery. Four weeks later, she developed a \
Staphylococcus aureus bacteraemia. She was treated with intravenous flucloxacillin, but because of high blood \
concentrations after 2 days of treatment, the dose was decreased to 3 g/24 hours. Three weeks after the start of \
flucloxacillin, she developed reduced consciousness.
"""


def test_a_drug_named_in_a_summary_starts_where_the_story_starts_it() -> None:
    course = analyze_text(_SUMMARY_FIRST)
    start = next(e.time for e in course.exposures if e.drug == "flucloxacillin")
    assert start.offset_days is not None and start.offset_days[0] >= 20  # four weeks after the admission
    drowsy = next(f.time for f in course.findings if f.name == "reduced consciousness")
    assert drowsy.offset_days is not None and drowsy.offset_days[0] >= 35  # three weeks after that start


# --- "respectively" pairs a list of drugs or procedures with a list of times, in order ---

def test_drugs_started_in_two_years_respectively() -> None:
    text = ("A 45-year-old woman has rheumatoid arthritis. Methotrexate and adalimumab were started in 2015 and "
            "2018, respectively.")
    assert _start(text, "methotrexate") == "2015"
    assert _start(text, "adalimumab") == "2018"


def test_drugs_tapered_and_stopped_on_two_days_respectively() -> None:
    text = ("A 45-year-old man underwent allogeneic stem cell transplantation on 1 March 2019 and was given "
            "prednisolone and tacrolimus. Prednisolone and tacrolimus were tapered and stopped on 5 May 2019 and "
            "9 August 2019, respectively.")
    ends = {e.drug: e.end.point if e.end else None for e in analyze_text(text).exposures}
    assert ends["prednisolone"] == "2019-05-05"
    assert ends["tacrolimus"] == "2019-08-09"


def test_procedures_on_two_days_respectively() -> None:
    text = _ADMIT + ("sepsis. She underwent a laparotomy and a splenectomy on 5 June 2020 and 9 June 2020, "
                     "respectively.")
    assert _procedures(text, "laparotomy") == [("2020-06-05", "completed", None)]
    assert _procedures(text, "splenectomy") == [("2020-06-09", "completed", None)]


def test_guard_without_respectively_nothing_is_paired() -> None:
    # guard (passes on the base too): both drugs take the sentence's time
    text = ("A 45-year-old woman has rheumatoid arthritis. Methotrexate and adalimumab were started in 2015 and "
            "continued in 2018.")
    assert _start(text, "adalimumab") == "2015"


def test_guard_counts_that_differ_pair_nothing() -> None:
    # guard (passes on the base too): three drugs, two years
    text = ("A 45-year-old woman has rheumatoid arthritis. Methotrexate, sulfasalazine and adalimumab were started "
            "in 2015 and 2018, respectively.")
    assert _start(text, "adalimumab") == "2015"


# --- diagnoses named as the patient's descriptor, and meningoencephalitis by its own name ---

def _diagnoses(text: str) -> dict[str, str]:
    return {c.name: c.assertion.value for c in analyze_text(text).conditions}


def test_diabetic_before_an_adjective_of_origin_and_a_person_noun_is_diabetes() -> None:
    text = "A 62-year-old hypertensive and diabetic Asian male was admitted with fever."
    assert _diagnoses(text).get("diabetes mellitus") == "present"


def test_guard_diabetic_before_a_thing_is_no_diabetes_of_its_own() -> None:
    # guard (passes on the base too): "diabetic ketoacidosis" is its own condition, "diabetic foot" no diabetes read
    assert "diabetes mellitus" not in _diagnoses("A 30-year-old man presented with diabetic ketoacidosis.")
    assert "diabetes mellitus" not in _diagnoses("A 62-year-old man had a diabetic Charcot foot.")


def test_meningoencephalitis_is_named_as_such() -> None:
    found = {c.name: c for c in analyze_text("A 30-year-old woman was diagnosed with meningoencephalitis.").conditions}
    assert "meningoencephalitis" in found
    assert any(cd.code == "G04.90" for cd in found["meningoencephalitis"].codings)
