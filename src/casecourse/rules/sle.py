"""2019 EULAR/ACR classification criteria for SLE (Aringer et al., Ann Rheum Dis 2019;78:1151).

Window "ever". Entry: ANA >=1:80 (or an equivalent positive test) at least once. Within a domain only
the highest-weighted criterion counts; >=10 points with >=1 clinical criterion classifies.
Fever, cytopenias, haemolysis and low complement inside an HLH episode or an infection are treated
as better explained by them and not counted (the attribution flag).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from casecourse.model import Assessment, Course, Fact
from casecourse.rules.episodes import attributed_elsewhere, whole_course
from casecourse.rules.evidence import Ev, View, polarity
from casecourse.rules.hlh import fact_text
from casecourse.rules.items import all_of, any_of, item, score

EVER = whole_course()


def attributable(view: View, evaluate: Callable[..., Ev], causes: tuple[str, ...] = ("hlh",)) -> Ev:
    """Evaluate an item counting only facts not explained by HLH/infection.

    `evaluate(accept)` runs the item with a fact filter. Facts possibly explained elsewhere make a
    positive uncertain rather than true.
    """
    strict = evaluate(lambda f: attributed_elsewhere(view, f, causes) is False)
    if strict.value:
        return strict
    lenient = evaluate(lambda f: attributed_elsewhere(view, f, causes) is not True)
    if lenient.value:
        return Ev(None, lenient.facts, "may be explained by HLH/MAS or infection")
    everything = evaluate(None)
    if everything.value:
        return Ev(
            strict.value if strict.value is False else None,
            everything.facts,
            "present only when HLH/MAS or infection explains it better: not counted",
        )
    return strict


def ana_entry(view: View) -> Ev:
    hits, fails, facts = [], [], []
    for r in view.readings("ana"):
        facts.append(r.fact.id)
        if r.value is not None and r.flag not in ("NEG", "N"):
            titre = r.value if r.value >= 1 else 1 / r.value if r.value > 0 else 0
            (hits if titre >= 80 else fails).append(r.fact.id)
        elif r.flag in ("POS", "H", "A"):
            hits.append(r.fact.id)
        elif r.flag in ("NEG", "N"):
            fails.append(r.fact.id)
    if hits:
        return Ev(True, hits, "ANA >=1:80 or positive")
    if fails:
        return Ev(False, fails, "ANA below 1:80 or negative")
    return Ev(None, facts, "no ANA result")


def _nephritis_class(view: View, classes: set[str]) -> Ev:
    def ok(f: Fact) -> bool:
        m = re.findall(r"\bclass (i{1,3}|iv|v|vi|[1-6])\b", fact_text(f))
        roman = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi"}
        return polarity(f) is False or any(roman.get(c, c) in classes for c in m)

    return view.present(("lupus_nephritis",), EVER, accept=ok)


def _criteria(view: View) -> list[tuple[str, bool, str, float, Ev]]:
    """(domain, clinical?, criterion, weight, evidence)."""

    def a(fn, causes=("hlh",)):
        return attributable(view, fn, causes)

    pres, thr, flg = view.present, view.threshold, view.flagged
    low_c3, low_c4, *low_group = (a(lambda acc, k=k: _flag_acc(view, k, acc))
                                  for k in ("c3", "c4", *complement_group(view)))
    return [
        (
            "constitutional",
            True,
            "fever >38.3 °C",
            2,
            a(lambda acc: view.fever(EVER, ">", 38.3, accept=acc), ("hlh", "infection")),
        ),
        (
            "haematologic",
            True,
            "leukopenia <4.0",
            3,
            a(lambda acc: thr("leukocytes", "<", {"10^9/l": 4.0}, EVER, accept=acc)),
        ),
        (
            "haematologic",
            True,
            "thrombocytopenia <100",
            4,
            a(lambda acc: thr("platelets", "<", {"10^9/l": 100.0}, EVER, accept=acc)),
        ),
        (
            "haematologic",
            True,
            "autoimmune haemolysis",
            4,
            a(
                lambda acc: all_of(
                    pres(("hemolysis",), EVER, accept=acc),
                    any_of(
                        flg("coombs", ("POS", "H", "A"), EVER),
                        pres(
                            ("hemolysis",),
                            EVER,
                            accept=lambda f: (acc is None or acc(f)) and "autoimmune" in fact_text(f),
                        ),
                    ),
                )
            ),
        ),
        ("neuropsychiatric", True, "delirium", 2, pres(("delirium",), EVER)),
        ("neuropsychiatric", True, "psychosis", 3, pres(("psychosis",), EVER)),
        ("neuropsychiatric", True, "seizure", 5, pres(("seizure",), EVER)),
        ("mucocutaneous", True, "non-scarring alopecia", 2, pres(("alopecia",), EVER)),
        ("mucocutaneous", True, "oral ulcers", 2, pres(("oral_ulcers",), EVER)),
        (
            "mucocutaneous",
            True,
            "subacute cutaneous or discoid lupus",
            4,
            pres(("chronic_cutaneous_lupus",), EVER),
        ),
        ("mucocutaneous", True, "acute cutaneous lupus", 6, pres(("acute_cutaneous_lupus",), EVER)),
        ("serosal", True, "pleural or pericardial effusion", 5, pres(("pleural_effusion",), EVER)),
        ("serosal", True, "acute pericarditis", 6, pres(("pericarditis",), EVER)),
        ("musculoskeletal", True, "joint involvement", 6, pres(("arthritis",), EVER)),
        ("renal", True, "proteinuria >0.5 g/24h", 4, thr("proteinuria", ">", {"g/24h": 0.5}, EVER)),
        ("renal", True, "renal biopsy class II or V lupus nephritis", 8, _nephritis_class(view, {"ii", "v"})),
        (
            "renal",
            True,
            "renal biopsy class III or IV lupus nephritis",
            10,
            _nephritis_class(view, {"iii", "iv"}),
        ),
        (
            "antiphospholipid",
            False,
            "antiphospholipid antibodies",
            2,
            flg("antiphospholipid", ("POS", "H", "A"), EVER),
        ),
        ("complement", False, "low C3 or low C4", 3, any_of(low_c3, low_c4, *low_group)),
        ("complement", False, "low C3 and low C4", 4, all_of(low_c3, low_c4)),
        (
            "SLE-specific antibodies",
            False,
            "anti-dsDNA or anti-Smith",
            6,
            any_of(flg("anti_dsdna", ("POS", "H", "A"), EVER), flg("anti_sm", ("POS", "H", "A"), EVER)),
        ),
    ]


def complement_group(view: View) -> tuple[str, ...]:
    """ "low complement" as the text wrote it, naming neither C3 nor C4 (the group's own result: one of them low, not
    which), where the course has one."""
    return ("complement",) if view.readings("complement") else ()


def _flag_acc(view: View, key: str, accept) -> Ev:
    """flagged() with a fact filter: low C3/C4 ever."""
    ev = view.flagged(key, ("L",), EVER)
    if accept is None or not ev.value:
        return ev
    kept = [f for f in ev.facts if accept(next(x for x in view.course.facts() if x.id == f))]
    return Ev(True, kept, ev.detail) if kept else Ev(None, ev.facts, "not counted")


def sle_eular_acr_2019(course: Course) -> list[Assessment]:
    view = View(course)
    entry = ana_entry(view)
    crit = _criteria(view)
    items = [item("ANA >=1:80 (entry)", entry)]
    domains: dict[str, dict] = {}
    for dom, clinical, name, w, ev in crit:
        lo, hi = (w, w) if ev.value else ((0, 0) if ev.value is False else (0, w))
        items.append(item(f"{dom}: {name}", ev, (lo, hi)))
        d = domains.setdefault(dom, {"clinical": clinical, "min": 0, "max": 0, "counts": None})
        if lo > d["min"]:
            d["min"], d["counts"] = lo, name
        d["max"] = max(d["max"], hi)
    total_lo = sum(d["min"] for d in domains.values())
    total_hi = sum(d["max"] for d in domains.values())
    clin_true = any(d["min"] > 0 for d in domains.values() if d["clinical"])
    clin_possible = any(d["max"] > 0 for d in domains.values() if d["clinical"])
    if entry.value is False:
        status = "not applicable"
    elif entry.value is None:
        status = "undetermined"
    elif total_lo >= 10 and clin_true:
        status = "met"
    elif total_hi < 10 or not clin_possible:
        status = "not met"
    else:
        status = "undetermined"
    counting = {k: {"criterion": d["counts"], "points": d["min"]} for k, d in domains.items() if d["counts"]}
    unknown = [] if status in ("met", "not applicable") else [i.name for i in items if i.value is None]
    if entry.value is None:
        unknown = ["ANA >=1:80 (entry)"] + [u for u in unknown if u != "ANA >=1:80 (entry)"]
    return [
        Assessment(
            rule="sle_eular_acr_2019",
            at="ever",
            status=status,
            score=score(total_lo, total_hi),
            items=items,
            unknown=unknown,
            notes=[
                f"entry criterion (ANA): {entry.value}",
                "domains that count: "
                + (", ".join(f"{k} {v['points']:g} ({v['criterion']})" for k, v in counting.items()) or "none"),
                "classified when >=10 points with >=1 clinical criterion; only the highest criterion per domain counts",
                "fever, cytopenias, haemolysis and low complement during HLH/MAS or "
                "infection are not counted (attribution)",
                "the anti-dsDNA assay specificity requirement (>=90%) is unverified and not checked",
            ],
            data={"entry": entry.value, "domains": counting, "clinical_criterion": clin_true},
        )
    ]
