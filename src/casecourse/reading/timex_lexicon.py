"""Vocabulary for time expressions, loaded from `knowledge/timex_lexicon.json`, and the regex
fragments and number parsing built from it. Kept apart so the grammar in `timex.py` stays short."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources


@cache
def lexicon() -> dict:
    """The JSON vocabulary (months, numbers, units, anchors, vague relations, frequencies)."""
    path = resources.files("casecourse.knowledge").joinpath("timex_lexicon.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _data(section: str) -> dict:
    """A lexicon section without its `_note` entry."""
    return {k: v for k, v in lexicon()[section].items() if not k.startswith("_")}


def alternation(words, escape: bool = True) -> str:
    """A regex alternation, longest first so that `a few` wins over `a`."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") if escape else w for w in items)


MONTHS: dict[str, int] = _data("months")
SEASONS: dict[str, str] = _data("seasons")
NUMBER_WORDS: dict[str, float] = _data("number_words")
ORDINAL_WORDS: dict[str, int] = _data("ordinal_words")
VAGUE_QUANTITIES: dict[str, list[float]] = _data("vague_quantities")
UNITS: dict[str, list] = _data("units")
UNIT_DAYS: dict[str, float] = _data("unit_days")
RELATION_WORDS: dict[str, str] = _data("relation_words")
ANCHORS: dict[str, str] = _data("anchors")
VAGUE_RELATIONS: dict[str, list] = _data("vague_relations")
VAGUE_UNIT_WINDOWS: dict[str, list[float]] = _data("vague_unit_windows")
VAGUE_RELATION_EVENTS: dict[str, list] = _data("vague_relation_events")
FREQUENCY_WORDS: dict[str, list] = _data("frequency_words")
SCHEDULE_CUES: dict[str, list[str]] = _data("schedule_cues")
MERIDIEM: list[str] = _data("clock")["meridiem"]
MILITARY_SUFFIXES: list[str] = _data("clock")["military_suffixes"]
MILITARY_SIGNALS: list[str] = _data("clock")["military_signals"]
GESTATION_NOUNS: list[str] = _data("gestation_nouns")["words"]
PRESENTATION_RETURNS: dict[str, list[str]] = _data("presentation_returns")
DAY_COUNT_ABBREVIATIONS: dict[str, str] = _data("day_count_abbreviations")
LIFE_DAY_ABBREVIATIONS: dict[str, str] = _data("life_day_abbreviations")
LAB_PROCESS_WORDS: list[str] = _data("lab_process_lengths")["words"]
PRESENTATION_REFERENCES: list[str] = _data("presentation_references")["words"]
PRESENTATION_CLAUSE_VERBS: list[str] = _data("presentation_references")["clause_verbs"]
EXAMINATION_RETURNS: list[str] = _data("examination_returns")["openers"]
HISTORY_CONTINUATIONS: dict[str, list[str]] = _data("history_continuations")
HISTORY_AGE_SUBJECTS: list[str] = _data("history_age_subjects")["words"]
STAY_PERIOD_NOUNS: list[str] = _data("stay_period_nouns")["words"]

_UNITS_WORD = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SIMPLE = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]

#: a single number: digits, a (compound) number word, or a vague quantity word
NUMBER = (
    r"(?:\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_TENS))
    + r")(?:[- ](?:"
    + "|".join(sorted(_UNITS_WORD))
    + r"))?|"
    + alternation([w for w in NUMBER_WORDS if w not in _TENS] + list(VAGUE_QUANTITIES))
    + ")"
)
#: a number, a range of numbers ("3-4", "two to three") and "and a half"
AMOUNT = (
    rf"(?:{NUMBER})(?:\s*(?:-|–|to|or)\s*(?:\d+(?:\.\d+)?|{alternation(_SIMPLE)}))?"
    r"(?:\s+and\s+a\s+half)?"
)
#: unit words; one-letter units only after digits (checked in code)
UNIT = alternation([u for u in UNITS])
ORDINAL = r"(?:\d+\s?(?:st|nd|rd|th)|" + alternation(ORDINAL_WORDS) + ")"
MONTH = "|".join(
    sorted(
        {m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS if len(m) > 3}, key=lambda w: -len(w)
    )
)
ANCHOR = alternation(ANCHORS, escape=False)
_ANCHOR_RES = [(re.compile(rf"(?:{k})\Z", re.I), v) for k, v in ANCHORS.items()]


def anchor_keyword(noun: str) -> str:
    """The anchor keyword (admission, surgery, ...) a matched anchor noun phrase names."""
    for rx, key in _ANCHOR_RES:
        if rx.match(noun.strip()):
            return key
    return "previous"


def _one(word: str) -> tuple[float, float] | None:
    w = re.sub(r"\s+", " ", word.strip().lower())
    if not w:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        v = float(w)
        return v, v
    if w in VAGUE_QUANTITIES:
        lo, hi = VAGUE_QUANTITIES[w]
        return float(lo), float(hi)
    if w in NUMBER_WORDS:
        v = float(NUMBER_WORDS[w])
        return v, v
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS_WORD:
        v = float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
        return v, v
    return None


@lru_cache(maxsize=4096)  # pure in its argument; a document repeats its amounts
def parse_amount(text: str) -> tuple[float, float, bool] | None:
    """`(low, high, vague)` for an AMOUNT match: "3-4" -> (3, 4), "a few" -> (2, 4, vague)."""
    t = text.strip().lower()
    half = 0.5 if re.search(r"\band\s+a\s+half$", t) else 0.0
    t = re.sub(r"\s+and\s+a\s+half$", "", t)
    vague = any(re.search(rf"\b{re.escape(v)}\b", t) for v in VAGUE_QUANTITIES)
    m = re.fullmatch(r"(.+?)\s*(?:-|–|\bto\b|\bor\b)\s*(\S+)", t)
    if m and not re.fullmatch(r"(?:" + "|".join(_TENS) + r")-(?:" + "|".join(_UNITS_WORD) + ")", t):
        lo, hi = _one(m.group(1)), _one(m.group(2))
        if lo and hi:
            return lo[0] + half, hi[1] + half, True
    one = _one(t)
    if one is None:
        return None
    return one[0] + half, one[1] + half, vague
