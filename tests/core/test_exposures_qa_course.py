"""The length of a drug's course written after a verb of giving, and a perfect aspect that is no course
(invented stories)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _segments(text: str) -> dict[str, list[tuple]]:
    course = analyze_text("A 36-year-old man was admitted. " + text, assess=False)
    return {e.drug: [(s.start.offset_days, s.end.offset_days if s.end else None) for s in e.segments]
            for e in course.exposures}


def test_a_course_length_after_the_verb_of_giving_ends_the_drug() -> None:
    got = _segments("On day 3, intravenous cefepime was administered for 10 days.")
    assert got["cefepime"] == [((2.0, 2.0), (12.0, 12.0))]
    got = _segments("On day 3, vancomycin 1 g twice daily was given for 14 days.")
    assert got["vancomycin"][0][1] == (16.0, 16.0)


def test_two_drugs_each_keep_their_own_length() -> None:
    got = _segments("On day 1, he received meropenem for 8 days and linezolid for 4 days.")
    assert got["meropenem"][0][1] == (8.0, 8.0) and got["linezolid"][0][1] == (4.0, 4.0)


def test_a_perfect_aspect_gives_no_end() -> None:
    got = _segments("He had been taking allopurinol 300 mg daily for 6 years.")
    assert got["allopurinol"][0][1] is None


def test_a_taper_reaches_its_dose_after_the_stated_length() -> None:
    got = _segments("Prednisolone 50 mg daily was started. Prednisolone was tapered to 5 mg daily over four months.")
    assert got["prednisolone"][1][0] == (121.75, 121.75)
    got = _segments("Prednisolone 50 mg daily was started and tapered over 4 months to 5 mg daily.")
    assert got["prednisolone"][1][0] == (121.75, 121.75)


def test_a_reduction_with_no_length_stays_at_its_sentence() -> None:
    got = _segments("Prednisolone 50 mg daily was started. Prednisolone was reduced to 30 mg daily.")
    assert got["prednisolone"][1][0] == (0.0, 0.0)


def test_a_drug_started_after_completion_of_another_starts_at_its_end() -> None:
    got = _segments("Rituximab 375 mg/m2 weekly for four doses was given. After completion of rituximab, "
                    "azathioprine 2 mg/kg daily was started.")
    assert got["rituximab"][0][1] == (28.0, 28.0)
    assert got["azathioprine"][0][0] == (28.0, 28.0)


def test_cycles_with_their_length_end_the_regimen_and_a_listed_regimen_keeps_its_timing() -> None:
    got = _segments("He received four cycles of ABVD (doxorubicin, bleomycin, vinblastine and dacarbazine) every "
                    "28 days.")
    assert got["bleomycin"] == [((0.0, 0.0), (112.0, 112.0))]
    got = _segments("He received four cycles of ABVD.")
    assert got["bleomycin"][0][1] is None  # no cycle length written: no end invented


def test_a_later_stop_does_not_stretch_a_course_already_over() -> None:
    got = _segments("Rituximab 375 mg/m2 weekly for four doses was given. At 6 months, he was switched from "
                    "rituximab to azathioprine 2 mg/kg daily.")
    assert got["rituximab"][0][1] == (28.0, 28.0)
    got = _segments("On day 1, methylprednisolone 1 g daily for 5 days was started. On day 3, methylprednisolone was "
                    "stopped because of hyperglycemia.")
    assert got["methylprednisolone"][0][1] == (2.0, 2.0)
