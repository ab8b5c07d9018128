"""Diagnoses the reader did not name at all (round dd11, invented sentences): names case reports write for a
diagnosis that the curated list and ICD-10-CM's titles lacked (knowledge/diagnoses.csv, dd11 block)."""
from __future__ import annotations

from casecourse.reading.pipeline import read_mentions


def _conditions(text: str) -> dict[str, tuple[str, str, str]]:
    """surface (lower case) -> (label, ICD-10-CM code, assertion) of the condition mentions."""
    return {m.text.lower(): (str(m.attrs.get("label")), str(m.attrs.get("icd10") or ""), m.assertion.value)
            for m in read_mentions(text) if m.type == "condition"}


def test_lead_colic_names_lead_poisoning() -> None:
    got = _conditions("The painter was admitted twice with saturnine colic before his blood lead was measured.")
    assert got.get("saturnine colic", ("", "", ""))[:2] == ("lead poisoning", "T56.0X1A"), got


def test_stones_of_the_bile_duct_are_choledocholithiasis() -> None:
    got = _conditions("Ultrasound showed biliary duct stones; a common bile duct stone was removed at ERCP.")
    assert got.get("biliary duct stones", ("", "", ""))[:2] == ("choledocholithiasis", "K80.50"), got
    assert got.get("common bile duct stone", ("", "", ""))[:2] == ("choledocholithiasis", "K80.50"), got


def test_brain_damage_is_a_disorder_of_the_brain_and_stays_negated() -> None:
    got = _conditions("After the cardiac arrest he had hypoxic brain damage.")
    assert got.get("hypoxic brain damage", ("", "", ""))[1] == "G93.1", got
    got = _conditions("The MRI showed no structural brain damage.")
    assert got.get("brain damage", ("", "", ""))[1:] == ("G93.9", "negated"), got


def test_atypical_ductal_hyperplasia_and_its_short_form_are_conditions() -> None:
    text = ("Core biopsy of the lump found atypical ductal hyperplasia (ADH). The excision later confirmed ADH "
            "without invasive carcinoma.")
    got = [m for m in read_mentions(text) if m.type == "condition" and "hyperplasia" in str(m.attrs.get("label"))]
    assert [text[m.start:m.end] for m in got] == ["atypical ductal hyperplasia", "ADH", "ADH"], got
    assert all(m.attrs.get("icd10") in (None, "") for m in got)  # named, not coded: ICD-10-CM codes it by site


def test_the_short_form_av_of_atrioventricular_block_and_its_degrees() -> None:
    got = _conditions("The monitor first showed a second-degree AV block, Mobitz type II block, and then complete AV "
                      "block; a later ECG showed only first degree AV block.")
    assert got.get("second-degree av block", ("", "", ""))[1] == "I44.1", got
    assert got.get("mobitz type ii block", ("", "", ""))[1] == "I44.1", got
    assert got.get("complete av block", ("", "", ""))[1] == "I44.2", got
    assert got.get("first degree av block", ("", "", ""))[1] == "I44.0", got


def test_a_myxoma_is_a_benign_neoplasm_of_the_heart_where_the_heart_is_named() -> None:
    got = _conditions("Echocardiography found a left atrial myxoma; years before, a myxoma of the thigh was excised.")
    assert got.get("left atrial myxoma", ("", "", ""))[1] == "D15.1", got
    assert got.get("myxoma", ("", "", ""))[1] == "D21.9", got


def test_fibromuscular_dysplasia_and_a_duplex_kidney() -> None:
    got = _conditions("Angiography showed fibromuscular dysplasia of the renal artery feeding a duplex kidney.")
    assert got.get("fibromuscular dysplasia", ("", "", ""))[1] == "I77.3", got
    assert got.get("duplex kidney", ("", "", ""))[1] == "Q63.0", got


def test_an_eponym_with_a_diacritic_names_a_syndrome_and_a_denial_stays() -> None:
    got = _conditions("Skin biopsy confirmed Sézary syndrome. Löfgren syndrome was excluded. Her brother has "
                      "Birt–Hogg–Dubé syndrome.")
    assert got.get("sézary syndrome", ("", "", ""))[2] == "present", got
    assert got.get("löfgren syndrome", ("", "", ""))[2] == "negated", got
    assert "birt–hogg–dubé syndrome" in got, got


def test_moyamoya_mpox_and_chikungunya_named_alone() -> None:
    got = _conditions("Angiography showed moyamoya. The rash was not mpox, and serology for chikungunya fever was "
                      "negative; he had had chikungunya in 2019.")
    assert got.get("moyamoya", ("", "", ""))[:2] == ("moyamoya disease", "I67.5"), got
    assert got.get("mpox", ("", "", ""))[1:] == ("B04", "negated"), got
    assert got.get("chikungunya", ("", "", ""))[1] == "A92.0", got


def test_a_disease_the_patient_did_not_recover_from_is_there() -> None:
    got = _conditions("Because she did not recover from hypoxic brain damage after the arrest, a tracheostomy was "
                      "placed.")
    assert got.get("hypoxic brain damage", ("", "", ""))[2] == "present", got
    got = _conditions("He had not fully recovered from the stroke by discharge, but he did not develop pneumonia.")
    assert got.get("stroke", ("", "", ""))[2] == "present", got
    assert got.get("pneumonia", ("", "", ""))[2] == "negated", got


def test_a_diagnosis_that_had_been_ruled_out_is_denied() -> None:
    got = _conditions("The biopsy showed sarcoidosis; tuberculosis had been ruled out, and lymphoma has been excluded.")
    assert got.get("sarcoidosis", ("", "", ""))[2] == "present", got
    assert got.get("tuberculosis", ("", "", ""))[2] == "negated", got
    assert got.get("lymphoma", ("", "", ""))[2] == "negated", got


def test_linitis_plastica_and_a_blastic_plasmacytoid_dendritic_cell_neoplasm() -> None:
    got = _conditions("Endoscopy suggested linitis plastica. A skin biopsy later showed blastic plasmacytoid dendritic "
                      "cell neoplasm (BPDCN).")
    assert got.get("linitis plastica", ("", "", ""))[1] == "C16.9", got
    assert got.get("blastic plasmacytoid dendritic cell neoplasm", ("", "", ""))[1] == "C86.40", got


def test_what_a_finding_is_not_explained_by_is_there_only_not_its_cause() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nAfter resuscitation, she developed a paraparesis not fully explained by "
                          "the hypoxic brain damage.", assess=False)
    damage = next(c for c in course.conditions if "brain damage" in c.name)
    assert damage.assertion.value == "present"
