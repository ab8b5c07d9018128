"""Assessments placed beside the episode they belong to (`Assessment.at`: an event id or a date)."""
from __future__ import annotations

from casecourse.model import Assessment, Course, TimeRef
from casecourse.report.provenance import EVENT_LABEL
from casecourse.report.timescale import Span, TimeScale, iso_bounds


def assessment_id(i: int) -> str:
    return f"assessment-{i + 1}"


def episode_group_id(label: str) -> str:
    return f"assessments@{label}"


def episode(course: Course, a: Assessment, scale: TimeScale) -> tuple[str, Span | None]:
    """(episode label, where it lies) — ('Whole course', None) when `at` names nothing placeable."""
    if not a.at or a.at.lower() in ("ever", "course", "whole course", "all"):
        return "Whole course", None
    for ev in course.events:
        if ev.id == a.at:
            return f"{EVENT_LABEL.get(ev.type, ev.type)} ({ev.id})", scale.span(ev.time)
    if iso_bounds(a.at):
        return a.at, scale.span(TimeRef(point=a.at))
    return a.at, None


def assessment_label(a: Assessment) -> str:
    rule = a.rule.replace("_", " ")
    if a.score:
        lo, hi = a.score.get("min"), a.score.get("max")
        if lo is not None and hi is not None:
            score = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
            return f"{rule}: {score}"
    if isinstance(a.data.get("outcome"), str):
        return f"{rule}: {a.data['outcome']}"  # the outcome rule: "outcome: remission", not its status
    return f"{rule}: {a.status}"


def assessment_detail(a: Assessment) -> str:
    bits = [f"status {a.status}"]
    met = [i.name for i in a.items if i.value is True]
    if met:
        bits.append("met: " + ", ".join(met))
    if a.unknown:
        more = f" … (+{len(a.unknown) - 6} more)" if len(a.unknown) > 6 else ""
        bits.append("unknown: " + ", ".join(a.unknown[:6]) + more)
    bits += a.notes
    return " · ".join(bits)
