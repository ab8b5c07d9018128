"""MAS criteria: 2016 EULAR/ACR/PRINTO for sJIA (Ravelli et al., Ann Rheum Dis 2016) and the 2009
juvenile-SLE guidelines (Parodi et al., Arthritis Rheum 2009). Both are validated in children only;
applying them elsewhere is labelled an extrapolation. Thresholds: CLINICAL_RULES.md section 3.
"""

from __future__ import annotations

import re

from casecourse.model import Assessment, Course, Fact
from casecourse.rules.episodes import whole_course
from casecourse.rules.evidence import Ev, View
from casecourse.rules.hlh import fact_text, fever, windows
from casecourse.rules.items import all_of, at_least, count, item, score
from casecourse.rules.timeaxis import Window


def _population_notes(view: View, disease: str, label: str) -> list[str]:
    notes = []
    age = view.course.patient.age_years
    if age is None or age >= 18:
        notes.append(f"extrapolation in adults: {label} were validated in children only")
    if not view.present((disease,), whole_course()).value and disease == "sjia":
        notes.append("extrapolation: no known or suspected systemic JIA in the course")
    return notes


def mas2016(course: Course) -> list[Assessment]:
    view, wins = windows(course)
    out = []
    for at, win in wins:
        febrile = fever(view, win, 38.0)  # "febrile": no number in the criteria
        ferritin = view.threshold("ferritin", ">", {"ng/ml": 684.0}, win)
        labs = [
            ("platelets <=181", view.threshold("platelets", "<=", {"10^9/l": 181.0}, win)),
            ("AST >48", view.threshold("ast", ">", {"u/l": 48.0}, win)),
            ("triglycerides >156 mg/dL", view.threshold("triglycerides", ">", {"mg/dl": 156.0}, win)),
            ("fibrinogen <=360 mg/dL", view.threshold("fibrinogen", "<=", {"mg/dl": 360.0}, win)),
        ]
        two = at_least([e for _, e in labs], 2)
        verdict = all_of(febrile, ferritin, two)
        t, u = count([e for _, e in labs])
        status = {True: "met", False: "not met", None: "undetermined"}[verdict.value]
        items = [item("febrile", febrile), item("ferritin >684 ng/mL", ferritin)]
        items += [item(n, e) for n, e in labs]
        unknown = [i.name for i in items if i.value is None] if status == "undetermined" else []
        out.append(
            Assessment(
                rule="mas2016",
                at=at,
                status=status,
                score=score(t, t + u),
                items=items,
                unknown=unknown,
                notes=_population_notes(view, "sjia", "the 2016 MAS criteria (sJIA)")
                + ["score = laboratory criteria met (2 of 4 needed, with fever and ferritin >684)"],
                data={"labs_true": t, "labs_unknown": u},
            )
        )
    return out


def _size_cm(f: Fact) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*cm", fact_text(f))
    return float(m.group(1)) if m else None


def _organ(view: View, keys: tuple[str, ...], win: Window) -> Ev:
    ev = view.present(keys, win)
    if ev.value:
        sizes = [s for f in view.facts(*keys) if f.id in ev.facts and (s := _size_cm(f)) is not None]
        if sizes:
            return Ev(max(sizes) >= 3, ev.facts, f"{max(sizes):g} cm below the costal margin")
        return Ev(None, ev.facts, "present, size below the costal margin not given (>=3 cm needed)")
    return ev


def mas_jsle2009(course: Course) -> list[Assessment]:
    view, wins = windows(course)
    out = []
    for at, win in wins:
        clinical = [
            (
                "fever >38 °C",
                fever(view, win, 38.0, ">"),
            ),
            ("hepatomegaly >=3 cm", _organ(view, ("hepatomegaly", "hepatosplenomegaly"), win)),
            ("splenomegaly >=3 cm", _organ(view, ("splenomegaly", "hepatosplenomegaly"), win)),
            ("haemorrhagic manifestations", view.present(("hemorrhage",), win)),
            ("CNS dysfunction", view.present(("cns_dysfunction", "seizure"), win)),
        ]
        lineages = [
            view.threshold("leukocytes", "<=", {"10^9/l": 4.0}, win),
            view.threshold("hemoglobin", "<=", {"g/l": 90.0}, win),
            view.threshold("platelets", "<=", {"10^9/l": 150.0}, win),
        ]
        labs = [
            ("cytopenia >=2 lineages", at_least(lineages, 2)),
            ("AST >40", view.threshold("ast", ">", {"u/l": 40.0}, win)),
            ("LDH >567", view.threshold("ldh", ">", {"u/l": 567.0}, win)),
            ("fibrinogen <=1.5 g/L", view.threshold("fibrinogen", "<=", {"g/l": 1.5}, win)),
            ("triglycerides >178 mg/dL", view.threshold("triglycerides", ">", {"mg/dl": 178.0}, win)),
            ("ferritin >500", view.threshold("ferritin", ">", {"ng/ml": 500.0}, win)),
        ]
        c_ok = at_least([e for _, e in clinical], 1)
        l_ok = at_least([e for _, e in labs], 2)
        verdict = all_of(c_ok, l_ok)
        status = {True: "met", False: "not met", None: "undetermined"}[verdict.value]
        items = [item(n, e) for n, e in clinical + labs]
        ct, cu = count([e for _, e in clinical])
        lt, lu = count([e for _, e in labs])
        out.append(
            Assessment(
                rule="mas_jsle2009",
                at=at,
                status=status,
                score=score(ct + lt, ct + cu + lt + lu),
                items=items,
                unknown=[i.name for i in items if i.value is None] if status == "undetermined" else [],
                notes=_population_notes(view, "sle", "the 2009 juvenile-SLE MAS guidelines")
                + [
                    "needs >=1 clinical and >=2 laboratory criteria at the same time; may not separate MAS "
                    "from some infections"
                ],
                data={"clinical": {"true": ct, "unknown": cu}, "laboratory": {"true": lt, "unknown": lu}},
            )
        )
    return out
