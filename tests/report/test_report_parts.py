"""The pieces under the page: time axis, dose labels, the prednisone-equivalent curve."""
from __future__ import annotations

from datetime import date

from casecourse.model import Assessment, Dose, Timing
from casecourse.report.bars import course_end, daily_mg, dose_label
from casecourse.report.steroids import pred_eq_factor, steroid_curve
from casecourse.report.timescale import TimeScale, iso_bounds


def test_iso_partial_dates_cover_their_whole_interval():
    assert iso_bounds("2020-02") == (date(2020, 2, 1).toordinal(), date(2020, 3, 1).toordinal())
    assert iso_bounds("2020") == (date(2020, 1, 1).toordinal(), date(2021, 1, 1).toordinal())
    assert iso_bounds("2020-02-29")[1] - iso_bounds("2020-02-29")[0] == 1
    assert iso_bounds("spring") is None


def test_dose_labels_and_daily_mg():
    weekly = Timing(frequency=1, period=1, period_unit="wk")
    daily = Timing(frequency=1, period=1, period_unit="d")
    assert dose_label(Dose(value=162, unit="mg"), weekly) == "162 mg weekly"
    assert dose_label(Dose(value=10, unit="mg", per="m2"), daily) == "10 mg/m²/d"
    assert daily_mg(Dose(value=1, unit="g"), None) == 1000
    assert daily_mg(Dose(value=200, unit="mg"), Timing(frequency=2, period=1, period_unit="d")) == 400
    assert daily_mg(Dose(value=10, unit="mg", per="kg"), None) is None


def test_equivalence_table():
    assert pred_eq_factor("Methylprednisolone") == 1.25  # not matched as "prednisolone"
    assert pred_eq_factor("dexamethasone") == 6.667
    assert pred_eq_factor("hydrocortisone") == 0.25
    assert pred_eq_factor("tacrolimus") is None


def test_computed_curve_follows_the_taper(course):
    scale = TimeScale(course)
    curve = steroid_curve(course, scale, course_end(course, scale))
    levels = [round(s[2], 1) for s in curve.steps]
    assert curve.source == "computed"
    assert levels[0] == 30 and 5 in levels
    assert 10 + 500 * 1.25 in levels  # the methylprednisolone pulse on top of 10 mg prednisolone
    assert levels[-1] == 5


def test_assessment_curve_is_preferred(course):
    course.assessments.append(Assessment(rule="steroid_exposure", status="computed", data={
        "curve": [{"date": "2019-03", "pred_eq_mg": 40}, {"date": "2020-01", "pred_eq_mg": 7.5}]}))
    scale = TimeScale(course)
    curve = steroid_curve(course, scale, course_end(course, scale))
    assert curve.source == "steroid_exposure assessment"
    assert [s[2] for s in curve.steps] == [40, 7.5]


def test_day_mode_uses_offsets(day_course):
    scale = TimeScale(day_course)
    assert scale.mode == "day"
    assert scale.span(day_course.exposures[1].time).lo == 3


def test_rules_engine_interval_curve_is_read(course):
    course.assessments.append(Assessment(rule="steroid_exposure", status="computed", data={"curve": [
        {"drug": "prednisolone", "start": "2019-03-01", "start_latest": "2019-03-31", "end": "2019-06-30",
         "prednisone_eq_mg_day": {"min": 30.0, "max": 30.0}, "fact": "e2"},
        {"drug": "methylprednisolone", "start": "2020-02-01", "end": None,
         "prednisone_eq_mg_day": {"min": 625.0, "max": 625.0}, "fact": "e3"}]}))
    scale = TimeScale(course)
    curve = steroid_curve(course, scale, course_end(course, scale))
    assert curve.source == "steroid_exposure assessment"
    assert [(s[2], s[3]) for s in curve.steps] == [(30, ("e2",)), (0, ()), (625, ("e3",))]
    assert curve.steps[-1][1] - curve.steps[-1][0] == 3  # no end stated: drawn as a 3-day pulse


def test_pulse_without_end_is_not_drawn_to_the_end_of_the_story():
    from casecourse.model import Course, DoseSegment, Exposure, Provenance, TimeRef
    from casecourse.report.bars import exposure_bars

    mp = Exposure(id="mp", drug="methylprednisolone", provenance=Provenance(rule="hand"), segments=[
        DoseSegment(dose=Dose(value=1, unit="g"), start=TimeRef(point="2020-05-04"))])
    course = Course(generator="t", exposures=[mp], anchor=TimeRef(point="2020-01-01"))
    scale = TimeScale(course)
    (bar,) = exposure_bars(mp, scale, date(2021, 1, 1).toordinal())
    assert bar.end_kind == "pulse" and bar.end.lo - bar.start.lo == 3


def test_one_course_doses_do_not_add_up_where_month_dates_overlap(course):
    # "40 mg daily until August, then 7.5 mg daily from August": the month's end of one and start of the other overlap
    course.assessments.append(Assessment(rule="steroid_exposure", status="computed", data={"curve": [
        {"drug": "prednisolone", "start": "2019-02-05", "end": "2019-08-31",
         "prednisone_eq_mg_day": {"min": 40.0, "max": 40.0}, "fact": "e2"},
        {"drug": "prednisolone", "start": "2019-08-01", "start_latest": "2019-08-31", "end": "2019-12-31",
         "prednisone_eq_mg_day": {"min": 7.5, "max": 7.5}, "fact": "e2"}]}))
    scale = TimeScale(course)
    curve = steroid_curve(course, scale, course_end(course, scale))
    assert [s[2] for s in curve.steps] == [40, 7.5]


def test_one_course_doses_follow_in_the_order_they_end_and_a_stated_length_is_drawn_that_long(course):
    # a dose reached by a taper whose month-precise start reads later than the taper's: drawn after it, no gap
    course.assessments.append(Assessment(rule="steroid_exposure", status="computed", data={"curve": [
        {"drug": "methylprednisolone", "start": "2019-01-01", "start_latest": "2019-02-28", "end": "2019-03-31",
         "prednisone_eq_mg_day": {"min": 625.0, "max": 625.0}, "days": 3.0, "fact": "e3"},
        {"drug": "prednisolone", "start": "2019-01-01", "start_latest": "2019-02-28", "end": "2019-04-30",
         "prednisone_eq_mg_day": {"min": 20.0, "max": 60.0}, "fact": "e2"},
        {"drug": "prednisolone", "start": "2019-01-01", "start_latest": "2019-03-31", "end": "2019-02-28",
         "prednisone_eq_mg_day": {"min": 60.0, "max": 60.0}, "fact": "e2"},
        {"drug": "prednisolone", "start": "2019-02-01", "start_latest": "2019-04-30", "end": "2019-05-31",
         "prednisone_eq_mg_day": {"min": 20.0, "max": 20.0}, "fact": "e2"}]}))
    scale = TimeScale(course)
    steps = steroid_curve(course, scale, course_end(course, scale)).steps
    pulse = [s for s in steps if s[2] >= 625]
    assert pulse and all(x1 - x0 <= 3 for x0, x1, _, _ in pulse)  # three days, not two months
    levels = [s[2] for s in steps if s[2] < 625 and s[0] >= max(x1 for _, x1, _, _ in pulse)]
    # 60 mg, the taper between 60 and 20 (drawn at its middle), then 20 mg: in that order, nothing between
    assert levels[levels.index(60):] == [60, 40, 20]
