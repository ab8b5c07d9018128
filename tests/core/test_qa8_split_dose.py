"""A day's dose split over the day is one dose segment with the day's total, the split kept as written (invented
sentences); a taper written with a time of day stays a sequence of segments."""
from __future__ import annotations

import json

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.rules.steroids import daily_mg


def _one(text: str, drug: str):  # noqa: ANN202
    c = analyze_text("A 52-year-old man with epilepsy and polymyalgia rheumatica was seen in June 2020. " + text,
                     assess=False)
    return c, next(x for x in c.exposures if x.drug == drug)


def test_morning_and_evening_doses_are_one_daily_total() -> None:
    _, x = _one("He took levetiracetam 500 mg in the morning and 250 mg in the evening.", "levetiracetam")
    assert len(x.segments) == 1
    d = x.segments[0].dose
    assert d is not None and d.value == 750.0 and d.unit == "mg"
    assert d.text == "500 mg in the morning and 250 mg in the evening"
    assert [p.value for p in d.parts or []] == [500.0, 250.0]


def test_am_pm_prednisone_counts_thirty_mg_a_day() -> None:
    _, x = _one("Prednisone 20 mg am and 10 mg pm was started.", "prednisone")
    assert len(x.segments) == 1
    mg, _ = daily_mg(x.segments[0])
    assert mg == (30.0, 30.0)


def test_three_parts_with_clock_times_and_fhir_shape() -> None:
    c, x = _one("Hydrocortisone 10 mg at 8 am, 5 mg at noon and 5 mg at 5 pm was prescribed.", "hydrocortisone")
    assert [s.dose.value for s in x.segments if s.dose] == [20.0]
    statements = [e["resource"] for e in bundle_dict(c)["entry"]
                  if e["resource"]["resourceType"] == "MedicationStatement"
                  and "hydrocortisone" in json.dumps(e["resource"]["medicationCodeableConcept"]).lower()]
    dosage = statements[0]["dosage"]
    assert [d["doseAndRate"][0]["doseQuantity"]["value"] for d in dosage] == [10.0, 5.0, 5.0]
    assert dosage[0]["timing"]["repeat"]["timeOfDay"] == ["08:00:00"]
    assert dosage[1]["timing"]["repeat"]["when"] == ["NOON"]
    assert {d["sequence"] for d in dosage} == {1}


def test_a_taper_with_a_time_of_day_is_no_split() -> None:
    _, x = _one("Prednisone 40 mg in the morning was started, then tapered to 20 mg in August 2020.", "prednisone")
    assert [s.dose.value for s in x.segments if s.dose] == [40.0, 20.0]


def test_every_morning_and_at_night() -> None:
    _, x = _one("Levetiracetam 500 mg every morning and 750 mg at night was continued.", "levetiracetam")
    assert [(s.dose.value, s.dose.text) for s in x.segments if s.dose] == [
        (1250.0, "500 mg every morning and 750 mg at night")]


def test_two_drugs_each_at_its_time_are_no_split() -> None:
    c, _ = _one("He took levetiracetam 500 mg in the morning and lamotrigine 100 mg in the evening.", "levetiracetam")
    doses = {x.drug: [s.dose.value for s in x.segments if s.dose] for x in c.exposures}
    assert doses == {"levetiracetam": [500.0], "lamotrigine": [100.0]}
