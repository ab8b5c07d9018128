"""Letters that case-insensitive matching equates with an ASCII letter (a Turkish keyboard's dotless i, a long s,
the Kelvin sign, a dotted capital I) must not break a reader that looks its match up by lower case."""
from casecourse.api import analyze_text
from casecourse.reading.pipeline import fold_case_twins, read_mentions


def test_folding_keeps_length_and_leaves_plain_text_alone() -> None:
    text = "She was given heparin by continuous infusıon; temperature 310 \u212a. İleum biopsy."
    folded = fold_case_twins(text)
    assert len(folded) == len(text)
    assert "infusion" in folded and "310 K" in folded and "Ileum" in folded
    plain = "No such letters here."
    assert fold_case_twins(plain) is plain


def test_a_dotless_i_inside_an_english_word_is_read_not_fatal() -> None:
    text = ("A 40-year-old man was given methylprednisolone by intravenous infusıon, and it was contınued "
            "for 3 days.")
    routes = [m for m in read_mentions(text) if m.type == "route"]
    assert routes and routes[0].norm
    course = analyze_text(text)
    assert [x.route for x in course.exposures if x.drug == "methylprednisolone"] == ["intravenous"]
