"""FHIR R4 export: one Bundle per narrative, built and validated with fhir.resources.

fhir.resources' R4B models are used: for the resources here R4B and R4 serialise the same JSON.
Shape: ../shared/eval/FHIR_CONTRACT.md. One MedicationStatement per exposure dose segment; dates
are FHIR partial dates at the precision the text supports. A story without calendar dates carries
its times as offsets from day 0 in the extension `RELATIVE_TIME_URL` and no calendar fields.
"""
from __future__ import annotations

import json
import re

from fhir.resources.R4B.bundle import Bundle

from casecourse.model import (
    Assertion,
    Coding,
    Condition,
    Course,
    Dose,
    DoseSegment,
    Exposure,
    LabResult,
    Procedure,
    StatedScore,
    TimeRef,
    Timing,
)

BASE_URL = "https://casecourse.org/fhir/StructureDefinition"
LAB_TEST_SYSTEM = "https://casecourse.org/fhir/CodeSystem/lab-test"
CONDITION_NAME_SYSTEM = "https://casecourse.org/fhir/CodeSystem/condition-name"
PROCEDURE_NAME_SYSTEM = "https://casecourse.org/fhir/CodeSystem/procedure-name"  # the name in knowledge/procedures.csv
RELATIVE_TIME_URL = f"{BASE_URL}/relative-time"   # sub-extensions: anchor, offsetDaysLow, offsetDaysHigh
TIME_ESTIMATE_URL = f"{BASE_URL}/time-estimate"   # sub-extensions: earliest, latest, derivation
ASSERTION_URL = f"{BASE_URL}/assertion"
# how many sessions, cycles or units of a procedure the text states: valueQuantity (value, unit = what is counted)
PROCEDURE_COUNT_URL = f"{BASE_URL}/procedure-count"
# a lab value outside its test's physiological range as written (casecourse/plausibility.py): valueString = the reason;
# the value and unit stay as written, and an Observation.note says the same for a human reader
IMPLAUSIBLE_URL = f"{BASE_URL}/implausible-value"
SUBJECT = {"reference": "Patient/patient"}
_INTERP_DISPLAY = {"H": "High", "L": "Low", "N": "Normal", "POS": "Positive", "NEG": "Negative", "A": "Abnormal"}
_UCUM = "http://unitsofmeasure.org"
# a finding's assertion as an HL7 observation interpretation (a suspected finding states neither)
_PRESENCE = {"present": "POS", "historical": "POS", "negated": "NEG", "ruled_out": "NEG"}


def _date(t: TimeRef | None) -> str | None:
    if t is None:
        return None
    return t.point or (t.earliest if t.earliest and t.earliest == t.latest else None)


def _time_extensions(t: TimeRef | None) -> list[dict]:
    if t is None:
        return []
    out = []
    if t.offset_days is not None:
        out.append({"url": RELATIVE_TIME_URL, "extension": [
            {"url": "anchor", "valueString": t.anchor or "day0"},
            {"url": "offsetDaysLow", "valueDecimal": t.offset_days[0]},
            {"url": "offsetDaysHigh", "valueDecimal": t.offset_days[1]}]})
    if t.derivation in ("estimated", "relative", "carried") and (t.earliest or t.latest):
        sub = [{"url": "derivation", "valueCode": t.derivation}]
        sub += [{"url": k, "valueString": v} for k, v in (("earliest", t.earliest), ("latest", t.latest)) if v]
        out.append({"url": TIME_ESTIMATE_URL, "extension": sub})
    return out


def _timed(res: dict, field: str, t: TimeRef | None) -> dict:
    """Set the resource's date field from a TimeRef, plus the relative/estimate extensions."""
    if _date(t):
        res[field] = _date(t)
    return _with_extensions(res, t)


def _with_extensions(res: dict, t: TimeRef | None) -> dict:
    ext = _time_extensions(t)
    if ext:
        res.setdefault("extension", []).extend(ext)
    return res


