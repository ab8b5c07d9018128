"""The timeline read as a clinician reads it (timeqa10): "shortly thereafter" counts on by days, not months; a text
that marks its own day 0 counts "day N" as N days after it, and a parenthesised "(day N)" restates its sentence's
time; the first presentation's own amount after an event told nowhere else ("referred 4 weeks after a dental
extraction") dates that event, not the presentation; a day count of the stay later in a sentence ("... and died on the
9th ICU day") is a later step; history told after the presentation ("When the boy was 7 years old, ...", "Over the
past 6 months, ...") is dated as history. Sentences written for this test."""

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


def test_shortly_thereafter_counts_on_by_days_not_months() -> None:
    got = times("A 58-year-old man drank heavily and vomited, followed shortly thereafter by chest pain. "
                "He was admitted the next day.")
    assert 0.0 <= mid(got[0]) <= 4.0  # (0-90 days put the chest pain and the admission 45 days on)
    assert mid(got[1]) <= 5.0


def test_shortly_after_a_non_stay_event_keeps_its_wide_window() -> None:
    got = times("A 40-year-old woman started lithium in 2019. Shortly after starting it, she noticed a tremor.")
    assert got[1] is not None and got[1].derivation == "estimated"


def test_day_counts_of_a_text_that_marks_its_own_day_zero() -> None:
    got = times("A 45-year-old man was admitted to the intensive care unit with pneumonia (day 0). "
                "On day 12, he was moved to the ward. "
                "Three weeks later (day 40), he was readmitted with a cough. "
                "Ten days after the last dose of voriconazole (day 120), he had a headache.")
    assert mid(got[1]) == 12.0  # not 11: the text counts from its own day 0
    assert mid(got[2]) == 40.0  # the parenthesised day restates the time, not "three weeks" after day 12
    assert mid(got[3]) == 120.0


def test_day_counts_without_a_marked_day_zero_count_the_admission_as_day_one() -> None:
    got = times("A 30-year-old woman was admitted with sepsis. On day 18, she was moved to the ward.")
    assert mid(got[1]) == 17.0


def test_a_parenthesised_day_without_a_marked_day_zero_is_an_aside() -> None:
    got = times("A 30-year-old woman was admitted with sepsis. A month later (day 40), she had a rash.")
    assert 15.0 <= mid(got[1]) <= 46.0  # the month, as before


def test_first_presentation_after_an_untold_event_is_day_zero() -> None:
    got = times("A 40-year-old man was referred to our clinic with fever and jaw swelling 4 weeks after a dental "
                "extraction. The following day, he was admitted with rigors.")
    assert mid(got[0]) == 0.0  # the referral is day 0; the extraction lies 4 weeks before it
    assert mid(got[1]) == 1.0


def test_an_amount_after_an_untold_event_later_in_the_story_still_moves_it() -> None:
    got = times("A 26-year-old woman was admitted with pneumonia. She was discharged. "
                "She developed a rash 3 weeks after a course of amoxicillin.")
    assert mid(got[2]) > 10.0


def test_a_presentation_after_an_event_the_story_told_counts_from_it() -> None:
    got = times("A 52-year-old man underwent liver transplantation. Four months after the liver transplant, he was "
                "admitted with jaundice.")
    assert mid(got[1]) > 90.0  # the transplant told first is the story's start; the admission 4 months on


def test_a_later_day_count_of_the_stay_in_a_sentence_is_a_later_step() -> None:
    text = ("A 70-year-old man underwent a gastrectomy. On postoperative day 3, he became confused. "
            "Meanwhile, he developed pneumonia and died on the 9th ICU day.")
    st = place_sentences(read(text))[2]
    assert st is not None
    assert mid(st.at(text.index("died"))) == 8.0  # (was the sentence's "Meanwhile", day 3)
    assert mid(st.at(text.index("pneumonia"))) == 3.0


def test_an_earlier_day_of_the_stay_later_in_a_sentence_is_a_look_back() -> None:
    text = ("A 30-year-old man was admitted with knee pain. On the third hospital day, he was febrile. His breathing "
            "worsened the following day, and an X-ray showed an effusion, which was absent on the first hospital day, "
            "and the CRP was 21 mg/dL.")
    st = place_sentences(read(text))[2]
    assert st is not None
    assert mid(st.at(text.index("CRP"))) == 3.0  # not back to day 0


