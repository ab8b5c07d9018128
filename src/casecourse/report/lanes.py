"""Timeline lanes: events, diagnoses and findings as labelled markers; one swimlane per drug."""
from __future__ import annotations

from dataclasses import dataclass, replace

from casecourse.model import Assertion, Condition, Course, Exposure, Finding, Procedure
from casecourse.report.bars import Bar, dose_label, exposure_bars
from casecourse.report.frame import EVENT_STYLE, GREY, GUIDE_EVENTS, Frame, marker
from casecourse.report.provenance import EVENT_LABEL, mark_assertion
from casecourse.report.summary import sentence_case
from casecourse.report.svg import Rows, el, text, text_width
from casecourse.report.timescale import Span

ROW = 17.0
DRUG_CLASSES = [  # (class label, colour, keywords matched in drug_class or drug name)
    ("Glucocorticoid", "#E69F00", ("cortic", "steroid", "predniso", "dexameth", "hydrocort",
                                   "methylpred", "betameth", "budesonide", "deflazacort")),
    ("Antimalarial", "#009E73", ("antimalar", "hydroxychloroquine", "chloroquine", "quinacrine",
                                 "mepacrine")),
    ("Cytotoxic / antineoplastic", "#D55E00", ("antineoplast", "cytotox", "alkylat", "etoposide",
                                              "cyclophosphamide", "vincristine", "doxorubicin")),
    ("Biologic / targeted", "#CC79A7", ("biolog", "monoclonal", "interleukin", "tnf", "jak", "mab",
                                        "anakinra", "cept", "tinib", "citinib")),
    ("Immunosuppressant / DMARD", "#0072B2", ("immunosupp", "dmard", "calcineurin", "antimetab",
                                              "mycophenol", "azathioprine", "methotrexate", "ciclosporin",
                                              "cyclosporin", "tacrolimus", "leflunomide", "sulfasalazine",
                                              "sirolimus", "voclosporin")),
]
OTHER_CLASS = ("Other", "#7f7f7f")
ROUTES = {"intravenous": "IV", "iv": "IV", "subcutaneous": "SC", "sc": "SC", "oral": "oral",
          "po": "oral", "intramuscular": "IM", "im": "IM", "topical": "topical"}


_STATUS_WORD = {"active": "taken", "stopped": "stopped", "completed": "completed", "not-taken": "not given"}


def _undated_note(exp: Exposure) -> str:
    """What a lane without dates still says: the last dose and whether the drug was taken ("200mg BD, taken; dates
    not stated in the text" for a letter's current medication)."""
    dose = next((seg.dose.text for seg in reversed(exp.segments) if seg.dose and seg.dose.text), None)
    said = [w for w in (dose, _STATUS_WORD.get(exp.status)) if w]
    return (", ".join(said) + "; " if said else "") + "dates not stated in the text"


def drug_class(exp: Exposure) -> tuple[str, str]:
    hay = f"{exp.drug_class or ''} {exp.drug}".lower()
    for label, colour, keys in DRUG_CLASSES:
        if any(k in hay for k in keys):
            return label, colour
    return OTHER_CLASS


def is_negated(a: Assertion) -> bool:
    return a in (Assertion.negated, Assertion.ruled_out)


def is_suspected(a: Assertion) -> bool:
    return a in (Assertion.suspected, Assertion.hypothetical)


@dataclass
class Item:
    """A labelled marker on a lane."""

    span: Span
    shape: str
    colour: str
    label: str
    fact_id: str
    assertion: Assertion = Assertion.present
    extra_class: str = ""


