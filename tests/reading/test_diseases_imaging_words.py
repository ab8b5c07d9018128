"""diseases.find: imaging and pathology finding phrases (knowledge/finding_terms.csv) and words that only
qualify the noun after them (a method, a measure or a treatment of a finding or diagnosis). Invented sentences."""
from __future__ import annotations

import pytest

from casecourse.reading.diseases import find

pytest.importorskip("simple_icd_10_cm")


def _typed(text: str) -> dict[str, str]:
    return {m.text: m.type for m in find(text)}


@pytest.mark.parametrize(("text", "finding"), [
    ("The bone scan showed increased uptake in two ribs.", "increased uptake"),
    ("PET-CT revealed FDG uptake in a hilar node.", "FDG uptake"),
    ("MRI showed leptomeningeal enhancement over the cerebellum.", "leptomeningeal enhancement"),
    ("The mass had heterogeneous contrast enhancement.", "contrast enhancement"),
    ("Echocardiography showed a paravalvular leak.", "leak"),
    ("A trivial regurgitant jet was seen across the valve.", "regurgitant jet"),
    ("Cytology of the fluid showed atypical cells.", "atypical cells"),
    ("CT showed rib destruction next to the pleural mass.", "destruction"),
    ("A fluid collection was found in the lesser sac.", "fluid collection"),
])
def test_imaging_and_pathology_phrases_are_findings(text: str, finding: str) -> None:
    assert _typed(text).get(finding) == "finding"


def test_an_unqualified_uptake_or_enhancement_is_no_finding() -> None:
    # the procedure's words: "uptake" and "enhancement" alone name what is measured, not a result
    typed = _typed("A gadolinium-enhanced study measured the uptake value and the enhancement pattern.")
    assert not [t for t, k in typed.items() if k == "finding" and ("uptake" in t or "enhancement" in t)]


@pytest.mark.parametrize(("text", "word"), [
    ("The organism was identified by mass spectrometry.", "mass"),
    ("Thromboelastometry showed a low maximum clot firmness.", "clot"),
    ("The lesion size did not change over a year.", "lesion"),
])
def test_a_finding_word_before_a_method_or_measure_is_no_finding(text: str, word: str) -> None:
    assert _typed(text).get(word) != "finding"


def test_the_same_finding_word_alone_is_a_finding() -> None:
    assert _typed("A mass and a clot were seen; the lesion enlarged.").get("mass") == "finding"
    assert _typed("A mass and a clot were seen; the lesion enlarged.").get("lesion") == "finding"


@pytest.mark.parametrize("text", [
    "He was continued on standard heart failure therapy.",
    "She completed medulloblastoma therapy two years ago.",
    "Patients were enrolled in lung cancer trials.",
])
def test_a_diagnosis_naming_a_therapy_or_trial_is_no_condition(text: str) -> None:
    assert "condition" not in _typed(text).values()


def test_the_diagnosis_itself_stays_a_condition() -> None:
    assert "condition" in _typed("Heart failure was treated with diuretics.").values()


@pytest.mark.parametrize(("text", "finding"), [
    ("Pathology showed degenerative changes of the facet joints.", "degenerative changes"),
    ("Fundoscopy showed hypertensive changes.", "hypertensive changes"),
    ("MRI showed a disc protrusion at L4-5.", "disc protrusion"),
    ("A fistulous tract opened onto the skin.", "fistulous tract"),
    ("Thromboelastometry showed a hypocoagulable state.", "hypocoagulable state"),
])
def test_more_general_finding_phrases(text: str, finding: str) -> None:
    assert _typed(text).get(finding) == "finding"


@pytest.mark.parametrize(("text", "name"), [
    ("She had type II diabetes mellitus for ten years.", "type II diabetes mellitus"),
    ("He had type I diabetes since childhood.", "type I diabetes"),
])
def test_roman_numeral_diabetes_types_are_diagnoses(text: str, name: str) -> None:
    from casecourse.reading.pipeline import read_mentions

    hits = {m.text: m for m in read_mentions(text) if m.type == "condition"}
    assert name in hits
    assert hits[name].attrs.get("icd10", "")[:3] == ("E11" if "II" in name else "E10")


@pytest.mark.parametrize(("text", "word"), [
    ("The blood film showed anisocytosis and poikilocytosis.", "anisocytosis"),
    ("The blood film showed anisocytosis and poikilocytosis.", "poikilocytosis"),
    ("The skin biopsy showed spongiosis.", "spongiosis"),
    ("Coronary angiography revealed angiostenosis of a septal branch.", "angiostenosis"),
])
def test_descriptive_osis_words_of_smears_and_biopsies_are_findings(text: str, word: str) -> None:
    # the -osis ending makes "sarcoidosis" a diagnosis; a smear's or a biopsy's descriptor is a finding
    assert _typed(text).get(word) == "finding"


