"""Read a FHIR R4 Bundle (the shape in FHIR_CONTRACT.md) back into a Course so it can be assessed.

Patient -> patient; MedicationStatement/Request/Administration -> Exposure (one dose segment each);
Observation with a value or interpretation -> LabResult, without -> Finding; Condition -> Condition
(HPO-coded ones -> Finding); Encounter -> Event (admission unless its type names relapse/flare).
"""

from __future__ import annotations

import re

from casecourse.export.fhir import IMPLAUSIBLE_URL
from casecourse.model import (
    Coding,
    Condition,
    Course,
    Dose,
    DoseSegment,
    Event,
    Exposure,
    Finding,
    LabResult,
    Patient,
    Provenance,
    TimeRef,
    Timing,
)

_PROV = Provenance(rule="fhir-bundle")
_INTERP = {
    "H": "H",
    "HH": "H",
    "HU": "H",
    "L": "L",
    "LL": "L",
    "LU": "L",
    "N": "N",
    "POS": "POS",
    "NEG": "NEG",
    "A": "A",
    "AA": "A",
    "DET": "POS",
    "ND": "NEG",
}
_WORD_INTERP = {
    "positive": "POS",
    "negative": "NEG",
    "high": "H",
    "elevated": "H",
    "low": "L",
    "normal": "N",
    "abnormal": "A",
    "detected": "POS",
    "not detected": "NEG",
}


def when(value: str | None) -> TimeRef:
    if not value:
        return TimeRef()
    date = value[:10]
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")
    return TimeRef(point=date, precision=precision, derivation="stated")  # type: ignore[arg-type]


def _text(cc: dict | None) -> str | None:
    if not cc:
        return None
    return cc.get("text") or next((c.get("display") for c in cc.get("coding", []) if c.get("display")), None)


def _reason_text(value: dict | list | None) -> str | None:
    """statusReason is a list of CodeableConcepts on a MedicationStatement (as the export writes it), one on a
    MedicationRequest: the first with a text either way."""
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), None)
    return _text(value)


def _codings(cc: dict | None) -> list[Coding]:
    return [
        Coding(system=c.get("system", ""), code=c["code"], display=c.get("display"))
        for c in (cc or {}).get("coding", [])
        if c.get("code")
    ]


def _interp(res: dict) -> str | None:
    for cc in res.get("interpretation", []):
        for c in cc.get("coding", []):
            if c.get("code", "").upper() in _INTERP:
                return _INTERP[c["code"].upper()]
        t = (cc.get("text") or "").lower()
        if t in _WORD_INTERP:
            return _WORD_INTERP[t]
    t = (_text(res.get("valueCodeableConcept")) or res.get("valueString") or "").lower().strip()
    return _WORD_INTERP.get(t)


def _exposure(i: str, r: dict) -> Exposure | None:
    name = _text(r.get("medicationCodeableConcept"))
    if not name:
        return None
    period = r.get("effectivePeriod") or {}
    start = when(period.get("start") or r.get("effectiveDateTime") or r.get("authoredOn"))
    end = when(period.get("end")) if period.get("end") else None
    segs, route = [], None
    for dos in r.get("dosage", []) or r.get("dosageInstruction", []):
        dose = None
        for dr in dos.get("doseAndRate", []):
            q = dr.get("doseQuantity")
            if q:
                dose = Dose(value=q.get("value"), unit=q.get("unit"))
        rep = (dos.get("timing") or {}).get("repeat") or {}
        timing = (
            Timing(frequency=rep.get("frequency"), period=rep.get("period"), period_unit=rep.get("periodUnit"))
            if rep.get("period")
            else None
        )
        route = _text(dos.get("route")) or route
        segs.append(DoseSegment(dose=dose, timing=timing, route=route, start=start, end=end))
    status = r.get("status", "unknown")
    status = status if status in ("active", "completed", "stopped", "not-taken") else "unknown"
    reasons = [_text(x) for x in r.get("reasonCode", [])]
    return Exposure(
        id=i,
        drug=name,
        codings=_codings(r.get("medicationCodeableConcept")),
        time=start,
        end=end,
        segments=segs,
        status=status,
        route=route,
        provenance=_PROV,  # type: ignore[arg-type]
        start_reason=next((x for x in reasons if x), None),
        stop_reason=_reason_text(r.get("statusReason")),
    )


