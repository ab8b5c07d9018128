"""False positives and negatives of one row, each with its sentence, for error analysis."""
from __future__ import annotations

import re

from casecourse.evaluation.scoring import RowMatch

_BOUNDARY = re.compile(r"[.!?](?=\s+[A-Z0-9(\[])|\n")


def sentence_at(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence around `[start, end)`: a light split on `.!?` before a capital, or a newline."""
    lo = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        lo = m.end()
    m = _BOUNDARY.search(text, end)
    hi = m.end() if m else len(text)
    lo, hi = max(lo, start - limit), min(hi, end + limit)
    return " ".join(text[lo:hi].split())


def _value_error(g_attrs: dict, p: object) -> bool:
    """A lenient pair whose gold has a TIMEX3 value the prediction does not mean (E3C only)."""
    from casecourse.evaluation.readers.e3c import values_equal

    gold = str(g_attrs.get("value") or "")
    return gold not in ("", "NO_VALUE") and not values_equal(gold, str(p.attrs.get("value") or ""))


def row_errors(matches: list[RowMatch]) -> list[dict]:
    """FN: gold with no overlapping prediction; FP: prediction overlapping no gold;
    BOUNDARY: overlapping but not exact (counts lenient, not strict); VALUE: a lenient pair whose gold
    carries a normalised value (E3C TIMEX3) that the prediction's `attrs["value"]` does not mean.
    BOUNDARY and VALUE items give the gold span (`start`, `end`, `gold`) and the predicted one
    (`pred_start`, `pred_end`, `pred`)."""
    out = []
    for m in matches:
        text, doc = m.doc.text, m.doc.id
        strict_g = {i for i, _ in m.strict}
        lenient = dict(m.lenient)
        lenient_p = set(lenient.values())
        for i, g in enumerate(m.gold):
            key = {"gold_attrs": dict(g.attrs)} if g.attrs else {}
            if i not in lenient:
                out.append({"doc": doc, "kind": "FN", "start": g.start, "end": g.end, "gold": g.text,
                            "pred": None, **key, "sentence": sentence_at(text, g.start, g.end)})
                continue
            p = m.pred[lenient[i]]
            pair = {"doc": doc, "start": g.start, "end": g.end, "gold": g.text, "pred": text[p.start:p.end],
                    "pred_start": p.start, "pred_end": p.end, "pred_type": p.type, **key,
                    "sentence": sentence_at(text, g.start, g.end)}
            if i not in strict_g:
                out.append({"kind": "BOUNDARY", **pair})
            if _value_error(dict(g.attrs), p):
                out.append({"kind": "VALUE", **pair, "pred_value": p.attrs.get("value")})
        for j, p in enumerate(m.pred):
            if j not in lenient_p:
                out.append({"doc": doc, "kind": "FP", "start": p.start, "end": p.end, "gold": None,
                            "pred": text[p.start:p.end], "pred_type": p.type,
                            "sentence": sentence_at(text, p.start, p.end)})
    return out
