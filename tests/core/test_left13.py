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
