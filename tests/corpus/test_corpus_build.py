"""`casecourse corpus build`: the store's tables, error rows, skip on rerun, determinism across workers and Dask."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpus_docs import BAD, GOOD, write_corpus
from rich.console import Console

from casecourse.corpus.build import build
from casecourse.corpus.schema import FACT_TABLES, TABLES
from casecourse.corpus.store import connect
from casecourse.ingest.text import MAX_BYTES

QUIET = Console(stderr=True, quiet=True)


def _files(store: Path) -> dict[str, bytes]:
    return {str(f.relative_to(store)): f.read_bytes() for f in sorted(store.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("corpus")
    inputs = write_corpus(root / "in")
    huge = root / "huge.txt"
    huge.write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    summary = build([inputs, huge, root / "missing.txt"], root / "store", workers=2, console=QUIET)
    return root, root / "store", summary


def test_tables_rows_and_error_rows(built) -> None:
    root, store, summary = built
    con = connect(store)
    docs = {r[0]: r[1:] for r in con.execute("SELECT name, status, error, words FROM documents").fetchall()}
    # .md files in a folder are not inputs; the huge and missing files are, by name
    assert set(docs) == {*GOOD, *BAD, "huge.txt", "missing.txt"}
    assert summary.ok == len(GOOD) and len(summary.errors) == len(BAD) + 2
    for name in GOOD:
        assert docs[name][0] == "ok" and docs[name][1] is None and docs[name][2] > 10
    for name, problem in {**BAD, "huge.txt": "too large", "missing.txt": "no such file"}.items():
        status, error, _ = docs[name]
        assert status == "error" and name in error and problem in error, (name, error)
    for t in TABLES:
        assert con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] > 0, t
    # every fact row: its document, its id, its assertion, its source span
    for t in FACT_TABLES:
        cols = {r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()}
        assert {"doc_id", "id", "assertion"} <= cols, t
        if t != "assessments":
            assert {"span_start", "span_end", "evidence"} <= cols, t
    assert con.execute("SELECT count(*) FROM patients").fetchone()[0] == len(GOOD)
    # spans point into the document's text
    texts = {n: (root / "in" / n).read_text() for n in GOOD}
    rows = con.execute("SELECT d.name, c.span_start, c.span_end, c.evidence FROM conditions c JOIN documents d "
                       "USING (doc_id)").fetchall()
    assert rows and all(texts[n][a:b] == ev for n, a, b, ev in rows if ev and b - a == len(ev))
    # labs keep the value and unit as written, with the SI value
    lab = con.execute("SELECT value, unit, value_si FROM labs l JOIN documents d USING (doc_id) WHERE d.name = "
                      "'a_remission.txt' AND lower(test) LIKE '%triglyceride%'").fetchall()
    assert lab and lab[0][0] == 4.1 and lab[0][1] == "mmol/L"
    seg = con.execute("SELECT s.dose_value, s.dose_unit, s.route FROM dose_segments s JOIN exposures x ON "
                      "x.doc_id = s.doc_id AND x.id = s.exposure_id WHERE x.drug = 'anakinra' AND s.dose_value = 100"
                      ).fetchall()
    assert seg and seg[0][1] == "mg"
    ids = con.execute("SELECT doc_id FROM documents WHERE status = 'ok'").fetchall()
    assert all(len(i[0]) == 64 for i in ids)  # SHA-256 of the bytes


def test_rerun_skips_documents_in_the_store(built, tmp_path: Path) -> None:
    root, store, _ = built
    before = _files(store)
    again = build([root / "in"], store, workers=1, console=QUIET)
    assert again.ok == 0 and not again.errors and again.skipped == len(GOOD) + len(BAD)
    assert _files(store) == before
    extra = tmp_path / "z_new.txt"
    extra.write_text(GOOD["c_no_drug.txt"].replace("45-year-old", "52-year-old"))
    copy = tmp_path / "z_copy.txt"
    copy.write_text(GOOD["a_remission.txt"])  # same bytes as a stored document: skipped
    more = build([extra, copy], store, workers=1, console=QUIET)
    assert more.ok == 1 and more.skipped == 1 and len(more.parts) == 1
    con = connect(store)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(GOOD) + len(BAD) + 2 + 1
    assert con.execute("SELECT age_years FROM patients p JOIN documents d USING (doc_id) WHERE d.name = "
                       "'z_new.txt'").fetchone()[0] == 52


def test_same_bytes_whatever_the_number_of_workers(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in")
    one = build([inputs], tmp_path / "one", workers=1, console=QUIET, batch_docs=3)
    two = build([inputs], tmp_path / "two", workers=2, console=QUIET, batch_docs=3)
    assert len(one.parts) == 3 == len(two.parts)  # 8 documents in batches of 3
    a, b = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert a and a == b
    # rows sorted by document id inside a file
    ids = pq.read_table(tmp_path / "one" / "documents" / one.parts[0]).column("doc_id").to_pylist()
    assert ids == sorted(ids)


def test_duplicate_inputs_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(GOOD["d_other.txt"])
    (tmp_path / "y.txt").write_text(GOOD["d_other.txt"])
    s = build([tmp_path / "x.txt", tmp_path / "y.txt"], tmp_path / "store", console=QUIET)
    assert s.ok == 1 and s.duplicates == 1
    assert connect(tmp_path / "store").execute("SELECT path FROM documents").fetchall() == [(str(tmp_path / "x.txt"),)]


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                    reason="dask[distributed] is not installed (pip install 'casecourse[cluster]')")
def test_dask_local_cluster_gives_the_same_store(tmp_path: Path) -> None:
    inputs = write_corpus(tmp_path / "in")
    local = build([inputs], tmp_path / "local", workers=1, console=QUIET)
    dask = build([inputs], tmp_path / "dask", workers=2, dask_local=True, console=QUIET)
    assert "Dask" in dask.where and dask.ok == local.ok == len(GOOD) and len(dask.errors) == len(BAD)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_a_worker_that_dies_is_one_error_row(tmp_path: Path, monkeypatch) -> None:
    import corpus_docs

    import casecourse.corpus.build as b

    monkeypatch.setattr(b, "analyze_document", corpus_docs.crash_on_crash_txt)
    for name in ("a_remission.txt", "b_relapse.txt", "d_other.txt"):
        (tmp_path / name).write_text(GOOD[name])
    (tmp_path / "crash.txt").write_text("A 40-year-old man with gout.\n")
    s = build([tmp_path], tmp_path / "store", workers=2, console=QUIET)
    assert s.ok == 3 and len(s.errors) == 1 and "crash.txt" in s.errors[0] and "died" in s.errors[0]


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                    reason="dask[distributed] is not installed (pip install 'casecourse[cluster]')")
def test_dask_scheduler_address(tmp_path: Path) -> None:
    from distributed import LocalCluster

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD["b_relapse.txt"])
    (tmp_path / "in" / "e.txt").write_bytes(b"")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        s = build([tmp_path / "in"], tmp_path / "store", scheduler=cluster.scheduler_address, console=QUIET)
    assert s.ok == 1 and len(s.errors) == 1 and cluster.scheduler_address in s.where
    assert connect(tmp_path / "store").execute("SELECT count(*) FROM exposures WHERE drug = 'anakinra'"
                                               ).fetchone()[0] >= 1
