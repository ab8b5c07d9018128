"""Exposures from regimens, and stop reasons kept to their own clause (invented stories)."""
from __future__ import annotations

from casecourse.assembly.course import assemble
from casecourse.reading.pipeline import read


def _exposures(text: str) -> dict[str, object]:
    return {e.drug: e for e in assemble(read(text)).exposures}


def test_regimen_gives_one_exposure_per_ingredient() -> None:
    ex = _exposures("A 60-year-old man was seen in May 2016. In June 2016 he started R-CHOP for lymphoma. "
                    "In December 2016 R-CHOP was discontinued.")
    chop = {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"}
    assert chop <= set(ex)
    for name in chop:
        assert ex[name].time.point == "2016-06" and ex[name].end is not None and ex[name].end.point == "2016-12"


def test_reason_attaches_only_to_its_clause() -> None:
    ex = _exposures("In April 2015, cyclosporine was replaced by tacrolimus due to intolerance, and azathioprine "
                    "was switched to mycophenolate mofetil.")
    assert ex["cyclosporine"].stop_reason == "intolerance"
    assert ex["azathioprine"].status == "stopped" and ex["azathioprine"].stop_reason is None
    assert ex["tacrolimus"].status != "stopped" and ex["mycophenolate mofetil"].status != "stopped"


def test_reason_in_second_clause_only() -> None:
    ex = _exposures("In June 2016 hydroxychloroquine was withdrawn, but methotrexate was stopped because of "
                    "hepatotoxicity.")
    assert ex["methotrexate"].stop_reason == "adverse effect"
    assert ex["hydroxychloroquine"].stop_reason is None


def test_one_clause_shares_its_reason() -> None:
    ex = _exposures("In 2019 tacrolimus and quinacrine were discontinued due to remission.")
    assert ex["tacrolimus"].stop_reason == ex["quinacrine"].stop_reason == "remission"


def test_a_drug_started_and_stopped_in_one_sentence_has_its_stop() -> None:
    ex = _exposures("A 30-year-old woman was admitted in January 2018. Tacrolimus was started in March 2018 and "
                    "discontinued in June 2018 due to nephrotoxicity.")
    tac = ex["tacrolimus"]
    assert tac.time.point == "2018-03" and tac.end is not None and tac.end.point == "2018-06"
    assert tac.status == "stopped" and tac.stop_reason == "adverse effect"


def test_a_stop_after_a_stated_time_counts_from_the_start() -> None:
    ex = _exposures("A 30-year-old woman was admitted in January 2018. Azathioprine was added on 3 February 2018 "
                    "but was stopped after 10 days because of pancreatitis.")
    aza = ex["azathioprine"]
    assert aza.status == "stopped" and aza.end is not None and aza.end.point == "2018-02-13"
    assert aza.stop_reason == "pancreatitis"  # a reason of no known kind is kept as written


def test_a_stop_of_another_drug_later_in_the_sentence_is_not_this_ones() -> None:
    ex = _exposures("A 30-year-old woman was admitted in January 2018. Methotrexate was started in March 2018 and "
                    "azathioprine was stopped.")
    assert ex["methotrexate"].status != "stopped" and ex["azathioprine"].status == "stopped"


def test_it_was_stopped_stops_the_one_drug_of_the_sentence_before() -> None:
    ex = _exposures("A 40-year-old man was treated with ciclosporin from March 2019. It was stopped in May 2019 "
                    "because of hypertension.")
    assert ex["cyclosporine"].status == "stopped" and ex["cyclosporine"].end.point == "2019-05"
    assert ex["cyclosporine"].stop_reason == "hypertension"
    # two drugs before, or a sentence between: "it" is not certain, nothing is stopped
    ex = _exposures("A 40-year-old man was treated with ciclosporin and prednisone from March 2019. It was stopped "
                    "in May 2019.")
    assert all(e.status != "stopped" for e in ex.values())
    ex = _exposures("A 40-year-old man was treated with ciclosporin from March 2019. Fever recurred in April 2019. "
                    "It was stopped in May 2019.")
    assert ex["cyclosporine"].status != "stopped"


def test_a_drug_considered_and_not_given_is_not_taken() -> None:
    assert ex_status("Rituximab was not given because of active hepatitis B.") == {"rituximab": "not-taken"}
    assert ex_status("She never received cyclophosphamide.") == {"cyclophosphamide": "not-taken"}
    assert ex_status("Methotrexate could not be started; leflunomide was given instead.") == {
        "methotrexate": "not-taken", "leflunomide": "unknown"}
    # "not started until" is a start; a drug taken before and not resumed keeps its course
    assert ex_status("Methotrexate was not started until March 2019.") == {"methotrexate": "unknown"}
    ex = _exposures("Azathioprine was started in 2015 and stopped in 2017. Azathioprine could not be restarted.")
    assert ex["azathioprine"].status == "stopped"


def ex_status(sentence: str) -> dict[str, str]:
    return {d: e.status for d, e in _exposures("A 50-year-old woman was admitted in 2019. " + sentence).items()}


def test_a_later_time_in_a_sentence_dates_what_follows_it() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case report\nA 30-year-old woman was admitted in June 2017 with lupus nephritis. In January "
                          "2019 she stopped mycophenolate, and two months later she had a renal flare. Azathioprine "
                          "was started.")
    flare = next(e for e in course.events if e.type == "flare")
    assert flare.time.point == "2019-03"
    mmf = next(e for e in course.exposures if e.drug == "mycophenolate mofetil")
    assert mmf.end is not None and mmf.end.point == "2019-01"
    aza = next(e for e in course.exposures if e.drug == "azathioprine")
    assert aza.time.point == "2019-03"  # the story moved on to the flare's time


