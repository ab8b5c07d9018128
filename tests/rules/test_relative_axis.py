"""A story told only in days ("on day 3", "two weeks later") is reasoned on its own relative axis: lines of therapy,
steroid exposure and the outcome get days from day 0, never a made-up calendar date (invented narratives)."""

import re

from casecourse.api import analyze_text
from casecourse.rules.lines import lines_of_therapy
from casecourse.rules.outcome import outcome
from casecourse.rules.steroids import steroid_exposure
from casecourse.rules.timeaxis import Axis

UNDATED = (
    "A 38-year-old man with adult-onset Still's disease was admitted with fever and arthralgia. "
    "He was treated with prednisolone 40 mg daily and anakinra 100 mg subcutaneously once daily. "
    "His fever resolved within four days. He was discharged on day 12 in remission. "
    "At three months of follow-up he remained well."
)
DATED = (
    "In March 2019 a 38-year-old man with adult-onset Still's disease was admitted with fever. "
    "He was treated with prednisolone 40 mg daily and anakinra 100 mg subcutaneously once daily. "
    "He was discharged on 20 March 2019 in remission."
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_an_undated_story_is_put_on_a_relative_axis_with_day_labels():
    c = analyze_text(UNDATED, assess=False)
    axis = Axis(c)
    assert axis.relative
    spans = [axis.span(e.time) for e in c.events if e.type == "discharge"]
    assert spans and all(s is not None and 11 <= s[0] <= 12 for s in spans)
    follow = [axis.span(e.time) for e in c.events if e.type == "follow_up"]
    assert follow and follow[0] is not None and 70 < follow[0][0] < follow[0][1] < 110  # "three months": a range
    assert axis.label(11.0) == "day +11" and axis.label(0.0) == "day 0" and axis.label(-3.0) == "day -3"


def test_lines_of_therapy_in_an_undated_story_start_on_day_0_and_credit_the_remission():
    c = analyze_text(UNDATED, assess=False)
    a = lines_of_therapy(c)[0]
    line = next(ln for ln in a.data["lines"] if ln["drug"] == "anakinra")
    assert line["start"] == ["day 0", "day 0"]
    assert any(o.startswith("remission") for o in line["outcomes"])
    assert "anakinra start" not in a.unknown
    assert not any(_ISO.search(i.detail or "") for i in a.items)
    # its end is not told and it is not said to continue: the line is not called ongoing
    assert "end not stated" in a.items[0].detail


def test_steroid_curve_of_an_undated_story_is_in_days_and_outcome_is_dated_by_day():
    c = analyze_text(UNDATED, assess=False)
    s = steroid_exposure(c)[0]
    assert s.data["curve"][0]["start"] == 0.0 and s.data["curve"][0]["prednisone_eq_mg_day"] == {"min": 40.0,
                                                                                                  "max": 40.0}
    # 40 mg a day from day 0 to at most the story's end (about three months); its end is not told, so at least 0
    assert s.data["cumulative_mg"]["min"] == 0.0 and 40 * 90 <= s.data["cumulative_mg"]["max"] <= 40 * 110
    o = outcome(c)[0]
    assert o.data["outcome"] in ("remission", "recovered", "well")
    assert o.at and o.at.startswith("day ") and not _ISO.search(o.at)


def test_a_dated_story_keeps_calendar_dates():
    c = analyze_text(DATED, assess=False)
    axis = Axis(c)
    assert not axis.relative
    line = next(ln for ln in lines_of_therapy(c)[0].data["lines"] if ln["drug"] == "anakinra")
    assert line["start"] and all(_ISO.fullmatch(d) for d in line["start"])


def test_a_response_is_credited_to_the_drug_its_sentence_names_and_not_long_after_an_untold_end():
    c = analyze_text("A 45-year-old woman with dermatomyositis was admitted. She was started on methotrexate 15 mg "
                     "weekly and hydroxychloroquine 200 mg twice daily. Two weeks later her rash improved on "
                     "hydroxychloroquine. Eight months later her muscle weakness resolved.", assess=False)
    lines = {ln["drug"]: ln for ln in lines_of_therapy(c)[0].data["lines"]}
    assert "improvement on treatment" in lines["hydroxychloroquine"]["outcomes"]
    # methotrexate: the improvement names the other drug only; the recovery comes months past RESPONSE_DAYS and
    # methotrexate's end is not told
    assert not any(o.startswith(("improvement", "recovery")) for o in lines["methotrexate"]["outcomes"])
