"""A laboratory report's own abnormal flag printed in brackets after a result: "sodium: 120 mEq/L (L)", "CK 304 (H)".

The codes are data (`knowledge/lab_flag_codes.csv`, the H/L/HH/LL flags of laboratory reports), matched
case-sensitively as the whole content of a round or square bracket, so "(Hb)", "(h)" or "(L1)" flag nothing.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table


@cache
def _codes() -> dict[str, str]:
    return {r["code"]: r["interpretation"] for r in table("lab_flag_codes.csv")}


@cache
def _flag_rx() -> re.Pattern[str]:
    alt = "|".join(re.escape(c) for c in sorted(_codes(), key=len, reverse=True))
    return re.compile(rf"[ \t]?(?:\(\s?({alt})\s?\)|\[\s?({alt})\s?\])")


def flag_at(text: str, pos: int) -> tuple[str, int] | None:
    """The interpretation of a bracketed flag starting at `pos` (after at most one space), and where it ends."""
    m = _flag_rx().match(text, pos, pos + 8)
    if m is None:
        return None
    return _codes()[m.group(1) or m.group(2)], m.end()


def flag_at_end(cell: str) -> tuple[str, int] | None:
    """The flag closing a table cell ("304 (H)"): its interpretation and where it starts."""
    stripped = cell.rstrip()
    i = stripped.rfind("(") if stripped.endswith(")") else stripped.rfind("[") if stripped.endswith("]") else -1
    if i < 0:
        return None
    start = i - 1 if i > 0 and stripped[i - 1] in " \t" else i
    found = flag_at(stripped, start)
    return (found[0], start) if found is not None and found[1] == len(stripped) else None
