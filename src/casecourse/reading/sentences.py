"""A fast rule-based sentence splitter (character offsets) for clinical prose."""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.reading.rx_first import anchored, literal_scan
from casecourse.reading.rx_keys import reversed_text
from casecourse.reading.timex_lexicon import alternation

_ABBREV = {"dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "approx", "fig", "figs", "no", "al", "etc", "ca", "cf",
           "resp", "st", "mt", "jr", "sr", "inc", "ltd", "dept", "univ", "vol", "pp", "ref", "refs", "min", "max"}
# `anchored`: a lookahead of the first characters lets `re` pass most positions at once (same matches)
# a citation may stand right after the full stop: ".[1] We report", "therapy.56 Microvascular", "in 2011.6 Since then",
# ".[78910] Here" (a list of references printed without its commas)
# (digits glued to a word's full stop are a reference's number; a decimal has a digit before its point)
# (?<![.!?]): a boundary starts at the first mark of a run ("..."); what matches from inside a run matches from its
# start, and without it a long run of dots costs a try per dot, each as long as the run (quadratic)
_BOUNDARY = anchored(r"(?<![.!?])[.!?]+"
                     r"(?:\[\d{1,6}(?:\s*[,\u2013-]\s*\d{1,3})*\]|(?<=[a-z]\.)\d{1,3}(?:[,\u2013-]\d{1,3})*)?"
                     r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
# the same spans by a scan that begins with the boundary's own characters (`re` skips to them in C)
_BOUNDARY_SCAN = literal_scan(_BOUNDARY) or _BOUNDARY
_RUN = re.compile(r"[\w.]+")  # a word with its full stops ("e.g"), read backwards from its end by `_last_word`
# what stands before a list item's number: nothing, a line break or punctuation
_ENUMERATOR_BEFORE = re.compile(r"(?:^|[\n:;,.()]\s*)$")
_LIST_OPENS = re.compile(r"(?:^|[\n:;,.()])\s*1\.\s")  # a list's first item: "...: 1. fever"
# (the space may be a no-break or thin one, as typeset case reports write "48\u00a0h": docqa10)
_UNIT_LETTER_BEFORE = re.compile(r"(?:[°º]|\d[ \u00a0\u2009\u202f]?)$")  # before a letter that is a unit: "°C", "38 C"
_WINDOW = 40  # longer than any abbreviation: a longer last word is not one, however it is cut
# a line that ends with a word no sentence ends with (a conjunction, a preposition, an article) or a comma: the next
# line, when it opens in lower case, goes on with the same sentence
_WRAPPED = re.compile(r"(?:\b(?:or|and|nor|of|the|a|an|with|without|to|for|in|by)|,)[ \t]*\Z")


# a line of prose wrapped at a fixed width (a letter or a note printed with hard line breaks): long, no table cells,
# ending on a word or a number ("... Her mother\nhad systemic lupus erythematosus": one sentence, the mother's disease)
_PROSE_LINE = 60


def _wrapped_prose(text: str, at: int) -> bool:
    """Whether the line ending at `at` (a single line break, the next line opening in lower case) is prose wrapped
    inside its sentence: at least `_PROSE_LINE` characters, no tab, ending on a letter or a digit ("... and 640\nug/L
    on 20 May"; documents QA round docqa11)."""
    line_start = text.rfind("\n", 0, at) + 1
    return at - line_start >= _PROSE_LINE and text[at - 1:at].isalnum() and "\t" not in text[line_start:at]



# a number opening the next line that is no list item's ("3. ", "3) ")
_NUMBER_GOES_ON = re.compile(r"(?!\d{1,3}[.)](?:\s|$))\d")


def _wrapped_before_number(text: str, at: int) -> bool:
    """A wrapped prose line ending on a word in lower case, the next line opening with a number that is not a list
    item's: "... admitted\n09/12/2023 to medicine", "simvastatin\n20 mg/d"."""
    return text[at - 1:at].islower() and _wrapped_prose(text, at) and _NUMBER_GOES_ON.match(text, at + 1) is not None


def split(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, whitespace-trimmed, covering the text in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_SCAN.finditer(text):
        if m.group(0)[0] == ".":
            # the last word before the full stop, searched in a short window (a search over the whole
            # sentence tries every position)
            word = _last_word(text, max(start, m.start() - _WINDOW), m.start())
            # one letter is an initial ("J. Smith"), unless a unit's denominator ("fibrinogen 1.1 g/L. Blood ...");
            # one digit after a word is a number that ends its sentence ("on day 3. The rash ..."), one that opens
            # a line or follows punctuation numbers a list item ("criteria: 1. Fever 2. Rash")
            # a degree sign or a number before one letter makes it a unit ("38.6 °C. Prednisolone", "38.4 C.")
            # a capital letter that completes a name before it ("amphotericin B. A week later") ends its sentence
            if word and (word[1].lower().rstrip(".") in _ABBREV
                         or (len(word[1]) == 1 and text[word[0] - 1:word[0]] != "/"
                             and not _UNIT_LETTER_BEFORE.search(text, max(start, word[0] - 3), word[0])
                             and (not word[1].isdecimal() or _list_number(text, start, word[0]))
                             and not (word[1].isupper() and _letter_name().search(text, max(start, word[0] - 40),
                                                                                   word[0])))):
                continue
        elif m.group(0)[0] == "\n" and m.end() - m.start() == 1 and (text[m.end():m.end() + 1].islower() and (
                _WRAPPED.search(text, max(start, m.start() - 6), m.start()) or _wrapped_prose(text, m.start()))
                or _wrapped_before_number(text, m.start())):
            continue  # a line wrapped inside a sentence: "no signs of clinical or\nhaematological relapse" (condqa10)
        _add(text, start, m.end(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


@cache
def _letter_name() -> re.Pattern:
    """A word that a capital letter after it completes as one name ("amphotericin B", "vitamin K", "hepatitis C";
    knowledge/letter_names.csv), right before that letter."""
    words = alternation(r["word"] for r in table("letter_names.csv"))
    # the last letter of a series after the name completes it too: "influenza A and B", "hepatitis B, C and D",
    # "vitamins D and E" (docqa9)
    series = r"(?:(?-i:[A-Z])\d?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*))*"
    return re.compile(rf"(?<![\w-])(?:{words})s?\s{series}$", re.I)


def _last_word(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    """(start, text) of `re.compile(r"[\\w.]++$").search(text, lo, hi)`: the run of word characters and full stops
    that ends at `hi` (or right before a line break ending the window, where `$` matches too), from `lo` at the
    earliest. One match over the reversed text (kept for the document, `rx_keys.reversed_text`) from the run's end,
    where the search tried its pattern at every position of the window."""
    end = hi - 1 if hi > lo and text[hi - 1] == "\n" else hi
    n = len(text)
    run = _RUN.match(reversed_text(text), n - end, n - lo)
    if run is None:
        return None
    begin = n - run.end()
    return begin, text[begin:end]


def _list_number(text: str, start: int, pos: int) -> bool:
    """Whether the digit at `pos` numbers a list item: it opens a line or follows punctuation, or the item numbered
    one less stands shortly before it in a list opened by "1." ("criteria: 1. fever 2. rash"; not "on day 2. ...
    on day 3.")."""
    if _ENUMERATOR_BEFORE.search(text, max(start, pos - 4), pos):
        return True
    window = text[max(0, pos - 200):pos]
    n = int(text[pos])
    return n > 1 and _LIST_OPENS.search(window) is not None and re.search(rf"(?<![\w.]){n - 1}\.\s", window) is not None


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        s = start + (len(seg) - len(seg.lstrip()))
        out.append((s, s + len(stripped)))
