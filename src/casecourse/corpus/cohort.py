"""`casecourse corpus cohort`: every patient with all the given conditions who was given a drug: what happened.

One case report tells one patient's story, so a patient is a document. The outcome of one exposure is read by a
fixed rule (OUTCOME_RULE) from the events the course holds; when they do not say, it is "unknown".
"""
from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecourse.corpus.match import PRESENT, SUSPECTED, SUSPECTED_STATUS, resolve, where
from casecourse.corpus.store import connect
from casecourse.rules.outcome import STATE_IF_DENIED, STATE_OF_EVENT  # one mapping for the course and the cohort

OUTCOME_RULE = (
    "per exposure, from events not before its start (event day >= the start's earliest day on the document's axis; "
    "an event whose time is not certainly after the start's, 'March 2019' beside 'on day 4' of that month, counts "
    "only when the text tells it after the start): "
    "'died' if a death follows the start; else the latest event stating a state while on the drug (no later than "
    "its end, or it is still taken) gives '<state> on it': remission, relapse (relapse / flare / progression), "
    "recovered (recovery), improved (improvement), alive with disease (sequela); negated, 'no relapse' gives "
    "remission, 'did not improve' alive with disease, 'no sequelae' recovered; else 'stopped for <reason>' when the "
    "course gives a stop reason; else '<state> after it' for the latest such event after its end; else 'unknown' "
    "(also when the start has no time). The patient's outcome is that of their last exposure to the drug, or "
    "'died' if any says so.")
_COND = ("name", "text", "evidence")
_DRUG = ("drug", "evidence")


def when(r: dict[str, Any], prefix: str) -> str | None:
    """A time as the course gives it: a date or interval, an offset from day 0, or the words written."""
    point, lo, hi = r.get(f"{prefix}_point"), r.get(f"{prefix}_earliest"), r.get(f"{prefix}_latest")
    if point:
        return point
    if lo or hi:
        return f"{lo or '?'}..{hi or '?'}"
    a, b = r.get(f"{prefix}_offset_min"), r.get(f"{prefix}_offset_max")
    if a is not None:
        b = a if b is None else b
        if a == b:
            return f"day {_day(a, round)}"
        lo, hi = _day(a, math.floor), _day(b, math.ceil)
        return f"day {lo}" if lo == hi else f"day {lo}..{hi}"
    return r.get(f"{prefix}_text")


def _day(x: float, whole: Callable[[float], int]) -> str:
    """An offset as a reader takes it: whole days (an estimate's bounds, 62.9375 days from "9 weeks", are no more
    exact than a day; an interval's bounds widen outwards, so it still holds the time), tenths within two days of
    day 0 ("+0.5": hours after admission)."""
    x = whole(x) if abs(x) >= 2 else round(x, 1)
    return "0" if x == 0 else f"{x:+g}"


