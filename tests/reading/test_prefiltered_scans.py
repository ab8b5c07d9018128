"""Whole-text patterns tried only where their matches can be (a capital M or F, the letters "fig"): the same matches
as the patterns' scan of the whole text."""
from __future__ import annotations

from casecourse.assembly.timeline_scan import _GLUED_LEGEND, _glued_legend_matches
from casecourse.reading.demographics import _SEX_LETTER, _sex_letters, find

_NOTE = ("Sex: F\nAge: 24 yo M, seen with a 67 y/o F (her sister).\nA 58-year-old F's MRI; 40 yo M/ 3 yo F-\n"
         "Gender :  M\nMarch: the MRI of a 12 yo M. Follow-up (6 yo F) and 7 y.o. F, then  Sex:\tM")
_ARTICLE = ("The rash spread to the trunk.Fig 1 Rash of the trunk at day 3.\nThe fever settled (day 5).Figure 2 "
            "Chest radiograph.\nSee fig. 3 and the FIGURE S4 legend.Fig.5 x, config 6).fig 7")


def test_sex_letters_as_the_whole_text_scan() -> None:
    got = [m.span() for m in _sex_letters(_NOTE)]
    assert got == [m.span() for m in _SEX_LETTER.finditer(_NOTE)]
    assert len(got) == 7  # not "F's", "M/" nor "F-", nor a "Sex:" inside a line
    assert [m.norm for m in find(_NOTE) if m.text in ("M", "F")][:3] == ["female", "male", "female"]


def test_glued_legends_as_the_whole_text_scan() -> None:
    got = [m.span() for m in _glued_legend_matches(_ARTICLE)]
    assert got == [m.span() for m in _GLUED_LEGEND.finditer(_ARTICLE)]
    assert len(got) == 4  # not "See fig. 3", "the FIGURE S4" nor "config 6"
    dotless = _ARTICLE.replace("Fig 1", "FİG 1")  # a capital dotted I lowers to two characters: the whole scan
    assert [m.span() for m in _glued_legend_matches(dotless)] == [m.span() for m in _GLUED_LEGEND.finditer(dotless)]


def test_last_sentence_stop_from_the_end_as_the_scan() -> None:
    from casecourse.reading.drug_context import _SENTENCE_STOP, _after_last_stop

    def scanned(text: str, lo: int, hi: int) -> int:
        for m in _SENTENCE_STOP.finditer(text, lo, hi):
            lo = m.end()
        return lo

    texts = ["MICs were as follows: ampicillin 2.5 mg/L.\nCefotaxime. 0.5; x.y", "a.\nb", "..  \n.\n", "a\n. b",
             "3.5 mg.\n\n. .", "end.", "a.\u00a0b"]
    pairs = [(t, lo, hi) for t in texts for lo in range(len(t) + 1) for hi in range(lo, len(t) + 1)]
    assert [_after_last_stop(*p) for p in pairs] == [scanned(*p) for p in pairs]
    assert _after_last_stop(texts[0], 0, len(texts[0])) == texts[0].index("0.5")
