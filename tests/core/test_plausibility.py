"""Lab values outside the physiological range as written: kept as written, marked, exported, shown, not used.

Invented sentences; knowledge/physiological_limits.csv holds the limits."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.export.fhir import IMPLAUSIBLE_URL, bundle_dict
from casecourse.plausibility import can_be_negative, implausible
from casecourse.report.html import render_html
from casecourse.rules.fhir_in import bundle_to_course

_TEXT = ("A 52-year-old woman was admitted with fatigue. Her haemoglobin was 7.9 mg/dL, her platelets 95/µL and her "
         "sodium 131 mmol/L.")


def _labs(text: str) -> dict:
    return {lab.test: lab for lab in analyze_text(text, assess=False).labs}


def test_value_outside_the_range_is_kept_as_written_and_marked():
    labs = _labs(_TEXT)
    hb, plt, na = labs["hemoglobin"], labs["platelets"], labs["sodium"]
    assert (hb.value, hb.unit, hb.ucum) == (7.9, "mg/dL", "mg/dL")
    assert hb.value_si is not None  # the SI value of the value as written stays too
    assert hb.implausible and "hemoglobin" in hb.implausible and "check the unit as written" in hb.implausible
    assert (plt.value, plt.unit) == (95.0, "/µL") and plt.implausible
    assert na.implausible is None


def test_extreme_but_real_values_are_not_marked():
    labs = _labs("On day 3 creatine kinase peaked at 148,000 U/L, C-reactive protein was 410 mg/L and ferritin "
                 "52,000 ng/mL.")
    assert {t: lab.implausible for t, lab in labs.items()} == {
        "creatine kinase": None, "c-reactive protein": None, "ferritin": None}


def test_the_limits_decide_by_the_converted_value_and_the_comparator():
    assert implausible("hemoglobin", 9, "g/L") is not None  # 0.9 g/dL
    assert implausible("hemoglobin", 90, "g/L") is None
    assert implausible("c3", 0.01, "ug/mL", "<") is not None  # below every possible value
    assert implausible("c-reactive protein", 5000, "mg/L", "<") is None  # an upper bound says nothing impossible
    assert implausible("no such test", 1e9, "mg/L") is None
    assert not can_be_negative("potassium") and can_be_negative("base excess")


def test_fhir_observation_carries_the_mark_and_reads_back():
    course = analyze_text(_TEXT, assess=False)
    hb = next(lab for lab in course.labs if lab.test == "hemoglobin")
    obs = next(e["resource"] for e in bundle_dict(course)["entry"] if e["resource"]["id"] == hb.id)
    assert obs["valueQuantity"]["value"] == 7.9 and obs["valueQuantity"]["unit"] == "mg/dL"
    assert {"text": hb.implausible} in obs["note"]
    assert {"url": IMPLAUSIBLE_URL, "valueString": hb.implausible} in obs["extension"]
    back = bundle_to_course(bundle_dict(course))
    assert [lab.implausible for lab in back.labs if lab.value == 7.9] == [hb.implausible]


def test_html_report_shows_the_mark():
    html = render_html(analyze_text(_TEXT))
    assert "implausible as written" in html
    assert "physiological range for hemoglobin" in html


def test_rules_read_no_evidence_from_a_marked_value():
    text = ("A 40-year-old man was admitted with fever and suspected hemophagocytic lymphohistiocytosis. On admission "
            "his ferritin was 3 ng/L.")
    hscore = next(a for a in analyze_text(text).assessments if a.rule == "hscore")
    item = next(i for i in hscore.items if i.name == "ferritin")
    assert item.value is None and item.points == (0.0, 50.0)  # unknown is not normal: the points it may earn
    assert "physiological range for ferritin" in (item.detail or "")
