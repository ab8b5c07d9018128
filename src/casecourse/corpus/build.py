"""`casecourse corpus build`: read many documents in parallel into the Parquet store.

Documents are hashed in the main process (the id is the SHA-256 of the bytes: a rerun skips what the store holds,
and a second copy of the same text in one run is read once) and sent as bytes to the workers. Results come back in
any order; they are released in input order and written in batches of `batch_docs` documents, so the files do not
depend on the number of workers or on which finished first.
"""
from __future__ import annotations

import concurrent.futures.process as cfp
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from casecourse.corpus.inputs import Input, expand, load
from casecourse.corpus.store import drop_orphans, known_ids, write_batch
from casecourse.corpus.work import Result, analyze_document, error_result

BATCH_DOCS = 2000


@dataclass
class Summary:
    inputs: int = 0
    ok: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: int = 0  # already in the store
    duplicates: int = 0  # same bytes as an earlier input of this run
    parts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    where: str = ""

    def line(self) -> str:
        rate = self.ok / self.seconds if self.seconds else 0.0
        return (f"{self.inputs} inputs: {self.ok} read, {len(self.errors)} errors, {self.skipped} already in the "
                f"store, {self.duplicates} duplicates; {len(self.parts)} batch file(s); {self.seconds:.1f} s "
                f"({rate:.1f} docs/s) with {self.where}")


class _Ordered:
    """Buffers results by input position and hands them over in order, in batches."""

    def __init__(self, store: Path, batch_docs: int, summary: Summary):
        self.store, self.batch_docs, self.summary = store, batch_docs, summary
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
        name = write_batch(self.store, self.batch)
        if name:
            self.summary.parts.append(name)
        self.batch = []


def _make_pool(workers: int, scheduler: str | None, dask_local: bool):
    if scheduler or dask_local:
        from casecourse.corpus.pools import DaskPool

        return DaskPool(workers, scheduler)
    from casecourse.corpus.pools import LocalPool

    return LocalPool(workers)


def build(inputs: list[Path], store: Path, workers: int = 1, scheduler: str | None = None, dask_local: bool = False,
          console: Console | None = None, batch_docs: int = BATCH_DOCS) -> Summary:
    console = console or Console(stderr=True)
    t0 = time.perf_counter()
    store.mkdir(parents=True, exist_ok=True)
    drop_orphans(store)
    known = known_ids(store)
    paths = expand(inputs)
    summary = Summary(inputs=len(paths))
    out = _Ordered(store, batch_docs, summary)
    progress = Progress(TextColumn("[bold]corpus"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), TextColumn("{task.description}"), console=console, transient=True,
                        disable=not console.is_terminal)
    pool = _make_pool(workers, scheduler, dask_local)
    summary.where = pool.describe()
    seen: set[str] = set()
    inflight: dict = {}  # future -> (position, input)

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
        done, _ = pool.wait_first(inflight.keys())
        broken = []
        for fut in sorted(done, key=lambda f: inflight[f][0]):
            idx, inp = inflight.pop(fut)
            try:
                finish(idx, fut.result())
            except cfp.BrokenProcessPool:
                broken.append((idx, inp))
            except Exception as exc:  # noqa: BLE001 - a task the cluster gave up on (a killed worker) is one error
                finish(idx, error_result(inp.doc_id, inp.path, inp.size,
                                         f"{inp.path}: worker failed ({type(exc).__name__}: {exc})"))
        if broken:
            broken += [inflight.pop(f) for f in list(inflight)]
            isolate(sorted(broken, key=lambda b: b[0]))

    def isolate(suspects: list[tuple[int, Input]]) -> None:
        """A worker process died: restart the pool and read the documents that were in flight one at a time; the
        one whose worker dies again is an error row, the others are read as usual."""
        pool.restart()
        for idx, inp in suspects:
            try:
                finish(idx, pool.submit(analyze_document, inp.doc_id, inp.path, inp.data).result())
            except cfp.BrokenProcessPool:
                finish(idx, error_result(inp.doc_id, inp.path, inp.size,
                                         f"{inp.path}: the worker process died while reading it"))
                pool.restart()

    try:
        with progress:
            task = progress.add_task("", total=len(paths))
            for idx, path in enumerate(paths):
                inp: Input = load(path)
                progress.update(task, description=path.name)
                if inp.doc_id in known or inp.doc_id in seen:
                    if inp.doc_id in known:
                        summary.skipped += 1
                    else:
                        summary.duplicates += 1
                    finish(idx, None)
                    continue
                seen.add(inp.doc_id)
                if inp.data is None:
                    finish(idx, error_result(inp.doc_id, inp.path, inp.size, inp.error or f"{inp.path}: unreadable"))
                    continue
                inflight[pool.submit(analyze_document, inp.doc_id, inp.path, inp.data)] = (idx, inp)
                while len(inflight) >= pool.slots:
                    collect()
            while inflight:
                collect()
            out.flush()
    finally:
        pool.close()
    summary.seconds = time.perf_counter() - t0
    return summary
