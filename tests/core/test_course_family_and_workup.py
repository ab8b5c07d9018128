"""Relatives' diseases, prefixed adjectives and elided serology lists in the course (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text("Case presentation\nA 29-year-old woman presented with arthralgia.\n" + text)


def test_a_relatives_disease_is_not_the_patients() -> None:
    course = _course("Her mother had rheumatoid arthritis and her sister was diagnosed with systemic lupus "
                     "erythematosus at the age of 20.")
    assert not course.conditions


def test_diagnosed_with_does_not_end_a_negation() -> None:
    course = _course("She was not diagnosed with tuberculosis.")
    assert {c.name: c.status for c in course.conditions}.get("tuberculosis") == "refuted"


def test_a_finding_word_behind_non_only_qualifies_the_next_word() -> None:
    names = {f.name for f in _course("Examination revealed non-scarring alopecia.").findings}
    assert "alopecia" in names and "scarring" not in names


def test_letters_coordinated_after_an_organism_name_each_name_one() -> None:
    course = _course("Hepatitis B and C serologies were negative, and tuberculosis was excluded.")
    labs = {(lab.test, lab.interpretation) for lab in course.labs}
    assert {("hepatitis B virus serology", "NEG"), ("hepatitis C virus serology", "NEG")} <= labs
    assert not any("tuberculosis" in t for t, _ in labs)  # the serologies of the clause before are not its test


def test_one_serology_read_by_two_readers_is_one_result() -> None:
    course = _course("Serologies were negative for HIV and CMV.")
    assert sorted(lab.test for lab in course.labs) == ["cmv serology", "hiv serology"]


def test_a_finding_that_resolves_is_not_a_new_finding_at_its_resolution() -> None:
    course = analyze_text("Case report\nA 40-year-old man presented with fever and rash. He was admitted. On day 5 the "
                          "fever resolved. On day 8 he developed fever again.")
    assert [f.time.offset_days for f in course.findings if f.name == "fever"] == [(0.0, 0.0), (7.0, 7.0)]


def test_an_infants_age_in_months_and_an_obstetric_shorthand_give_the_patient() -> None:
    infant = analyze_text("Case presentation\nA 6-month-old boy was admitted with fever.").patient
    assert (infant.sex, infant.age_years) == ("male", 0.5)
    mother = analyze_text("Case presentation\nA 31-year-old G3P2 presented at 32 weeks of gestation.").patient
    assert (mother.sex, mother.age_years) == ("female", 31.0)


def test_the_storys_pronouns_give_a_sex_no_noun_states() -> None:
    assert analyze_text("Case presentation\nA 62-year-old patient presented with chest pain. His troponin was "
                        "2.1 ng/mL. He was admitted.").patient.sex == "male"
    assert analyze_text("Case presentation\nA 70-year-old patient presented with dyspnea.").patient.sex == "unknown"
