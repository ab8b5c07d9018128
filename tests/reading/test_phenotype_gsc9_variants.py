"""Index variants of round gsc9: 'development' for 'developmental', a shape written as a noun of change
('flattening of', 'narrowing of', 'widening of'), 'recurrent episodes of', 'attenuated' reflexes. Example
sentences are our own."""
from __future__ import annotations

from casecourse.reading.phenotypes import find_phenotypes


def _codes(text: str) -> set[tuple[str, str | None]]:
    return {(m.text, m.attrs.get("hpo")) for m in find_phenotypes(text)}


def test_development_delay_is_developmental_delay():
    assert ("global development delay", "HP:0001263") in _codes("By two years a global development delay was clear.")
    # the plain noun alone still names nothing
    assert not _codes("Her development was normal.")


def test_a_shape_written_as_a_noun_of_change_names_the_shape():
    assert ("flattening of the nasal bridge", "HP:0005280") in _codes("We saw flattening of the nasal bridge.")
    assert ("narrowing of the forehead", "HP:0000341") in _codes("There was narrowing of the forehead.")
    assert ("widening of the ribs", "HP:0000885") in _codes("Radiographs showed widening of the ribs.")


def test_recurrent_episodes_of_names_the_recurrent_term():
    assert ("recurrent episodes of pulmonary infection", "HP:0006532") in \
        _codes("He had recurrent episodes of pulmonary infection.")
    assert ("repeated episodes of fever", "HP:0001954") in _codes("She had repeated episodes of fever.")


def test_attenuated_reflexes_are_hyporeflexia():
    assert "HP:0001265" in {h for _, h in _codes("Deep tendon reflexes were attenuated.")}


def test_occult_spina_bifida_in_english_order_is_spina_bifida_occulta():
    assert ("occult spina bifida", "HP:0003298") in _codes("Radiographs showed an occult spina bifida.")


def test_plasic_and_ulated_spellings_meet_plastic_and_ulate():
    assert ("hypoplasic nails", "HP:0001792") in _codes("She had hypoplasic nails.")  # Hypoplastic nails
    assert ("spatulated thumbs", "HP:0001222") in _codes("He had spatulated thumbs.")  # Spatulate thumbs


def test_gnathism_is_gnathia():
    assert ("micrognathism", "HP:0000347") in _codes("The infant had micrognathism.")  # Micrognathia
