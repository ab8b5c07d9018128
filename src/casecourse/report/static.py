"""Static figures for papers: `render_static(course, "svg" | "png")`.

The figure is the same SVG the HTML page shows (see `html.py` for why hand-built SVG), with a
title line; PNG is rasterised by CairoSVG (libcairo, no browser) at 2× for print.
"""
from __future__ import annotations

from casecourse.model import Course
from casecourse.report.figure import build_figure
from casecourse.report.summary import figure_title

FORMATS = ("svg", "png")


def render_static(course: Course, fmt: str) -> bytes:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown static format {fmt!r}: expected one of {', '.join(FORMATS)}")
    figure = build_figure(course, title=figure_title(course))
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + figure.svg + "\n"
    if fmt == "svg":
        return svg.encode("utf-8")
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2.0)
