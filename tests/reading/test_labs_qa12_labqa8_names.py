"""Round labqa8: test names case reports write (carbon dioxide / oxygen tension, PvCO2, brain natriuretic peptides,
adrenocorticotropin) and central venous pressure as a measure of its own (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + text, assess=False)
    return [(lab.test, lab.value, lab.interpretation) for lab in course.labs]


def test_tension_names_of_blood_gases() -> None:
    labs = _labs("Venous blood gas showed a pH of 7.29, carbon dioxide tension of 31.5 mmHg and oxygen tension of "
                 "36 mmHg.")
    assert ("pco2", 31.5, None) in labs
    assert ("po2", 36.0, None) in labs
    assert ("pco2", 47.0, "H") in _labs("There was mild hypercapnia (mixed venous oxygen tension [PvCO2] 47 mmHg).")


def test_name_variants() -> None:
    assert ("b-type natriuretic peptide", 3900.0, "H") in _labs(
        "Brain natriuretic peptides was 3900 ng/L (0-125 ng/L).")
    assert ("adrenocorticotropic hormone", 188.0, "H") in _labs(
        "Adrenocorticotropin was high (188 pg/ml, normal: 9 to 52 pg/ml).")


def test_central_venous_pressure_is_no_arterial_blood_pressure() -> None:
    labs = _labs("When the central venous blood pressure rose to 16 mmHg, dialysis was started.")
    assert labs == [("central venous pressure", 16.0, None)]


def test_a_percentage_names_its_share_after_a_copula() -> None:
    labs = _labs("The white blood cell count was 4,120 cells/mm3, of which 81.2% were neutrophils.")
    assert ("neutrophils", 81.2, None) in labs
    assert ("leukocytes", 81.2, None) not in labs
    assert ("neutrophils", 76.0, None) in _labs(
        "Blood counts showed a white blood cell count of 3,900 cells/mm3 (76% were polymorphonuclear cells).")
