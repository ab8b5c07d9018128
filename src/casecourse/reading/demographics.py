"""Age and sex of the patient: "a 26-year-old male", "aged 45 years", "a woman in her 60s"."""
from __future__ import annotations

import re

from casecourse.model import Mention
from casecourse.reading.rx_first import anchored

_AGE = anchored(
    r"\b(?P<num>\d{1,3})(?:[- ](?:year|yr)s?[- ]old|\s*-?\s*(?:year|yr)s?\s+of\s+age|\s*(?:yo|y/o|y\.o\.))\b"
    r"|\baged?\s+(?P<num2>\d{1,3})(?:\s*(?:years?|yrs?))?\b", re.I)
_SEX = anchored(
    r"\b(?P<m>male|man|boy|gentleman|father|husband|son)\b|\b(?P<f>female|woman|girl|lady|mother|wife|daughter|"
    r"primigravida|multigravida|pregnant)\b", re.I)


def find(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _AGE.finditer(text):
        n = int(m.group("num") or m.group("num2"))
        if n <= 120:
            out.append(Mention(type="age", start=m.start(), end=m.end(), text=m.group(0), norm=str(n),
                               attrs={"years": n}))
    for m in _SEX.finditer(text):
        out.append(Mention(type="sex", start=m.start(), end=m.end(), text=m.group(0),
                           norm="male" if m.group("m") else "female"))
    return out
