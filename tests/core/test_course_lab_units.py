"""Lab values with a unit the unit table does not know, and a test's values given as a range (own sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.reading.labs_values import find_values

_STORY = "A 30-year-old woman was admitted with fever. "


@pytest.mark.parametrize(("text", "unit"), [
    ("white cells 2.6 K/dL", "K/dL"),
    ("sodium 128 mq/L", "mq/L"),
    ("creatinine 1.4 mgs/dL", "mgs/dL"),
])
def test_a_unit_shaped_word_the_table_does_not_know_is_kept_as_written(text: str, unit: str) -> None:
    v = next(v for v in find_values(text) if v.value is not None)
    assert v.unit == unit and v.ucum is None and v.info is None
    assert (v.extra or {}).get("unit_unrecognised") is True
    assert text[v.start:v.end].endswith(unit)


@pytest.mark.parametrize("text", ["white cells 2.6 and falling", "platelets 119 000 with bleeding",
                                  "a dose of 2 and/or 3", "taken 3 times/week", "white cells 2.6 K/dL/day"])
def test_no_unit_is_invented_from_a_word_that_is_not_one(text: str) -> None:
    assert all(v.unit is None for v in find_values(text))


def test_a_known_unit_is_still_read_with_its_code() -> None:
    v = find_values("haemoglobin 9 g/dL")[0]
    assert v.unit == "g/dL" and v.ucum == "g/dL" and not (v.extra or {}).get("unit_unrecognised")


def _quantities(text: str) -> list[dict]:
    bundle = bundle_dict(analyze_text(_STORY + text, assess=False))
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation" and "valueQuantity" in e["resource"]]


def test_an_unrecognised_unit_is_exported_as_written_without_a_code_and_said_so() -> None:
    obs = _quantities("Labs showed leukopenia 2.6 K/dL and haemoglobin 9 g/dL.")
    wbc = next(o for o in obs if o["valueQuantity"]["value"] == 2.6)
    hb = next(o for o in obs if o["valueQuantity"]["value"] == 9.0)
    assert wbc["valueQuantity"] == {"value": 2.6, "unit": "K/dL"}
    assert "not a recognised unit" in wbc["note"][0]["text"]
    assert hb["valueQuantity"]["code"] == "g/dL" and "note" not in hb


def test_a_sodium_with_a_misspelt_unit_keeps_its_own_unit_and_its_interval_stays_an_interval() -> None:
    labs = analyze_text(_STORY + "Her sodium was 128 mq/L (136-145 mEq/L).", assess=False).labs
    assert [(lab.value, lab.unit) for lab in labs if lab.test == "sodium"] == [(128.0, "mq/L")]


@pytest.mark.parametrize(("text", "test", "values", "unit"), [
    ("Her LDH ranged from 320 to 910 IU/L during the stay.", "lactate dehydrogenase", [320.0, 910.0], "IU/L"),
    ("Her haemoglobin varied between 6.9 and 8.1 g/dL.", "hemoglobin", [6.9, 8.1], "g/dL"),
])
def test_a_range_of_a_tests_values_is_two_results_with_one_unit(text: str, test: str, values: list[float],
                                                                unit: str) -> None:
    labs = [lab for lab in analyze_text(_STORY + text, assess=False).labs if lab.test == test]
    assert sorted(lab.value for lab in labs) == values
    assert all(lab.unit == unit and lab.value_high is None and lab.value_si is not None for lab in labs)
    assert len({lab.id for lab in labs}) == 2


def test_a_single_result_written_as_a_range_stays_one_result() -> None:
    labs = [lab for lab in analyze_text(_STORY + "Her platelets were 40-60 x10^9/L.", assess=False).labs
            if lab.test == "platelets"]
    assert [(lab.value, lab.value_high) for lab in labs] == [(40.0, 60.0)]


@pytest.mark.parametrize(("text", "value", "unit"), [("ferritin 12 400 ng/mL at presentation", 12400.0, "ng/mL"),
                                                     ("LDH was 1 250 U/L", 1250.0, "U/L"),
                                                     ("ferritin 9\u00a0800 µg/L", 9800.0, "µg/L")])
def test_a_space_groups_thousands_before_a_concentration_unit(text: str, value: float, unit: str) -> None:
    v = find_values(text)
    assert [(x.value, x.unit) for x in v] == [(value, unit)]


def test_two_numbers_joined_by_a_word_stay_two_values() -> None:
    assert [x.value for x in find_values("ferritin 3 and 400 ng/mL")] == [3.0, 400.0]


def test_a_result_word_naming_the_number_after_it_is_no_flag_of_its_own() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 30-year-old woman was admitted in May 2021. Proteinuria was 0.4 g/24h and "
                          "proteinuria had decreased to 0.2 g/24h by June 2021. She later had hyperferritinemia.",
                          assess=False)
    protein = [(x.value, x.interpretation) for x in course.labs if x.test == "urine protein"]
    assert protein == [(0.4, None), (0.2, None)]
    assert [x.interpretation for x in course.labs if x.test == "ferritin"] == ["H"]
