"""Throughput and memory of `casecourse corpus build` over N T2S2 case reports.

Reads the first N (sorted) bodies in ../shared/corpora/t2s2/body when present (else exits saying so), builds a fresh
store in a temporary folder with --workers W, and reports documents/s and words/s by wall clock (worker start-up
included: a user waits for it), the peak RSS of the main process and of the largest worker process, the error rows,
the store's size, and a rerun's time (every document already in the store: hashing and skipping only).

    python benchmarks/corpus_build.py --n 200 --workers 2 [--json]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parents[1]
T2S2 = ROOT.parent / "shared" / "corpora" / "t2s2" / "body"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=T2S2)
    ap.add_argument("--dask-local", action="store_true", help="run on a local Dask cluster instead")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        print(f"corpus not found at {a.corpus}: nothing to measure", file=sys.stderr)
        return 1
    from casecourse.corpus.build import build
    from casecourse.corpus.store import connect

    files = sorted(a.corpus.glob("*.txt"))[: a.n]
    words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
    quiet = Console(stderr=True, quiet=True)
    with tempfile.TemporaryDirectory(prefix="cc_corpus_bench_") as tmp:
        store = Path(tmp) / "store"
        s = build(files, store, a.workers, dask_local=a.dask_local, console=quiet)
        t0 = time.perf_counter()
        again = build(files, store, a.workers, console=quiet)
        rerun = time.perf_counter() - t0
        con = connect(store)
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("conditions", "findings", "labs", "exposures", "events")}
        size = sum(f.stat().st_size for f in store.rglob("*.parquet"))
    out = {"documents": len(files), "words": words, "workers": a.workers, "where": s.where,
           "seconds": round(s.seconds, 2), "docs_per_s": round(len(files) / s.seconds, 1),
           "words_per_s": round(words / s.seconds), "ok": s.ok, "errors": len(s.errors), "error_messages": s.errors,
           "peak_rss_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
           "store_mb": round(size / 1e6, 2), "rows": rows, "rerun_seconds": round(rerun, 2),
           "rerun_skipped": again.skipped}
    if not a.json:
        print(f"{out['documents']} documents ({words:,} words) with {out['where']}: {out['seconds']} s, "
              f"{out['docs_per_s']} docs/s, {out['words_per_s']:,} words/s; errors {out['errors']}; peak RSS main "
              f"{out['peak_rss_main_mb']} MB, largest worker {out['peak_rss_worker_mb']} MB; store "
              f"{out['store_mb']} MB {rows}; rerun {out['rerun_seconds']} s ({again.skipped} skipped)")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
