"""Drug exposures, sixth round (expqa6): stops told "stopped treatment with X and started Y", "tapered off the X",
"stop every antimicrobial treatment"; "transitioned to" is a switch, also after "After two weeks of X, she ...";
course lengths after a bracketed dose, "over a period of", "maintained for", "treated for N days with X";
procalcitonin is no drug. Sentences written for this test."""
from __future__ import annotations

from exposure_view import exposures

from casecourse.api import analyze_text

_exposures = exposures  # drug -> [(status, first start, last end)] (tests/core/exposure_view.py)


def test_stopped_treatment_with_x_and_started_y_stops_x() -> None:
    got = _exposures("A 66-year-old man was admitted on 4 May 2022 with cellulitis and received intravenous "
                     "cefazolin. On 9 May 2022 we stopped treatment with cefazolin and started a targeted therapy "
                     "with oral clindamycin 300 mg three times daily.")
    assert got["cefazolin"] == [("stopped", "2022-05-04", "2022-05-09")]
    assert got["clindamycin"][0][0] != "stopped" and got["clindamycin"][0][1] == "2022-05-09"


def test_tapered_off_the_drug_stops_it() -> None:
    got = _exposures("A 58-year-old woman was admitted on 1 June 2021 in septic shock and norepinephrine was "
                     "started. On 4 June 2021 she was slowly tapered off the norepinephrine.")
    assert got["norepinephrine"][0][0] == "stopped" and got["norepinephrine"][0][2] == "2021-06-04"


def test_stop_every_antimicrobial_treatment_stops_antituberculous_drugs_too() -> None:
    got = _exposures("A 70-year-old man was admitted on 2 March 2020 with fever. Isoniazid and ceftriaxone were "
                     "started. On 16 March 2020, it was decided to stop every antimicrobial treatment.")
    for drug in ("isoniazid", "ceftriaxone"):
        assert got[drug][0][0] == "stopped" and got[drug][0][2] == "2020-03-16"


def test_transitioned_to_is_a_switch_also_after_the_time_elapsed_on_the_first_drug() -> None:
    for told in ("On 12 April 2023 she was transitioned to prednisone 60 mg daily.",
                 "After two weeks of methylprednisolone, she was transitioned to prednisone 60 mg daily on "
                 "12 April 2023."):
        got = _exposures("A 49-year-old woman was admitted on 29 March 2023 with pneumonitis and started on "
                         f"methylprednisolone 1 g daily. {told}")
        assert got["methylprednisolone"][0][0] == "stopped", told
        assert got["methylprednisolone"][0][2] == "2023-04-12", told
        assert got["prednisone"][0][0] != "stopped" and got["prednisone"][0][1] == "2023-04-12", told


def test_a_length_after_a_bracketed_dose_ends_the_course() -> None:
    got = _exposures("A 63-year-old man was admitted on 5 July 2021 with pancreatitis. He was treated with "
                     "gabexate (600 mg, daily) for 5 days and antibiotics (imipenem 1 g, daily) for 10 days.")
    assert got["gabexate"] == [("completed", "2021-07-05", "2021-07-10")]
    assert got["imipenem"] == [("completed", "2021-07-05", "2021-07-15")]


def test_over_a_period_of_and_maintained_for_give_the_course_its_length() -> None:
    got = _exposures("A 45-year-old man was seen on 1 February 2019 with hepatitis C. He was treated with "
                     "pegylated interferon and ribavirin over a period of 24 weeks.")
    assert got["ribavirin"][0][0] == "completed" and got["ribavirin"][0][2] == "2019-07-19"
    got = _exposures("A 38-year-old woman was admitted on 1 October 2020 with tuberculous meningitis. Linezolid was "
                     "started. On 20 October 2020, treatment with linezolid was maintained for 10 more days.")
    assert got["linezolid"][-1][0] == "completed" and got["linezolid"][-1][2] == "2020-10-30"


def test_treated_for_n_days_with_the_drug() -> None:
    got = _exposures("A 30-year-old woman was admitted on 10 January 2022 with pyelonephritis. She was treated for "
                     "5 days with intravenous gentamicin.")
    assert got["gentamicin"] == [("completed", "2022-01-10", "2022-01-15")]
    # the length of a finding is not a course of the drug after it
    got = _exposures("A 30-year-old woman was admitted on 10 January 2022. She had had diarrhoea for 5 days with "
                     "cramps. Loperamide was given.")
    assert got["loperamide"][0][2] is None


