"""A web page flattened to one line keeps its section headings inline; the reader finds them so that the
introduction and discussion are not read as the patient's story (zoning.zone_lines). Text written for this test."""
from __future__ import annotations

from casecourse.reading.zoning import zone_lines

FILLER = "Navigation Home Articles Submit About Search. " * 50  # a page header: a line far longer than a paragraph
INTRO = ("Keywords Chronic cough Sarcoidosis Introduction In the developing world sarcoidosis is often mistaken "
         "for tuberculosis and many patients receive antituberculous drugs for months. ")
CASE = "A 41-year-old teacher presented with a dry cough for six months and was admitted for bronchoscopy. "
DISC = "Discussion Sarcoidosis is a granulomatous disorder of unknown cause that mainly affects young adults. "


def _zone_at(text: str, phrase: str) -> str:
    pos = text.index(phrase)
    return next(z.zone for z in zone_lines(text) if z.start <= pos < z.end)


def test_inline_headings_split_a_flattened_page() -> None:
    text = FILLER + INTRO + "Case presentation " + CASE + DISC
    assert "\n" not in text
    assert _zone_at(text, "In the developing world") == "background"
    assert _zone_at(text, "A 41-year-old teacher") == "narrative"
    assert _zone_at(text, "Sarcoidosis is a granulomatous") == "discussion"
    assert _zone_at(text, "Navigation Home") == "narrative"  # the page's start holds its title: not background


def test_the_story_starts_at_its_first_sentence_under_an_unknown_heading() -> None:
    text = FILLER + INTRO + "Clinical vignette " + CASE + DISC
    assert _zone_at(text, "In the developing world") == "background"
    assert _zone_at(text, "A 41-year-old teacher") == "narrative"


def test_a_sentence_opening_with_a_heading_word_is_no_heading() -> None:
    text = FILLER + CASE + "Follow-up CT showed regression of the hilar nodes. " + "Treatment With steroids helped. "
    assert _zone_at(text, "regression of the hilar") == "narrative"
    assert _zone_at(text, "With steroids") == "narrative"


def test_a_short_line_is_not_split() -> None:
    text = "A 41-year-old teacher presented with cough. Discussion Sarcoidosis is a granulomatous disorder."
    assert {z.zone for z in zone_lines(text)} == {"narrative"}


def test_a_negation_cue_is_in_its_sentences_zone() -> None:
    from casecourse.reading.pipeline import read_mentions

    text = ("Case presentation\nA 41-year-old teacher presented with cough but no fever.\n\nDiscussion\n"
            "Sarcoidosis does not always cause fever in young adults.\n")
    cues = {m.start: m.zone for m in read_mentions(text) if m.type == "negation_cue"}
    assert cues.get(text.index("no fever")) == "narrative"
    assert cues.get(text.index("not always")) == "discussion"


def test_a_keyword_list_is_no_story_and_the_case_heading_after_it_opens_the_story() -> None:
    text = (FILLER + "Abstract A 41-year-old teacher had sarcoidosis. Keywords: Sarcoidosis; Tuberculosis; Cough "
            "Case presentation A 41-year-old teacher presented with cough. " + DISC)
    assert _zone_at(text, "Tuberculosis; Cough") == "backmatter"
    assert _zone_at(text, "A 41-year-old teacher presented") == "narrative"
    assert _zone_at(text, "A 41-year-old teacher had") == "summary"


def test_a_figure_legends_abbreviations_do_not_end_the_story() -> None:
    text = FILLER + CASE + "Figure 1. Chest CT. Abbreviations: CT, computed tomography. He recovered fully. "
    assert _zone_at(text, "He recovered fully") == "narrative"


def test_a_negation_cue_names_what_it_denies() -> None:
    from casecourse.reading.pipeline import read_mentions

    text = "She had no fever. She was not taking any medications. Aspirin was not given.\n"
    cues = [(m.start, m.attrs.get("negates")) for m in read_mentions(text) if m.type == "negation_cue"]
    assert (text.index("no fever"), "finding") in cues
    # a drug not taken or not given is no finding's modifier
    assert all(kind != "finding" for start, kind in cues if start > text.index("She was"))


