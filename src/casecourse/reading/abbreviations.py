"""Abbreviations the text defines: "hydroxychloroquine (HCQ)" makes HCQ resolve afterwards.

The Schwartz & Hearst (2003) algorithm: a parenthesised short form is matched to the shortest run
of preceding words whose characters contain the short form's characters in order, the first
character starting a word.
"""
from __future__ import annotations

import re

from casecourse.model import Mention
from casecourse.reading.rx_first import anchored

_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-/α-ωΑ-Ω]{0,9})\s*[,;)]")
_WORDS_BEFORE = anchored(r"[\w\-'/]+")


def _best_long_form(short: str, before: str) -> str | None:
    """Schwartz-Hearst: scan both strings backwards, letters of `short` in order in `before`."""
    s_idx, l_idx = len(short) - 1, len(before) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (before[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and before[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = before.rfind(" ", 0, l_idx + 1) + 1
    return before[start:].strip()


def find(text: str) -> list[Mention]:
    """Mentions of type `abbreviation` (the short form's definition site), norm = long form."""
    out: list[Mention] = []
    for m in _PAREN.finditer(text):
        short = m.group(1)
        if not (2 <= len(short) <= 10) or not any(ch.isupper() for ch in short) or short.isdigit():
            continue
        window_start = max(0, m.start() - 120)
        words = list(_WORDS_BEFORE.finditer(text, window_start, m.start()))
        limit = min(len(short) + 5, len(short) * 2)
        words = words[-limit:]
        if not words:
            continue
        before = text[words[0].start():m.start()].rstrip()
        cut = max(before.rfind("\n"), before.rfind(". "), before.rfind("; "))
        before = before[cut + 1:].strip() if cut >= 0 else before  # the long form is in the same sentence
        long_form = _best_long_form(short, before)
        if not long_form or len(long_form) <= len(short) or long_form.lower() == short.lower():
            continue
        lf_start = text.rfind(long_form, window_start, m.start())
        out.append(Mention.model_construct(type="abbreviation", start=m.start(1), end=m.end(1), text=short,
                                           norm=long_form, attrs={"long_form_start": lf_start}))
    return out


def definitions(mentions: list[Mention]) -> dict[str, str]:
    """Short form -> long form, first definition wins."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.type == "abbreviation":
            out.setdefault(m.text, m.norm or "")
    return out
