"""CLINICAL_RULES.md sections 7-8: glucocorticoid equivalence and unit-conversion worked examples."""

import pytest
from rules_build import course, drug

from casecourse.model import Dose, DoseSegment
from casecourse.rules.steroids import daily_mg, factor, steroid_exposure
from casecourse.rules.units import convert


@pytest.mark.parametrize(
    ("drug_name", "mg", "pred"),
    [
        ("methylprednisolone", 1000, 1250),
        ("hydrocortisone", 100, 25),
        ("deflazacort", 6, 5),
        ("betamethasone", 0.6, 5),
        ("prednisolone", 7.5, 7.5),
        ("Solu-Medrol", 8, 10),
    ],
)
def test_prednisone_equivalents(drug_name, mg, pred):
    assert factor(drug_name) * mg == pytest.approx(pred, abs=0.01)


def test_dexamethasone_per_m2_needs_bsa_and_factor():
    assert 19 * factor("dexamethasone") == pytest.approx(126.7, abs=0.05)
    assert factor("betamethasone", betamethasone_mg=0.75) * 0.6 == pytest.approx(4)
    mg, note = daily_mg(DoseSegment(dose=Dose(value=10, unit="mg", per="m2")))
    assert mg is None and "surface area" in note



def test_a_dose_per_kg_restated_in_mg_uses_the_mg_without_a_body_weight():
    seg = DoseSegment(dose=Dose(value=0.5, unit="mg", per="kg"), equivalent=Dose(value=35, unit="mg"))
    mg, note = daily_mg(seg)
    assert mg == (35.0, 35.0) and "restated" in note
    still_per_kg = DoseSegment(dose=Dose(value=0.5, unit="mg", per="kg"), equivalent=Dose(value=2, unit="mg", per="m2"))
    assert daily_mg(still_per_kg)[0] is None

@pytest.mark.parametrize(
    ("analyte", "value", "src", "dst", "expected", "tol"),
    [
        ("triglycerides", 4.0, "mmol/L", "mg/dL", 354.3, 0.05),
        ("triglycerides", 156, "mg/dL", "mmol/L", 1.76, 0.005),
        ("triglycerides", 178, "mg/dL", "mmol/L", 2.01, 0.005),
        ("fibrinogen", 150, "mg/dL", "g/L", 1.5, 1e-9),
        ("fibrinogen", 360, "mg/dL", "g/L", 3.6, 1e-9),
        ("hemoglobin", 9.0, "g/dL", "g/L", 90, 1e-9),
        ("hemoglobin", 9.0, "g/dL", "mmol/L", 5.59, 0.005),
        ("hemoglobin", 9.2, "g/dL", "mmol/L", 5.71, 0.005),
        ("crp", 45, "mg/L", "mg/dL", 4.5, 1e-9),
        ("ferritin", 25000, "ng/mL", "pmol/L", 56175, 1),
        ("platelets", 45000, "/mm³", "10^9/L", 45, 1e-9),
        ("platelets", 45, "10³/µL", "x10⁹/L", 45, 1e-9),
        ("temperature", 102.2, "°F", "°C", 39.0, 1e-6),
    ],
)
def test_unit_conversions(analyte, value, src, dst, expected, tol):
    assert convert(analyte, value, src, dst) == pytest.approx(expected, abs=tol)


def test_no_conversion_for_scd25_pg_per_ml():
    assert convert("scd25", 5000, "pg/mL", "U/mL") is None


def test_steroid_curve_cumulative_and_time_below_thresholds():
    c = course(
        drug("prednisone", 20, "2024-01-01", "2024-01-10", status="stopped"),
        drug("prednisone", 5, "2024-01-11", "2024-01-20", status="stopped"),
        admit=None,
    )
    a = steroid_exposure(c)[0]
    assert a.data["sequence"] == ["20", "5"]
    assert a.data["cumulative_mg"] == {"min": 250.0, "max": 250.0}
    assert a.data["days_at_or_below_5"] == {"min": 10, "max": 10}
    assert a.data["days_at_or_below_7_5"] == {"min": 10, "max": 10}


