"""Times a clinician reads otherwise (timeqa13): a figure legend glued to a paragraph's last sentence, the presentation
told as a clause after a piece of history ("Several days before the patient presented"), a "Physical examination"
heading after the history, a state since an event ("she was 4 months postpartum"), and the onset of a second episode
after a discharge. Sentences written for this test."""

from __future__ import annotations

from timeline_probe import at, mid


def test_a_glued_legend_does_not_move_the_story() -> None:
    text = ("A 58-year-old man presented with chest pain and was taken for angiography.\n"
            "A stent was placed in the right coronary artery.Fig 1 Angiogram of a patient 4 years after the first "
            "repair. A, Stenosis. B, Result.\n"
            "Two days later, he was discharged home on aspirin.")
    assert mid(at(text, "discharged")) == 2.0  # (was about 1,463: the legend's 4 years moved the story)


def test_a_legend_names_no_event_to_count_from() -> None:
    text = ("A 58-year-old woman presented with haemoptysis.\n"
            "On day 3, a lobectomy was performed.\n"
            "Figure 2 Chest film after a second operation was performed 6 months later.\n"
            "She was extubated 2 days after the operation.")
    assert mid(at(text, "extubated")) == 4.0  # two days after day 2's lobectomy, not after the legend's operation


def test_an_amount_before_the_presentation_told_as_a_clause() -> None:
    text = ("A 71-year-old man came with a painful scrotal mass.\n"
            "About 18 months earlier, he was diagnosed with an inguinal hernia at our clinic. "
            "Several days before the patient presented to the emergency room, his legs had felt weak.")
    t = at(text, "weak.")
    assert t.offset_days is not None and -7.0 <= t.offset_days[0] and t.offset_days[1] <= -3.0  # (was ~-570..-536)
    assert mid(at(text, "presented to the emergency")) == 0.0  # the presentation itself is day 0


def test_a_physical_examination_heading_returns_to_the_presentation() -> None:
    text = ("A 71-year-old man came with a painful scrotal mass.\n"
            "History of present illness\n"
            "Two years earlier, he was diagnosed with an inguinal hernia and declined surgery.\n"
            "Physical examination\n"
            "His temperature was 36.4 C and his pulse was 96/min.")
    assert mid(at(text, "temperature")) == 0.0  # (was about -730: the history's time)


def test_a_state_since_an_event_at_the_presentation() -> None:
    text = ("A 38-year-old woman presented with sudden chest pain. She was 4 months postpartum at the time of "
            "presentation. On examination she was tachycardic. On day 3, she was discharged.")
    assert mid(at(text, "tachycardic")) == 0.0  # (was about 122: four months after day 0)
    assert mid(at(text, "discharged")) == 2.0


def test_the_onset_of_a_second_episode_after_a_discharge() -> None:
    text = ("A 69-year-old man received chemotherapy for lymphoma. On day 7, he had fever and was admitted to the "
            "intensive care unit. After 20 days of ICU stay, the patient was discharged. Two weeks later, fever was "
            "noted at home. He came back to hospital 5 h after the first occurrence of fever. "
            "He also had diarrhoea.")
    assert mid(at(text, "diarrhoea")) > 30.0  # the fever of this episode, not of day 7 (was 6.1)


def test_the_days_of_a_first_stay_told_after_day_0() -> None:
    text = ("A 15-year-old boy was given minocycline for acne as an outpatient. Four weeks later, he was admitted to "
            "our hospital with fever and a rash. Ruxolitinib was started on the fourth day of admission. On day 8, he "
            "was discharged.")
    assert mid(at(text, "Ruxolitinib")) == 31.0  # the stay's day 4, four weeks after day 0 (was 3)
    assert mid(at(text, "discharged")) == 35.0  # (was 7: before the stay began)


def test_the_days_of_a_stay_at_day_0_still_count_from_day_0() -> None:
    text = ("A 64-year-old man with two days of black stools was admitted to our emergency department. "
            "On the third day of admission, she had abdominal pain.")
    assert mid(at(text, "abdominal pain")) == 2.0


def test_each_item_of_a_list_of_history_has_its_own_time() -> None:
    text = ("A 70-year-old woman was brought in with dyspnea. She had gout, a stroke 12 years ago, a hip fracture 6 "
            "years ago, and a myocardial infarction 2 years ago. Her pulse was 88/min.")
    assert round(mid(at(text, "hip fracture")) / 365.25) == -6  # (was -12: the first time of the sentence)
    assert round(mid(at(text, "myocardial")) / 365.25) == -2
    assert round(mid(at(text, "stroke")) / 365.25) == -12


def test_the_presentation_after_a_list_of_history() -> None:
    text = ("A 66-year-old man with a gastrectomy some 35 years ago and an appendectomy some 10 years ago presented to "
            "the emergency department with abdominal pain.")
    assert mid(at(text, "abdominal pain")) == 0.0  # (was about -35 years)
