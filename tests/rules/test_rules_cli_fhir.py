"""`assess_command`, the FHIR Bundle reader and the FHIR assessment resources."""

import json
from importlib import resources
from pathlib import Path

from rich.console import Console

from casecourse.model import Course
from casecourse.rules import assess_course
from casecourse.rules.cli import assess_command
from casecourse.rules.fhir import assessment_resources

FIX = Path(__file__).parent / "fixtures"
SEED = Path(str(resources.files("casecourse").joinpath("examples", "seed_course.json")))


def test_assess_json_on_course(capsys):
    assert assess_command(SEED, True, Console(stderr=True)) == 0
    out = json.loads(capsys.readouterr().out)
    rules = {o["rule"] for o in out}
    assert {
        "hlh2004",
        "hscore",
        "mas2016",
        "mas_jsle2009",
        "sle_eular_acr_2019",
        "sledai2k",
        "lldas",
        "doris",
        "steroid_exposure",
        "lines_of_therapy",
    } <= rules
    for o in out:
        assert {"rule", "at", "status", "score", "unknown"} <= set(o)
        if o["score"] is not None:
            assert set(o["score"]) == {"min", "max"}


def test_assess_table(capsys):
    assert assess_command(SEED, False, Console(stderr=True)) == 0
    assert "hlh2004" in capsys.readouterr().out


def test_assess_fhir_bundle(capsys):
    assert assess_command(FIX / "mini_bundle.json", True, Console(stderr=True)) == 0
    out = json.loads(capsys.readouterr().out)
    hs = next(o for o in out if o["rule"] == "hscore")
    names = {i["name"]: i for i in hs["items"]}
    assert names["immunosuppression"]["points"] == [18, 18]  # prednisone since 2023
    assert names["temperature"]["points"] == [49, 49] and names["ferritin"]["points"] == [50, 50]
    assert names["organomegaly"]["points"] == [23, 38]
    assert hs["at"] == "Encounter-adm"
    sle = next(o for o in out if o["rule"] == "sle_eular_acr_2019")
    assert sle["items"][0]["value"] is True  # ANA entry read from the interpretation


def test_bad_files_exit_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    err = Console(stderr=True, record=True, width=60)
    assert assess_command(bad, False, err) == 2
    text = err.export_text()
    assert text.count("\n") == 1 and "bad.json" in text and "invalid JSON" in text
    assert assess_command(tmp_path / "missing.json", False, err) == 2
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"generator": 5}', encoding="utf-8")
    assert assess_command(wrong, True, err) == 2


def test_fhir_resources_validate_and_hscore_is_riskassessment():
    course = Course.model_validate_json(SEED.read_text(encoding="utf-8"))
    assessments = assess_course(course)
    res = assessment_resources(assessments, patient_ref="Patient/p1")
    assert len(res) == len(assessments)
    kinds = {(a.rule, r["resourceType"]) for a, r in zip(assessments, res, strict=True)}
    assert ("hscore", "RiskAssessment") in kinds and ("hlh2004", "Observation") in kinds
    assert all(r["subject"]["reference"] == "Patient/p1" for r in res)
    assert len({r["id"] for r in res}) == len(res)
    risk = next(r for r in res if r["resourceType"] == "RiskAssessment")
    assert "approximate" in risk["prediction"][0]["qualitativeRisk"]["text"]
