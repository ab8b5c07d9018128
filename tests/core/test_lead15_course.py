"""Fifteenth lead session: day counts told as a list, in our own words."""

from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read


def _day_counts(text: str) -> list[tuple[str, int]]:
    return [(text[m.start:m.end], m.attrs["day_count"]) for m in read(text).mentions
            if m.type == "time" and m.attrs.get("day_count") is not None]


def test_a_drug_given_on_hospital_days_five_and_twelve_starts_on_day_five():
    c = analyze_text("A 52-year-old man was admitted on 10 January 2022 with fever and splenomegaly. Dexamethasone "
                     "was given on hospital days 5 and 12.")
    dex = next(x for x in c.exposures if x.drug == "dexamethasone")
    assert dex.time.point == "2022-01-14"


def test_each_day_of_a_list_is_a_day_count_with_the_lists_anchor():
    text = "Her platelet count was measured on days 3, 7 and 10 of admission."
    assert [n for _, n in _day_counts(text)] == [3, 7, 10]
    times = [m for m in read(text).mentions if m.type == "time"]
    assert {m.attrs.get("rel_anchor") for m in times} == {"admission"}


def test_days_of_a_treatment_cycle_are_no_times_of_the_story():
    # guard: the plural list obeys the regimen cues as one day count does
    assert _day_counts("Gemcitabine was given on days 1 and 8, repeated every 21 days.") == []


def test_a_day_of_each_numbered_cycle_is_no_time_of_the_story():
    assert _day_counts("Docetaxel was given on day 1 of each 21-day cycle.") == []
    assert _day_counts("Capecitabine was taken on days 1 to 14 of a 21 day cycle.") == []


def test_a_listed_day_count_after_a_later_day_counts_from_day_zero():
    # "on days 20 and 30" told after day 60 are days of the stay, as "on day 20" is, not 20 days after day 60
    c = analyze_text("A 45-year-old woman was admitted with fever and pancytopenia. On day 60 she had a rash. "
                     "Bone marrow aspirates taken on days 20 and 30 showed haemophagocytosis. There was no "
                     "evidence of lymphoma.")
    lymphoma = next(x for x in c.conditions if x.name == "lymphoma")
    assert lymphoma.time.offset_days is not None and lymphoma.time.offset_days[1] <= 30


def test_between_two_days_is_no_list_of_days():
    assert _day_counts("The rash usually appears between days 3 and 10 of the illness.") == []


def test_a_day_of_the_stay_is_no_cycle_day_after_a_dose_per_body_surface():
    text = "Because the ferritin kept rising, etoposide 150 mg/m2 was given on hospital days 4 and 11."
    assert [n for _, n in _day_counts(text)] == [4, 11]
    assert [n for _, n in _day_counts("Vincristine 1.4 mg/m2 was given on hospital day 6.")] == [6]
    # guard: a day of a regimen is still no time of the story
    assert _day_counts("Etoposide 100 mg/m2 was given on days 1 to 3 of each 21-day cycle.") == []


def _drug(c, name):
    return next(x for x in c.exposures if x.drug == name)


def test_a_drug_stopped_after_a_seven_day_course_ends_seven_days_after_its_start():
    c = analyze_text("A 50-year-old man was admitted with fever on 1 May 2019. On day 10 linezolid was started. "
                     "Linezolid was discontinued after a 7-day course. He improved.")
    lzd = _drug(c, "linezolid")
    assert lzd.time.point == "2019-05-10" and lzd.end is not None and lzd.end.point == "2019-05-17"


def test_a_course_length_with_its_noun_of_treatment_counts_from_the_start():
    c = analyze_text("A 50-year-old man was admitted with fever on 1 May 2019. On day 10 linezolid was started. "
                     "Linezolid was stopped after a two-week course of treatment.")
    assert _drug(c, "linezolid").end.point == "2019-05-24"


def _procedures(text: str) -> list[str]:
    return [p.name for p in analyze_text(text).procedures]


def test_a_device_told_placed_or_inserted_is_its_procedure():
    assert "drainage" in _procedures("A 70-year-old man had a large pleural effusion. A chest tube was placed.")
    assert "stenting" in _procedures("She had an obstructed bile duct, and a plastic stent was inserted.")
    assert "pacemaker implantation" in _procedures("He had complete heart block. We implanted a dual-chamber "
                                                   "pacemaker.")


def test_a_device_named_without_its_verb_is_no_procedure():
    # guard: a device that is there, or looked at, was not placed in this sentence
    assert _procedures("A 70-year-old man with a pacemaker presented with syncope. The stent was patent.") == []


def test_the_oxygenator_names_ecmo():
    assert "ECMO" in _procedures("A 30-year-old man with ARDS was placed on extracorporeal membrane oxygenator "
                                 "support on day 3.")


def test_a_stay_told_by_its_length_at_discharge_is_no_second_admission():
    c = analyze_text("A 60-year-old woman presented on 2 March 2020 with fever and was admitted. Ceftriaxone was "
                     "started. She was discharged after a 13-day admission.")
    admissions = [e for e in c.events if e.type == "admission"]
    assert len(admissions) == 1 and admissions[0].time.point == "2020-03-02"


def test_a_time_after_the_hospitalization_is_no_new_admission():
    c = analyze_text("A 50-year-old man was admitted on 4 June 2021 with a liver abscess. He was discharged on "
                     "18 June 2021. At 6 weeks post-hospitalization he was well.")
    assert len([e for e in c.events if e.type == "admission"]) == 1


def test_a_discharge_after_a_stay_of_stated_length_is_that_long_after_the_admission():
    c = analyze_text("A 50-year-old man was admitted on 4 June 2021 with a liver abscess. The drains were removed on "
                     "hospital day 14. He was discharged home after a 4-week hospitalization.")
    discharge = next(e for e in c.events if e.type == "discharge")
    assert discharge.time.point == "2021-07-02"