def marker_lane(fr: Frame, title: str, items: list[Item], y0: float, rows: int = 3,
                lane_class: str = "") -> tuple[str, float]:
    """Markers with their labels to the right, stacked in rows so labels never overlap."""
    if not items:
        return "", 0.0
    placer = Rows(rows)
    parts: list[str] = []
    used = 1
    for it in sorted(items, key=lambda i: (i.span.mid, i.label, i.fact_id)):
        cx = fr.x(it.span.mid)
        w = text_width(it.label, 10.5)
        # a crowded moment takes more rows: up to 3x, or one per item where more items share it (a static image has
        # no tooltip, so a label left out would be lost)
        row = placer.place(cx - 7, cx + 9 + w, grow_to=max(3 * rows, len(items)))
        label_row = row is not None
        if row is None:  # no room for the label (the tooltip has it): find room for the marker alone
            row = placer.place(cx - 7, cx + 7)
        row = row if row is not None else 0
        used = max(used, row + 1)
        cy = y0 + 9 + row * ROW
        neg, sus = is_negated(it.assertion), is_suspected(it.assertion)
        colour = GREY if neg else it.colour
        parts.append(fr.soft_band(it.span, cy, 7, colour))
        cls = f"fact {it.extra_class} {'negated' if neg else 'suspected' if sus else ''}".strip()
        g = [marker(it.shape, cx, cy, 4.6, colour, hollow=neg or sus, dashed=sus)]
        if label_row:
            g.append(text(cx + 8, cy + 3.8, it.label, 10.5, fill="#777" if neg else "#222",
                          style="italic" if neg or sus else None))
        parts.append(el("g", "".join(g), class_=cls, data_fact=it.fact_id))
    height = used * ROW + 4
    head = text(fr.left - 12, y0 + 13, title, 12, "end", weight="bold")
    return el("g", head + "".join(parts), class_=f"lane {lane_class}".strip()), height


# what the event is about makes the mark readable: "Recovery: rash", "Death: septic shock"
DETAILED_EVENTS = frozenset({"recovery", "improvement", "sequela", "death"})


def event_items(course: Course, fr: Frame) -> list[Item]:
    items = []
    follow = [e for e in course.events if e.type == "follow_up" and fr.scale.span(e.time)]
    last_follow = max(follow, key=lambda e: fr.scale.span(e.time).hi, default=None)
    for ev in course.events:
        span = fr.scale.span(ev.time)
        if span is None:
            continue
        shape, colour = EVENT_STYLE.get(ev.type, ("circle", "#333333"))
        label = "Last follow-up" if ev is last_follow else EVENT_LABEL.get(ev.type, ev.type)
        if ev.assertion in (Assertion.negated, Assertion.ruled_out):
            label = label.lower()  # "no relapse"
        if ev.detail and ev.type in DETAILED_EVENTS:
            label += f": {ev.detail if len(ev.detail) <= 28 else ev.detail[:27].rstrip() + '…'}"
        items.append(Item(span, shape, colour, mark_assertion(label, ev.assertion), ev.id, ev.assertion,
                          f"event ev-{ev.type}"))
    return items


def guides(course: Course, fr: Frame, y0: float, y1: float) -> str:
    """Faint vertical lines through every panel at admissions, relapses and flares."""
    out = []
    for ev in course.events:
        span = fr.scale.span(ev.time)
        if span is None or ev.type not in GUIDE_EVENTS or ev.assertion != Assertion.present:
            continue
        x = fr.x(span.mid)
        out.append(el("line", x1=x, y1=float(y0), x2=x, y2=float(y1), stroke=EVENT_STYLE[ev.type][1],
                      stroke_width=1.0, stroke_opacity=0.35, stroke_dasharray="4 3"))
    return "".join(out)


def graded_name(fact: Condition | Finding) -> str:
    """'lung cancer (stage IIIB)', 'neutropenia (grade 3)': the name with the stage or grade the text wrote."""
    marks = [v for v in (fact.stage, fact.grade) if v]
    return f"{fact.name} ({', '.join(marks)})" if marks else fact.name


