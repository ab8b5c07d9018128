"""Lab results read from tab-separated tables (invented tables, in the shape PMC full texts flatten to)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.reading.lab_tables import find_table_labs
from casecourse.reading.zoning import zone_lines

SERIAL = (
    "Table 1. Laboratory course of the patient.\n\n"
    "\tUnits\tDay 2\tDay 6\tDay 9\t\n"
    "Haemoglobin\tg/dL\t12.4\t9.1\t–\t\n"
    "Platelets\t×103/µL\t152\t61\t38\t\n"
    "Ferritin\tng/mL\t12 800\t–\t–\t\n"
    "Uric acid\tmg/dL\t8,4\t–\t10.2\t\n"
)
ON_ADMISSION = (
    "Table 2. Findings on admission.\n\n"
    "Variable\tReference values\tOn admission\t\n"
    "Creatinine, mg/dL\t0.6–1.1\t3.2\t\n"
    "White cell count, 103/µL\t4.0–10.0\t2.9\t\n"
    "C4 (mg/dL)\t16–38\t<8\t\n"
    "Coombs test\t—\tPositive\t\n"
    "Blood cultures\t—\tNegative\t\n"
)


def _by_test(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in find_table_labs(text):
        out.setdefault(m.attrs["test"], []).append(m)
    return out


def test_serial_table_gives_one_value_per_cell_with_unit_column_and_header() -> None:
    labs = _by_test(SERIAL)
    hb = labs["hemoglobin"]
    assert [m.attrs["value"] for m in hb] == [12.4, 9.1]  # the dash is no result
    assert {m.attrs["unit"] for m in hb} == {"g/dL"}
    assert [m.attrs["column"] for m in hb] == ["Day 2", "Day 6"]
    plt = labs["platelets"]
    assert [m.attrs["value"] for m in plt] == [152, 61, 38]
    assert plt[0].attrs["unit"] == "×103/µL" and plt[0].attrs["ucum"].startswith("10*3")
    assert labs["ferritin"][0].attrs["value"] == 12800  # "12 800" is one number
    assert [m.attrs["value"] for m in labs["uric acid"]] == [8.4, 10.2]  # decimal comma


def test_reference_column_is_not_a_result_and_label_units_are_read() -> None:
    labs = _by_test(ON_ADMISSION)
    assert [m.attrs["value"] for m in labs["creatinine"]] == [3.2]
    assert labs["creatinine"][0].attrs["unit"] == "mg/dL"
    assert labs["creatinine"][0].attrs["test_text"] == "Creatinine"
    assert labs["leukocytes"][0].attrs["ucum"] == "10*3/uL"
    c4 = labs["c4"][0]
    assert c4.attrs["comparator"] == "<" and c4.attrs["value"] == 8
    assert all(m.attrs.get("column") == "On admission" for ms in labs.values() for m in ms)


def test_qualitative_cells_become_interpretations_with_the_name_as_written() -> None:
    labs = _by_test(ON_ADMISSION)
    coombs = next(ms for t, ms in labs.items() if ms[0].attrs["test_text"] == "Coombs test")[0]
    assert coombs.attrs["interpretation"] == "POS"
    cultures = next(ms for ms in labs.values() if ms[0].attrs["test_text"] == "Blood cultures")[0]
    assert cultures.attrs["interpretation"] == "NEG"


def test_rows_that_name_no_test_and_prose_give_nothing() -> None:
    text = "Author\tYear\tAge\tOutcome\t\nSmith et al.\t2019\t34\tDied\t\nThe haemoglobin was 9 g/dL.\n"
    assert find_table_labs(text) == []


def test_table_zones_follow_the_caption() -> None:
    text = ("Case presentation\nA 40-year-old woman was admitted.\n" + SERIAL
            + "Table 3. Previously reported cases.\n\nAuthor\tYear\t\nLee\t2001\t\n")
    zones = {text[z.start:z.end].split("\t")[0]: z.zone for z in zone_lines(text)}
    assert zones["Haemoglobin"] == "table"
    assert zones["Lee"] == "table_other"
    assert zones["A 40-year-old woman was admitted."] == "narrative"


def test_table_values_reach_the_course_and_fhir_with_written_names() -> None:
    text = "A 52-year-old man presented with fever.\n\n" + ON_ADMISSION
    course = analyze_text(text)
    creat = [lab for lab in course.labs if lab.test == "creatinine"]
    assert [(lab.value, lab.unit) for lab in creat] == [(3.2, "mg/dL")]
    assert creat[0].time.text == "On admission" and not creat[0].time.known
    bundle = bundle_dict(course)
    texts = {e["resource"]["code"]["text"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "Observation" and "code" in e["resource"]}
    assert "Coombs test" in texts and "Creatinine" in texts


def test_a_calendar_column_header_dates_its_values() -> None:
    text = ("A 60-year-old woman was admitted in March 2019 with anaemia.\n\n"
            "Table 1. Laboratory data.\n\n\t12 March 2019\t30 March 2019\t\n"
            "Hemoglobin (g/dL)\t7.2\t10.4\t\n")
    course = analyze_text(text)
    hb = sorted((lab for lab in course.labs if lab.test == "hemoglobin" and lab.value in (7.2, 10.4)),
                key=lambda lab: lab.value)
    assert [lab.time.point for lab in hb] == ["2019-03-12", "2019-03-30"]
