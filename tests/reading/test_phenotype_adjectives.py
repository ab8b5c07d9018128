"""Adjectival and split forms of HPO findings: "hypoxemic respiratory failure", "bed ridden", named by the noun."""
from __future__ import annotations

import pytest

from casecourse.reading.phenotypes import find_phenotypes


def _findings(text: str) -> dict[str, tuple[str | None, str]]:
    """surface -> (HPO id, name) of the findings (not parts) of `text`."""
    return {m.text: (m.attrs.get("hpo"), m.norm) for m in find_phenotypes(text) if m.type == "finding"}


@pytest.mark.parametrize(("text", "word", "hpo", "name"), [
    ("He developed hypoxemic respiratory failure overnight.", "hypoxemic", "HP:0012418", "hypoxemia"),
    ("A film showed hypercapnic changes.", "hypercapnic", "HP:0012416", "hypercapnia"),
    ("Smears showed macrophages with hemophagocytic activity.", "hemophagocytic", "HP:0012156", "hemophagocytosis"),
])
def test_a_blood_state_adjective_names_its_finding_before_a_noun(text: str, word: str, hpo: str, name: str) -> None:
    assert _findings(text).get(word) == (hpo, name)


def test_other_rule_adjectives_stay_predicative() -> None:
    assert "eosinophilic" not in _findings("Biopsy showed an eosinophilic infiltrate of the dermis.")
    assert "eosinophilic" in _findings("The smear was eosinophilic.")


def test_a_drug_class_named_by_a_finding_word_is_no_finding() -> None:
    assert "hypoglycemic" not in _findings("She took oral hypoglycemic agents for years.")


def test_a_predicative_adjective_is_named_by_its_noun() -> None:
    assert _findings("By evening he was tachycardic.")["tachycardic"] == ("HP:0001649", "tachycardia")


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("He had been bed ridden since the fall.", "bed ridden", "bedridden"),
    ("She was bed-ridden for weeks.", "bed-ridden", "bedridden"),
    ("Severe head aches woke him at night.", "head aches", "headache"),
])
def test_a_one_word_term_written_as_two_words(text: str, surface: str, name: str) -> None:
    hpo, norm = _findings(text)[surface]
    assert hpo and norm == name


def test_two_words_that_only_join_by_chance_stay_apart() -> None:
    # a joined pair needs both words of three letters or more, with only a space or a hyphen between
    assert not any(" " in s for s in _findings("The pain was in his head, ache-free by noon."))


def test_a_short_form_names_what_its_first_letter_begins() -> None:
    text = "Echo showed a dilated left ventricle (LV). A LV vent was placed."
    spans = [m.text for m in find_phenotypes(text) if m.type == "finding"]
    assert spans == ["dilated left ventricle"]  # "LV" abbreviates the ventricle, not its dilatation


def test_a_name_does_not_run_into_an_opened_bracket() -> None:
    found = _findings("The right heart was enlarged (the right ventricle measured 57 mm).")
    assert not any("(" in s for s in found)


def test_both_findings_of_a_coordination_reach_the_reading() -> None:
    from casecourse.reading.pipeline import read

    r = read("CT showed thickening of the bronchial walls and interlobular septa.")
    hpos = {m.attrs.get("hpo") for m in r.mentions if m.type == "finding"}
    assert {"HP:0033542", "HP:0030879"} <= hpos  # bronchial wall and interlobular septal thickening


def test_a_coordination_to_the_left_stays_one_finding() -> None:
    found = [(m.text, m.type) for m in find_phenotypes("There was neck and shoulder pain.")]
    assert ("shoulder pain", "finding") not in found  # the coordination "neck and shoulder pain" is the finding


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("X-rays showed ulnar hypoplasia on both sides.", "ulnar hypoplasia", "Hypoplasia of the ulna"),
    ("He had marked gingival hypertrophy.", "gingival hypertrophy", "Gingival overgrowth"),
    ("A femoral fracture followed the fall.", "femoral fracture", "Femur fracture"),
])
def test_an_organ_adjective_stands_for_its_noun(text: str, surface: str, label: str) -> None:
    """HPO names these by the organ noun ("Hypoplasia of the ulna", "Gum hypertrophy", "Femur fracture");
    prose puts the organ's adjective first."""
    found = {m.text: m.attrs.get("label") for m in find_phenotypes(text) if m.type == "finding"}
    assert found.get(surface) == label


def test_a_negating_prefix_on_a_terms_first_word_leaves_the_rest() -> None:
    from casecourse.reading.phenotypes import find_phenotypes

    found = {m.text for m in find_phenotypes("She had watery, non-bloody diarrhea and a non-pruritic rash.")
             if m.type == "finding"}
    assert "diarrhea" in found and "bloody diarrhea" not in found and "rash" in found


def test_the_development_of_a_disease_is_its_onset_not_a_childs_development() -> None:
    from casecourse.reading.phenotypes import find_phenotypes

    found = {m.text: m.type for m in find_phenotypes("We describe the delayed development of compartment syndrome.")}
    assert found.get("delayed development") != "finding"
    assert {m.text: m.type for m in find_phenotypes("The boy had delayed development.")}["delayed development"] \
        == "finding"
