"""Lexical-variant generators of the HPO index builder (issue #6): index-style HPO surfaces put into
prose order, hyphenated compounds, Latin plurals and organ adjectives after 'of'. Sentences are our own."""
from __future__ import annotations

from casecourse.reading.lexicon_index import combining_form, organ_nouns, rephrasings
from casecourse.reading.phenotypes import PART, find_phenotypes


def _main(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.attrs.get("hpo")) for m in find_phenotypes(text) if m.type != PART]


def test_rephrasings_drop_a_parenthetical_and_put_trailing_modifiers_first():
    assert rephrasings("Generalized tonic-clonic seizure (without specification of onset)") == [
        "Generalized tonic-clonic seizure"]
    assert rephrasings("Hypotonia, neonatal, generalized") == ["generalized neonatal Hypotonia"]
    assert rephrasings("Sensorineural hearing loss, progressive") == ["progressive Sensorineural hearing loss"]
    assert rephrasings("Elevated CSF 3,4-dihydroxyphenylalanine concentration") == []  # a chemical name's comma
    assert rephrasings("Microcephaly") == []


def test_prose_forms_of_index_style_synonyms_match():
    assert _main("She had two generalized tonic-clonic seizures.") == [
        ("generalized tonic-clonic seizures", "HP:0002069")]
    assert _main("He had a pendular nystagmus.") == [("pendular nystagmus", "HP:0012043")]


def test_combining_form_splits_only_before_a_known_one_word_term():
    singles = frozenset({"splenomegaly", "arthritis"})
    assert combining_form("hepatosplenomegaly", singles) == "hepato"
    assert combining_form("osteoarthritis", singles) == "osteo"
    assert combining_form("thrombocytopenia", singles) is None


def test_hyphenated_compounds_and_prefixes_match_the_joined_term():
    assert ("hepato-splenomegaly", "HP:0001433") in _main("Examination showed hepato-splenomegaly.")
    assert _main("left ventricular non-compaction") == [("left ventricular non-compaction", "HP:0030682")]
    assert _main("a down-turned mouth") == [("down-turned mouth", "HP:0002714")]


def test_latin_plural_of_thorax():
    assert _main("He had two spontaneous pneumothoraces.") == [("spontaneous pneumothoraces", "HP:0002108")]


def test_organ_adjective_after_of_in_a_longer_object():
    assert organ_nouns("ventricular") == ["ventricle", "ventricula"]
    assert organ_nouns("renal") == ["kidney"]
    assert _main("Echocardiography showed hypertrophy of the left ventricle.") == [
        ("hypertrophy of the left ventricle", "HP:0001712")]


def test_spelled_out_ordinals_meet_hpo_digits():
    assert _main("She had clinodactyly of the fifth fingers.") == [
        ("clinodactyly of the fifth fingers", "HP:0004209")]
    assert _main("She had clinodactyly of the fingers.") != [("clinodactyly of the fingers", "HP:0004209")]


def test_shape_nouns_with_and_without_like_or_shaped():
    assert _main("Radiographs showed butterfly-like vertebrae.") == [("butterfly-like vertebrae", "HP:0003316")]
    assert _main("a shield-shaped chest") == [("shield-shaped chest", "HP:0000914")]
    assert _main("screwdriver incisors") == [("screwdriver incisors", "HP:0006346")]  # HPO: screwdriver-shaped


def test_coordination_passes_one_list_adjective_and_takes_a_two_word_modifier():
    found = {(m.text, m.attrs.get("hpo")) for m in find_phenotypes("She had ocular, orofacial, and cardiac anomalies.")}
    assert ("ocular, orofacial, and cardiac anomalies", "HP:0000478") in found  # "orofacial anomaly" is no key
    found = {(m.text, m.attrs.get("hpo")) for m in find_phenotypes("He had posterior subcapsular or capsular cataract")}
    assert ("posterior subcapsular or capsular cataract", "HP:0007787") in found
    # no adjective in the list: a symptom list is no coordination
    assert ("fever, rash, cough and chest pain", "HP:0100749") not in {
        (m.text, m.attrs.get("hpo")) for m in find_phenotypes("He had fever, rash, cough and chest pain.")}


def test_greek_and_latin_plurals_meet_their_singulars():
    from casecourse.reading.lexicon_norm import norm_word
    for plural, singular in [("epiphyses", "epiphysis"), ("pareses", "paresis"), ("halluces", "hallux"),
                             ("helices", "helix"), ("thoraces", "thorax"), ("lentigines", "lentigo")]:
        assert norm_word(plural) == norm_word(singular), plural
    assert norm_word("diseases") == norm_word("disease")  # the -eses rule leaves -ases alone


def test_plurals_of_ectasis_iasis_and_itis_meet_their_singulars():
    """"bilateral atelectases", "urinary lithiases", "both arthritides": the plural names the same disease;
    other -ases words ("diseases", "cases", "kinases", "phases") keep their own singular."""
    from casecourse.reading.diseases import find
    from casecourse.reading.lexicon_norm import norm_word
    for plural, singular in [("atelectases", "atelectasis"), ("bronchiectases", "bronchiectasis"),
                             ("candidiases", "candidiasis"), ("arthritides", "arthritis")]:
        assert norm_word(plural) == norm_word(singular), plural
    for word, singular in [("diseases", "disease"), ("cases", "case"), ("kinases", "kinase"), ("phases", "phase")]:
        assert norm_word(word) == norm_word(singular), word
    got = {m.text: m.type for m in find("CT showed bibasal atelectases and cylindrical bronchiectases.")}
    assert got.get("atelectases") == "condition" and got.get("bronchiectases") == "condition"


def test_participles_stand_for_hpo_adjectives():
    assert _main("Radiographs showed widened ribs.") == [("widened ribs", "HP:0000885")]
    assert _main("an elongated face") == [("elongated face", "HP:0000276")]


def test_organ_noun_for_hpo_adjective():
    assert _main("She developed kidney failure.") == [("kidney failure", "HP:0000083")]
    assert ("lung fibrosis", "HP:0002206") in _main("CT showed lung fibrosis.")


def test_retardation_stands_for_delay():
    assert _main("He had psychomotor retardation.") == [("psychomotor retardation", "HP:0001263")]
    assert _main("mental retardation") == [("mental retardation", "HP:0001249")]  # HPO's own synonym wins


def test_rule_made_adjective_before_a_person_noun_describes_the_person():
    assert _main("a hypotonic infant was referred") == [("hypotonic", "HP:0001252")]
    assert _main("an eosinophilic infiltrate") == []


def test_a_finding_after_a_comma_is_the_next_list_item_not_a_conjunct():
    found = {(m.text, m.attrs.get("hpo")) for m in find_phenotypes("She had foot deformities, edema and pain.")}
    assert not any(t.startswith("foot deformities,") for t, _ in found)
    assert ("edema", "HP:0000969") in found


def test_contracture_and_a_process_noun_head_go_before_of():
    assert _main("She had flexion contractures of the elbows.") == [
        ("flexion contractures of the elbows", "HP:0002987")]
    assert _main("contractures of the knees") == [("contractures of the knees", "HP:0034671")]


def test_difficulty_stands_for_impairment():
    assert _main("He reported memory difficulties.") == [("memory difficulties", "HP:0002354")]
    assert _main("feeding difficulties") == [("feeding difficulties", "HP:0011968")]  # HPO's own term first
