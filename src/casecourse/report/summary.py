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


def outcome_line(course: Course) -> str | None:
    """"Outcome: died (death: refractory shock); last information day 11" from the course's outcome assessment
    (rules/outcome.py); None when the course was not assessed."""
    a = next((a for a in course.assessments if a.rule == "outcome" and a.data.get("outcome")), None)
    if a is None:
        return None
    why = f" ({a.items[0].name})" if a.items else ""
    last = a.data.get("last_information")
    return f"Outcome: {a.data['outcome']}{why}" + (f"; last information {last}" if last else "")


def sentence_case(name: str) -> str:
    """A name as a label's first word: "Ferritin", but "pH", "anti-RNP antibodies" and "C3" as written (a first
    word with a capital already is cased on purpose)."""
    first = name.split(" ", 1)[0]
    return name if any(c.isupper() for c in first) else name[:1].upper() + name[1:]


def condition_status(c: Condition) -> str:
    if c.assertion in (Assertion.negated, Assertion.ruled_out) or c.status == "refuted":
        return "refuted"
    if c.assertion in (Assertion.suspected, Assertion.hypothetical) and c.status == "confirmed":
        return "suspected"
    return c.status


TITLE_WIDTH = 120  # characters that fit the static figure's width (2400 px at 2x) in its title font


def figure_title(course: Course, width: int = TITLE_WIDTH) -> str:
    """The patient and the confirmed diagnoses, in the order told; those that do not fit `width` are counted, not cut
    at the figure's edge ("...; +2 more")."""
    dx = [c.name for c in course.conditions if condition_status(c) == "confirmed"]
    head = f"Clinical course — {patient_line(course)}"
    for n in range(len(dx), -1, -1):
        shown = dx[:n] + ([f"+{len(dx) - n} more" if n else f"{len(dx)} diagnoses"] if n < len(dx) else [])
        title = f"{head} — {'; '.join(shown)}" if shown else head
        if len(title) <= width or n == 0:
            return title
    return head
