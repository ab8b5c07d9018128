"""Reasoning over a course: clinical criteria, scores, steroid exposure and lines of therapy.

Every rule is a pure function `Course -> list[Assessment]` registered in `REGISTRY`;
`assess_course` runs them all. Unknown inputs are never read as normal: scores are ranges.
"""

from __future__ import annotations

from casecourse.model import Assessment, Course

__all__ = ["REGISTRY", "assess_course"]


def assess_course(course: Course, rules: list[str] | None = None) -> list[Assessment]:
    from casecourse.rules.registry import assess_course as _run

    return _run(course, rules)


def __getattr__(name: str):
    if name == "REGISTRY":
        from casecourse.rules.registry import REGISTRY

        return REGISTRY
    raise AttributeError(name)
