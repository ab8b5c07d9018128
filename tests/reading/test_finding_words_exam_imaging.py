"""diseases.find: examination, behaviour and imaging finding words added to knowledge/finding_terms.csv
(November 2026). Invented sentences."""
from __future__ import annotations

import pytest

from casecourse.reading.diseases import find

pytest.importorskip("simple_icd_10_cm")


def _typed(text: str) -> dict[str, str]:
    return {m.text: m.type for m in find(text)}


@pytest.mark.parametrize(("text", "finding"), [
    ("She had excoriated papules on both shins.", "excoriated"),
    ("Scattered petechial spots covered his calves.", "petechial"),
    ("A scaly erythematous patch was seen on the neck.", "patch"),
    ("On arrival he was combative and confused.", "combative"),
    ("The newborn had a weak suck.", "weak suck"),
    ("She reported two syncopal episodes at work.", "syncopal episodes"),
    ("Ultrasound showed a hypoechoic nodule in the left lobe.", "hypoechoic nodule"),
    ("CT showed a hypodense lesion in segment VI.", "hypodense lesion"),
    ("MRI showed an area of high signal in the vertebral body.", "area of high signal"),
    ("Aspiration yielded 20 ml of purulent fluid.", "purulent fluid"),
])
def test_new_finding_words(text: str, finding: str) -> None:
    assert _typed(text).get(finding) == "finding"


def test_an_imaging_density_word_alone_is_no_finding() -> None:
    # the density describes the noun after it; alone ("the liver was hypodense") it is not read as a finding
    assert "hypodense" not in _typed("The liver was diffusely hypodense on the scan.")


@pytest.mark.parametrize(("text", "finding"), [
    ("For a year she had gastrointestinal symptoms after meals.", "gastrointestinal symptoms"),
    ("He had urinary irritation symptoms for months.", "urinary irritation symptoms"),
    ("Night sweats and other B symptoms were present.", "B symptoms"),
    ("She denied respiratory complaints.", "respiratory complaints"),
    ("He reported urgency and dysuria.", "urgency"),
])
def test_a_class_word_qualified_by_its_system_is_a_finding(text: str, finding: str) -> None:
    """'symptoms' alone names the class of findings; 'gastrointestinal symptoms' says which (finding_terms.csv)."""
    got = {m.text: m for m in find(text)}
    assert finding in got and got[finding].type == "finding" and not got[finding].attrs.get("finding_class")


def test_symptoms_alone_stays_a_class_word() -> None:
    got = [m for m in find("Her symptoms resolved within a week.") if m.text == "symptoms"]
    assert got and got[0].attrs.get("finding_class")
