"""Tiny helpers for writing SVG as text, deterministically (fixed number formatting)."""
from __future__ import annotations

import math
from html import escape

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def esc(s: object) -> str:
    return escape(str(s), quote=True)


def n(v: float) -> str:
    """A coordinate with at most one decimal: the same course always gives the same bytes."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def attrs(**kw: object) -> str:
    parts = []
    for k, v in kw.items():
        if v is None or v is False:
            continue
        key = k.rstrip("_").replace("_", "-")
        parts.append(f'{key}="{n(v) if isinstance(v, float) else esc(v)}"')
    return " ".join(parts)


def el(tag: str, body: str | None = None, **kw: object) -> str:
    a = attrs(**kw)
    open_ = f"<{tag} {a}" if a else f"<{tag}"
    return f"{open_}/>" if body is None else f"{open_}>{body}</{tag}>"


def text(x: float, y: float, s: str, size: float = 11, anchor: str = "start", fill: str = "#222",
         weight: str | None = None, style: str | None = None, **kw: object) -> str:
    return el("text", esc(s), x=float(x), y=float(y), font_size=size, text_anchor=anchor, fill=fill,
              font_weight=weight, font_style=style, **kw)


def text_width(s: str, size: float = 11, bold: bool = False) -> float:
    """Rough width of a label in DejaVu Sans (wide glyphs): good enough to avoid overlaps."""
    return len(s) * size * (0.68 if bold else 0.6)


def wrap_label(s: str, width: float, size: float = 11, bold: bool = False) -> list[str]:
    """`s` in at most two lines of about `width` px (by words; a long name such as "Anti-double-stranded DNA
    antibodies" would run past the page's left edge on one line)."""
    if text_width(s, size, bold) <= width or " " not in s:
        return [s]
    words = s.split(" ")
    first = words[0]
    for k in range(1, len(words)):
        if text_width(" ".join(words[:k + 1]), size, bold) > width:
            break
        first = " ".join(words[:k + 1])
    return [first, s[len(first):].strip()]


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = mag
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            step = m * mag
            break
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def fmt_value(v: float) -> str:
    """12500 -> '12 500', 0.25 -> '0.25' (thin space grouping as in journals)."""
    if abs(v) >= 1000:
        return f"{v:,.0f}".replace(",", "\u2009")
    return f"{v:g}"


class Rows:
    """Greedy label placement: a label goes to the first row where it overlaps nothing."""

    def __init__(self, rows: int):
        self.taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]

    def place(self, x0: float, x1: float, grow_to: int = 0) -> int | None:
        """The row for [x0, x1]; a new row when none has room and there are fewer than `grow_to`."""
        for i, row in enumerate(self.taken):
            if all(x1 + 4 <= a or x0 >= b + 4 for a, b in row):
                row.append((x0, x1))
                return i
        if len(self.taken) < grow_to:
            self.taken.append([(x0, x1)])
            return len(self.taken) - 1
        return None
