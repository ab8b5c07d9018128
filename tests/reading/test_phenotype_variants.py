"""Lexical-variant families of the HPO lexicon and the finding_part layer. Example sentences are our own."""
from __future__ import annotations

from casecourse.reading.lexicon_norm import norm_phrase
from casecourse.reading.phenotypes import PART, find_phenotypes
from casecourse.reading.pipeline import read_mentions


def _codes(text: str, parts: bool = True) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.attrs.get("hpo")) for m in find_phenotypes(text) if parts or m.type != PART]


def test_general_term_inside_a_longer_one_is_a_part_and_survives_the_pipeline():
    text = "The boy had sensorineural hearing loss and fever."
    found = _codes(text)
    assert ("hearing loss", PART, "HP:0000365") in found
    assert ("sensorineural hearing loss", "finding", "HP:0000407") in found
    kinds = {(m.text, m.type) for m in read_mentions(text)}
    assert ("hearing loss", PART) in kinds and ("sensorineural hearing loss", "finding") in kinds


def test_a_synonym_shared_by_a_term_and_its_child_names_the_broader_term():
    assert _codes("She had ear anomalies.") == [("ear anomalies", "finding", "HP:0000598")]  # not the outer ear
    assert _codes("She had external ear anomalies.", parts=False)[0][2] == "HP:0000356"


def test_grade_letters_with_digits_are_not_articles():
    assert _codes("brachydactyly type A1 in the father", parts=False) == [
        ("brachydactyly type A1", "finding", "HP:0009371")]
    assert _codes("type A1 brachydactyly", parts=False)[0][2] == "HP:0009371"


def test_coordination_to_the_right_shares_all_but_the_last_word():
    found = _codes("He had cleft lip and palate; renal hypoplasia and agenesis were seen.")
    assert ("cleft lip and palate", "finding", "HP:0000175") in found
    assert ("renal hypoplasia and agenesis", "finding", "HP:0000104") in found
    # the term the coordination was built from stays a finding of its own (both are the patient's)
    assert ("renal hypoplasia", "finding", "HP:0000089") in found
    found = _codes("pits of the palms and soles")
    assert {h for _, _, h in found} == {"HP:0010610", "HP:0010612"}  # palmar and plantar pits


def test_coordination_stops_where_the_word_heads_its_own_phrase():
    found = _codes("renal dysplasia and anomalies of the collecting system")
    assert all(not t.startswith("renal dysplasia and") for t, _, _ in found)


def test_organ_adjectives_and_abnormality_heads():
    assert ("cutaneous manifestations", "finding", "HP:0000951") in _codes("Cutaneous manifestations were mild."
                                                                            .lower())
    assert _codes("an abnormal EEG") == [("abnormal EEG", "finding", "HP:0002353")]
    assert ("anomalies of the semicircular canals", "finding", "HP:0011380") in _codes(
        "CT showed anomalies of the semicircular canals.")
    assert _codes("a happy disposition") == [("happy disposition", "finding", "HP:0100024")]  # "conspicuously ..."


def test_phenotypic_abnormality_root_is_not_a_finding():
    assert _codes("Phenotypic abnormalities were variable.") == []


def test_defined_short_form_is_a_part_at_its_definition_and_a_finding_later():
    ms = find_phenotypes("Brachydactyly type C (BDC) runs in families; BDC is dominant.")
    bdc = [(m.start, m.type) for m in ms if m.text == "BDC"]
    assert bdc == [(22, PART), (45, "finding")]
    # the short form spells more than the term found ("bilateral ..."): no part at the definition
    ms = find_phenotypes("Bilateral acoustic neurofibromatosis (BILAN) is rare; BILAN recurs.")
    assert [m.start for m in ms if m.text == "BILAN"] == [54]


def test_medical_plurals_and_adverb_forms():
    assert norm_phrase("ocular colobomata") == norm_phrase("ocular coloboma")
    assert norm_phrase("chalazia") == norm_phrase("chalazion")
    assert ("hypopigmented", "finding", "HP:0001010") in _codes("All were hypopigmented as compared to sibs.")


def test_hyphenated_prefixes_match_the_joined_term():
    hpo = {m.text: m.attrs.get("hpo") for m in find_phenotypes("She had pre-auricular pits and a preauricular pit.")}
    assert hpo["pre-auricular pits"] == hpo["preauricular pit"] is not None


