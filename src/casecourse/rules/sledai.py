"""SLEDAI-2K (Gladman et al., J Rheumatol 2002) at each visit, over the preceding 10 days.

Weights and descriptors: CLINICAL_RULES.md section 5. Fever, cytopenias, low complement,
haematuria and pyuria explained by HLH/MAS or infection do not count (attribution flag).
"""

from __future__ import annotations

from dataclasses import dataclass

from casecourse.model import Assertion, Assessment, Course, Event
from casecourse.rules.evidence import Ev, View
from casecourse.rules.items import any_of, item, same_concept, score
from casecourse.rules.sle import attributable, complement_group
from casecourse.rules.timeaxis import Window

WINDOW_DAYS = 10.0
VISIT_TYPES = (
    "presentation",
    "admission",
    "readmission",
    "relapse",
    "flare",
    "follow_up",
    "diagnosis",
    "remission",
    "discharge",
)
SEROLOGY = ("low complement", "increased DNA binding")
# descriptor -> (weight, organ group used by LLDAS "major organ" test, concepts)
ITEMS: list[tuple[str, int, str | None, tuple[str, ...]]] = [
    ("seizure", 8, "cns", ("seizure",)),
    ("psychosis", 8, "cns", ("psychosis",)),
    ("organic brain syndrome", 8, "cns", ("organic_brain_syndrome", "delirium")),
    ("visual disturbance", 8, "cns", ("visual_disturbance",)),
    ("cranial nerve disorder", 8, "cns", ("cranial_neuropathy",)),
    ("lupus headache", 8, "cns", ("lupus_headache",)),
    ("CVA", 8, "cns", ("stroke",)),
    ("vasculitis", 8, "vasculitis", ("vasculitis",)),
    ("arthritis", 4, None, ("arthritis",)),
    ("myositis", 4, None, ("myositis",)),
    ("urinary casts", 4, "renal", ("urinary_casts",)),
    ("haematuria", 4, "renal", ("hematuria",)),
    ("proteinuria", 4, "renal", ()),
    ("pyuria", 4, "renal", ("pyuria",)),
    ("rash", 2, None, ("rash", "acute_cutaneous_lupus", "chronic_cutaneous_lupus")),
    ("alopecia", 2, None, ("alopecia",)),
    ("mucosal ulcers", 2, None, ("oral_ulcers",)),
    ("pleurisy", 2, "cardiopulmonary", ("pleurisy", "pleural_effusion")),
    ("pericarditis", 2, "cardiopulmonary", ("pericarditis",)),
    ("low complement", 2, None, ()),
    ("increased DNA binding", 2, None, ()),
    ("fever", 1, "fever", ("fever",)),
    ("thrombocytopenia", 1, None, ()),
    ("leukopenia", 1, None, ()),
]
_ATTRIBUTABLE = {"fever", "thrombocytopenia", "leukopenia", "low complement", "haematuria", "pyuria"}


@dataclass
class Sledai:
    at: str
    window: Window
    evs: dict[str, Ev]

    def total(self, clinical_only: bool = False) -> tuple[float, float]:
        lo = hi = 0.0
        for name, w, _, _ in ITEMS:
            if clinical_only and name in SEROLOGY:
                continue
            v = self.evs[name].value
            lo += w if v else 0
            hi += w if v is not False else 0
        return lo, hi


def visits(view: View) -> list[Event]:
    evs = [e for e in view.course.events if e.type in VISIT_TYPES and e.assertion != Assertion.negated
           and view.axis.span(e.time)]
    return sorted(evs, key=lambda e: view.axis.span(e.time)[0])  # type: ignore[index]


def visit_window(view: View, ev: Event | None) -> Window:
    if ev is None:
        eos = view.axis.end_of_story()
        return Window("end of story", (eos or 0) - WINDOW_DAYS, eos)
    s = view.axis.span(ev.time)
    others = frozenset(e.id for e in view.course.events if e.id != ev.id)
    return Window(ev.id, s[0] - WINDOW_DAYS, s[1], episode=ev.id, other_episodes=others)  # type: ignore[index]


