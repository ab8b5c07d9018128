"""`casecourse corpus build`: read many documents in parallel into the Parquet store.

Documents are hashed in the main process (the id is the SHA-256 of the bytes: a rerun skips what the store holds,
and a second copy of the same text in one run is read once) and sent as bytes to the workers. Results come back in
any order; they are released in input order and written in batches of `batch_docs` documents, so the files do not
depend on the number of workers or on which finished first. `retry_errors` / `refresh` read stored documents again
(error rows; rows of another casecourse version) and replace their rows (see store.py: crash-safe, no duplicates).
"""
from __future__ import annotations

import concurrent.futures.process as cfp
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from casecourse import __version__
from casecourse.corpus.inputs import Input, expand, load
from casecourse.corpus.store import drop_orphans, recover, stored, write_batch
from casecourse.corpus.work import Result, analyze_document, error_result, warm
from casecourse.model import SCHEMA_VERSION

# a batch's rows wait in the main process until written: 2,000 T2S2 reports held ~470 MB there, 500 hold ~250 MB
BATCH_DOCS = 500
TIMEOUT = 120.0  # seconds per document: a T2S2 report takes ~0.1 s; room for the largest accepted file on a busy host


@dataclass
class Summary:
    inputs: int = 0
    ok: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: int = 0  # already in the store
    duplicates: int = 0  # same bytes as an earlier input of this run
    replaced: int = 0  # re-read (--retry-errors, --refresh): their old rows removed
    timed_out: int = 0
    parts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    where: str = ""

    def line(self) -> str:
        rate = self.ok / self.seconds if self.seconds else 0.0
        return (f"{self.inputs} inputs: {self.ok} read, {len(self.errors)} errors ({self.timed_out} timed out), "
                f"{self.skipped} already in the store, {self.replaced} re-read and replaced, {self.duplicates} "
                f"duplicates; {len(self.parts)} batch file(s); {self.seconds:.1f} s ({rate:.1f} docs/s) with "
                f"{self.where}")


class _Ordered:
    """Buffers results by input position and hands them over in order, in batches."""

    def __init__(self, store: Path, batch_docs: int, summary: Summary, redo: set[str], console: Console, t0: float):
        self.store, self.batch_docs, self.summary, self.redo = store, batch_docs, summary, redo
        self.console, self.t0 = console, t0
        self.buffer: dict[int, Result | None] = {}
        self.next = 0
        self.batch: list[Result] = []

    def put(self, idx: int, result: Result | None) -> None:
        self.buffer[idx] = result
        while self.next in self.buffer:
            r = self.buffer.pop(self.next)
            self.next += 1
            if r is not None:
                self.batch.append(r)
                if len(self.batch) >= self.batch_docs:
                    self.flush()

    def flush(self) -> None:
        replaces = {r["document"]["doc_id"] for r in self.batch} & self.redo
        n, bad = len(self.batch), sum(r["document"]["status"] != "ok" for r in self.batch)
        name = write_batch(self.store, self.batch, replaces)
        if name:
            self.summary.parts.append(name)
            self.summary.replaced += len(replaces)
            elapsed = time.perf_counter() - self.t0
            self.console.print(
                f"batch {len(self.summary.parts)} written ({name}): {n} documents, {n - bad} read, {bad} errors"
                + (f", {len(replaces)} replaced" if replaces else "")
                + f"; {self.next}/{self.summary.inputs} inputs done, {elapsed:.1f} s", highlight=False, markup=False,
                soft_wrap=True)
        self.batch = []


def _make_pool(workers: int, scheduler: str | None, dask_local: bool):
    if scheduler or dask_local:
        from casecourse.corpus.pools import DaskPool

        return DaskPool(workers, scheduler)
    from casecourse.corpus.pools import LocalPool

    return LocalPool(workers)


def _redo(store: Path, retry_errors: bool, refresh: bool) -> tuple[set[str], set[str]]:
    """(ids in the store, ids to read again): error rows with --retry-errors; rows another casecourse version or
    schema wrote with --refresh."""
    rows = stored(store)
    redo = {i for i, r in rows.items()
            if (retry_errors and r.status != "ok")
            or (refresh and (r.version != __version__ or r.schema_version != SCHEMA_VERSION))}
    return set(rows), redo


