"""Assessments as FHIR R4 resources: a RiskAssessment for the HScore, an Observation for the rest.

Each dict is validated through the fhir.resources R4B models, which share these resources' shape
with R4. The FHIR exporter appends them to the Bundle.
"""

from __future__ import annotations

import json
import re

from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.riskassessment import RiskAssessment

from casecourse.model import Assessment

RULE_SYSTEM = "https://casecourse.example/rules"
_ABSENT = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
            "code": "unknown",
            "display": "Unknown",
        }
    ]
}


def _rid(i: int, a: Assessment) -> str:
    at = re.sub(r"[^A-Za-z0-9.-]", "-", a.at or "course")
    return f"assessment-{i}-{a.rule.replace('_', '-')}-{at}"[:64]


def _notes(a: Assessment) -> list[dict]:
    text = [f"rule {a.rule} at {a.at or 'course'}: {a.status}"]
    if a.score:
        text.append(f"score range {a.score['min']:g}-{a.score['max']:g}")
    if a.unknown:
        text.append("unknown: " + ", ".join(a.unknown))
    return [{"text": "; ".join(text)}] + [{"text": n} for n in a.notes]


def _band_range(prob: str) -> dict:
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", prob)]
    if prob.startswith("<") and nums:
        return {"low": {"value": 0, "unit": "%"}, "high": {"value": nums[0], "unit": "%"}}
    if prob.startswith(">") and nums:
        return {"low": {"value": nums[0], "unit": "%"}, "high": {"value": 100, "unit": "%"}}
    if nums:
        return {"low": {"value": nums[0], "unit": "%"}, "high": {"value": nums[-1], "unit": "%"}}
    return {}


def _risk(i: int, a: Assessment, patient_ref: str) -> dict:
    prob = a.data.get("probability", {})
    preds = []
    for key in ("min", "max"):
        band = prob.get(key)
        if band:
            preds.append(
                {
                    "outcome": {"text": "reactive haemophagocytic syndrome"},
                    "probabilityRange": _band_range(band["probability"]),
                    "qualitativeRisk": {
                        "text": f"HScore {band['score']}: {band['probability']} (approximate, {band['status']})"
                    },
                }
            )
    d = {
        "resourceType": "RiskAssessment",
        "id": _rid(i, a),
        "status": "final",
        "subject": {"reference": patient_ref},
        "code": {"coding": [{"system": RULE_SYSTEM, "code": a.rule}], "text": "HScore"},
        "method": {"text": "HScore (Fardet et al., Arthritis Rheumatol 2014)"},
        "prediction": preds,
        "note": _notes(a),
    }
    return json.loads(RiskAssessment.model_validate(d).model_dump_json(exclude_none=True))


def _observation(i: int, a: Assessment, patient_ref: str) -> dict:
    d: dict = {
        "resourceType": "Observation",
        "id": _rid(i, a),
        "status": "final",
        "code": {"coding": [{"system": RULE_SYSTEM, "code": a.rule}], "text": a.rule},
        "subject": {"reference": patient_ref},
        "note": _notes(a),
        "interpretation": [{"text": a.status}],
    }
    if a.at and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", a.at):
        d["effectiveDateTime"] = a.at
    if a.data.get("outcome"):  # rule "outcome": how the story ended, as the value
        d["valueString"] = a.data["outcome"]
    elif a.score:
        d["valueRange"] = {"low": {"value": a.score["min"]}, "high": {"value": a.score["max"]}}
    else:
        d["valueString"] = a.status
    comps = []
    for it in a.items:
        c: dict = {"code": {"text": it.name}}
        if it.value is None:
            c["dataAbsentReason"] = _ABSENT
        else:
            c["valueBoolean"] = it.value
        comps.append(c)
    if comps:
        d["component"] = comps
    return json.loads(Observation.model_validate(d).model_dump_json(exclude_none=True))


def assessment_resources(assessments: list[Assessment], patient_ref: str = "Patient/patient") -> list[dict]:
    """One FHIR resource (plain dict) per assessment, in the given order."""
    out = []
    for i, a in enumerate(assessments, 1):
        out.append(_risk(i, a, patient_ref) if a.rule == "hscore" else _observation(i, a, patient_ref))
    return out
