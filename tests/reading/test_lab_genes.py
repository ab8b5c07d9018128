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


def test_keyed_scans_find_what_the_patterns_find() -> None:
    """Two patterns are tried only where their first words begin (rx_keys.starting_with); over a report long enough
    for that path, their matches are the patterns' own scans', one by one."""
    from casecourse.reading import lab_genes

    text = ("She tested negative for the JAK2 mutation and positive for a CALR gene p.L367fs variant; NEGATIVE for "
            "MPL mutations, nonnegative for the KIT variant. TESTING of the HFE gene showed no mutations; "
            "Genotyping for the gene TPMT revealed no known variants; an assay of the TP53 gene found no "
            "pathogenic mutation; retesting of the BRCA1 gene showed no variant. ") * 2
    assert len(text) >= 256
    for rx, keyed in ((lab_genes._FOR, lab_genes.starting_with(lab_genes._FOR, text, ("negative", "positive"))),
                      (lab_genes._FOUND_NONE, lab_genes.starting_with(lab_genes._FOUND_NONE, text,
                                                                      lab_genes._TEST_WORDS, lower=True))):
        assert [m.span() for m in keyed] == [m.span() for m in rx.finditer(text)] != []