def _observation(i: str, r: dict, course: Course) -> None:
    name = _text(r.get("code"))
    if not name:
        return
    t = when(r.get("effectiveDateTime") or (r.get("effectivePeriod") or {}).get("start"))
    q = r.get("valueQuantity")
    interp = _interp(r)
    if q or interp:
        course.labs.append(
            LabResult(
                id=i,
                test=name,
                codings=_codings(r.get("code")),
                time=t,
                provenance=_PROV,
                value=(q or {}).get("value"),
                unit=(q or {}).get("unit"),
                comparator=(q or {}).get("comparator"),
                interpretation=interp,
                grade=r.get("valueString") if not q else None,
                implausible=next((e.get("valueString") for e in r.get("extension", [])
                                  if e.get("url") == IMPLAUSIBLE_URL), None),
            )
        )  # type: ignore[arg-type]
    else:
        course.findings.append(Finding(id=i, name=name, codings=_codings(r.get("code")), time=t, provenance=_PROV))


def _condition(i: str, r: dict, course: Course) -> None:
    name = _text(r.get("code"))
    if not name:
        return
    t = when(r.get("onsetDateTime") or (r.get("onsetPeriod") or {}).get("start") or r.get("recordedDate"))
    codings = _codings(r.get("code"))
    status = next((c.get("code") for c in (r.get("verificationStatus") or {}).get("coding", [])), "confirmed")
    status = {"entered-in-error": "refuted"}.get(status, status)
    if status not in ("confirmed", "provisional", "differential", "unconfirmed", "refuted"):
        status = "confirmed"
    if any("hpo" in c.system.lower() or c.code.startswith("HP:") for c in codings):
        course.findings.append(
            Finding(
                id=i,
                name=name,
                codings=codings,
                time=t,
                provenance=_PROV,
                assertion="negated" if status == "refuted" else "present",
            )
        )
    else:
        course.conditions.append(Condition(id=i, name=name, codings=codings, time=t, provenance=_PROV, status=status))  # type: ignore[arg-type]


def _encounter(i: str, r: dict) -> Event:
    words = " ".join(filter(None, [_text(x) for x in r.get("type", []) + r.get("reasonCode", [])])).lower()
    typ = next((k for k in ("relapse", "flare", "readmission") if k in words), "admission")
    return Event(
        id=i,
        type=typ,
        time=when((r.get("period") or {}).get("start")),
        provenance=_PROV,  # type: ignore[arg-type]
        trigger=words or None,
    )


def bundle_to_course(bundle: dict) -> Course:
    if bundle.get("resourceType") != "Bundle":
        raise ValueError("not a FHIR Bundle")
    course = Course(generator="fhir-bundle")
    for n, entry in enumerate(bundle.get("entry", []), 1):
        r = entry.get("resource") or {}
        rt = r.get("resourceType", "")
        i = re.sub(r"[^A-Za-z0-9._-]", "-", f"{rt}-{r.get('id') or n}")
        if rt == "Patient":
            sex = r.get("gender", "unknown")
            birth = r.get("birthDate")
            course.patient = Patient(
                id=r.get("id", "patient"),
                sex=sex if sex in ("male", "female", "other") else "unknown",
                birth_year=(int(birth[:4]), int(birth[:4])) if birth else None,
            )
        elif rt in ("MedicationStatement", "MedicationRequest", "MedicationAdministration"):
            x = _exposure(i, r)
            if x:
                course.exposures.append(x)
        elif rt == "Observation":
            _observation(i, r, course)
        elif rt == "Condition":
            _condition(i, r, course)
        elif rt == "Encounter":
            course.events.append(_encounter(i, r))
    return course