def test_a_stop_to_conceive_has_the_reason_planned_pregnancy_and_a_complete_response_is_a_remission() -> None:
    from casecourse.api import analyze_text

    ex = _exposures("A 30-year-old woman was admitted in 2017. In January 2019 she stopped mycophenolate because "
                    "she wished to become pregnant.")
    assert ex["mycophenolate mofetil"].stop_reason == "planned pregnancy"  # not a pregnancy (yet)
    course = analyze_text("Case report\nA 30-year-old woman was admitted in June 2017. Complete renal response was "
                          "achieved in March 2018.")
    assert [e.time.point for e in course.events if e.type == "remission"] == ["2018-03"]


def test_a_taper_from_a_dose_per_kg_and_its_stated_span() -> None:
    pred = _exposures("A 30-year-old woman was admitted in June 2017. In June 2017 she was started on prednisone "
                      "1 mg/kg/day, tapered to 10 mg/day over 6 months, together with mycophenolate 3 g/day.")[
        "prednisone"]
    assert [(s.dose.value, s.dose.per) for s in pred.segments] == [(1.0, "kg"), (10.0, None)]
    assert pred.segments[1].start.point == "2017-12"  # reached 6 months on


def test_a_course_told_by_its_number_of_doses_ends_after_them() -> None:
    ex = _exposures("A 30-year-old woman was admitted in 2017. On 3 June 2017 she received three pulses of "
                    "methylprednisolone 500 mg and rituximab 375 mg/m2 weekly for four doses.")
    assert ex["methylprednisolone"].end.point == "2017-06-06"
    assert ex["rituximab"].end.point == "2017-07-01"


def test_a_drug_named_before_the_admission_was_taken_since_a_time_not_given() -> None:
    ex = _exposures("A 38-year-old man with Crohn's disease treated with azathioprine 150 mg daily was admitted in "
                    "October 2020 with fever. He was started on dexamethasone 10 mg daily.")
    assert ex["azathioprine"].time.point is None and ex["azathioprine"].time.text == "before admission"
    assert ex["dexamethasone"].time.point == "2020-10"  # "started on" starts it, in the story's time


def test_a_look_back_from_the_story_does_not_move_the_story_back() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case report\nA 19-year-old man presented with vomiting. He had stopped his insulin three "
                          "days earlier. He was admitted to the intensive care unit.")
    insulin = next(e for e in course.exposures if e.drug.startswith("insulin"))
    assert insulin.end is not None and insulin.end.offset_days == (-3.0, -3.0)
    admission = next(e for e in course.events if e.type == "admission")
    assert admission.time.offset_days == (0.0, 0.0)  # not three days before the presentation


def test_a_summarys_time_does_not_move_the_story() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Abstract\nWe report a stent infection occurring several years after implantation.\n"
                          "Case presentation\nA 78-year-old man presented with scrotal pain. He was admitted.")
    admission = next(e for e in course.events if e.type == "admission")
    assert admission.time.offset_days == (0.0, 0.0)  # not "several years" on


def test_a_class_stopped_or_switched_as_a_whole_stops_its_members() -> None:
    ex = _exposures("A 40-year-old man was admitted in May 2019. In May 2019 he received ceftriaxone, azithromycin and "
                    "prednisone. On 3 June 2019 antibiotics were switched to oral amoxicillin.")
    assert ex["ceftriaxone"].end.point == "2019-06-03" and ex["azithromycin"].status == "stopped"
    assert ex["prednisone"].status != "stopped" and ex["amoxicillin"].status != "stopped"
    ex = _exposures("A 40-year-old man was admitted in May 2019. In May 2019 he started isoniazid and rifampicin. In "
                    "June 2019 all antituberculous drugs were withheld because of drug-induced liver injury.")
    assert {e.stop_reason for e in ex.values()} == {"drug-induced liver injury"}
    ex = _exposures("A 40-year-old man was admitted in May 2019. In May 2019 he received ceftriaxone. Antibiotics "
                    "were continued.")
    assert ex["ceftriaxone"].status != "stopped"


def test_a_drug_stopped_and_restarted_in_one_sentence_has_two_courses() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case report\nA 40-year-old woman was seen in 2015. Hydroxychloroquine was started in 2015. "
                          "Hydroxychloroquine was stopped in 2017 and restarted in 2019.")
    got = [(e.time.point, e.end.point if e.end else None) for e in course.exposures if e.drug == "hydroxychloroquine"]
    assert got == [("2015", "2017"), ("2019", None)]


def test_days_of_the_admission_count_from_its_calendar_date() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case report\nA 40-year-old woman was admitted on 3 May 2021 with fever. On day 5, she "
                          "developed a rash. On hospital day 8 methotrexate was started. She was discharged on day 12.")
    assert [e.time.point for e in course.exposures if e.drug == "methotrexate"] == ["2021-05-10"]
    assert [e.time.point for e in course.events if e.type == "discharge"] == ["2021-05-14"]


def test_it_was_stopped_and_restarted_gives_a_second_course() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case report\nA 40-year-old woman was seen in 2015. Hydroxychloroquine was started in 2015. "
                          "It was stopped in 2017 because of visual symptoms and restarted in 2019.")
    got = [(e.time.point, e.end.point if e.end else None, e.stop_reason) for e in course.exposures]
    assert got == [("2015", "2017", "visual symptoms"), ("2019", None, None)]


def test_a_drug_stopped_once_what_it_covered_was_excluded_says_so() -> None:
    ex = _exposures("A 60-year-old man was admitted in 2020. In 2020 he received acyclovir and clarithromycin. "
                    "Acyclovir was discontinued after herpes simplex encephalitis had been ruled out.")
    assert ex["acyclovir"].stop_reason == "herpes simplex encephalitis excluded"
    assert ex["clarithromycin"].status != "stopped"
