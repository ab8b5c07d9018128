"""Grades, stages and scores written as codes or fractions: "pT3N0M1", "G3", "grade 2/6 murmur",
"power 4/5", "visual acuity 20/70", "GCS 14/15", "grade II", "stage IIIB", "4th degree", "NYHA class III"; and counts
per microscopic field ("9 per 10 high-power fields", scale per_field), semi-quantitative plus grades before a
noun ("2+ pitting oedema", scale plus) and standard-deviation scores ("−1.2 z-score", scale sd_score).

Each becomes a `lab_value` with no test (`attrs["test"]` None, so the course does not file it as a lab
result) and `attrs["scale"]` naming what it grades: tnm, histologic_grade, grade, stage, degree, class, or the
scale of a fraction. A fraction or a class is read only when its scale's cue word (`knowledge/grade_cues.csv`)
stands in the same sentence, so dates ("3/5") and ratios ("CK 5/6") are left alone.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.lab_apgar import read_apgar
from casecourse.reading.rx_first import anchored, finditer, lower_text
from casecourse.reading.rx_keys import near, starting_with

# TNM: a T with N (and M) or a prefixed T alone ("pT2", "ypT0"); TNM letters are upper case by convention
_TNM = anchored(r"(?<![\w-])(?:(?:y?[pcr]|yp)-?)?T(?:[0-4]|x|X|is)[a-d]?\d?\s?N(?:[0-3]|x|X)[a-c]?"
                  r"(?:\s?M(?:[01]|x|X)[a-c]?)?(?![\w-])|(?<![\w-])(?:y?[pc])T(?:[0-4]|x|X|is)[a-d]?(?![\w-])")
_HISTO = anchored(r"(?<![\w-])G[1-4](?![\w-])")
_GRADE = anchored(r"\bgrade\s+(?:I{1,3}|IV|[0-5][a-c]?)(?![\w/-])", re.I)
# a disease stage: "stage IIIB", "stage 2", "FIGO stage IA2", "Ann Arbor stage IVB"; not "end-stage" (no numeral)
_STAGE = anchored(r"\bstage\s+(?:0|I{1,3}|IV|[1-4])(?:[A-C][1-3]?)?(?![\w-])", re.I)
_DEGREE = anchored(r"\b(?:[1-4](?:st|nd|rd|th)|(?:I{1,3}|IV)(?:st|nd|rd|th)?)[- ]degree\b")
# "2/6", "3–4/5", "4+/5", "20/70"; not a date piece ("3/5/2010") or a part of a longer number
_FRACTION = anchored(r"(?<![\w/.,])(?:grade\s+)?(?P<num>\d{1,2}(?:\.\d)?[+-]?(?:\s?[-–]\s?\d{1,2}[+-]?)?)/"
                       r"(?P<den>\d{1,3})(?![\w/]|[.,-]\d)(?:\s+grade\b)?", re.I)
# "NYHA class III", "Killip class II": read with a `class` cue word in the sentence
_CLASS = anchored(r"\bclass\s+(?:I{1,3}V?|IV|Ⅰ|Ⅱ|Ⅲ|Ⅳ|[1-4][a-c]?)(?![\w-])")
# a count per microscopic field: "9 per 10 high-power fields", "4/50 HPF", "over 50 mitoses per 50 HPF",
# "3–5/high power field", "2–3 schizocytes/HPF", "4+/HP"
_FIELD = anchored(r"(?<![\w.,/])(?:(?:over|up to|more than|less than|fewer than)\s+)?"
                  r"\d{1,3}(?:\s?(?:-|–|to)\s?\d{1,3})?\+?(?:\s?[a-z]+)?\s?(?:per\s+\d{1,3}\s+|/\s?(?:\d{1,3}\s?)?)"
                  r"(?:high[- ]power(?:\s+microscopic)?\s+fields?|HPF|HP|LPF)\b", re.I)
# a semi-quantitative grade: "1+ cells", "2+ vitreous cells", "+2 pitting edema" (a word follows; never "CD3+")
_PLUS = anchored(r"(?<![\w+/.\-])(?:[1-4]\+|\+[1-4])(?=\s+[a-z])")
# a standard-deviation score: "(−1.2 z-score)", "height −2.5 SD", "+0.5 SDS"
_SDS = anchored(r"(?<![\w.])[−\-–+]?\d{1,2}(?:\.\d{1,2})?\s?(?:z-score|Z-score|SDS|SD)(?![\w-])")
# each pattern with what every match of it holds, checked first (most reports hold few of them, and a full
# pattern then need not run), and the scale it grades: a case-sensitive C scan (its classes spell out re.I's case
# folding, including 'ſ' for s and a dotless or dotted i), or for a case-insensitive pattern, words one of which
# the lower-cased text (`rx_first.lower_text`) holds
_PATTERNS = ((_TNM, re.compile(r"T(?:[0-4xX]|is)"), (), "tnm"), (_HISTO, re.compile("G[1-4]"), (), "histologic_grade"),
             (_GRADE, re.compile("[gG][rR][aA][dD][eE]"), ("grade",), "grade"),
             (_STAGE, re.compile("[sSſ][tT][aA][gG][eE]"), ("stage",), "stage"),
             (_DEGREE, re.compile("degree"), (), "degree"),
             (_FIELD, re.compile("[hH][pP]|[lL][pP][fF]|[hH].[gG][hH][- ][pP]"),
              ("hp", "lpf", "high power", "high-power"), "per_field"),
             (_PLUS, re.compile(r"\+"), (), "plus"), (_SDS, re.compile("SD|-score"), (), "sd_score"))
# where each pattern is tried (rx_keys: the same matches as its `finditer`, the pattern run only near a word every
# match of it holds, instead of at every position of the report): what every match holds and where it begins
_SCANS = {
    # "T" and its category, up to three characters after the start ("ypT2", "yc-T1", "pT2"): one of T0-T4, Tx, TX, Tis
    "tnm": lambda text: near(_TNM, text, ("T0", "T1", "T2", "T3", "T4", "Tx", "TX", "Tis"), 0, 3),
    "histologic_grade": lambda text: near(_HISTO, text, ("G1", "G2", "G3", "G4"), 0, 0),
    "grade": lambda text: starting_with(_GRADE, text, ("grade",), lower=True),
    "stage": lambda text: starting_with(_STAGE, text, ("stage",), lower=True),
    # "degree" after a numeral of one to five characters and a hyphen or space ("I-degree", "IIIrd degree")
    "degree": lambda text: near(_DEGREE, text, ("degree",), 2, 6),
    "plus": lambda text: near(_PLUS, text, ("+",), 0, 1),  # "2+ cells", "+2 edema"
    # "SD"/"SDS" after a sign, two digits, two decimals and a space (1 to 7 characters), "-score" one more after a "z"
    "sd_score": lambda text: near(_SDS, text, ("SD", "-score"), 1, 8),
}
_FRACTION_SCALES = ("murmur", "strength", "acuity", "score")
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_DENOMINATORS = {"murmur": {6}, "strength": {5}}


def _cue_pattern(scale: str) -> list[re.Pattern[str]]:
    rows = [r["cue"] for r in table("grade_cues.csv") if r["scale"] == scale]
    lower = [re.escape(c) for c in rows if not c.isupper()]
    upper = [re.escape(c) for c in rows if c.isupper()]
    out = []
    if lower:
        out.append(re.compile(r"\b(?:" + "|".join(sorted(lower, key=len, reverse=True)) + r")", re.I))
    if upper:
        out.append(re.compile(r"\b(?:" + "|".join(sorted(upper, key=len, reverse=True)) + r")\b"))
    return out


@cache
def _scales() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    names = list(dict.fromkeys(r["scale"] for r in table("grade_cues.csv")))  # file order
    return tuple((s, tuple(_cue_pattern(s))) for s in names)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 200)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    after = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    return (before[-1] if before else lo), (after.start() if after else min(len(text), end + 200))


def _fraction_scale(text: str, m: re.Match[str]) -> str | None:
    num = float(re.split(r"[-–+]", m.group("num").replace(" ", ""))[0] or 0)
    den = int(m.group("den"))
    if den == 0 or num > den and not (den in (10, 20, 25) or num == 20 or num == 6):
        return None
    s, e = _sentence(text, m.start(), m.end())
    window = text[s:e]
    for scale, patterns in _scales():
        if scale not in _FRACTION_SCALES:
            continue
        allowed = _DENOMINATORS.get(scale)
        if allowed is not None and den not in allowed:
            continue
        if scale == "acuity" and not (m.group("num").rstrip("+-") in ("20", "6") or den in (20, 6)):
            continue
        if any(p.search(window) for p in patterns):
            return scale
    return None


def _mention(text: str, start: int, end: int, scale: str) -> Mention:
    return Mention(type="lab_value", start=start, end=end, text=text[start:end],
                   attrs={"test": None, "scale": scale, "rule": "grade"})


def find(text: str) -> list[Mention]:
    """Grade, stage and score mentions of `text`, in order."""
    out: list[Mention] = []
    low = lower_text(text)
    for rx, needs, words, scale in _PATTERNS:
        if any(w in low for w in words) if words and low is not None else needs.search(text):
            scan = _SCANS.get(scale)
            out.extend(_mention(text, m.start(), m.end(), scale) for m in (rx.finditer(text) if scan is None
                                                                            else scan(text)))
    class_cues = dict(_scales()).get("class", ())
    for m in _CLASS.finditer(text) if "class" in text else ():
        s, e = _sentence(text, m.start(), m.end())
        if any(p.search(text, s, e) for p in class_cues):
            out.append(_mention(text, m.start(), m.end(), "class"))
    # "Apgar score was 8/9 at 1 and 5 minutes": two scores paired with their minutes (reading/lab_apgar.py), no grade
    apgar = read_apgar(text, low).claimed if "/" in text else []
    for m in finditer(_FRACTION, text) if "/" in text else ():  # by its lower-case twin once warm
        scale = _fraction_scale(text, m)
        if scale is not None and not any(a <= m.start() < b for a, b in apgar):
            out.append(_mention(text, m.start(), m.end(), scale))
    out.sort(key=lambda x: (x.start, -x.end))
    kept: list[Mention] = []
    for x in out:
        if not kept or x.start >= kept[-1].end:
            kept.append(x)
    return kept
