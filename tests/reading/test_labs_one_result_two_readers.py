"""One result word read by the work-up reader and the catalogue is one result; a result is not carried to a test
that states its own; a CMV PCR, antigenemia or DNA load is no CMV serology. Every sentence here is invented."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, str | None]]:
    return sorted((lab.test, lab.interpretation) for lab in analyze_text(text, assess=False).labs)


def test_virus_pcr_list_is_one_result_per_test() -> None:
    labs = _labs("Blood cultures, EBV and CMV PCR were negative.")
    assert labs == [("Epstein-Barr virus PCR", "NEG"), ("blood culture", "NEG"), ("cytomegalovirus PCR", "NEG")]


def test_result_not_carried_to_a_test_with_its_own_result() -> None:
    labs = _labs("CMV PCR was negative and EBV IgM was positive.")
    assert ("Epstein-Barr virus IgM antibodies", "POS") in labs
    assert not [t for t, i in labs if "ebv" in t.lower() and i == "NEG"]


def test_result_still_carried_to_a_test_without_one() -> None:
    assert ("anti-la/ssb antibodies", "POS") in _labs("Anti-Ro was positive and anti-La.")


def test_cmv_tests_are_not_serology() -> None:
    assert _labs("A repeat CMV antigenemia test was positive.") == [("cytomegalovirus antigen", "POS")]
    assert _labs("CMV PCR was negative.") == [("cytomegalovirus PCR", "NEG")]
    course = analyze_text("CMV DNA was 12,000 copies/mL.", assess=False)
    assert [(lab.test, lab.value, lab.unit) for lab in course.labs] == [
        ("cytomegalovirus viral load", 12000.0, "copies/mL")]


def test_result_takes_the_date_right_after_it() -> None:
    course = analyze_text("She started anakinra on 2 April 2021. Her fever settled within 48 hours and ferritin fell "
                          "to 3,100 ug/L by 16 April.", assess=False)
    assert [(lab.test, lab.time.point) for lab in course.labs] == [("ferritin", "2021-04-16")]