def fhir_code(code: str) -> str:
    """A FHIR `code` has no leading, trailing or repeated whitespace: a name read from text with a thin space or a
    run of spaces inside ("graft  disease") would fail the Bundle's validation and lose the whole export."""
    return " ".join(code.split())


def _concept(text: str, codings: list) -> dict:
    out: dict = {"text": text}
    coding = [{"system": c.system, "code": fhir_code(c.code), **({"display": c.display} if c.display else {})}
              for c in codings if fhir_code(c.code)]
    if coding:
        out["coding"] = coding
    return out


def _condition_concept(c: Condition) -> dict:
    """The condition as the text names it in `text`; where that differs from the name the course files it under
    (a vocabulary label), the name stays readable as a display too."""
    codings = list(c.codings)
    if c.text and not any(k.display and k.display.lower() == c.name for k in codings):
        codings.append(Coding(system=CONDITION_NAME_SYSTEM, code=c.name, display=c.name))
    return _concept(c.text or c.name, codings)


def _lab_concept(lab: LabResult) -> dict:
    """The test as the text writes it in `text`; its catalogue name as the display of its LOINC code, or of
    a code in casecourse's lab-test code system where the catalogue gives no LOINC code."""
    codings = lab.codings or [Coding(system=LAB_TEST_SYSTEM, code=lab.test, display=lab.display or lab.test)]
    return _concept(lab.test_text or lab.test, codings)


def _category(test: str) -> str:
    """HL7 observation category: a vital sign of the catalogue (temperature, pulse, blood pressure ...) is
    `vital-signs`, every other result `laboratory`."""
    from casecourse.reading.labs_catalogue import catalogue

    entry = catalogue().get(test)
    return "vital-signs" if entry is not None and entry.kind == "vital" else "laboratory"


def _bp_component(code: str, label: str, quantity: dict) -> dict:
    return {"code": {"coding": [{"system": "http://loinc.org", "code": code, "display": label}], "text": label.lower()},
            "valueQuantity": quantity}


def _stay_end(later: list) -> TimeRef | None:
    """The discharge (or death) that ends a stay: the first one before any further admission."""
    for ev in later:
        if ev.type == "admission":
            return None
        if ev.type in ("discharge", "death"):
            return ev.time
    return None


def _patient(course: Course) -> dict:
    p = course.patient
    res: dict = {"resourceType": "Patient", "id": "patient"}
    if p.sex in ("male", "female", "other", "unknown"):
        res["gender"] = p.sex
    if p.birth_year:
        res["birthDate"] = str(p.birth_year[1])
    death = next((e for e in course.events if e.type == "death"), None)
    if death is not None:  # a calendar date only when the text gives one; otherwise just the fact
        res["deceasedDateTime" if _date(death.time) else "deceasedBoolean"] = _date(death.time) or True
    return res


def _dosage(seg: DoseSegment, route: str | None) -> dict | None:
    d: Dose | None = seg.dose
    out: dict = {}
    if d and d.text:
        out["text"] = d.text
    if d and d.value is not None:
        out["doseAndRate"] = [_dose_and_rate(d, seg.equivalent is not None)]
        if seg.equivalent is not None and seg.equivalent.value is not None:  # "5 mg/kg (230 mg)": both amounts
            out["doseAndRate"].append(_dose_and_rate(seg.equivalent, True))
    if seg.timing and seg.timing.period:
        rep = {"frequency": seg.timing.frequency or 1, "period": seg.timing.period,
               "periodUnit": seg.timing.period_unit}
        out["timing"] = {"repeat": rep}
    r = seg.route or route
    if r:
        out["route"] = {"text": r}
    return out or None


