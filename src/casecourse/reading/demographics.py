"""Age and sex of the patient: "a 26-year-old male", "aged 45 years", "a woman in her 60s"."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.rx_first import anchored, lower_text, lowered, matches

# the values are built right here: pydantic's validation is skipped (speed; see Mention.model_construct)
_make = Mention.model_construct

_AGE = anchored(
    r"\b(?P<num>\d{1,3})(?:[- ](?:year|yr)s?[- ]old|\s*-?\s*(?:year|yr)s?\s+of\s+age|\s*(?:yo|y/o|y\.o\.))\b"
    r"|\baged?\s+(?P<num2>\d{1,3})(?:\s*(?:years?|yrs?))?\b", re.I)
_SEX = anchored(
    r"\b(?P<m>male|man|boy|gentleman|father|husband|son)\b|\b(?P<f>female|woman|girl|lady|mother|wife|daughter|"
    r"primigravida|multigravida|pregnant)\b", re.I)

# sex written as one capital letter, as clinical notes and record headers write it: after an age ("24 yo F", "67 y/o M",
# "58-year-old F") or a "Sex:" / "Gender:" field ("Sex: F"); the letter itself is matched case-sensitively
_SEX_LETTER = re.compile(
    r"(?:(?<![\w.])\d{1,3}[ \t]*(?i:yo|y/o|y\.o\.|[- ](?:year|yr)s?[- ]old)[ \t]+|^[ \t]*(?i:sex|gender)[ \t]*:[ \t]*)"
    r"(?P<s>[MF])(?![\w'/-])", re.M)


# what a match of `_SEX_LETTER` is made of (word characters, spaces, tabs, "/", ".", ":", "-", and "'", which its
# final lookahead reads), and anything else; a capital M or F that may end one
_SEX_RUN_BACK = re.compile(r"[\w \t/.:'-]*")
_NOT_SEX_RUN = re.compile(r"[^\w \t/.:'-]")
_SEX_CAPITAL = re.compile(r"[MF](?![\w'/-])")


def _sex_letters(text: str) -> Iterator[re.Match[str]]:
    """`_SEX_LETTER.finditer(text)`, searched only in the runs of the characters its matches are made of that hold a
    capital M or F which may end one (the pattern, led by an alternation with a line start, had tried every position
    of the text). The same matches: each lies in one run, and at a run's end stands a character its lookahead refuses
    (as at the end of the text); `finditer`'s `pos` lets its lookbehind and `^` read the text before the run."""
    rev: str | None = None
    hi = 0
    for cap in _SEX_CAPITAL.finditer(text):
        p = cap.start()
        if p < hi:
            continue  # in the run scanned last
        if rev is None:
            rev = text[::-1]
        back = len(text) - p  # the character before `p`, in the reversed text
        lo = p - (_SEX_RUN_BACK.match(rev, back).end() - back)  # type: ignore[union-attr]
        stop = _NOT_SEX_RUN.search(text, p)
        hi = len(text) if stop is None else stop.start()
        yield from _SEX_LETTER.finditer(text, lo, hi)


# the same patterns over the lower-cased text (`rx_first.lowered`: same matches, about twice as fast)
_AGE_LOW, _SEX_LOW = lowered(_AGE), lowered(_SEX)


def find(text: str) -> list[Mention]:
    out: list[Mention] = []
    low = lower_text(text) if _AGE_LOW and _SEX_LOW else None
    age, sex, src = (_AGE, _SEX, text) if low is None else (_AGE_LOW, _SEX_LOW, low)
    for m in matches(age, src):  # type: ignore[arg-type]
        n = int(m.group("num") or m.group("num2"))  # digits: the same in the lower-cased text
        if n <= 120:
            out.append(_make(type="age", start=m.start(), end=m.end(), text=text[m.start():m.end()], norm=str(n),
                             attrs={"years": n}))
    for m in matches(sex, src):  # type: ignore[arg-type]
        out.append(_make(type="sex", start=m.start(), end=m.end(), text=text[m.start():m.end()],
                         norm="male" if m.group("m") else "female"))
    if "M" in text or "F" in text:
        for m in _sex_letters(text):
            out.append(_make(type="sex", start=m.start("s"), end=m.end("s"), text=m.group("s"),
                             norm="male" if m.group("s") == "M" else "female"))
    return out



