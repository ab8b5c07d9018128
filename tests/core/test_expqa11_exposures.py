"""Drug exposures, eleventh round (expqa11): an end told wholly before its segment's start contradicts it and is left
undated (its words kept); a patient told "a candidate for X", "eligible for X" or "considered for X" was weighed for X,
not given it; a time told with a culture's incubation ("after 48 h of incubation") is the laboratory's clock and dates
no drug told after it. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str, drug: str):
    return [e for e in analyze_text(text, assess=False).exposures if e.drug == drug]


def test_a_length_that_ends_before_the_start_is_left_undated() -> None:
    text = ("A 64-year-old man was admitted with an infected graft. Oral and intravenous vancomycin were given from "
            "day 3. On day 34 a swab grew Pseudomonas, and imipenem was changed to meropenem 1 g every 8 hours. "
            "Oral and intravenous vancomycin were stopped after a total of 9 days and 12 days, respectively, while "
            "meropenem was given for a total of 7 days.")
    (exp,) = _exposures(text, "meropenem")
    seg = exp.segments[-1]
    assert seg.start is not None and seg.start.offset_days == (33.0, 33.0)
    # "given for a total of 7 days": the whole course's length, counted from its own first day (day 33), no longer
    # from the sentence's time (documents QA round docqa6: it had been left undated, as it fell before the start)
    assert seg.end is not None and seg.end.offset_days == (40.0, 40.0) and seg.end.text == "7 days"


def test_a_stop_told_before_the_start_stays_undated() -> None:
    text = ("A 45-year-old man was admitted on 4 March 2019 with leukaemia. He was treated with tretinoin (20 mg twice "
            "a day). In 2012, tretinoin was discontinued in a similar patient.")
    (exp,) = _exposures(text, "tretinoin")
    seg = exp.segments[-1]
    assert seg.start is not None and seg.start.point == "2019-03-04"
    assert seg.end is not None and not seg.end.known
    assert exp.end is None or not exp.end.known


def test_end_after_the_start_is_kept() -> None:
    text = ("A 45-year-old man was admitted on 4 March 2019 with leukaemia. He was treated with tretinoin (20 mg twice "
            "a day). Tretinoin was discontinued on 20 March 2019.")
    (exp,) = _exposures(text, "tretinoin")
    assert exp.segments[-1].end is not None and exp.segments[-1].end.point == "2019-03-20"


def test_an_end_in_the_same_year_as_a_dated_start_is_kept() -> None:
    text = ("A 45-year-old man was admitted on 4 March 2019 with leukaemia. He was treated with tretinoin (20 mg twice "
            "a day). Tretinoin was discontinued later in 2019.")
    (exp,) = _exposures(text, "tretinoin")
    end = exp.segments[-1].end
    assert end is None or not end.known or end.point.startswith("2019")


def test_a_candidate_for_a_drug_was_not_given_it() -> None:
    text = "A 50-year-old man had metastatic melanoma. He was a candidate for treatment with nivolumab."
    assert [e.status for e in _exposures(text, "nivolumab")] == ["not-taken"]


def test_eligible_for_a_drug_was_not_given_it() -> None:
    text = "A 50-year-old man had metastatic melanoma. He was deemed eligible for nivolumab."
    assert [e.status for e in _exposures(text, "nivolumab")] == ["not-taken"]


def test_considered_for_a_drug_was_not_given_it() -> None:
    text = "A 50-year-old man had metastatic melanoma. He was considered for therapy with nivolumab."
    assert [e.status for e in _exposures(text, "nivolumab")] == ["not-taken"]


def test_a_candidate_later_started_on_the_drug_takes_it() -> None:
    text = ("A 50-year-old man had metastatic melanoma. He was a candidate for nivolumab. Nivolumab 240 mg every 2 "
            "weeks was started on 3 May 2020.")
    given = [e for e in _exposures(text, "nivolumab") if e.status != "not-taken"]
    assert given and given[0].segments[0].start.point == "2020-05-03"


def test_a_drug_considered_for_a_disease_is_still_not_given() -> None:
    text = "A 50-year-old woman had refractory vasculitis. Rituximab was considered for her refractory disease."
    assert [e.status for e in _exposures(text, "rituximab")] == ["not-taken"]


def test_a_cultures_incubation_time_does_not_date_a_later_drug() -> None:
    text = ("A 66-year-old man was admitted with fever after a hip replacement. Pus from the wound was sent for "
            "culture. White colonies grew on chocolate agar after 72 h of aerobic incubation. He was treated with "
            "intravenous flucloxacillin.")
    (exp,) = _exposures(text, "flucloxacillin")
    start = exp.segments[0].start
    assert start is None or not start.known


def test_a_fixation_plate_is_no_culture_plate() -> None:
    text = ("A 30-year-old woman was admitted after a fall. On day 5 the fracture was fixed with a locking plate. "
            "After the operation she was given intravenous cefazolin.")
    (exp,) = _exposures(text, "cefazolin")
    assert exp.segments[0].start is not None and exp.segments[0].start.offset_days == (4.0, 4.0)
