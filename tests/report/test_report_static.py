"""Static figures for papers: SVG and PNG from the same drawing."""
from __future__ import annotations

import pytest

from casecourse.report.static import render_static


def test_svg_is_standalone_and_deterministic(course):
    svg = render_static(course, "svg")
    assert svg.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert b"Clinical course" in svg and b"<script" not in svg
    assert svg == render_static(course, "svg")


def test_png_is_a_png(course):
    pytest.importorskip("cairosvg", reason="cairosvg (a dependency) is not installed")
    png = render_static(course, "PNG")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_unknown_format_is_refused(course):
    with pytest.raises(ValueError, match="svg, png"):
        render_static(course, "pdf")
