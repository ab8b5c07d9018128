"""The course on one page: a self-contained HTML report (`render_html`).

Chart technology: hand-built SVG generated here in Python, plus ~4 kB of vanilla JS for hover and
click. Why not Vega-Lite or plotly: (1) size — the page for a typical course is tens of kB, far
under the 2 MB budget, where Vega's runtime alone is ~0.9 MB and plotly.js ~4.6 MB; (2) control —
soft-ended bars for uncertain dates, per-segment dose labels, stop reasons and swimlanes are plain
SVG gradients and text, awkward to express in a grammar of graphics; (3) one drawing for screen
and paper — the very same SVG is the static figure (`static.py`), rasterised by CairoSVG, with
no browser or JS engine needed; (4) determinism — no random ids, no timestamps: the same course
gives byte-identical HTML; (5) testability — every fact is a DOM element with `data-fact`.
"""
from __future__ import annotations

import json
from html import escape
from importlib.resources import files

from casecourse.model import Course
from casecourse.report.episodes import (
    assessment_detail,
    assessment_id,
    assessment_label,
    episode,
    episode_group_id,
)
from casecourse.report.figure import build_figure
from casecourse.report.provenance import KIND_LABEL, fact_index, text_panel_html
from casecourse.report.scores import scores_html
from casecourse.report.summary import condition_status, figure_title, outcome_line, patient_line


def _asset(name: str) -> str:
    return (files("casecourse.report") / "assets" / name).read_text(encoding="utf-8")


def _header(course: Course) -> str:
    dx = "".join(
        f'<li class="fact dx st-{escape(condition_status(c))}" data-fact="{escape(c.id)}">'
        f'{escape(c.name)} <span class="badge">{escape(condition_status(c))}</span></li>'
        for c in course.conditions)
    source = f'<p class="source">Source: {escape(course.source.name)}</p>' if course.source else ""
    ending = outcome_line(course)
    ending = f' — <span class="outcome">{escape(ending)}</span>' if ending else ""
    return (f'<header><h1>Clinical course</h1><p class="patient">{escape(patient_line(course))}{ending}</p>'
            f'<ul class="diagnoses">{dx}</ul>{source}</header>')


def _assessments(course: Course, scale) -> str:
    if not course.assessments:
        return ""
    groups: dict[str, list[str]] = {}
    for i, a in enumerate(course.assessments):
        label, _ = episode(course, a, scale)
        groups.setdefault(label, []).append(
            f'<li class="fact assessment" data-fact="{assessment_id(i)}"><b>{escape(assessment_label(a))}</b>'
            f' <span class="muted">{escape(assessment_detail(a))}</span></li>')
    body = "".join(f"<details><summary><b>{escape(k)}</b> <span class=\"muted\">{len(v)} "
                   f"assessment{'s' if len(v) > 1 else ''}</span></summary><ul>{''.join(v)}</ul></details>"
                   for k, v in groups.items())
    return f'<section class="assessments"><h2>Assessments by episode</h2>{body}</section>'


def _index_json(course: Course, fig) -> str:
    index = fact_index(course, fig.scale, fig.end_x)
    groups: dict[str, list[str]] = {}
    for i, a in enumerate(course.assessments):
        label, _ = episode(course, a, fig.scale)
        groups.setdefault(label, []).append(assessment_label(a))
        index[assessment_id(i)] = {"kind": "assessment", "label": assessment_label(a), "when": label,
                                   "assertion": a.status, "rule": a.rule, "sentence": "",
                                   "detail": assessment_detail(a), "spans": []}
    for label, names in groups.items():
        index[episode_group_id(label)] = {"kind": "assessment", "label": f"{len(names)} assessments",
                                          "when": label, "assertion": "", "rule": "", "sentence": "",
                                          "detail": " · ".join(names), "spans": []}
    raw = json.dumps(index, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("</", "<\\/")


def _text_legend(course: Course) -> str:
    return "".join(f'<span class="chip k-{k}">{escape(v)}</span>' for k, v in KIND_LABEL.items()
                   if k != "score" or course.scores)


def render_html(course: Course) -> str:
    """One offline page: header, timeline figure, assessments, and the source text beside it."""
    fig = build_figure(course)
    curve_note = ""
    if fig.curve.skipped:
        skipped = escape("; ".join(fig.curve.skipped))
        curve_note = f'<p class="muted">Not in the glucocorticoid curve: {skipped}</p>'
    text = text_panel_html(course) or '<span class="muted">(no source text in this course)</span>'
    index = fact_index(course, fig.scale, fig.end_x)
    scores = scores_html(course, {x.id: index[x.id]["when"] for x in course.scores if x.id in index})
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>{escape(figure_title(course))}</title>",
        f"<style>{_asset('report.css')}</style></head><body>",
        _header(course),
        '<main class="layout"><section class="chart">',
        f'<div class="figure">{fig.svg}</div>', curve_note, scores, _assessments(course, fig.scale),
        '</section><aside class="side"><div id="detail" class="detail">',
        '<p class="muted">Hover or click any bar, marker or highlighted phrase to see its source.</p></div>',
        f'<h2>Source text</h2><div class="chips">{_text_legend(course)}</div>',
        f'<div id="text" class="text">{text}</div></aside></main>',
        '<div id="tip" class="tip" hidden></div>',
        f'<script type="application/json" id="facts">{_index_json(course, fig)}</script>',
        f"<script>{_asset('report.js')}</script></body></html>\n",
    ])
