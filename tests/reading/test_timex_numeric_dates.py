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
