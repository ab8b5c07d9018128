"""Drug exposures as a clinical pharmacologist reads them (exposure QA of T2S2 case reports): what is no drug
given, a dose that is a step or a ceiling, a class stopped as a whole, a dose first told at a later start.
Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text(text, assess=False)


def _exposures(text: str) -> dict[str, str]:
    return {e.drug: e.status for e in _course(text).exposures}


def _doses(text: str, drug: str) -> list[str | None]:
    exp = next(e for e in _course(text).exposures if e.drug == drug)
    return [s.dose.text if s.dose else None for s in exp.segments]


def test_the_discs_of_a_susceptibility_test_are_no_exposures() -> None:
    got = _exposures("A 70-year-old man had bacteraemia. Susceptibility was tested by disc diffusion with discs "
                     "impregnated with ampicillin (10 µg), gentamicin (10 µg) and ciprofloxacin (5 µg). He was then "
                     "given ciprofloxacin 500 mg twice daily.")
    assert got == {"ciprofloxacin": "unknown"}
    assert _doses("Susceptibility was tested with discs containing cefoxitin (30 µg). Cefazolin 2 g every 8 hours "
                  "was given.", "cefazolin") == ["2 g every 8 hours"]


def test_an_amount_per_24_hours_after_a_drug_is_its_dose() -> None:
    got = _exposures("A 55-year-old woman had septic shock. She was treated with meropenem 3 g/24 h and "
                     "metronidazole 1.5 g/24 h.")
    assert {"meropenem", "metronidazole"} <= set(got)
    course = _course("A 40-year-old woman had hypercortisolism. Urinary free cortisol was 300 µg/24 h.")
    assert not course.exposures  # an analyte's amount per day stays a result
    assert not _course("A 30-year-old man had kidney stones. Citrate 300 mg/24 h was found.").exposures


def test_substances_of_use_and_supplemental_oxygen_are_no_exposures() -> None:
    got = _exposures("A 30-year-old man smoked marijuana and used cocaine. He was given supplemental oxygen by "
                     "nasal cannula and ceftriaxone 2 g daily.")
    assert got == {"ceftriaxone": "unknown"}


def test_the_step_of_a_taper_and_a_ceiling_are_no_doses() -> None:
    assert _doses("A 60-year-old man was started on prednisone 60 mg daily. He was discharged on a slow taper, "
                  "decreasing the dose of prednisone by 5 mg every week.", "prednisone") == ["60 mg daily"]
    assert _doses("The milrinone dose was reduced to 0.5 µg/kg/min, with decrements of 0.125 µg/kg/min.",
                  "milrinone") == ["0.5 µg/kg/min"]
    assert _doses("Dobutamine 5 µg/kg/min (maximum 15 µg/kg/min) was started for cardiogenic shock.",
                  "dobutamine") == ["5 µg/kg/min"]


def test_a_class_stopped_as_a_whole_stops_its_members() -> None:
    course = _course("A 64-year-old man had septic shock and required norepinephrine and vasopressin. "
                     "Vasopressor administration was stopped on day 3.")
    assert {e.drug: (e.status, e.end.text) for e in course.exposures} == {
        "norepinephrine": ("stopped", "day 3"), "vasopressins": ("stopped", "day 3")}
    got = _exposures("Flecainide and bisoprolol were started for atrial fibrillation. Administration of "
                     "antiarrhythmic agents was stopped 3 months later.")
    assert got == {"flecainide": "stopped", "bisoprolol": "unknown"}  # a beta-blocker is no ATC C01B antiarrhythmic


def test_a_dose_told_with_a_later_start_is_that_times() -> None:
    exp = _course("In 2010 she achieved remission with prednisolone. In May 2018 she was admitted with urticaria "
                  "and was commenced on prednisolone 30 mg daily.").exposures[0]
    assert [(s.dose.text if s.dose else None, s.start.text) for s in exp.segments] == [
        (None, "2010"), ("30 mg daily", "May 2018")]
    # still on it ("on X 40 mg"): the dose is the course's, not a new one
    exp = _course("Telmisartan was started on day 1. On day 4 her blood pressure was 150/90 mmHg on telmisartan "
                  "40 mg once daily.").exposures[0]
    assert [s.dose.text if s.dose else None for s in exp.segments] == ["40 mg once daily"]


def test_a_drug_the_patient_did_not_respond_to_was_given() -> None:
    got = _exposures("A 71-year-old man had atrial fibrillation. He did not respond to diltiazem and digoxin, so "
                     "amiodarone was used for rate control.")
    assert set(got) == {"diltiazem", "digoxin", "amiodarone"}
    assert "methylprednisolone" in _exposures("There was no response to high-dose methylprednisolone.")
    # (the denial ends at ", so"; the drug is then one not given, as "ceftriaxone was not given" reads alone)
    assert _exposures("He had no fever, so ceftriaxone was not given.").get("ceftriaxone", "not-taken") == "not-taken"


def test_a_stop_told_with_taking_and_its_reason() -> None:
    exp = _course("She was on furosemide for ankle oedema. She stopped taking furosemide because of concern for "
                  "dehydration.").exposures[0]
    assert (exp.status, exp.stop_reason) == ("stopped", "concern for dehydration")


def test_a_time_before_what_ended_a_course_is_no_part_of_the_reason() -> None:
    exp = _course("Fluconazole was started in May. After 6 months the serum cryptococcal antigen was negative and "
                  "fluconazole was stopped.").exposures[0]
    assert exp.stop_reason == "serum cryptococcal antigen negative"


def test_an_aside_in_brackets_between_a_drug_and_its_cue() -> None:
    got = _exposures("Dapsone was given as prophylaxis. Co-trimoxazole (for the same indication) was avoided "
                     "because of a rash.")
    assert got["trimethoprim-sulfamethoxazole"] == "not-taken"
    got = _exposures("Cyclosporine and basiliximab (second dose) were withheld after the transplant.")
    assert got == {"cyclosporine": "not-taken", "basiliximab": "not-taken"}


def test_a_drug_changed_to_another_form_or_dose_goes_on() -> None:
    exp = _course("Terlipressin was given as a bolus of 10 µg/kg. Terlipressin was changed to an infusion at a dose "
                  "of 1 µg/kg/minute.").exposures
    assert [(e.status, [s.dose.text for s in e.segments]) for e in exp] == [
        ("unknown", ["10 µg/kg", "1 µg/kg/minute"])]
    got = _course("Ceftriaxone was started on admission. On day 5 ceftriaxone was switched to 0.5 g of intravenous "
                  "meropenem three times daily.").exposures
    assert [(e.drug, e.status) for e in got] == [("ceftriaxone", "stopped"), ("meropenem", "unknown")]


def test_a_drug_named_again_after_its_course_is_no_new_course() -> None:
    got = _course("Ceftriaxone was started on day 1 and stopped on day 5. The fever had resolved after "
                  "ceftriaxone.").exposures
    assert [(e.drug, e.status) for e in got] == [("ceftriaxone", "stopped")]
    got = _course("Ceftriaxone was started on day 1 and stopped on day 5. On day 20 she was rechallenged with "
                  "ceftriaxone.").exposures
    assert [(e.drug, e.status) for e in got] == [("ceftriaxone", "stopped"), ("ceftriaxone", "unknown")]


def test_antibiotics_escalated_to_a_list_stop_the_old_and_start_each() -> None:
    got = _course("She was given ceftriaxone on day 1. On day 3 antibiotics were escalated to meropenem, "
                  "vancomycin and fluconazole.").exposures
    assert [(e.drug, e.status) for e in got] == [("ceftriaxone", "stopped"), ("meropenem", "unknown"),
                                                  ("vancomycin", "unknown"), ("fluconazole", "unknown")]



def test_the_doses_of_a_list_changed_to_one_dose() -> None:
    text = ("Dopamine, dobutamine and milrinone infusions were started. The doses of dopamine and dobutamine were "
            "increased to 15 µg/kg/minute.")
    assert _doses(text, "dopamine") == _doses(text, "dobutamine") == ["15 µg/kg/minute"]
    assert _doses(text, "milrinone") == [None]


def test_a_rate_per_kilogram_per_minutes() -> None:
    assert _doses("Noradrenaline was reduced to 0.05 μg/kg/minutes.", "norepinephrine") == ["0.05 μg/kg/minutes"]


def _segments(text: str, drug: str) -> list[tuple]:
    exp = next(e for e in _course(text).exposures if e.drug == drug)
    return [(s.dose.text if s.dose else None, s.timing.text if s.timing else None, s.route, s.length_days)
            for s in exp.segments]


def test_the_dosage_in_brackets_after_a_drug_is_its_own() -> None:
    assert _segments("She was given doxycycline (100 mg, taken orally every 12 h for 2 weeks).", "doxycycline") == [
        ("100 mg", "every 12 h", "oral", 14.0)]
    # a brand in brackets is skipped, as before
    assert _segments("She received cefotaxime (Claforan) 2 g intravenously every 8 hours.", "cefotaxime") == [
        ("2 g", "every 8 hours", "intravenous", None)]


def test_a_dose_told_as_a_rate_further_on() -> None:
    assert _segments("Unfractionated heparin was infused to keep the APTT between 60 and 80 s, at a rate of "
                     "1200 U/h.", "heparin")[0][0] == "1200 U/h"


def test_the_time_elapsed_on_a_course_is_no_new_course() -> None:
    got = _course("Clindamycin 300 mg every 8 hours was given for 5 days from day 2. The fever subsided after "
                  "7 days of clindamycin therapy.").exposures
    assert len(got) == 1


def test_analytes_organisms_and_stain_reagents_are_no_exposures() -> None:
    assert not _course("On transfer the creatine kinase was 12,000 IU/l, phosphorus 8.1 mg/dl, uric acid of 11.2, "
                       "and urine myoglobin of 2400 mg/dl.").exposures
    assert not _course("Blood cultures grew yeasts on day 3.").exposures
    assert not _course("Kinyoun staining using 1% sulfuric acid showed acid-fast filaments.").exposures


def test_the_drug_given_as_prophylaxis_of_a_disease_is_given() -> None:
    got = _exposures("For prophylaxis of thromboembolism, a therapy of aspirin and enoxaparin was established.")
    assert set(got) == {"aspirin", "enoxaparin"}


def test_a_stop_counted_from_the_drugs_own_start() -> None:
    exp = _course("Dopamine 2 µg/kg/min was started on day 1. Two days later the toes were mottled. Dopamine was "
                  "discontinued 3 days after administration.").exposures[0]
    assert (exp.end.text, exp.end.offset_days) == ("3 days after administration", (3.0, 3.0))


def test_a_time_told_of_the_last_drug_of_a_medication_list_is_its_own() -> None:
    got = {e.drug: e.time.text for e in _course(
        "A 70-year-old man was admitted with a rash. His medications included amlodipine for hypertension, "
        "atorvastatin, and allopurinol which had been started for gout 6 weeks before admission.").exposures}
    assert got["amlodipine"] == got["atorvastatin"] == "before admission"
    assert got["allopurinol"] != "before admission"


def test_a_route_written_once_before_a_list_of_drugs() -> None:
    got = {e.drug: e.route for e in _course("She received intravenous cefepime (2 g every 8 hours), vancomycin "
                                            "(1 g every 12 hours), and micafungin (100 mg daily).").exposures}
    assert got == {"cefepime": "intravenous", "vancomycin": "intravenous", "micafungin": "intravenous"}
    # a route inside the list is its member's own
    got = {e.drug: e.route for e in _course("She was started on meropenem, oral vancomycin and metronidazole.")
           .exposures}
    assert got["meropenem"] is None and got["metronidazole"] is None


def test_a_drug_given_once_again_is_a_new_course() -> None:
    got = _course("Intravenous immunoglobulin 400 mg/kg daily for 5 days was given. A month later, at the relapse, "
                  "intravenous immunoglobulin was administered once again.").exposures
    assert [(e.status, e.start_reason) for e in got] == [("completed", None), ("unknown", "reintroduction")]
    got = _course("Ceftriaxone was stopped on day 5. On day 20 she was again treated with ceftriaxone.").exposures
    assert [e.start_reason for e in got] == [None, "reintroduction"]


def test_mannitol_and_a_strength_given_with_its_route() -> None:
    got = _exposures("Raised intracranial pressure was treated with mannitol. Furosemide 10 mg/mL intravenously every "
                     "8 hours was added.")
    assert {"mannitol", "furosemide"} <= set(got)
    assert "novobiocin" not in _exposures("The isolate reacted positively to novobiocin and nitrate discs.")