def build(inputs: list[Path], store: Path, workers: int = 1, scheduler: str | None = None, dask_local: bool = False,
          console: Console | None = None, batch_docs: int = BATCH_DOCS, retry_errors: bool = False,
          refresh: bool = False, timeout: float | None = TIMEOUT) -> Summary:
    """Read `inputs` into `store`. `timeout` (seconds; None or 0: none) bounds each document: one that exceeds it
    becomes an error row, its worker process is replaced and the batch goes on."""
    console = console or Console(stderr=True)
    t0 = time.perf_counter()
    store.mkdir(parents=True, exist_ok=True)
    drop_orphans(store)
    recover(store)
    known, redo = _redo(store, retry_errors, refresh)
    limit = timeout or None
    paths = expand(inputs)
    summary = Summary(inputs=len(paths))
    out = _Ordered(store, batch_docs, summary, redo, console, t0)
    progress = Progress(TextColumn("[bold]corpus"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), TextColumn("{task.description}"), console=console, transient=True,
                        disable=not console.is_terminal)
    pool = _make_pool(workers, scheduler, dask_local)
    summary.where = pool.describe()
    started = False  # workers are started (and warmed, when timed) at the first document to read: a rerun that
    # skips everything starts none
    seen: set[str] = set()
    inflight: dict = {}  # future -> (position, input, when submitted)

    def finish(idx: int, result: Result | None) -> None:
        if result is not None:
            if result["document"]["status"] == "ok":
                summary.ok += 1
            else:
                summary.errors.append(result["document"]["error"])
                console.print(f"[red]error[/red]: {escape(result['document']['error'])}", highlight=False,
                              soft_wrap=True)
        out.put(idx, result)
        progress.advance(task)

    def collect() -> None:
        wait = None
        if limit:
            wait = max(0.0, min(t for _, _, t in inflight.values()) + limit - time.perf_counter())
        done, _ = pool.wait_first(inflight.keys(), wait)
        broken = []
        for fut in sorted(done, key=lambda f: inflight[f][0]):
            idx, inp, _ = inflight.pop(fut)
            try:
                finish(idx, fut.result())
            except cfp.BrokenProcessPool:
                broken.append((idx, inp))
            except Exception as exc:  # noqa: BLE001 - a task the cluster gave up on (a killed worker) is one error
                finish(idx, error_result(inp.doc_id, inp.path, inp.size,
                                         f"{inp.path}: worker failed ({type(exc).__name__}: {exc})"))
        # a document in flight past the limit (timed from its submission, so a queued one may be counted late): read
        # everything in flight again one at a time, timed exactly
        late = limit and inflight and min(t for _, _, t in inflight.values()) + limit <= time.perf_counter()
        if broken or late:
            broken += [inflight.pop(f)[:2] for f in list(inflight)]
            isolate(sorted(broken, key=lambda b: b[0]))

    def isolate(suspects: list[tuple[int, Input]]) -> None:
        """A worker process died or a document ran past the limit: restart the pool and read the documents that
        were in flight one at a time on one fresh, warm worker; one whose worker dies again, or that runs past the
        limit alone, is an error row (its worker killed and replaced), the others are read as usual."""

        def one_worker() -> None:  # one warm worker: the limit then times exactly one document
            pool.restart(1)
            if limit:
                pool.submit(warm).result()

        one_worker()
        for idx, inp in suspects:
            try:
                finish(idx, pool.submit(analyze_document, inp.doc_id, inp.path, inp.data).result(timeout=limit))
            except cfp.BrokenProcessPool:
                finish(idx, error_result(inp.doc_id, inp.path, inp.size,
                                         f"{inp.path}: the worker process died while reading it"))
                one_worker()
            except TimeoutError:
                summary.timed_out += 1
                finish(idx, error_result(inp.doc_id, inp.path, inp.size, f"{inp.path}: timed out after {limit:g} s "
                                         "(its worker process was replaced)"))
                one_worker()
        pool.restart()
        if limit:
            pool.ready()

    try:
        with progress:
            task = progress.add_task("", total=len(paths))
            for idx, path in enumerate(paths):
                inp: Input = load(path)
                progress.update(task, description=path.name)
                if (inp.doc_id in known and inp.doc_id not in redo) or inp.doc_id in seen:
                    if inp.doc_id in seen:
                        summary.duplicates += 1
                    else:
                        summary.skipped += 1
                    finish(idx, None)
                    continue
                seen.add(inp.doc_id)
                if inp.data is None:
                    finish(idx, error_result(inp.doc_id, inp.path, inp.size, inp.error or f"{inp.path}: unreadable"))
                    continue
                if limit and not started:
                    pool.ready()
                started = True
                inflight[pool.submit(analyze_document, inp.doc_id, inp.path, inp.data)] = (idx, inp,
                                                                                          time.perf_counter())
                while len(inflight) >= pool.slots:
                    collect()
            while inflight:
                collect()
            out.flush()
    finally:
        pool.close()
    summary.seconds = time.perf_counter() - t0
    return summary
