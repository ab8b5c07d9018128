"""diseases.find: families of diagnosis wording (invented sentences, no corpus text)."""
from __future__ import annotations

import pytest

from casecourse.reading.diseases import find

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> list[str]:
    return [m.text for m in find(text) if m.type == "condition"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Cardiac MRI showed slow flow secondary to LV dysfunction.", "LV dysfunction"),
    ("He was admitted with RV failure after the embolism.", "RV failure"),
])
def test_an_organ_short_form_qualifies_a_diagnosis_head(text: str, expected: str) -> None:
    assert expected in _conditions(text)


def test_a_roman_numeral_is_no_organ_short_form() -> None:
    found = _conditions("She had stage IV disease at presentation.")
    assert "IV disease" not in found and "stage IV disease" not in found


def test_a_malformation_takes_any_qualifier() -> None:
    assert "lymphatic malformation" in _conditions("A lymphatic malformation was excised from the neck.")


def test_a_cultured_organism_alone_is_no_sepsis() -> None:
    text = "Pseudomonas aeruginosa was grown from the sputum culture."
    assert not any("Pseudomonas" in c for c in _conditions(text))
    assert not any(m.attrs.get("icd10", "").startswith("A41") for m in find(text))


def test_a_short_form_with_a_subtype_number_is_the_same_diagnosis() -> None:
    text = ("She was suspected of having QRTS because of her deafness. The variant found in her explains "
            "her QRTS2 and that of her brother.")
    assert _conditions(text).count("QRTS") == 1 and "QRTS2" in _conditions(text)


def test_a_short_form_glued_to_another_by_a_hyphen_names_something_else() -> None:
    text = ("A Budd-Chiari syndrome (BCS) was diagnosed. Her TIPS-BCS PI score was 6. "
            "The BCS did not recur.")
    spans = [(m.start, m.text) for m in find(text) if m.type == "condition" and m.text == "BCS"]
    glued = text.index("TIPS-BCS") + len("TIPS-")
    assert spans and all(s != glued for s, _ in spans)
    assert any(s > glued for s, _ in spans)  # the later use still names the syndrome


def test_a_short_form_the_text_defines_in_another_sense_is_not_the_lexicon_diagnosis() -> None:
    text = "He had inhaled liquid phencyclidine (PCP) at a party. His urine screen was positive for PCP."
    assert "PCP" not in _conditions(text)


@pytest.mark.parametrize("text", [
    "She developed Pneumocystis jiroveci pneumonia (PCP) in May. The PCP responded to treatment.",
    "He had a cerebrovascular accident (CVA) in 2010. The CVA left him with a mild weakness.",
])
def test_a_short_form_defined_in_the_lexicon_sense_keeps_its_reading(text: str) -> None:
    short = text[text.index("(") + 1:text.index(")")]
    assert _conditions(text).count(short) == 2


@pytest.mark.parametrize("text", [
    "Hepatitis B and C serology was negative.",
    "Tuberculosis, hepatitis B and HIV screening were negative.",
])
def test_coordinated_names_before_a_test_noun_name_the_test_not_the_patients_disease(text: str) -> None:
    assert _conditions(text) == []


def test_a_diagnosis_before_a_clause_joined_by_comma_and_names_the_patients_disease() -> None:
    text = "A lumbar puncture confirmed cryptococcal meningitis, and antifungal therapy was started."
    assert "cryptococcal meningitis" in _conditions(text)


def test_coordinated_diagnoses_without_a_test_noun_stay_diagnoses() -> None:
    assert {"pneumonia", "sepsis"} <= set(_conditions("He had pneumonia and sepsis on admission."))


def test_an_undefined_short_form_spelling_a_named_diagnosis_is_that_diagnosis() -> None:
    text = ("Charcot-Marie-Tooth disease was considered in the differential. "
            "However, CMT was improbable because the reflexes were retained.")
    found = [m for m in find(text) if m.type == "condition" and m.text == "CMT"]
    assert found and found[0].attrs.get("source") == "initials"


def test_initials_need_a_diagnosis_named_before_them() -> None:
    text = "The CMT team reviewed her. Later, Charcot-Marie-Tooth disease was excluded."
    assert "CMT" not in _conditions(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Telemetry recorded ventricular arrhythmias overnight.", "ventricular arrhythmias"),
    ("CT of the head showed an old lacunar infarct.", "lacunar infarct"),
    ("The scan showed no large infarct.", "infarct"),
])
def test_an_infarct_or_an_arrhythmia_is_a_diagnosis_as_infarction_is(text: str, expected: str) -> None:
    assert expected in _conditions(text)


def test_a_diagnosis_word_inside_a_bodys_name_is_no_diagnosis() -> None:
    text = "She was flown to the Regional Shock Trauma Center with septic shock."
    assert _conditions(text) == ["septic shock"]


def test_an_organ_tumour_is_a_lesion_until_a_type_is_named() -> None:
    found = find("CT showed a liver tumor; a malignant liver tumor was resected a year later.")
    assert [m.text for m in found if m.type == "finding"] == ["liver tumor"]
    assert "malignant liver tumor" in [m.text for m in found if m.type == "condition"]


@pytest.mark.parametrize("symptom", ["sore throat", "muscle weakness", "low-set ears"])
def test_a_symptom_icd_lists_under_a_diagnosis_stays_a_finding(symptom: str) -> None:
    text = f"On examination she had {symptom} and no fever."
    assert symptom in [m.text for m in find(text) if m.type == "finding"]
    assert symptom not in _conditions(text)


def test_a_general_finding_word_before_an_open_head_becomes_part_of_the_diagnosis() -> None:
    found = find("Signs of a leak syndrome regressed after albumin.")
    assert "leak syndrome" in [m.text for m in found if m.type == "condition"]
    assert [m.type for m in found if m.text == "leak"] == ["finding_part"]


def test_an_organism_naming_its_isolates_is_no_diagnosis() -> None:
    assert "MRSA" not in _conditions("All MRSA isolates from the sputum had the same phenotype.")


def test_a_qualified_one_word_diagnosis_stays_a_diagnosis() -> None:
    assert "dystonia" in _conditions("She had dystonia since her teens.")
    assert "cervical dystonia" in _conditions("She had cervical dystonia since her teens.")


def test_organisms_named_after_an_infection_are_infections_of_the_patient() -> None:
    found = _conditions("He had recurrent infections caused by Klebsiella pneumoniae and multidrug-resistant "
                        "Pseudomonas aeruginosa.")
    assert {"Klebsiella pneumoniae", "multidrug-resistant Pseudomonas aeruginosa"} <= set(found)


def test_no_organism_is_named_by_a_bare_germ_word() -> None:
    assert _conditions("She was infected with a virus last winter.") == []


def test_a_short_form_defined_for_another_diagnosis_takes_the_texts_reading() -> None:
    found = find("Echo showed severe mitral stenosis (MS). The MS was treated with valvuloplasty.")
    labels = {str(m.attrs.get("label")).lower() for m in found if m.type == "condition" and m.text == "MS"}
    assert labels == {"mitral stenosis"}


def test_an_organism_after_infected_with_spans_its_whole_dictionary_name() -> None:
    """A hyphenated eponym is one organism: not "Epstein" alone."""
    found = _conditions("Infection with Epstein-Barr virus was likely.")
    assert "Epstein-Barr virus" in found and "Epstein" not in found


def test_a_short_form_after_a_conditional_is_no_named_diagnosis() -> None:
    found = _conditions("Factor X deficiency is suspected when the PT is prolonged.")
    assert "PT" not in found
