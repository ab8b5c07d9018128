"""The timeline read as a clinician reads it (timeqa8): "DOL N" is day N of an infant's life where the text defines the
abbreviation; "discharged after 12 days" is the length of the stay, counted from its start; "day 6 after extubation"
counts from the extubation the story told ("extubated" and "extubation" name one event); an amount told right after a
day count, a comma between, restates that day ("On DOL 30, two weeks after feeds were resumed, ..."). Sentences
written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_anchor import _stem
from casecourse.assembly.timeline_story import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read
from casecourse.reading.timex import find_timexes


def times(text: str) -> list[TimeRef | None]:
    return [t.time if t else None for t in place_sentences(read(text))]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def test_dol_is_a_day_of_life_where_the_text_defines_it() -> None:
    got = times("A boy was born at 31 weeks of gestation. He received surfactant on day of life (DOL) 1 for "
                "respiratory distress syndrome. He was on room air by the end of the first week. On DOL 14, he "
                "developed abdominal distension. Blood cultures grew Klebsiella. On DOL 25 he was discharged.")
    assert mid(got[1]) == 0.0
    assert mid(got[3]) == 13.0  # day 14 of life, not the time told before
    assert mid(got[4]) == 13.0
    assert mid(got[5]) == 24.0


def test_dol_is_not_read_where_the_text_does_not_define_it() -> None:
    # an undefined "DOL" is no day count: the story does not move by it
    assert not any(t.text == "DOL 14" for t in find_timexes("On DOL 14 the value was checked."))


def test_an_amount_right_after_a_day_count_restates_that_day() -> None:
    got = times("A girl was born at 29 weeks of gestation. She had apnoea from day of life (DOL) 2 until "
                "discharge. On DOL 12, she developed bloody stools. Feeds were stopped. On DOL 30, two weeks after "
                "feeds were resumed, she had vomiting and fever. The stool test was positive.")
    assert mid(got[4]) == 29.0  # day 30 of life, not two weeks after it
    assert mid(got[5]) == 29.0


def test_discharged_after_days_is_the_length_of_the_stay() -> None:
    got = times("A 58-year-old woman was admitted with perforated diverticulitis. She underwent a Hartmann procedure. "
                "On postoperative day 20, she developed an abscess that was drained. She was discharged after 40 days. "
                "Two years later, she had no complaints.")
    assert mid(got[3]) == 40.0  # 40 days from the admission, not 40 days after postoperative day 20
    assert mid(got[4]) > 400


def test_discharged_after_a_period_is_the_length_of_the_stay() -> None:
    got = times("A 50-year-old man was admitted with cough. On day 3, he developed pneumonia. He was discharged home "
                "after a 3-week period.")
    assert 14 <= mid(got[2]) <= 28


def test_a_day_count_after_a_told_event_counts_from_it() -> None:
    got = times("A 70-year-old man was admitted with heart failure and was intubated. On hospital day 4, he was "
                "extubated. Dialysis was restarted. On day 6 after extubation, he developed abdominal pain and "
                "lactic acidosis.")
    assert mid(got[1]) == 3.0
    assert mid(got[3]) == 8.0  # from the extubation (day 3), not from day 0


def test_extubated_and_extubation_share_a_stem() -> None:
    assert _stem("extubated") == _stem("extubation")
    assert _stem("activated") == _stem("activation")


def test_discharged_after_days_counts_from_the_stay_told_last() -> None:
    got = times("A 45-year-old woman had abdominal pain. Two weeks later, she was admitted with jaundice. Two days "
                "later, her bilirubin had fallen. She was discharged after 5 days.")
    assert mid(got[1]) == 14.0
    assert mid(got[3]) == 19.0  # 5 days from the admission told last, not from the story's first day


def test_discharged_after_days_of_another_stay_is_not_the_stay() -> None:
    tx = [t for t in find_timexes("He was discharged home after 60 days of inpatient rehabilitation.")
          if t.text.startswith("60")]
    assert tx and not tx[0].attrs.get("stay_length")


def test_discharged_after_days_past_the_stay_told_counts_on() -> None:
    got = times("A 70-year-old man was admitted with a perforated rectum. He underwent a laparotomy. Sepsis resolved "
                "within 10 days. Two weeks later, he developed a fever and a pelvic abscess was drained. The fever "
                "resolved a week later. He was discharged after 10 days.")
    assert mid(got[5]) > mid(got[4])  # not day 10 of the stay, which the story has passed


def test_on_arrival_after_a_transfer_to_our_hospital_is_the_transfer() -> None:
    got = times("A 70-year-old man was admitted to a local hospital with fever and cough. He was diagnosed with "
                "pneumonia. His breathing worsened, and he was intubated and transferred to our hospital's intensive "
                "care unit on day 4 of hospitalization. On arrival at our hospital, his blood pressure was 90/50 mmHg.")
    assert mid(got[2]) == 3.0
    assert mid(got[3]) == 3.0  # the stay at our hospital begins with the transfer, not at the local admission
