"""HLH-2004 (Henter et al., Pediatr Blood Cancer 2007) and the HScore (Fardet et al., Arthritis
Rheumatol 2014), evaluated per HLH episode. Thresholds and points: CLINICAL_RULES.md sections 1-2.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from casecourse.model import BEFORE_ADMISSION, Assessment, Course, Fact
from casecourse.rules import bands as B
from casecourse.rules.concepts import data_rows, norm
from casecourse.rules.drugs import IMMUNOSUPPRESSIVE, drug_class
from casecourse.rules.episodes import hlh_episodes, whole_course
from casecourse.rules.evidence import Ev, View
from casecourse.rules.items import any_of, at_least, binary_points, count, item, score
from casecourse.rules.timeaxis import Window


@dataclass(frozen=True)
class HLHConfig:
    fever_cutoff_c: float = 38.5  # HLH-2004 gives no number; 38.5 is the usual reading
    hscore_fever_finding_points: tuple[float, float] = (33.0, 49.0)  # documented fever, no value
    hscore_marrow_strict: bool = True  # HScore item is bone-marrow aspirate only
    hlh2004_liver_counts: bool = False  # later adaptations add liver


DEFAULT = HLHConfig()


def fact_text(f: Fact) -> str:
    parts = [getattr(f, "name", "") or getattr(f, "test", "")]
    if f.provenance.sentence:
        parts.append(f.provenance.sentence.text)
    parts += [s.text for s in f.provenance.spans]
    return norm(" ".join(parts))


def site(f: Fact) -> str | None:
    t = fact_text(f)
    for key, words in (
        ("marrow", ("marrow", "bone marrow", "bm aspirate", "bm biopsy")),
        ("lymph node", ("lymph node", "node biopsy", "lymphadenopathy biopsy")),
        ("spleen", ("spleen", "splenic", "splenectomy")),
        ("liver", ("liver", "hepatic")),
    ):
        if any(w in t for w in words):
            return key
    return None


def windows(course: Course) -> tuple[View, list[tuple[str | None, Window]]]:
    view = View(course)
    eps = hlh_episodes(view)
    return view, ([(e.event.id, e.window) for e in eps] or [(None, whole_course())])


def fever(view: View, win: Window, cutoff: float, op: str = ">=") -> Ev:
    return view.fever(win, op, cutoff)


def hemophagocytosis(
    view: View, win: Window, sites: tuple[str, ...], allow_unknown_site: bool, no_malignancy: bool = False
) -> Ev:
    """Haemophagocytosis at an accepted site; HLH-2004 also asks for no evidence of malignancy."""

    def ok(f: Fact) -> bool:
        s = site(f)
        return s in sites or (s is None and allow_unknown_site)

    ev = view.present(("hemophagocytosis",), win, accept=ok)
    if ev.value and no_malignancy:
        malignant = view.present(("malignancy",), whole_course())
        if malignant.value:
            return Ev(None, ev.facts + malignant.facts, "haemophagocytosis with a malignancy documented")
    other = view.present(("hemophagocytosis",), win, accept=lambda f: not ok(f))
    if ev.value is None and other.value:
        return Ev(None, other.facts, "haemophagocytosis documented at a site this item does not accept")
    return ev


def hlh2004(course: Course, cfg: HLHConfig = DEFAULT) -> list[Assessment]:
    view, wins = windows(course)
    infant = course.patient.age_years is not None and course.patient.age_years < 4 / 52
    out = []
    for at, win in wins:
        hb_cut = 100.0 if infant else 90.0
        lineages = [
            view.threshold("hemoglobin", "<", {"g/l": hb_cut}, win),
            view.threshold("platelets", "<", {"10^9/l": 100.0}, win),
            view.threshold("neutrophils", "<", {"10^9/l": 1.0}, win),
        ]
        sites = ("marrow", "lymph node", "spleen") + (("liver",) if cfg.hlh2004_liver_counts else ())
        crit = [
            ("fever", fever(view, win, cfg.fever_cutoff_c)),
            ("splenomegaly", view.present(("splenomegaly", "hepatosplenomegaly"), win)),
            ("cytopenias >=2 lineages", at_least(lineages, 2)),
            (
                "triglycerides/fibrinogen",
                any_of(
                    view.threshold("triglycerides", ">=", {"mmol/l": 3.0, "mg/dl": 265.0}, win),
                    view.threshold("fibrinogen", "<=", {"g/l": 1.5, "mg/dl": 150.0}, win),
                ),
            ),
            ("haemophagocytosis", hemophagocytosis(view, win, sites, True, no_malignancy=True)),
            # low or absent: "reduced" (L), "undetectable" (NEG: no activity measured)
            ("NK-cell activity", view.flagged("nk_activity", ("L", "A", "NEG"), win)),
            ("ferritin", view.threshold("ferritin", ">=", {"ng/ml": 500.0}, win)),
            ("sCD25", view.threshold("scd25", ">=", {"u/ml": 2400.0}, win)),
        ]
        t, u = count([e for _, e in crit])
        status = "met" if t >= 5 else ("not met" if t + u < 5 else "undetermined")
        items = [item(n, e, binary_points(e, 1)) for n, e in crit]
        items.append(item("molecular diagnosis", Ev(None, [], "not assessed: supply a genetic result")))
        lin = ", ".join(f"{n}={e.value}" for n, e in zip(("Hb", "platelets", "ANC"), lineages, strict=True))
        out.append(
            Assessment(
                rule="hlh2004",
                at=at,
                status=status,
                score=score(t, t + u),
                items=items,
                unknown=[n for n, e in crit if e.value is None],
                notes=[
                    f"{t} true, {u} unknown of 8 (B); 5 needed",
                    f"cytopenia lineages: {lin}",
                    f"fever cut-off {cfg.fever_cutoff_c} °C (configurable)"
                    + ("; infant Hb <100 g/L" if infant else ""),
                ],
                data={"n_true": t, "n_unknown": u, "window": [win.lo, win.hi]},
            )
        )
    return out


_TEMP = {"degc": [(None, 0, "<", 38.4, 0), (">=", 38.4, "<=", 39.4, 33), (">", 39.4, None, 0, 49)]}
_FERRITIN = {"ng/ml": [(None, 0, "<", 2000, 0), (">=", 2000, "<=", 6000, 35), (">", 6000, None, 0, 50)]}
_TG = {
    "mmol/l": [(None, 0, "<", 1.5, 0), (">=", 1.5, "<=", 4.0, 44), (">", 4.0, None, 0, 64)],
    "mg/dl": [(None, 0, "<", 132.7, 0), (">=", 132.7, "<=", 354, 44), (">", 354, None, 0, 64)],
}
_FIB = {
    "g/l": [(">", 2.5, None, 0, 0), (None, 0, "<=", 2.5, 30)],
    "mg/dl": [(">", 250, None, 0, 0), (None, 0, "<=", 250, 30)],
}
_AST = {"u/l": [(None, 0, "<", 30, 0), (">=", 30, None, 0, 19)]}


def immunosuppression(view: View, win: Window) -> Ev:
    """Long-term immunosuppressive therapy before the episode, HIV, or a stated immunosuppression."""
    stated = view.present(("immunosuppression",), whole_course())
    hiv = view.present(("hiv",), whole_course())
    if hiv.value:
        return hiv
    if stated.value is not None:
        return stated
    sure, maybe = [], []
    for x in view.course.exposures:
        if drug_class(x) not in IMMUNOSUPPRESSIVE or x.status == "not-taken":
            continue
        s = view.axis.span(x.time) or view.axis.span(x.segments[0].start if x.segments else None)
        if x.time.text == BEFORE_ADMISSION and not (view.axis.span(x.end) and win.lo is not None and
                                                                 view.axis.span(x.end)[1] < win.lo):
            sure.append(x.id)  # taken since before the admission the story tells, still taken at the episode
            continue
        if s is None or win.lo is None:
            maybe.append(x.id)
            continue
        end = view.axis.span(x.end)
        if end and end[1] < win.lo:
            continue
        (sure if s[1] < win.lo else maybe if s[0] < win.lo else []).append(x.id)
    if sure:
        return Ev(True, sure, "on immunosuppressive therapy before the episode")
    if maybe:
        return Ev(None, maybe, "immunosuppressive therapy, start not certainly before the episode")
    return Ev(None, [], "not documented")


@cache
def _band_rows() -> tuple[tuple[float, float, str, str], ...]:
    """(low, high, probability, status) of each HScore band, read once."""
    rows = data_rows("hscore_bands.csv")
    return tuple((float(r["low"]), float(r["high"]), r["probability"], r["status"]) for r in rows)


def probability_band(s: float) -> dict[str, str]:
    for low, high, probability, status in _band_rows():
        if low <= s <= high:
            return {"score": f"{s:g}", "probability": probability, "status": status}
    return {"score": f"{s:g}", "probability": "?", "status": "unverified"}


def hscore(course: Course, cfg: HLHConfig = DEFAULT) -> list[Assessment]:
    view, wins = windows(course)
    out = []
    for at, win in wins:
        items, lo, hi, unknown = [], 0.0, 0.0, []

        def add(name, ev, pts, detail=None, items=items, unknown=unknown):
            nonlocal lo, hi
            items.append(item(name, ev, pts, detail))
            lo, hi = lo + pts[0], hi + pts[1]
            if pts[0] != pts[1]:
                unknown.append(name)

        imm = immunosuppression(view, win)
        add("immunosuppression", imm, binary_points(imm, 18))
        t = B.banded(view, "temperature", _TEMP, win)
        fev = view.present(("fever",), win)
        if not t.documented and fev.value:
            add("temperature", fev, cfg.hscore_fever_finding_points, "fever documented, value not given")
        elif not t.documented and fev.value is False:
            add("temperature", fev, (0.0, 0.0), "afebrile")
        else:
            add("temperature", Ev(None if t.points[0] != t.points[1] else True, t.facts, t.detail), t.points)
        spl = view.present(("splenomegaly", "hepatosplenomegaly"), win)
        hep = view.present(("hepatomegaly", "hepatosplenomegaly"), win)
        n_true, n_unk = count([spl, hep])
        org = (0.0, 23.0, 38.0)
        add(
            "organomegaly",
            any_of(spl, hep),
            (org[n_true], org[n_true + n_unk]),
            f"spleen={spl.value}, liver={hep.value}",
        )
        lineages = [
            view.threshold("hemoglobin", "<=", {"g/dl": 9.2, "g/l": 92.0, "mmol/l": 5.71}, win),
            view.threshold("leukocytes", "<=", {"10^9/l": 5.0}, win),
            view.threshold("platelets", "<=", {"10^9/l": 110.0}, win),
        ]
        ct, cu = count(lineages)
        cyt = (0.0, 0.0, 24.0, 34.0)
        add(
            "cytopenias",
            at_least(lineages, 2),
            (cyt[ct], cyt[ct + cu]),
            "Hb={}, WBC={}, platelets={}".format(*(e.value for e in lineages)),
        )
        for name, analyte, table in (
            ("ferritin", "ferritin", _FERRITIN),
            ("triglycerides", "triglycerides", _TG),
            ("fibrinogen", "fibrinogen", _FIB),
            ("AST", "ast", _AST),
        ):
            b = B.banded(view, analyte, table, win)
            add(
                name,
                Ev(True if b.documented and b.points[0] == b.points[1] else None, b.facts, b.detail),
                b.points,
            )
        sites = ("marrow",) if cfg.hscore_marrow_strict else ("marrow", "lymph node", "spleen", "liver")
        bm = hemophagocytosis(view, win, sites, allow_unknown_site=not cfg.hscore_marrow_strict)
        add("bone-marrow haemophagocytosis", bm, binary_points(bm, 35))
        status = "met" if lo >= 169 else ("not met" if hi < 169 else "undetermined")
        b_lo, b_hi = probability_band(lo), probability_band(hi)
        notes = [
            "cut-off 169 (Fardet 2014)",
            "probability band approximate (MDCalc-style table, no published formula)",
        ]
        for b in {b_lo["probability"]: b_lo, b_hi["probability"]: b_hi}.values():
            if b["status"] != "verified":
                notes.append(f"band for {b['score']} ({b['probability']}) unverified")
        if cfg.hscore_marrow_strict:
            notes.append("haemophagocytosis counted from bone marrow only (strict)")
        out.append(
            Assessment(
                rule="hscore",
                at=at,
                status=status,
                score=score(lo, hi),
                items=items,
                unknown=unknown,
                notes=notes,
                data={"probability": {"min": b_lo, "max": b_hi, "approximate": True}, "cutoff": 169},
            )
        )
    return out
