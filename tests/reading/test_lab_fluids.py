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


def _tests(text: str) -> dict[str, str | None]:
    """value as written -> the test it was filed under."""
    return {m.text: m.attrs.get("test") for m in find_labs(text) if m.type == "lab_value"}


def test_values_after_a_fluid_analysis_are_that_fluids_tests() -> None:
    got = _tests("A lumbar puncture was done, which showed a white cell count of 310 cells/mm3 and glucose 18 mg/dL. "
                 "Her blood glucose was 104 mg/dL.")
    assert got["310 cells/mm3"] == "cerebrospinal fluid leukocytes"
    assert got["18 mg/dL"] == "cerebrospinal fluid glucose"
    assert got["104 mg/dL"] == "glucose"  # the next sentence is the blood's


def test_a_fluid_word_right_before_the_test_or_after_the_value() -> None:
    got = _tests("Results: leukocytes 2.9 × 10^9/L; urinary leukocytes 40/µL; sodium 131 mmol/L. "
                 "Lactate dehydrogenase was 1200 U/L in the pleural fluid.")
    assert got["2.9 × 10^9/L"] == "leukocytes"
    assert got["40/µL"] == "urine leukocytes"
    assert got["131 mmol/L"] == "sodium"
    assert got["1200 U/L"] == "pleural fluid lactate dehydrogenase"


def test_a_blood_word_ends_the_fluids_frame_and_a_mere_effusion_is_no_frame() -> None:
    got = _tests("Ascitic fluid analysis showed albumin 1.1 g/dL, whereas serum albumin was 2.8 g/dL. "
                 "She had a pericardial effusion and her albumin was 2.4 g/dL.")
    assert got["1.1 g/dL"] == "peritoneal fluid albumin"
    assert got["2.8 g/dL"] == "albumin"
    assert got["2.4 g/dL"] == "albumin"


def test_a_csf_count_is_no_leukopenia() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 30-year-old man had fever. CSF examination showed 12 white blood cells/mm3 "
                          "(leukocytes 12 /mm3). His white cell count was 9.1 × 10^9/L.")
    blood = [lab for lab in course.labs if lab.test == "leukocytes"]
    assert [lab.value for lab in blood] == [9.1]
    assert all(lab.codings == [] or lab.codings[0].code != "6690-2" for lab in course.labs
               if lab.test.startswith("cerebrospinal"))


def test_a_fluid_analysis_named_before_its_fluid_and_its_bracketed_or_listed_values() -> None:
    got = _tests("Analysis of the cerebrospinal fluid was normal (glucose, 60 mg/dL; leucocytes, 2/µL). "
                 "The pericardial fluid results were as follows: red blood cell count, 50,000/mm3; glucose, 4 mg/dL. "
                 "CSF showed a white cell count of 640/mm3; her blood glucose was 98 mg/dL.")
    assert got["60 mg/dL"] == "cerebrospinal fluid glucose" and got["2/µL"] == "cerebrospinal fluid leukocytes"
    assert got["50,000/mm3"] == "pericardial fluid erythrocytes" and got["4 mg/dL"] == "pericardial fluid glucose"
    assert got["640/mm3"] == "cerebrospinal fluid leukocytes" and got["98 mg/dL"] == "glucose"


def test_a_fluid_that_a_copula_describes_frames_its_values() -> None:
    got = _tests("Cerebrospinal fluid (CSF) was turbid, neutrophils 800/µL, glucose 12 mg/dL.")
    assert got["800/µL"] == "cerebrospinal fluid neutrophils" and got["12 mg/dL"] == "cerebrospinal fluid glucose"


def test_counts_in_the_plural_name_their_tests_for_a_respectively_list() -> None:
    got = _tests("White blood cell and red blood cell counts in the CSF were 9/mm3 and 30/mm3, respectively.")
    assert got == {"9/mm3": "cerebrospinal fluid leukocytes", "30/mm3": "cerebrospinal fluid erythrocytes"}


def test_the_leading_words_of_a_cue() -> None:
    """Every match of a specimen cue begins with one of these words: a sentence without one holds no frame."""
    from casecourse.reading.lab_fluids import _leading_literals

    assert _leading_literals("lumbar punctures?|spinal taps?") == ["lumbar puncture", "spinal tap"]
    assert _leading_literals("Pleural fluids?|pleural effusions?") == ["pleural fluid", "pleural effusion"]
    assert _leading_literals("pericardial fluids?|pericardial effusions?") == ["pericardial "]  # a common prefix
    assert _leading_literals("BAL fluid|BALF") == ["bal"]
    assert _leading_literals(r"\d+-hour urine|urine") is None  # a match may begin with a digit: no word to key on


def test_frames_read_only_in_sentences_holding_a_cue_word_give_the_same_tests(monkeypatch) -> None:
    """The frame pattern is searched only in a value's sentence that holds a cue's leading word; with the search in
    every sentence (no cue positions) the values are filed under the same tests."""
    from casecourse.reading import lab_fluids

    text = ("Serum glucose was 112 mg/dL and protein 7.1 g/dL. Lumbar puncture showed glucose 18 mg/dL and protein "
            "1.2 g/L. Later, glucose was 95 mg/dL. Pleural fluid analysis showed LDH 900 U/L and protein 4.5 g/dL. "
            "The urinalysis showed protein 30 mg/dL; sodium was 135 mmol/L.")
    keyed = [(m.start, m.attrs.get("test")) for m in find_labs(text) if m.type == "lab_value"]
    monkeypatch.setattr(lab_fluids, "_frame_cue_starts", lambda text: None)
    assert [(m.start, m.attrs.get("test")) for m in find_labs(text) if m.type == "lab_value"] == keyed
    assert {"cerebrospinal fluid glucose", "cerebrospinal fluid protein", "pleural fluid lactate dehydrogenase",
            "glucose"} <= {t for _, t in keyed}
