"""Predicate findings: an examined part and its state after a copula ("the abdomen was distended")."""
from __future__ import annotations

import pytest

from casecourse.reading import predicates
from casecourse.reading.lexicon_norm import tokens
from casecourse.reading.phenotypes import find_phenotypes
from casecourse.reading.pipeline import read


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.attrs.get("hpo")) for m in predicates.find(text, tokens(text))]


@pytest.mark.parametrize(("text", "want"), [
    ("On arrival the abdomen was tense and distended.", [("distended", "HP:0003270")]),
    ("Her pupils were dilated.", [("dilated", "HP:0011499")]),
    ("Knee jerks were brisk bilaterally.", [("brisk", "HP:0001347")]),
    ("Ankle reflexes were absent.", [("absent", "HP:0001284")]),
    ("The neck was stiff.", [("stiff", "HP:0025258")]),
    ("Air entry was reduced at the right base.", [("reduced", "HP:4000214")]),
    ("The liver was found to be enlarged.", [("enlarged", "HP:0002240")]),
    ("The spleen was palpable 4 cm below the costal margin.", [("palpable", "HP:0001744")]),
    ("Her gait was wide-based.", [("wide-based", "HP:0002136")]),
    ("Both testicles were undescended.", [("undescended", "HP:0000028")]),
])
def test_part_and_state_name_the_finding(text: str, want: list[tuple[str, str]]) -> None:
    assert _found(text) == want


def test_coordinated_parts_share_the_state() -> None:
    got = {h for _, h in _found("The liver, spleen and lymph nodes were moderately enlarged.")}
    assert got == {"HP:0002240", "HP:0001744", "HP:0002716"}


def test_a_list_of_states_is_read_to_its_end() -> None:
    text = "The abdomen was soft, mildly distended, and tender to palpation."
    assert [(m.text, m.norm) for m in predicates.find(text, tokens(text))] == [
        ("distended", "abdominal distension"), ("tender", "abdominal tenderness")]


@pytest.mark.parametrize("text", [
    "Corneal reflexes were absent.",  # the part inside a longer noun phrase: no areflexia
    "The abdomen was soft and the pupils looked at the light.",  # no state of the table
    "The abdomen was distended loops of bowel on the film.",  # attributive: the adjective qualifies a noun
    "The abdomen was soft but non-tender.",  # a negated state and "but" end the list
    "The abdomen was soft. Distended veins were seen.",  # the sentence ended
    "The abdomen was soft and the spleen enlarged.",  # a new clause after "and the"
])
def test_no_finding_outside_one_clause(text: str) -> None:
    assert _found(text) == []


def test_the_state_replaces_a_vaguer_reading_of_the_same_word() -> None:
    text = "His skin was jaundiced and his sclerae were icteric."
    found = {(m.text, m.attrs.get("hpo")) for m in find_phenotypes(text) if m.type == "finding"}
    assert ("icteric", "HP:0032106") in found and ("icteric", "HP:0000952") not in found
    assert ("jaundiced", "HP:0000952") in found


def test_a_negated_state_is_a_negated_finding() -> None:
    r = read("On examination the liver was not enlarged.")
    ms = [m for m in r.mentions if m.attrs.get("source") == predicates.RULE]
    assert [(m.attrs.get("hpo"), m.assertion.value) for m in ms] == [("HP:0002240", "negated")]


def test_every_row_of_the_table_is_well_formed() -> None:
    for parts, states, pred in predicates.rows():
        assert parts and states and pred.finding
        assert pred.hpo is None or pred.hpo.startswith("HP:")
        assert all(predicates.state_key(s) for s in states)


def test_general_state_of_the_patient_after_a_copula() -> None:
    """The patient's general state stated of the person ("he was thin", "she became unresponsive"); the same
    adjectives of a thing name no finding ("a thin section", "the tumour was unresponsive to treatment")."""
    from casecourse.reading.pipeline import read_mentions

    def findings(text: str) -> dict[str, str | None]:
        return {m.text: m.norm for m in read_mentions(text) if m.type == "finding"}

    assert findings("On arrival, he was thin and pale.")["thin"] == "slender build"
    assert findings("Two days later the boy became unresponsive.")["unresponsive"] == "reduced consciousness"
    assert findings("That winter this woman became ill with a cough.")["ill"] == "ill appearance"
    assert findings("He was comatose.")["comatose"] == "coma"
    assert "unresponsive" not in findings("The lymphoma was unresponsive to two lines of chemotherapy.")
    assert "thin" not in findings("A thin section of the biopsy was stained.")
