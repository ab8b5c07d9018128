"""Diagnoses an examination showed: "the CT scan showed an abscess", "the radiograph was consistent with pneumonia".

A condition named after a result word (`knowledge/exam_result_verbs.csv`) that follows an imaging, endoscopic or
electrophysiological examination in the same sentence is what that examination saw: `attrs["seen_on"]` is the
examination's category. The course keeps it a condition; a corpus that separates the signs found from the diseases
given may score it as a finding (Ada: "finding marks a sign or symptom a patient shows ... visible ... or
measurable"; docs/evaluation.md).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention

CATEGORIES = frozenset({"imaging", "endoscopy", "electrophysiology"})


@cache
def _verbs() -> re.Pattern:
    words = sorted((r["phrase"].strip() for r in table("exam_result_verbs.csv")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def mark(text: str, sentences: list[tuple[int, int]], mentions: list[Mention]) -> None:
    """Set `seen_on` on each condition an examination of its sentence showed, in place."""
    exams = sorted((m for m in mentions if m.type == "examination" and m.attrs.get("category") in CATEGORIES),
                   key=lambda m: m.start)
    if not exams or not sentences:
        return
    starts = [s for s, _ in sentences]
    exam_starts = [m.start for m in exams]
    verbs = _verbs()
    for m in mentions:
        if m.type != "condition":
            continue
        si = bisect_right(starts, m.start) - 1
        if si < 0:
            continue
        s0 = sentences[si][0]
        # the last examination of the sentence ending before the condition
        i = bisect_right(exam_starts, m.start) - 1
        while i >= 0 and exams[i].end > m.start:
            i -= 1
        if i < 0 or exams[i].start < s0:
            continue
        if verbs.search(text, exams[i].end, m.start):
            m.attrs = {**m.attrs, "seen_on": str(exams[i].attrs["category"])}