@cache
def relatives_alternation(leave_out: frozenset[str] = frozenset()) -> str:
    """The relatives' words (knowledge/relatives.csv), but `leave_out`, as one regular-expression alternation,
    longest first: the one list every reader of relatives builds its patterns from."""
    words = {r["word"] for r in table("relatives.csv")} - leave_out
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (len(w), w), reverse=True))


@cache
def _relative_phrases() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a relative's word ahead of an age, another person's determiner behind it, behind a relative's word)."""
    rel = relatives_alternation()
    # another person's determiner: "born to a", "child of a", "a kidney from a" (the article), "his", "her", "whose",
    # "the patient's" (a possessive)
    det = r"(?:\b(?:to|of|from)\s+(?:a|an|the)|\b(?:his|her|their|its|whose)|\bpatient['’]s)"
    # what may stand between an age and the relative: up to five describing words, none a verb or a clause word
    # ("a 25-year-old G5 now P5 mother"); not "a 35-year-old mother of three" (there the patient is the mother)
    words = r"(?:[\s,]+(?!(?:with|who|and|was|is|had|has|were|presented|whose|for)\b)[\w+/().-]+){0,5}?"
    ahead = re.compile(rf"{words}[\s,]+(?:{rel})s?\b(?!\s+of\b)", re.I)
    behind_age = re.compile(rf"{det}(?:\s+[a-z-]+){{0,2}}\s*$", re.I)  # "to a healthy 30-year-old mother"
    behind_rel = re.compile(rf"{det}(?:[\s,]+[\w+/().-]+){{0,5}}[\s,]*$", re.I)
    return ahead, behind_age, behind_rel


@cache
def _relative_words() -> frozenset[str]:
    words = {r["word"] for r in table("relatives.csv")}
    return frozenset(words | {w + "s" for w in words})


def of_a_relative(text: str, m: Mention) -> bool:
    """Is the age or sex word `m` a relative's rather than the patient's? An age between another person's determiner
    and a relative's word ("born to a 29-year-old mother", "his 7-year-old brother"); a relative's word after such a
    determiner or before a possessive 's ("found by his wife", "born to a primigravida mother", "the mother's womb"),
    but not "a 35-year-old mother of three" (the patient is the mother)."""
    ahead, behind_age, behind_rel = _relative_phrases()
    before = text[max(0, m.start - 60):m.start]
    if m.text.lower() in _relative_words():
        if text.startswith(("'s", "’s"), m.end):
            return True
        return behind_rel.search(before) is not None and not text.startswith(" of ", m.end)
    if m.type == "age" and (_BORN_TO.search(text, max(0, m.start - 100), m.start) or _relative_subject().search(
            text, max(0, m.start - 60), m.start)):
        # "a female infant was born at 40 weeks to a healthy 24-year-old woman", "the mother is a 31-year-old G2P1
        # woman": the mother's age
        return True
    back = behind_age if m.type == "age" else behind_rel  # "to a 27-year-old, primigravida, primipara mother"
    return back.search(before) is not None and ahead.match(text, m.end, m.end + 80) is not None


@cache
def _relative_subject() -> re.Pattern[str]:
    """A relative as the subject whose age follows: "the mother is a 31-year-old", "his father was an 80-year-old"."""
    return re.compile(rf"\b(?:the|his|her|their)\s+(?:{relatives_alternation()})\s+(?:is|was)\s+(?:an?\s+)?$", re.I)


# the woman a baby was born to, named before her age: "born at 36 weeks' gestation to a 17-year-old woman"
_BORN_TO = re.compile(r"\b(?:born|delivered)\b[^.;]{0,80}?\bto\s+(?:a|an|the)(?:\s+[a-z-]+){0,2}\s*$", re.I)
