"""A count whose unit names the cells it counts ("leukocytes/µL", "RBCs/hpf") is a count of those cells (of the fluid
its sentence is about), and takes no test from a neighbouring value ("50% neutrophils")."""
from casecourse.reading.labs import find_labs


def _values(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.norm, m.attrs.get("ucum")) for m in find_labs(text) if m.type == "lab_value"}


def test_cells_named_in_the_unit_are_a_count() -> None:
    vals = _values("Spinal fluid held 7 leukocytes/µL with 60% neutrophils and 12 red blood cells/µL.")
    # the cells its unit names, of the fluid the sentence is about (not the neutrophils before it)
    assert vals["7 leukocytes/µL"] == ("cerebrospinal fluid leukocytes", "/uL")
    assert vals["12 red blood cells/µL"] == ("cerebrospinal fluid erythrocytes", "/uL")
    assert vals["60%"][0] == "cerebrospinal fluid neutrophils"  # the spinal fluid's, not the blood's


def test_cells_per_field_and_per_cubic_millimetre() -> None:
    vals = _values("Urine microscopy: 20-25 RBCs/hpf, 4 WBC/hpf; a pleural tap had 300 leucocytes/mm3.")
    assert vals["20-25 RBCs/hpf"][1] == "/[HPF]"
    assert vals["4 WBC/hpf"][1] == "/[HPF]"
    assert vals["300 leucocytes/mm3"][1] == "/mm3"


def test_plain_cell_units_keep_their_test() -> None:
    vals = _values("White cell count 9 500 cells/mm3.")
    assert vals["9 500 cells/mm3"][0] == "leukocytes"