def _rows(con, sql: str, params: list) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def outcome(x: dict[str, Any], events: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """(outcome, the events after the start) for one exposure row; `events` in the document's order."""
    s_lo, e_hi = x.get("start_day_lo"), x.get("end_day_hi")
    if s_lo is None:
        return ("stopped for " + x["stop_reason"] if x.get("stop_reason") else "unknown"), []
    after = [e for e in events if _after_start(e, x)]
    if any(e["type"] == "death" and e.get("assertion") != "negated" for e in after):
        return "died", after
    ongoing = e_hi is None and x.get("status") in ("active", "unknown")
    on_it = [e for e in after if _state(e) and (ongoing or (e_hi is not None and e["time_day_lo"] <= e_hi))]
    if on_it:
        last = max(enumerate(on_it), key=lambda p: (p[1]["time_day_lo"], p[0]))[1]
        return f"{_state(last)} on it", after
    if x.get("stop_reason"):
        return "stopped for " + x["stop_reason"], after
    later = [e for e in after if _state(e)]
    if later:
        return f"{_state(max(enumerate(later), key=lambda p: (p[1]['time_day_lo'], p[0]))[1])} after it", after
    return "unknown", after


def _after_start(e: dict[str, Any], x: dict[str, Any]) -> bool:
    """The event is not before the exposure's start. One whose time the start's interval does not settle (the
    presenting flare of "March 2019" and a drug started "on day 4" of that month share a month) is after the start
    only when the text tells it after the start, as `rules.lines` reads responses."""
    lo, hi = e.get("time_day_lo"), e.get("time_day_hi")
    s_lo, s_hi = x["start_day_lo"], x.get("start_day_hi")
    if lo is None or lo < s_lo:
        return False
    if s_hi is None or lo >= s_hi and (lo, hi) != (s_lo, s_hi):
        return True
    told, x_told = e.get("span_start"), x.get("span_start")
    return told is None or x_told is None or told > x_told


def _state(e: dict[str, Any]) -> str | None:
    """The state an event states: "relapse" -> relapse; negated ("no relapse") -> remission."""
    return (STATE_IF_DENIED if e.get("assertion") == "negated" else STATE_OF_EVENT).get(e["type"])


def _seq(fid: str) -> tuple[str, int]:
    head, _, n = fid.rpartition("-")
    return (head, int(n)) if n.isdigit() else (fid, 0)


def cohort(store: Path, conditions: list[str], drug: str, include_suspected: bool = False) -> dict[str, Any]:
    con = connect(store)
    assertions = list(PRESENT + (SUSPECTED if include_suspected else ()))
    statuses = ["confirmed"] + (list(SUSPECTED_STATUS) if include_suspected else [])
    docs: set[str] | None = None
    resolved, matched_names = [], {}
    for term in conditions:
        r = resolve(con, "conditions", _COND, ("icd10",), term)
        resolved.append(r.describe())
        cond, params = where(r, _COND, ("icd10",))
        rows = con.execute(f"SELECT doc_id, name FROM conditions WHERE {cond} AND list_contains(?::VARCHAR[], "
                           "assertion) AND list_contains(?::VARCHAR[], status)", [*params, assertions, statuses])
        hits: dict[str, set[str]] = {}
        for doc_id, name in rows.fetchall():
            hits.setdefault(doc_id, set()).add(name)
        docs = set(hits) if docs is None else docs & set(hits)
        for d, names in hits.items():
            matched_names.setdefault(d, []).extend(sorted(names))
    docs = docs or set()
    rd = resolve(con, "exposures", _DRUG, ("drugbank", "atc"), drug)
    resolved.append(rd.describe())
    dcond, dparams = where(rd, _DRUG, ("drugbank", "atc"))
    ids = sorted(docs)
    exposures = _rows(con, f"SELECT * FROM exposures WHERE {dcond} AND list_contains(?::VARCHAR[], doc_id) AND "
                      "assertion IN ('present', 'historical') AND status <> 'not-taken'", [*dparams, ids])
    exposed = sorted({x["doc_id"] for x in exposures})
    patients = []
    for doc_id in exposed:
        doc = _rows(con, "SELECT path, name FROM documents WHERE doc_id = ?", [doc_id])[0]
        pat = (_rows(con, "SELECT sex, age_years FROM patients WHERE doc_id = ?", [doc_id]) or [{}])[0]
        events = sorted(_rows(con, "SELECT * FROM events WHERE doc_id = ? AND assertion IN ('present', 'negated')",
                              [doc_id]), key=lambda e: _seq(e["id"]))
        segs = _rows(con, "SELECT * FROM dose_segments WHERE doc_id = ?", [doc_id])
        xs = sorted((x for x in exposures if x["doc_id"] == doc_id),
                    key=lambda x: (x["start_day_lo"] is None, x["start_day_lo"] or 0, _seq(x["id"])))
        out_x, outcomes = [], []
        for x in xs:
            o, after = outcome(x, events)
            outcomes.append(o)
            out_x.append({
                "id": x["id"], "drug": x["drug"], "evidence": x["evidence"], "route": x["route"],
                "doses": [{"dose": s["dose_text"], "route": s["route"], "frequency": s["timing_text"],
                           "start": when(s, "start"), "end": when(s, "end")}
                          for s in sorted((s for s in segs if s["exposure_id"] == x["id"]), key=lambda s: s["seq"])],
                "start": when(x, "start"), "end": when(x, "end"), "status": x["status"],
                "stop_reason": x["stop_reason"], "line": x["line"], "line_outcomes": list(x["line_outcomes"] or []),
                "after_start": [{"type": ("no " if e.get("assertion") == "negated" else "") + e["type"],
                                 "detail": e.get("detail"), "time": when(e, "time"), "trigger": e["trigger"],
                                 "evidence": e["evidence"]} for e in after],
                "outcome": o})
        follow = [e for e in events if e["type"] == "follow_up" and e.get("time_day_hi") is not None]
        last = max(follow, key=lambda e: e["time_day_hi"]) if follow else None
        patients.append({"doc_id": doc_id, "path": doc["path"], "name": doc["name"], "sex": pat.get("sex"),
                         "last_follow_up": when(last, "time") if last else None,
                         "age_years": pat.get("age_years"), "conditions": sorted(set(matched_names[doc_id])),
                         "exposures": out_x, "outcome": "died" if "died" in outcomes else outcomes[-1]})
    patients.sort(key=lambda p: (p["path"], p["doc_id"]))
    counts: dict[str, int] = {}
    for p in patients:
        counts[p["outcome"]] = counts.get(p["outcome"], 0) + 1
    return {"conditions": conditions, "drug": drug, "include_suspected": include_suspected, "matched_by": resolved,
            "documents": con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0],
            "with_conditions": len(docs), "exposed": len(patients), "outcomes": dict(sorted(counts.items())),
            "outcome_rule": OUTCOME_RULE, "patients": patients}
