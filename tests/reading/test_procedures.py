"""The therapeutic procedure reader (reading/procedures.py) on invented sentences."""
from __future__ import annotations

from casecourse.model import Assertion
from casecourse.reading.pipeline import FINDERS, read
from casecourse.reading.procedures import find


def _found(text: str) -> dict[str, dict]:
    return {m.text: {"norm": m.norm, **m.attrs} for m in find(text)}


def test_names_abbreviations_and_the_longest_form() -> None:
    got = _found("She received therapeutic plasma exchange, then CRRT, and later ECMO and a PCI.")
    assert got["therapeutic plasma exchange"]["norm"] == "plasma exchange"
    assert got["CRRT"]["category"] == "dialysis"
    assert got["ECMO"]["norm"] == "ECMO"
    assert got["PCI"]["norm"] == "percutaneous coronary intervention"
    assert "plasma exchange" not in got  # inside the longer form


def test_an_abbreviation_matches_only_as_written_and_as_a_whole_word() -> None:
    assert find("the pci of the lesion; a TIPS-based score") == []


def test_a_surgical_word_family_is_read_from_its_ending() -> None:
    got = _found("He underwent a hemicolectomy and had been splenectomized as a child; a dichotomy of results.")
    assert got["hemicolectomy"]["category"] == "surgery"
    assert got["splenectomized"]["norm"] == "splenectomy"
    assert "dichotomy" not in got


def test_an_ambiguous_abbreviation_needs_a_treatment_word_in_its_sentence() -> None:
    assert find("HD was ruled out on the biopsy. Nothing else.") == []
    assert [m.norm for m in find("He was maintained on HD three times a week.")] == ["haemodialysis"]


def test_counts_lengths_and_plans() -> None:
    got = _found("She underwent five sessions of plasma exchange. Mechanical ventilation was continued for 12 days. "
                 "He was listed for a liver transplant.")
    assert (got["plasma exchange"]["count"], got["plasma exchange"]["count_unit"]) == (5, "session")
    assert got["Mechanical ventilation"]["length_days"] == 12.0
    assert got["liver transplant"]["planned"] is True
    assert "planned" not in got["plasma exchange"]


def test_a_time_anchor_a_specimen_or_a_department_is_no_procedure() -> None:
    text = ("Two weeks after the splenectomy she was well. The resected specimen showed a lymphoma; the resection "
            "margins were clear. She was referred to the surgery department.")
    assert find(text) == []


def test_assertion_comes_from_context_and_adds_no_negation_cue_mentions() -> None:
    text = "She did not require dialysis. He had no fever."
    r = read(text)
    proc = [m for m in r.mentions if m.type == "procedure"]
    assert [(m.norm, m.assertion) for m in proc] == [("dialysis", Assertion.negated)]
    without = read(text, finders=tuple(f for f in FINDERS if f != "procedures"))
    cues = [(m.start, m.end) for m in r.mentions if m.type == "negation_cue"]
    assert cues == [(m.start, m.end) for m in without.mentions if m.type == "negation_cue"]


def test_a_procedure_inside_a_diagnosis_keeps_both() -> None:
    r = read("She developed ventilator-associated pneumonia.")
    types = {m.type for m in r.mentions}
    assert "procedure" in types and "condition" in types


def test_a_patient_state_participle_counts_and_a_phrase_naming_no_procedure_does_not() -> None:
    got = _found("We received an intubated patient, a splenectomized man. Fluid resuscitation was given; radiation "
                 "exposure was low. Cardiac resuscitation was started.")
    assert got["intubated"]["norm"] == "intubation" and got["splenectomized"]["norm"] == "splenectomy"
    assert "resuscitation" not in got and "radiation" not in got
    assert got["Cardiac resuscitation"]["norm"] == "cardiopulmonary resuscitation"


def test_a_plan_said_after_the_name() -> None:
    got = _found("Cardiac surgery was indicated. The consultant suggested a nephrostomy. A splenectomy was performed.")
    assert got["Cardiac surgery"]["planned"] is True and got["nephrostomy"]["planned"] is True
    assert "planned" not in got["splenectomy"]


def test_a_ward_a_site_and_a_list_of_abbreviations_name_no_procedure() -> None:
    text = ("She was admitted to neurosurgery. There was no leakage at the anastomosis site.\n"
            "TPN: total parenteral nutrition; ICU: intensive care unit; CRRT: continuous renal replacement therapy\n"
            "She was started on TPN.")
    assert [m.text for m in find(text)] == ["TPN"]
    assert find(text)[0].start > text.rindex("\n")


def test_a_flattened_page_is_no_list_of_abbreviations() -> None:
    # a whole web page on one line (navigation, abstract, case, an abbreviation list in its back matter): the
    # semicolons and "X: y" pairs of the back matter must not hide the case's operations
    from casecourse.reading.procedures import find

    filler = "The patient was followed in clinic and remained well. " * 30
    text = ("Keywords: MTC; FNAC; CT. " + filler + "She underwent total thyroidectomy with neck dissection. "
            + filler + "Abbreviations: CT: computed tomography; FNAC: fine-needle aspiration; MTC: medullary cancer.")
    assert "\n" not in text and len(text) > 2000
    assert [m.text for m in find(text)] == ["thyroidectomy", "neck dissection"]
    short = "ECMO: extracorporeal membrane oxygenation; HD: haemodialysis; PE: plasma exchange."
    assert find(short) == []  # a short line of this form still is one


def test_a_finding_word_inside_a_procedure_names_no_finding() -> None:
    for text, word in (("ROSC followed four cycles of chest compressions.", "compressions"),
                       ("A mass transfusion protocol was activated in theatre.", "mass")):
        types = {m.text: m.type for m in read(text).mentions}
        assert types.get(word) != "finding"
    assert {m.text: m.type for m in read("A firm mass was felt in the left breast.").mentions}["mass"] == "finding"
