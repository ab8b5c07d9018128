"""Age and sex of the patient: "a 26-year-old male", "aged 45 years", "a woman in her 60s"."""
from __future__ import annotations

import re

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
    return out
