"""The timeline: an event-relative "after discharge" lies between the current time and the next
stated date. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
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


def test_history_counted_back_from_presentation_does_not_move_the_story() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 30-year-old man presented with fever and was admitted. He had taken penicillin, stopped "
                          "seven years prior to the presenting complaints. He was extubated on day 13. He was "
                          "discharged on day 20.", assess=False)
    discharge = next(e for e in course.events if e.type == "discharge")
    assert discharge.time.offset_days == (19.0, 19.0)  # day 20 is 19 days after day 1 (day 0 = presentation)


def test_a_day_count_counts_from_day_zero_not_from_the_previous_time() -> None:
    from casecourse.assembly.timeline_story import place_sentences
    from casecourse.reading.pipeline import read

    r = read("A 50-year-old woman was admitted with dyspnea. Two weeks later she developed a rash. On day 3 she was "
             "intubated.")
    times = [st.time.offset_days for st in place_sentences(r)]
    assert times[1][0] >= 10  # two weeks after day 0
    assert times[2] == (2.0, 2.0)  # day 3 of the stay, not two weeks plus three days


def test_after_discharge_is_estimated_soon_after_not_halfway_to_the_next_date():
    got = dict(times("In March 2018 she was admitted with fever. After discharge, azathioprine was stopped. During "
                     "May 2021 she relapsed."))
    after = got["After"]
    assert after.point == "2018-04"  # the next follow-up, a month on; the interval still runs to 2021-05
    assert (after.earliest, after.latest) == ("2018-03", "2021-05")
