"""Days of a stay, a drug's own time in its clause, and course lengths (invented ICU / endocrine stories)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Source


def _course(text: str):
    return analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8"))


def _ends(text: str) -> dict[str, str | None]:
    return {e.drug: (e.end.point if e.end else None) for e in _course(text).exposures}


def test_days_of_the_stay_count_from_the_presentation_when_no_admission_is_told() -> None:
    c = _course("A 52-year-old woman presented on 3 April 2023 with fever. Dialysis was started on 4 April 2023. "
                "Lactate normalised by day 4. She was discharged on day 12.")
    assert [x.time.point for x in c.labs if x.test == "lactate"] == ["2023-04-06"]
    assert [e.time.point for e in c.events if e.type == "discharge"] == ["2023-04-14"]


def test_a_later_time_in_the_drugs_own_clause_dates_it() -> None:
    ends = _ends("A 60-year-old man was admitted on 2 May 2022. Norepinephrine 0.2 µg/kg/min and meropenem 1 g "
                 "every 8 hours were started. Lactate cleared by day 3, and norepinephrine was weaned off on day 4.")
    assert ends["norepinephrine"] == "2022-05-05"
    c = _course("A 58-year-old woman was admitted on 14 October 2022. After 48 hours the sodium was still "
                "119 mmol/L, so tolvaptan 15 mg once daily was started on 18 October 2022.")
    assert [s.start.point for e in c.exposures if e.drug == "tolvaptan" for s in e.segments] == ["2022-10-18"]


def test_stopped_or_completed_after_n_days_counts_from_the_start_of_the_course() -> None:
    ends = _ends("A 60-year-old man was admitted on 2 May 2022. Clarithromycin 500 mg twice daily and amoxicillin "
                 "1 g three times daily were started. He was extubated on day 6. Clarithromycin was stopped after "
                 "5 days. Amoxicillin was completed after 7 days.")
    assert ends["clarithromycin"] == "2022-05-07"
    assert ends["amoxicillin"] == "2022-05-09"


def test_tapered_and_stopped_on_a_day_of_the_stay_has_that_end() -> None:
    ends = _ends("A 60-year-old man was admitted on 2 May 2022. Hydrocortisone 50 mg every 6 hours was started. "
                 "Hydrocortisone was tapered and stopped on day 8.")
    assert ends["hydrocortisone"] == "2022-05-09"


def test_a_drug_named_as_the_cause_of_the_harm_is_the_stop_reason() -> None:
    c = _course("A 41-year-old woman was admitted on 2 May 2022. Methimazole 20 mg daily was started. On day 20 "
                "methimazole-induced agranulocytosis was suspected, and methimazole was stopped.")
    e = next(x for x in c.exposures if x.drug == "methimazole")
    assert e.status == "stopped" and e.stop_reason == "adverse effect" and e.end.point == "2022-05-21"


def test_no_family_history_of_a_disease_says_nothing_of_the_patients_own() -> None:
    c = _course("A 30-year-old woman with lupus was admitted. She had no family history of lupus or diabetes. "
                "She had no personal or family history of thrombosis.")
    st = {x.name: x.status for x in c.conditions}
    assert st["systemic lupus erythematosus"] == "confirmed"
    assert "diabetes mellitus" not in st
    assert st["thrombosis"] == "refuted"


def test_given_the_normal_value_gives_no_drug() -> None:
    c = _course("A 30-year-old woman was admitted. Sepsis was considered less likely given the normal glucose "
                "and lactate. She was given intravenous glucose.")
    assert [x.drug for x in c.exposures] == ["glucose"]
    assert c.exposures[0].provenance.spans[0].start > c.text.index("She was given")
