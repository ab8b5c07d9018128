"""Round labqa4: a list cut by semicolons up to its shared result, a result word heading the tests it names, and
progressive change words read as trends, not levels (invented sentences)."""
from __future__ import annotations

from casecourse.reading.labs import find_labs
from casecourse.reading.workup import find


def _q(text: str) -> set[tuple[str, str]]:
    return {(m.attrs["test"], m.attrs["interpretation"]) for m in find_labs(text)
            if m.type == "lab_value" and m.attrs.get("interpretation") and m.attrs.get("value") is None}


def test_semicolon_list_shares_the_result_phrase_after_it() -> None:
    got = {m.attrs["test"]: m.attrs["interpretation"] for m in find(
        "Pleural fluid Gram stain; cultures for bacteria and fungi; VZV PCR; and cryptococcal antigen, all of which "
        "were negative.")}
    assert got.get("bacterial culture") == "NEG" and got.get("fungal culture") == "NEG"
    assert got.get("varicella zoster virus PCR") == "NEG"


def test_semicolon_still_ends_a_clause_without_a_shared_result() -> None:
    got = {m.attrs["test"]: m.attrs["interpretation"] for m in find(
        "Blood cultures grew E. coli; urine culture was negative.")}
    assert got == {"blood culture": "POS", "urine culture": "NEG"}


def test_result_word_heading_a_list_of_tests() -> None:
    got = _q("The labs within normal limits included platelet count and differential, ferritin, "
             "mean corpuscular volume (MCV), and PTT; the swab was negative.")
    assert {("platelets", "N"), ("ferritin", "N"), ("mean corpuscular volume", "N"),
            ("activated partial thromboplastin time", "N")} <= got
    assert ("alanine aminotransferase", "H") in _q("Laboratory values that were elevated were ALT and AST.")


def test_a_result_before_a_comma_and_including_is_said_of_each_test_after_it() -> None:
    got = _q("Her blood tests were normal, including sodium, creatinine and C-reactive protein.")
    assert {("sodium", "N"), ("creatinine", "N"), ("c-reactive protein", "N")} <= got
    got = _q("Laboratory results were abnormal, including ferritin and triglycerides.")
    assert {("ferritin", "A"), ("triglycerides", "A")} <= got


def test_progressive_change_word_is_no_level() -> None:
    assert _q("Over three days he had steadily decreasing troponin-I and BNP.") == set()
    assert _q("His platelets were falling despite transfusion.") == set()
    assert ("platelets", "L") in _q("Decreased platelets were noted.")


def test_a_neutrophil_share_told_as_a_shift_or_predominance_is_the_neutrophils() -> None:
    from casecourse.reading.labs import find_labs
    text = "The white cell count was 12,400/uL with a neutrophilic shift of 81%."
    got = {(m.attrs.get("test"), m.attrs.get("value")) for m in find_labs(text) if m.attrs.get("value") is not None}
    assert ("neutrophils", 81.0) in got and ("leukocytes", 81.0) not in got


def test_a_value_reached_after_a_change_word_is_the_same_tests() -> None:
    from casecourse.reading.labs import find_labs
    for text in ("Her haemoglobin was 11.9 g/dL, dropping to 6.8 g/dL after the bleed.",
                 "Creatinine was 2.9 mg/dL and declined to 1.1 mg/dL by discharge."):
        tests = [m.attrs.get("test") for m in find_labs(text) if m.type == "lab_value"]
        assert len(tests) == 2 and tests[0] == tests[1] is not None
