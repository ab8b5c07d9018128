"""Clinical scores the text states with their value: "SLEDAI-2K of 18", "a Glasgow Coma Scale of 8", "modified Rankin
Scale 3", "Child-Pugh class C", "HScore was 240" (`score` mentions; the catalogue is knowledge/stated_scores.csv).

One Aho-Corasick pass over the lower-cased text finds the catalogue's names (a whole word; a name with two capitals
or more only as written: "GCS", "mRS", "BVAS"); the value must follow the name at once or after a few linking words
("score of", "was", "was calculated at", ":"). A value outside the score's valid range is not read (a misread or
another number), nor one written as a bound ("SLEDAI-2K >= 6", "an HScore above 169": a threshold, not this
patient's value), nor one of a list ("Apgar scores at 1, 5 and 10 minutes": which is which, the list says only
by its order) nor "8 or less". A score stated as a class ("Child-Pugh class C", "Child-Pugh B") keeps its class letter.
A change ("the SOFA score rose from 4 to 9") is the value it reached (9), the earlier one kept in the mention's text.
A value written first ("scored 8 on the Glasgow Coma Scale", "8 points on the NIHSS") is read where no value
follows the name.
Attributes: `value` (float), `value_text` (as written), `score_class`, `loinc`, `min`, `max`, `rule`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan

_make = Mention.model_construct


@dataclass(frozen=True)
class ScoreRow:
    name: str
    loinc: str | None
    low: float
    high: float
    decimal: bool
    classes: tuple[str, ...]
    rule: str | None


@dataclass(frozen=True)
class _Form:
    row: ScoreRow
    written: str | None  # the form as written where it must match exactly (an abbreviation)


@cache
def catalogue() -> dict[str, ScoreRow]:
    """name -> its row of knowledge/stated_scores.csv."""
    return {r["name"]: ScoreRow(r["name"], r["loinc"] or None, float(r["min"]), float(r["max"]),
                                r["value"] == "decimal", tuple(c for c in r["classes"].split("|") if c),
                                r["rule"] or None) for r in table("stated_scores.csv")}


@cache
def _automaton() -> ahocorasick.Automaton:
    rows = catalogue()
    keys: dict[str, list[_Form]] = {}
    for r in table("stated_scores.csv"):
        for form in r["synonyms"].split("|"):
            form = form.strip()
            if form:
                exact = form if sum(c.isupper() for c in form) >= 2 else None
                keys.setdefault(form.lower(), []).append(_Form(rows[r["name"]], exact))
    auto = ahocorasick.Automaton()
    for key, forms in keys.items():
        auto.add_word(key, (len(key), tuple(forms)))
    auto.make_automaton()
    return auto


# words that may link a score's name to its value: "score of", "was calculated at", "on admission was", "(", ":"
_LINK = (r"(?:\s*(?:[:=(]|\b(?:score|scale|index|total|algorithm|points?|was|were|is|are|of|at|on|admission|"
         r"presentation|calculated|estimated|assessed|measured|as|be|to|had|a|an|the|initial|initially|increased|"
         r"decreased|improved|rose|fell|dropped|worsened|reached|gave|yielded|with|class|grade|stage)\b))*\s*")
_NUMBER = re.compile(_LINK + r"(?P<v>[+-]?\d{1,3}(?:\.\d{1,2})?)(?:\s*/\s*(?P<of>\d{1,3}))?"
                     r"(?![\d%]|\.\d|\s*(?:%|mg|g\b|mmol|µ|u/|iu|days?\b|hours?\b|h\b|weeks?\b|months?\b|years?\b|"
                     r"min|and\s+\d|to\s+\d|-\s*\d|–\s*\d|,\s*\d|or\s+(?:less|more|lower|higher|greater|above|"
                     r"below|fewer)\b))", re.I)
# a change: the value reached ("rose from 4 to 9" -> 9); the number after "to" is read like any value
_CHANGE = re.compile(_LINK + r"from\s+[+-]?\d{1,3}(?:\.\d{1,2})?(?:\s*/\s*\d{1,3})?\s+(?:up |down )?to\s+"
                     r"(?P<v>[+-]?\d{1,3}(?:\.\d{1,2})?)(?:\s*/\s*(?P<of>\d{1,3}))?(?![\d%]|\.\d)", re.I)
# a value written before the name: "scored 8 on the GCS", "a score of 3 on the mRS", "8 points on the NIHSS"
_BEFORE = re.compile(r"(?:\bscored|\bscoring|\bscore of|\bpoints? of|\b(?:had|has|with|was) a score of)?\s*"
                     r"(?P<v>\b[+-]?\d{1,3}(?:\.\d{1,2})?)(?:\s*/\s*(?P<of>\d{1,3}))?\s+(?:points?\s+)?"
                     r"(?:on|in|according to|by)\s+(?:the\s+|an?\s+|his\s+|her\s+)?$", re.I)
_CLASS = re.compile(_LINK + r"(?P<c>[A-C])(?:\s*\(?\s*(?P<v>\d{1,2})\s*\)?)?(?![\w-])")
# a bound or a threshold, not the patient's value: "SLEDAI-2K >= 6", "an HScore above 169", "MELD > 30"
_BOUND = re.compile(r"[<>≤≥]|\b(?:above|below|over|under|greater|less|more|higher|lower|exceed\w*|cut-?off|"
                    r"threshold|at least|up to|range|ranges|ranging)\b", re.I)


def find(text: str) -> list[Mention]:
    lower = text.lower()
    n = len(text)
    found: list[tuple[int, int, _Form]] = []
    for end_idx, (length, forms) in dict_scan.hits(_automaton(), lower):
        end = end_idx + 1
        start = end - length
        if end < n and (text[end].isalnum() or text[end] in "_-") or start > 0 and (
                text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        for f in forms:
            if f.written is None or text[start:end] == f.written:
                found.append((start, end, f))
                break
    if not found:
        return []
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))  # the longest name wins where names overlap
    out: list[Mention] = []
    last_end = -1
    for start, end, f in found:
        if start < last_end:
            continue
        m = _value(text, start, end, f.row)
        if m is not None:
            out.append(m)
            last_end = m.end
        else:
            last_end = end
    return out


def _value_before(text: str, start: int, end: int, row: ScoreRow) -> Mention | None:
    """The mention of a score whose value is written before its name ("scored 8 on the GCS"), or None."""
    lo = max(0, start - 40)
    cut = max(text.rfind(".", lo, start - 1), text.rfind("\n", lo, start), text.rfind(";", lo, start))
    m = _BEFORE.search(text, cut + 1 if cut >= 0 else lo, start)
    if m is None or not m.group(0).strip()[:1].isalpha() and not re.search(r"\bpoints?\b", m.group(0)):
        return None  # a bare number before the name ("day 3 on the GCS" is not a value) needs a scoring word
    value = float(m.group("v"))
    if m.group("of") and float(m.group("of")) != row.high or not _valid(row, value):
        return None
    a = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    written = text[m.start("v"):m.end("of") if m.group("of") else m.end("v")]
    return _mention(text, a, end, row, value, written, None, end)


def _valid(row: ScoreRow, value: float | None) -> bool:
    """Within the score's range (and whole where the score is): else a misread or another number."""
    return value is None or row.low <= value <= row.high and (row.decimal or value == int(value))


