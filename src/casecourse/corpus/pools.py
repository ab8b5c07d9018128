"""Where documents are read: local worker processes (concurrent.futures) or a Dask distributed cluster.

Both expose `submit(fn, *args) -> future`, `wait_first(futures, timeout) -> (done, not_done)`, `slots` (how many
documents to keep in flight) and `close()`; futures answer `.result()`. A local pool whose process died or hangs is
restarted by the build (`restart`)."""
from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing as mp
from typing import Any

from casecourse.corpus.work import warm


class LocalPool:
    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.slots = self.workers * 4
        self._ex = cf.ProcessPoolExecutor(max_workers=self.workers, initializer=warm)

    def submit(self, fn, *args) -> Any:
        return self._ex.submit(fn, *args)

    @staticmethod
    def wait_first(futures, timeout: float | None = None) -> tuple[set, set]:
        done, pending = cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return set(done), set(pending)

    def restart(self, workers: int | None = None) -> None:
        """A fresh pool (of `workers` processes, default as built); the old one's processes are killed (one may be
        stuck in a document past its time limit)."""
        old = self._ex
        procs = list((getattr(old, "_processes", None) or {}).values())
        old.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.kill()
            p.join(5)
        # a worker killed while writing its result leaves the old pool's manager thread waiting for the rest of the
        # message (and the interpreter waiting for that thread at exit): with every writer gone it reads end-of-file
        writer = getattr(getattr(old, "_result_queue", None), "_writer", None)
        if writer is not None and not any(p.is_alive() for p in procs):
            writer.close()
        # not forked from this process: the killed pool's threads may hold locks a forked child would inherit
        # (a worker forked now can hang before its first task)
        self._ex = cf.ProcessPoolExecutor(max_workers=workers or self.workers, initializer=warm,
                                          mp_context=mp.get_context("forkserver"))

    def ready(self) -> None:
        """Wait until the workers have started and imported the reader, so that a document's time limit does not
        count a worker's start-up."""
        for f in [self._ex.submit(warm) for _ in range(self.workers)]:
            f.result()

    def close(self) -> None:
        self._ex.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> str:
        return f"{self.workers} local worker process{'es' if self.workers > 1 else ''}"


class DaskPool:
    """A Dask distributed client: on `scheduler` (tcp://host:port) or on a LocalCluster of `workers` processes.
    The workers must be able to import casecourse (install it on every node); documents travel as bytes, so the
    workers need no access to the input files."""

    def __init__(self, workers: int, scheduler: str | None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("Dask distributed is not installed: pip install 'casecourse[cluster]'") from exc
        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        self._client.run(warm)
        self.slots = max(1, sum(self._client.nthreads().values())) * 4

    def submit(self, fn, *args) -> Any:
        return self._client.submit(fn, *args, pure=False)

    @staticmethod
    def wait_first(futures, timeout: float | None = None) -> tuple[set, set]:
        from distributed import wait

        try:
            done, pending = wait(list(futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return set(), set(futures)
        return set(done), set(pending)

    def ready(self) -> None:  # the client ran `warm` on every worker when it connected
        pass

    def restart(self, workers: int | None = None) -> None:
        """Dask retries on other workers itself and a task that kills workers fails; a task past its time limit is
        given up (its future released) but Dask cannot stop a running task: it finishes on its worker."""

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def describe(self) -> str:
        where = self._client.scheduler.address if self._cluster is None else "a local Dask cluster"
        return f"{len(self._client.nthreads())} Dask worker(s) on {where}"
