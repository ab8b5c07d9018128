"""A later time that ends its clause governs the whole clause, not only the words after it (own sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _starts(text: str) -> dict[str, list[str | None]]:
    c = analyze_text("Case presentation\n" + text, assess=False)
    return {e.drug: [s.start.point if s.start else None for s in e.segments] for e in c.exposures}


def test_a_restart_told_before_its_day_takes_that_day() -> None:
    starts = _starts("A man on apixaban 5 mg twice daily was admitted on 3 February 2024. Apixaban was held on day 2 "
                     "because of acute kidney injury and restarted at 2.5 mg twice daily on day 5.")
    assert "2024-02-07" in [s for ss in starts.values() for s in ss]


def test_drugs_listed_in_a_later_clause_take_its_day() -> None:
    starts = _starts("She was admitted on 3 March 2023. Prednisone was started on day 2, and methotrexate and "
                     "hydroxychloroquine on day 6.")
    assert starts["prednisone"] == ["2023-03-04"]
    assert starts["methotrexate"] == ["2023-03-08"] and starts["hydroxychloroquine"] == ["2023-03-08"]


def test_the_clause_before_a_later_time_keeps_its_own() -> None:
    starts = _starts("She was admitted on 3 March 2023. Prednisone was started on day 2 but caused nausea, and "
                     "therefore methotrexate was added on day 6.")
    assert starts["prednisone"] == ["2023-03-04"] and starts["methotrexate"] == ["2023-03-08"]


def test_the_story_resumes_after_a_piece_of_history_told_in_passing() -> None:
    c = analyze_text("Case presentation\nA 68-year-old man, operated for an inguinal hernia 20 years ago, was admitted "
                     "to the emergency department with abdominal pain. He was discharged 9 days later.")
    times = {e.type: e.time.offset_days for e in c.events}
    assert times["admission"] == (0.0, 0.0) and times["discharge"] == (9.0, 9.0)
    hernia = next(x for x in c.conditions if "hernia" in x.name)
    assert hernia.time.offset_days is not None and hernia.time.offset_days[1] < -7000
