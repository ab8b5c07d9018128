"""Result words of tests the reader cannot name (reading/labs_results.py): a normal result stated by negation
("revealed no abnormalities") and degree words. Example sentences are our own."""
from __future__ import annotations

from casecourse.reading.labs_results import find_results


def _results(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.attrs["interpretation"]) for m in find_results(text, [])]


def test_a_test_that_showed_no_abnormality_is_a_normal_result():
    assert _results("The echocardiogram revealed no abnormalities.") == [("no abnormalities", "N")]
    assert _results("Bronchoscopy showed no significant findings.") == [("no significant findings", "N")]
    assert _results("A skeletal survey demonstrated no other abnormality.") == [("no other abnormality", "N")]


def test_no_abnormality_needs_a_reporting_verb_and_a_finding_noun():
    assert _results("There were no complaints and no abnormalities of gait were reported by her.") == []
    assert _results("The scan showed no masses.") == []
    assert _results("The biopsy showed no abnormality-related change.") == []


def test_degree_word_before_a_predicated_result():
    assert ("grossly intact", "N") in _results("Cranial nerves were grossly intact.")


def test_copula_only_result_words_end_their_phrase():
    assert _results("The cerebrospinal fluid was clear.") == [("clear", "N")]
    assert _results("On echocardiography the right ventricle was markedly hypokinetic, with a small effusion.") == [
        ("markedly hypokinetic", "A")]
    assert _results("Renal function was well preserved.") == [("well preserved", "N")]
    # before a noun the word names a kind, and after a reporting verb it is no predicate
    assert _results("The tumour was clear cell carcinoma.") == []
    assert _results("Biopsy showed clear margins.") == []


def test_a_result_word_before_a_named_procedure_is_its_result() -> None:
    from casecourse.reading.labs import find_labs

    def results(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.attrs.get("interpretation")) for m in find_labs(text) if m.type == "test_result"]

    assert results("Screening found abnormal cervical smears.") == [("abnormal", "A")]
    assert results("He came because of an abnormal routine chest x-ray.") == [("abnormal", "A")]
    assert ("unremarkable", "N") in results("Her history included an unremarkable EEG.")
    assert results("An abnormal mass sat in the pelvis.") == []  # a finding's description, no procedure named


def test_a_result_before_a_procedure_is_read_when_the_text_has_no_exact_lower_case():
    # 'İ' lower-cases to two characters: the reader then has no lower-cased twin of the text and must not fail
    assert ("abnormal", "A") in _results("A woman from İzmir had an abnormal chest radiograph.")


def test_change_noun_without_what_changed_is_no_result() -> None:
    """ "Improvement"/"normalization" state a test's result only with their object ("improvement in renal
    function"); alone they tell the course of the illness."""
    from casecourse.reading.labs import find_labs

    def results(text: str) -> list[str]:
        return [m.text for m in find_labs(text) if m.type in ("test_result", "lab_value")]

    assert results("Despite this initial improvement, the fever returned.") == []
    assert results("Antibiotics were changed without significant improvement.") == []
    assert "improvement" in results("A second echocardiogram showed improvement in left ventricular function.")
    assert "normalization" in results("We saw a gradual normalization of the liver enzymes.")
