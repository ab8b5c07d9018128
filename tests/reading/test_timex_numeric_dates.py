"""Numeric dates: a day past 19 in either place, and the day-month order a text does not settle (invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.timex import find_timexes


def test_a_month_first_date_with_a_late_day_is_read() -> None:
    assert [m.attrs.get("value") for m in find_timexes("He was seen on 12/25/2023 and on 4/24/2020.")] == [
        "2023-12-25", "2020-04-24"]


def test_a_late_day_settles_the_documents_order() -> None:
    text = "Case presentation\nShe was admitted on 03/04/2024 with fever. A rash began on 03/22/2024."
    admission = next(e for e in analyze_text(text).events if e.type == "admission")
    assert admission.time.point == "2024-03-04"  # 4 March: the text writes its dates month first


def test_an_unsettled_order_is_an_estimate_holding_both_readings() -> None:
    admission = next(e for e in analyze_text("Case presentation\nShe was admitted on 03/04/2024 with fever.").events
                     if e.type == "admission")
    t = admission.time
    assert (t.point, t.earliest, t.latest, t.derivation) == ("2024-04-03", "2024-03-04", "2024-04-03", "estimated")


def test_a_numeric_date_without_its_year_in_a_document_that_writes_numeric_dates() -> None:
    # "on 4/18" after "Admission Date: 4/16/2022": 18 April of the story's year; its order (only month-first is valid)
    # settles the admission's too
    text = ("Admission Date: 4/06/2022\n\nHospital Course:\nA 71 yo F admitted with cellulitis. On 4/18, she was "
            "started on cefazolin. She improved and was discharged.")
    values = [m.attrs.get("value") for m in find_timexes(text)]
    assert values[:2] == ["2022-04-06", "XXXX-04-18"]
    course = analyze_text(text, assess=False)
    cefazolin = next(e for e in course.exposures if e.drug == "cefazolin")
    assert cefazolin.segments[0].start.point == "2022-04-18"


def test_a_fraction_or_a_score_is_no_date_without_its_year() -> None:
    assert find_timexes("Power was 4/5 on the left; on 2/3 of the days she was afebrile. GCS fell to 7/15.") == []
    text = "Seen on 03/02/2021. Power improved from 3/5 to 4/5 by discharge; GCS dropped to 5/15."
    assert [m.attrs.get("value") for m in find_timexes(text) if "/" in m.text] == ["2021-02-03"]


def test_dates_that_settle_no_order_take_the_reading_under_which_they_cluster() -> None:
    # day-first the stay would run from 2 March to 2 September; month-first from 3 February to 9 February: the estimate
    # is the month-first reading, and each date still holds the other
    text = "Admission Date: 02/03/2023   Discharge Date: 02/09/2023\n\nHospital Course:\nA 66 yo M admitted with COPD."
    course = analyze_text(text, assess=False)
    admission = next(e for e in course.events if e.type == "admission")
    discharge = next(e for e in course.events if e.type == "discharge")
    assert (admission.time.point, admission.time.derivation) == ("2023-02-03", "estimated")
    assert (admission.time.earliest, admission.time.latest) == ("2023-02-03", "2023-03-02")
    assert discharge.time.point == "2023-02-09"


def test_dates_clustered_day_first_keep_the_day_first_reading() -> None:
    values = [m.attrs.get("value") for m in find_timexes("Seen on 05/10/2018, again on 12/10/2018 and 02/11/2018.")]
    assert values == ["2018-10-05", "2018-10-12", "2018-11-02"]
