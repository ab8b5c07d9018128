"""Genetic tests as qualitative results (invented sentences)."""
from __future__ import annotations

from casecourse.reading.lab_genes import find


def _tests(text: str) -> dict[str, str]:
    return {str(m.attrs["test"]): str(m.attrs["interpretation"]) for m in find(text)}


def test_a_gene_mutation_stated_negative_or_positive_is_a_result() -> None:
    assert _tests("The MPL W515L mutation was negative.") == {"MPL W515L mutation": "NEG"}
    assert _tests("He tested positive for a BRCA2 mutation.") == {"BRCA2 mutation": "POS"}


def test_a_test_of_a_gene_that_found_no_mutation_is_negative() -> None:
    assert _tests("Sequencing of the UNC13D gene revealed no pathogenic variants.") == {"UNC13D gene variants": "NEG"}
    assert _tests("An assay for common loci of the gene CFTR showed no mutations.") == {"CFTR gene mutations": "NEG"}


def test_a_variant_found_or_a_method_is_no_result() -> None:
    assert _tests("A heterozygous TP53 mutation was identified.") == {}
    assert _tests("DNA sequencing showed no mutations.") == {}
