"""Everyday clinical phrasings of HPO phenotypes (knowledge/hpo_extra.csv) and words that are findings rather
than test names. Example sentences are our own."""
from __future__ import annotations

from casecourse.reading.pipeline import read_mentions


def _findings(text: str) -> dict[str, str | None]:
    return {m.text.lower(): m.attrs.get("hpo") for m in read_mentions(text) if m.type == "finding"}


def test_everyday_words_map_to_their_hpo_terms():
    f = _findings("On arrival she had altered mental status, oxygen desaturation and black tarry stools; "
                  "he later had convulsions, loose stools and polyarthralgias.")
    assert f["altered mental status"] == "HP:0004372"
    assert f["oxygen desaturation"] == "HP:0012418"
    assert f["black tarry stools"] == "HP:0002249"
    assert f["convulsions"] == "HP:0001250"
    assert f["loose stools"] == "HP:0002014"
    assert f["polyarthralgias"] == "HP:0002829"


def test_worsening_renal_function_is_a_finding_and_a_result_word():
    ms = read_mentions("Despite hydration there was worsening renal function over two days.")
    kinds = {(m.type, m.text) for m in ms}
    assert ("finding", "worsening renal function") in kinds
    assert not any(m.type == "finding" and m.text == "renal" for m in ms)


def test_proteinuria_is_a_finding_whose_value_is_still_read():
    ms = read_mentions("Urinalysis found proteinuria of 2.4 g/day.")
    assert any(m.type == "finding" and m.text == "proteinuria" for m in ms)
    values = [m for m in ms if m.type == "lab_value" and m.attrs.get("value") is not None]
    assert [(m.text, m.norm) for m in values] == [("2.4 g/day", "urine protein")]
    # the named measurement stays a test
    assert any(m.type == "lab_test" and m.text == "24-hour urine protein" for m in read_mentions(
        "The 24-hour urine protein was 1.1 g."))


def test_plain_words_are_not_read_as_the_new_findings():
    assert _findings("Her walking and bowel habits were normal; the stool was brown.") == {}


def test_febrile_and_electrolyte_and_breath_sound_phrasings():
    f = _findings("She was dyspnoeic and febrile, with weak breath sounds on the left and electrolyte derangements.")
    assert f["febrile"] == "HP:0001945"
    assert f["weak breath sounds"] == "HP:4000214"
    assert f["electrolyte derangements"] == "HP:0003111"
    # a febrile illness named by a longer term stays that term
    assert "febrile" not in _findings("He had febrile seizures as a child.")


def test_procedure_and_ecg_words_are_not_read_as_other_findings():
    assert _findings("Endoscopic ultrasound-guided fine-needle aspiration was performed.") == {}
    assert _findings("The ECG showed ST depression in the lateral leads.") == {"st depression": "HP:0012250"}
    assert "wound" not in _findings("The surgical wound healed well.")


def test_delivery_procedure_and_lab_headings_are_no_findings():
    assert _findings("She was delivered by caesarean section at 36 weeks.") == {}
    assert "laboratory features" not in _findings("The main laboratory features are summarized in the table.")
    assert _findings("Sample collection was done before treatment.") == {}


def test_a_finding_word_inside_a_title_case_instrument_name_is_no_finding():
    from casecourse.reading.phenotypes import PART, find_phenotypes

    ms = find_phenotypes("Response was rated by the Response Evaluation Criteria in Solid Tumors at each visit.")
    assert [m.type for m in ms if m.text == "Tumors"] == [PART]
    assert [m.type for m in find_phenotypes("He filled in the Hospital Anxiety and Depression Scale.")
            if m.text == "Depression"] == [PART]
    # a capitalised finding outside such a name stays a finding
    assert [m.type for m in find_phenotypes("Severe Pain was reported.") if m.text == "Pain"] == ["finding"]


def test_symptoms_stated_as_verbs() -> None:
    """ "she vomited", "he fainted", "coughed up blood": the verb forms of the symptoms, with their HPO ids."""
    from casecourse.reading.pipeline import read_mentions

    def hpo(text: str) -> dict[str, str | None]:
        return {m.text: m.attrs.get("hpo") for m in read_mentions(text) if m.type == "finding"}

    assert hpo("After the meal she vomited twice.")["vomited"] == "HP:0002013"
    assert hpo("He fainted while standing in line.")["fainted"] == "HP:0001279"
    assert hpo("Overnight he coughed up blood.")["coughed up blood"] == "HP:0002105"
    assert hpo("On tandem walking she swayed to both sides.")["swayed"] == "HP:0002172"


def test_older_and_clinical_names_of_developmental_phenotypes():
    from casecourse.reading.phenotypes import find_phenotypes
    found = {m.text: m.attrs.get("hpo") for m in find_phenotypes(
        "Two brothers had congenital heart disease and mild mental disability.") if m.type != "finding_part"}
    assert found.get("congenital heart disease") == "HP:0001627"
    assert any(k.endswith("mental disability") and v in ("HP:0001249", "HP:0001256") for k, v in found.items())


def test_a_title_case_headline_is_no_proper_name() -> None:
    """A name of an instrument holds a few capitalised words; a headline in Title Case holds many, and the
    diseases it names are the case's ("... Biliary System and Miliary Tuberculosis Due To Late Diagnosis ...")."""
    from casecourse.reading.phenotypes import in_proper_name

    headline = ("Diffuse Calcification of the Biliary System and Miliary Tuberculosis Due To Late Diagnosis of "
                "Renal Tuberculosis: A Case Report")
    at = headline.index("Miliary")
    assert not in_proper_name(headline, at, at + len("Miliary Tuberculosis"))
    name = "Tumour response was judged by the Response Evaluation Criteria in Solid Tumors."
    at = name.index("Tumors")
    assert in_proper_name(name, at, at + len("Tumors"))


def test_eye_drops_are_a_medication_not_ptosis() -> None:
    from casecourse.reading.phenotypes import find_phenotypes

    assert not [m for m in find_phenotypes("The cornea was protected with lubricating eye drops.")
                if m.attrs.get("hpo") == "HP:0000508"]


def test_microbleeds_are_cerebral_haemorrhages():
    f = _findings("Susceptibility-weighted MRI showed multiple cerebral microbleeds and a few cortical microbleeds.")
    assert f["cerebral microbleeds"] == "HP:0001342" and f["microbleeds"] == "HP:0001342"
