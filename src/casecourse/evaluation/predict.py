"""Run the reader (`casecourse.reading.pipeline.read_mentions`) over gold texts.

Documents are read in a pool of worker processes (2 by default, `CASECOURSE_EVAL_WORKERS` to
change; 1 means in-process). Results come back in document order, so scores are deterministic.
A document on which the reader raises is scored as an empty prediction and reported.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from casecourse.model import Mention

Reader = Callable[[str], list[Mention]]


class ReaderUnavailable(RuntimeError):
    """`casecourse.reading.pipeline.read_mentions` cannot be imported."""


def load_reader() -> Reader:
    try:
        from casecourse.reading.pipeline import read_mentions
    except ImportError as e:
        raise ReaderUnavailable(f"cannot import casecourse.reading.pipeline.read_mentions ({e})") from e
    return read_mentions


def _as_mentions(result: object) -> list[Mention]:
    return [m if isinstance(m, Mention) else Mention.model_validate(m) for m in result or []]


def _read_one(item: str | tuple[str, str | None]) -> tuple[list[Mention], str | None]:
    """Read one text; `item` may be `(text, reference_date)` when the corpus supplies a DCT."""
    text, ref = item if isinstance(item, tuple) else (item, None)
    try:
        reader = load_reader()
        return _as_mentions(reader(text, reference_date=ref) if ref else reader(text)), None
    except ReaderUnavailable:
        raise
    except Exception as e:  # noqa: BLE001 - one bad document must not stop the whole evaluation
        return [], f"{type(e).__name__}: {e}"


def default_workers() -> int:
    env = os.environ.get("CASECOURSE_EVAL_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


class Predictor:
    """Context manager holding the worker pool, so several corpora can share one."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._pool = None

    def __enter__(self) -> Predictor:
        reader = load_reader()  # fail early, in this process, with a clear message
        if self.workers > 1:
            # Warm up before forking so the workers inherit loaded models instead of each loading them.
            try:
                reader("The patient had a fever for 3 days.")
            except Exception:  # noqa: BLE001 - a failing reader is reported per document later
                pass
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def predict(self, ids: list[str], texts: list[str], console: Console, label: str,
                reference_dates: list[str | None] | None = None) -> tuple[list[list[Mention]], dict[str, str]]:
        """Mentions per text, and the documents on which the reader failed (id -> error).

        `reference_dates` (one per text, or None) are passed to the reader as `reference_date`."""
        results: list[list[Mention]] = []
        failures: dict[str, str] = {}
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(label, total=len(texts))
            items = list(zip(texts, reference_dates, strict=True)) if reference_dates else texts
            it = (self._pool.imap(_read_one, items, chunksize=1) if self._pool
                  else map(_read_one, items))
            for doc_id, (mentions, error) in zip(ids, it, strict=True):
                results.append(mentions)
                if error:
                    failures[doc_id] = error
                progress.advance(task)
        return results, failures
