"""Doses written before their drug and dose sequences (tapers, escalations) in one sentence (invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _doses(text: str) -> dict[str, list[tuple]]:
    course = analyze_text("A 52-year-old man was admitted. " + text, assess=False)
    out: dict[str, list[tuple]] = {}
    for e in course.exposures:
        out.setdefault(e.drug, []).extend(
            (s.dose.value if s.dose else None, s.dose.unit if s.dose else None, s.timing.period if s.timing else None)
            for s in e.segments)
    return out


def test_a_dose_written_before_its_drug() -> None:
    got = _doses("He was given 40 mg of furosemide and later 2 g of ceftriaxone daily.")
    assert got["furosemide"][0][:2] == (40.0, "mg")
    assert got["ceftriaxone"][0][:2] == (2.0, "g")


def test_the_dose_after_a_drug_stays_with_that_drug() -> None:
    got = _doses("He took aspirin 100 mg and clopidogrel.")
    assert got["aspirin"][0][:2] == (100.0, "mg")
    assert all(v is None for v, _, _ in got["clopidogrel"])


def test_a_taper_gives_one_segment_per_step_and_keeps_the_frequency() -> None:
    got = _doses("He was discharged on prednisolone 40 mg daily for 1 week, 30 mg daily for 1 week, "
                 "and 20 mg for 2 weeks.")
    assert [v for v, _, _ in got["prednisolone"]] == [40.0, 30.0, 20.0]
    assert got["prednisolone"][-1][2] == 1.0


def test_a_later_dose_of_the_next_drug_is_not_a_step() -> None:
    got = _doses("He received dexamethasone 10 mg daily and a dose of 500 mg of levetiracetam twice daily.")
    assert [v for v, _, _ in got["dexamethasone"]] == [10.0]
    assert got["levetiracetam"][0][:2] == (500.0, "mg")


def test_a_dose_restated_in_parentheses_is_no_new_step() -> None:
    got = _doses("He received rituximab 700 mg (375 mg/m2), then 1 g two weeks later.")
    assert [v for v, _, _ in got["rituximab"]] == [700.0, 1.0]


def test_a_dose_restated_in_other_units_is_kept_as_its_equivalent() -> None:
    from casecourse.export.fhir import bundle_dict

    course = analyze_text("A 52-year-old man was admitted. He received vancomycin 15 mg/kg (1200 mg) every 12 h.",
                          assess=False)
    seg = next(e for e in course.exposures if e.drug == "vancomycin").segments[0]
    assert (seg.dose.value, seg.dose.per) == (15.0, "kg")
    assert (seg.equivalent.value, seg.equivalent.unit) == (1200, "mg")
    dosage = next(e["resource"]["dosage"][0] for e in bundle_dict(course)["entry"]
                  if e["resource"]["resourceType"] == "MedicationStatement")
    kinds = [(d["type"]["coding"][0]["code"], d["doseQuantity"]["unit"]) for d in dosage["doseAndRate"]]
    assert kinds == [("ordered", "mg/kg"), ("calculated", "mg")]


def test_a_unit_written_otherwise_keeps_its_written_form_beside_its_code() -> None:
    from casecourse.export.fhir import bundle_dict

    course = analyze_text("A 52-year-old man was admitted. He received ceftriaxone 2 gm daily.", assess=False)
    dosage = next(e["resource"]["dosage"][0] for e in bundle_dict(course)["entry"]
                  if e["resource"]["resourceType"] == "MedicationStatement")
    q = dosage["doseAndRate"][0]["doseQuantity"]
    assert (q["value"], q["unit"], q["code"]) == (2.0, "gm", "g")


def test_a_drug_given_as_prophylaxis_is_an_exposure() -> None:
    got = _doses("He was on cotrimoxazole prophylaxis, which was stopped after six months.")
    assert "trimethoprim-sulfamethoxazole" in got
    assert "acyclovir" not in _doses("There was no acyclovir given.")


def test_continued_on_an_outpatient_drug_keeps_it_active() -> None:
    course = analyze_text("A 52-year-old man was admitted. He was discharged on a prednisone taper of 30 mg daily for "
                          "1 week and 20 mg daily for 1 week. At follow-up he was continued on outpatient oral "
                          "prednisone 20 mg daily.", assess=False)
    pred = [e for e in course.exposures if e.drug == "prednisone"]
    assert pred and pred[-1].status == "active" and pred[-1].end is None


def test_no_step_to_another_unit_scale_or_a_combination_partner() -> None:
    assert [v for v, _, _ in _doses("He received amphotericin B 5 mg/kg daily, a total of 6 g.")["amphotericin b"]] \
        == [5.0]
    got = _doses("He was started on lopinavir-ritonavir (400 mg/100 mg twice daily).")
    assert [v for v, _, _ in got.get("lopinavir", [])] in ([400.0], [None], [])


def test_each_step_of_a_taper_takes_the_date_written_after_it() -> None:
    course = analyze_text("A 40-year-old woman with myositis started prednisone 60 mg daily in January 2022. "
                          "Prednisone was reduced to 40 mg daily in March 2022, 25 mg daily in June 2022 and "
                          "12.5 mg daily in September 2022.", assess=False)
    segs = next(e for e in course.exposures if e.drug == "prednisone").segments
    got = [(s.dose.value, s.start.earliest) for s in segs if s.dose]
    assert got == [(60.0, "2022-01"), (40.0, "2022-03"), (25.0, "2022-06"), (12.5, "2022-09")]


def test_a_step_written_from_a_week_of_the_course_starts_that_week() -> None:
    course = analyze_text("A 70-year-old man with arteritis started prednisolone on 1 March 2021. "
                          "Prednisolone was given at 50 mg daily, 40 mg daily from week 3 and 30 mg daily from week 5.",
                          assess=False)
    segs = next(e for e in course.exposures if e.drug == "prednisolone").segments
    got = [(s.dose.value, s.start.earliest) for s in segs if s.dose]
    assert got[-2:] == [(40.0, "2021-03-15"), (30.0, "2021-03-29")]


def test_the_steps_of_a_taper_come_before_the_stop_told_after_them() -> None:
    course = analyze_text("A 66-year-old woman with arteritis started prednisolone 60 mg daily on 3 May 2021. "
                          "Prednisolone was tapered to 45 mg daily from week 3, 35 mg daily from week 5 and "
                          "25 mg daily from week 9, and was stopped in January 2022.", assess=False)
    pred = next(e for e in course.exposures if e.drug == "prednisolone")
    assert [s.dose.value for s in pred.segments if s.dose] == [60.0, 45.0, 35.0, 25.0]
    assert pred.status == "stopped" and pred.end is not None and pred.end.earliest == "2022-01"
