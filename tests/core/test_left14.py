"""What round docqa14 left (left14): a treatment stopped by its condition, figure legends' times, thousands grouped
by a space, and an ordinal naming which procedure a time counts from. Each test an invented sentence that failed before
its rule (guards say so)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Exposure


def _rx(text: str) -> dict[str, Exposure]:
    return {x.drug: x for x in analyze_text(text).exposures}


# --- a treatment stopped by the condition it was given for ---

_TWO = ("A 60-year-old man was admitted with fever on 3 May 2022. A blood smear showed babesiosis. He was started on "
        "atovaquone and azithromycin for babesiosis. Doxycycline was also given for anaplasmosis. ")


def test_treatment_for_a_condition_stopped_stops_its_drugs_only() -> None:
    rx = _rx(_TWO + "On 10 May 2022, treatment for babesiosis was stopped.")
    for drug in ("atovaquone", "azithromycin"):
        assert rx[drug].status == "stopped"
        assert rx[drug].end is not None and rx[drug].end.point == "2022-05-10"
    assert rx["doxycycline"].status != "stopped" and rx["doxycycline"].end is None


def test_completed_treatment_for_a_condition_completes_its_drugs() -> None:
    text = ("A 45-year-old man was diagnosed with pulmonary tuberculosis and HIV infection. Tuberculosis was treated "
            "with isoniazid and ethambutol. He was also taking tenofovir. After six months he completed treatment for "
            "tuberculosis.")
    rx = _rx(text)
    assert rx["isoniazid"].status == rx["ethambutol"].status == "completed"
    assert rx["tenofovir"].status != "completed" and rx["tenofovir"].end is None


def test_antibiotics_for_a_condition_stopped_spare_the_others() -> None:
    text = ("A 70-year-old woman was admitted with pneumonia and a urinary tract infection. She received ceftriaxone "
            "for pneumonia and vancomycin. Nitrofurantoin was given for the urinary tract infection. On day 5, the "
            "antibiotics for pneumonia were discontinued because of diarrhoea.")
    rx = _rx(text)
    assert rx["ceftriaxone"].status == "stopped"
    assert rx["vancomycin"].end is None and rx["nitrofurantoin"].end is None


def test_no_drug_tied_to_the_condition_stops_nothing() -> None:  # guard: passes on the base too
    rx = _rx(_TWO + "On 10 May 2022, treatment for hypertension was stopped.")
    assert all(x.end is None for x in rx.values())


def test_a_drug_added_in_its_own_clause_ties_only_itself() -> None:
    text = ("A 50-year-old woman was admitted with fever. She was started on amoxicillin, and doxycycline was added "
            "for anaplasmosis. On day 6, treatment for anaplasmosis was stopped.")
    rx = _rx(text)
    assert rx["doxycycline"].status == "stopped"
    assert rx["amoxicillin"].end is None
