"""Names as a clinician writes them on the figure, a title that fits, and crowded moments that keep their labels."""
from __future__ import annotations

import re

from report_fixtures import prov

from casecourse.api import analyze_text
from casecourse.model import Assertion, Condition, Course, Patient
from casecourse.reading.labs_catalogue import displays
from casecourse.report.frame import Frame
from casecourse.report.lanes import Item, marker_lane
from casecourse.report.summary import figure_title, sentence_case
from casecourse.report.timescale import TimeScale


def test_catalogue_names_take_their_written_case():
    shown = displays()
    assert shown["c3"] == "C3"
    assert shown["anti-rnp antibodies"] == "anti-RNP antibodies"  # from the synonym "anti-RNP" that begins it
    assert shown["ph"] == "pH"
    assert "ferritin" not in shown  # no synonym shows another case: the key is the name


def test_a_lab_result_carries_its_display_name():
    course = analyze_text("A 40-year-old woman was admitted in May 2021. Anti-RNP antibodies were positive and "
                          "C3 was 0.4 g/L. Ferritin was 900 ng/mL.")
    by_test = {lab.test: lab for lab in course.labs}
    assert by_test["anti-rnp antibodies"].display == "anti-RNP antibodies"
    assert by_test["c3"].display == "C3"
    assert by_test["ferritin"].display is None


def test_sentence_case_keeps_names_cased_on_purpose():
    assert sentence_case("ferritin") == "Ferritin"
    assert sentence_case("pH") == "pH"
    assert sentence_case("anti-RNP antibodies") == "anti-RNP antibodies"


def _course_with(names: list[str]) -> Course:
    text = "; ".join(names)
    return Course(generator="test", text=text, patient=Patient(sex="female", age_years=51),
                  conditions=[Condition(id=f"c{i}", name=n, assertion=Assertion.present, status="confirmed",
                                        provenance=prov(text, n)) for i, n in enumerate(names)])


def test_a_long_title_counts_the_diagnoses_it_cannot_show():
    names = ["systemic lupus erythematosus", "hemophagocytic lymphohistiocytosis", "lupus nephritis class IV",
             "antiphospholipid syndrome", "autoimmune hemolytic anemia"]
    title = figure_title(_course_with(names), width=100)
    assert len(title) <= 100
    shown = sum(n in title for n in names)
    assert 0 < shown < len(names) and title.endswith(f"+{len(names) - shown} more")
    assert figure_title(_course_with(names[:1])) == "Clinical course — Female, 51 years — systemic lupus erythematosus"
    assert figure_title(_course_with(names), width=10).endswith("5 diagnoses")


def test_a_crowded_moment_gets_more_rows_so_every_label_is_drawn():
    course = analyze_text("In March 2019 she had fever.")
    fr = Frame(TimeScale(course), 0.0, 1.0)
    span = next(fr.scale.span(f.time) for f in course.findings if fr.scale.span(f.time))
    items = [Item(span, "circle", "#000", f"finding number {i}", f"f{i}", Assertion.present, "finding")
             for i in range(9)]
    svg, height = marker_lane(fr, "Findings", items, 0.0, rows=4)
    drawn = re.findall(r">finding number (\d)<", svg)
    assert sorted(drawn) == [str(i) for i in range(9)]
    svg4, height4 = marker_lane(fr, "Findings", items[:4], 0.0, rows=4)
    assert height > height4


def test_every_event_type_has_its_own_marker_and_a_legend_entry():
    from typing import get_args

    from casecourse.model import EventType
    from casecourse.report.frame import EVENT_STYLE
    from casecourse.report.static import render_static

    assert set(get_args(EventType)) <= set(EVENT_STYLE)  # none falls back to an unexplained grey circle
    course = analyze_text("A 50-year-old man was admitted in May 2021 with fever and a rash. The rash resolved in "
                          "June 2021 and his fever subsided. He was left with residual hearing loss in July 2021.")
    assert {"recovery", "improvement", "sequela"} <= {e.type for e in course.events}
    svg = render_static(course, "svg").decode("utf-8")
    for word in ("Recovery", "Improvement", "Sequela"):
        assert word in svg


def test_the_outcome_marker_says_the_outcome():
    from casecourse.report.episodes import assessment_label

    course = analyze_text("A 40-year-old woman was admitted in May 2021 with lupus nephritis. In June 2021 she was "
                          "discharged. In June 2022 she was in complete remission.")
    a = next(a for a in course.assessments if a.rule == "outcome")
    assert assessment_label(a) == "outcome: remission"


def test_a_long_lab_name_wraps_inside_the_page():
    from casecourse.report.svg import text_width, wrap_label

    lines = wrap_label("Anti-double-stranded DNA antibodies", 190, 12, bold=True)
    assert lines == ["Anti-double-stranded", "DNA antibodies"]
    assert all(text_width(line, 12, bold=True) <= 190 for line in lines)
    assert wrap_label("Ferritin", 190, 12, bold=True) == ["Ferritin"]


def test_an_undated_drug_lane_still_says_its_dose_and_that_it_is_taken():
    from casecourse.report.static import render_static

    course = analyze_text("Clinic date: 02/05/2024\n\nCurrent medications:\n- Hydroxychloroquine 200mg BD\n\n"
                          "Dear Dr Rao,\n\nI saw Mr Lee today with hand pain. Ferritin was 80 ng/mL.\n")
    svg = render_static(course, "svg").decode()
    assert "200mg BD, taken; dates not stated in the text" in svg
