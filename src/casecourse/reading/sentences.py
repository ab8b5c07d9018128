"""A fast rule-based sentence splitter (character offsets) for clinical prose."""
from __future__ import annotations

import re

from casecourse.reading.rx_first import anchored, literal_scan

_ABBREV = {"dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "approx", "fig", "figs", "no", "al", "etc", "ca", "cf",
           "resp", "st", "mt", "jr", "sr", "inc", "ltd", "dept", "univ", "vol", "pp", "ref", "refs", "min", "max"}
# `anchored`: a lookahead of the first characters lets `re` pass most positions at once (same matches)
_BOUNDARY = anchored(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
# the same spans by a scan that begins with the boundary's own characters (`re` skips to them in C)
_BOUNDARY_SCAN = literal_scan(_BOUNDARY) or _BOUNDARY
_LAST_WORD = re.compile(r"[\w.]++$")  # possessive: a run that does not reach the end cannot, shorter either
_WINDOW = 40  # longer than any abbreviation: a longer last word is not one, however it is cut


def split(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, whitespace-trimmed, covering the text in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_SCAN.finditer(text):
        if m.group(0)[0] == ".":
            # the last word before the full stop, searched in a short window (a search over the whole
            # sentence tries every position)
            word = _LAST_WORD.search(text, max(start, m.start() - _WINDOW), m.start())
            # one letter is an initial ("J. Smith"), unless a unit's denominator ("fibrinogen 1.1 g/L. Blood ...");
            # one digit is a number that ends its sentence ("on day 3. The rash ...")
            if word and (word.group(0).lower().rstrip(".") in _ABBREV
                         or (len(word.group(0)) == 1 and word.group(0).isalpha()
                             and text[word.start() - 1:word.start()] != "/")):
                continue
        _add(text, start, m.end(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        s = start + (len(seg) - len(seg.lstrip()))
        out.append((s, s + len(stripped)))
