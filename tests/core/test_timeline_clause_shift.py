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


def test_a_step_on_in_a_later_clause_leaves_the_clause_before_at_the_time_told_before() -> None:
    starts = _starts("He was admitted on 2 June 2020 with fever. Dexamethasone was started, and on day 3 anakinra was "
                     "added.")
    assert starts["dexamethasone"] == ["2020-06-02"] and starts["anakinra"] == ["2020-06-04"]
    starts = _starts("He was admitted on 2 June 2020 with fever. Treatment with ceftriaxone was begun, but because "
                     "his condition deteriorated it was changed to meropenem on day 4.")
    assert starts["ceftriaxone"] == ["2020-06-02"] and starts["meropenem"] == ["2020-06-05"]


def test_the_last_items_of_one_list_share_the_time_that_ends_it() -> None:
    c = analyze_text("Case presentation\nShe was admitted on 2 June 2020. Fatigue, anemia, and weight loss were "
                     "noted on day 9.", assess=False)
    times = {f.name: f.time.point for f in [*c.findings, *c.conditions]}
    assert times.get("fatigue") == "2020-06-10" and times.get("weight loss") == "2020-06-10"


def test_a_discharge_in_the_later_clause_is_what_later_times_count_from() -> None:
    c = analyze_text("Case presentation\nA man was admitted with pneumonia. Clinical improvement followed, and after "
                     "4 days he was discharged. Six days after discharge, he presented again with fever.", assess=False)
    assert [(e.type, e.time.offset_days) for e in c.events] == [
        ("admission", (0.0, 0.0)), ("improvement", (0.0, 0.0)), ("discharge", (4.0, 4.0)), ("admission", (10.0, 10.0))]
