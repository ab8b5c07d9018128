"""Round labqa7: Nordic specimen prefixes, catalogue gaps (cholinesterase, catecholamine metabolites, chromogranin A,
band neutrophils, translated aminotransferase names, 'HCO-3'), targets named as nouns, short labels of lab tables
(invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + text, assess=False)
    return [(lab.test, lab.value, lab.interpretation) for lab in course.labs]


def test_a_nordic_specimen_prefix_keeps_the_test() -> None:
    labs = _labs("On day two S-ferritin was 840 µg/L and fP-glucose 7.9 mmol/L.")
    assert ("ferritin", 840.0, None) in labs
    assert ("glucose", 7.9, None) in labs


def test_no_prefix_inside_a_word_or_before_lymphocytes() -> None:
    assert _labs("Flow cytometry counted few B-lymphocytes, under 3% of them.") == []
    assert not any(t == "ferritin" for t, _, _ in _labs("The XS-ferritin probe was 12 mm long."))


def test_cholinesterase_is_a_test() -> None:
    assert _labs("After the pesticide ingestion serum cholinesterase was 410 U/L.") == [("cholinesterase", 410.0, None)]


def test_catecholamine_metabolites_are_tests_of_their_own() -> None:
    labs = _labs("Plasma normetanephrine was 4.2 nmol/L, metanephrine 0.2 nmol/L and 3-methoxytyramine 0.1 nmol/L; "
                 "chromogranin A was 310 ng/mL.")
    assert ("normetanephrine", 4.2, None) in labs
    assert ("metanephrine", 0.2, None) in labs
    assert ("methoxytyramine", 0.1, None) in labs
    assert ("chromogranin a", 310.0, None) in labs


def test_translated_aminotransferase_names_and_bicarbonate() -> None:
    labs = _labs("Her glutamic oxalate aminotransferase was 88 U/L and glutamic pyruvic aminotransferase 61 U/L.")
    assert ("aspartate aminotransferase", 88.0, None) in labs
    assert ("alanine aminotransferase", 61.0, None) in labs
    assert ("bicarbonate", 14.0, None) in _labs("The gas showed pH 7.21 and HCO-3 14 mEq/L.")


def test_bandemia_with_its_share_is_band_neutrophils() -> None:
    labs = _labs("The count showed a bandemia of 18% on the second day.")
    assert labs == [("band neutrophils", 18.0, "H")]


def test_a_target_named_as_a_noun_is_no_result() -> None:
    assert _labs("The goal of lipid therapy was an LDL cholesterol below 1.4 mmol/L and triglycerides below "
                 "1.7 mmol/L.") == []
    assert _labs("Her LDL cholesterol was 3.9 mmol/L.") == [("ldl cholesterol", 3.9, None)]


def test_short_row_labels_of_a_lab_table() -> None:
    table = ("Laboratory findings on admission\n"
             "Na\t141\tmEq/L\n"
             "K\t5.9\tmEq/L\n"
             "Ht\t31.2\t%\n"
             "Fib\t150\tmg/dL\n")
    labs = _labs(table)
    assert ("potassium", 5.9, None) in labs
    assert ("hematocrit", 31.2, None) in labs
    assert ("fibrinogen", 150.0, None) in labs
    assert _labs("Colonies of K. oxytoca grew, 3 days later.") == []


def test_a_csf_protein_value_in_brackets_after_the_bare_word() -> None:
    labs = _labs("The spinal tap showed raised protein (2.4 g/L) and low glucose (1.1 mmol/L).")
    assert ("cerebrospinal fluid protein", 2.4, None) in labs
    assert ("cerebrospinal fluid glucose", 1.1, "L") in labs
    assert _labs("Blood tests showed low protein (52 g/L).") == []


def test_a_range_a_treatment_controls_is_no_result() -> None:
    assert _labs("An insulin drip was titrated for controlling capillary glucose between 110 mg/dL and 160 mg/dL.") \
        == []
    assert _labs("Glucose was 410 mg/dL; insulin was started to control it.") == [("glucose", 410.0, None)]


def test_a_percentage_before_without_is_its_tests() -> None:
    assert _labs("On the ward her saturation was 91% without supplemental oxygen.") == \
        [("oxygen saturation", 91.0, None)]


def test_glycosylated_haemoglobin_in_british_spelling() -> None:
    assert _labs("Her glycosylated haemoglobin was 8.1%.") == [("hemoglobin a1c", 8.1, None)]
