"""The timeline: an event-relative "after discharge" lies between the current time and the next
stated date. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline import place_sentences
from casecourse.reading.pipeline import read


def times(text: str) -> list:
    r = read(text)
    return [(text[s:e].split()[0], t.time if t else None) for (s, e), t in zip(r.sentences, place_sentences(r),
                                                                                 strict=True)]


def test_after_discharge_lies_before_the_next_stated_date():
    text = ("In March 2018 she was admitted with fever. She improved on steroids. After discharge, azathioprine "
            "was started. During May 2021 she relapsed.")
    got = dict(times(text))
    after = got["After"]
    assert (after.earliest, after.latest, after.derivation) == ("2018-03", "2021-05", "estimated")
    assert "2018-03" < after.point < "2021-05"
    assert got["In"].point == "2018-03" and got["During"].point == "2021-05"


def test_after_discharge_with_no_later_date_invents_none():
    got = dict(times("In March 2018 she was admitted with fever. After discharge, azathioprine was started."))
    after = got["After"]
    assert after.latest is None and after.point == "2018-03"


def test_a_time_inside_parentheses_dates_an_aside_not_the_story() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 62-year-old man presented with dyspnea. He had coronary disease (stent placed "
                          "4 years before admission) and hypertension. He was treated with ribavirin.", assess=False)
    exp = next(e for e in course.exposures if e.drug == "ribavirin")
    assert exp.segments[0].start.offset_days == (0.0, 0.0)
