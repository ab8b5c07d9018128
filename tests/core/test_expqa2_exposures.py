"""Drug exposures, second audit (T2S2 reports and invented discharge summaries): a course told "until" a date, a
drug "replaced" by another, a course length shared by a list. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _course(text: str):
    return analyze_text(text, assess=False)


def _by_drug(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {e.drug: (e.status, e.segments[0].start.point if e.segments else None,
                     e.segments[-1].end.point if e.segments and e.segments[-1].end else None)
            for e in _course(text).exposures}


def test_a_course_until_a_date_ends_there() -> None:
    got = _by_drug("A 61-year-old woman was admitted on 03/04/2023 with cellulitis. She was discharged on 07/04/2023 "
                   "on flucloxacillin 1 g QDS until 14/04/2023 and ramipril 5 mg daily.")
    assert got["flucloxacillin"][1:] == ("2023-04-07", "2023-04-14")
    assert got["ramipril"][1] == "2023-04-07"  # the date ends the course before it, it starts no other
    got = _by_drug("A 50-year-old man was admitted on 2 June 2022. He was given cefuroxime 750 mg IV three times "
                   "daily till 6 June 2022.")
    assert got["cefuroxime"] == ("completed", "2022-06-02", "2022-06-06")


def test_a_drug_replacing_another_stops_it() -> None:
    got = _by_drug("A 66-year-old man with diabetes was reviewed on 5 March 2021. Dapagliflozin 10 mg daily was "
                   "started, replacing gliclazide.")
    assert got["gliclazide"][0] == "stopped"
    assert got["dapagliflozin"][0] != "stopped"


def test_a_course_length_after_a_list_is_each_drugs() -> None:
    got = _by_drug("A 58-year-old woman was admitted on 10 January 2020 with pneumonia. Piperacillin-tazobactam and "
                   "gentamicin were given for 72 hours, then changed to oral doxycycline.")
    assert {d: v[2] for d, v in got.items() if d != "doxycycline"} == {
        "piperacillin-tazobactam": "2020-01-13", "gentamicin": "2020-01-13"}


def test_a_stop_an_event_made_necessary_stops_the_drug() -> None:
    course = _course("A 38-year-old man with bipolar disorder was admitted in June 2021. Lamotrigine caused a "
                     "widespread maculopapular eruption, which required its discontinuation.")
    assert [(e.drug, e.status, e.stop_reason) for e in course.exposures] == [
        ("lamotrigine", "stopped", "widespread maculopapular eruption")]
    course = _course("A 52-year-old woman with gout was started on allopurinol. She later developed marked "
                     "hepatotoxicity with jaundice, which necessitated discontinuation.")
    assert [(e.drug, e.status, e.stop_reason) for e in course.exposures] == [
        ("allopurinol", "stopped", "adverse effect")]
    # the stop of another drug named after it is that drug's
    assert {e.drug: e.status for e in _course("Heparin was started, which required discontinuation of "
                                                "apixaban.").exposures}["heparin"] != "stopped"


def test_a_change_at_the_until_time_is_no_end_and_not_until_is_a_start() -> None:
    got = _by_drug("A 70-year-old man was admitted on 4 March 2020. Vancomycin 1 g IV every 12 hours was continued "
                   "until 20 March 2020, when the dose was reduced.")
    assert got["vancomycin"][2] is None
    got = _by_drug("A 70-year-old man was admitted on 4 March 2020. Warfarin was not started until 20 March 2020.")
    assert got["warfarin"][1] == "2020-03-20"


def test_a_route_before_a_class_word_is_its_drugs() -> None:
    course = _course("A 49-year-old man had a perforated appendix. He was started on IV antibiotics: a combination "
                     "of cefuroxime and metronidazole. Later, intravenous broad-spectrum antibiotics (meropenem) were "
                     "given.")
    assert {e.drug: e.route for e in course.exposures} == {
        "cefuroxime": "intravenous", "metronidazole": "intravenous", "meropenem": "intravenous"}


def test_a_drug_resumed_on_a_date_is_restarted() -> None:
    course = _course("A 74-year-old man on edoxaban was admitted on 9 August 2021 with haematuria. Edoxaban was held "
                     "on admission. Edoxaban was restarted on 13 August 2021.")
    assert [(e.status, e.segments[0].start.point if e.segments else None) for e in course.exposures] == [
        ("stopped", None), ("unknown", "2021-08-13")]


def test_a_hold_written_as_a_noun_stops_the_drug() -> None:
    got = {e.drug: e.status for e in _course("A 77-year-old woman taking warfarin had an INR of 8.2 and a nosebleed. "
                                             "After two days of warfarin hold the INR was 2.9.").exposures}
    assert got == {"warfarin": "stopped"}


def test_a_start_put_off_is_not_taken() -> None:
    got = {e.drug: e.status for e in _course(
        "A 47-year-old woman had rheumatoid arthritis and latent tuberculosis. She was scheduled to start "
        "adalimumab, but this was postponed. Initiation of tofacitinib was deferred. Prednisolone was started and "
        "surgery was postponed.").exposures}
    assert got == {"adalimumab": "not-taken", "tofacitinib": "not-taken", "prednisolone": "unknown"}


def test_counted_doses_on_a_written_schedule_last_that_long() -> None:
    got = _by_drug("A 29-year-old woman with lupus nephritis was seen on 10 January 2019. She was given six monthly "
                   "doses of intravenous cyclophosphamide 750 mg.")
    assert got["cyclophosphamide"][2] >= "2019-06"  # six months, not six days


def test_antituberculous_treatment_withheld_stops_its_drugs() -> None:
    course = _course("A 33-year-old man with pulmonary tuberculosis was started on isoniazid, rifampicin, "
                     "pyrazinamide and ethambutol on 1 June 2023. On 19 June he had jaundice, and anti-tuberculous "
                     "treatment was withheld.")
    assert {e.drug: e.status for e in course.exposures} == {
        "isoniazid": "stopped", "rifampin": "stopped", "pyrazinamide": "stopped", "ethambutol": "stopped"}


def test_a_routes_abbreviation_in_brackets_is_that_route() -> None:
    course = _course("A 35-year-old woman had anaphylaxis. She received intravenous (IV) methylprednisolone 125 mg and "
                     "oral (PO) cetirizine. IV antibiotics were started, including cefuroxime and gentamicin.")
    assert {e.drug: e.route for e in course.exposures} == {
        "methylprednisolone": "intravenous", "cetirizine": "oral", "cefuroxime": "intravenous",
        "gentamicin": "intravenous"}


def test_an_ordinal_hourly_is_every_so_many_hours() -> None:
    seg = _course("A 28-year-old woman had a caesarean delivery. She was given injection paracetamol 1 g i/v sixth "
                  "hourly for pain.").exposures[0].segments[0]
    assert (seg.route, seg.timing.period, seg.timing.period_unit) == ("intravenous", 6.0, "h")


def test_a_course_length_with_the_dose_before_the_drug() -> None:
    got = _by_drug("A 66-year-old man was admitted on 2 February 2022 with a diabetic foot infection. He was "
                   "discharged on 9 February 2022 on a 14-day course of 450 mg clindamycin three times daily.")
    assert got["clindamycin"][1:] == ("2022-02-09", "2022-02-23")


def test_a_combination_written_with_an_en_dash_is_one_drug() -> None:
    got = {e.drug for e in _course("A 71-year-old man had a perforated diverticulum and was given "
                                   "piperacillin\u2013tazobactam 4.5 g every 8 hours.").exposures}
    assert got == {"piperacillin-tazobactam"}


def test_a_list_course_length_reaches_drugs_told_with_their_doses() -> None:
    from casecourse.api import analyze_text

    c = analyze_text("Case presentation\nA man was admitted on 3 February 2024 with pneumonia. He was treated with "
                     "co-amoxiclav 1.2 g three times daily and clarithromycin 500 mg twice daily for 48 hours.",
                     assess=False)
    ends = {e.drug: e.segments[-1].end.point if e.segments[-1].end else None for e in c.exposures}
    assert ends == {"amoxicillin-clavulanate": "2024-02-05", "clarithromycin": "2024-02-05"}
