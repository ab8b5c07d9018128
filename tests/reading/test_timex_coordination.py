"""Coordinated time expressions: two ordinal days sharing one unit, two amounts sharing one unit.
Sentences written for these tests."""

from __future__ import annotations

from casecourse.evaluation.readers.e3c import adapt_predictions
from casecourse.reading.pipeline import read_mentions
from casecourse.reading.timex import find_timexes


def spans(text: str) -> dict[str, dict]:
    return {m.text: m.attrs for m in find_timexes(text)}


def test_two_ordinal_days_share_the_unit_and_anchor():
    got = spans("On the 4th and 9th days of admission, the drains were flushed.")
    assert set(got) == {"the 4th", "9th days"}
    assert got["the 4th"]["day_count"] == 4 and got["9th days"]["day_count"] == 9
    assert got["the 4th"]["rel_anchor"] == got["9th days"]["rel_anchor"] == "admission"


def test_ordinal_pair_of_weeks_and_first_is_not_a_day_count():
    got = spans("Fever returned in the second and third weeks of treatment.")
    assert got["the second"]["rel_unit"] == "week" and got["third weeks"]["day_count"] == 3
    assert "the first" not in spans("Pain was worst in the first and second weeks.")


def test_a_bare_amount_takes_the_unit_of_the_next_amount():
    got = spans("The two relapses healed in five and seven months' time.")
    assert got["five"]["value"] == "P5M"
    assert got["seven months' time"]["value"] == "P7M"


def test_between_is_a_range_not_two_amounts():
    assert "2" not in spans("Swelling lasted between 2 and 4 weeks.")


def test_same_day_is_an_e3c_date_without_value():
    text = "The graft failed and he died later on the same day."
    mentions = read_mentions(text)
    adapted = [m for m in adapt_predictions(text, mentions) if m.text == "the same day"]
    assert adapted and adapted[0].type == "time" and adapted[0].attrs["value"] == "XXXX-XX-XX"
