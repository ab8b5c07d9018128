"""The HTML page: self-contained, deterministic, every drug in a lane, provenance wired up."""
from __future__ import annotations

import json
import re

from casecourse.model import Assertion
from casecourse.report.html import render_html


def _facts(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="facts">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw.replace("<\\/", "</"))


def test_same_course_gives_byte_identical_html(course):
    assert render_html(course) == render_html(course.model_copy(deep=True))


def test_page_is_self_contained_and_small(course):
    page = render_html(course)
    assert len(page.encode("utf-8")) < 2_000_000
    urls = set(re.findall(r"https?://[^\s\"')]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls
    for needle in ("<link", "@import", "src=\"http", "url(http", "@font-face"):
        assert needle not in page


def test_one_lane_per_drug_and_bars_carry_facts(course):
    page = render_html(course)
    for exp in course.exposures:
        assert page.count(f'class="lane drug-lane" data-drug="{exp.drug.lower()}"') == 1
    assert 'data-fact="e2#s0"' in page and 'data-fact="e2#s2"' in page  # prednisolone doses
    assert "200 mg weekly" in page and "10 mg/d" in page
    assert "✕ pancytopenia" in page  # the stop reason at the end of azathioprine


def test_source_sentence_with_span_highlighted(course):
    facts = _facts(render_html(course))
    aza = facts["e5"]
    assert "<mark>Azathioprine 100 mg daily</mark> was started in April 2020" in aza["sentence"]
    assert facts["e2#s1"]["sentence"].startswith("Prednisolone was <mark>tapered to 10 mg daily</mark>")
    assert facts["l2"]["kind"] == "lab" and "8" in facts["l2"]["label"]


def test_side_panel_has_whole_text_with_typed_marks(course):
    page = render_html(course)
    panel = re.search(r'<div id="text" class="text">(.*?)</div>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", panel).replace("&#x27;", "'") == course.text
    for kind in ("exposure", "condition", "finding", "lab", "event"):
        assert f'class="k-{kind}"' in panel


def test_negated_and_suspected_are_drawn_but_distinct(course):
    page = render_html(course)
    assert "no lupus nephritis" in page and "macrophage activation syndrome ?" in page
    assert 'class="fact condition negated"' in page
    assert 'class="fact condition suspected"' in page
    course.exposures[3].assertion = Assertion.negated
    assert "not given" in render_html(course) or "no 100 mg/d" in render_html(course)


def test_events_assessments_and_header(course):
    page = render_html(course)
    assert page.count('class="fact event ev-admission"') == 2
    assert 'class="fact event ev-relapse"' in page and "Last follow-up" in page
    assert "hscore: 169–230" in page and "Assessments by episode" in page
    assert "Female, 34 years" in page and "provisional" in page


def test_uncertain_dates_have_soft_ends(course):
    page = render_html(course)
    assert 'stop-opacity="0.15"' in page  # a bar fading in over an estimated start
    assert 'stop-opacity="0.45"' in page  # an event or lab dated within an interval


def test_day_axis_without_calendar_dates(day_course):
    page = render_html(day_course)
    assert "Days from day 0 (admission)" in page
    assert 'data-drug="dexamethasone"' in page and 'data-drug="etoposide"' in page
    assert "66.7" in page  # dexamethasone 10 mg = 66.7 mg prednisone-equivalent


def test_course_without_text_or_dates_still_renders():
    from casecourse.model import Course, Exposure, Provenance

    bare = Course(generator="t", exposures=[Exposure(id="x", drug="tacrolimus",
                                                     provenance=Provenance(rule="hand"))])
    page = render_html(bare)
    assert 'data-drug="tacrolimus"' in page and "dates not stated in the text" in page
