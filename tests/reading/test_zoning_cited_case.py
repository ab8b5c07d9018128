"""Another report's patient told in the case's own words is literature (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.zoning import sentence_zone


@pytest.mark.parametrize("sentence", [
    "A recent case report described a patient who developed anaphylaxis after the first dose.",
    "Smith et al. reported myocarditis in a 25-year-old woman after the same drug.",
    "Jones et al. (2019) described a 40-year-old man in whom she noted a similar rash.",
    "Another report [12] described a boy who had recurrent pancreatitis.",
])
def test_a_cited_patient_is_literature(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "literature"


@pytest.mark.parametrize("sentence", [
    "As Smith et al. reported, our patient also developed myocarditis.",
    "We reported the reaction to the manufacturer, and she recovered.",
    "A 25-year-old woman developed myocarditis after the first dose.",
])
def test_this_patient_stays_narrative(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "narrative"


def test_the_cited_patients_diagnosis_is_not_this_patients() -> None:
    course = analyze_text("Case presentation\nA 30-year-old woman developed pancreatitis after the drug. "
                          "A recent case report described a patient who developed anaphylaxis after the drug.")
    names = {c.name for c in course.conditions}
    assert "pancreatitis" in names and "anaphylaxis" not in names


def test_a_cited_case_with_its_reference_number_glued_to_et_al_is_literature() -> None:
    text = ("Case presentation\nA 52-year-old man was admitted with pneumonia. Brown et al14 described a woman "
            "with progressive heart failure after a similar infection.")
    names = {c.name for c in analyze_text(text).conditions}
    assert "pneumonia" in names and "heart failure" not in names


@pytest.mark.parametrize(("rx", "sentence"), [
    ("_CITED_CASE", "Brown ET AL. published a similar woman with the rash."),
    ("_CITED_CASE", "One previous Case Series has also documented a man with the same reaction."),
    ("_CITED_CASE", "An earlier report (3) had presented a girl with this finding."),
    ("_WE_REPORT", "WE HEREBY DESCRIBE a boy with a rare rash."),
])
def test_a_cue_is_searched_only_where_its_words_stand(rx: str, sentence: str) -> None:
    """sentence_zone searches a cue only in a sentence whose lower case holds one of the words every match of it
    holds: each match holds one (in any letter case)."""
    from casecourse.reading import zoning

    m = getattr(zoning, rx).search(sentence)
    words = zoning._CITED_CASE_WORDS if rx == "_CITED_CASE" else ("we ",)
    assert m is not None and any(w in m.group().lower() for w in words)


def test_a_cited_case_written_with_a_no_break_space_is_literature() -> None:
    text = ("Case presentation\nA 52-year-old man was admitted with pneumonia. Brown et\u00a0al. described a woman "
            "with progressive heart failure after a similar infection.")
    names = {c.name for c in analyze_text(text).conditions}
    assert "pneumonia" in names and "heart failure" not in names
