"""Procedures in the assembled course and their FHIR Procedure resources (invented stories)."""
from __future__ import annotations

from fhir.resources.R4B.procedure import Procedure as FhirProcedure

from casecourse.api import analyze_text
from casecourse.export.fhir import PROCEDURE_COUNT_URL, RELATIVE_TIME_URL, bundle_dict
from casecourse.model import Assertion

DATED = ("A 41-year-old man was admitted on 3 March 2021 with thrombotic thrombocytopenic purpura. He underwent five "
         "sessions of plasma exchange. On 10 March 2021 he developed acute kidney injury requiring haemodialysis, "
         "which was continued for 10 days. He did not require mechanical ventilation. He was considered for a "
         "kidney transplant. On 25 March 2021 he underwent splenectomy for refractory thrombocytopenia.")
RELATIVE = ("A 60-year-old woman was admitted with pneumonia. On day 3 she was intubated and extubated on day 9. "
            "She developed acute kidney injury and CRRT was started on day 4. She no longer required CRRT on day 15.")


def _by_name(text: str) -> dict:
    return {p.name: p for p in analyze_text(text, assess=False).procedures}


def test_a_dated_story_gives_times_status_sessions_reason_and_end() -> None:
    p = _by_name(DATED)
    assert p["plasma exchange"].sessions == 5 and p["plasma exchange"].status == "completed"
    hd = p["haemodialysis"]
    assert hd.time.point == "2021-03-10" and hd.end is not None and hd.end.point == "2021-03-20"
    assert hd.reason == "acute kidney injury"
    assert p["mechanical ventilation"].status == "not-done"
    assert p["mechanical ventilation"].assertion == Assertion.negated
    assert p["kidney transplantation"].status == "preparation"
    assert p["splenectomy"].time.point == "2021-03-25" and p["splenectomy"].reason == "thrombocytopenia"
    assert [c.code for c in hd.codings] == ["302497006"]


def test_a_relative_story_ends_support_at_extubation_and_at_a_later_denial() -> None:
    p = _by_name(RELATIVE)
    assert p["intubation"].time.offset_days == (2.0, 2.0)
    assert p["intubation"].end is not None and p["intubation"].end.offset_days == (8.0, 8.0)
    crrt = p["continuous renal replacement therapy"]
    assert crrt.status == "completed" and crrt.end is not None and crrt.end.offset_days == (14.0, 14.0)
    assert sum(x.name == "continuous renal replacement therapy" for x in
               analyze_text(RELATIVE, assess=False).procedures) == 1  # the denial ends it, no second fact


def _procedures(text: str) -> dict[str, dict]:
    out = {}
    for e in bundle_dict(analyze_text(text, assess=False))["entry"]:
        r = e["resource"]
        if r["resourceType"] == "Procedure":
            FhirProcedure.model_validate(r)  # each resource is valid R4B on its own too
            out[r["code"]["text"]] = r
    return out


def test_fhir_procedures_carry_status_period_count_and_reason() -> None:
    res = _procedures(DATED)
    assert res["haemodialysis"]["performedPeriod"] == {"start": "2021-03-10", "end": "2021-03-20"}
    assert res["haemodialysis"]["reasonCode"] == [{"text": "acute kidney injury"}]
    assert res["splenectomy"]["performedDateTime"] == "2021-03-25"
    assert res["mechanical ventilation"]["status"] == "not-done" and "performedDateTime" not in res[
        "mechanical ventilation"]
    assert res["kidney transplant"]["status"] == "preparation"
    count = [x for x in res["plasma exchange"]["extension"] if x["url"] == PROCEDURE_COUNT_URL]
    assert count == [{"url": PROCEDURE_COUNT_URL, "valueQuantity": {"value": 5, "unit": "session"}}]


def test_fhir_procedures_on_the_relative_axis_use_the_relative_time_extension() -> None:
    res = _procedures(RELATIVE)
    intubated = res["intubated"]
    assert "performedDateTime" not in intubated and "performedPeriod" not in intubated
    lows = [sub["valueDecimal"] for x in intubated["extension"] if x["url"] == RELATIVE_TIME_URL
            for sub in x["extension"] if sub["url"] == "offsetDaysLow"]
    assert lows == [2.0, 8.0]  # start, then end


def test_the_report_draws_a_procedures_lane() -> None:
    from casecourse.report.figure import build_figure

    svg = build_figure(analyze_text(DATED, assess=False)).svg
    assert "Procedures" in svg and 'data-fact="procedure-1"' in svg


def test_a_procedure_said_to_be_done_is_done_despite_a_negation_cue_before_it() -> None:
    text = ("A 40-year-old man was admitted with abdominal trauma. A laparotomy was performed to exclude organ damage, "
            "and a loop colostomy was performed. No gastrostomy was done.")
    p = _by_name(text)
    assert p["colostomy"].status == "completed" and p["colostomy"].assertion == Assertion.present
    assert p["gastrostomy"].status == "not-done"