def test_an_implicit_qualifier_may_be_left_out_where_no_term_claims_the_rest():
    found = {m.text: m.attrs.get("hpo") for m in find_phenotypes("Several skin lesions and open comedones were seen.")}
    assert found.get("skin lesions") == "HP:0011355"  # Localized skin lesion
    assert found.get("open comedones") == "HP:0025251"  # irregular plural of comedo
    # the dropped qualifier never takes a phrase another term names: "hypopigmentation" stays its own term
    assert _codes("hypopigmentation")[0][2] != "HP:0007513"  # not Generalized hypopigmentation
    assert _codes("mesothelioma")[0][2] == "HP:0100001"  # Malignant mesothelioma


def test_a_term_pairing_two_named_findings_is_read_as_both():
    found = _codes("He had nausea and vomiting, and a cleft lip and palate.", parts=False)
    names = [t for t, _, _ in found]
    assert "nausea" in names and "vomiting" in names and "nausea and vomiting" not in names
    assert "cleft lip and palate" in names  # "palate" alone names no finding: the pair stays one term


def test_multiple_and_numerous_are_one_first_word():
    assert _codes("numerous lipomas")[0][2] == _codes("multiple lipomas")[0][2] is not None


def test_abnormal_shape_with_the_organ_adjective():
    assert _codes("an abnormal clavicular shape")[0][2] == _codes("abnormal clavicle morphology")[0][2] is not None


def test_adjective_named_terms_also_match_as_head_nouns():
    # "Dysplastic patella" <-> "patellar dysplasia"; "optic nerve atrophy" <-> "atrophy of the optic nerve"
    assert _codes("bilateral patellar dysplasia", parts=False)[0][2] == _codes("a dysplastic patella")[0][2] is not None
    assert _codes("atrophy of the optic nerve", parts=False)[0][2] == _codes("optic nerve atrophy", parts=False)[0][2]
    assert _codes("degeneration of axons", parts=False)[0][2] == _codes("axonal degeneration", parts=False)[0][2]


def test_a_greek_plural_meets_its_singular():
    assert _codes("multiple acrochordons")[0][2] == _codes("an acrochordon")[0][2] is not None


def test_coordination_to_the_right_with_a_conjunct_of_several_words():
    found = _codes("She had elevated serum cholesterol and alkaline phosphatase.")
    assert {h for _, _, h in found} >= {"HP:0003124", "HP:0003155"}
    found = _codes("He had a prominent nose and nasal bridge.")
    assert {h for _, _, h in found} >= {"HP:0000448", "HP:0000426"}


def test_a_conjunct_that_names_a_finding_alone_does_not_take_the_shared_words():
    found = _codes("She had congenital cataracts, sensorineural hearing loss and myopia.")
    hpo = {h for _, _, h in found}
    assert "HP:0000407" in hpo and "HP:0008527" not in hpo  # not "congenital" sensorineural hearing loss
    assert "HP:0011003" not in {h for _, _, h in _codes("a high arched palate, myopia")}  # not "high myopia"


def test_a_body_part_term_also_reads_with_its_head_first():
    # "Finger syndactyly", "Joint stiffness": HPO names the part first; prose often puts it after "of"
    assert ("stiffness of the joints", "finding", "HP:0001387") in _codes("He had stiffness of the joints.")
    found = _codes("The child had syndactyly of the fingers and toes.")
    assert ("syndactyly of the fingers", "finding", "HP:0006101") in found
    assert {h for _, t, h in found if t == "finding"} == {"HP:0006101", "HP:0001770"}  # and toe syndactyly
    # a first word that is no body part keeps its place: "Night blindness" is no "blindness of the night"
    assert _codes("blindness of the night") == [("blindness", "finding", "HP:0000618")]


def test_a_plural_that_hpo_gives_to_its_multiple_term_names_that_term():
    # HPO lists "Lipomas" as a synonym of "Multiple lipomas": the plural names the many, the singular the one
    found = _codes("He had lipomas on the back and a lipoma of the arm.", parts=False)
    assert [h for t, _, h in found if t.startswith("lipoma")] == ["HP:0001012", "HP:0012032"]
    # where HPO gives no plural synonym, the plural names the single-lesion term ("Multiple cafe-au-lait spots")
    assert _codes("She had cafe-au-lait spots.", parts=False) == [("cafe-au-lait spots", "finding", "HP:0000957")]


