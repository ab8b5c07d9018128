"""Round labqa3: qualitative and serology results (name variants, "tested negative for ..."), reference intervals
read as results, and abnormalities told as they resolve. Every sentence here is invented."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.labs import find_labs
from casecourse.reading.workup import find as find_workup


def _q(text: str) -> set[tuple[str, str]]:
    return {(m.attrs["test"], m.attrs["interpretation"]) for m in find_labs(text)
            if m.type == "lab_value" and m.attrs.get("interpretation") and m.attrs.get("value") is None}


def _values(text: str) -> list[tuple[str, float]]:
    return [(m.attrs["test"], m.attrs["value"]) for m in find_labs(text)
            if m.type == "lab_value" and m.attrs.get("value") is not None]


def _workup(text: str) -> set[tuple[str, str]]:
    return {(str(m.attrs["test"]), str(m.attrs["interpretation"])) for m in find_workup(text)}


def _course_labs(text: str) -> set[tuple[str, str | None]]:
    return {(lab.test, lab.interpretation) for lab in analyze_text(text, assess=False).labs}


def test_serology_name_variants() -> None:
    assert ("antinuclear antibodies", "NEG") in _q("Her anti-nuclear Ab screen came back negative.")
    assert ("anti-rnp antibodies", "POS") in _q("Anti-ribonuclear protein antibodies were strongly positive.")
    assert ("direct antiglobulin test", "NEG") in _q("A Coomb's test was negative on admission.")
    assert ("anti-beta2-glycoprotein I antibodies", "NEG") in _q(
        "Anti-beta2-glycoprotein 1 antibodies and anticardiolipin were negative.")
    assert ("troponin", "POS") in _q("CK was elevated, and troponin-T was positive on arrival.")
    assert ("anti-beta2-glycoprotein I antibodies", "NEG") in _q(
        "The panel (anticardiolipin and antiβ2-glycoprotein I) was negative.")


def test_fecal_occult_blood_is_its_own_test() -> None:
    assert ("fecal occult blood", "POS") in _q("Her faecal occult blood test was positive twice.")
    # "blood" at the end of the test's name is no specimen tested: no generic "blood test"
    assert not any(t == "blood test" for t, _ in _workup("The stool sample was positive for occult blood."))
    # a volume is no result of a qualitative test
    assert not any(t == "fecal occult blood" for t, _ in _values(
        "He passed melena with a positive occult blood test, about 500 mL in all."))


def test_thrombophilia_screen_members() -> None:
    got = _q("Antithrombin, protein C activity and free protein S antigen were in the normal range.")
    assert {("antithrombin activity", "N"), ("protein C activity", "N"), ("protein S", "N")} <= got


def test_more_ways_of_saying_normal() -> None:
    assert ("creatinine", "N") in _q("Urea and creatinine were in a normal range on day 2.")
    # a vague "serology" inside a list does not cut the list from its result
    got = _q("Liver function tests, serology, and urinalysis were all within normal limits.")
    assert ("urinalysis", "N") in got and ("alanine aminotransferase", "N") in got


def test_tested_negative_for_organisms() -> None:
    got = _workup("She tested negative for hepatitis B and HIV before the transplant.")
    assert ("hepatitis B virus test", "NEG") in got and ("hiv serology", "NEG") in got
    assert any(i == "POS" and "sars-cov-2" in t.lower() for t, i in _workup("He was confirmed positive for COVID-19."))
    # spaced and lay names of the viruses
    got = _workup("A rapid antigen test was negative for SARS CoV-2 and flu A.")
    assert any("sars-cov-2" in t.lower() for t, _ in got) and any("influenza" in t for t, _ in got)


def test_tested_for_needs_no_test_named_before() -> None:
    # the culture named before tested the organism: no separate organism test
    assert {t for t, _ in _workup("Urine cultures were positive for Klebsiella pneumoniae.")} == {"urine culture"}
    assert not _workup("The review of systems was negative for fever and cough.")


def test_reference_interval_labels() -> None:
    assert [t for t, _ in _values("Her ALT was 91 U/L (normal< 35 U/L).")] == ["alanine aminotransferase"]
    assert [v for _, v in _values("IL-6 was 12 pg/mL (normal range ＜ 7 pg/mL).")] == [12.0]
    assert [v for _, v in _values("Ferritin was 820 ng/mL (normal range [NR]: 20-300 ng/mL).")] == [820.0]
    assert [v for _, v in _values("Lipase was 400 U/L (upper limit value: 60 U/L).")] == [400.0]
    # a label heading a list of intervals, each named by its test
    assert _values("Reference values: ALT < 35 U/L, AST < 32 U/L.") == []
    assert [v for _, v in _values("ALT was 88 U/L. Normal ranges: ALT < 35 U/L, AST < 32 U/L.")] == [88.0]


def test_an_abnormality_named_as_it_resolves_is_no_result() -> None:
    assert ("sodium", "L") not in _course_labs("She improved, with resolution of her hyponatremia by day 4.")
    assert ("potassium", "H") not in _course_labs("The hyperkalemia was corrected with insulin and glucose.")
    assert ("platelets", "L") in _course_labs("She was admitted with thrombocytopenia.")


def test_a_comma_before_the_copula_keeps_the_list_with_its_result() -> None:
    got = _q("Further tests, including electrolytes and urinalysis, were all within normal limits.")
    assert ("urinalysis", "N") in got and ("sodium", "N") in got
    # a comma before another attributive result word starts another item
    assert ("c-reactive protein", "H") not in _q("We noted CRP, elevated ferritin and low albumin.")
