"""Lines of therapy: TNF and JAK inhibitors are lines; a relapse during a course is a relapse on treatment
(hand-written courses)."""

from rules_build import course, drug, event

from casecourse.rules.lines import lines_of_therapy


def test_tnf_and_jak_inhibitors_are_lines_of_therapy():
    c = course(drug("azathioprine", 150, "2020-01-05", status="active"),
               drug("infliximab", 350, "2020-03-01", "2021-01-10", every_days=56, status="stopped"),
               drug("tofacitinib", 10, "2021-01-20", status="active"), admit=None)
    a = lines_of_therapy(c)[0]
    assert [ln["drug"] for ln in a.data["lines"]] == ["azathioprine", "infliximab", "tofacitinib"]
    assert a.data["biologic_order"] == ["infliximab", "tofacitinib"]


def test_a_relapse_during_a_course_is_a_relapse_on_treatment_of_that_line_only():
    c = course(drug("tocilizumab", 162, "2021-10-01", "2023-10-31", every_days=7, status="stopped"),
               drug("methotrexate", 15, "2022-06-01", every_days=7, status="active"),
               event("relapse", "2022-04-15"), admit=None)
    lines = {ln["drug"]: ln for ln in lines_of_therapy(c)[0].data["lines"]}
    assert "relapse on treatment" in lines["tocilizumab"]["outcomes"]
    assert "relapse on treatment" not in lines["methotrexate"]["outcomes"]
