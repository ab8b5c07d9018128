"""Labels and source sentences of the facts, and the full text with facts highlighted by type.

Sentence snippets are cut and highlighted here in Python (character offsets are code points in
the model; JavaScript strings count UTF-16 units, which differ on astral characters).
"""
from __future__ import annotations

from html import escape

from casecourse.model import (
    Assertion,
    Condition,
    Course,
    Event,
    Exposure,
    Finding,
    LabResult,
    Procedure,
    Provenance,
    StatedScore,
)
from casecourse.report.bars import dose_label, exposure_bars
from casecourse.report.svg import fmt_value
from casecourse.report.timescale import TimeScale

END_NOTE = {"unknown": "end not stated", "ongoing": "ongoing at the end of the story",
            "pulse": "end not stated: drawn as a 3-day pulse"}
KIND_LABEL = {"exposure": "Drug", "condition": "Diagnosis", "finding": "Finding", "lab": "Lab",
              "event": "Event", "procedure": "Procedure", "score": "Score"}
EVENT_LABEL = {"presentation": "Presentation", "admission": "Admission", "discharge": "Discharge",
               "readmission": "Readmission", "relapse": "Relapse", "flare": "Flare",
               "remission": "Remission", "death": "Death", "follow_up": "Follow-up",
               "diagnosis": "Diagnosis", "progression": "Progression", "recovery": "Recovery",
               "improvement": "Improvement", "sequela": "Sequela"}


def kind_of(fact: object) -> str:
    return {Exposure: "exposure", Condition: "condition", Finding: "finding", LabResult: "lab",
            Event: "event", Procedure: "procedure", StatedScore: "score"}[type(fact)]


def mark_assertion(label: str, assertion: Assertion) -> str:
    """'no fever' for negated facts, 'fever ?' for suspected: readable in print without colour."""
    if assertion in (Assertion.negated, Assertion.ruled_out):
        return f"no {label}"
    if assertion in (Assertion.suspected, Assertion.hypothetical):
        return f"{label} ?"
    return label


def lab_label(lab: LabResult) -> str:
    if lab.value is not None:
        v = fmt_value(lab.value) + (f"–{fmt_value(lab.value_high)}" if lab.value_high else "") + (
            f"/{fmt_value(lab.diastolic)}" if lab.diastolic is not None else "")  # a blood pressure: both (left16)
        shown = f"{lab.display or lab.test} {lab.comparator or ''}{v} {lab.unit or ''}".strip()
        return f"{shown} (implausible as written)" if lab.implausible else shown
    interp = {"POS": "positive", "NEG": "negative", "H": "high", "L": "low", "N": "normal",
              "A": "abnormal"}.get(lab.interpretation or "", "")
    return f"{lab.display or lab.test} {lab.grade or interp}".strip()


def fact_label(fact: object) -> str:
    if isinstance(fact, Exposure):
        return fact.drug
    if isinstance(fact, Condition):
        return fact.name if fact.status == "confirmed" else f"{fact.name} ({fact.status})"
    if isinstance(fact, Finding):
        return fact.name
    if isinstance(fact, LabResult):
        return lab_label(fact)
    if isinstance(fact, Procedure):
        return _procedure_label(fact)
    if isinstance(fact, StatedScore):
        from casecourse.report.scores import stated_value

        return f"{fact.name} {stated_value(fact)} (stated)"
    if isinstance(fact, Event):
        return EVENT_LABEL.get(fact.type, fact.type) + (f": {fact.trigger}" if fact.trigger else "")
    return str(getattr(fact, "id", ""))


def _procedure_label(p: Procedure) -> str:
    return p.name + (f" ×{p.sessions}" if p.sessions else "")  # the status is in the entry's detail


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    hi_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return lo, hi


def sentence_html(text: str | None, prov: Provenance | None) -> str:
    """The source sentence with the fact's spans wrapped in <mark>."""
    if prov is None or not prov.spans:
        return ""
    if not text:
        return " … ".join(f"<mark>{escape(s.text)}</mark>" for s in prov.spans)
    spans = sorted(((max(0, s.start), min(len(text), s.end)) for s in prov.spans),
                   key=lambda p: (p[0], -p[1]))  # the longer of two spans starting together wins
    if prov.sentence:
        lo, hi = prov.sentence.start, prov.sentence.end
    else:
        lo, hi = _sentence_bounds(text, spans[0][0], spans[-1][1])
    lo, hi = min(lo, spans[0][0]), max(hi, max(b for _, b in spans))
    out, pos = [], lo
    for a, b in spans:
        if a < pos:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:hi]))
    return "".join(out).strip()


