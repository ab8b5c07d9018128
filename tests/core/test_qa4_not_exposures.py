"""Names of drugs or substances that are not the patient's medication, and a transplant donor's death that is
not the patient's. Sentences written for this test (clinical QA of gastroenterology, dermatology and
pulmonology case reports)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str) -> dict[str, str]:
    return {e.drug: e.status for e in analyze_text(text, assess=False).exposures}


def test_a_deceased_donor_is_not_the_patients_death() -> None:
    kinds = [e.type for e in analyze_text("A 50-year-old man received a deceased-donor liver transplant in 2019. "
                                          "He was admitted in May 2021 with fever.", assess=False).events]
    assert "death" not in kinds
    assert "death" in [e.type for e in analyze_text("A 50-year-old man was admitted in May 2021. He was deceased "
                                                    "on arrival of the team.", assess=False).events]


def test_a_drug_allergy_is_not_an_exposure() -> None:
    assert "penicillin" not in _exposures("A 40-year-old woman had cellulitis. Penicillin allergy was documented.")
    assert "penicillin" not in _exposures("A 40-year-old woman had cellulitis. She was allergic to penicillin.")
    assert "penicillin" in _exposures("A 40-year-old woman had syphilis. Penicillin was given intramuscularly.")


def test_the_gas_of_a_lung_diffusion_test_is_not_an_exposure() -> None:
    assert "carbon monoxide" not in _exposures("A 66-year-old man had dyspnoea. Diffusing capacity for carbon "
                                               "monoxide was 41% of predicted.")


def test_a_named_analyte_with_its_result_is_not_an_exposure() -> None:
    got = _exposures("A 27-year-old man had colitis. A second infusion of infliximab was given because albumin "
                     "remained 24 g/L.")
    assert "albumin" not in got and "infliximab" in got


def test_a_potassium_binder_is_not_potassium() -> None:
    got = _exposures("A 58-year-old woman had hyperkalaemia, treated with a potassium binder.")
    assert not any("potassium" in d for d in got)


def test_a_drug_avoided_or_declined_in_the_pluperfect_was_not_taken() -> None:
    assert _exposures("A 70-year-old woman had gout. Febuxostat was avoided.").get("febuxostat") == "not-taken"
    got = _exposures("A 66-year-old man had pulmonary fibrosis. Pirfenidone had been declined by the patient.")
    assert got.get("pirfenidone") == "not-taken"


def test_a_drug_stopped_in_the_pluperfect_is_stopped() -> None:
    got = analyze_text("A 50-year-old woman had arthritis. Methotrexate had been stopped in 2019 because of "
                       "nausea.", assess=False).exposures
    assert [(e.drug, e.status) for e in got] == [("methotrexate", "stopped")]


def test_a_combination_product_strength_is_not_its_last_amount() -> None:
    got = analyze_text("A 68-year-old man had an abscess. He took amoxicillin-clavulanate 875/125 mg orally twice "
                       "daily for 7 days.", assess=False).exposures
    dose = got[0].segments[0].dose
    assert dose is not None and dose.value is None and dose.unit == "mg" and dose.text == "875/125 mg"
    plain = analyze_text("A 68-year-old man had asthma. He took prednisolone 40 mg daily.", assess=False).exposures
    assert plain[0].segments[0].dose.value == 40.0


def test_the_step_of_a_taper_is_not_a_dose() -> None:
    got = analyze_text("A 27-year-old man had colitis. He was discharged on prednisolone 40 mg daily, reduced by 5 mg "
                       "weekly.", assess=False).exposures
    assert [s.dose.value for s in got[0].segments if s.dose] == [40.0]
    got = analyze_text("A 27-year-old man had colitis. Prednisolone was reduced to 10 mg daily in May 2020.",
                       assess=False).exposures
    assert [s.dose.value for s in got[0].segments if s.dose] == [10.0]


def test_a_change_of_schedule_at_the_same_dose_is_a_new_segment() -> None:
    got = analyze_text("A 29-year-old woman had Still disease. Anakinra 100 mg subcutaneously daily was started on "
                       "9 June 2023. On 15 June 2023 anakinra was increased to 100 mg subcutaneously every 6 hours.",
                       assess=False).exposures
    timings = [(s.dose.value, s.timing.period, s.timing.period_unit) for s in got[0].segments]
    assert timings == [(100.0, 1.0, "d"), (100.0, 6.0, "h")]


def test_a_drug_stopped_once_its_target_resolved_gives_that_reason() -> None:
    got = analyze_text("A 60-year-old man had pruritus. Cholestyramine 4 g three times daily was started in May 2021. "
                       "Cholestyramine was stopped in June 2021 once pruritus had resolved.", assess=False).exposures
    assert (got[0].status, got[0].stop_reason) == ("stopped", "pruritus resolved")


def test_a_prophylaxis_stopped_is_stopped() -> None:
    got = analyze_text("A 58-year-old woman had a kidney transplant. Valganciclovir prophylaxis had been stopped in "
                       "July 2022.", assess=False).exposures
    assert [(e.drug, e.status) for e in got] == [("valganciclovir", "stopped")]


def test_a_completed_course_ends_there_as_completed() -> None:
    got = analyze_text("A 68-year-old man was seen in May 2021. He had completed a 10-day course of ciprofloxacin in "
                       "April 2021.", assess=False).exposures
    assert [(e.drug, e.status, e.end.point if e.end else None) for e in got] == [
        ("ciprofloxacin", "completed", "2021-04")]


def test_a_stopped_drug_named_as_a_cause_is_no_new_course() -> None:
    got = analyze_text("A 70-year-old woman had gout. Allopurinol was started on 1 February 2024. Allopurinol was "
                       "stopped on 7 March 2024. DRESS due to allopurinol was diagnosed.", assess=False).exposures
    assert [(e.drug, e.status) for e in got] == [("allopurinol", "stopped")]
    again = analyze_text("A 40-year-old man had lupus. Azathioprine was stopped in 2019. Azathioprine 50 mg daily was "
                         "restarted in May 2020.", assess=False).exposures
    assert len(again) == 2
