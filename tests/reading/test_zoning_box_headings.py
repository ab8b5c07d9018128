"""Round labqa8: the JACC: Case Reports template's "History of Presentation" opens the story, and a teaching box whose
heading PMC glues to a paragraph's end ("...chest pain.Learning Objectives") holds only its bulleted lines (invented
text)."""
from __future__ import annotations

from casecourse.reading.zoning import zone_lines


def test_history_of_presentation_opens_the_story() -> None:
    text = ("History of Presentation\n\nA 44-year-old woman presented with fever of 39.1°C.\n\n"
            "Past Medical History\n\nShe had asthma.\n\nDiscussion\n\nFever is common.\n")
    zones = {text[z.start:z.end]: z.zone for z in zone_lines(text)}
    assert zones["A 44-year-old woman presented with fever of 39.1°C."] == "narrative"
    assert zones["Fever is common."] == "discussion"


def test_a_box_heading_glued_to_a_paragraph_holds_only_its_bullets() -> None:
    text = ("History of Presentation\n\nA 61-year-old man had chest pain.Learning Objectives\n\n"
            "• To tell pericarditis from myocardial infarction.\n\n"
            "He was admitted to the ward.\n\nDiscussion\n\nChest pain is common.\n")
    zones = {text[z.start:z.end]: z.zone for z in zone_lines(text)}
    assert zones["A 61-year-old man had chest pain.Learning Objectives"] == "narrative"
    assert zones["• To tell pericarditis from myocardial infarction."] == "discussion"
    assert zones["He was admitted to the ward."] == "narrative"


_OPENING = ("A 23-year-old man presented with retrosternal chest pain and a fever of 38.2°C for two days. On "
            "examination a pericardial rub was heard, and the electrocardiogram showed diffuse ST elevation with PR "
            "depression.")


def test_a_case_told_before_its_first_sub_heading_is_the_story() -> None:
    text = (_OPENING + "Learning Objectives\n\n• To recognise tamponade.\n\nPast Medical History\n\nHe had asthma.\n\n"
            "Discussion\n\nPericarditis is common.\n")
    zones = {text[z.start:z.end]: z.zone for z in zone_lines(text)}
    assert zones[_OPENING + "Learning Objectives"] == "narrative"
    assert zones["• To recognise tamponade."] == "discussion"
    assert zones["Pericarditis is common."] == "discussion"


def test_an_introduction_before_the_case_heading_stays_background() -> None:
    intro = ("Pericarditis is a common cause of chest pain in young men, and most cases follow a viral illness. It is "
             "usually self-limiting, and tamponade is rare in the absence of an underlying disease.")
    text = intro + "\n\nCase report\n\n" + _OPENING + "\n"
    zones = {text[z.start:z.end]: z.zone for z in zone_lines(text)}
    assert zones[intro] == "background"
    assert zones[_OPENING] == "narrative"
