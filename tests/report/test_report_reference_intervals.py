"""The report's typical adult intervals come from the lab catalogue (knowledge/labs.csv, reference_by_sex.csv), in
the unit each result is written in."""
from __future__ import annotations

from casecourse.model import LabResult, Provenance
from casecourse.report.panels import reference_range


def _lab(test: str, ucum: str, value: float = 1.0) -> LabResult:
    return LabResult(id="lab-1", test=test, value=value, unit=ucum, ucum=ucum, provenance=Provenance(rule="test"))


def test_a_catalogued_test_has_its_interval() -> None:
    assert reference_range(_lab("sodium", "mmol/L"), "male") == (135.0, 145.0)


def test_the_interval_is_converted_to_the_written_unit() -> None:
    # creatinine 0.6-1.2 mg/dL in the catalogue; 113.12 g/mol
    assert reference_range(_lab("creatinine", "umol/L"), "female") == (53.0, 106.0)


def test_a_sex_specific_interval_needs_the_sex() -> None:
    assert reference_range(_lab("hemoglobin", "g/dL"), "male") == (13.5, 17.5)
    assert reference_range(_lab("hemoglobin", "g/dL"), "female") == (12.0, 15.5)
    assert reference_range(_lab("hemoglobin", "g/dL"), "unknown") == (12.0, 17.5)


def test_no_interval_without_a_catalogued_one_or_a_convertible_unit() -> None:
    assert reference_range(_lab("blasts", "%"), "male") is None
    assert reference_range(_lab("sodium", "mg/dL"), "male") is not None  # mass <-> substance by molar mass
    assert reference_range(_lab("c-reactive protein", "mmol/L"), "male") is None


def test_every_qualitative_result_keeps_its_label_when_many_share_a_moment() -> None:
    """A static image has no tooltip: twenty results told at one moment are all labelled."""
    from casecourse.api import analyze_text
    from casecourse.report.figure import build_figure

    tests = ["ANA", "anti-dsDNA", "anti-Sm", "anti-RNP", "anti-Ro", "anti-La", "ANCA", "rheumatoid factor",
             "anti-CCP", "lupus anticoagulant", "HIV", "hepatitis B surface antigen", "hepatitis C antibody",
             "syphilis serology", "blood cultures", "urine culture", "Coombs test", "cryoglobulins",
             "anticardiolipin antibodies", "QuantiFERON"]
    text = ("A 30-year-old woman was admitted on 2 May 2021. " + " ".join(f"{t} was negative." for t in tests))
    svg = build_figure(analyze_text(text)).svg
    assert svg.count(" negative</text>") >= 18


def test_no_adult_interval_for_a_child() -> None:
    assert reference_range(_lab("heart rate", "/min", 152), "male", age_years=0.75) is None
    assert reference_range(_lab("hemoglobin", "g/dL", 11), "female", age_years=12) is None
    assert reference_range(_lab("hemoglobin", "g/dL", 11), "female", age_years=18) == (12.0, 15.5)
    assert reference_range(_lab("hemoglobin", "g/dL", 11), "female", age_years=None) == (12.0, 15.5)
