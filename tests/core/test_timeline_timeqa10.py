"""The timeline read as a clinician reads it (timeqa10): "shortly thereafter" counts on by days, not months; a text
that marks its own day 0 counts "day N" as N days after it, and a parenthesised "(day N)" restates its sentence's
time; the first presentation's own amount after an event told nowhere else ("referred 6 weeks after a medical
abortion") dates that event, not the presentation; a day count of the stay later in a sentence ("... and died on the
7th ICU day") is a later step. Sentences written for this test."""

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


def test_shortly_thereafter_counts_on_by_days_not_months() -> None:
    got = times("A 58-year-old man drank heavily and vomited, followed shortly thereafter by chest pain. "
                "He was admitted the next day.")
    assert 0.0 <= mid(got[0]) <= 4.0  # (0-90 days put the chest pain and the admission 45 days on)
    assert mid(got[1]) <= 5.0


def test_shortly_after_a_non_stay_event_keeps_its_wide_window() -> None:
    got = times("A 40-year-old woman started lithium in 2019. Shortly after starting it, she noticed a tremor.")
    assert got[1] is not None and got[1].derivation == "estimated"


def test_day_counts_of_a_text_that_marks_its_own_day_zero() -> None:
    got = times("A 30-year-old woman was admitted to the intensive care unit with sepsis (day 0). "
                "On day 18, she was moved to the ward. "
                "A month later (day 77), she was readmitted with back pain. "
                "Two weeks after the last dose of fluconazole (day 233), she had vomiting.")
    assert mid(got[1]) == 18.0  # not 17: the text counts from its own day 0
    assert mid(got[2]) == 77.0  # the parenthesised day restates the time, not "a month" after day 18
    assert mid(got[3]) == 233.0


def test_day_counts_without_a_marked_day_zero_count_the_admission_as_day_one() -> None:
    got = times("A 30-year-old woman was admitted with sepsis. On day 18, she was moved to the ward.")
    assert mid(got[1]) == 17.0


def test_a_parenthesised_day_without_a_marked_day_zero_is_an_aside() -> None:
    got = times("A 30-year-old woman was admitted with sepsis. A month later (day 40), she had a rash.")
    assert 15.0 <= mid(got[1]) <= 46.0  # the month, as before


def test_first_presentation_after_an_untold_event_is_day_zero() -> None:
    got = times("A 26-year-old woman was referred to our department with vaginal bleeding 6 weeks after a medical "
                "abortion. The following day, she was readmitted with fever.")
    assert mid(got[0]) == 0.0  # the referral is day 0; the abortion lies 6 weeks before it
    assert mid(got[1]) == 1.0


def test_an_amount_after_an_untold_event_later_in_the_story_still_moves_it() -> None:
    got = times("A 26-year-old woman was admitted with pneumonia. She was discharged. "
                "She developed a rash 3 weeks after a course of amoxicillin.")
    assert mid(got[2]) > 10.0


def test_a_later_day_count_of_the_stay_in_a_sentence_is_a_later_step() -> None:
    text = ("A 61-year-old woman underwent an oesophagectomy. On postoperative day 2, she developed hypotension. "
            "In the meantime, she developed sepsis and died on the 7th ICU day.")
    placed = place_sentences(read(text))
    st = placed[2]
    assert st is not None
    died = text.index("died")
    assert mid(st.at(died)) == 6.0  # (was the sentence's "In the meantime", day 2)
    assert mid(st.at(text.index("sepsis"))) == 2.0


def test_a_day_count_abbreviation_written_on_its_number() -> None:
    text = "A leak was seen by POD58 and he went home on POD72."
    got = {m.text: m.attrs.get("day_count") for m in find_timexes(text)}
    assert got.get("POD58") == 58 and got.get("POD72") == 72


def test_arrival_at_the_operating_room_is_not_the_admission() -> None:
    got = times("A 50-year-old man was admitted to the ICU after a stroke. After 10 hours in the ICU, he was taken to "
                "the operating room. Upon arrival at the OR, his blood pressure was 87/55 mmHg.")
    assert mid(got[2]) > 0.3  # the time told, not back to the ICU admission


def test_immediately_after_admission_goes_back_to_the_admission() -> None:
    got = times("A 55-year-old man was admitted with fasciitis. The wound was closed on the ninth day after "
                "admission. Immediately after admission, piperacillin was started.")
    assert mid(got[1]) == 8.0
    assert mid(got[2]) <= 1.0  # the admission's day, not the day after the wound closure


