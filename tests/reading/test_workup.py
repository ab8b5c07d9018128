"""Infectious and serological work-ups read as qualitative lab results (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.workup import find


def _results(text: str) -> dict[str, str]:
    return {m.attrs["test_text"]: m.attrs["interpretation"] for m in find(text)}


def test_specimens_share_the_test_word_and_the_result() -> None:
    assert _results("Blood, urine and stool cultures were negative.") == {
        "Blood cultures": "NEG", "urine cultures": "NEG", "stool cultures": "NEG"}


def test_test_word_earlier_in_the_clause_and_result_before_the_list() -> None:
    got = _results("Serologies were negative for hepatitis B, hepatitis C and human immunodeficiency virus (HIV).")
    assert got == {"hepatitis B Serologies": "NEG", "hepatitis C Serologies": "NEG",
                   "human immunodeficiency virus Serologies": "NEG"}


def test_each_test_takes_its_own_result() -> None:
    got = _results("Parvovirus B19 IgM was positive, whereas EBV PCR was negative.")
    assert got == {"Parvovirus B19 IgM": "POS", "EBV PCR": "NEG"}


def test_abbreviation_in_parentheses_is_not_a_second_test() -> None:
    got = _results("Cytomegalovirus (CMV) PCR and QuantiFERON-TB Gold were negative.")
    assert got == {"Cytomegalovirus PCR": "NEG", "QuantiFERON-TB Gold": "NEG"}


def test_specimen_and_organism_written_together_are_one_culture() -> None:
    got = _results("A negative throat group A streptococcus culture was obtained.")
    assert got == {"throat group A streptococcus culture": "NEG"}


def test_culture_growth_is_positive_and_no_growth_negative() -> None:
    assert _results("Blood cultures grew Klebsiella pneumoniae.") == {"Blood cultures": "POS"}
    assert _results("Urine cultures showed no growth.") == {"Urine cultures": "NEG"}
    assert _results("Blood cultures showed a normal count.") == {}


def test_orders_and_diseases_without_a_result_are_not_results() -> None:
    assert _results("PCR for cytomegalovirus DNA was ordered.") == {}
    assert _results("She had a history of hepatitis C treated ten years ago.") == {}


def test_autoimmune_serologies_of_the_catalogue_are_listed_too() -> None:
    got = _results("Antinuclear antibodies, anti-dsDNA and rheumatoid factor were negative.")
    assert set(got.values()) == {"NEG"} and len(got) == 3


def test_a_disease_tested_negative_is_refuted_in_the_course() -> None:
    course = analyze_text("A 33-year-old man was admitted with fever. Malaria and dengue were excluded "
                          "by negative dengue serology and malaria smear. He was diagnosed with brucellosis.")
    status = {c.name: c.status for c in course.conditions}
    assert status.get("dengue") == "refuted"
    assert any(lab.test_text == "dengue serology" and lab.interpretation == "NEG" for lab in course.labs)


def test_result_word_inside_a_hyphenated_name_is_no_result() -> None:
    from casecourse.reading.workup import find as find_workup
    assert not find_workup("C-reactive protein and blood cultures were pending; gram-positive cocci were seen.")


def test_a_negative_organism_test_refutes_its_infection_but_a_negative_igm_alone_does_not() -> None:
    course = analyze_text("A 33-year-old man was admitted with fever. Infective causes were excluded by negative "
                          "Leptospira and Brucella serology. CMV IgM was negative.")
    status = {c.name: (c.status, c.provenance.rule) for c in course.conditions}
    assert status["leptospirosis"] == ("refuted", "negative-workup")
    assert status["brucellosis"] == ("refuted", "negative-workup")
    assert "cytomegalovirus infection" not in status


def test_a_result_word_inside_a_test_name_is_no_workup_result() -> None:
    from casecourse.reading.workup import find as find_workup
    assert find_workup("Blood tests showed C- reactive protein 40 mg/L.") == []
    assert [m.text for m in find_workup("Blood cultures were positive.")] == ["positive"]


def test_a_result_before_a_list_does_not_reach_past_a_value() -> None:
    from casecourse.reading.workup import find as find_workup
    found = {(m.norm, m.text) for m in find_workup("ANA was positive 1:320, anti-RNP 96 and anti-Smith 41.")}
    assert not {n for n, _ in found} & {"anti-rnp antibodies", "anti-sm antibodies"}
    assert {(m.norm, m.text) for m in find_workup("Negative anti-RNP and anti-Smith antibodies.")} >= {
        ("anti-rnp antibodies", "Negative")}


def test_a_culture_that_grew_organisms_has_each_organism_as_its_result() -> None:
    from casecourse.reading.workup import find as find_workup
    found = [(m.text, m.norm, m.attrs["interpretation"])
             for m in find_workup("Sputum cultures grew Haemophilus influenzae and Staphylococcus aureus.")]
    assert found == [("Haemophilus influenzae", "sputum culture", "POS"),
                     ("Staphylococcus aureus", "sputum culture", "POS")]
    # no organism named after the verb: the verb carries the positive result
    assert [m.text for m in find_workup("Blood cultures grew an unidentified organism.")] == ["grew"]
    # what a Gram stain shows is the result, before the organism is named
    grown = [m.text for m in find_workup("Blood cultures grew gram-positive cocci in chains.")]
    assert grown == ["gram-positive cocci"]
    # a generic word before the organism's name is not a second result
    assert [m.text for m in find_workup("Urine culture grew the bacteria Escherichia coli.")] == ["Escherichia coli"]


def test_subtypes_and_serotypes_do_not_cut_a_negative_panel_short() -> None:
    got = _results("The respiratory panel was negative and included influenza A (H1, H3) PCR, "
                   "parainfluenza virus 1-4 PCR and RSV PCR.")
    assert got.get("influenza A PCR") == "NEG"
    assert got.get("parainfluenza virus PCR", got.get("parainfluenza virus 1-4 PCR")) == "NEG"
    assert got.get("RSV PCR") == "NEG"


def test_a_value_between_result_and_list_still_separates_them() -> None:
    got = _results("ANA was positive 1:640, and hepatitis B serology came back later.")
    assert "hepatitis B serology" not in got


def test_an_infection_every_listed_test_speaks_against_is_refuted() -> None:
    course = analyze_text("A man was admitted with fever. The viral panel was negative and included influenza A "
                          "(H1, H3) PCR and influenza B PCR.")
    assert [(c.name, c.status) for c in course.conditions if "influenza" in c.name] == [("influenza", "refuted")]


def test_a_named_test_of_one_organism_carries_its_organism() -> None:
    from casecourse.reading.workup import find, named_test_organism

    hbsag = {"organism": "hepatitis B virus", "test_word": "antigen"}
    assert named_test_organism("Hepatitis B surface antigen") == hbsag
    assert named_test_organism("hepatitis B surface antibody") == {}
    got = [m.attrs for m in find("HBsAg and HBsAb were negative.")]
    assert {(a["test"].lower(), a.get("organism")) for a in got} == {
        ("hepatitis b surface antigen", "hepatitis B virus"), ("hepatitis b surface antibody", None)}


def test_gram_stain_morphology_is_what_a_culture_grew() -> None:
    from casecourse.reading.pipeline import read_mentions

    ms = read_mentions("Two sets of blood cultures grew gram-negative rods.")
    grown = [m for m in ms if m.type == "lab_value" and m.text == "gram-negative rods"]
    assert grown and grown[0].norm == "blood culture"


def test_a_list_negative_for_takes_its_own_result_not_a_later_clauses() -> None:
    from casecourse.reading.workup import find as find_workup

    found = {(m.norm, m.attrs["interpretation"]) for m in find_workup(
        "Sputum smears were negative for acid-fast bacilli, but lavage PCR detected Mycobacterium tuberculosis.")}
    assert ("Mycobacterium tuberculosis smear", "NEG") in found
    assert ("Mycobacterium tuberculosis PCR", "POS") in found
    assert ("Mycobacterium tuberculosis smear", "POS") not in found


def test_a_specimens_test_gives_way_to_the_organisms_test_of_one_result() -> None:
    from casecourse.reading.workup import find as find_workup

    found = [m.norm for m in find_workup("Bronchoalveolar lavage PCR detected Pneumocystis jirovecii.")]
    assert found == ["Pneumocystis jirovecii PCR"]


def _tests(text: str) -> dict[str, str]:
    return {m.attrs["test"]: m.attrs["interpretation"] for m in find(text)}


def test_a_test_word_alone_names_its_test() -> None:
    assert _tests("The knee was aspirated, and cultures grew Staphylococcus aureus.") == {"culture": "POS"}
    assert _tests("The Gram stain showed gram-negative rods.") == {"gram stain": "POS"}
    assert _tests("Flow cytometry of the marrow showed no abnormal population.") == {"flow cytometry": "NEG"}
    assert _tests("Repeat cytology was negative for malignant cells.") == {"cytology": "NEG"}


def test_a_test_word_alone_is_not_read_inside_a_name_or_without_its_own_result() -> None:
    assert _tests("Immunohistochemical staining was positive for CD20.") == {}
    assert _tests("Cultures were sent and ceftriaxone was started.") == {}
    assert _tests("There was no growth on cultures, but PCR detected Listeria monocytogenes.").get("culture") \
        != "POS"
    assert "culture" not in _tests("No cultures were positive.")
