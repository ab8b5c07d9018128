"""Round labqa12: Apgar scores paired with the minutes they are given for, and other misreadings of running text
(invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text("Case presentation\nA woman in labour was admitted at term.\n" + text, assess=False)


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in _course(text).labs]


def _apgar(text: str) -> list[tuple[str, float | None]]:
    return [(test, value) for test, value, _, _ in _labs(text) if test.startswith("apgar")]


def test_minutes_listed_after_the_name_are_no_scores() -> None:
    apgar = _apgar("A girl was born, and her Apgar score at 1, 5 and 10 minutes was 6, 9 and 10, respectively.")
    assert apgar == [("apgar score at 1 minute", 6.0), ("apgar score at 5 minutes", 9.0),
                     ("apgar score at 10 minutes", 10.0)]


def test_scores_then_minutes_are_paired_in_order() -> None:
    apgar = _apgar("The boy cried at once, with Apgar scores of 7 and 9 at 1 and 5 min.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_scores_after_a_weight_are_no_weights() -> None:
    labs = _labs("The infant weighed 3150 g, with 1 min and 5 min Apgar scores of 9 and 10, respectively.")
    assert ("body weight", 3150.0, "g", None) in labs
    assert not [lab for lab in labs if lab[0] == "body weight" and lab[1] in (9.0, 10.0)]
    assert [lab[:2] for lab in labs if lab[0].startswith("apgar")] == [
        ("apgar score at 1 minute", 9.0), ("apgar score at 5 minutes", 10.0)]


def test_each_score_at_its_own_minute() -> None:
    course = _course("Apgar scores were 4 at 1 minute and 7 at 5 minutes, and the baby was ventilated.")
    assert [(lab.test, lab.value) for lab in course.labs if lab.test.startswith("apgar")] == [
        ("apgar score at 1 minute", 4.0), ("apgar score at 5 minutes", 7.0)]
    assert not [s for s in course.scores if s.name == "apgar score"]  # not also a score at no minute


def test_scores_written_as_a_fraction_with_their_minutes() -> None:
    apgar = _apgar("Her Apgar score was 7/9 at 1 and 5 minutes after delivery.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_minutes_written_as_ordinals() -> None:
    apgar = _apgar("His Apgar values were 5 and 8 in the first and fifth minutes of life.")
    assert apgar == [("apgar score at 1 minute", 5.0), ("apgar score at 5 minutes", 8.0)]


def test_lists_that_do_not_pair_give_no_score() -> None:
    labs = _labs("Twins were delivered with Apgar scores of 6/10 and 9/10 at 1 min, weighing 1.9 kg and 2.1 kg.")
    assert not [lab for lab in labs if lab[0].startswith("apgar")]
    weights = [lab[:3] for lab in labs if lab[0] == "body weight"]
    assert weights == [("body weight", 1.9, "kg"), ("body weight", 2.1, "kg")]


def test_apgar_codes_by_minute() -> None:
    course = _course("Apgar scores were 8 and 9 at 1 and 5 minutes.")
    codes = [c.code for lab in course.labs for c in lab.codings]
    assert codes == ["9272-6", "9274-2"]


def test_an_apgar_score_after_a_decimal_takes_no_minute_from_it() -> None:
    apgar = _apgar("The cord pH was 7.251, and the 5-min Apgar score was 8 despite the meconium.")
    assert apgar == [("apgar score at 5 minutes", 8.0)]


def test_an_apgar_range_stays_a_range() -> None:
    labs = [lab for lab in _course("The Apgar score was 8–9, and the baby fed well.").labs
            if lab.test.startswith("apgar")]
    assert [(lab.test, lab.value, lab.value_high) for lab in labs] == [("apgar score", 8.0, 9.0)]


def test_minutes_with_a_hanging_hyphen_before_the_name() -> None:
    apgar = _apgar("She was vigorous, with 1- and 5-minute Apgar scores of 7 and 9, respectively.")
    assert apgar == [("apgar score at 1 minute", 7.0), ("apgar score at 5 minutes", 9.0)]


def test_a_score_out_of_ten_is_its_first_number() -> None:
    apgar = _apgar("The second twin was delivered by caesarean section and her Apgar score at 5 min was 8/10 points.")
    assert apgar == [("apgar score at 5 minutes", 8.0)]

