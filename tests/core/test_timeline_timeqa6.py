"""The timeline read as a clinician reads it (timeqa6): ordinal day counts of a stay, day counts written with the
abbreviation the text defines ("hospital day (HD) 1 ... HD 14"). Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read
from casecourse.reading.timex import find_timexes


def times(text: str) -> list[TimeRef | None]:
    return [t.time if t else None for t in place_sentences(read(text))]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def test_an_ordinal_day_of_the_stay_counts_from_day_0_not_from_the_last_time() -> None:
    got = times("A 50-year-old man was admitted to the intensive care unit with pneumonia. His shock resolved over "
                "the next week. Weaning from the ventilator began on the 12th day of ICU stay. He was extubated on "
                "the 20th day.")
    assert mid(got[2]) == 11.0  # not 7 + 11
    assert mid(got[3]) == 19.0


def test_a_day_count_written_with_its_defined_abbreviation_is_read() -> None:
    got = times("A 70-year-old woman was admitted with fever. On hospital day (HD) 1, ceftriaxone was started. "
                "She was intubated on HD 5. She died on HD 12.")
    assert mid(got[1]) == 0.0
    assert mid(got[2]) == 4.0
    assert mid(got[3]) == 11.0


def test_hd_is_no_day_count_where_the_text_does_not_define_it() -> None:
    text = "He had end-stage renal disease on HD 3 times a week. HD 2 was uneventful."
    assert not [m for m in find_timexes(text) if m.attrs.get("day_count")]


def test_a_bracketed_abbreviation_between_day_and_its_number() -> None:
    got = [(m.text, m.attrs.get("rel_anchor"), m.attrs.get("day_count"))
           for m in find_timexes("An abscess was drained on postoperative day (POD) 6.")]
    assert ("postoperative day (POD) 6", "surgery", 6) in got


def test_a_day_count_of_an_unnamed_later_operation_still_counts_on_from_the_story() -> None:
    got = times("A 60-year-old woman underwent a gastric bypass. She was discharged on POD 4. She returned on POD 18 "
                "with leg swelling and was taken to the operating room for a venogram. On POD 1, she developed a "
                "compartment syndrome.")
    assert mid(got[2]) == 18.0
    assert mid(got[3]) >= 18.0  # the venogram's first day, never the bypass's


def test_an_ordinal_day_that_would_go_back_to_the_start_counts_on_from_the_story() -> None:
    got = times("A 30-year-old woman was referred for an abnormal fetal ultrasound. Three months later, the baby was "
                "delivered by caesarean section. He died on the second day.")
    assert mid(got[2]) > mid(got[1])  # the baby's second day, not day 1 of the mother's story
