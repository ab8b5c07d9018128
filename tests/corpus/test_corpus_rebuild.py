"""`corpus build --retry-errors / --refresh / --timeout`: re-read documents replace their rows (no duplicates, nothing
lost when a rebuild stops midway), and a document past the time limit is one error row while the batch goes on."""
from __future__ import annotations

from pathlib import Path

import corpus_docs
import pytest
from corpus_docs import GOOD
from rich.console import Console

import casecourse.corpus.build as b
import casecourse.corpus.store as st
import casecourse.corpus.work as work
from casecourse import __version__
from casecourse.corpus.schema import TABLES
from casecourse.corpus.store import connect

QUIET = Console(stderr=True, quiet=True)


def _counts(store: Path) -> dict[str, tuple[int, int]]:
    """Per table: (rows, distinct (doc_id, id)) — equal when nothing is duplicated."""
    con = connect(store)
    out = {}
    for t in TABLES:
        key = "doc_id" if t == "documents" else "doc_id, id"
        out[t] = con.execute(f"SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT {key} FROM {t})) FROM {t}"
                             ).fetchone()
    return out


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("a_remission.txt", "b_relapse.txt", "d_other.txt"):
        (folder / name).write_text(GOOD[name])
    (folder / "flaky.txt").write_text(GOOD["c_no_drug.txt"])
    return folder


def test_retry_errors_replaces_the_error_row(tmp_path: Path, monkeypatch) -> None:
    inputs = _inputs(tmp_path / "in")
    fresh = tmp_path / "fresh"
    b.build([inputs], fresh, console=QUIET, batch_docs=3)
    monkeypatch.setattr(b, "analyze_document", corpus_docs.fail_on_flaky_txt)
    store = tmp_path / "store"
    first = b.build([inputs], store, workers=2, console=QUIET, batch_docs=3)
    assert first.ok == 3 and len(first.errors) == 1 and "flaky.txt" in first.errors[0]
    monkeypatch.undo()
    plain = b.build([inputs], store, console=QUIET, batch_docs=3)
    assert plain.skipped == 4 and plain.ok == 0  # a rerun without the option never re-reads
    again = b.build([inputs], store, workers=2, console=QUIET, batch_docs=3, retry_errors=True)
    assert again.ok == 1 and again.replaced == 1 and again.skipped == 3 and not again.errors
    counts = _counts(store)
    assert all(n == distinct for n, distinct in counts.values()), counts
    assert counts == _counts(fresh)  # the same rows as a store built without the failure
    con = connect(store)
    assert con.execute("SELECT status FROM documents WHERE name = 'flaky.txt'").fetchall() == [("ok",)]
    assert con.execute("SELECT count(*) FROM conditions JOIN documents USING (doc_id) WHERE documents.name = "
                       "'flaky.txt'").fetchone()[0] > 0
    assert not list(store.glob(".replace-*"))


def test_refresh_rereads_rows_of_another_version(tmp_path: Path, monkeypatch) -> None:
    inputs = _inputs(tmp_path / "in")
    store = tmp_path / "store"
    monkeypatch.setattr(work, "__version__", "0.0.1-old")
    b.build([inputs], store, workers=2, console=QUIET, batch_docs=2)
    monkeypatch.undo()
    before = _counts(store)
    con = connect(store)
    assert {r[0] for r in con.execute("SELECT casecourse_version FROM documents").fetchall()} == {"0.0.1-old"}
    s = b.build([inputs], store, workers=2, console=QUIET, batch_docs=3, refresh=True)
    assert s.replaced == 4 and s.ok == 4
    after = _counts(store)
    assert after == before and all(n == d for n, d in after.values()), after
    con = connect(store)
    assert {r[0] for r in con.execute("SELECT casecourse_version FROM documents").fetchall()} == {__version__}
    again = b.build([inputs], store, console=QUIET, refresh=True)
    assert again.replaced == 0 and again.skipped == 4


def test_a_rebuild_stopped_midway_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    inputs = _inputs(tmp_path / "in")
    store = tmp_path / "store"
    monkeypatch.setattr(work, "__version__", "0.0.1-old")
    b.build([inputs], store, console=QUIET, batch_docs=2)
    monkeypatch.undo()
    before = _counts(store)

    def stop(*args, **kw):
        raise KeyboardInterrupt  # the build is stopped after the new batch was written, before the old is rewritten

    monkeypatch.setattr(st, "strip", stop)
    with pytest.raises(KeyboardInterrupt):
        b.build([inputs], store, console=QUIET, batch_docs=3, refresh=True)
    monkeypatch.undo()
    assert list(store.glob(".replace-*.json"))  # the journal says what is left to do
    con = connect(store)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] > 4  # old and new rows both there for now
    s = b.build([inputs], store, console=QUIET, batch_docs=3, refresh=True)  # finishes the job, reads the rest
    after = _counts(store)
    assert after == before and all(n == d for n, d in after.values()), after
    assert s.ok + s.skipped == 4 and not list(store.glob(".replace-*"))
    con = connect(store)
    assert {r[0] for r in con.execute("SELECT casecourse_version FROM documents").fetchall()} == {__version__}


def test_a_document_past_the_time_limit_is_an_error_row(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(b, "analyze_document", corpus_docs.slow_on_slow_txt)
    inputs = _inputs(tmp_path / "in")
    (inputs / "slow.txt").write_text("A 40-year-old man with gout was given colchicine.\n")
    s = b.build([inputs], tmp_path / "store", workers=2, console=QUIET, timeout=2)
    assert s.ok == 4 and s.timed_out == 1 and len(s.errors) == 1, s.errors
    assert "slow.txt" in s.errors[0] and "timed out after 2 s" in s.errors[0]
    con = connect(tmp_path / "store")
    rows = dict(con.execute("SELECT name, status FROM documents").fetchall())
    assert rows == {"a_remission.txt": "ok", "b_relapse.txt": "ok", "d_other.txt": "ok", "flaky.txt": "ok",
                    "slow.txt": "error"}
