"""The founding letter scored by the shared scorer (needs ../shared, which CI and developers have)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "seed" / "letter.txt").exists(),
                                reason="../shared (the seed letter and scorer) is not present on this machine")


def test_letter_scores(tmp_path: Path) -> None:
    out = tmp_path / "letter.fhir.json"
    r = subprocess.run([sys.executable, "-m", "casecourse.cli", "analyze", str(SHARED / "seed" / "letter.txt"),
                        "--format", "fhir", "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    score = subprocess.run([sys.executable, str(SHARED / "eval" / "score_course.py"),
                            str(SHARED / "seed" / "gold_course.json"), str(out), "--json"],
                           capture_output=True, text=True, check=True)
    res = json.loads(score.stdout)["letter.fhir.json"]
    assert res["drugs"]["f1"] >= 0.90
    assert res["course_score"] >= 0.50
    bundle = json.loads(out.read_text())
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1
    conditions = {e["resource"]["code"]["text"] for e in bundle["entry"]
                  if e["resource"]["resourceType"] == "Condition"}
    assert not any("interferonopathy" in c for c in conditions)
