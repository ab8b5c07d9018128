"""Follow-up marks ("at 6 months", "at the 12-month follow-up") count from the start of the case, not from the
last time told (invented stories)."""
from __future__ import annotations

from casecourse.api import analyze_text


def test_follow_up_marks_count_from_day_zero() -> None:
    course = analyze_text("A 49-year-old woman presented with arthritis. Methotrexate 15 mg weekly was started. "
                          "Four weeks later, her joints were less swollen. At 6 months, leflunomide 20 mg daily was "
                          "added. At the 12-month follow-up she was in remission.", assess=False)
    lef = next(e for e in course.exposures if e.drug == "leflunomide")
    lo, hi = lef.segments[0].start.offset_days
    assert lo <= 182.6 <= hi and hi < 200
    rem = next(e for e in course.events if e.type == "remission")
    assert rem.time.offset_days[0] <= 365.25 <= rem.time.offset_days[1] < 400


def test_later_still_counts_on_from_the_last_time() -> None:
    course = analyze_text("A 49-year-old woman presented with arthritis. Four weeks later, methotrexate 15 mg weekly "
                          "was started. Six months later, leflunomide 20 mg daily was added.", assess=False)
    lef = next(e for e in course.exposures if e.drug == "leflunomide")
    assert lef.segments[0].start.offset_days[0] > 190