def _split_dosages(seg: DoseSegment, route: str | None) -> list[dict]:
    """A day's dose split over the day ("500 mg in the morning and 250 mg in the evening"): one Dosage per part, all
    of sequence 1 (given together, FHIR Dosage.sequence), each once a day at its time of day where the word names
    one (Timing.repeat.when: MORN, EVE ...) or its clock time (timeOfDay)."""
    out = []
    for part in seg.dose.parts or ():  # type: ignore[union-attr]
        one = _dosage(DoseSegment(dose=part, timing=Timing(frequency=1, period=1.0, period_unit="d"),
                                  route=seg.route), route) or {}
        when, clock = _time_of_day(part.text or "")
        if when:
            one["timing"]["repeat"]["when"] = [when]
        elif clock:
            one["timing"]["repeat"]["timeOfDay"] = [clock]
        out.append({"sequence": 1, **one})
    return out


def _time_of_day(text: str) -> tuple[str | None, str | None]:
    """The FHIR EventTiming code (knowledge/times_of_day.csv) or the clock time ("08:00:00") a dose part names."""
    from casecourse.knowledge import table

    clock = re.search(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h)(?!\w)", text, re.I)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if clock.group(3).lower().startswith("p") else 0) \
            if clock.group(3).lower() != "h" else int(clock.group(1))
        return None, f"{hour:02d}:{clock.group(2) or '00'}:00" if hour < 24 else None
    words = {r["written"]: r["when"] for r in table("times_of_day.csv")}
    for w in re.findall(r"[a-z.]+", text.lower()):
        if words.get(w) or words.get(w.rstrip(".")):
            return words.get(w) or words.get(w.rstrip(".")), None
    return None, None


_DOSE_RATE_TYPE = "http://terminology.hl7.org/CodeSystem/dose-rate-type"


def _dose_and_rate(d: Dose, typed: bool) -> dict:
    """One doseAndRate entry. Where the text gives a dose twice, per body size and as an amount, the amount is the
    `calculated` one and the dose per kg or m2 the `ordered` one (HL7 dose-rate-type)."""
    unit, shown = (d.unit or "").strip(), (d.unit_text or d.unit or "").strip()
    if d.per:
        unit, shown = f"{unit}/{d.per}", f"{shown}/{d.per}"
    quantity: dict = {"value": d.value}
    if unit:  # the unit as the text writes it ("gm"), its UCUM code ("g")
        quantity |= {"unit": shown, "system": _UCUM, "code": unit}
    if d.value_high is not None and d.value is not None:
        # a range ("2.5-3.75 mg per day", a taper's stretch between 60 and 20 mg): both ends, never its low end alone
        entry: dict = {"doseRange": {"low": quantity, "high": {**quantity, "value": d.value_high}}}
    else:
        entry = {"doseQuantity": quantity}
    if typed:
        kind = "ordered" if d.per else "calculated"
        entry["type"] = {"coding": [{"system": _DOSE_RATE_TYPE, "code": kind, "display": kind.capitalize()}]}
    return entry


def _medication_statements(exp: Exposure) -> list[dict]:
    out = []
    for i, seg in enumerate(exp.segments):
        last = i == len(exp.segments) - 1
        start = _date(seg.start) or (_date(exp.time) if i == 0 else None)
        end = _date(seg.end) if not last else _date(exp.end)
        status = exp.status if last else "completed"
        if status == "not-taken" and exp.assertion == Assertion.hypothetical:
            status = "intended"  # a plan's drug ("Start X", "we plan to start X"): to be taken in time to come (left16)
        res: dict = {"resourceType": "MedicationStatement", "id": f"{exp.id}-{i + 1}", "status": status,
                     "medicationCodeableConcept": _concept(exp.drug, exp.codings), "subject": SUBJECT}
        period = {k: v for k, v in (("start", start), ("end", end)) if v}
        if period:
            res["effectivePeriod"] = period
        if last and exp.stop_reason:
            res["statusReason"] = [{"text": exp.stop_reason}]
        dosage = _split_dosages(seg, exp.route) if seg.dose is not None and seg.dose.parts else _dosage(seg, exp.route)
        if dosage:
            res["dosage"] = dosage if isinstance(dosage, list) else [dosage]
        _with_extensions(res, seg.start)
        out.append(_with_extensions(res, exp.end if last else seg.end))
    return out


