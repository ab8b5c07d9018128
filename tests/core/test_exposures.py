from casecourse.api import analyze_text

STORY = """Case presentation
In March 2015, a 52-year-old man was diagnosed with rheumatoid arthritis and methotrexate 15 mg/week was started.
In June 2016, methotrexate was replaced by leflunomide 20 mg/day due to hepatotoxicity.
In January 2018, etanercept 50 mg weekly was added. Leflunomide was discontinued in March 2018.
In May 2019, etanercept was withdrawn because of recurrent infections, and methotrexate was restarted.
Two years later, he remains well on methotrexate 10 mg/week.
"""


def _by_drug(course):
    out: dict[str, list] = {}
    for e in course.exposures:
        out.setdefault(e.drug, []).append(e)
    return out


def test_switch_stop_restart_and_ongoing() -> None:
    course = analyze_text(STORY, assess=False)
    ex = _by_drug(course)
    mtx = ex["methotrexate"]
    assert len(mtx) == 2  # stopped by the switch, restarted later
    assert mtx[0].time.point == "2015-03" and mtx[0].end.point == "2016-06"
    assert mtx[1].time.point == "2019-05" and mtx[1].status == "active"
    assert [s.dose.value for s in mtx[1].segments if s.dose] == [10]
    lef = ex["leflunomide"][0]
    assert lef.time.point == "2016-06" and lef.stop_reason is None and lef.end.point == "2018-03"
    assert mtx[0].stop_reason == "adverse effect"
    eta = ex["etanercept"][0]
    assert eta.segments[0].timing.period_unit == "wk" and eta.end.point == "2019-05"
    assert eta.stop_reason == "infection"


def test_negated_and_hypothetical_drugs_are_not_exposures() -> None:
    text = ("Case presentation\nIn 2019 a 30-year-old woman received prednisone 20 mg/day. "
            "No treatment with cyclophosphamide was necessary. Rituximab could be considered.\n")
    drugs = {e.drug for e in analyze_text(text, assess=False).exposures}
    assert drugs == {"prednisone"}
