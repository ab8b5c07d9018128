"""A reference interval in parentheses after a lab value is no citation (zoning.sentence_zone)."""
from casecourse.reading.zoning import sentence_zone


def test_reference_interval_after_value_keeps_the_sentence_in_the_narrative() -> None:
    s = "Repeat tests showed a ferritin of 2100 ng/mL (30–400) and an albumin of 2.1 g/dL (3.5–5.0)."
    assert sentence_zone(s, "narrative") == "narrative"


def test_numbered_citation_still_marks_literature() -> None:
    assert sentence_zone("Low ferritin predicts relapse after therapy (12–14).", "narrative") == "literature"
    assert sentence_zone("Ferritin above 10,000 ng/mL is typical [7].", "narrative") == "literature"


def test_superscript_citations_and_report_phrasing_mark_literature() -> None:
    assert sentence_zone("Solvents or infections may precipitate a relapse.12", "narrative") == "literature"
    assert sentence_zone("Earlier reports have suggested smoking as a trigger.", "narrative") == "literature"
    assert sentence_zone("Ferritin was 2300 ng/mL, shown in Fig.2 and Table 1.", "narrative") == "narrative"


def test_a_unit_without_slash_and_a_figure_list_cite_nothing() -> None:
    """"MCV 85.8 fL (75–87)": a value with a plain unit before a range gives its reference interval; "(Figs.2 and
    3)" points at figures. Neither is a citation of other work."""
    assert sentence_zone("Tests showed anaemia with an MCV of 85.8 fL (75–87) and a ferritin of 8 %(10–40).",
                         "narrative") == "narrative"
    assert sentence_zone("The resected gallbladder (Figs.2 and 3) held multiple small calculi.",
                         "narrative") == "narrative"
    assert sentence_zone("Similar cases were reported (14–16).", "narrative") == "literature"
