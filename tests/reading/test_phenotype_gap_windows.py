"""The scan for terms a degree or side word interrupts runs only in windows around those words
(`phenotypes._gap_windows`): it must find exactly what a scan of the whole selection finds, in the same order.
Example sentences are our own."""
from __future__ import annotations

from itertools import compress, count
from operator import not_

from casecourse.reading import phenotypes as ph
from casecourse.reading.lexicon_index import load_index
from casecourse.reading.lexicon_norm import Tokens

_FILLER = "The patient was reviewed in clinic and the family gave a history. "
_TEXTS = [
    "Neonatal severe hypotonia was seen, with hypoplasia of the left optic nerve.",
    _FILLER * 6 + "She had severe hypotonia and marked left ventricular hypertrophy. " + _FILLER * 3
    + "A right severe optic nerve hypoplasia, mild bilateral hearing loss and left renal agenesis were found.",
    "left " * 40 + "optic nerve hypoplasia",
    "Hypoplasia of the left optic nerve, severe hypotonia, " * 5,
]


def _whole_selection(text: str) -> list[tuple[int, int, int]]:
    """The interrupted-term scan over every kept token (what `_candidates` did before the windows)."""
    index, toks = load_index(), Tokens(text)
    keys = toks.keys
    pos = list(compress(count(), map(not_, map(ph._inserted().__contains__, keys))))
    return ph._scan(index, toks, text, list(map(keys.__getitem__, pos)), pos)


def _windowed(text: str) -> list[tuple[int, int, int]]:
    index, toks = load_index(), Tokens(text)
    keys = toks.keys
    pos = list(compress(count(), map(not_, map(ph._inserted().__contains__, keys))))
    out = []
    for lo, hi in ph._gap_windows(pos, ph._max_words(index)):
        out += ph._scan(index, toks, text, list(map(keys.__getitem__, pos[lo:hi])), pos[lo:hi])
    return out


def test_windows_find_what_the_whole_selection_finds():
    found_any = False
    for text in _TEXTS:
        whole = _whole_selection(text)
        assert _windowed(text) == whole
        found_any = found_any or bool(whole)
    assert found_any  # the texts do hold interrupted terms


def test_windows_are_disjoint_ordered_and_cover_each_gap():
    pos = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 40, 41]
    windows = ph._gap_windows(pos, 4)
    assert all(a < b for a, b in windows)
    assert all(windows[i][1] < windows[i + 1][0] for i in range(len(windows) - 1))
    for j in (2, 19, 21):  # the kept tokens a left-out word follows
        assert pos[j + 1] - pos[j] > 1
        assert any(lo <= max(0, j - 2) and min(len(pos), j + 4) <= hi for lo, hi in windows)  # each run of <= 4
    assert ph._gap_windows(list(range(10)), 4) == []  # nothing left out: nothing to scan


def test_longest_key_bounds_the_window():
    assert ph._max_words(load_index()) >= 2


def test_selections_from_the_left_out_tokens_are_the_windows_of_the_kept_ones():
    """`_gap_selections` computes `pos[lo:hi]` of each `_gap_windows` window from the left-out tokens alone."""
    import random

    rnd = random.Random(5)
    for _ in range(3000):
        n, longest = rnd.randint(1, 50), rnd.randint(1, 8)
        out = [rnd.random() < 0.2 for _ in range(n)]
        pos = [i for i in range(n) if not out[i]]
        left_out = [i for i in range(n) if out[i]]
        want = [pos[lo:hi] for lo, hi in ph._gap_windows(pos, longest)]
        assert ph._gap_selections(left_out, n, longest) == want, (out, longest)
