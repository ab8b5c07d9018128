"""Thirteenth lead session: prescription times of day as frequencies, a split day written with them, the onset told
before a stop as its reason, a procedure's count after its verb (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text

_LEAD = "A 58-year-old woman with rheumatoid arthritis was reviewed in March 2021. "


def _drug(text: str, drug: str):  # noqa: ANN202
    c = analyze_text(_LEAD + text, assess=False)
    return next(x for x in c.exposures if x.drug == drug)


def test_each_morning_and_nocte_are_once_a_day() -> None:
    for written in ("each morning", "every evening", "each night", "nocte", "mane"):
        x = _drug(f"She took hydroxychloroquine 200 mg {written}.", "hydroxychloroquine")
        t = x.segments[0].timing
        assert t is not None and (t.frequency, t.period, t.period_unit) == (1, 1.0, "d"), written


def test_nocte_and_mane_is_twice_a_day() -> None:
    x = _drug("She was given cefuroxime 750 mg nocte and mane.", "cefuroxime")
    t = x.segments[0].timing
    assert t is not None and (t.frequency, t.period_unit) == (2, "d")


def test_mane_is_no_frequency_outside_a_prescription() -> None:
    c = analyze_text(_LEAD + "Dr Mane reviewed her joints.", assess=False)
    assert not any(s.timing for x in c.exposures for s in x.segments)


def test_a_day_split_by_latin_times_is_one_daily_total() -> None:
    x = _drug("She was given prednisolone 7.5 mg mane and 5 mg nocte.", "prednisolone")
    assert len(x.segments) == 1
    d = x.segments[0].dose
    assert d is not None and d.value == 12.5 and [p.value for p in d.parts or []] == [7.5, 5.0]


def test_a_day_split_each_morning_and_evening_is_one_daily_total() -> None:
    x = _drug("Hydrocortisone 10 mg each morning and 5 mg each evening was given.", "hydrocortisone")
    assert [s.dose.value for s in x.segments if s.dose] == [15.0]


def test_what_she_developed_before_the_stop_is_its_reason() -> None:
    x = _drug("Methotrexate 15 mg weekly was started. In May 2021 she developed grade 3 neutropenia, and "
              "methotrexate was withheld.", "methotrexate")
    assert x.status == "stopped" and x.stop_reason == "grade 3 neutropenia"


def test_a_known_kind_of_harm_before_the_stop_is_named_by_its_kind() -> None:
    x = _drug("Leflunomide was started. Six months later she developed hepatotoxicity and leflunomide was "
              "discontinued.", "leflunomide")
    assert x.stop_reason == "adverse effect"


def test_an_onset_before_a_start_gives_no_stop_reason() -> None:
    x = _drug("She developed fever and ceftriaxone was started.", "ceftriaxone")
    assert x.stop_reason is None and x.status != "stopped"


def test_count_after_the_procedures_verb_and_schedule() -> None:
    c = analyze_text(_LEAD + "Plasma exchange was performed daily for five sessions.", assess=False)
    p = next(p for p in c.procedures if p.name == "plasma exchange")
    assert (p.sessions, p.sessions_unit) == (5, "session")
