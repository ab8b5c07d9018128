"""Organisms (reading/organisms.py, organism rows of knowledge/workup_terms.csv), on invented sentences."""
from casecourse.reading.organisms import find
from casecourse.reading.pipeline import read_mentions


def _orgs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.norm) for m in find(text)]


def test_organisms_are_read_with_their_canonical_name() -> None:
    assert _orgs("Two blood cultures grew Staphylococcus aureus and the swab was negative for adenovirus.") == [
        ("Staphylococcus aureus", "Staphylococcus aureus"), ("adenovirus", "adenovirus")]


def test_generic_words_and_adjectives_name_no_organism() -> None:
    assert _orgs("A bacterial or viral cause was considered; pneumococcal vaccination was up to date.") == []


def test_abbreviations_match_only_as_written() -> None:
    assert _orgs("CMV PCR was negative.") == [("CMV", "cytomegalovirus")]
    assert _orgs("The cmv team reviewed him.") == []


def test_an_organism_inside_a_diagnosis_gives_way_to_it() -> None:
    ms = read_mentions("She was treated for Klebsiella pneumonia. Later, Klebsiella was found in the sputum.")
    assert [m.text for m in ms if m.type == "organism"] == ["Klebsiella"]
    assert [m.start for m in ms if m.type == "organism"][0] > 45
    # a culture's growth is the culture's result ("cultures grew Klebsiella": the organism is its span)
    ms = read_mentions("She was treated for Klebsiella pneumonia. Later, cultures grew Klebsiella.")
    assert [(m.type, m.text) for m in ms if m.start > 45 and "Klebsiella" in m.text] == [("lab_value", "Klebsiella")]


def test_generic_nouns_are_kept_and_variants_read() -> None:
    assert _orgs("No parasites were seen; the culture grew S. pyogenes and coxsackievirus.") == [
        ("parasites", "parasitic"), ("S. pyogenes", "Streptococcus pyogenes"), ("coxsackievirus", "enterovirus")]
