"""Clock times, treatment-week counts, regimen schedule days, amounts joined to their pre/post word,
possessive durations and hour offsets with a reference date. Sentences written for these tests."""

from __future__ import annotations

from casecourse.reading.pipeline import read_mentions
from casecourse.reading.timex import find_timexes


def found(text: str, ref: str | None = None) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.attrs.get("value")) for m in find_timexes(text, ref)}


# --- clock times ---------------------------------------------------------------------------------


def test_clock_times_with_meridiem_and_24_hour_notation():
    got = found("The drain was removed at 08:15 a.m. and the fever returned at 11 pm; a scan followed at 16:40.")
    assert got["08:15 a.m."] == ("time", "XXXX-XX-XXT08:15")
    assert got["11 pm"] == ("time", "XXXX-XX-XXT23:00")
    assert got["16:40"] == ("time", "XXXX-XX-XXT16:40")


def test_clock_time_keeps_its_full_stop_inside_a_sentence():
    got = found("At 6 p.m. on the same evening she vomited.")
    assert "6 p.m." in got and got["6 p.m."][1] == "XXXX-XX-XXT18:00"


def test_titres_ratios_and_impossible_hours_are_not_clock_times():
    got = found("ANA was positive at 1:80, the ratio was 3:1 and the reading 27:30 on the chart; I am well.")
    assert not any(v[1] and "T" in v[1] for v in got.values()), got


def test_twelve_am_is_midnight_and_twelve_pm_noon():
    got = found("Pain started at 12 am and eased at 12 pm.")
    assert got["12 am"][1] == "XXXX-XX-XXT00:00"
    assert got["12 pm"][1] == "XXXX-XX-XXT12:00"


# --- week counts and cycle days ------------------------------------------------------------------


def test_week_counts_of_a_treatment():
    got = found("Viral load was undetectable at week 8 and at Week 48 of therapy.")
    assert got["week 8"] == ("time", "P8W")
    assert got["Week 48"] == ("time", "P48W")


def test_week_count_is_not_a_dose_or_a_range():
    got = found("She was at week 6-8 of the plan and got week 2 mg doses.")
    assert "week 6" not in got and "week 2" not in got


def test_days_of_a_regimen_cycle_are_not_story_times():
    text = ("Gemcitabine 1000 mg/m2 was given on day 1 and day 8, repeated every 21 days. "
            "On day 12 of admission she developed a rash.")
    got = found(text)
    assert "day 1" not in got and "day 8" not in got
    assert got["day 12"][0] == "time"


def test_a_drug_added_on_a_day_after_its_dose_is_a_story_time():
    got = found("Prednisone was started at admission. Rituximab 375 mg/m2 was added on day 4.")
    assert got["day 4"][0] == "time"
    got = found("Oxaliplatin 85 mg/m2 was started on day 1, repeated every 14 days.")
    assert "day 1" not in got


def test_cycle_repetition_after_the_day_makes_it_a_schedule_day():
    got = found("Docetaxel was infused on day 2 of each cycle. She was discharged on day 9.")
    assert "day 2" not in got
    assert "day 9" in got


def test_time_after_cycles_survives_the_dose_reading():
    kept = [(m.type, m.text) for m in read_mentions("After three cycles, the tumour had shrunk.")]
    assert ("time", "After three cycles") in kept


# --- spans joined to their pre/post word, possessive durations -------------------------------------


def test_amount_with_its_post_word_is_one_expression():
    got = found("She went home 10 days postoperatively and was reviewed six weeks post discharge.")
    assert got["10 days postoperatively"] == ("time", "P10D")
    assert got["six weeks post discharge"] == ("time", "P6W")
    assert "postoperatively" not in got and "post discharge" not in got


def test_a_length_with_post_word_keeps_the_duration_span():
    got = found("He took aspirin for 3 months post stenting.")
    assert got["3 months"] == ("duration", "P3M")


def test_possessive_durations_include_their_noun():
    got = found("A cough of two weeks' duration settled in a month's time.")
    assert got["two weeks' duration"] == ("duration", "P2W")
    assert got["a month's time"] == ("duration", "P1M")


# --- hour offsets with a reference date -------------------------------------------------------------


def test_hour_offsets_keep_their_duration_value_with_a_reference_date():
    text = "She was admitted in May 2016. Nine hours later she seized; symptoms had begun 36 hours before."
    got = found(text, "2016-09-01")
    assert got["Nine hours later"][1] == "PT9H"
    assert got["36 hours before"][1] == "PT36H"
    assert got["May 2016"][1] == "2016-05"
