"""A fact's codings as the concept table writes its codes (read once per distinct coding)."""
from __future__ import annotations

from casecourse.model import Coding
from casecourse.rules.concepts import _code_keys


def test_code_keys_as_the_table_writes_them() -> None:
    codings = [Coding(system="http://loinc.org", code="2276-4"),
               Coding(system="http://purl.obolibrary.org/obo/hp.owl", code="hp:0001945"),
               Coding(system="http://hl7.org/fhir/sid/icd-10-cm", code="d69.6")]
    assert _code_keys(codings) == {"LOINC:2276-4", "HP:0001945", "D69.6"}
    assert _code_keys(codings) == _code_keys(list(reversed(codings)))  # the same, asked again
    assert _code_keys(None) == set()
