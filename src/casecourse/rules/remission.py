"""LLDAS (Franklyn et al., Ann Rheum Dis 2016) and 2021 DORIS remission (van Vollenhoven et al., Lupus
Sci Med 2021), at each follow-up visit (or the end of the story). CLINICAL_RULES.md section 6.
"""

from __future__ import annotations

from casecourse.model import Assessment, Course, Event
from casecourse.rules.drugs import canonical, drug_class, maintenance_cap
from casecourse.rules.evidence import Ev, View
from casecourse.rules.items import all_of, item
from casecourse.rules.sledai import ITEMS, SEROLOGY, Sledai, evaluate, visit_window, visits
from casecourse.rules.steroids import daily_mg, dose_over, pieces
from casecourse.rules.timeaxis import Span

MAJOR = {"renal", "cns", "cardiopulmonary", "vasculitis", "fever"}
_INVESTIGATIONAL = ("trial", "investigational", "study drug", "placebo")


def _sure(lo: float, hi: float, cut: float, strict: bool = False) -> bool | None:
    ok_all = hi < cut if strict else hi <= cut
    ok_none = lo >= cut if strict else lo > cut
    return True if ok_all else (False if ok_none else None)


def _pga(view: View, s: Sledai, cut: float, strict: bool) -> Ev:
    return view.threshold("pga", "<" if strict else "<=", {"score": cut}, s.window)


def _gc(view: View, span: Span | None, cut: float) -> Ev:
    ps = pieces(view.course, view.axis, view.axis.end_of_story())
    d = dose_over(ps, span)
    if d is None:
        return Ev(None, [], "visit date unknown")
    hi = float("inf") if d["max"] is None else d["max"]
    facts = sorted({p.exposure.id for p in ps if span and p.active(span[0]) is not False})
    return Ev(
        _sure(d["min"], hi, cut),
        facts,
        f"prednisone-equivalent {d['min']:g}-{'?' if d['max'] is None else format(hi, 'g')} mg/day",
    )


def _drugs(view: View, span: Span | None, caps: bool) -> Ev:  # noqa: C901
    """Maintenance immunosuppressants within standard doses and approved biologics (no trial drugs)."""
    if span is None:
        return Ev(None, [], "visit date unknown")
    verdicts, facts, notes = [], [], []
    for x in view.course.exposures:
        cls = drug_class(x)
        if cls in (None, "glucocorticoid") or x.status == "not-taken":
            continue
        ps = [p for p in pieces_for(view, x) if p[0] is not False]
        if not ps:
            continue
        facts.append(x.id)
        text = " ".join(filter(None, [x.regimen, x.start_reason, x.drug]))
        if any(w in text.lower() for w in _INVESTIGATIONAL):
            verdicts.append(False)
            notes.append(f"{x.drug}: investigational")
            continue
        cap = maintenance_cap(x.drug) if caps else None
        if cap is None:
            verdicts.append(True)
            notes.append(f"{x.drug}: no dose limit" if caps else f"{x.drug}: not investigational")
            continue
        doses = [mg for active, mg in ps if mg]
        if len(doses) < len(ps):
            verdicts.append(None)
            notes.append(f"{x.drug}: dose not given")
        else:
            verdicts.append(_sure(min(d[0] for d in doses), max(d[1] for d in doses), cap))
            notes.append(f"{canonical(x.drug)} <= {cap:g} mg/day: {verdicts[-1]}")
    value = False if False in verdicts else (None if None in verdicts else True)
    return Ev(value, facts, "; ".join(notes) or "no non-glucocorticoid drug at the visit")


def pieces_for(view: View, x) -> list[tuple[bool | None, tuple[float, float] | None]]:
    """(active at the visit?, daily mg) per segment; set by lldas/doris before use."""
    span = view._visit_span  # type: ignore[attr-defined]
    out = []
    for i, seg in enumerate(x.segments or []):
        s = view.axis.span(seg.start) or (view.axis.span(x.time) if i == 0 else None)
        e = view.axis.span(seg.end) if seg.end else view.axis.span(x.end)
        if s is None:
            active = None
        elif s[0] > span[1] or (e is not None and e[1] < span[0]):
            active = False
        else:
            active = (
                True if (s[1] <= span[0] and (e is None and x.status == "active" or e and e[0] >= span[1])) else None
            )
        out.append((active, daily_mg(seg)[0]))
    if not x.segments:
        s = view.axis.span(x.time)
        out.append((None if s is None else (False if s[0] > span[1] else None), None))
    return out


