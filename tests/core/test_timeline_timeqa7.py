"""The timeline read as a clinician reads it (timeqa7): history counted back from the arrival, a visit or the onset
of the symptoms dates only its sentence; "hospitalized for 25 days after birth" is a length, not a time 25 days on;
"On admission" on the relative axis goes back to the admission told last (not "cultures obtained on admission", not an
operating room's arrival, not day 0 far into a story that told no admission); "after a total of 75 days" and "after 90
days in the hospital" count from the start of the stay. Sentences written for this test."""

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


def test_history_before_the_arrival_dates_only_its_sentence() -> None:
    got = times("A 50-year-old man came to the emergency department with leg pain. He had eaten raw oysters 3 days "
                "prior to his arrival. He was febrile and tachycardic.")
    assert mid(got[1]) == -3.0
    assert mid(got[2]) == 0.0  # the examination is at the presentation, not 3 days before it


def test_history_before_the_onset_of_the_symptoms_dates_only_its_sentence() -> None:
    got = times("A 40-year-old woman presented with a 4-week history of headache. Two weeks prior to the onset of "
                "these symptoms, she fell and hit her head. She was hypotensive.")
    assert mid(got[1]) < 0
    assert mid(got[2]) == 0.0


def test_history_before_a_visit_dates_only_its_sentence() -> None:
    got = times("A 55-year-old man presented with cough for 5 days. He had been seen at another clinic 2 days before "
                "this visit. His oxygen saturation was 91%.")
    assert mid(got[2]) == 0.0


def test_a_length_after_an_event_does_not_move_the_story() -> None:
    got = times("A 3-month-old girl was admitted with cough on 4 May 2021. She had been hospitalized for 30 days "
                "after birth for prematurity. On examination, she was tachypnoeic.")
    assert got[2] is not None and got[2].point == "2021-05-04"  # not 30 days after 4 May


def test_a_treatment_for_weeks_after_discharge_starts_at_the_discharge() -> None:
    got = times("A 40-year-old man was admitted with endocarditis. He was discharged on hospital day 20. He took oral "
                "linezolid for 4 weeks after discharge.")
    assert mid(got[2]) == 19.0  # the discharge, not 4 weeks after it


def test_on_admission_goes_back_to_the_admission_after_the_story_moved_past_it() -> None:
    got = times("A 60-year-old woman was admitted to our emergency department with abdominal pain. Her symptoms "
                "began three days prior to admission with dysuria. After 24 hours, she developed fever and vomiting. "
                "Vital signs at admission were as follows: blood pressure 80/40 mmHg.")
    assert mid(got[2]) == 1.0
    assert mid(got[3]) == 0.0


def test_on_admission_is_the_referral_told_last() -> None:
    got = times("A newborn boy was admitted to the neonatal unit on the 2nd day of life with fever. He was discharged "
                "on the 8th day of life. He was referred to our hospital on the 20th day of life. On admission, he was "
                "lethargic.")
    assert mid(got[3]) == mid(got[2])


def test_a_specimen_taken_on_admission_does_not_take_the_story_back() -> None:
    got = times("A 70-year-old man was admitted with confusion. On day 3 of hospitalization, he improved. One of the "
                "blood cultures obtained on admission grew Clostridium species. He was treated with ampicillin.")
    assert mid(got[3]) == 2.0


def test_arrival_in_the_operating_room_is_not_the_admission() -> None:
    got = times("A 45-year-old man was admitted after a fall. On hospital day 10, he underwent surgery. On arrival in "
                "the operating room, his blood pressure was 130/80 mmHg.")
    assert mid(got[2]) == 9.0


def test_on_admission_far_into_a_story_with_no_admission_told_stays() -> None:
    got = times("A 58-year-old man visited a local clinic with sore throat. Seventeen days later, he developed "
                "respiratory failure. When examined on admission, his blood pressure was 90/60 mmHg.")
    assert mid(got[2]) == 17.0


def test_an_amount_in_the_hospital_counts_from_the_admission() -> None:
    got = times("A 30-year-old man was admitted with fever. On day 12, he developed a rash. Three weeks later, he had "
                "seizures. He died after 90 days in the hospital.")
    assert mid(got[3]) == 90.0  # not 90 days after the seizures


def test_after_a_total_of_days_counts_from_the_start() -> None:
    got = times("A 29-year-old woman was admitted with endocarditis. After a few days, she developed shock. After "
                "five days of support, she improved. After a total of 60 days, she was discharged.")
    assert mid(got[3]) == 60.0


def test_an_amount_in_the_icu_is_read_as_of_the_stay() -> None:
    got = [(m.text, m.attrs.get("rel_anchor")) for m in find_timexes("He was extubated after 5 days in the ICU.")]
    assert ("5 days", "admission") in got


def test_history_told_over_two_sentences_stays_in_the_history() -> None:
    got = times("A 45-year-old man presented with headache. Five months before admission, he had migraines. These were "
                "accompanied by nausea and photophobia. He was febrile.")
    assert got[2] is not None and got[2].offset_days == got[1].offset_days  # not back at day 0
    assert mid(got[3]) == 0.0


def test_after_eating_this_goes_on_in_the_history() -> None:
    got = times("A 50-year-old man came to the emergency department with leg pain. He had eaten raw oysters 3 days "
                "prior to his arrival. After eating them, he developed diarrhea and fever. He was tachycardic.")
    assert mid(got[2]) == -3.0
    assert mid(got[3]) == 0.0


def test_a_sentence_that_does_not_point_back_returns_to_the_story() -> None:
    got = times("A 45-year-old man presented with headache. Five months before admission, he had migraines. The "
                "patient was febrile.")
    assert mid(got[2]) == 0.0


def test_days_after_admission_to_our_hospital_count_from_the_transfer() -> None:
    got = times("A 58-year-old man was seen at a local clinic with a sore throat. Seventeen days later, he developed "
                "respiratory failure. He was transferred to the intensive care unit of our hospital for ECMO. Nine "
                "days after his admission to our facility, he developed hypotension.")
    assert mid(got[3]) == 26.0  # the transfer on day 17, not day 0


def test_days_after_admission_to_our_hospital_where_the_story_began_there() -> None:
    got = times("A 60-year-old woman was admitted to our hospital with fever. Three days later, she became confused. "
                "Ten days after her admission to our hospital, she was discharged.")
    assert mid(got[2]) == 10.0
