"""The scores the text states, each beside the same score as a casecourse rule computes it (never one for the other).

A stated "HScore was 240" and the rule's HScore 190-230 from the course's facts may differ: the authors may have had
data the text does not give, or scored another day. Both stay visible, side by side.
"""
from __future__ import annotations

from html import escape

from casecourse.model import Course, StatedScore
from casecourse.report.episodes import assessment_label
from casecourse.report.svg import fmt_value


def stated_value(x: StatedScore) -> str:
    """'18', '8/15' as written; 'class C'; 'class B (7)'."""
    if x.score_class:
        return f"class {x.score_class}" + (f" ({fmt_value(x.value)})" if x.value is not None else "")
    return x.value_text or (fmt_value(x.value) if x.value is not None else "")


def computed_beside(course: Course, x: StatedScore) -> list[str]:
    """The labels of the rule's assessments of the same score ('hscore: 190–230 (met, at 2020-03-02)')."""
    out = []
    for a in course.assessments:
        if x.rule and a.rule == x.rule and a.status != "not applicable":
            out.append(f"{assessment_label(a)} ({a.status}" + (f", at {a.at}" if a.at else "") + ")")
    return out


def scores_html(course: Course, when: dict[str, str]) -> str:
    """A table of the stated scores: name, value as written, when, and the computed score where a rule has one.
    `when` maps a score's id to its time as the page shows it."""
    if not course.scores:
        return ""
    rows = []
    for x in course.scores:
        computed = computed_beside(course, x)
        shown = "; ".join(computed) if computed else (f"not computed (rule {x.rule} not applicable)" if x.rule else "")
        rows.append(f'<tr class="fact score" data-fact="{escape(x.id)}"><td>{escape(x.name)}</td>'
                    f"<td><b>{escape(stated_value(x))}</b></td><td>{escape(when.get(x.id, ''))}</td>"
                    f'<td class="muted">{escape(shown)}</td></tr>')
    return ('<section class="scores"><h2>Scores stated in the text</h2><table><thead><tr><th>score</th>'
            "<th>stated</th><th>when</th><th>computed by casecourse</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></section>")
