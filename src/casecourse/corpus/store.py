"""The corpus store: under DIR, one folder per table holding one Parquet file per written batch.

A batch's file has the same name in every table (`part-<hash of its document rows>.parquet`), is written to a
temporary name and renamed, `documents` last: a document is in the store once its `documents` row is. Files are
written deterministically (rows sorted by document id then fact order; fixed compression and row groups), so the
same inputs give byte-identical files whatever the number of workers.

Replacing documents (`--retry-errors`, `--refresh`) is crash-safe: a journal `.replace-<part>.json` naming the
replaced ids is written first, then the new batch, then every older batch holding one of those ids is rewritten
without them (fact tables first, `documents` last; a batch left empty is removed, `documents` first), then the
journal is removed. Nothing is lost if the build is killed: until the new batch's `documents` file exists the old rows
stand; after it, the next build (or `recover`) finishes removing the old copies named by the journal.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from casecourse.corpus.schema import FACT_TABLES, TABLES, schema
from casecourse.corpus.work import Result

ROW_GROUP = 64_000


class StoreError(Exception):
    """A store that cannot be read (missing, or a batch file that is not Parquet); one line naming the file."""


def _read(f: Path, columns: list[str] | None = None) -> pa.Table:
    try:
        return pq.read_table(f, columns=columns)
    except (pa.ArrowException, OSError) as exc:
        raise StoreError(f"{f}: corrupt batch file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); "
                         "move it out of the store (a build then reads its documents again)") from exc


@dataclass(frozen=True)
class Stored:
    part: str
    status: str
    version: str | None
    schema_version: str | None


def stored(store: Path) -> dict[str, Stored]:
    """Every document in the store: its batch file, status and the casecourse/schema versions that read it."""
    out: dict[str, Stored] = {}
    for f in sorted((store / "documents").glob("part-*.parquet")):
        t = _read(f, ["doc_id", "status", "casecourse_version", "schema_version"]).to_pylist()
        for r in t:
            out[r["doc_id"]] = Stored(f.name, r["status"], r["casecourse_version"], r["schema_version"])
    return out


def known_ids(store: Path) -> set[str]:
    """Document ids already in the store (ok or error): a rerun skips them."""
    return set(stored(store))


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


def _journal(store: Path, part: str) -> Path:
    return store / f".replace-{part}.json"


def write_batch(store: Path, results: list[Result], replaces: set[str] | None = None) -> str | None:
    """Write one batch of analysed documents; returns its file name (None for an empty batch). `replaces`: ids of
    documents this batch re-reads; their rows in older batches are removed once the batch is written."""
    if not results:
        return None
    results = sorted(results, key=lambda r: r["document"]["doc_id"])
    docs = json.dumps([r["document"] for r in results], sort_keys=True, default=str)
    name = f"part-{hashlib.sha256(docs.encode()).hexdigest()[:20]}.parquet"
    if replaces:
        tmp = _journal(store, name).with_suffix(".tmp")
        tmp.write_text(json.dumps({"part": name, "ids": sorted(replaces)}))
        os.replace(tmp, _journal(store, name))
    for t in [*FACT_TABLES, "documents"]:
        (store / t).mkdir(parents=True, exist_ok=True)
        rows = [r["document"] for r in results] if t == "documents" else \
            [row for r in results for row in r["tables"].get(t, [])]
        _write(pa.Table.from_pylist(rows, schema=schema(t)), store / t / name)
    if replaces:
        strip(store, set(replaces), keep=name)
        _journal(store, name).unlink()
    return name


def strip(store: Path, ids: set[str], keep: str) -> list[str]:
    """Rewrite every batch but `keep` that holds one of `ids` without their rows; returns the batches touched."""
    touched = []
    wanted = pa.array(sorted(ids), pa.string())
    for f in sorted((store / "documents").glob("part-*.parquet")):
        if f.name == keep:
            continue
        have = _read(f, ["doc_id"]).column("doc_id")
        if not pc.any(pc.is_in(have, value_set=wanted)).as_py():
            continue
        touched.append(f.name)
        left = _read(f)
        left = left.filter(pc.invert(pc.is_in(left.column("doc_id"), value_set=wanted)))
        if left.num_rows == 0:  # the whole batch was re-read: documents first, the facts are then orphans
            f.unlink()
            for t in FACT_TABLES:
                (store / t / f.name).unlink(missing_ok=True)
            continue
        for t in FACT_TABLES:
            p = store / t / f.name
            if p.exists():
                tab = _read(p)
                _write(tab.filter(pc.invert(pc.is_in(tab.column("doc_id"), value_set=wanted))), p)
        _write(left, f)
    return touched


def recover(store: Path) -> list[str]:
    """Finish replacements a killed build left half done (see the module docstring); returns the journals read."""
    done = []
    for j in sorted(store.glob(".replace-*.json")):
        spec = json.loads(j.read_text())
        if (store / "documents" / spec["part"]).exists():
            strip(store, set(spec["ids"]), keep=spec["part"])
        j.unlink()
        done.append(j.name)
    for j in store.glob(".replace-*.tmp"):
        j.unlink()
    return done


def table_glob(store: Path, table: str) -> str:
    return str(store / table / "part-*.parquet")


def connect(store: Path):
    """An in-memory DuckDB connection with one view per table over the store's Parquet files."""
    import duckdb

    if not (store / "documents").is_dir():
        raise StoreError(f"{store}: not a corpus store (no documents table); build it with `casecourse corpus "
                                "build`")
    con = duckdb.connect(":memory:")
    for t in TABLES:
        if any((store / t).glob("part-*.parquet")):
            glob = table_glob(store, t).replace("'", "''")
            try:
                con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{glob}', union_by_name=true)")
            except duckdb.Error as exc:
                raise StoreError(f"{store / t}: {one_line(str(exc))}") from exc
        else:  # a table no batch has written yet: empty, with its columns
            cols = ", ".join(f'CAST(NULL AS {_duck(f.type)}) AS "{f.name}"' for f in schema(t))
            con.execute(f"CREATE VIEW {t} AS SELECT {cols} WHERE false")
    return con


def one_line(message: str) -> str:
    """A DuckDB message on one line: its statement excerpt ("LINE 1: ...") and caret line dropped."""
    lines = [ln.strip() for ln in message.splitlines()]
    keep = []
    for i, ln in enumerate(lines):
        if not ln or ln.startswith("LINE ") or (i and lines[i - 1].startswith("LINE ")):
            continue
        keep.append(ln)
    return " ".join(keep) or message.strip()


def _duck(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return "VARCHAR[]"
    return {pa.float64(): "DOUBLE", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN"}.get(t, "VARCHAR")