def bundle_dict(course: Course) -> dict:
    entries: list[dict] = [_patient(course)]
    for c in course.conditions:
        res = {"resourceType": "Condition", "id": c.id, "subject": SUBJECT, "code": _condition_concept(c),
               "verificationStatus": {"coding": [{
                   "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": c.status}]}}
        if c.status != "refuted":
            res["clinicalStatus"] = {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]}
        if c.grade:  # "grade 3 neutropenia": the grade as written (Condition.severity)
            res["severity"] = {"text": c.grade}
        if c.stage:  # "stage IIIB", "pT2N0" as written (Condition.stage.summary)
            res["stage"] = [{"summary": {"text": c.stage}}]
        entries.append(_timed(res, "onsetDateTime", c.time))
    for f in course.findings:
        res = {"resourceType": "Observation", "id": f.id, "status": "final", "subject": SUBJECT,
               "code": _concept(f.name, f.codings),
               "valueCodeableConcept": {"text": "absent" if f.assertion.value in ("negated", "ruled_out") else
                                        "suspected" if f.assertion.value == "suspected" else "present"}}
        presence = _PRESENCE.get(f.assertion.value)
        if presence:  # HL7 POS/NEG: "a presence/absence finding of the specified ... clinical sign"
            res["interpretation"] = [{"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                "code": presence, "display": _INTERP_DISPLAY[presence]}]}]
        graded = [(k, v) for k, v in (("grade", f.grade), ("stage", f.stage)) if v]
        if graded:  # "grade 3 neutropenia": the grade as written, a component of the finding
            res["component"] = [{"code": {"text": k}, "valueString": v} for k, v in graded]
        entries.append(_timed(res, "effectiveDateTime", f.time))
    for lab in course.labs:
        res = {"resourceType": "Observation", "id": lab.id, "status": "final", "subject": SUBJECT,
               "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                         "code": _category(lab.test)}]}],
               "code": _lab_concept(lab)}
        if lab.value is not None:
            q: dict = {"value": lab.value}
            if lab.unit and lab.unit.strip():
                q["unit"] = lab.unit.strip()
            if lab.ucum:
                q |= {"system": _UCUM, "code": lab.ucum}
            elif "unit" in q:  # "2.6 K/dL": kept as written, with no code, and said so
                res["note"] = [{"text": f"unit '{q['unit']}' as written; not a recognised unit (no UCUM code)"}]
            if lab.comparator:
                q["comparator"] = lab.comparator
            if lab.diastolic is not None:  # FHIR vital-signs blood pressure: two components, no value of its own
                res["component"] = [_bp_component(code, label, {**q, "value": v}) for code, label, v in (
                    ("8480-6", "Systolic blood pressure", lab.value), ("8462-4", "Diastolic blood pressure",
                                                                       lab.diastolic))]
            else:
                res["valueQuantity"] = q
        elif lab.grade:
            res["valueString"] = lab.grade
        elif lab.organism:  # "blood cultures grew Staphylococcus aureus": what grew is the culture's value
            res["valueCodeableConcept"] = {"text": lab.organism}
        if lab.interpretation:
            res["interpretation"] = [{"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                "code": lab.interpretation, "display": _INTERP_DISPLAY[lab.interpretation]}]}]
        if lab.implausible:
            res.setdefault("note", []).append({"text": lab.implausible})
            res["extension"] = [{"url": IMPLAUSIBLE_URL, "valueString": lab.implausible}]
        entries.append(_timed(res, "effectiveDateTime", lab.time))
    entries.extend(_stated_score(x) for x in course.scores)
    for exp in course.exposures:
        entries.extend(_medication_statements(exp))
    for i, ev in enumerate(course.events):
        if ev.type != "admission":
            continue
        res = {"resourceType": "Encounter", "id": ev.id, "status": "finished", "subject": SUBJECT,
               "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP",
                         "display": "inpatient encounter"}}
        stay_end = _stay_end(course.events[i + 1:])
        period = {k: v for k, v in (("start", _date(ev.time)), ("end", _date(stay_end))) if v}
        if period:
            res["period"] = period
        entries.append(_with_extensions(res, ev.time))
    entries.extend(_procedure(p) for p in course.procedures)
    entries.extend(_assessment_resources(course))
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"fullUrl": f"urn:casecourse:{r['resourceType']}/{r['id']}", "resource": r} for r in entries]}
    return json.loads(Bundle.model_validate(bundle).model_dump_json(exclude_none=True))


