"""Results written as signs or attached words, and trend verbs before a value:
"CD31 (+)", "P53 (–)", "GST-π (+++)", "the organism was catalase-negative, ...", "platelets dropped to 10",
"haemoglobin fell from 14.8 to 6.7 g/dL", "revealed normal cardiac dimensions".

All are `test_result` mentions (no test named; `attrs["interpretation"]` POS/NEG for signs and suffixes,
`attrs["trend"]` up/down for trend words, vocabulary in `knowledge/trend_words.csv`; a trend word states a result
when a value or a measure follows it, or when a named test is its subject: "platelet counts had risen gradually").
A "-positive" or "-negative" suffix counts only when it ends its phrase (before a comma, a full stop, a semicolon,
"and" or a closing parenthesis): "gram-positive cocci" describes the cocci, "catalase-negative," states a result.
An attributive "normal" before a noun is a result (interpretation N) unless the noun names a reference, a
solution or a comparison group (`knowledge/result_attributive.csv`: "normal range", "normal saline").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.labs_catalogue import find_tests
from casecourse.reading.rx_first import anchored, finditer, lower_text
from casecourse.reading.rx_keys import may_hold, starting_with

# a sign in parentheses right after a name: "CD31 (+)", "HER-2 (++)", "P53 (–)"
_SIGN = anchored(r"(?<=[\w)]\s)\((?P<sign>\+{1,3}|[-−–])\)(?![\w-])")
_SIGN_OPENINGS = ("(+", "(-", "(−", "(–")  # how every match of _SIGN begins
# ... unless it coordinates with another hyphenated describing word before a noun: "COX-positive and COX-deficient
# fibers", "filamentous, gram-positive, weakly acid-fast, and beaded bacilli" (the organism's morphology)
_SUFFIX = anchored(r"(?<=\w-)(?P<word>negative|positive)(?=\s*(?:[,;)]|\.(?:\s|$)|\band\b))"
                   r"(?!\s+(?:and|or)\s+\w+-\w+\s+[a-z])(?!,\s+(?:\w+ly\s+)?\w+-(?!positive|negative)\w+\b)", re.I)
_SUFFIX_WORDS = ("negative", "positive")  # how every match of _SUFFIX begins


@cache
def _trend() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = table("trend_words.csv")
    words = {r["word"].lower(): r["trend"] for r in rows}
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    rx = anchored(rf"\b(?P<word>{alt})(?![\w-])(?P<target>(?:\s+\w+ly)?\s+\(?(?:to|from|in|of)\b)?", re.I)
    return rx, words


# a named test as the trend verb's subject, read backwards from the verb: "platelet counts had risen gradually",
# "the closure time had gone down", "haemoglobin declined"
_SUBJECT_GAP = re.compile(r"(?:\s+(?:levels?|counts?|values?|concentrations?|titers?|titres?))?"
                          r"(?:\s+(?:had|has|have|was|were|is|are|then|also|further|again|gradually|\w+ly))*\s+$", re.I)


def _after_test(text: str, start: int, test_ends: list[int]) -> bool:
    """Whether the last test name before `start` ends where only its subject's filler words stand between."""
    i = bisect_right(test_ends, start) - 1
    return i >= 0 and start - test_ends[i] <= 48 and _SUBJECT_GAP.match(text, test_ends[i], start) is not None


@cache
def _attributive() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The pattern of an attributive result word, and those words in lower case (every match begins with one)."""
    rows = table("result_attributive.csv")
    words = "|".join(re.escape(r["word"]) for r in rows if r["kind"] == "word")
    stop = "|".join(re.escape(r["word"]) for r in rows if r["kind"] == "not_before")
    return (anchored(rf"(?<![(\[])(?<!\bthe )(?<!\bof )\b(?P<word>{words})(?= (?!(?:{stop})\b)[a-zA-Z])", re.I),
            tuple(r["word"].lower() for r in rows if r["kind"] == "word"))


def find(text: str) -> list[Mention]:
    """Sign, suffix and trend-word results of `text`, in order."""
    out: list[Mention] = []
    low = lower_text(text)
    # each scan only where the text holds what every match holds: a sign in parentheses, a hyphenated result word
    for m in _SIGN.finditer(text) if any(p in text for p in _SIGN_OPENINGS) else ():
        s, e = m.span("sign")
        interp = "POS" if m.group("sign").startswith("+") else "NEG"
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": interp, "test": None, "rule": "sign"}))
    # (every match of _SUFFIX begins with its word: the pattern is tried only where one begins, rx_keys.starting_with)
    for m in starting_with(_SUFFIX, text, _SUFFIX_WORDS, lower=True) \
            if may_hold(low, 0, len(text), ("-negative", "-positive")) else ():
        s, e = m.span("word")
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": "POS" if m.group("word").lower() == "positive" else "NEG",
                                  "test": None, "rule": "suffix"}))
    rx, words = _trend()
    test_ends: list[int] | None = None
    for m in finditer(rx, text):  # by its twin over the lower-cased text once warm (`rx_first.finditer`)
        s, e = m.span("word")
        if m.group("target") is None:  # no "to"/"from"/"in"/"of" after it: a result only of a named test before it
            if test_ends is None:
                test_ends = sorted(h.end for h in find_tests(text))
            if not _after_test(text, s, test_ends):
                continue
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": None, "trend": words[m.group("word").lower()], "test": None,
                                  "rule": "trend"}))
    attributive, attributive_words = _attributive()
    for m in starting_with(attributive, text, attributive_words, lower=True):  # where one of its words begins
        s, e = m.span("word")
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": "N", "test": None, "rule": "attributive"}))
    out.sort(key=lambda x: (x.start, x.end))
    return out