def test_a_day_count_abbreviation_written_on_its_number() -> None:
    text = "A leak was seen by POD58 and he went home on POD72."
    got = {m.text: m.attrs.get("day_count") for m in find_timexes(text)}
    assert got.get("POD58") == 58 and got.get("POD72") == 72


def test_postoperative_days_of_an_unfound_operation_count_from_one_day() -> None:
    got = times("A 40-year-old woman was admitted with neutropenia. Nine days later, a repeat CT showed ischaemia. "
                "She was weaned from the ventilator on postoperative day (POD) 1 and was stable. She had a fever on "
                "POD4. On POD5, a wound infection was diagnosed.")
    assert mid(got[2]) == 10.0
    assert mid(got[3]) == 13.0  # not 10 + 4
    assert mid(got[4]) == 14.0  # not 14 + 5


def test_arrival_at_the_operating_room_is_not_the_admission() -> None:
    got = times("A 50-year-old man was admitted to the ICU after a stroke. After 10 hours in the ICU, he was taken to "
                "the operating room. On arrival at the OR, his heart rate was 120/min.")
    assert mid(got[2]) > 0.3  # the time told, not back to the ICU admission


def test_immediately_after_admission_goes_back_to_the_admission() -> None:
    got = times("A 55-year-old man was admitted with cellulitis. A drain was removed on the sixth day after "
                "admission. Immediately after admission, ceftriaxone had been given.")
    assert mid(got[1]) == 5.0
    assert mid(got[2]) <= 1.0  # the admission's day, not the day after the drain's removal


def test_shortly_after_admission_after_a_discharge_counts_on() -> None:
    got = times("A 60-year-old woman was admitted for a pancreatectomy. She was discharged on the 11th postoperative "
                "day. On the 20th postoperative day, she came to the emergency room with vomiting. "
                "Shortly after admission, she became hypotensive.")
    assert mid(got[3]) >= mid(got[2])  # the later stay, not back to the first admission


def test_discharged_after_a_period_of_hospitalization_is_the_stay_length() -> None:
    got = times("A 4-year-old boy was admitted with encephalitis. Rituximab was given about 2 months after "
                "onset. He was discharged after a 5-month period of hospitalization.")
    assert 130.0 <= mid(got[2]) <= 170.0  # (was left at the 2 months told before)


def test_referred_to_our_facility_opens_the_stay_a_discharge_counts_from() -> None:
    got = times("A 41-year-old woman had fever and headache. Five days later, she developed vomiting. She was given "
                "quinine and referred to our facility. Upon arrival, she was pale. "
                "She was discharged home after 6 days.")
    assert mid(got[4]) == 11.0  # 6 days after the referral on day 5, not day 6


def test_an_age_told_with_when_dates_a_piece_of_history() -> None:
    got = times("A 15-year-old boy was admitted with a rash. He developed itching. "
                "When the boy was 7 years old, he had a similar rash. He is now at school.")
    assert mid(got[2]) < -2000.0  # about 8 years before day 0, not the story's time
    assert mid(got[3]) == 0.0


def test_a_sentence_opening_with_the_past_months_is_history() -> None:
    got = times("A 68-year-old man came to the emergency department with chest pain. Over the past 6 months he had "
                "noticed joint aches and fatigue. At that time, he was diagnosed with gout. "
                "On examination he was pale.")
    assert -183.0 < mid(got[1]) < -50.0
    assert mid(got[2]) == mid(got[1])  # "At that time": the history's time
    assert mid(got[3]) == 0.0


def test_a_span_later_in_the_presentation_sentence_is_the_presentation() -> None:
    got = times("A 50-year-old man presented with fever for the past 3 days. He was febrile.")
    assert mid(got[0]) == 0.0


def test_a_span_sentence_that_tells_the_admission_stays_the_story() -> None:
    got = times("A 60-year-old woman had hepatitis. Over the last 3 years, her liver tests rose slowly, "
                "until she was admitted to our ward with jaundice. She was given vitamin K.")
    assert mid(got[1]) == 0.0


def test_a_day_count_opening_the_next_clause_dates_the_next_drug_only() -> None:
    from casecourse.api import analyze_text

    text = ("A 63-year-old woman was admitted to the ICU with sepsis. On ICU day 4, we added caspofungin 50 mg daily "
            "and on ICU day 6, hydrocortisone 50 mg daily was given.")
    course = analyze_text(text, assess=False)
    start = {e.drug: e.segments[0].start for e in course.exposures}
    assert start["caspofungin"].offset_days == (3.0, 3.0)
    assert start["hydrocortisone"].offset_days == (5.0, 5.0)