def test_a_disease_osis_word_stays_a_condition() -> None:
    assert _typed("The biopsy confirmed sarcoidosis.").get("sarcoidosis") == "condition"


@pytest.mark.parametrize("word", ["obtunded", "comatose", "emaciated", "breathless", "fatigued"])
def test_state_adjectives_of_an_examination_are_findings(word: str) -> None:
    assert _typed(f"On arrival she was {word} and pale.").get(word) == "finding"


def test_a_variant_a_test_looks_for_is_no_finding() -> None:
    assert not [m for m in find("DNA was sent for analysis of EGFR mutations.") if m.type == "finding"]
    assert not [m for m in find("She was screened for BRCA1 mutations.") if m.type == "finding"]
    assert "L858R mutation" in _typed("Sequencing revealed the L858R mutation.")


@pytest.mark.parametrize(("text", "finding"), [
    ("Imaging showed tumor recurrence near the anastomosis.", "tumor recurrence"),
    ("Angiography showed no plaque rupture.", "plaque rupture"),
])
def test_a_finding_and_its_course_word_are_one_finding(text: str, finding: str) -> None:
    typed = _typed(text)
    assert typed.get(finding) == "finding"
    assert [k for k in typed.values() if k == "finding"] == ["finding"]


def test_a_course_word_alone_stays_a_finding() -> None:
    assert _typed("The recurrence was treated with surgery.").get("recurrence") == "finding"


@pytest.mark.parametrize("name", ["central hypothyroidism", "primary hyperparathyroidism",
                                  "hypogonadotropic hypogonadism"])
def test_a_qualified_endocrine_failure_is_a_diagnosis(name: str) -> None:
    from casecourse.reading.pipeline import read_mentions

    found = read_mentions(f"She was diagnosed with {name} last year.")
    assert [m.type for m in found if m.text == name] == ["condition"]


@pytest.mark.parametrize("phrase", ["friction rub", "meningismus", "fluctuance", "pneumoperitoneum", "midline shift",
                                    "Roth spots", "muffled heart sounds", "sensory loss"])
def test_examination_and_imaging_signs_hpo_does_not_name_alone(phrase: str) -> None:
    assert _typed(f"On the second day there was {phrase} on examination.").get(phrase) == "finding"


@pytest.mark.parametrize("phrase", ["portal venous gas", "apical ballooning", "schistocytes", "rouleaux",
                                    "pronator drift", "tracheal deviation", "excoriations", "vaginal discharge"])
def test_smear_imaging_and_bedside_signs(phrase: str) -> None:
    typed = _typed(f"The report noted {phrase} on the second day.")
    assert typed.get(phrase) == "finding"


@pytest.mark.parametrize(("name", "chapter"), [("preeclampsia", "O"), ("placental abruption", "O"),
                                               ("postpartum haemorrhage", "O"), ("bronchopulmonary dysplasia", "P"),
                                               ("anorexia nervosa", "F")])
def test_obstetric_neonatal_and_other_curated_diagnoses(name: str, chapter: str) -> None:
    from casecourse.reading.pipeline import read_mentions

    hits = [m for m in read_mentions(f"She was treated for {name} last year.") if m.text == name]
    assert [m.type for m in hits] == ["condition"]
    assert str(hits[0].attrs.get("icd10", "")).startswith(chapter)


@pytest.mark.parametrize(("short", "code"), [("GERD", "K21.9"), ("HCM", "I42.2"), ("SVT", "I47.10"),
                                             ("GIST", "C49.A0")])
def test_common_diagnosis_short_forms(short: str, code: str) -> None:
    from casecourse.reading.pipeline import read_mentions

    hits = [m for m in read_mentions(f"He had a history of {short} and was admitted.") if m.text == short]
    assert [(m.type, m.attrs.get("icd10")) for m in hits] == [("condition", code)]


@pytest.mark.parametrize("phrase", ["grunting", "subcostal retractions", "delayed capillary refill", "flat affect",
                                    "Rovsing sign", "crepitus", "claudication", "egophony"])
def test_named_bedside_signs(phrase: str) -> None:
    assert _typed(f"The examination on day two showed {phrase} only.").get(phrase) == "finding"
