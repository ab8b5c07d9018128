"""A step taper's stretch and its end, a course stopped after a length of treatment, and an analyte's control that is
no drug given (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _prednisolone(text: str) -> list[tuple[float | None, float | None, str | None, str | None, str | None]]:
    c = analyze_text(text, assess=False)
    x = next(x for x in c.exposures if x.drug == "prednisolone")
    return [(s.dose.value if s.dose else None, s.dose.value_high if s.dose else None, s.start.earliest,
             s.start.latest, s.end.point if s.end else None) for s in x.segments]


def test_a_step_taper_is_a_stretch_between_its_doses_until_the_target_is_reached() -> None:
    segs = _prednisolone("A 72-year-old woman presented on 4 January 2021 with headache. Oral prednisolone 60 mg daily "
                         "was started. Four weeks later prednisolone was tapered by 10 mg every two weeks to 20 mg "
                         "daily.")
    assert [(lo, hi) for lo, hi, *_ in segs] == [(60.0, None), (20.0, 60.0), (20.0, None)]
    # four steps of two weeks from 1 February: 20 mg reached six to eight weeks later, never a single made-up day
    assert segs[2][2] == "2021-03-12" and segs[2][3] == "2021-04-01"
    assert segs[0][4] == "2021-02-01"


def test_a_taper_without_its_step_or_from_an_unknown_dose_moves_nothing() -> None:
    segs = _prednisolone("A 72-year-old woman presented on 4 January 2021 with headache. Oral prednisolone was "
                         "started. Four weeks later prednisolone was tapered by 10 mg every two weeks to 20 mg daily.")
    assert all(hi is None for _, hi, *_ in segs)


def test_a_course_stopped_after_a_length_of_treatment_ends_that_long_after_its_start() -> None:
    c = analyze_text("A 72-year-old woman presented in January 2021 with headache. In May 2021 tocilizumab 162 mg "
                     "weekly was started. Prednisolone was stopped in March 2022. She remained in remission on "
                     "tocilizumab, which was discontinued after 12 months of treatment.", assess=False)
    toci = next(x for x in c.exposures if x.drug == "tocilizumab")
    assert toci.end is not None and toci.end.point == "2022-05"
    assert [e.time.point for e in c.events if e.type == "remission"] == ["2022-05"]
    c = analyze_text("A man was admitted with septic shock. Dopamine was started on day 2 and stopped after 4 days of "
                     "admission.", assess=False)
    dopamine = next(x for x in c.exposures if x.drug == "dopamine")
    assert dopamine.end is None or dopamine.end.anchor != "exposure start"


def test_glucose_control_is_no_glucose_given() -> None:
    c = analyze_text("A 70-year-old woman with diabetes. Her glucose control deteriorated (HbA1c 71 mmol/mol) and "
                     "gliclazide 80 mg twice daily was added. Later she was hypoglycaemic and was given 50 mL of 50% "
                     "glucose intravenously.", assess=False)
    assert sorted(x.drug for x in c.exposures) == ["gliclazide", "glucose"]
    glucose = next(x for x in c.exposures if x.drug == "glucose")
    assert glucose.provenance.spans[0].start > c.text.index("Later")


def test_the_same_amount_by_another_route_is_a_new_dose_stretch() -> None:
    c = analyze_text("A 38-year-old woman was admitted on 12 September 2022 with TTP. Caplacizumab was given as a "
                     "10 mg intravenous bolus followed by 10 mg subcutaneously daily.", assess=False)
    segs = next(x for x in c.exposures if x.drug == "caplacizumab").segments
    assert [(s.dose.value, s.route) for s in segs] == [(10.0, "intravenous"), (10.0, "subcutaneous")]


def test_a_drug_stopped_once_its_target_was_reached_is_stopped_for_remission() -> None:
    base = "A 38-year-old woman was admitted on 12 September 2022 with TTP. Caplacizumab 10 mg daily was started. "
    for told in ("once ADAMTS13 activity had recovered to 45%", "once the platelet count had normalised"):
        c = analyze_text(base + f"Caplacizumab was stopped {told}.", assess=False)
        assert [(x.status, x.stop_reason) for x in c.exposures] == [("stopped", "remission")]


def test_a_dose_range_is_exported_as_a_fhir_dose_range() -> None:
    from casecourse.export.fhir import bundle_dict

    c = analyze_text("A 72-year-old woman presented on 4 January 2021 with headache. Oral prednisolone 60 mg daily was "
                     "started. Four weeks later prednisolone was tapered by 10 mg every two weeks to 20 mg daily.")
    doses = [d["doseAndRate"][0] for e in bundle_dict(c)["entry"] if e["resource"]["resourceType"] ==
             "MedicationStatement" for d in e["resource"].get("dosage", [])]
    ranges = [d["doseRange"] for d in doses if "doseRange" in d]
    assert [(r["low"]["value"], r["high"]["value"]) for r in ranges] == [(20.0, 60.0)]
    assert [d["doseQuantity"]["value"] for d in doses if "doseQuantity" in d] == [60.0, 20.0]


def test_a_dose_threshold_gives_no_schedule() -> None:
    c = analyze_text("A 6-year-old boy with nephrotic syndrome was treated in April 2020. He relapsed in October 2020 "
                     "when the prednisolone dose was tapered below 15 mg on alternate days.", assess=False)
    assert all(s.timing is None and s.dose is None for x in c.exposures for s in x.segments)
