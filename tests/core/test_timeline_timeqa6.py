"""The timeline read as a clinician reads it (timeqa6): ordinal day counts of a stay, day counts written with the
abbreviation the text defines ("hospital day (HD) 1 ... HD 14"), a story whose only calendar words cannot be placed,
the presentation date told in the opening summary sentence, times after an infant's birth, "shortly after" an event of
the stay, "the day prior to admission", amounts after the admission or of an ICU stay, "day +60", incubation times.
Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
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


def test_a_story_whose_only_month_has_no_year_lives_on_the_relative_axis() -> None:
    got = times("A 60-year-old man was bitten by a tick. In late April, he developed fever and myalgia. "
                "He was admitted on day 1 of illness. On day 3 of hospitalization, he became confused.")
    assert all(t is not None and t.offset_days is not None for t in got)  # each sentence has a time
    assert mid(got[3]) == 2.0


def test_the_presentation_date_of_an_opening_summary_dates_the_story() -> None:
    got = times("We report the case of a 70-year-old man who presented to our hospital in March 2021 with abdominal "
                "pain that began 3 days earlier. His temperature was 38.5 C. He underwent an appendectomy.")
    assert got[1] is not None and got[1].point == "2021-03"
    assert got[2] is not None and got[2].point == "2021-03"


def test_a_summary_date_of_something_other_than_the_presentation_stays_an_aside() -> None:
    got = times("We report the case of a woman with lupus diagnosed in 2009 and nephritis. "
                "She was admitted with fever. In May 2019 she relapsed.")
    assert got[1] is None  # not dated 2009


def test_times_after_birth_in_an_infants_story_count_from_the_birth() -> None:
    got = times("A male infant was born at 39 weeks by vaginal delivery. He developed grunting 6 hours after birth. "
                "Ampicillin was started. He was weaned from oxygen 8 days after birth. He was discharged home "
                "15 days after birth.")
    assert mid(got[3]) == 8.0  # not 8 days after the grunting
    assert mid(got[4]) == 15.0


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


def test_shortly_after_an_event_of_the_stay_is_within_about_a_day() -> None:
    got = times("A 40-year-old man was admitted with meningitis. He was intubated shortly after ICU admission. "
                "He died on hospital day 3.")
    t = got[1]
    assert t is not None and t.offset_days is not None and t.offset_days[1] <= 1.0  # not up to 90 days
    assert t.derivation == "estimated"  # an estimate still
    # without an event of the stay: the wide window ("Shortly thereafter", counted on from the step just told, is
    # within about a week since timeqa10)
    alone = [m for m in find_timexes("Shortly after the move, she developed a rash.") if m.type == "time_relation"]
    assert alone and alone[0].attrs["rel_amount_max"] == 90.0


def test_the_day_prior_to_admission_is_the_day_before_it() -> None:
    got = times("A 30-year-old man was admitted with confusion. The day prior to admission, he had visited another "
                "emergency room with vomiting. By the following day, he had a fever of 39.4 C.")
    assert mid(got[1]) == -1.0
    assert mid(got[2]) == 0.0


def test_an_amount_after_admission_in_a_calendar_story_counts_from_the_admission() -> None:
    got = times("A 60-year-old man presented to the emergency department on 3 May 2021 with cough. He was admitted. "
                "On day 5 he was intubated. Ten days later he developed a rash. Twenty days after admission, he was "
                "extubated.")
    assert got[3] is not None and got[3].point == "2021-05-17"
    assert got[4] is not None and got[4].point == "2021-05-23"  # not 20 days after the rash


def test_an_amount_of_icu_stay_counts_from_the_icu_admission() -> None:
    got = times("A 50-year-old man was admitted with pneumonia. On day 3 he was transferred to the intensive care "
                "unit. On day 9 he was extubated. He was discharged after 2 weeks of ICU stay.")
    assert mid(got[3]) == 16.0  # 2 weeks after the transfer on day 3 (day index 2), not after day 9
    assert got[3] is not None and got[3].anchor == "unit admission"


def test_a_day_count_with_a_plus_sign_is_read_with_its_day_0() -> None:
    got = times("A 40-year-old man with leukaemia received a stem cell transplant. He had a stable course until "
                "day +60, when he developed diarrhoea.")
    assert mid(got[1]) == 60.0  # day +60 is 60 days after day 0, not the 60th day


def test_day_plus_counts_count_from_the_event_the_text_marks_day_0() -> None:
    got = times("A 55-year-old woman with cirrhosis was admitted to our unit. She underwent a liver transplant on "
                "3 May 2020 (day 0). On day +10, she developed a fever of 39 C. Two weeks later, she had a rash. "
                "On day +12, cultures grew Candida albicans.")
    assert got[2] is not None and got[2].point == "2020-05-13"
    assert got[4] is not None and got[4].point == "2020-05-15"  # from day 0, not on from the rash


def test_an_incubation_time_does_not_move_the_story() -> None:
    got = times("A 60-year-old man was admitted with fever. Blood cultures drawn on admission grew Escherichia coli "
                "after 5 days of incubation. Ceftriaxone was started.")
    assert mid(got[1]) == 0.0 and mid(got[2]) == 0.0  # the laboratory's five days are not the patient's


def test_a_fronted_incubation_time_still_moves_the_story() -> None:
    got = times("A 60-year-old man was admitted with fever. After 5 days of incubation, the culture grew Aspergillus "
                "and voriconazole was started.")
    assert mid(got[1]) == 5.0  # the treatment followed the result
