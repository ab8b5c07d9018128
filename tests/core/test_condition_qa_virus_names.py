"""A virus named after another disease names no diagnosis; a term does not run across a full stop (invented
sentences, round condqa6)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


def test_the_virus_named_after_sars_is_no_sars_diagnosis() -> None:
    got = _conditions("A throat swab was positive for severe acute respiratory syndrome coronavirus 2 on day 1.")
    assert "severe acute respiratory syndrome" not in got and got.get("covid-19") == "confirmed"
    # nor its short form, read as the initials of the disease
    got = _conditions("A nasal swab for severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2) was positive. "
                      "A repeat SARS-CoV-2 swab on day 9 was positive too.")
    assert not any("sars" in name or "severe" in name for name in got)


def test_a_term_does_not_run_across_a_full_stop() -> None:
    # a figure legend's panel letters after a sentence on hepatitis name no hepatitis A or B
    got = _conditions("The liver biopsy showed autoimmune-like hepatitis. A and B panels show the portal tracts.")
    assert "hepatitis a" not in got and "hepatitis b" not in got
    assert _conditions("Serologies showed hepatitis A and B infection.").get("hepatitis a") is not None


def test_a_disease_named_as_a_pandemic_is_no_diagnosis() -> None:
    got = _conditions("Her biopsy was delayed amid the COVID-19 pandemic. She had sarcoidosis.")
    assert "covid-19" not in got and got.get("sarcoidosis") == "confirmed"


def test_a_pandemic_in_the_summary_does_not_confirm_a_suspected_disease() -> None:
    text = ("Abstract\nWe present a patient with myocarditis whose diagnosis was delayed amid the COVID-19 pandemic.\n"
            "Case presentation\nA 50-year-old woman had chest pain. The differential diagnosis included COVID-19 "
            "infection and pulmonary embolism. Biopsy confirmed myocarditis.")
    assert {c.name: c.status for c in analyze_text(text).conditions}.get("covid-19") == "provisional"


def test_what_a_vaccination_is_against_is_neither_had_nor_denied() -> None:
    got = _conditions("She had not been vaccinated against seasonal influenza or measles. She had sarcoidosis.")
    assert "influenza" not in got and "measles" not in got and got.get("sarcoidosis") == "confirmed"
    assert "influenza" not in _conditions("He had been immunized against influenza last year.")
    assert _conditions("Although vaccinated against influenza, he developed pneumonia.").get(
        "pneumonia") == "confirmed"


def test_a_short_form_of_the_place_after_a_disease_names_no_disease() -> None:
    text = ("Case presentation\nCatheter sepsis is a frequent infection in Intensive Care Units (ICU). A 50-year-old "
            "man was admitted to the ICU with pneumonia. He left the ICU on day 9.")
    c = analyze_text(text)
    assert not any(s.text == "ICU" for x in c.conditions for s in x.provenance.spans)
    assert not any(m.type == "condition" and m.text == "ICU" for m in c.mentions)