def condition_items(course: Course, fr: Frame) -> list[Item]:
    items = []
    for c in course.conditions:
        span = fr.scale.span(c.time)
        if span is None:
            continue
        assertion = c.assertion
        if c.status == "refuted":
            assertion = Assertion.ruled_out
        elif c.status in ("provisional", "differential", "unconfirmed") and assertion == Assertion.present:
            assertion = Assertion.suspected
        items.append(Item(span, "diamond", "#CC79A7", mark_assertion(graded_name(c), assertion), c.id, assertion,
                          "condition"))
    return items


def finding_items(course: Course, fr: Frame) -> list[Item]:
    return [Item(s, "circle", "#56B4E9", mark_assertion(graded_name(f), f.assertion), f.id, f.assertion, "finding")
            for f in course.findings if (s := fr.scale.span(f.time))]


PROCEDURE_COLOUR = "#D55E00"  # Okabe-Ito vermillion: --proc in report.css


def procedure_label(p: Procedure) -> str:
    """'plasma exchange ×5'; a procedure not done or only planned is marked by its assertion and status."""
    label = p.name + (f" ×{p.sessions}" if p.sessions else "")
    return f"{label} (planned)" if p.status == "preparation" and p.assertion == Assertion.present else label


def procedure_items(course: Course, fr: Frame) -> list[Item]:
    """Procedures as squares at their start; one not done is hollow and grey, one planned dashed."""
    items = []
    for p in course.procedures:
        span = fr.scale.span(p.time)
        if span is None:
            continue
        assertion = Assertion.negated if p.status == "not-done" else \
            Assertion.hypothetical if p.status == "preparation" and p.assertion == Assertion.present else p.assertion
        items.append(Item(span, "square", PROCEDURE_COLOUR, mark_assertion(procedure_label(p), assertion), p.id,
                          assertion, "procedure"))
    return items


def _route(exps: list[Exposure]) -> str:
    routes = {ROUTES.get((e.route or "").lower(), e.route or "") for e in exps}
    return routes.pop() if len(routes) == 1 else ""


Lane = tuple[str, list[Exposure], list[Bar]]


def _clip_restarts(bars: list[Bar]) -> list[Bar]:
    """A course of a drug with no stated end stops, at the latest, where the drug is started again."""
    bars = sorted(bars, key=lambda b: (b.x0, b.fact_id))
    out = []
    for b in bars:
        later = [o.start for o in bars if o.exposure is not b.exposure and o.start.lo > b.start.hi]
        if b.end_kind in ("unknown", "ongoing") and later:
            nxt = min(later, key=lambda s: s.lo)
            if b.end is None or b.end.hi > nxt.lo:
                b = replace(b, end=Span(nxt.lo, nxt.lo, nxt.lo), end_kind="unknown")
        out.append(b)
    return out


def drug_groups(course: Course, fr: Frame, end_x: float | None) -> list[Lane]:
    """(drug, exposures, bars) per lane, ordered by first start, undated drugs last."""
    groups: dict[str, list[Exposure]] = {}
    for exp in course.exposures:
        groups.setdefault(exp.drug.strip().lower(), []).append(exp)
    rows = []
    for key, exps in groups.items():
        bars = _clip_restarts([b for e in exps for b in exposure_bars(e, fr.scale, end_x)])
        first = min((b.x0 for b in bars), default=float("inf"))
        rows.append((first, key, exps, bars))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [(key, exps, bars) for _, key, exps, bars in rows]


