"""Urine test-strip (dipstick) results: "urinalysis showed protein 3+, blood 2+ and nitrite negative", "urine
dipstick: 2+ protein, trace blood".

In a sentence that names a strip or a urinalysis before them (knowledge/urine_dipstick.csv), a strip analyte next to
its grade or result word, in either order (a grade may stand in brackets: "WBC (3+)", "positive protein (1+)"), is
that strip test's result: a plus grade or "trace" as written
(`attrs["grade"]`; a plus grade is abnormal), "negative" / "positive" as NEG / POS. No value and no unit: a grade is no
quantity, and "protein 3+" is not 3 of any unit. Without the cue, "blood 2+" or "glucose negative" is left alone.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.rx_first import anchored, lower_text
from casecourse.reading.timex_lexicon import alternation

_RESULT = r"(?P<{g}>[1-4]\+|\+{{1,4}}(?![\w+])|trace|negative|positive)"
_SENTENCE_END = re.compile(r"[.;](?:\s|$)|\n")


@cache
def _rows() -> tuple[re.Pattern[str], dict[str, dict[str, str]], re.Pattern[str]]:
    """(the cue pattern, analyte word -> its row, the pattern of an analyte with its result, either order)."""
    rows = table("urine_dipstick.csv")
    cues = [w for r in rows if r["kind"] == "cue" for w in r["words"].split("|")]
    analytes = {w.lower(): r for r in rows if r["kind"] == "analyte" for w in r["words"].split("|")}
    words = alternation(analytes)
    pair = anchored(
        rf"\b(?P<a1>{words})\s*(?::\s*|\s(?:was|were|is)\s+|\(\s*)?{_RESULT.format(g='r1')}"
        # "positive protein (1+)": the result word, then its grade in brackets
        rf"|(?<![\w+]){_RESULT.format(g='r2')}\s+(?P<a2>{words})\b(?:\s*\(\s*(?P<r3>[1-4]\+)\s*\))?", re.I)
    cue = anchored(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")\b", re.I)
    return cue, analytes, pair


# a word every cue holds: a text without any of them names no strip (a substring test is far cheaper than the scan)
_CUE_HEADS = ("urinalysis", "analysis", "dipstick", "strip")


def find(text: str) -> list[Mention]:
    low = lower_text(text)
    if low is not None and not any(h in low for h in _CUE_HEADS):
        return []
    cue_rx, analytes, pair = _rows()
    cues = [m.end() for m in cue_rx.finditer(text)]
    if not cues:
        return []
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    out: list[Mention] = []
    for m in pair.finditer(text):
        i = bisect_left(cues, m.start() + 1)
        if not i or bisect_left(ends, cues[i - 1]) != bisect_left(ends, m.start()):
            continue  # no strip or urinalysis named before it in its sentence
        analyte = m.group("a1") or m.group("a2")
        result = (m.group("r1") or m.group("r2")).lower()
        if result == "positive" and m.group("r3"):
            result = m.group("r3")  # "positive protein (1+)": the grade says how positive
        row = analytes[" ".join(analyte.lower().split())]
        graded = result not in ("negative", "positive")
        attrs = {"value": None, "value_high": None, "comparator": None, "unit": None, "ucum": None,
                 "value_si": None, "unit_si": None, "test": row["test"], "test_text": analyte,
                 "loinc": row["loinc"], "loinc_display": row["display"], "source": "urine_dipstick",
                 "interpretation": {"negative": "NEG", "positive": "POS", "trace": None}.get(result, "A")}
        if graded:
            attrs["grade"] = result
        out.append(Mention.model_construct(type="lab_value", start=m.start(), end=m.end(), text=m.group(),
                                           norm=row["test"], attrs=attrs))
    return out
