"""Qualitative lab results: written names, elided modifiers, verbs before the result, shared result words."""
from __future__ import annotations

from casecourse.reading.labs import find_labs
from casecourse.reading.pipeline import read


def _q(text: str) -> set[tuple[str, str]]:
    return {(m.attrs["test"], m.attrs["interpretation"]) for m in find_labs(text)
            if m.type == "lab_value" and m.attrs.get("interpretation") and m.attrs.get("value") is None}


def test_direct_and_indirect_share_the_full_test_name() -> None:
    got = _q("Both direct and indirect bilirubin were within normal limits.")
    assert ("direct bilirubin", "N") in got and ("indirect bilirubin", "N") in got
    got = _q("The direct and indirect Coombs tests were negative.")
    assert ("direct antiglobulin test", "NEG") in got and ("indirect antiglobulin test", "NEG") in got


def test_verbs_between_the_test_and_its_result() -> None:
    assert ("bilirubin", "N") in _q("Her total bilirubin levels fell in the normal range.")
    assert ("aspartate aminotransferase", "H") in _q("The transaminases continued to rise over the week.")
    assert ("immunoglobulin g", "L") in _q("IgG levels stayed below the lower limit of normal.")


def test_a_positive_word_before_a_mixed_list_stays_with_the_serology() -> None:
    got = _q("He had a positive Coombs test, haptoglobin that was undetectable and reticulocytes of 9%.")
    assert ("direct antiglobulin test", "POS") in got
    assert ("haptoglobin", "POS") not in got


def test_the_written_name_travels_with_the_result() -> None:
    # (the "within normal limits" of CH50 once also went to LDH, whose "was elevated" after its parenthesis was lost)
    written = {(m.norm, m.attrs.get("test_text"), m.attrs.get("interpretation"))
               for m in find_labs("CH50 was within normal limits and LDH (lactate dehydrogenase) was elevated.")
               if m.attrs.get("interpretation")}
    assert any(t == "CH50" and i == "N" for _, t, i in written)
    ldh = {(t, i) for n, t, i in written if n == "lactate dehydrogenase"}
    assert ldh and all(i == "H" for _, i in ldh) and ldh & {("LDH", "H"), ("lactate dehydrogenase", "H")}


def test_one_result_word_for_a_serology_list_and_a_complement_pair() -> None:
    """The work-up reader and the adjective reader both read 'was negative': neither result is lost."""
    r = read("Work-up with antinuclear antibodies and C3 and C4 complement was negative.")
    tests = {m.attrs.get("test") for m in r.mentions if m.type == "lab_value"}
    assert {"antinuclear antibodies", "c3", "c4"} <= tests


def test_an_interval_left_unclosed_at_the_sentence_end_is_still_the_interval() -> None:
    ms = [m for m in find_labs("Her lipase was 300 (13-60 U/L. She improved.") if m.attrs.get("value") is not None]
    kinds = {(m.type, m.attrs["value"], m.attrs.get("unit")) for m in ms}
    assert ("lab_value", 300.0, "U/L") in kinds and ("lab_reference", 13.0, "U/L") in kinds


def test_a_space_groups_thousands_before_a_count_unit_only() -> None:
    vals = {(m.attrs["test"], m.attrs["value"]) for m in find_labs("Platelets were 84 000/µL and WBC 3 500 per "
                                                                    "microliter.") if m.attrs.get("value") is not None}
    assert ("platelets", 84000.0) in vals and ("leukocytes", 3500.0) in vals
    assert not any(v == 0.0 for _, v in vals)
    vals = [m.attrs["value"] for m in find_labs("CRP was 12 100 times higher.") if m.attrs.get("value") is not None]
    assert 12100.0 not in vals


def test_coagulation_factor_activities_and_csf_counts() -> None:
    got = _q("Factor V and factor VIII activities were within normal limits.")
    assert ("factor v activity", "N") in got and ("factor viii activity", "N") in got
    ms = [m for m in find_labs("The CSF showed pleocytosis.") if m.attrs.get("interpretation")]
    assert {(m.attrs["test"], m.attrs["interpretation"]) for m in ms} == {("cerebrospinal fluid leukocytes", "H")}


def test_a_pair_and_its_group_word_give_one_result_each() -> None:
    ms = [m for m in find_labs("C3 and C4 complement levels were low.") if m.attrs.get("interpretation")]
    assert sorted(m.attrs["test"] for m in ms) == ["c3", "c4"]


def test_beta2_glycoprotein_antibodies_written_in_full() -> None:
    assert ("anti-beta2-glycoprotein I antibodies", "NEG") in _q("Beta-2 glycoprotein I antibodies were negative.")


def test_anion_gap_and_plural_bicarbonates_in_a_table_row() -> None:
    text = "The anion gap was 22 mmol/L; bicarbonates 12 mmol/L."
    vals = {(m.attrs["test"], m.attrs["value"]) for m in find_labs(text) if m.attrs.get("value") is not None}
    assert {("anion gap", 22.0), ("bicarbonate", 12.0)} <= vals


def test_a_change_by_an_amount_is_not_a_level() -> None:
    found = find_labs("Her haemoglobin dropped by 3 g/dL overnight, to 6.1 g/dL.")
    vals = [m.attrs["value"] for m in found
            if m.type == "lab_value" and m.attrs.get("value") is not None and not m.attrs.get("change")]
    assert vals == [6.1]
    assert [(m.attrs["value"], m.attrs["test"]) for m in found if m.attrs.get("change")] == [(3.0, None)]


def test_anca_patterns_and_antigen_specific_antibodies_are_told_apart() -> None:
    got = _q("p-ANCA was positive, anti-MPO antibodies were high and c-ANCA was negative.")
    assert ("perinuclear anti-neutrophil cytoplasmic antibodies", "POS") in got
    assert ("anti-myeloperoxidase antibodies", "H") in got
    assert ("cytoplasmic anti-neutrophil cytoplasmic antibodies", "NEG") in got


def test_systemic_sclerosis_and_myositis_antibodies() -> None:
    got = _q("Anti-Scl-70 and anti-Jo-1 antibodies were negative; anticentromere antibodies were positive.")
    assert {("anti-scl-70 antibodies", "NEG"), ("anti-jo-1 antibodies", "NEG"),
            ("anti-centromere antibodies", "POS")} <= got


def test_a_weight_loss_of_an_amount_is_not_a_body_weight() -> None:
    vals = [(m.attrs["test"], m.attrs["value"]) for m in find_labs(
        "She reported a weight loss of 8 kg over three months; her weight was 51 kg.")
        if m.type == "lab_value" and m.attrs.get("value") is not None and not m.attrs.get("change")]
    assert vals == [("body weight", 51.0)]


def test_a_change_is_no_result_in_the_course() -> None:
    from casecourse.api import analyze_text
    course = analyze_text("She reported a weight loss of 8 kg; her haemoglobin fell by 2 g/dL to 7.9 g/dL.")
    assert sorted((lab.test, lab.value) for lab in course.labs) == [("hemoglobin", 7.9)]
