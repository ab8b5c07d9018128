"""One-line descriptions of the patient and the diagnoses, for the page header and figure title."""
from __future__ import annotations

from casecourse.model import Assertion, Condition, Course


def patient_line(course: Course) -> str:
    p = course.patient
    bits = []
    if p.sex != "unknown":
        bits.append(p.sex.capitalize())
    if p.age_years is not None:
        bits.append(f"{p.age_years:g} years")
    return ", ".join(bits) or "Patient (sex and age not stated)"


def condition_status(c: Condition) -> str:
    if c.assertion in (Assertion.negated, Assertion.ruled_out) or c.status == "refuted":
        return "refuted"
    if c.assertion in (Assertion.suspected, Assertion.hypothetical) and c.status == "confirmed":
        return "suspected"
    return c.status


def figure_title(course: Course) -> str:
    dx = [c.name for c in course.conditions if condition_status(c) == "confirmed"]
    title = f"Clinical course — {patient_line(course)}"
    return f"{title} — {'; '.join(dx)}" if dx else title
