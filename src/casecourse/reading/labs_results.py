"""Result words of a test the reader cannot name as a lab: "the ECG was normal", "cultures came back
negative", "revealed normal liver function", "vital signs remained stable".

They are typed `test_result` (interpretation in attrs, no test) so that lab consumers, which need a
named test, never mistake them for lab results; MACCROBAT-style "value of a diagnostic procedure"
scoring counts them together with `lab_value`.
"""
from __future__ import annotations

import re

from casecourse.model import Mention

_WORDS = {
    "N": r"normal|unremarkable|within (?:the )?normal (?:limits?|ranges?)|"
         r"within (?:the )?reference (?:ranges?|intervals?)|in the normal range|normali[sz]ed|"
         r"stable|unchanged|preserved|intact|regular",
    "NEG": r"negative|non-?reactive|not detected|undetectable|absent",
    "POS": r"positive|reactive|detected",
    "H": r"elevated|raised|increased|high|higher|prolonged",
    "L": r"decreased|reduced|low|lower|diminished|depressed",
    "A": r"abnormal|improved|worsened|impaired",
}
_DEG = (r"(?:(?:very|markedly|mildly|slightly|significantly|severely|moderately|highly|persistently|"
        r"strongly|weakly|also|all|both|still|again|entirely|completely|essentially|otherwise)\s+)*")
_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _WORDS.items())
_PREDICATE = re.compile(
    rf"\b(?:was|were|is|are|remained|became|came back|returned|appeared|proved|seemed|been|being|"
    rf"returned to|showed|revealed|demonstrated|disclosed|indicated|found)\s+(?:(?:a|an|to be)\s+)?"
    rf"(?P<span>{_DEG}(?:{_ALT}))(?![\w-])", re.I)


_ATTRIBUTIVE = re.compile(
    rf"\b(?:with|showed|shows|revealed|reveals|demonstrated|disclosed|indicated)\s+(?:(?:a|an)\s+)?"
    rf"(?P<span>{_DEG}(?:{_ALT}))\s+(?=[a-z])", re.I)


def find_results(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Predicated result words not already read as a lab's interpretation (`taken` spans)."""
    out: list[Mention] = []
    matches = sorted([*_PREDICATE.finditer(text), *_ATTRIBUTIVE.finditer(text)],
                     key=lambda m: m.start("span"))
    for m in matches:
        s, e = m.span("span")
        if any(ts < e and s < te for ts, te in taken):
            continue
        taken.append((s, e))
        interp = next(k for k in _WORDS if m.group(k))
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": interp, "test": None}))
    return out
