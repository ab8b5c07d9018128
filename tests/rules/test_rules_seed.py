"""The hand-written course of the founding letter (src/casecourse/examples/seed_course.json)."""

import json
from importlib import resources
from pathlib import Path

import pytest
from rules_build import items, one

from casecourse.model import Course
from casecourse.rules import assess_course
from casecourse.rules.concepts import norm
from casecourse.rules.drugs import canonical

SEED = resources.files("casecourse").joinpath("examples", "seed_course.json")
GOLD = Path(__file__).resolve().parents[3] / "shared" / "seed" / "gold_course.json"


@pytest.fixture(scope="module")
def results():
    return assess_course(Course.model_validate_json(SEED.read_text(encoding="utf-8")))


def by_rule(results, rule):
    return [a for a in results if a.rule == rule]


def test_hlh2004_first_hlh_admission_undetermined(results):
    a = by_rule(results, "hlh2004")[0]
    assert a.at == "ev-adm-1" and a.status == "undetermined"
    assert {"NK-cell activity", "sCD25", "triglycerides/fibrinogen"} <= set(a.unknown)
    it = items(a)
    assert it["ferritin"].value and it["splenomegaly"].value and it["haemophagocytosis"].value


def test_hscore_range_straddles_169(results):
    a = by_rule(results, "hscore")[0]
    assert a.at == "ev-adm-1"
    assert a.score["min"] < 169 < a.score["max"] and a.status == "undetermined"


def test_sle_2019_classifies_with_ana_entry(results):
    a = one(by_rule(results, "sle_eular_acr_2019"))
    assert a.status == "met" and a.data["entry"] is True
    assert {"mucocutaneous", "musculoskeletal", "SLE-specific antibodies"} <= set(a.data["domains"])
    assert "haematologic" not in a.data["domains"]  # cytopenias were during HLH


def test_steroid_curve_10_20_then_5(results):
    seq = one(by_rule(results, "steroid_exposure")).data["sequence"]
    known = [s for s in seq if s != "?"]
    assert known[:2] == ["10", "20"] and known[-1] == "5" and "?" in seq


def test_lines_anakinra_tocilizumab_anifrolumab(results):
    a = one(by_rule(results, "lines_of_therapy"))
    assert a.data["biologic_order"] == ["anakinra", "tocilizumab", "anifrolumab"]
    lines = {ln["drug"]: ln for ln in a.data["lines"]}
    assert "relapse on withdrawal" in lines["anakinra"]["outcomes"]
    assert "relapse on withdrawal" in lines["tocilizumab"]["outcomes"]
    assert "relapse on withdrawal" not in lines["anifrolumab"]["outcomes"]
    assert "intolerance" in lines["cyclosporine"]["outcomes"]


def test_output_is_deterministic(results):
    again = assess_course(Course.model_validate_json(SEED.read_text(encoding="utf-8")))
    assert [a.model_dump() for a in again] == [a.model_dump() for a in results]


@pytest.mark.shared
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/seed/gold_course.json not available")
def test_seed_course_covers_gold_drugs_and_events():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    seed = Course.model_validate_json(SEED.read_text(encoding="utf-8"))
    ours = {canonical(x.drug) or norm(x.drug) for x in seed.exposures}
    assert {canonical(m["drug"]) or norm(m["drug"]) for m in gold["medications"]} <= ours
    assert {e["type"] for e in gold["events"]} <= {
        e.type if e.type != "readmission" else "admission" for e in seed.events
    }
