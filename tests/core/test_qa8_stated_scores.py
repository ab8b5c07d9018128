"""Clinical scores stated in the text are Observations of the course with the value as written (invented sentences);
a value outside the score's valid range, or a threshold, is not read; a score a rule computes is shown beside the
computed one, neither replacing the other."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.knowledge import table
from casecourse.reading.scores import catalogue, find

STORY = ("A 58-year-old man was admitted on 2 February 2022. {} He was treated in the intensive care unit.")


@pytest.mark.parametrize(("sentence", "name", "value"), [
    ("His SLEDAI-2K was 18.", "sledai-2k", 18.0),
    ("He had a Glasgow Coma Scale of 8.", "glasgow coma scale", 8.0),
    ("At discharge the modified Rankin Scale was 3.", "modified rankin scale", 3.0),
    ("The SCORTEN was 4 on admission.", "scorten", 4.0),
    ("His BVAS was 12.", "birmingham vasculitis activity score", 12.0),
    ("The APACHE II score of 25 was recorded.", "apache ii score", 25.0),
    ("His MELD was 32.", "meld score", 32.0),
    ("The HScore was 240.", "hscore", 240.0),
    ("The Naranjo score of 6 made the reaction probable.", "naranjo score", 6.0),
    ("GCS 8/15 on arrival.", "glasgow coma scale", 8.0),
    ("His Coma Glasgow score was 9.", "glasgow coma scale", 9.0),  # the word order of several translated reports
])
def test_a_stated_score_is_in_the_course(sentence: str, name: str, value: float) -> None:
    c = analyze_text(STORY.format(sentence), assess=False)
    assert [(x.name, x.value) for x in c.scores] == [(name, value)]
    assert c.scores[0].time.point == "2022-02-02"
    assert "coma" not in {f.name for f in c.findings}


def test_a_class_is_kept_as_written() -> None:
    c = analyze_text(STORY.format("He had cirrhosis, Child-Pugh class C."), assess=False)
    assert [(x.name, x.value, x.score_class) for x in c.scores] == [("child-pugh score", None, "C")]
    assert any("cirrhosis" in x.name for x in c.conditions)  # the condition the class grades stays


@pytest.mark.parametrize("sentence", [
    "He had a Glasgow Coma Scale of 18.",  # GCS is 3..15
    "The SCORTEN was 9.",  # SCORTEN is 0..7
    "An HScore above 169 suggests the diagnosis.",  # a threshold
    "A SLEDAI-2K >= 6 defines active disease.",
    "The mRS was 0-2 at 90 days.",  # a range
    "Patients with a GCS score 8 or less were intubated.",  # a threshold
    "The Apgar score at 1, 5 and 10 minutes was 8, 9 and 9.",  # a list: '1' is a minute
])
def test_out_of_range_or_threshold_is_not_read(sentence: str) -> None:
    assert find(sentence) == []


def test_a_score_read_by_the_lab_catalogue_is_one_fact() -> None:
    c = analyze_text(STORY.format("His Glasgow Coma Scale was 7 and the MELD score was 28."), assess=False)
    assert sorted(x.name for x in c.scores) == ["glasgow coma scale", "meld score"]
    assert not [x for x in c.labs if x.test in ("glasgow coma scale", "meld score")]


def test_fhir_observation_survey_with_value_integer_and_code() -> None:
    c = analyze_text(STORY.format("He had a Glasgow Coma Scale of 8 and an EDSS of 3.5."), assess=False)
    obs = {r["code"]["text"]: r for e in bundle_dict(c)["entry"] if (r := e["resource"])["resourceType"] ==
           "Observation" and r.get("category", [{}])[0].get("coding", [{}])[0].get("code") == "survey"}
    gcs = obs["glasgow coma scale"]
    assert gcs["valueInteger"] == 8 and gcs["code"]["coding"][0]["code"] == "9269-2"
    assert obs["expanded disability status scale"]["valueQuantity"]["value"] == 3.5


def test_stated_and_computed_scores_side_by_side() -> None:
    from casecourse.report.html import render_html

    c = analyze_text("A 34-year-old woman was admitted on 3 March 2021 with fever of 39.5 °C. Examination showed "
                     "hepatosplenomegaly. Hemoglobin was 7.9 g/dL, platelets 45 x 10^9/L, ferritin 12,000 ng/mL, "
                     "triglycerides 4.1 mmol/L and fibrinogen 1.2 g/L. Bone marrow aspirate showed "
                     "hemophagocytosis. The HScore was 150.")
    stated = next(x for x in c.scores if x.name == "hscore")
    computed = next(a for a in c.assessments if a.rule == "hscore")
    assert stated.value == 150.0 and stated.rule == "hscore"
    assert computed.score is not None and computed.score["min"] != 150.0  # the rule's own count, not the text's
    page = render_html(c)
    section = page[page.index('<section class="scores">'):]
    start = section.index('data-fact="' + stated.id + '"')
    row = section[start:section.index("</tr>", start)]
    assert "<b>150</b>" in row and f"hscore: {computed.score['min']:g}" in row


def test_catalogue_rows_are_well_formed() -> None:
    rows = table("stated_scores.csv")
    assert len(rows) == len(catalogue()) >= 10
    for r in rows:
        assert float(r["min"]) < float(r["max"]) and r["value"] in ("integer", "decimal")
        assert r["synonyms"].strip()


@pytest.mark.parametrize(("sentence", "name", "value"), [
    ("He scored 8 on the Glasgow Coma Scale.", "glasgow coma scale", 8.0),
    ("He had 14 points on the NIHSS.", "nihss", 14.0),
    ("The SOFA score rose from 4 to 9 within a day.", "sofa score", 9.0),
    ("His GCS improved from 6/15 to 14/15.", "glasgow coma scale", 14.0),
])
def test_a_value_written_first_or_a_change_is_read(sentence: str, name: str, value: float) -> None:
    c = analyze_text(STORY.format(sentence), assess=False)
    assert [(x.name, x.value) for x in c.scores] == [(name, value)]


@pytest.mark.parametrize("sentence", ["On day 3 on the GCS chart nothing was noted.",
                                      "She scored 20 on the GCS."])  # no scoring word / out of the valid range
def test_a_number_before_the_name_needs_a_scoring_word_and_a_valid_value(sentence: str) -> None:
    assert analyze_text(STORY.format(sentence), assess=False).scores == []
