"""A compact view of a course's drug exposures for the exposure QA tests: drug -> [(status, first start, last end)]."""
from __future__ import annotations

from casecourse.api import analyze_text


def exposures(text: str) -> dict[str, list[tuple[str, object, object]]]:
    out: dict[str, list[tuple[str, object, object]]] = {}
    for e in analyze_text(text, assess=False).exposures:
        first, last = e.segments[0], e.segments[-1]
        out.setdefault(e.drug, []).append((e.status, first.start.point or first.start.offset_days,
                                           (last.end.point or last.end.offset_days) if last.end else None))
    return out