def test_procalcitonin_is_no_drug() -> None:
    got = _exposures("A 55-year-old man with sepsis was admitted. Treatment with meropenem and procalcitonin-guided "
                     "therapy lowered the PCT to 0.2 ng/mL.")
    assert "procalcitonin" not in got and "meropenem" in got


def test_a_single_first_dose_does_not_end_the_later_step_and_the_step_keeps_its_own_route() -> None:
    text = ("A 70-year-old woman was admitted on 3 May 2021 with candidiasis. It was treated with one dose of "
            "intravenous fluconazole 400 mg followed by 200 mg once daily by mouth.")
    exp = next(e for e in analyze_text(text, assess=False).exposures if e.drug == "fluconazole")
    first, later = exp.segments
    assert first.route == "intravenous" and first.length_days == 1.0
    assert later.route == "oral" and later.length_days is None and later.end is None  # no end the text does not give
    assert exp.status != "completed"


def test_the_antifungal_agent_changed_to_another_stops_the_first() -> None:
    got = _exposures("A 40-year-old man was admitted on 3 May 2021 with cryptococcosis. Liposomal amphotericin B was "
                     "started. On 10 May 2021 the antifungal agent was changed to fluconazole 400 mg daily.")
    assert got["amphotericin b"] == [("stopped", "2021-05-03", "2021-05-10")]
    assert got["fluconazole"][0][0] != "stopped" and got["fluconazole"][0][1] == "2021-05-10"


def test_a_list_of_names_shares_the_route_and_schedule_told_after_it() -> None:
    text = ("A 60-year-old woman with lung cancer was seen on 2 May 2020. Therapy with carboplatin, pemetrexed, and "
            "pembrolizumab administered intravenously every 21 days was commenced. Two days later she was started "
            "on dopamine and norepinephrine infusions.")
    exps = {e.drug: e.segments[0] for e in analyze_text(text, assess=False).exposures}
    for drug in ("carboplatin", "pemetrexed", "pembrolizumab"):
        assert exps[drug].route == "intravenous" and exps[drug].timing.period == 21, drug
    assert exps["dopamine"].route == "intravenous"
    # a bare route right after the last name is that drug's own; a member with its own dose keeps the list apart
    text = ("A 60-year-old man was seen on 2 May 2020. The treatment consisted of ceftriaxone, clarithromycin and "
            "enoxaparin s.c. He was also given cefazolin and metronidazole 500 mg intravenously every 8 hours.")
    exps = {e.drug: e.segments[0] if e.segments else None for e in analyze_text(text, assess=False).exposures}
    assert exps["enoxaparin"].route == "subcutaneous"
    for drug in ("ceftriaxone", "clarithromycin", "cefazolin"):
        assert exps[drug] is None or exps[drug].route is None, drug


def test_an_ingredient_named_after_its_amount_is_the_combination_dose_not_a_second_drug() -> None:
    text = ("A 40-year-old man was admitted on 3 May 2021 with bacteremia. Trimethoprim-sulfamethoxazole (5 mg/kg of "
            "trimethoprim iv q6h) was added on 7 May 2021.")
    exps = {e.drug: e for e in analyze_text(text, assess=False).exposures}
    assert set(exps) == {"trimethoprim-sulfamethoxazole"}
    seg = exps["trimethoprim-sulfamethoxazole"].segments[0]
    assert seg.dose.text == "5 mg/kg" and seg.route == "intravenous"
    # an ingredient given on its own, with its dose after its name, stays its own drug
    got = _exposures("A 40-year-old man was admitted on 3 May 2021. Sulfamethoxazole/trimethoprim and trimethoprim "
                     "100 mg were given.")
    assert set(got) == {"trimethoprim-sulfamethoxazole", "trimethoprim"}


def test_a_form_in_brackets_after_its_general_name_is_one_drug() -> None:
    got = _exposures("A 40-year-old man was admitted on 3 May 2021 with mucormycosis. Amphotericin B (AmBisome) "
                     "5 mg/kg daily was started. On 20 May 2021 amphotericin B was stopped.")
    assert got == {"amphotericin b liposomal": [("stopped", "2021-05-03", "2021-05-20")]}