def test_shortly_after_admission_after_a_discharge_counts_on() -> None:
    got = times("A 60-year-old man was admitted for a pancreatectomy. He was discharged on the 11th postoperative day. "
                "On the 18th postoperative day, he came to the emergency room with pain. "
                "Shortly after admission, melena appeared.")
    assert mid(got[3]) >= mid(got[2])  # the later stay, not back to the first admission


def test_discharged_after_a_period_of_hospitalization_is_the_stay_length() -> None:
    got = times("A 3-year-old girl was admitted with encephalitis. Plasmapheresis was given about 3 months after "
                "onset. She was discharged after a 7-month period of hospitalization.")
    assert 190.0 <= mid(got[2]) <= 230.0  # (was left at the 3 months told before)


def test_referred_to_our_facility_opens_the_stay_a_discharge_counts_from() -> None:
    got = times("A 38-year-old man had fever and cough. Six days later, he developed abdominal pain. He was given "
                "artesunate and referred to our facility for review. Upon arrival, he was pale. "
                "He was discharged home after 8 days.")
    assert mid(got[4]) == 14.0  # 8 days after the referral on day 6, not day 8


def test_an_age_told_with_when_dates_a_piece_of_history() -> None:
    got = times("A 13-year-old girl was admitted with seizures. She developed agitation. "
                "When the girl was 5 years of age, she had similar seizures. She is now at school.")
    assert mid(got[2]) < -2000.0  # about 8 years before day 0, not the story's time
    assert mid(got[3]) == 0.0


def test_a_sentence_opening_with_the_previous_months_is_history() -> None:
    got = times("A 74-year-old woman presented to the emergency department with dyspnea. During the previous 12 "
                "months she was complaining of myalgias. At that time, she was diagnosed with polymyalgia rheumatica. "
                "On examination she was tachypneic.")
    assert -365.0 < mid(got[1]) < -100.0
    assert mid(got[2]) == mid(got[1])  # "At that time": the history's time
    assert mid(got[3]) == 0.0


def test_a_span_later_in_the_presentation_sentence_is_the_presentation() -> None:
    got = times("A 50-year-old man presented with fever for the past 3 days. He was febrile.")
    assert mid(got[0]) == 0.0


def test_a_day_count_opening_the_next_clause_dates_the_next_drug_only() -> None:
    from casecourse.api import analyze_text

    text = ("A 27-year-old man was admitted to the ICU with pneumonia. On ICU day 5, we added fluconazole 0.4 g daily "
            "and on ICU day 7, methylprednisolone 500 mg daily was given.")
    course = analyze_text(text, assess=False)
    start = {e.drug: e.segments[0].start for e in course.exposures}
    assert start["fluconazole"].offset_days == (4.0, 4.0)
    assert start["methylprednisolone"].offset_days == (6.0, 6.0)


def test_a_span_sentence_that_tells_the_admission_stays_the_story() -> None:
    got = times("A 60-year-old man had glomerulonephritis. In the past 5 years, his renal function worsened slowly, "
                "until he was admitted to the emergency room with severe anaemia. He was transfused.")
    assert mid(got[1]) == 0.0


def test_postoperative_days_of_an_unfound_operation_count_from_one_day() -> None:
    got = times("A 40-year-old woman was admitted with neutropenia. Nine days later, a repeat CT showed ischaemia. "
                "She was extubated on postoperative day (POD) 1 and was stable. She deteriorated on POD4. On POD5, "
                "mucormycosis was diagnosed.")
    assert mid(got[2]) == 10.0
    assert mid(got[3]) == 13.0  # not 10 + 4
    assert mid(got[4]) == 14.0  # not 14 + 5


def test_an_earlier_day_of_the_stay_later_in_a_sentence_is_a_look_back() -> None:
    text = ("A 30-year-old man was admitted with hip pain. On the third hospital day, he was febrile. His breathing "
            "worsened the following day, and CT showed consolidation, which was not seen on the first hospital day, "
            "and the CRP was 13.8 mg/dL.")
    st = place_sentences(read(text))[2]
    assert st is not None
    assert mid(st.at(text.index("CRP"))) == 3.0  # not back to day 0


def test_a_presentation_after_an_event_the_story_told_counts_from_it() -> None:
    got = times("A 67-year-old woman underwent renal transplantation from a deceased donor. Three months after the "
                "renal transplant, she was admitted to the surgery clinic with abdominal pain.")
    assert mid(got[1]) > 60.0  # the transplant told first is the story's start; the admission 3 months on
