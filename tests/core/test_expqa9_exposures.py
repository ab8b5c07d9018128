"""Drug exposures, ninth round (expqa9): a plan deferred ("an X-based regimen was initially planned but was
deferred"), an interval written after the dose ("1 g/12 h", "2 g/24h"), and "checked at 6-hour intervals" read as
no point in time. Sentences written for this test."""
from __future__ import annotations

from exposure_view import exposures

from casecourse.api import analyze_text
from casecourse.reading import doses


def test_regimen_planned_but_deferred_is_not_taken() -> None:
    got = exposures("A 30-year-old woman with lymphoma was admitted. A bendamustine-based regimen was initially "
                    "planned but was deferred while her infection was treated.")
    assert got["bendamustine"][-1][0] == "not-taken"


def test_planned_but_not_given_is_not_taken() -> None:
    got = exposures("A 64-year-old man had an ischemic stroke. Alteplase was planned but not given because of his "
                    "recent surgery.")
    assert all(status == "not-taken" for status, *_ in got.get("alteplase", []))  # never read as given


def test_regimen_started_stays_given() -> None:
    got = exposures("A 30-year-old woman with lymphoma was admitted. A bendamustine-based regimen was started.")
    assert got["bendamustine"][-1][0] != "not-taken"


def test_dose_per_hours_carries_its_interval() -> None:
    text = "He was given cefuroxime 750 mg/8h and then amikacin 1 g/24 hours."
    ds = [m for m in doses.find(text) if m.type == "dose"]
    assert [(m.attrs["value"], m.attrs.get("period"), m.attrs.get("period_unit")) for m in ds] == [
        (750.0, 8.0, "h"), (1.0, 24.0, "h")]


def test_excretion_per_24_hours_is_still_no_dose() -> None:
    assert not [m for m in doses.find("Urinary protein was 2.4 g/24 h.") if m.type == "dose"]


def test_interval_of_checks_is_no_start_of_the_next_drug() -> None:
    course = analyze_text("A 50-year-old man was admitted with bleeding. Hemoglobin was checked at 6-hour intervals. "
                          "He was given tranexamic acid.", assess=False)
    exp = next(e for e in course.exposures if e.drug == "tranexamic acid")
    assert exp.segments[0].start is None or exp.segments[0].start.text != "6-hour"


def test_dose_per_day_after_a_urine_culture_is_a_dose() -> None:
    ds = [m for m in doses.find("Urine cultures were sent and meropenem (3 g/24 h) was added.") if m.type == "dose"]
    assert [m.attrs["value"] for m in ds] == [3.0]


def test_urine_excretion_per_day_stays_no_dose() -> None:
    assert not [m for m in doses.find("The 24-hour urine protein excretion was 3 g/24 h.") if m.type == "dose"]


def test_regimen_changed_to_a_list_keeps_a_running_member() -> None:
    got = exposures("A 50-year-old woman had empyema. Linezolid and cefepime were started. Later the antibiotic "
                    "regimen was changed to linezolid, meropenem and fluconazole.")
    assert len(got["linezolid"]) == 1 and got["linezolid"][0][0] != "stopped"  # goes on, not stopped and restarted


def test_antibiotics_rationalised_to_one_stop_the_other() -> None:
    got = exposures("A 60-year-old man had cholangitis. He was treated with cefuroxime and metronidazole. On day 4 the "
                    "antibiotics were rationalised to cefuroxime once the sensitivities were known.")
    assert got["metronidazole"][-1][0] == "stopped"
    assert got["cefuroxime"][-1][0] != "stopped"  # the drug kept goes on


def test_british_bd_and_qds_after_a_dose_are_frequencies() -> None:
    ds = [m for m in doses.find("She took flucloxacillin 500 mg QDS and clarithromycin 500 mg bd.") if m.type == "dose"]
    assert [(m.attrs.get("frequency"), m.attrs.get("period_unit")) for m in ds] == [(4, "d"), (2, "d")]


def test_bd_by_itself_is_no_frequency() -> None:
    assert not doses.find("Colchicine was restarted for her BD.")  # Behcet's disease, no twice daily
