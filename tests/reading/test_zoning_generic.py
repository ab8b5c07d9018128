"""A general statement about a disease is background, not a fact of this case (zoning.sentence_zone)."""
import pytest

from casecourse.reading.zoning import sentence_zone


@pytest.mark.parametrize("sentence", [
    "Whipple disease is a rare multisystem infection caused by a Gram-positive bacillus.",
    "Adult-onset Still disease is characterised by quotidian fever, evanescent rash and arthritis.",
    "The disorder mainly affects young women of childbearing age.",
    "Hereditary angioedema occurs in about 1 in 50,000 people.",
    "Thrombotic microangiopathies are a heterogeneous group of disorders.",
    "Sarcoidosis is often associated with hypercalcaemia.",
    "Iliopsoas bursitis is an unusual cause of hip pain that many surgeons overlook.",
    # definitions: "X (XY) is a ... disease that ...", "X is the most common cause of ..."
    "Whipple disease (WD) is a chronic bacterial infection that involves the small bowel.",
    "Pityriasis rosea is a self-limited papulosquamous eruption which begins with a herald patch.",
    "Tropheryma whipplei is the most common cause of culture-negative endocarditis in this region.",
    # framed by a disease, not by the patient
    "In Behcet disease, venous thrombosis needs no additional trigger such as infections.",
    "In antiphospholipid syndromes, the platelet count may stay within the normal range.",
])
def test_general_statements_about_a_disease_are_background(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "background"


@pytest.mark.parametrize("sentence", [
    # the patient, a story verb, or a present-tense description of this patient's findings
    "She is a known case of rheumatoid arthritis.",
    "Whipple disease is a rare infection that was confirmed by duodenal biopsy.",
    "The liver is enlarged and no lesions are seen in the spleen.",
    "The rash affects the trunk and both arms.",
    "Fever occurs every evening since admission.",
    "Biopsy confirmed membranous nephropathy, which is a common cause of nephrotic syndrome.",
    "Necrotic areas (arrow) which are associated with neutrophils.",
    "This is a disorder that she had since childhood.",
    "The pain is the most severe in the morning and eases by noon.",
    "In our patient, the rash spread to both arms.",
    "In Behcet disease, our patient developed deep vein thrombosis despite anticoagulation.",
])
def test_the_patients_story_stays_in_the_narrative(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "narrative"


def test_a_summary_sentence_is_never_made_background() -> None:
    assert sentence_zone("Whipple disease is a rare infection.", "summary") == "summary"


def test_a_general_statement_gives_the_course_no_condition() -> None:
    from casecourse.api import analyze_text

    text = ("Case presentation\nA 41-year-old man presented with fever and weight loss. Duodenal biopsy showed "
            "PAS-positive macrophages and Whipple disease was diagnosed. Sarcoidosis is a multisystem granulomatous "
            "disorder of unknown cause.")
    names = {c.name.lower() for c in analyze_text(text).conditions}
    assert any("whipple" in n for n in names)
    assert not any("sarcoidosis" in n for n in names)


def test_a_sentence_opening_with_the_patient_is_about_the_patient() -> None:
    """"The patient ...", "Our patient ...", "This woman ...": the word for the patient opening the sentence is
    capitalised; the sentence is still the case's, though it names a study or a method ("a genetic study")."""
    for s in ("The patient had a genetic study for the mutation, which was not found.",
              "Our patient underwent a Doppler flow study that suggested a benign mass.",
              "This woman had no history of alcohol use, and iron studies were normal."):
        assert sentence_zone(s, "narrative") == "narrative", s
    assert sentence_zone("Several studies describe a higher risk in smokers.", "narrative") == "literature"


@pytest.mark.parametrize("sentence", [
    "MI, myocardial infarction; LAD, left anterior descending artery; PCI, percutaneous coronary intervention.",
    "Abbreviations: TB: tuberculosis; CKD: chronic kidney disease; F: female.",
    "ICU indicates intensive care unit; SLE, systemic lupus erythematosus.",
])
def test_an_abbreviation_glossary_is_no_story(sentence: str) -> None:
    # a figure's or table's glossary names what its abbreviations stand for, nothing the patient had
    assert sentence_zone(sentence, "narrative") == "glossary"


@pytest.mark.parametrize("sentence", [
    "WBC, 14 500/mm3; CRP, 96 mg/L; ESR, 70 mm/h.",  # a list of results
    "She had a fever; CT, performed on day 2, showed pneumonia.",
    "Past history: HTN, hypertension since 2010; smoker.",
])
def test_lists_that_are_no_glossary_keep_their_zone(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "narrative"


def test_a_table_ending_in_its_glossary_keeps_its_zone() -> None:
    table = ("Table 2 Liver tests on admission and at discharge Test Range Admission Discharge AST (U/L) 0-40 85 30 "
             "ALT (U/L) 0-40 120 35 bilirubin (mg/dL) 0.2-1.2 3.4 0.9 albumin (g/dL) 3.5-5.0 2.9 3.6 AST = aspartate "
             "aminotransferase; ALT = alanine aminotransferase; INR = international normalized ratio.")
    assert sentence_zone(table, "narrative") == "narrative"