def evaluate(view: View, win: Window, at: str) -> Sledai:
    pres, thr = view.present, view.threshold
    evs: dict[str, Ev] = {}
    for name, _, _, keys in ITEMS:
        if name == "proteinuria":
            evs[name] = thr("proteinuria", ">", {"g/24h": 0.5}, win)
        elif name == "haematuria":
            evs[name] = attributable(
                view,
                lambda acc: same_concept(
                    pres(("hematuria",), win, accept=acc), thr("urine_rbc", ">", {"/hpf": 5}, win, accept=acc)
                ),
                ("hlh", "infection"),
            )
        elif name == "pyuria":
            evs[name] = attributable(
                view,
                lambda acc: same_concept(
                    pres(("pyuria",), win, accept=acc), thr("urine_wbc", ">", {"/hpf": 5}, win, accept=acc)
                ),
                ("hlh", "infection"),
            )
        elif name == "low complement":
            keys = ("c3", "c4", "ch50", *complement_group(view))
            evs[name] = attributable(view, lambda acc, keys=keys: _low(view, keys, win, acc))
        elif name == "increased DNA binding":
            evs[name] = view.flagged("anti_dsdna", ("H", "POS", "A"), win)
        elif name == "fever":
            evs[name] = attributable(view, lambda acc: view.fever(win, ">", 38.0, accept=acc), ("hlh", "infection"))
        elif name == "thrombocytopenia":
            evs[name] = attributable(view, lambda acc: thr("platelets", "<", {"10^9/l": 100.0}, win, accept=acc))
        elif name == "leukopenia":
            evs[name] = attributable(view, lambda acc: thr("leukocytes", "<", {"10^9/l": 3.0}, win, accept=acc))
        else:
            evs[name] = pres(keys, win)
    return Sledai(at, win, evs)


def _low(view: View, keys: tuple[str, ...], win: Window, accept) -> Ev:
    evs = []
    for k in keys:
        ev = view.flagged(k, ("L",), win)
        if ev.value and accept is not None:
            kept = [f for f in ev.facts if accept(view.axis.by_id[f])]
            ev = Ev(True, kept, ev.detail) if kept else Ev(None, ev.facts, "not counted")
        evs.append(ev)
    return any_of(*evs)


def all_visits(course: Course) -> tuple[View, list[Sledai]]:
    view = View(course)
    vs = visits(view)
    if not vs:
        return view, [evaluate(view, visit_window(view, None), "end of story")]
    return view, [evaluate(view, visit_window(view, e), e.id) for e in vs]


def sledai2k(course: Course) -> list[Assessment]:
    view, results = all_visits(course)
    out = []
    for r in results:
        lo, hi = r.total()
        clo, chi = r.total(clinical_only=True)
        items = [
            item(name, r.evs[name], (w if r.evs[name].value else 0, 0 if r.evs[name].value is False else w))
            for name, w, _, _ in ITEMS
        ]
        out.append(
            Assessment(
                rule="sledai2k",
                at=r.at,
                status="computed",
                score=score(lo, hi),
                items=items,
                unknown=[i.name for i in items if i.value is None],
                notes=[
                    f"window: {WINDOW_DAYS:g} days before the visit"
                    + (f" ({view.axis.label(r.window.lo)} to {view.axis.label(r.window.hi)})"
                       if r.window.lo is not None and r.window.hi is not None else ""),
                    "items explained by HLH/MAS or infection are not counted",
                    "rash, alopecia, mucosal ulcers and proteinuria count when persistent, not only new "
                    "(Gladman et al. 2002 abstract, checked)",
                ],
                data={"clinical_sledai": score(clo, chi)},
            )
        )
    return out