def test_two_doses_of_one_course_never_add_up_where_imprecise_dates_overlap():
    from rules_build import t

    from casecourse.model import Timing
    from casecourse.rules.evidence import Axis
    from casecourse.rules.steroids import dose_on, pieces

    x = drug("prednisone", 10, "2020-03", status="active")
    x.segments[0].end = t("2021-01")  # month precision: 10 mg/day may run to the end of January 2021
    x.segments.append(DoseSegment(dose=Dose(value=5, unit="mg"), timing=Timing(frequency=1, period=1, period_unit="d"),
                                  start=t("2021-01")))
    c = course(x, drug("methylprednisolone", 8, "2021-01-01", "2021-01-31", status="stopped"), admit=None)
    axis = Axis(c)
    day = axis.span(t("2021-01-15"))[0]
    lo, hi = dose_on(pieces(c, axis, axis.end_of_story()), day)
    assert hi == 10 + 10  # the larger prednisone dose (not 10 + 5) plus methylprednisolone 8 mg (10 mg prednisone)


def test_a_dose_per_kg_uses_the_stated_body_weight_and_per_m2_the_surface_area():
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 30-year-old woman weighing 60 kg was admitted in March 2020. "
                          "Prednisone 1 mg/kg/day was started in March 2020.")
    a = steroid_exposure(course)[0]
    assert a.data["sequence"] == ["60"] and any("body weight 60 kg" in n for n in a.notes)
    # no height: a dose per m2 stays unknown, and says why
    course = analyze_text("Case presentation\nA 30-year-old woman weighing 60 kg was admitted in March 2020. "
                          "Dexamethasone 10 mg/m2/day was started in March 2020.")
    assert any("needs body surface area" in n for n in steroid_exposure(course)[0].notes)


def test_a_course_of_stated_length_adds_its_length_times_its_dose_whatever_the_month_precision():
    x = drug("methylprednisolone", 1000, "2022-05", "2022-06", status="completed")
    x.segments[0].length_days = 3  # "1 g daily for 3 days" in May 2022: the end known only to the month
    c = course(x, drug("prednisone", 10, "2022-05-01", "2022-05-31", status="stopped"), admit=None)
    a = steroid_exposure(c)[0]
    # 3 days x 1250 mg prednisone-equivalent + 31 days x 10 mg, not a month or two of 1250 mg/day
    assert a.data["cumulative_mg"]["min"] == a.data["cumulative_mg"]["max"] == 3 * 1250 + 31 * 10
    assert next(p["days"] for p in a.data["curve"] if p["drug"] == "methylprednisolone") == 3


def test_a_later_course_after_one_of_stated_length_is_a_new_course():
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 30-year-old woman was admitted in March 2019. She received three "
                          "pulses of intravenous methylprednisolone 500 mg in March 2019. In June 2020 she was given "
                          "methylprednisolone 1 g daily for 3 days.", assess=False)
    mp = [e for e in course.exposures if e.drug == "methylprednisolone"]
    assert len(mp) == 2 and mp[0].status == "completed" and mp[0].segments[0].length_days == 3
    assert mp[0].end is not None and (mp[0].end.latest or "") < "2019-05"


def test_a_course_surely_taken_is_at_least_at_the_smallest_dose_it_may_have_that_day():
    from rules_build import t

    from casecourse.model import Timing
    from casecourse.rules.evidence import Axis
    from casecourse.rules.steroids import dose_on, pieces

    x = drug("prednisone", 20, "2024-01", "2024-05-31", status="stopped")
    x.segments[0].end = None
    x.segments.append(DoseSegment(dose=Dose(value=10, unit="mg"), timing=Timing(frequency=1, period=1, period_unit="d"),
                                  start=t("2024-03"), end=t("2024-05-31")))
    c = course(x, admit=None)
    axis = Axis(c)
    ps = pieces(c, axis, axis.end_of_story())
    # mid-March: 20 mg (the taper step's date is known only to the month) or already 10 mg; never nothing
    assert dose_on(ps, axis.span(t("2024-03-15"))[0]) == (10, 20)
    # after its stop, nothing
    assert dose_on(ps, axis.span(t("2024-06-15"))[0]) == (0, 0)