def test_a_flattened_pages_title_is_its_title() -> None:
    title = "Sarcoidosis presenting as chronic cough: a case report and review of the literature"
    text = title + " | Journal of Invented Cases | Full Text " + FILLER + INTRO + "Case presentation " + CASE
    assert _zone_at(text, "Sarcoidosis presenting") == "title"
    assert next(z for z in zone_lines(text) if z.start == 0).end == len(title)
    assert _zone_at(text, "Journal of Invented") == "narrative"


def test_a_structured_abstracts_case_part_is_a_summary_when_the_case_section_follows_the_keywords() -> None:
    abstract = ("Introduction Sarcoidosis rarely presents with cough alone. Case presentation We report a 41-year-old "
                "teacher who presented with a dry cough and was found to have sarcoidosis. Conclusion Sarcoidosis "
                "should be considered in chronic cough. Keywords Sarcoidosis Cough ")
    text = FILLER + abstract + INTRO + "Case presentation " + CASE + DISC
    assert _zone_at(text, "who presented with a dry cough") == "summary"
    assert _zone_at(text, "A 41-year-old teacher presented") == "narrative"
    # without a case section after the keywords, the abstract's case part is the story
    text = FILLER + abstract + "Discussion Sarcoidosis is a granulomatous disorder of unknown cause. "
    assert _zone_at(text, "who presented with a dry cough") == "narrative"


def test_a_journals_case_report_label_atop_the_page_is_no_abstracts_case_part() -> None:
    text = ("Sarcoidosis and cough | Journal of Invented Cases " + FILLER + "CASE REPORT Year 2020 Volume 4 "
            "Sarcoidosis and cough in a teacher. " + "Abstract Sarcoidosis rarely presents with cough alone. "
            "Keywords Sarcoidosis Cough " + "Case presentation " + CASE + DISC)
    assert _zone_at(text, "Sarcoidosis and cough in a teacher") == "narrative"


def test_a_pages_header_before_its_abstract_or_case_is_front_matter() -> None:
    header = ("Sarcoidosis and cough | Journal of Invented Cases " + FILLER + "Sarcoidosis and cough in a teacher "
              "Ann Author, Ben Author Author information Copyright Sarcoidosis is a granulomatous disorder. ")
    text = header + "Abstract A 41-year-old teacher had sarcoidosis. Case presentation " + CASE + DISC
    assert _zone_at(text, "Sarcoidosis and cough in a teacher") == "frontmatter"
    assert _zone_at(text, "A 41-year-old teacher presented") == "narrative"
    # a page whose first heading is its discussion tells its case at the start, without a heading
    text = header + CASE + DISC
    assert _zone_at(text, "A 41-year-old teacher presented") == "narrative"


def test_a_label_opening_the_page_does_not_hide_its_title() -> None:
    text = "Case Report: Sarcoidosis and cough | Journal of Invented Cases " + FILLER + "Case presentation " + CASE
    assert _zone_at(text, "Sarcoidosis and cough") == "title"
    assert _zone_at(text, "Journal of Invented") == "frontmatter"


def test_an_en_dash_inside_the_page_title_is_the_titles_own() -> None:
    """" | " and " - " end a page title at the site's name; an en dash belongs to the title ("X – an unusual
    cause of Y"), so the words after it are still the title."""
    text = "Case Report: Sarcoidosis – an unusual cause of chronic cough Warning: " + FILLER + "Case report " + CASE
    assert _zone_at(text, "an unusual cause of chronic cough") == "title"
    text = "Sarcoidosis and cough - PubMed - NCBI " + FILLER + "Case presentation " + CASE
    assert _zone_at(text, "PubMed") != "title"


def test_the_titles_label_printed_again_is_no_case_heading() -> None:
    """A page prints its title again under the journal's header, with its label ("PMID: 1  Case Report: <title>
    ..."): that label is no heading of the case, so the navigation and the reprint stay the page's header."""
    title = "Sarcoidosis – an unusual cause of chronic cough"
    text = ("Case Report: " + title + " Warning: " + FILLER + "PMID: 1  Case Report: " + title
            + "  Find articles by Ann Example. Case History " + CASE)
    reprint = text.index("Case Report: " + title, 10) + len("Case Report: ")
    assert _zone_at(text, "Navigation Home") == "frontmatter"
    assert next(z.zone for z in zone_lines(text) if z.start <= reprint < z.end) == "frontmatter"
    assert _zone_at(text, "A 41-year-old teacher") == "narrative"
