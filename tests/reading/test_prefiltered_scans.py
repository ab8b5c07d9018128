"""Whole-text patterns tried only where their matches can be (the letters "fig"), and a sentence's last stop found
from the end: the same answers as the patterns' scan of the whole text. (The sex-letter scan's twin is speed5's,
tests/reading/test_speed5_scans.py.)"""
from __future__ import annotations

from casecourse.assembly.timeline_scan import _GLUED_LEGEND, _glued_legend_matches

_ARTICLE = ("The rash spread to the trunk.Fig 1 Rash of the trunk at day 3.\nThe fever settled (day 5).Figure 2 "
            "Chest radiograph.\nSee fig. 3 and the FIGURE S4 legend.Fig.5 x, config 6).fig 7")


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