def test_a_blood_level_term_reads_with_the_lab_catalogue_names_of_its_test():
    found = _codes("Tests showed elevated ALP and elevated serum AST; creatine kinase was normal.", parts=False)
    assert ("elevated ALP", "finding", "HP:0003155") in found
    assert ("elevated serum AST", "finding", "HP:0031956") in found
    assert not any(t == "creatine kinase" for t, _, _ in found)  # the test's name alone is no finding


def test_a_phenotype_stated_by_a_lab_reading_stays_named_beside_the_lab_test():
    kinds = {(m.text, m.type, m.attrs.get("hpo")) for m in read_mentions("She had a markedly elevated CRP (85 mg/L).")}
    assert ("CRP", "lab_test", None) in kinds
    # the course keeps the lab reading; the HPO phenotype is a part, not a second finding
    assert ("elevated CRP", PART, "HP:0011227") in kinds
    assert not any(t == "finding" for _, t, _ in kinds)


def test_a_degree_or_side_word_inside_a_term_does_not_hide_it():
    found = _codes("Neonatal severe hypotonia was seen, with hypoplasia of the left optic nerve.", parts=False)
    assert ("Neonatal severe hypotonia", "finding", "HP:0001319") in found
    assert ("hypoplasia of the left optic nerve", "finding", "HP:0000609") in found
    # a term that names the degree itself still wins: "mild mental retardation" is the mild grade
    assert _codes("mild mental retardation", parts=False) == [("mild mental retardation", "finding", "HP:0001256")]


def test_a_list_item_repeating_the_terms_first_word_is_no_coordinated_modifier():
    found = _codes("He had unusual ears, ear malformations and deafness.", parts=False)
    assert ("ear malformations", "finding", "HP:0000598") in found
    assert not any(t.startswith("ears,") for t, _, _ in found)


def test_an_adjective_before_a_participle_may_be_written_as_its_adverb():
    assert _codes("She had a highly arched palate.", parts=False) == [("highly arched palate", "finding", "HP:0000218")]
    assert _codes("wide spaced teeth", parts=False) == [("wide spaced teeth", "finding", "HP:0000687")]


def test_an_irregular_plural_ending_a_longer_word_is_singularised():
    """"antihelices" ends in "helices" (helix), "clubfeet" in "feet": the compound's plural is the same
    irregular form; "abdomen" and "specimen" are no plurals of "man"."""
    from casecourse.reading.lexicon_norm import norm_word

    assert norm_word("antihelices") == norm_word("antihelix")
    assert norm_word("clubfeet") == norm_word("clubfoot")
    assert norm_word("leptomeninges") == norm_word("leptomeninx")
    assert norm_word("abdomen") == "abdomen" and norm_word("specimen") == "specimen"
    found = {m.text: m.attrs.get("hpo") for m in find_phenotypes("The ears had prominent antihelices.")}
    assert found.get("prominent antihelices") == "HP:0000395"  # Prominent antihelix


def test_a_physiology_term_is_named_by_its_organ_and_dysfunction():
    """HPO names function by "Abnormal renal physiology" and lists "Liver dysfunction" only for some organs;
    prose says "renal dysfunction" or "kidney dysfunction" of any of them."""
    for text, hpo in [("Labs showed renal dysfunction.", "HP:0012211"),
                      ("There was kidney dysfunction.", "HP:0012211"),
                      ("She had thyroid dysfunction.", "HP:0002926")]:
        assert [m.attrs.get("hpo") for m in find_phenotypes(text) if m.type != PART] == [hpo], text


def test_an_impairment_is_also_a_dysfunction_or_deficit():
    found = {m.text: m.attrs.get("hpo") for m in find_phenotypes("He had cognitive dysfunction and visual deficits.")}
    assert found.get("cognitive dysfunction") == "HP:0100543"
    assert found.get("visual deficits") == "HP:0000505"


def test_an_organ_adjective_left_dangling_after_abnormal_is_no_name():
    """"abnormal renal" names nothing: before "ultrasound" or "scan" it would make a kidney abnormality of an
    examination; "abnormal kidney" and "renal abnormality" still name it."""
    assert not [m for m in find_phenotypes("An abnormal renal ultrasound was repeated.") if m.type != PART]
    for text in ("He had an abnormal kidney.", "A renal abnormality was seen."):
        assert [m.attrs.get("hpo") for m in find_phenotypes(text) if m.type != PART] == ["HP:0000077"], text
