"""`evaluate_command` and `make_eval`: output shape, errors and exit codes."""
from __future__ import annotations

import json
from pathlib import Path

from eval_helpers import FIXTURES, oracle_reader
from rich.console import Console

from casecourse.evaluation import make_eval
from casecourse.evaluation.runner import evaluate_command


def _err() -> Console:
    return Console(stderr=True, record=True, width=200)


def test_json_is_exactly_one_object(use_reader, capsys):
    use_reader(oracle_reader("maccrobat"))
    assert evaluate_command("maccrobat", FIXTURES, True, None, _err()) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"corpus", "documents", "types", "extra"}
    assert data["corpus"] == "maccrobat" and data["documents"] == 1
    assert set(data["types"]["Medication"]["strict"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert "negation_accuracy" in data["extra"]


def test_table_output_and_errors(use_reader, capsys):
    use_reader(lambda text: [])
    assert evaluate_command("ada", FIXTURES, False, "finding", _err()) == 0
    out = capsys.readouterr().out
    assert "condition" in out and "FN" in out and "severe headache" in out


def test_missing_corpora_dir_is_one_line_exit_2(tmp_path: Path, use_reader):
    use_reader(lambda text: [])
    err = _err()
    assert evaluate_command("e3c", tmp_path / "nope", True, None, err) == 2
    text = err.export_text().strip()
    assert "nope" in text and len(text.splitlines()) == 1


def test_unknown_error_type_exit_2(use_reader):
    use_reader(lambda text: [])
    err = _err()
    assert evaluate_command("gscplus", FIXTURES, True, "banana", err) == 2
    assert "phenotype" in err.export_text()


def test_make_eval_writes_json_and_summary(tmp_path: Path, use_reader, capsys):
    readers = {c: oracle_reader(c) for c in ("maccrobat", "ada", "e3c", "gscplus")}

    def any_corpus(text):
        for r in readers.values():
            try:
                return r(text)
            except KeyError:
                continue
        raise KeyError(text)

    use_reader(any_corpus)
    assert make_eval.main(["--corpora", str(FIXTURES), "--out", str(tmp_path)]) == 0
    for c in readers:
        assert json.loads((tmp_path / f"{c}.json").read_text())["corpus"] == c
    summary = (tmp_path / "summary.md").read_text()
    assert "| gscplus |" in summary and "document_f1" in summary
    assert "| maccrobat | negation_accuracy | 1.000 |" in summary


def test_reader_failing_everywhere_exit_1(use_reader):
    def broken(text):
        raise RuntimeError("boom")

    use_reader(broken)
    err = _err()
    assert evaluate_command("gscplus", FIXTURES, True, None, err) == 1
    assert "failed on all 2" in err.export_text()
