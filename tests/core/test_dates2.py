"""Dates, second round (dates2): numeric dates with two-digit years, a stay's day count from an admission known only
to the month, a course told "to complete N days", and a drug held in a hospital course's paragraph. Invented
sentences; the guards (passing before the change too) say so."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.timex import find_timexes


def _dates(text: str) -> dict[str, str | None]:
    return {t.text: t.attrs.get("value") for t in find_timexes(text) if t.type == "date"}


def _exposure(text: str, drug: str):  # noqa: ANN202 - an Exposure
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


# --- two-digit years ---

_MDS = ("A 52-year-old man with myelodysplastic syndrome diagnosed in June 2017 received an allogeneic stem cell "
        "transplant on 12/9/17. He remained well until 3/2/18, when a bone marrow aspirate showed relapse. "
        "Azacitidine was started on 20/2/18. He was admitted with neutropenic fever on 4.3.18 and treated with "
        "piperacillin-tazobactam. He died in May 2018.")


def test_two_digit_years_within_the_documents_years_are_read() -> None:
    got = _dates(_MDS)
    assert got["12/9/17"] == "2017-09-12"
    assert got["3/2/18"] == "2018-02-03"  # day-first: "20/2/18" settles the order, as for four-digit dates
    assert got["4.3.18"] == "2018-03-04"


def test_two_digit_years_date_the_course() -> None:
    course = analyze_text(_MDS)
    assert _exposure(_MDS, "azacitidine").time.point == "2018-02-20"
    assert next(e for e in course.events if e.type == "admission").time.point == "2018-03-04"


def test_a_month_first_document_reads_its_two_digit_dates_month_first() -> None:
    got = _dates("She was admitted in March 2021. On 3/28/21 she became hypoxic; on 4/1/21 dexamethasone was "
                 "started.")
    assert got["3/28/21"] == "2021-03-28" and got["4/1/21"] == "2021-04-01"


def test_a_two_digit_year_after_every_full_year_of_the_document_is_not_read() -> None:  # guard
    got = _dates("Her disease was diagnosed in 2015. She was admitted on 30/5/19 with fever.")
    assert "30/5/19" not in got  # 2019 or 1919: the document does not say


def test_a_document_with_no_four_digit_year_reads_no_two_digit_year() -> None:  # guard
    assert not _dates("She was admitted on 14/4/16 with fever and discharged on 20/4/16.")


def test_the_writing_date_settles_the_century() -> None:
    got = {t.text: t.attrs.get("value") for t in find_timexes("Seen on 14/4/16 with fever.", "2017-01-10")
           if t.type == "date"}
    assert got["14/4/16"] == "2016-04-14"


def test_pressures_scores_and_versions_are_no_dates() -> None:  # guard
    got = _dates("In 2019, the pulmonary artery pressure was 25/12/18 mm Hg. Apgar scores were 9/9/10. Trees were "
                 "built with FastTree version 2.1.10 in 2019.")
    assert set(got) == {"2019"}


# --- a stay's day count from an admission known only to the month ---

_MARCH = ("A 54-year-old man was admitted in March 2019 with fever and cough. He was started on intravenous "
          "ceftriaxone. On day 5 he developed acute kidney injury. Three days later he was intubated. He was "
          "discharged on day 20.")


def test_a_day_count_from_a_month_is_the_month_moved_by_the_days() -> None:
    course = analyze_text(_MARCH)
    aki = next(c for c in course.conditions if c.name == "acute kidney injury").time
    assert (aki.earliest, aki.latest, aki.precision) == ("2019-03-05", "2019-04-04", "month")
    discharge = next(e for e in course.events if e.type == "discharge").time
    assert (discharge.earliest, discharge.latest, discharge.point) == ("2019-03-20", "2019-04-19", "2019-04")


def test_a_count_from_a_counted_day_keeps_the_months_it_may_fall_in() -> None:  # guard
    # "three days later" than day 5 is day 8: counting it from the month's days would lose the 4 days of day 5
    t = next(p for p in analyze_text(_MARCH).procedures if p.name == "intubation").time
    assert (t.earliest, t.latest) == ("2019-03", "2019-04")


def test_a_day_count_from_a_day_is_a_day() -> None:  # guard
    t = next(c for c in analyze_text(_MARCH.replace("in March 2019", "on 10 March 2019")).conditions
             if c.name == "acute kidney injury").time
    assert (t.earliest, t.latest, t.point) == ("2019-03-14", "2019-03-14", "2019-03-14")


# --- a course given "to complete" a length ---

def test_a_switch_to_complete_days_in_total_counts_from_the_first_drugs_start() -> None:
    text = ("A 30-year-old woman was admitted on 3 May 2021 with pyelonephritis. She was treated with intravenous "
            "ceftriaxone 2 g daily, switched to oral amoxicillin on day 3 to complete 10 days in total.")
    e = _exposure(text, "amoxicillin")
    assert e.end is not None and e.end.point == "2021-05-13" and e.status == "completed"


def test_a_switch_told_before_the_stop_of_the_course_it_ends() -> None:
    text = ("A 40-year-old man was admitted on 2 March 2018 with pneumonia and started on intravenous ceftriaxone. "
            "On day 4 he was switched to oral cefuroxime 500 mg twice daily to complete a total of 7 days of "
            "antibiotics.")
    assert _exposure(text, "cefuroxime").end.point == "2018-03-09"


def test_a_route_switch_to_complete_a_course_counts_from_the_drugs_first_day() -> None:
    text = ("A 62-year-old man presented on 10 June 2020 with cellulitis. Intravenous flucloxacillin was started. "
            "On 13 June he was switched to oral flucloxacillin to complete a 14-day course.")
    e = _exposure(text, "flucloxacillin")
    assert e.segments[-1].route == "oral" and e.end.point == "2020-06-24"


def test_a_course_completed_from_an_estimated_start_is_estimated() -> None:
    text = ("Hospital course: admitted 03/04/2022 with pneumonia and started on intravenous ceftriaxone. On day 3 "
            "she was switched to oral amoxicillin to complete 7 days in total.")
    e = _exposure(text, "amoxicillin")
    assert e.end is not None and e.end.derivation == "estimated"


def test_additional_days_count_from_the_time_told() -> None:
    text = ("A 40-year-old man was admitted on 2 March 2018 with a liver abscess and started on intravenous "
            "metronidazole. He was discharged on 20 March 2018 on oral metronidazole to complete an additional 14 days "
            "of therapy.")
    assert _exposure(text, "metronidazole").end.point == "2018-04-03"


def test_a_drug_first_given_to_complete_a_course_keeps_no_end() -> None:  # guard
    # the course's first day is not told for this drug: no end is invented
    text = ("A 40-year-old man was admitted on 2 March 2018 with pneumonia. He was discharged on 6 March 2018 on "
            "oral levofloxacin to complete a 10-day course.")
    assert _exposure(text, "levofloxacin").end is None


# --- a drug held in a hospital course's paragraph ---

_SUMMARY = ("DISCHARGE SUMMARY\n\nAdmission Date: 03/14/2023\nDischarge Date: 03/20/2023\n\nHome medications: "
            "lisinopril 20 mg daily, metformin 1000 mg twice daily.\n\nHospital Course:\nShe was admitted with "
            "community-acquired pneumonia and started on ceftriaxone. On hospital day 3 her creatinine rose to "
            "2.1 mg/dL. ")


def test_a_drug_held_with_no_time_of_its_own_takes_the_day_told_before() -> None:  # guard (right before this round)
    e = _exposure(_SUMMARY + "Lisinopril was held.", "lisinopril")
    assert e.status == "stopped" and e.end.point == "2023-03-16"


def test_we_held_her_drugs_is_a_hold_on_the_day_told_before() -> None:
    course = analyze_text(_SUMMARY + "We held her lisinopril and metformin.")
    for drug in ("lisinopril", "metformin"):
        e = next(x for x in course.exposures if x.drug == drug)
        assert e.status == "stopped" and e.end.point == "2023-03-16"


def test_a_list_of_names_shares_the_length_it_is_given_to_complete() -> None:
    text = ("A 50-year-old man was admitted on 2 May 2020 with a liver abscess and started on intravenous ceftriaxone "
            "and metronidazole. He was discharged on 12 May 2020 on IV ceftriaxone and oral metronidazole to complete "
            "6 weeks of antibiotic therapy.")
    for drug in ("ceftriaxone", "metronidazole"):
        assert _exposure(text, drug).end.point == "2020-06-13"


def test_a_length_of_the_whole_treatment_counts_from_its_first_day() -> None:
    text = ("A 50-year-old man was admitted on 2 May 2020 with a liver abscess and started on cefepime and "
            "metronidazole. On 6 May 2020 antibiotics were narrowed to ceftriaxone and metronidazole. He was "
            "discharged on 12 May 2020 on IV ceftriaxone and oral metronidazole to complete 6 weeks of antibiotic "
            "therapy.")
    assert _exposure(text, "ceftriaxone").end.point == "2020-06-13"  # 2 May + 6 weeks, not 6 May + 6 weeks
