"""Bad input on the command line: one line naming the file and the problem, no traceback, exit code 2."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from casecourse.cli import app

runner = CliRunner()


def _bundle(tmp_path: Path, entry: object) -> Path:
    f = tmp_path / "bundle.json"
    f.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entry}))
    return f


def test_assess_bundle_part_of_wrong_type_is_one_line(tmp_path: Path) -> None:
    for entry in (["not an entry"], {"resource": {}}, [{"resource": {"resourceType": "Condition", "code": "x"}}]):
        f = _bundle(tmp_path, entry)
        res = runner.invoke(app, ["assess", str(f)])
        assert res.exit_code == 2 and isinstance(res.exception, SystemExit)
        assert "not a valid course or FHIR Bundle" in res.output and "Traceback" not in res.output


def _store(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("A 60-year-old woman with fever was given paracetamol 1 g.\n")
    store = tmp_path / "store"
    assert runner.invoke(app, ["corpus", "build", str(docs), "--store", str(store)]).exit_code == 0
    return store


def test_corrupt_batch_file_is_named(tmp_path: Path) -> None:
    store = _store(tmp_path)
    part = next((store / "documents").glob("part-*.parquet"))
    part.write_bytes(b"this is not parquet")
    for args in (["corpus", "query", "select count(*) from documents"], ["corpus", "cohort", "-c", "fever", "-d",
                                                                         "paracetamol"], ["corpus", "build",
                                                                                          str(tmp_path / "docs")]):
        res = runner.invoke(app, [*args, "--store", str(store)])
        assert res.exit_code == 2, (args, res.output)
        assert isinstance(res.exception, SystemExit), (args, res.exception)
        assert "documents" in res.output and "Traceback" not in res.output


def test_sql_error_is_one_line(tmp_path: Path) -> None:
    store = _store(tmp_path)
    res = runner.invoke(app, ["corpus", "query", "selec 1", "--store", str(store)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "syntax error" in lines[0]


def test_cohort_refuses_empty_condition_or_drug(tmp_path: Path) -> None:
    store = _store(tmp_path)
    res = runner.invoke(app, ["corpus", "cohort", "--store", str(store), "-c", " ", "-d", "paracetamol"])
    assert res.exit_code == 2 and "must not be empty" in res.output


def test_output_in_the_way_is_named_not_an_analysis_failure(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A 50-year-old man had a cough.\n")
    b.write_text("A 30-year-old woman had a rash.\n")
    blocker = tmp_path / "outfile"
    blocker.write_text("already a file")
    res = runner.invoke(app, ["analyze", str(a), str(b), "-o", str(blocker)])
    assert res.exit_code == 2
    assert "cannot write" in res.output and "could not be analysed" not in res.output


def test_endless_input_is_bounded(tmp_path: Path) -> None:
    import os

    if not os.path.exists("/dev/zero"):
        return
    res = runner.invoke(app, ["analyze", "/dev/zero"])
    assert res.exit_code == 2 and "too large" in res.output
