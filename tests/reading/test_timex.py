"""Time expressions: one test group per family, on sentences written for these tests."""

from __future__ import annotations

import pytest

from casecourse.model import Mention
from casecourse.reading.timex import find_timexes, resolve


def one(text: str, doc_date: str | None = None) -> Mention:
    found = find_timexes(text, doc_date)
    assert len(found) == 1, [(m.text, m.type) for m in found]
    return found[0]


def by_text(text: str, doc_date: str | None = None) -> dict[str, Mention]:
    return {m.text: m for m in find_timexes(text, doc_date)}


# --- calendar dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, span, value, precision",
    [
        ("Her cough began in February 2020 and persisted.", "February 2020", "2020-02", "month"),
        ("The biopsy was taken on 11 June 2018.", "11 June 2018", "2018-06-11", "day"),
        ("The biopsy was taken on June 11, 2018.", "June 11, 2018", "2018-06-11", "day"),
        ("He stopped smoking in 2008.", "2008", "2008", "year"),
        ("A relapse occurred in mid-2019.", "mid-2019", "2019", "year"),
        ("Symptoms started in early 2015.", "early 2015", "2015", "year"),
        ("She travelled to Ghana in the summer of 2019.", "summer of 2019", "2019-SU", "season"),
        ("She had been treated in the 1990s.", "the 1990s", "199", "decade"),
        ("The first scan (02/2019) was normal.", "02/2019", "2019-02", "month"),
        ("Sampled 2019-03-04, reported later.", "2019-03-04", "2019-03-04", "day"),
        ("Admitted on 23/04/2017 with fever.", "23/04/2017", "2017-04-23", "day"),
    ],
)
def test_calendar_dates(sentence, span, value, precision):
    m = one(sentence)
    assert (m.type, m.text, m.norm, m.attrs["precision"], m.attrs["timex_type"]) == (
        "date",
        span,
        value,
        precision,
        "DATE",
    )


def test_date_modifier_and_yearless_date():
    assert one("Seen again in late September 2014.").attrs["mod"] == "END"
    assert one("Seen again on 3 March.").norm == "XXXX-03-03"
    assert one("Seen again on 3 March.", doc_date="2021-07-01").norm == "2021-03-03"


def test_numbers_that_are_not_years():
    assert find_timexes("Platelets were 2019 per microlitre and she received 1500 mg.") == []
    assert find_timexes("The patient may improve.") == []


# --- durations -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, span, value",
    [
        ("She was treated for three months with steroids.", "three months", "P3M"),
        ("He completed a 2-week course of amoxicillin.", "2-week", "P2W"),
        ("Symptoms fluctuated over 6 years.", "6 years", "P6Y"),
        ("The fever lasted 14 days in total.", "14 days", "P14D"),
        ("Monitoring continued for twenty-five days.", "twenty-five days", "P25D"),
        ("Infusion took 6 hours.", "6 hours", "PT6H"),
        ("He had a one and a half year history of cough.", "one and a half year", "P1.5Y"),
        ("Pain for several weeks prompted the visit.", "several weeks", "PXW"),
        ("Bleeding occurred during the last two weeks.", "the last two weeks", "P2W"),
    ],
)
def test_durations(sentence, span, value):
    m = one(sentence)
    assert (m.type, m.text, m.norm, m.attrs["timex_type"]) == ("duration", span, value, "DURATION")


def test_duration_range_and_approximation():
    m = one("Fatigue for 3-4 weeks.")
    assert m.norm == "PXW" and m.attrs["vague"]
    assert one("Wheeze for about a month.").attrs["mod"] == "APPROX"


# --- relative and anchored times ------------------------------------------------------------------


def test_vague_relation_is_an_interval():
    m = one("Shortly after, she developed a rash.")
    a = m.attrs
    assert (m.type, a["rel_direction"], a["rel_amount_min"], a["rel_amount_max"], a["vague"]) == (
        "time_relation",
        "after",
        0,
        90,
        True,
    )


def test_within_three_months():
    m = one("It recurred within three months.")
    a = m.attrs
    assert (m.type, m.text, a["rel_direction"], a["rel_amount_min"]) == ("time", "three months", "within", 0)
    assert 91 <= a["rel_amount_max"] <= 92.5
    assert m.text == "three months" and "within" in "It recurred within three months."[a["phrase_start"] :]


def test_fourteen_months_later():
    m = one("Fourteen months later the tumour recurred.")
    a = m.attrs
    assert (m.text, m.norm, a["rel_direction"], a["rel_anchor"], a["timex_type"]) == (
        "Fourteen months later",
        "P14M",
        "after",
        "previous",
        "DATE",
    )
    assert a["rel_amount_min"] == pytest.approx(14 * 30.4375 - 15.2, abs=0.2)
    assert a["rel_amount_max"] == pytest.approx(14 * 30.4375 + 15.2, abs=0.2)


@pytest.mark.parametrize(
    "sentence, span, direction, anchor, lo, hi",
    [
        ("Blood cultures grew on hospital day 5.", "hospital day 5", "after", "admission", 4, 4),
        ("On day 3 of admission she was afebrile.", "day 3", "after", "admission", 2, 2),
        ("Drain removed on postoperative day 2.", "postoperative day 2", "after", "surgery", 2, 2),
        ("Two weeks earlier she had a sore throat.", "Two weeks earlier", "before", "previous", 10.5, 17.5),
        ("One month after discharge he relapsed.", "One month", "after", "discharge", 15.2, 45.6),
        ("Fever began 3 days before admission.", "3 days", "before", "admission", 3, 3),
        ("He collapsed 12 hours after the operation.", "12 hours", "after", "surgery", 0.5, 0.5),
        ("The next day the rash spread.", "The next day", "after", "previous", 1, 1),
        ("The following year he moved abroad.", "The following year", "after", "previous", 365.2, 365.2),
    ],
)
def test_relative_times(sentence, span, direction, anchor, lo, hi):
    m = one(sentence)
    a = m.attrs
    assert (m.type, m.text, a["rel_direction"], a["rel_anchor"]) == ("time", span, direction, anchor)
    assert (a["rel_amount_min"], a["rel_amount_max"]) == pytest.approx((lo, hi), abs=0.1)


