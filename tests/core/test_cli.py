import json
import subprocess
import sys
from pathlib import Path

from casecourse.api import analyze_text, course_json
from casecourse.export.fhir import bundle_dict

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "casecourse" / "examples" / "lupus_course.txt"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casecourse.cli", *args], capture_output=True, text=True)


def test_batch_with_bad_file_keeps_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = tmp_path / "out"
    r = _cli("analyze", str(EXAMPLE), str(bad), "--format", "fhir", "-o", str(out))
    assert r.returncode == 2
    assert "empty.txt: empty file" in r.stderr
    bundle = json.loads((out / "lupus_course.fhir.json").read_text())
    assert bundle["resourceType"] == "Bundle"


def test_all_formats_and_stdout(tmp_path: Path) -> None:
    r = _cli("analyze", str(EXAMPLE), "--format", "json", "-o", "-")
    assert r.returncode == 0 and json.loads(r.stdout)["schema_version"] == "casecourse-course/1"
    assert _cli("--version").stdout.startswith("casecourse ")
    schema = json.loads(_cli("schema").stdout)
    assert "exposures" in schema["properties"]


def test_example_course_and_fhir_bundle() -> None:
    course = analyze_text(EXAMPLE.read_text())
    assert course.patient.sex == "female" and course.patient.age_years == 31
    bundle = bundle_dict(course)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1 and "Encounter" in kinds
    drugs = {e["resource"]["medicationCodeableConcept"]["text"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "MedicationStatement"}
    # discussion and reference-list drugs are not the patient's
    assert "rituximab" not in drugs and "cyclophosphamide" not in drugs
    assert {"hydroxychloroquine", "prednisolone", "mycophenolate mofetil", "azathioprine", "belimumab"} <= drugs
    refuted = [e["resource"]["code"]["text"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"
               and e["resource"]["verificationStatus"]["coding"][0]["code"] == "refuted"]
    assert refuted == ["infection"]


def test_deterministic_output() -> None:
    text = EXAMPLE.read_text()
    assert course_json(analyze_text(text)) == course_json(analyze_text(text))


def test_half_is_refused_for_a_corpus_without_halves(tmp_path: Path) -> None:
    # GSC+ has no halves: --half would silently list the errors of its test file
    r = _cli("evaluate", "--corpus", "gscplus", "--corpora", str(tmp_path), "--errors", "phenotype", "--half", "dev")
    assert r.returncode == 2
    assert "--half applies to maccrobat, ada and t2s2 only" in r.stderr
