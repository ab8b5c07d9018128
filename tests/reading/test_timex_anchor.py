"""Calendar values with a reference date, durations of something, test-name compounds, frequencies'
Timing reading, and the E3C gold-value notation. Sentences written for these tests."""

from __future__ import annotations

import pytest

from casecourse.evaluation.readers.e3c import canonical_value, values_equal
from casecourse.reading.pipeline import read_mentions
from casecourse.reading.timex import find_timexes


def values(text: str, ref: str | None) -> dict[str, str | None]:
    return {m.text: m.attrs.get("value") for m in find_timexes(text, ref)}


# --- reference date (TempEval DCT) -----------------------------------------------------------------


def test_relative_dates_follow_the_story_calendar():
    text = "Her rash began in March 2015. Two months later she relapsed. Ten days later she was admitted."
    got = values(text, "2016-07-01")
    assert got["March 2015"] == "2015-03"
    assert got["Two months later"] == "2015-05"
    # the anchor is month-precise, so the chained date stays month-precise
    assert got["Ten days later"] == "2015-05"


def test_without_reference_date_values_stay_offsets():
    text = "Her rash began in March 2015. Two months later she relapsed."
    assert values(text, None)["Two months later"] == "P2M"


def test_looking_back_without_a_story_date_uses_the_reference_date():
    got = values("He had a knee operation six years ago and hepatitis three years earlier.", "2019-05-02")
    assert got["six years ago"] == "2013"
    assert got["three years earlier"] == "2010"


def test_forward_offset_without_any_date_is_unknown_not_invented():
    got = values("Fever began. Nine days later a rash appeared. Two years later he died.", "2019-05-02")
    assert got["Nine days later"] == "XXXX-XX-XX"
    assert got["Two years later"] == "XXXX"


def test_offset_from_an_undated_event_is_unknown():
    got = values("In June 2012 she fell ill. On the 4th day of illness she was drowsy.", "2013-01-01")
    assert got["the 4th day"] == "XXXX-XX-XX"


def test_yearless_month_takes_the_story_year():
    got = values("Symptoms began in May 2011. In late October she was admitted.", "2014-02-03")
    assert got["late October"] == "2011-10"


def test_offset_kept_beside_the_calendar_value():
    m = next(m for m in find_timexes("Seen in May 2011. Three weeks later she improved.", "2014-02-03")
             if m.text == "Three weeks later")
    assert m.attrs["offset_value"] == "P3W" and m.attrs["rel_n_min"] == 3


def test_reader_passes_the_reference_date_only_to_time_expressions():
    text = "Seen in May 2011. Three weeks later she improved."
    plain = {m.text: m.attrs.get("value") for m in read_mentions(text)}
    dated = {m.text: m.attrs.get("value") for m in read_mentions(text, reference_date="2014-02-03")}
    assert plain["Three weeks later"] == "P3W" and dated["Three weeks later"] == "2011-06"


# --- durations, relations, pre/post ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, span, typ",
    [
        ("After 9 months of azathioprine, her creatinine rose.", "9 months", "duration"),
        ("He was fed by tube for three weeks following the stroke.", "three weeks", "duration"),
        ("After 4 days she was extubated.", "4 days", "time"),
        ("Eight weeks later the ulcer healed.", "Eight weeks later", "time"),
        ("At that time her platelets were low.", "At that time", "time_relation"),
        ("Pain was controlled postoperatively.", "postoperatively", "prepost"),
    ],
)
def test_types_by_what_the_expression_says(sentence, span, typ):
    got = {m.text: m.type for m in find_timexes(sentence)}
    assert got.get(span) == typ, got


@pytest.mark.parametrize(
    "sentence",
    [
        "A 24-hour urine collection showed proteinuria.",
        "She walked 300 m in the 6-minute walk test.",
        "Apgar scores were 7 and 9 at 1 and 5 minutes.",
    ],
)
def test_test_names_are_not_time_expressions(sentence):
    assert find_timexes(sentence) == []


def test_a_real_duration_in_minutes_is_kept():
    assert [m.text for m in find_timexes("The seizure lasted 20 minutes.")] == ["20 minutes"]


# --- frequencies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, frequency, period, unit",
    [("three times a day", 3, 1.0, "d"), ("q6h", 1, 6.0, "h"), ("every 2 weeks", 1, 2.0, "wk"),
     ("once a month", 1, 1.0, "mo")],
)
def test_frequency_carries_fhir_timing(phrase, frequency, period, unit):
    m = next(m for m in find_timexes(f"Methotrexate was given {phrase}.") if m.type == "frequency")
    assert (m.attrs["frequency"], m.attrs["period"], m.attrs["period_unit"]) == (frequency, period, unit)


def test_one_frequency_read_twice_is_one_mention_with_its_timex_value():
    freqs = [m for m in read_mentions("The fits recurred twice a day.") if m.type == "frequency"]
    assert len(freqs) == 1 and freqs[0].attrs["value"] == "P1D" and freqs[0].attrs["frequency"] == 2


# --- E3C gold value notation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, canonical",
    [("2009-04-__", "2009-04"), ("1998-__-__", "1998"), ("10DD", "P10D"), ("3MM", "P3M"), ("2Y", "P2Y"),
     ("P36H", "PT36H"), ("P12HH", "PT12H"), ("P2W", "P2W"), ("XXXX-XX-XX", "XXXX-XX-XX")],
)
def test_gold_notation_is_canonical(raw, canonical):
    assert canonical_value(raw) == canonical


def test_values_equal_only_for_exact_same_length():
    assert values_equal("P14D", "P2W") and values_equal("P1D", "PT24H")
    assert not values_equal("P1M", "P30D") and not values_equal("2014-01", "2014-01-05")


def test_age_at_event_gives_a_year_from_the_patients_age_and_the_reference_date():
    text = "A 20-year-old man had a tonsillectomy at age 5. Three years later he developed asthma."
    got = values(text, "2018-02-10")
    assert got["age 5"] == "2003"
    assert got["Three years later"] == "2006"


def test_age_at_event_without_the_patients_age_stays_an_offset():
    got = values("She had a tonsillectomy at age 5. Three years later she developed asthma.", "2018-02-10")
    assert got["age 5"] == "P5Y"
    assert got["Three years later"] == "XXXX"


def test_ordinal_day_from_an_undated_event_takes_the_story_year():
    text = "In 2004 a pump was implanted. On the ninth post-operative day, the wound leaked."
    got = values(text, "2012-05-01")
    assert got["ninth post-operative day"] == "2004"
    # a month-precise story date is not narrowed to a guessed day or month
    text = "In May 2004 a pump was implanted. On the ninth post-operative day, the wound leaked."
    assert values(text, "2012-05-01")["ninth post-operative day"] == "XXXX-XX-XX"
    # without a reference date nothing is placed
    assert values("In 2004 a pump was implanted. On the ninth post-operative day, it leaked.", None)[
        "ninth post-operative day"] != "2004"


def test_no_placed_date_after_the_reference_date():
    text = "She fell in the previous week. In the fourth week of treatment her CRP was normal."
    got = values(text, "2018-03-10")
    assert got["the previous week"] <= "2018-03-10"
    assert got["the fourth week"] == "XXXX-XX-XX"


def test_story_year_only_from_a_written_date():
    # "4 years ago" is placed from the reference date; the admission is not in that year
    text = "He stopped drinking 4 years ago. On day 2 of admission an MRI was done."
    assert values(text, "2021-02-08")["day 2"] != "2017"
