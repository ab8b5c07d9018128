"""The corpus store: under DIR, one folder per table holding one Parquet file per written batch.

A batch's file has the same name in every table (`part-<hash of its document ids>.parquet`), is written to a
temporary name and renamed, `documents` last: a document is in the store once its `documents` row is. Files are
written deterministically (rows sorted by document id then fact order; fixed compression and row groups), so the
same inputs give byte-identical files whatever the number of workers.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from casecourse.corpus.schema import FACT_TABLES, TABLES, schema
from casecourse.corpus.work import Result

ROW_GROUP = 64_000


def known_ids(store: Path) -> set[str]:
    """Document ids already in the store (ok or error): a rerun skips them."""
    files = sorted((store / "documents").glob("part-*.parquet"))
    ids: set[str] = set()
    for f in files:
        ids.update(pq.read_table(f, columns=["doc_id"]).column("doc_id").to_pylist())
    return ids


def drop_orphans(store: Path) -> list[str]:
    """Remove fact files of a batch whose `documents` file was never written (a build that was killed)."""
    done = {f.name for f in (store / "documents").glob("part-*.parquet")}
    dropped = []
    for t in FACT_TABLES:
        for f in sorted((store / t).glob("part-*.parquet")) + sorted((store / t).glob(".tmp-*")):
            if f.name not in done:
                f.unlink()
                dropped.append(str(f))
    for f in (store / "documents").glob(".tmp-*"):
        f.unlink()
    return dropped


def _write(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(".tmp-" + path.name)
    pq.write_table(table, tmp, compression="zstd", compression_level=3, row_group_size=ROW_GROUP,
                   use_dictionary=True, write_statistics=True)
    os.replace(tmp, path)


def write_batch(store: Path, results: list[Result]) -> str | None:
    """Write one batch of analysed documents; returns its file name (None for an empty batch)."""
    if not results:
        return None
    results = sorted(results, key=lambda r: r["document"]["doc_id"])
    ids = "\n".join(r["document"]["doc_id"] for r in results)
    name = f"part-{hashlib.sha256(ids.encode()).hexdigest()[:20]}.parquet"
    for t in [*FACT_TABLES, "documents"]:
        (store / t).mkdir(parents=True, exist_ok=True)
        rows = [r["document"] for r in results] if t == "documents" else \
            [row for r in results for row in r["tables"].get(t, [])]
        _write(pa.Table.from_pylist(rows, schema=schema(t)), store / t / name)
    return name


def table_glob(store: Path, table: str) -> str:
    return str(store / table / "part-*.parquet")


def connect(store: Path):
    """An in-memory DuckDB connection with one view per table over the store's Parquet files."""
    import duckdb

    if not (store / "documents").is_dir():
        raise FileNotFoundError(f"{store}: not a corpus store (no documents table); build it with `casecourse corpus "
                                "build`")
    con = duckdb.connect(":memory:")
    for t in TABLES:
        if any((store / t).glob("part-*.parquet")):
            glob = table_glob(store, t).replace("'", "''")
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
        else:  # a table no batch has written yet: empty, with its columns
            cols = ", ".join(f'CAST(NULL AS {_duck(f.type)}) AS "{f.name}"' for f in schema(t))
            con.execute(f"CREATE VIEW {t} AS SELECT {cols} WHERE false")
    return con


def _duck(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return "VARCHAR[]"
    return {pa.float64(): "DOUBLE", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN"}.get(t, "VARCHAR")
