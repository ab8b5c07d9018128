"""A result word before an analyte of a body fluid named in its clause (invented sentences)."""
from __future__ import annotations

from casecourse.reading.labs import find_labs


def _results(text: str) -> dict[str, str]:
    return {str(m.attrs["test"]): str(m.attrs["interpretation"]) for m in find_labs(text)
            if m.type == "lab_value" and m.attrs.get("test")}


def test_an_analyte_of_a_fluid_named_after_or_before_it_is_that_fluids_test() -> None:
    got = _results("Lumbar puncture revealed raised protein levels in the CSF.")
    assert got == {"cerebrospinal fluid protein": "H"}
    assert _results("Cerebrospinal fluid analysis showed increased protein.") == {"cerebrospinal fluid protein": "H"}


def test_no_fluid_or_another_specimen_in_the_clause_no_fluid_test() -> None:
    assert "cerebrospinal fluid protein" not in _results("She had elevated protein in the urine; CSF was clear.")
    assert "cerebrospinal fluid protein" not in _results("Plasma showed elevated protein and the CSF was clear.")
    assert _results("Total protein was elevated.").get("cerebrospinal fluid protein") is None
