"""A Course as table rows: one row per fact, each with its document, fact id, assertion and source span."""
from __future__ import annotations

import json
from typing import Any

from casecourse.model import Coding, Course, Provenance, TimeRef
from casecourse.rules.timeaxis import Axis

Row = dict[str, Any]
# short names of the coding systems the course uses, for the `codes` lists ("ICD10:M32.9", "ATC:L04AC03")
_SYSTEMS = {"http://hl7.org/fhir/sid/icd-10-cm": "ICD10", "http://loinc.org": "LOINC",
            "http://purl.obolibrary.org/obo/hp.owl": "HPO", "http://www.whocc.no/atc": "ATC",
            "https://go.drugbank.com/drugs": "DrugBank", "http://snomed.info/sct": "SNOMED"}


def _system(c: Coding) -> str:
    return _SYSTEMS.get(c.system, c.system)


def codes(codings: list[Coding]) -> list[str]:
    return [c.code if _system(c) == "HPO" and c.code.startswith("HP:") else f"{_system(c)}:{c.code}"
            for c in codings]


def code_of(codings: list[Coding], system: str) -> str | None:
    return next((c.code for c in codings if _system(c) == system), None)


def time_cols(prefix: str, t: TimeRef | None, axis: Axis) -> Row:
    span = axis.span(t) if t is not None else None
    t = t or TimeRef()
    off = t.offset_days
    return {f"{prefix}_text": t.text, f"{prefix}_point": t.point, f"{prefix}_earliest": t.earliest,
            f"{prefix}_latest": t.latest, f"{prefix}_precision": t.precision, f"{prefix}_derivation": t.derivation,
            f"{prefix}_offset_min": off[0] if off else None, f"{prefix}_offset_max": off[1] if off else None,
            f"{prefix}_day_lo": span[0] if span else None, f"{prefix}_day_hi": span[1] if span else None}


def span_cols(p: Provenance | None) -> Row:
    spans = p.spans if p else []
    return {"span_start": min((s.start for s in spans), default=None),
            "span_end": max((s.end for s in spans), default=None),
            "evidence": spans[0].text if spans else None, "rule": p.rule if p else None}


def _lines(course: Course) -> dict[str, tuple[int, list[str]]]:
    """exposure id -> (line number, outcomes) from the lines-of-therapy rule's output."""
    ids = {x.id for x in course.exposures}
    out: dict[str, tuple[int, list[str]]] = {}
    for a in course.assessments:
        if a.rule != "lines_of_therapy":
            continue
        for line in a.data.get("lines", []):
            for fid in line.get("facts", []):
                if fid in ids and fid not in out:
                    out[fid] = (int(line["line"]), list(line.get("outcomes") or []))
    return out


def _dumps(value: Any) -> str | None:
    return None if value in (None, {}, []) else json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def flatten(course: Course, doc_id: str) -> dict[str, list[Row]]:
    axis = Axis(course)
    base = {"doc_id": doc_id}
    p = course.patient
    tables: dict[str, list[Row]] = {"patients": [{
        **base, "id": p.id, "assertion": "present", "sex": p.sex, "age_years": p.age_years,
        **time_cols("age_at", p.age_at, axis), "birth_year_min": p.birth_year[0] if p.birth_year else None,
        "birth_year_max": p.birth_year[1] if p.birth_year else None, **span_cols(p.provenance)}]}

    def fact(f) -> Row:
        return {**base, "id": f.id, "assertion": f.assertion.value, **time_cols("time", f.time, axis),
                **span_cols(f.provenance)}

    tables["conditions"] = [{**fact(c), "name": c.name, "text": c.text, "status": c.status,
                             "icd10": code_of(c.codings, "ICD10"), "hpo": code_of(c.codings, "HPO"),
                             "codes": codes(c.codings)} for c in course.conditions]
    tables["findings"] = [{**fact(f), "name": f.name, "hpo": code_of(f.codings, "HPO"), "codes": codes(f.codings)}
                          for f in course.findings]
    tables["labs"] = [{**fact(x), "test": x.display or x.test, "test_text": x.test_text,
                       "loinc": code_of(x.codings, "LOINC"), "codes": codes(x.codings), "value": x.value,
                       "value_high": x.value_high, "comparator": x.comparator, "unit": x.unit, "ucum": x.ucum,
                       "value_si": x.value_si, "unit_si": x.unit_si, "interpretation": x.interpretation,
                       "grade": x.grade, "diastolic": x.diastolic, "implausible": x.implausible} for x in course.labs]
    lines = _lines(course)
    tables["exposures"], tables["dose_segments"] = [], []
    for x in course.exposures:
        start = x.time if x.time.known or not x.segments else x.segments[0].start
        end = x.end if x.end is not None or not x.segments else x.segments[-1].end
        line = lines.get(x.id)
        row = fact(x)
        for k in list(row):
            if k.startswith("time_"):
                del row[k]
        tables["exposures"].append({
            **row, "drug": x.drug, "drugbank": code_of(x.codings, "DrugBank"), "atc": code_of(x.codings, "ATC"),
            "codes": codes(x.codings), "drug_class": x.drug_class, "route": x.route, "status": x.status,
            "start_reason": x.start_reason, "stop_reason": x.stop_reason, "regimen": x.regimen,
            "line": line[0] if line else None, "line_outcomes": line[1] if line else [],
            "segments": len(x.segments), **time_cols("start", start, axis), **time_cols("end", end, axis)})
        for n, s in enumerate(x.segments, 1):
            d, tm = s.dose, s.timing
            tables["dose_segments"].append({
                **base, "id": f"{x.id}/segment-{n}", "assertion": x.assertion.value, "exposure_id": x.id, "seq": n,
                "drug": x.drug, "dose_value": d.value if d else None, "dose_value_high": d.value_high if d else None,
                "dose_unit": d.unit if d else None, "dose_per": d.per if d else None,
                "dose_text": d.text if d else None,
                "frequency": tm.frequency if tm else None, "period": tm.period if tm else None,
                "period_unit": tm.period_unit if tm else None, "timing_text": tm.text if tm else None,
                "route": s.route or x.route, "length_days": s.length_days, **time_cols("start", s.start, axis),
                **time_cols("end", s.end, axis), **span_cols(s.provenance)})
    tables["events"] = [{**fact(e), "type": e.type, "trigger": e.trigger, "detail": e.detail} for e in course.events]
    tables["procedures"] = []
    for pr in course.procedures:
        tables["procedures"].append({
            **fact(pr), "name": pr.name, "text": pr.text, "category": pr.category, "status": pr.status,
            "reason": pr.reason, "sessions": pr.sessions, "sessions_unit": pr.sessions_unit,
            "codes": codes(pr.codings), **time_cols("end", pr.end, axis)})
    tables["assessments"] = [{
        **base, "id": f"assessment-{n}", "assertion": None, "rule": a.rule, "at": a.at, "status": a.status,
        "score_json": _dumps(a.score), "items_json": _dumps([i.model_dump(exclude_none=True) for i in a.items]),
        "unknown": list(a.unknown), "notes": list(a.notes),
        "facts": sorted({f for i in a.items for f in i.facts}), "data_json": _dumps(a.data)}
        for n, a in enumerate(course.assessments, 1)]
    return tables
