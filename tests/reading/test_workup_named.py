"""Work-ups named without a test word, per type, by what they look for, and organism + test word (invented)."""
from __future__ import annotations

from casecourse.reading.workup import find


def _tests(text: str) -> dict[str, str]:
    return {m.attrs["test"]: m.attrs["interpretation"] for m in find(text)}


def test_an_organism_stated_detected_or_not_is_a_test_of_it() -> None:
    assert _tests("Plasma adenovirus was not detected.") == {"adenovirus test": "NEG"}
    assert _tests("Nasal swab: influenza was detected on admission.").get("influenza virus swab") == "POS"


def test_an_organism_ruled_out_on_clinical_grounds_is_no_test() -> None:
    assert _tests("Leptospirosis was ruled out.") == {}
    assert _tests("Malaria was excluded clinically.") == {}


def test_types_of_one_organism_are_tested_one_by_one() -> None:
    got = _tests("Serologies were negative for HSV types 1 and 2.")
    assert got == {"herpes simplex virus 1 serology": "NEG", "herpes simplex virus 2 serology": "NEG"}


def test_organism_and_test_word_beat_a_catalogue_name_of_another_kind() -> None:
    assert _tests("A CMV PCR of the plasma was positive.") == {"cytomegalovirus PCR": "POS"}


def test_a_work_up_named_by_what_it_looks_for() -> None:
    assert _tests("The thrombophilia work-up was negative.") == {"thrombophilia work-up": "NEG"}
    assert _tests("Her basic metabolic panel was unremarkable.") == {"metabolic panel": "N"}
    assert _tests("The patient's toxicology screen was positive.") == {"toxicology screen": "POS"}
    assert _tests("An extensive work-up was negative.") == {}
    got = _tests("Rheumatoid factor and vasculitis panel were negative.")
    assert got.get("vasculitis panel") == "NEG" and got.get("rheumatoid factor") == "NEG"


def test_a_panel_named_with_its_test_words() -> None:
    got = {m.attrs["test"]: (m.attrs["test_text"], m.attrs["interpretation"])
           for m in find("Stool was sent for a gastrointestinal polymerase chain reaction panel, which was negative.")}
    assert got == {"gastrointestinal pcr panel": ("gastrointestinal polymerase chain reaction panel", "NEG")}


def test_cytology_of_listed_fluids() -> None:
    got = _tests("Cytology of the pleural and peritoneal fluid was negative for malignant cells.")
    assert got.get("pleural fluid cytology") == "NEG" and got.get("ascitic fluid cytology") == "NEG"


def test_a_shared_test_word_may_compose_a_test_named_in_full() -> None:
    got = _tests("Respiratory viral and fungal panel were negative.")
    assert got.get("respiratory pathogen panel") == "NEG"
    assert "respiratory viral panel" not in got


def test_flow_cytometry_and_clonality_studies_are_tests_with_a_result() -> None:
    got = _tests("Flow cytometry of the ascitic fluid did not detect a clonal population.")
    assert got == {"ascitic fluid flow cytometry": "NEG"}
    assert _tests("A TCR gene rearrangement study of the skin was positive.") == {
        "T-cell receptor gene rearrangement": "POS"}


def test_markers_in_brackets_are_not_the_result_of_the_test() -> None:
    got = _tests("Bone marrow flow cytometry showed mature B cells (positive CD19, CD20) and was negative.")
    assert got == {"bone marrow flow cytometry": "NEG"}
    assert _tests("HIV serology (negative) was sent.") == {"hiv serology": "NEG"}  # the catalogue's name


def test_a_verb_that_found_nothing_speaks_only_for_the_test_before_it() -> None:
    assert _tests("Blood cultures showed no growth.") == {"blood culture": "NEG"}
    assert _tests("The chest CT showed no cavities and no IGRA results were available.") == {}


def test_an_antigen_antibody_combination_test_is_named_as_one() -> None:
    got = _tests("The HIV-1/2 Ag/Ab test was non-reactive.")
    assert got == {"human immunodeficiency virus antigen/antibody test": "NEG"}
    # a catalogue test written with a serology test word is the catalogue's test: one result, not two
    assert _tests("Hepatitis C antibodies were negative.") == {"hepatitis c antibody": "NEG"}


def test_a_catalogued_test_read_by_two_readers_is_one_result() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 50-year-old man was admitted. HIV serology was negative.")
    assert [(lab.test, lab.interpretation) for lab in course.labs] == [("hiv serology", "NEG")]
    assert {c.name: c.status for c in course.conditions}.get("hiv infection") == "refuted"


def test_the_xpert_assay_is_a_tuberculosis_test_and_an_mic_is_no_result() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 30-year-old man was admitted. Sputum GeneXpert MTB/RIF detected "
                          "Mycobacterium tuberculosis. Blood cultures grew Staphylococcus aureus (MIC to vancomycin "
                          "1 mg/L).")
    assert {c.name: c.status for c in course.conditions}.get("tuberculosis") == "confirmed"
    assert not [lab for lab in course.labs if lab.value is not None]  # the MIC is the organism's, not the patient's