def _bar_svg(fr: Frame, bar: Bar, y: float, h: float, colour: str, room_right: float) -> str:
    exp = bar.exposure
    neg, sus = is_negated(exp.assertion) or exp.status == "not-taken", is_suspected(exp.assertion)
    colour = GREY if neg else colour
    xa, xb = fr.x(bar.start.lo), fr.x(bar.start.hi)
    end = bar.end or bar.start
    xc, xd = fr.x(end.lo), fr.x(end.hi)
    xd = max(xd, xa + 4)
    xb, xc = min(xb, xd), max(min(xc, xd), min(xb, xd))
    if bar.end_kind == "unknown":
        stops = [(xa, 0.15 if xb - xa > 1 else 1.0), (xb, 1.0), (xd, 0.0)]
    else:
        stops = [(xa, 0.15 if xb - xa > 1 else 1.0), (xb, 1.0), (xc, 1.0), (xd, 0.15 if xd - xc > 1 else 1.0)]
    fill = fr.gradient(colour, stops)
    rect = el("rect", x=xa, y=y, width=xd - xa, height=float(h), rx=2.0,
              fill="#ffffff" if neg else fill, fill_opacity=0.55 if sus else None,
              stroke=colour if neg or sus else None, stroke_dasharray="3 2" if neg or sus else None)
    parts = [rect]
    if bar.end_kind == "ongoing":
        d = f"M{xd:.1f},{y - 2:.1f}L{xd + 8:.1f},{y + h / 2:.1f}L{xd:.1f},{y + h + 2:.1f}Z"
        parts.append(el("path", d=d, fill=colour))
    seg = bar.segment
    label = dose_label(seg.dose, seg.timing) if seg else ""
    label = mark_assertion(label or ("not given" if neg else ""), exp.assertion) if neg or sus else label
    solid0, solid1 = xb, (xc if bar.end_kind != "unknown" else xb + (xd - xb) * 0.5)
    w = text_width(label, 10)
    if label and solid1 - solid0 >= w + 8:
        dark = colour in ("#E69F00", "#56B4E9", GREY) or neg or sus
        parts.append(text(solid0 + 4, y + h - 3.5, label, 10, fill="#222" if dark else "#ffffff",
                          weight="bold"))
    elif label and room_right >= w + 6 and bar.end_kind != "ongoing":
        parts.append(text(xd + 4, y + h - 3.5, label, 10, fill="#333"))
    return el("g", "".join(parts), class_="fact bar", data_fact=bar.fact_id, data_drug=exp.drug.lower())


def drug_lanes(course: Course, fr: Frame, y0: float, end_x: float | None) -> tuple[str, float]:
    lane_h, bar_h = 24.0, 15.0
    out: list[str] = []
    y = y0
    for i, (key, exps, bars) in enumerate(drug_groups(course, fr, end_x)):
        _, colour = drug_class(exps[0])
        band = el("rect", x=0.0, y=y, width=fr.width, height=lane_h, fill="#f4f6f8") if i % 2 == 0 else ""
        name = sentence_case(exps[0].drug.strip())
        route = _route(exps)
        label = text(fr.left - 12, y + 16, name, 12, "end", weight="bold")
        if route:
            x_route = fr.left - 12 - text_width(name, 12, bold=True) - 6
            label = text(x_route, y + 16, route, 10.5, "end", fill="#666") + label
        parts = [band, label]
        ordered = sorted(bars, key=lambda b: (b.x0, b.fact_id))
        for j, bar in enumerate(ordered):
            nxt = fr.x(ordered[j + 1].x0) if j + 1 < len(ordered) else fr.width - 4
            room = nxt - fr.x(bar.x1)
            if bar.exposure.stop_reason and all(b.exposure is not bar.exposure for b in ordered[j + 1:]):
                room = 0.0  # the stop reason goes there
            parts.append(_bar_svg(fr, bar, y + (lane_h - bar_h) / 2, bar_h, colour, room))
        for exp in exps:
            stop = exp.stop_reason
            mine = [b for b in ordered if b.exposure is exp]
            if stop and mine:
                xe = fr.x(mine[-1].x1)
                parts.append(el("g", text(xe + 3, y + 16, f"✕ {stop}", 10, fill="#D55E00", style="italic"),
                                class_="fact stop", data_fact=exp.id))
        if not bars:
            parts.append(text(fr.left + 4, y + 16, _undated_note(exps[-1]), 10, fill="#888", style="italic"))
        out.append(el("g", "".join(parts), class_="lane drug-lane", data_drug=key))
        y += lane_h
    return "".join(out), y - y0
