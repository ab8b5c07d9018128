"""Results as laboratory systems print them into notes: a value joined to its test by a hyphen, a star flag, a
bracketed low flag after a bare count (invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> dict[str, tuple]:
    return {lab.test: (lab.value, lab.unit, lab.interpretation)
            for lab in analyze_text("Case presentation\n" + text, assess=False).labs}


def test_a_value_joined_to_its_test_by_a_hyphen() -> None:
    labs = _labs("Investigations: haemoglobin-7.9 g/dL, platelets-64,000/cu.mm, serum creatinine-2.3 mg/dl.")
    assert labs["hemoglobin"] == (7.9, "g/dL", None)
    assert labs["platelets"][:2] == (64000.0, "/cu.mm")
    assert labs["creatinine"][:2] == (2.3, "mg/dl")


def test_a_star_glued_to_a_joined_value_flags_it_abnormal_without_a_direction() -> None:
    labs = _labs("Labs on admission: WBC-2.4* Hgb-7.7* ALT-61* LDH-780*")
    assert labs["leukocytes"] == (2.4, None, "A")
    assert labs["hemoglobin"] == (7.7, None, "A")
    assert labs["lactate dehydrogenase"] == (780.0, None, "A")


def test_a_whole_number_after_a_hyphen_names_a_type_not_a_result() -> None:
    labs = _labs("She was diagnosed with IgG-4 related disease; IgG was 2100 mg/dL.")
    assert labs.get("IgG") in (None, (2100.0, "mg/dL", None))
    assert not any(v[0] == 4.0 for v in labs.values())


def test_a_bracketed_l_after_a_bare_count_is_a_low_flag_not_litres() -> None:
    labs = _labs("Labs: WBC 2.1 (L), Hgb 8.4 (L), ferritin 5100 (H).")
    assert labs["leukocytes"] == (2.1, None, "L")
    assert labs["hemoglobin"] == (8.4, None, "L")
    assert labs["ferritin"] == (5100.0, None, "H")


def test_the_lab_reader_takes_a_text_whose_lower_case_changes_length() -> None:
    # "İ" lower-cases to two characters: the lab reader called on such a raw text (the pipeline folds it first, as
    # `make bench` does not) failed in the Apgar step
    from casecourse.reading.labs import find_labs

    found = find_labs("A boy born in İzmir had Apgar scores of 6 and 9 at 1 and 5 minutes.")
    assert {(m.attrs.get("test"), m.attrs.get("value")) for m in found if m.type == "lab_value"} == {
        ("apgar score at 1 minute", 6.0), ("apgar score at 5 minutes", 9.0)}


def test_a_lab_systems_result_line_reads_its_whole_numbers_and_short_labels() -> None:
    # three or more joined results on one line: a result line, where "Na-141" is sodium 141 (alone it would stay a
    # type name, as "IgG-4" above); the system's short labels ("Plt Ct", "UreaN", "Creat", "AnGap") name their tests
    labs = _labs("Results: 04:30AM BLOOD Na-141 K-3.9 Cl-99 HCO3-24 UreaN-31* Creat-1.4* AnGap-13\n"
                 "04:30AM BLOOD WBC-9.6 Hgb-11.2* Plt Ct-188\n")
    assert labs["sodium"] == (141.0, None, None)
    assert labs["potassium"] == (3.9, None, None)  # "K" names it only so joined, or before its unit
    assert labs["chloride"] == (99.0, None, None)
    assert labs["bicarbonate"] == (24.0, None, None)
    assert labs["urea nitrogen"] == (31.0, None, "A")
    assert labs["creatinine"] == (1.4, None, "A")
    assert labs["anion gap"] == (13.0, None, None)
    assert labs["platelets"] == (188.0, None, None)


def test_two_joined_whole_numbers_on_a_line_stay_type_names() -> None:
    labs = _labs("Typing showed HLA-27 and group EF-3 strains; the K-12 strain grew; ALT 40 U/L.")
    assert not any(v[0] in (27.0, 3.0, 12.0) for v in labs.values())


def test_a_comparator_word_with_a_letter_that_folds_to_ascii_is_read_on_raw_text() -> None:
    # the pipeline folds "ſ" and "ı" first; a reader called on raw text (the bench) raised KeyError on the cue
    from casecourse.reading.labs_values import find_values

    assert [(v.value, v.comparator) for v in find_values("CRP was leſs than 5 mg/L")] == [(5.0, "<")]
