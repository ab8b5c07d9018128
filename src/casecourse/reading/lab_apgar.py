"""Apgar scores with the minutes they are given for (round labqa12).

A newborn's Apgar scores are written as a list of scores and a list of minutes, paired by their order: "Apgar scores
of 8 and 9 at 1 and 5 minutes", "Apgar score at 1, 5 and 10 minutes was 6, 8 and 9", "1 min and 5 min Apgar scores
of 8 and 8", "7 at 1 min and 8 at 5 min", "8/9 at 1 and 5 minutes". Read number by number, the minutes were taken for
scores ("Apgar ... at 1, 5 and 10 minutes": scores of 1 and 5) and the scores after a weight for weights ("weighed
2680 g, with ... Apgar scores of 8 and 8"). Here each score is paired with its minute where both lists are as long
(one score for several minutes is that score at each: "9 at 1 and 5 minutes"); the score at 1, 5 or 10 minutes is its
own test (knowledge/labs.csv, LOINC 9272-6, 9274-2, 9271-8), at another minute or at none "apgar score". Lists that
do not pair ("7/10 and 8/10 at 1 min": twins, or a score out of 10) give no score, but their numbers are no other
test's values either. Every number read here (score or minute) is claimed: the lab reader reads none of them again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from casecourse.model import Mention
from casecourse.reading.labs_catalogue import catalogue
from casecourse.reading.timex_lexicon import ORDINAL_WORDS, alternation

__all__ = ["ApgarRead", "read_apgar"]

_SCORE = r"(?:10|[0-9])(?![\d.,]\d|\d)"
_SCORE_SEP = r"\s*(?:,\s*(?:and\s+)?|and\s+|/)\s*"
_SCORE_RUN = rf"{_SCORE}(?:\s*points?)?(?:{_SCORE_SEP}{_SCORE}(?:\s*points?)?)*"
_MIN_WORD = r"(?:-|\s)?\s*min(?:ute)?s?\b"
_MINUTE = rf"(?:the\s+)?(?:(?<![\w.,])\d{{1,2}}(?:\s?(?:st|th))?(?!\d)|\b{alternation(ORDINAL_WORDS)})"
_MIN_SEP = r"-?\s*(?:,\s*(?:and\s+)?|and\s+)\s*"  # (a hyphen left hanging: "1- and 5-minute")
_MIN_RUN = rf"{_MINUTE}(?:{_MIN_WORD})?(?:{_MIN_SEP}{_MINUTE}(?:{_MIN_WORD})?)*{_MIN_WORD}"
_AT = r"\s*,?\s*(?:at|after|in|on)\s+"
_LIFE = r"(?:\s+(?:of\s+life|after\s+birth|of\s+age))?"
# the name and the words that may stand before the first number
_NAME = r"\bapgar(?:'s|s)?(?:\s+(?:scores?|values?))?"
_LINK = r"(?:\s*(?:was|were|of|:|=|at\s+birth|,|recorded\s+as|(?:improved|increased|rose)\s+to|respectively|" \
        r"(?:were\s+)?noted\s+as)\s*)*"
# "8 and 9 at 1 and 5 minutes", repeated: "7 points at 1 minute, 8 points at 5 minutes and 9 at 10 minutes"
_GROUP = re.compile(rf"(?P<s>{_SCORE_RUN}){_AT}(?P<m>{_MIN_RUN}){_LIFE}", re.I)
_GROUP_RUN = rf"{_SCORE_RUN}{_AT}{_MIN_RUN}{_LIFE}"
_SCORES_FIRST = re.compile(rf"{_LINK}\s*{_GROUP_RUN}(?:{_MIN_SEP}{_GROUP_RUN})*", re.I)
# "at 1, 5 and 10 minutes was 6, 8 and 9"
_MINUTES_FIRST = re.compile(rf"{_AT}(?P<m>{_MIN_RUN}){_LIFE}{_LINK}(?P<s>{_SCORE_RUN})", re.I)
# scores at no minute: "Apgar scores were 2, 6 and 7", "Apgar scores of 1/8/9"
_PLAIN = re.compile(rf"{_LINK}(?P<s>{_SCORE_RUN})(?![\d/]|\s*(?:[-–]|to\b)\s*\d)", re.I)  # not "9–10": a range
# minutes before the name: "1 min and 5 min Apgar scores of 8 and 8", "first-minute Apgar score of 9"
_MINUTES_BEFORE = re.compile(rf"(?P<m>{_MIN_RUN})\s*$", re.I)
_NAME_RE = re.compile(_NAME, re.I)
_INT = re.compile(r"\d+")
_MINUTE_ITEM = re.compile(rf"\d{{1,2}}|{alternation(ORDINAL_WORDS)}", re.I)
_TESTS = {1: "apgar score at 1 minute", 5: "apgar score at 5 minutes", 10: "apgar score at 10 minutes"}


@dataclass
class ApgarRead:
    mentions: list[Mention]  # lab_value mentions of the scores read
    claimed: list[tuple[int, int]]  # spans whose numbers no other test takes


def _scores(text: str, start: int, end: int, minutes: int | None = None) -> list[tuple[int, int, int]] | None:
    """(value, start, end) of each score in text[start:end] (the words "point(s)" skipped). A score over 10 ("3/10
    and 6/10", "7/10 points at 5 min") is its first number; one such fraction with no minute, or with two, may be a
    pair of scores ("9/10": 9 and 10) or one out of 10: None (`minutes`: how many minutes the sentence names)."""
    groups: list[list[tuple[int, int, int]]] = [[]]
    at = start
    for m in _INT.finditer(text, start, end):
        if groups[-1] and "/" not in text[at:m.start()]:
            groups.append([])
        groups[-1].append((int(m.group()), m.start(), m.end()))
        at = m.end()
    if all(len(g) == 2 and g[1][0] == 10 for g in groups):
        if len(groups) > 1 or minutes == 1:
            return [g[0] for g in groups]
        return None
    return [x for g in groups for x in g]


def _minutes(text: str, start: int, end: int) -> list[int]:
    out = []
    for m in _MINUTE_ITEM.finditer(text, start, end):
        word = m.group().lower()
        out.append(int(word) if word.isdigit() else ORDINAL_WORDS[word])
    return out


def _mention(text: str, value: int, start: int, end: int, minute: int | None) -> Mention:
    test = catalogue()[_TESTS.get(minute, "apgar score") if minute is not None else "apgar score"]
    attrs = {"value": float(value), "value_high": None, "comparator": None, "unit": None, "ucum": None,
             "value_si": None, "unit_si": None, "test": test.name, "loinc": test.loinc}
    return Mention.model_construct(type="lab_value", start=start, end=end, text=text[start:end], norm=test.name,
                                   attrs=attrs)


def _paired(text: str, scores: list[tuple[int, int, int]] | None, minutes: list[int]) -> list[Mention] | None:
    if scores is None:
        return None
    if minutes and len(scores) == len(minutes):
        return [_mention(text, v, a, b, mi) for (v, a, b), mi in zip(scores, minutes, strict=True)]
    if minutes and len(scores) == 1:  # "9 at 1 and 5 minutes": the one score at each minute
        v, a, b = scores[0]
        return [_mention(text, v, a, b, mi) for mi in minutes]
    if not minutes:
        return [_mention(text, v, a, b, None) for v, a, b in scores]
    return None  # lists that do not pair: no score is read


def read_apgar(text: str, low: str | None) -> ApgarRead:
    """The Apgar scores of `text` and the spans of the numbers read for them. `low`: the text lower-cased
    (`rx_first.lower_text`), None where lower-casing changes the text's length ("İ"): then the scan decides."""
    out = ApgarRead([], [])
    if low is not None and "apgar" not in low:
        return out
    for name in _NAME_RE.finditer(text):
        before = _MINUTES_BEFORE.search(text, max(0, name.start() - 40), name.start())
        if before is not None and (m := _PLAIN.match(text, name.end())):
            minutes = _minutes(text, *before.span("m"))
            read = _paired(text, _scores(text, *m.span("s"), len(minutes)), minutes)
            out.claimed += [before.span("m"), m.span()]
        elif m := _SCORES_FIRST.match(text, name.end()):
            read = []
            for g in _GROUP.finditer(text, m.start(), m.end()):
                minutes = _minutes(text, *g.span("m"))
                part = _paired(text, _scores(text, *g.span("s"), len(minutes)), minutes)
                if part is None:
                    read = None
                    break
                read += part
            out.claimed.append(m.span())
        elif m := _MINUTES_FIRST.match(text, name.end()):
            minutes = _minutes(text, *m.span("m"))
            read = _paired(text, _scores(text, *m.span("s"), len(minutes)), minutes)
            out.claimed.append(m.span())
        elif m := _PLAIN.match(text, name.end()):
            read = _paired(text, _scores(text, *m.span("s"), 0), [])
            out.claimed.append(m.span())
        else:
            continue
        out.mentions += read or []
    return out