def _new_features(cur: Sledai, prev: Sledai | None) -> Ev:
    new, unsure = [], []
    for name, *_ in ITEMS:
        now = cur.evs[name].value
        before = prev.evs[name].value if prev else None
        if now is False or before is True:
            continue
        if now and before is False:
            new.append(name)
        else:
            unsure.append(name)
    if new:
        return Ev(False, [], "new since the previous assessment: " + ", ".join(new))
    if unsure:
        return Ev(
            None,
            [],
            "not comparable with the previous assessment: "
            + ", ".join(unsure[:6])
            + (" ..." if len(unsure) > 6 else ""),
        )
    return Ev(True, [], "no new features")


def _points(view: View) -> list[tuple[Event | None, Sledai, Sledai | None]]:
    vs = visits(view)
    follow = [e for e in vs if e.type == "follow_up"] or ([vs[-1]] if vs else [None])
    out = []
    for ev in follow:
        win = visit_window(view, ev)
        cur = evaluate(view, win, ev.id if ev else "end of story")
        prior = [
            e for e in vs if ev is not None and e is not ev and view.axis.span(e.time)[1] < view.axis.span(ev.time)[0]
        ]  # type: ignore[index]
        prev = evaluate(view, visit_window(view, prior[-1]), prior[-1].id) if prior else None
        out.append((ev, cur, prev))
    return out


def _assess(course: Course, rule: str) -> list[Assessment]:
    view = View(course)
    out = []
    for ev, cur, prev in _points(view):
        span = (
            view.axis.span(ev.time) if ev else ((cur.window.hi, cur.window.hi) if cur.window.hi is not None else None)
        )
        view._visit_span = span  # type: ignore[attr-defined]
        if rule == "lldas":
            lo, hi = cur.total()
            major = [n for n, _, grp, _ in ITEMS if grp in MAJOR]
            maj_vals = [cur.evs[n].value for n in major]
            haem = view.present(("hemolysis",), cur.window)
            c1 = Ev(
                False
                if (lo > 4 or True in maj_vals or haem.value)
                else (True if hi <= 4 and all(v is False for v in maj_vals) and haem.value is False else None),
                [],
                f"SLEDAI-2K {lo:g}-{hi:g}; major-organ items: "
                + (", ".join(n for n in major if cur.evs[n].value) or "none true"),
            )
            crit = [
                ("SLEDAI-2K <=4, no major organ activity", c1),
                ("no new features", _new_features(cur, prev)),
                ("PGA <=1", _pga(view, cur, 1.0, strict=False)),
                ("prednisolone-equivalent <=7.5 mg/day", _gc(view, span, 7.5)),
                ("standard maintenance immunosuppressants / approved biologics", _drugs(view, span, True)),
            ]
        else:
            clo, chi = cur.total(clinical_only=True)
            clin = [cur.evs[n].value for n, *_ in ITEMS if n not in SEROLOGY]
            c1 = Ev(
                False if True in clin else (True if all(v is False for v in clin) else None),
                [],
                f"clinical SLEDAI-2K {clo:g}-{chi:g}",
            )
            crit = [
                ("clinical SLEDAI-2K = 0", c1),
                ("PGA <0.5", _pga(view, cur, 0.5, strict=True)),
                ("prednisolone-equivalent <=5 mg/day", _gc(view, span, 5.0)),
                ("no investigational drugs", _drugs(view, span, False)),
            ]
        verdict = all_of(*[e for _, e in crit])
        status = {True: "met", False: "not met", None: "undetermined"}[verdict.value]
        notes = ["PGA on the 0-3 scale"]
        if rule == "lldas":
            notes.append("gastrointestinal lupus activity is not assessed (no course concept for it)")
        if rule == "doris":
            notes.append("prednisone <=5 mg/day as in the DORIS abstract; no duration requirement")
        out.append(
            Assessment(
                rule=rule,
                at=cur.at,
                status=status,
                items=[item(n, e) for n, e in crit],
                unknown=[n for n, e in crit if e.value is None] if status == "undetermined" else [],
                notes=notes,
            )
        )
    return out


def lldas(course: Course) -> list[Assessment]:
    return _assess(course, "lldas")


def doris(course: Course) -> list[Assessment]:
    return _assess(course, "doris")