def _when(scale: TimeScale, t) -> str:
    if t is None:
        return ""
    parts = []
    if t.text:
        parts.append(f"“{t.text}”")
    span = scale.span(t)
    if span:
        if span.hi - span.lo > 1.5:
            last = span.hi - (1 if scale.mode == "calendar" else 0)
            parts.append(f"{scale.fmt(span.lo)} – {scale.fmt(last)}")
        else:
            parts.append(scale.fmt(span.lo))
    else:
        parts.append("time not stated")
    if t.derivation not in ("stated", "unknown"):
        parts.append(t.derivation)
    return " · ".join(parts)


def _join(*bits: str | None) -> str:
    return " · ".join(b for b in bits if b)


def fact_index(course: Course, scale: TimeScale, end_x: float | None) -> dict[str, dict]:
    """id -> what the page shows on hover/click: kind, label, when, assertion, rule, sentence."""
    index: dict[str, dict] = {}
    for fact in [*course.facts(), *course.procedures]:
        kind = kind_of(fact)
        entry = {"kind": kind, "label": mark_assertion(fact_label(fact), fact.assertion),
                 "when": _when(scale, fact.time), "assertion": fact.assertion.value,
                 "rule": fact.provenance.rule, "sentence": sentence_html(course.text, fact.provenance),
                 "spans": [[s.start, s.end] for s in fact.provenance.spans]}
        index[fact.id] = entry
        if isinstance(fact, Procedure):
            entry["detail"] = _join(fact.status, fact.category, fact.reason and f"for {fact.reason}",
                                    fact.sessions and f"{fact.sessions} {fact.sessions_unit or 'session'}(s)")
            if fact.end:
                entry["when"] += f" → {_when(scale, fact.end)}"
        if isinstance(fact, LabResult) and fact.implausible:
            entry["detail"] = fact.implausible  # the value stays as written; the rules read no evidence from it
        if isinstance(fact, Exposure):
            extra = [x for x in (fact.route, fact.regimen and f"regimen {fact.regimen}",
                                 fact.stop_reason and f"stopped: {fact.stop_reason}") if x]
            entry["detail"] = " · ".join(extra)
            for bar in exposure_bars(fact, scale, end_x):
                if bar.fact_id == fact.id:  # one segment: the bar is the exposure, show both spans
                    entry["detail"] = _join(entry["detail"], END_NOTE.get(bar.end_kind))
                    spans = [*fact.provenance.spans, *(s for s in bar.provenance.spans
                                                       if s not in fact.provenance.spans)]
                    merged = Provenance(spans=spans, rule=fact.provenance.rule,
                                        sentence=fact.provenance.sentence or bar.provenance.sentence)
                    entry["sentence"] = sentence_html(course.text, merged)
                    continue
                seg = bar.segment
                index[bar.fact_id] = {
                    **entry, "detail": _join(entry["detail"], END_NOTE.get(bar.end_kind)),
                    "label": f"{fact.drug} {dose_label(seg.dose, seg.timing)}".strip(),
                    "when": _when(scale, seg.start) + (f" → {_when(scale, seg.end)}" if seg.end else ""),
                    "rule": bar.provenance.rule, "sentence": sentence_html(course.text, bar.provenance),
                    "spans": [[s.start, s.end] for s in bar.provenance.spans]}
    return index


def text_panel_html(course: Course) -> str:
    """The whole source text, each fact's spans wrapped in <mark class="k-KIND" data-fact=ID>."""
    text = course.text or ""
    marks: list[tuple[int, int, str, str]] = []
    for fact in [*course.facts(), *course.procedures]:
        for s in fact.provenance.spans:
            if 0 <= s.start < s.end <= len(text):
                marks.append((s.start, s.end, kind_of(fact), fact.id))
    marks.sort(key=lambda m: (m[0], -m[1], m[3]))
    out, pos = [], 0
    for a, b, kind, fid in marks:
        if a < pos:  # overlapping spans: the first (longest) one wins in the panel
            continue
        out.append(escape(text[pos:a]))
        out.append(f'<mark class="k-{kind}" data-fact="{escape(fid)}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)