def test_follow_up_and_cycles():
    got = by_text("At 6-month follow-up she was well; after 2 cycles the mass shrank.")
    fu, cyc = got["6-month"], got["after 2 cycles"]
    assert (fu.type, fu.attrs["rel_anchor"], fu.norm) == ("time", "treatment", "P6M")
    assert (cyc.type, cyc.attrs["rel_anchor"], cyc.attrs["rel_n_min"]) == ("time", "treatment", 2)


def test_ago_resolves_against_document_date():
    assert one("Her mother died three years ago.").norm == "P3Y"
    m = one("Her mother died three years ago.", doc_date="2021-05-10")
    assert (m.norm, m.attrs["precision"]) == ("2018", "year")
    assert one("It began 10 days ago.", doc_date="2021-05-10").norm == "2021-04-30"


def test_age_at_event_is_a_time_and_patient_age_is_an_age():
    got = by_text("A 26-year-old woman had asthma since the age of 12; aged 45 years, her father died.")
    assert (got["26-year-old"].type, got["26-year-old"].norm, got["26-year-old"].attrs["age_years"]) == (
        "age",
        "P26Y",
        26,
    )
    at = got["age of 12"]
    assert (at.type, at.attrs["rel_anchor"], at.attrs["age_years"]) == ("time", "birth", 12)
    assert got["aged 45 years"].type == "age"
    assert one("A man in his early 50s.").attrs["age_years"] == 50


def test_prepost_expressions():
    m = one("She recovered well postoperatively.")
    assert (m.type, m.attrs["timex_type"], m.attrs["rel_anchor"], m.attrs["rel_direction"]) == (
        "prepost",
        "PREPOSTEXP",
        "surgery",
        "after",
    )


# --- frequencies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, span, value, freq",
    [
        ("Prednisolone 40 mg daily was given.", "daily", "P1D", "1X"),
        ("Dialysis twice a week was required.", "twice a week", "P1W", "2X"),
        ("Infliximab every 4 weeks was continued.", "every 4 weeks", "P4W", None),
        ("Monthly injections were planned.", "Monthly", "P1M", "1X"),
        ("Vancomycin 1 g q12h was started.", "q12h", "PT12H", None),
        ("Metformin 500 mg b.i.d. was resumed.", "b.i.d.", "P1D", "2X"),
        ("She took it three times per day.", "three times per day", "P1D", "3X"),
        ("Aspirin on alternate days.", "alternate days", "P2D", "1X"),
    ],
)
def test_frequencies(sentence, span, value, freq):
    m = one(sentence)
    assert (m.type, m.text, m.norm, m.attrs["timex_type"], m.attrs.get("freq")) == (
        "frequency",
        span,
        value,
        "SET",
        freq,
    )


# --- the whole text ---------------------------------------------------------------------------------


def test_sorted_non_overlapping_longest_wins():
    text = (
        "In March 2019 she had fever for 5 days. Two weeks later, on 2 April 2019, she was admitted; "
        "on hospital day 3 she received ceftriaxone daily for 10 days."
    )
    found = find_timexes(text)
    assert [m.text for m in found] == [
        "March 2019",
        "5 days",
        "Two weeks later",
        "2 April 2019",
        "hospital day 3",
        "daily",
        "10 days",
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[m.start : m.end] == m.text for m in found)
    assert find_timexes(text) == found


# --- resolve ----------------------------------------------------------------------------------------


def test_resolve_month_arithmetic():
    m = one("Fourteen months later it recurred.")
    assert resolve(m, "2018-06-11") == ("2019-07", "2019-08", "2019-08", "month")
    assert resolve(m, "2018") == ("2019", "2020", "2019", "year")


def test_resolve_day_precision_and_before():
    m = one("Fever began 3 days before admission.")
    assert resolve(m, "2020-03-01") == ("2020-02-27", "2020-02-27", "2020-02-27", "day")
    assert resolve(one("On day 3 of admission she improved."), "2020-02-28") == (
        "2020-03-01",
        "2020-03-01",
        "2020-03-01",
        "day",
    )


def test_resolve_vague_and_within_give_no_point():
    e, latest, point, _ = resolve(one("Shortly after, she relapsed."), "2020-01-15")
    assert (e, latest, point) == ("2020-01", "2020-04", None)
    e, latest, point, _ = resolve(one("It recurred within three months."), "2020-01-15")
    assert (e, point) == ("2020-01", None) and latest == "2020-04"


def test_resolve_age_and_absolute():
    at = by_text("She had asthma since the age of 12.")["age of 12"]
    assert resolve(at, "1990-05-02")[:2] == ("2002", "2003")
    assert resolve(one("Seen again in the summer of 2019."), "2000") == (
        "2019-06",
        "2019-08",
        "2019-07",
        "season",
    )
    assert resolve(one("Seen again on 3 March."), "2021-07-01")[2] == "2021-03-03"
