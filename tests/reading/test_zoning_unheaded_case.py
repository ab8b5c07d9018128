"""The case told where no story heading announces it (reading/zoning.py): after a teaching box, under an introduction
or methods heading of a case report, in a numbered sub-section of the case."""
from __future__ import annotations

from casecourse.reading.zoning import zone_lines


def _zone_of(text: str, words: str) -> str:
    at = text.index(words)
    return next(z.zone for z in zone_lines(text) if z.start <= at < z.end)


_CASE = ("A 47-year-old man presented to the emergency department with fever and a rash. He was admitted and "
         "treated with ceftriaxone.")


def test_the_text_after_a_teaching_box_returns_to_the_case() -> None:
    text = ("Case report\nKey teaching points\n\n• Rashes with fever need an early blood culture.\n\n"
            "• Early antibiotics save lives.\n\n" + _CASE + "\n\nDiscussion\nFever with rash has many causes.\n")
    assert _zone_of(text, "Rashes with fever") == "discussion"
    assert _zone_of(text, "A 47-year-old man") == "narrative"
    assert _zone_of(text, "Fever with rash has") == "discussion"


def test_a_box_at_the_top_of_an_unheaded_case_ends_with_its_bullets() -> None:
    text = "Novel teaching points\n• Rashes with fever need an early blood culture.\n\n\n" + _CASE + "\n"
    assert _zone_of(text, "A 47-year-old man") == "narrative"


def test_a_case_report_without_a_story_heading_starts_at_its_opening_sentence() -> None:
    text = ("Introduction\nMeningococcal disease is rare in adults. It causes fever and rash.\n\n"
            "Materials and methods\n" + _CASE + "\n\nDiscussion\nMeningococcal disease is treated with ceftriaxone.\n")
    assert _zone_of(text, "Meningococcal disease is rare") == "background"
    assert _zone_of(text, "A 47-year-old man") == "narrative"
    assert _zone_of(text, "is treated with ceftriaxone") == "discussion"


def test_an_age_in_words_opens_the_case_too() -> None:
    text = ("Introduction\nKawasaki disease affects infants.\n\n"
            "A nine-month-old boy presented with fever for five days. He was admitted.\n\nDiscussion\nIt is rare.\n")
    assert _zone_of(text, "A nine-month-old boy") == "narrative"


def test_a_review_without_a_discussion_does_not_make_another_authors_case_the_story() -> None:
    text = ("Introduction\nRashes are common.\n\nMechanisms\nJones et al. measured flow. They described a "
            "61-year-old woman who was admitted with a similar rash.\n\nConclusion\nMore work is needed.\n")
    assert _zone_of(text, "They described") == "background"


def test_a_numbered_sub_section_of_the_case_belongs_to_the_case() -> None:
    text = ("1 Introduction\nFistulae are rare.\n\n2 Case presentation\n\n2.1 Background\n" + _CASE +
            "\n\n3 Discussion\nFistulae are rare.\n")
    assert _zone_of(text, "A 47-year-old man") == "narrative"
    assert _zone_of(text, "Fistulae are rare.") == "background"