def _mention(text: str, start: int, stop: int, row: ScoreRow, value: float | None, written: str,
             klass: str | None, name_end: int) -> Mention:
    attrs: dict[str, str | float | int | bool | None] = {
        "value": value, "value_text": written, "score_class": klass, "loinc": row.loinc,
        "min": row.low, "max": row.high, "rule": row.rule, "name_end": name_end}
    return _make(type="score", start=start, end=stop, text=text[start:stop], norm=row.name, attrs=attrs)


def _value(text: str, start: int, end: int, row: ScoreRow) -> Mention | None:
    """The mention of the score named at start..end with the value written after it, or None."""
    window = min(len(text), end + 60)
    c = _CLASS.match(text, end, window) if row.classes else None
    value: float | None = None
    klass: str | None = None
    if c is not None and c.group("c") in row.classes:
        klass, stop = c.group("c"), c.end()
        value = float(c.group("v")) if c.group("v") else None
        written = text[c.start("c"):stop]
    else:
        m = _CHANGE.match(text, end, window) or _NUMBER.match(text, end, window)
        if m is None or "." in text[end:m.start("v")] or "\n" in text[end:m.start("v")]:
            return _value_before(text, start, end, row)
        value, stop, written = float(m.group("v")), m.end(), text[m.start("v"):m.end()]
        if m.group("of") and float(m.group("of")) != row.high:
            return None  # "8/15" for a GCS; another denominator is another measure
    if _BOUND.search(text, end, stop if klass is None else c.start("c")):  # type: ignore[union-attr]
        return None
    if not _valid(row, value):
        return None  # out of the score's range (or a fraction of an integer score): not this score's value
    return _mention(text, start, stop, row, value, written, klass, end)
