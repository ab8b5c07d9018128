"""The grade or stage written with a diagnosis or finding: "grade 3 neutropenia", "hand-foot syndrome (grade 2)",
"stage IIIB non-small cell lung cancer", "rectal adenocarcinoma (ypT2N0)", "stage 3 chronic kidney disease".

The reader marks grades, stages and TNM codes as `lab_value` mentions without a test (reading/lab_grades.py, scales
`grade`, `stage`, `tnm`); one right before the name (only white space between, or inside the name at its start), or
right after it (after a comma or an opening bracket, and those listed on from there: "(cT2N2bM0, stage IVA)"), is
that diagnosis's; not a grade of the word after it ("TIMI grade 3 flow"). Kept as written: a CTCAE toxicity grade, a
tumour grade and a disease stage are different scales, and the text names which only by its context.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from casecourse.model import Mention

_SCALES = {"grade": "grade", "stage": "stage", "tnm": "stage"}
_BEFORE_GAP = re.compile(r"\s{1,3}")
_CHAIN = re.compile(r"\s*[,;]\s*")
# a grade after the name that grades a word after it: "(TIMI) grade 3 flow"
_WORD_AFTER = re.compile(r"\s+(?!(?:with|without|and|or|of|in|on|at|was|were|is|which|that|but|after|since)\b)[a-z]",
                         re.I)
# a metastasis has no stage of its own: "adenocarcinoma with lymph node metastases (T4N2M1)" stages the tumour
_UNSTAGED = re.compile(r"metasta", re.I)
# after the name, its site may come first: "adenocarcinoma of the rectum, stage II"
_AFTER_GAP = re.compile(r"(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s*(?:,\s*|\(\s*|\s)")


class GradeIndex:
    """The grade, stage and TNM mentions of one reading, looked up by the diagnosis they stand beside."""

    def __init__(self, text: str, lab_values: list[Mention], named: list[Mention]) -> None:
        """`named`: the diagnoses and findings; a grade right before one is its own, never the one before's
        ("grade 3 neutropenia, stage IIIB lung cancer")."""
        self._ms = sorted((m for m in lab_values if m.attrs.get("scale") in _SCALES), key=lambda m: m.start)
        self._starts = [m.start for m in self._ms]
        heads = {n.start for n in named}
        self._leads = {id(g) for g in self._ms if any(g.end + k in heads for k in (1, 2, 3))
                       and _BEFORE_GAP.match(text, g.end)}

    def of(self, text: str, m: Mention) -> dict[str, str]:
        """{"grade": ..., "stage": ...} as written for the diagnosis or finding `m` (the keys the text gives)."""
        out: dict[str, str] = {}
        if not self._ms:
            return out
        i = bisect_left(self._starts, m.start - 40)
        tail: int | None = None  # the end of the last grade read after the name: "(cT2N2bM0, stage IVA)"
        for g in self._ms[i:]:
            if g.start > m.end + 40:
                break
            before = g.end <= m.start and _BEFORE_GAP.fullmatch(text, g.end, m.start) is not None
            inside = g.start == m.start and g.end < m.end
            after = g.start >= m.end and id(g) not in self._leads and not _WORD_AFTER.match(text, g.end) and (
                _AFTER_GAP.fullmatch(text, m.end, g.start) is not None
                or tail is not None and _CHAIN.fullmatch(text, tail, g.start) is not None)
            if after:
                tail = g.end
            scale = _SCALES[str(g.attrs["scale"])]
            if (before or inside or after) and not (scale == "stage" and _UNSTAGED.search(m.text)):
                written = " ".join(g.text.split())
                # "(cT2N2bM0, stage IVA)": both, as written
                out[scale] = f"{out[scale]}, {written}" if scale in out and written not in out[scale] else written
        return out
