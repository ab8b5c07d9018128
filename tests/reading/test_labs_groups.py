"""Group names of lab tests ("cardiac enzymes", "aminotransferase") stand for their member tests. Example sentences
are our own."""
from __future__ import annotations

from casecourse.reading.pipeline import read_mentions


def _values(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(m.text, m.norm, m.attrs.get("interpretation")) for m in read_mentions(text) if m.type == "lab_value"}


def test_cardiac_enzymes_are_troponin_and_ck_mb():
    assert _values("Serial cardiac enzymes were elevated.") == {("elevated", "troponin", "H"),
                                                               ("elevated", "creatine kinase mb", "H")}


def test_a_singular_aminotransferase_names_the_transaminases():
    vals = _values("Tests showed an elevation of aminotransferase on admission.")
    assert {n for _, n, _ in vals} == {"aspartate aminotransferase", "alanine aminotransferase"}
    # a named aminotransferase stays itself
    assert {n for _, n, _ in _values("Alanine aminotransferase was elevated.")} == {"alanine aminotransferase"}


def test_prolonged_and_irregular_state_a_timed_or_rhythm_measure_result():
    assert ("prolonged", "prothrombin time", "H") in _values("The prothrombin time was prolonged.")
    assert ("prolonged", "qt interval", "H") in _values("The ECG showed a prolonged QT interval.")
    assert ("irregular", "heart rate", "A") in _values("Examination found an irregular pulse of 110 beats/min.")
    # no test named: no lab reading
    assert not any(n for _, n, _ in _values("His stay was prolonged by an infection."))


def test_subnormal_erythropoietin_is_a_low_result():
    assert ("subnormal", "erythropoietin", "L") in _values("Work-up showed subnormal serum erythropoietin levels.")


def test_values_after_a_group_name_go_to_its_tests_in_the_texts_order() -> None:
    from casecourse.reading.labs import find_labs

    text = "Anti-dsDNA was 210 IU/mL and C3 and C4 were low (0.45 g/L and 0.06 g/L)."
    got = [(m.text, m.norm) for m in find_labs(text) if m.type == "lab_value" and m.attrs.get("unit")]
    assert got == [("210 IU/mL", "anti-double-stranded DNA antibodies"), ("0.45 g/L", "c3"), ("0.06 g/L", "c4")]
    # a third value is no one's: never the test named before the group
    text = "Anti-dsDNA was 210 IU/mL and C3 and C4 were low (0.45 g/L, 0.06 g/L and 0.02 g/L)."
    tests = [m.norm for m in find_labs(text) if m.type == "lab_value" and m.attrs.get("unit") == "g/L"]
    assert "anti-double-stranded DNA antibodies" not in tests and tests[:2] == ["c3", "c4"]


def test_an_immunoglobulin_class_of_an_antibody_is_not_the_total_immunoglobulin() -> None:
    from casecourse.api import analyze_text

    text = ("Case presentation\nA 40-year-old woman was admitted. Parvovirus IgM was negative, and IgG was elevated. "
            "Toxoplasma IgG was negative. IgG and IgM anticardiolipin antibodies were negative. Serum IgG was "
            "1850 mg/dL. Immunoglobulins: IgA 300 mg/dL and IgM 90 mg/dL.")
    labs = [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(text).labs]
    totals = [x for x in labs if x[0].startswith("immunoglobulin")]
    assert sorted(totals) == [("immunoglobulin a", 300.0, None), ("immunoglobulin g", 1850.0, None),
                              ("immunoglobulin m", 90.0, None)]
    assert ("parvovirus B19 IgM antibodies", None, "NEG") in labs  # the class kept in the test's name


def test_a_value_after_a_name_the_catalogue_lacks_is_not_the_test_before_it() -> None:
    from casecourse.reading.labs import find_labs

    text = "Bicarbonate was 6 mmol/L and beta-hydroxybutyrate 6.2 mmol/L, with sodium 129 mmol/L."
    got = [(m.text, m.norm) for m in find_labs(text) if m.type == "lab_value"]
    assert ("6 mmol/L", "bicarbonate") in got and ("129 mmol/L", "sodium") in got
    assert ("6.2 mmol/L", "bicarbonate") not in got
    # a later value of the same test stays its own: "then", "later"
    later = find_labs("Ferritin was 500 ng/mL, and later 12,000 ng/mL.")
    got = [(m.text, m.norm) for m in later if m.type == "lab_value"]
    assert got == [("500 ng/mL", "ferritin"), ("12,000 ng/mL", "ferritin")]


def test_common_analytes_of_acute_and_endocrine_care_are_catalogued() -> None:
    from casecourse.reading.labs import find_labs

    text = "Beta-hydroxybutyrate 6.2 mmol/L, ACTH 250 pg/mL, ionised calcium 0.9 mmol/L and CD4 count 45 cells/µL."
    got = {m.norm for m in find_labs(text) if m.type == "lab_value"}
    assert got == {"beta-hydroxybutyrate", "adrenocorticotropic hormone", "ionized calcium", "cd4 count"}


def test_coeliac_serology_is_catalogued() -> None:
    from casecourse.reading.labs import find_labs

    got = {(m.norm, m.attrs.get("value")) for m in find_labs("Tissue transglutaminase IgA was 86 U/mL.")
           if m.type == "lab_value"}
    assert got == {("anti-tissue transglutaminase antibodies", 86.0)}


def test_a_titre_with_a_unicode_comparator_is_read_and_never_fails_the_course() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 50-year-old woman was admitted. ANA was positive (≥1/640).")
    assert ("antinuclear antibodies", ">=", 640.0) in [(lab.test, lab.comparator, lab.value) for lab in course.labs]


def test_neuroimmunology_antibodies_bands_and_the_edss_are_catalogued() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 34-year-old woman was admitted. Serum AQP4-IgG was positive, "
                          "MOG-IgG was negative, and oligoclonal bands were absent. The EDSS was 6.0.")
    got = {(lab.test, lab.value, lab.interpretation) for lab in course.labs}
    assert {("aquaporin-4 IgG antibodies", None, "POS"), ("oligoclonal bands", None, "NEG")} <= got
    # a stated score is a StatedScore of the course (reading/scores.py), not a lab result
    assert [(x.name, x.value) for x in course.scores] == [("expanded disability status scale", 6.0)]