def _stated_score(x: StatedScore) -> dict:
    """A score the text states: an Observation of category survey (HL7: assessment tool / instrument), code LOINC
    where known and the score's name as text, valueInteger (valueQuantity for a score with decimals, e.g. EDSS), or
    the class as written ("Child-Pugh class C") where the text gives no number. The value is the text's; a score a
    casecourse rule also computes is said so in a note (the computed one is its own assessment)."""
    res: dict = {"resourceType": "Observation", "id": x.id, "status": "final", "subject": SUBJECT,
                 "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                           "code": "survey", "display": "Survey"}]}],
                 "code": _concept(x.name, x.codings)}
    if x.value is not None and x.value == int(x.value) and (x.valid_range is None or all(
            b == int(b) for b in x.valid_range)):
        res["valueInteger"] = int(x.value)
    elif x.value is not None:
        res["valueQuantity"] = {"value": x.value, "unit": "score", "system": _UCUM, "code": "{score}"}
    elif x.score_class:
        res["valueCodeableConcept"] = {"text": f"class {x.score_class}"}
    notes = [f"stated in the text: {x.text}"] if x.text else []
    if x.score_class and x.value is not None:
        notes.append(f"class {x.score_class}")
    if x.rule:
        notes.append(f"casecourse also computes this score from the course (rule {x.rule}); both are kept")
    if notes:
        res["note"] = [{"text": n} for n in notes]
    return _timed(res, "effectiveDateTime", x.time)


def _procedure(p: Procedure) -> dict:
    """A Procedure: status completed, not-done (the text denies it) or preparation (only planned or considered);
    performedPeriod where an end is known, else performedDateTime (neither for one not done or only planned); on the
    relative axis the relative-time extension of its start, then of its end."""
    res: dict = {"resourceType": "Procedure", "id": p.id, "status": p.status, "subject": SUBJECT,
                 "code": _concept(p.text or p.name, p.codings or [])}
    if p.text and p.text.lower() != p.name and fhir_code(p.name):  # "intubated": the filed name stays readable
        res["code"].setdefault("coding", []).append(
            {"system": PROCEDURE_NAME_SYSTEM, "code": fhir_code(p.name), "display": p.name})
    if p.category:
        res["category"] = {"text": p.category}
    start, end = _date(p.time), _date(p.end)
    if p.status in ("not-done", "preparation"):
        start = end = None  # nothing was performed: the time the text states it at stays in the extensions
    if end:
        res["performedPeriod"] = {k: v for k, v in (("start", start), ("end", end)) if v}
    elif start:
        res["performedDateTime"] = start
    if p.reason:
        res["reasonCode"] = [{"text": p.reason}]
    if p.sessions is not None:
        unit = p.sessions_unit or "session"
        res["extension"] = [{"url": PROCEDURE_COUNT_URL, "valueQuantity": {"value": p.sessions, "unit": unit}}]
        res["note"] = [{"text": f"{p.sessions} {unit}{'s' if p.sessions != 1 else ''} as stated"}]
    _with_extensions(res, p.time)
    return _with_extensions(res, p.end)


def _assessment_resources(course: Course) -> list[dict]:
    if not course.assessments:
        return []
    try:
        from casecourse.rules.fhir import assessment_resources
    except ImportError:
        return []
    return assessment_resources(course.assessments)


def to_fhir_json(course: Course) -> str:
    return json.dumps(bundle_dict(course), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
