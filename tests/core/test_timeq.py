"""Times told relative to a treatment (round timeq): the Nth dose or cycle of a drug given at a known interval, and a
sentence dated back from the presentation that dates only itself. Invented narratives; guards say so."""
from __future__ import annotations

from casecourse.api import analyze_text


def _finding(text: str, name: str):  # noqa: ANN202 - a Finding
    return next(f for f in analyze_text(text).findings if f.name == name)


def _condition(text: str, name: str):  # noqa: ANN202 - a Condition
    return next(c for c in analyze_text(text).conditions if c.name == name)


_WEEKLY = ("A 70-year-old woman with marginal zone lymphoma was admitted on 2 June 2022. Rituximab 375 mg/m2 weekly "
           "was started on 6 June 2022. ")


# --- the Nth dose of a drug given at a known interval ---

def test_after_the_fourth_weekly_dose_is_three_weeks_after_the_start() -> None:
    f = _finding(_WEEKLY + "After the fourth dose of rituximab, she developed a pruritic rash.", "rash")
    assert f.time.point == "2022-06-27" and f.time.derivation == "estimated"
    assert f.time.earliest == "2022-06-27" and f.time.latest == "2022-07-04"  # before the fifth dose
    assert f.time.anchor == "start of rituximab"


def test_a_dose_count_without_the_drug_named_counts_the_drug_told_last() -> None:
    f = _finding(_WEEKLY + "She tolerated it well. Following the third infusion, she developed a pruritic rash.",
                 "rash")
    assert f.time.point == "2022-06-20"


def test_before_the_second_dose_lies_between_the_first_and_the_second() -> None:
    f = _finding(_WEEKLY + "Before the second dose of rituximab, she reported a pruritic rash.", "rash")
    assert (f.time.earliest, f.time.latest) == ("2022-06-06", "2022-06-13")


def test_after_two_cycles_every_three_weeks_on_the_day_axis() -> None:
    text = ("A 59-year-old man presented with a mediastinal mass. He was started on cisplatin and etoposide every 3 "
            "weeks. After two cycles of cisplatin, he developed tinnitus.")
    f = _finding(text, "tinnitus")
    assert f.time.offset_days == (21.0, 42.0) and f.time.derivation == "estimated"


def test_the_cycle_length_written_as_days_is_the_interval() -> None:
    text = ("A 59-year-old man presented with a mediastinal mass. He was started on docetaxel in 21-day cycles. "
            "During the third cycle, he developed tinnitus.")
    assert _finding(text, "tinnitus").time.offset_days == (42.0, 63.0)


def test_a_resumed_drug_counts_its_doses_from_the_resumption() -> None:
    text = ("A 45-year-old man was admitted after a kidney transplant. Mycophenolate mofetil 1 g twice daily was "
            "started. Mycophenolate mofetil was stopped because of diarrhea. Ten days later, mycophenolate mofetil was "
            "resumed at 500 mg twice daily. After two doses of mycophenolate mofetil, he developed a fever.")
    f = _finding(text, "fever")
    assert f.time.offset_days == (10.5, 11.0)  # counted from the resumption ten days later, twice daily


# --- no interval, no point ---

def test_without_an_interval_the_dose_count_invents_no_time() -> None:  # guard: passes on main too
    f = _finding("A 70-year-old woman was admitted on 2 June 2022. Rituximab was started on 6 June 2022. After the "
                 "fourth dose of rituximab, she developed a pruritic rash.", "rash")
    assert f.time.derivation != "estimated" and f.time.point == "2022-06-06"


def test_the_next_drugs_daily_dose_is_not_the_interval() -> None:  # guard: passes on main too
    f = _finding("A 70-year-old woman was admitted on 2 June 2022. Tocilizumab 8 mg/kg was started on 6 June 2022 "
                 "with 1 mg/kg/day of prednisolone. After the second dose of tocilizumab, she developed a pruritic "
                 "rash.", "rash")
    assert f.time.derivation != "estimated"


def test_a_vaccine_the_reader_does_not_know_as_a_drug_borrows_no_drugs_schedule() -> None:  # guard: passes on main too
    f = _finding("A 30-year-old woman was admitted on 2 June 2022. She took ibuprofen 400 mg every 8 hours. After the "
                 "second dose of vaccine, she developed a pruritic rash.", "rash")
    assert f.time.derivation != "estimated"


# --- back to the presentation after the history told relative to it ---

_PRESENTED = ("A 58-year-old man with metastatic colon cancer presented to the emergency department with abdominal "
              "pain and vomiting. ")


def test_a_paragraph_opening_with_the_presentations_imaging_is_back_at_day_0() -> None:
    text = _PRESENTED + ("He had started FOLFOX chemotherapy 1 week prior to his emergency presentation. He reported "
                         "nausea.\n\nOn CT of the abdomen, there was free air. He underwent a laparotomy and developed "
                         "septic shock.")
    c = analyze_text(text)
    ox = next(e for e in c.exposures if e.drug == "oxaliplatin")
    assert ox.time.offset_days is not None and ox.time.offset_days[1] < 0  # the chemotherapy's start stays
    assert next(x for x in c.conditions if x.name == "septic shock").time.offset_days == (0.0, 0.0)
    assert next(p for p in c.procedures if p.name == "laparotomy").time.offset_days == (0.0, 0.0)


def test_imaging_within_the_paragraph_of_the_history_stays_in_it() -> None:  # guard: passes on main too
    text = _PRESENTED + ("He had started FOLFOX chemotherapy 1 week prior to his emergency presentation. A CT of the "
                         "abdomen showed a liver metastasis. He reported nausea.")
    f = _finding(text, "nausea")
    assert f.time.offset_days is not None and f.time.offset_days[1] < 0


# --- something done at the discharge ---

_BLEED = ("A 67-year-old man taking warfarin was admitted on 4 February 2023 with melena. Warfarin was held. "
          "Endoscopy on 5 February showed a duodenal ulcer. ")


def test_a_drug_resumed_upon_a_discharge_told_next_starts_at_its_date() -> None:
    c = analyze_text(_BLEED + "Warfarin was resumed upon discharge. He was discharged on 10 February 2023.")
    restarted = [e for e in c.exposures if e.drug == "warfarin" and e.start_reason == "reintroduction"]
    assert restarted and restarted[0].time.point == "2023-02-10"
