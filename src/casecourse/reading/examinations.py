"""Diagnostic examinations named in the text: "an abdominal CT scan showed", "the electrocardiogram was normal",
"fine-needle aspiration cytology of the nodule", "vital signs were stable" (`knowledge/examinations.csv`).

One `examination` mention per name (the longest written form where forms overlap), `norm` the modality and
`attrs["category"]` its kind (imaging, electrophysiology, endoscopy, bedside, sampling, pathology). The course
does not use them; they mark what was examined, which a case-report corpus may annotate (Ada types tests and
examinations as findings; MACCROBAT's Diagnostic_procedure holds imaging and examinations).
"""
from __future__ import annotations

import re
from functools import cache

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan, leftmost_longest
from casecourse.reading.rx_first import lower_of

_Entry = tuple[str, str, str | None]  # name, category, the form as written where it must match exactly


@cache
def _automaton() -> ahocorasick.Automaton:
    keys: dict[str, list[_Entry]] = {}
    for r in table("examinations.csv"):
        for form in r["written"].split("|"):
            form = form.strip()
            if form:
                exact = form if sum(c.isupper() for c in form) >= 2 else None  # "CT", "ECG", "FNAC"
                keys.setdefault(form.lower(), []).append((r["name"], r["category"], exact))
    auto = ahocorasick.Automaton()
    for key, entries in keys.items():
        auto.add_word(key, (len(key), tuple(entries)))
    auto.make_automaton()
    return auto


_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")


def _restates(text: str, prev: Mention, start: int, end: int, name: str) -> bool:
    """The short form in parentheses right after its own examination ("computed tomography (CT)"): one test named
    twice. It stays a mention (MACCROBAT annotates both names), marked `restates` (Ada annotates the test once)."""
    gap = _OPEN.fullmatch(text, prev.end, start)
    return gap is not None and prev.norm == name and _CLOSE.match(text, end) is not None


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def find(text: str) -> list[Mention]:
    found: list[tuple[int, int, str, str]] = []
    for end_idx, (length, entries) in dict_scan.hits(_automaton(), lower_of(text)):
        end = end_idx + 1
        start = end - length
        if _word_char(text, end) or _word_char(text, start - 1):
            continue
        for name, category, exact in entries:
            if exact is None or text[start:end] == exact:
                found.append((start, end, name, category))
                break
    out: list[Mention] = []
    for start, end, name, category in leftmost_longest(found):
        attrs = {"category": category}
        if out and _restates(text, out[-1], start, end, name):
            attrs["restates"] = True
        out.append(Mention.model_construct(type="examination", start=start, end=end, text=text[start:end], norm=name,
                                           attrs=attrs))
    return out
