"""The drawing frame shared by every section: x mapping, gradients, markers and colours.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from casecourse.report.svg import el, n
from casecourse.report.timescale import Span, TimeScale

EVENT_STYLE = {  # type -> (shape, colour)
    "presentation": ("circle", "#333333"), "admission": ("square", "#0072B2"),
    "readmission": ("square", "#0072B2"), "discharge": ("square-open", "#0072B2"),
    "relapse": ("star", "#D55E00"), "flare": ("triangle", "#E69F00"), "progression": ("star", "#CC3311"),
    "remission": ("circle", "#009E73"), "death": ("cross", "#000000"),
    "follow_up": ("diamond", "#666666"), "diagnosis": ("diamond", "#CC79A7"),
    "recovery": ("diamond", "#009E73"), "improvement": ("triangle", "#56B4E9"), "sequela": ("square", "#CC79A7"),
}
GUIDE_EVENTS = {"admission", "readmission", "relapse", "flare", "progression"}
GREY = "#9a9a9a"


@dataclass
class Frame:
    scale: TimeScale
    dmin: float
    dmax: float
    width: float = 1200.0
    left: float = 250.0
    right: float = 140.0
    defs: list[str] = field(default_factory=list)

    @property
    def plot_x0(self) -> float:
        return self.left

    @property
    def plot_x1(self) -> float:
        return self.width - self.right

    def x(self, v: float) -> float:
        span = (self.dmax - self.dmin) or 1.0
        return self.left + (v - self.dmin) / span * (self.plot_x1 - self.left)

    def gradient(self, color: str, stops: list[tuple[float, float]]) -> str:
        """A horizontal gradient in user space: stops are (x in px, opacity). Returns a url()."""
        gid = f"g{len(self.defs) + 1}"
        x0, x1 = stops[0][0], stops[-1][0]
        width = (x1 - x0) or 1.0
        body = "".join(el("stop", offset=f"{max(0.0, min(1.0, (x - x0) / width)):.4f}",
                          stop_color=color, stop_opacity=f"{o:.2f}") for x, o in stops)
        self.defs.append(el("linearGradient", body, id=gid, gradientUnits="userSpaceOnUse",
                            x1=float(x0), y1=0.0, x2=float(x1), y2=0.0))
        return f"url(#{gid})"

    def soft_band(self, span: Span, y: float, h: float, color: str) -> str:
        """The interval a date may lie in, drawn as a band with soft ends (uncertainty)."""
        x0, x1 = self.x(span.lo), self.x(span.hi)
        if x1 - x0 < 3:
            return ""
        fill = self.gradient(color, [(x0, 0.0), ((x0 + x1) / 2, 0.45), (x1, 0.0)])
        return el("rect", x=x0, y=y - h / 2, width=x1 - x0, height=float(h), fill=fill)


def marker(shape: str, cx: float, cy: float, r: float, color: str, hollow: bool = False,
           dashed: bool = False, **kw: object) -> str:
    """A marker shape; hollow (white fill, coloured outline) for uncertain or negated facts."""
    fill = "#ffffff" if hollow or shape.endswith("-open") else color
    style = dict(fill=fill, stroke=color, stroke_width=1.6, stroke_dasharray="2 1.5" if dashed else None)
    shape = shape.removesuffix("-open")
    if shape == "circle":
        return el("circle", cx=cx, cy=cy, r=float(r), **style, **kw)
    if shape == "square":
        return el("rect", x=cx - r, y=cy - r, width=2.0 * r, height=2.0 * r, **style, **kw)
    if shape == "cross":
        a, b, c, d_ = n(cx - r), n(cy - r), n(cx + r), n(cy + r)
        d = f"M{a},{b}L{c},{d_}M{c},{b}L{a},{d_}"
        return el("path", d=d, fill="none", stroke=color, stroke_width=2.4, **kw)
    if shape == "triangle":
        pts = [(cx, cy - r * 1.15), (cx + r * 1.1, cy + r * 0.85), (cx - r * 1.1, cy + r * 0.85)]
    elif shape == "diamond":
        pts = [(cx, cy - r * 1.2), (cx + r, cy), (cx, cy + r * 1.2), (cx - r, cy)]
    else:  # star
        pts = []
        for i in range(10):
            rr = r * 1.35 if i % 2 == 0 else r * 0.6
            a = -math.pi / 2 + i * math.pi / 5
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d = "M" + "L".join(f"{n(px)},{n(py)}" for px, py in pts) + "Z"
    return el("path", d=d, **style, **kw)
