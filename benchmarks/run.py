"""`make bench`: throughput of the whole pipeline and of its stages, peak memory, CLI cold start.

Reads the T2S2 case-report bodies in ../shared/corpora/t2s2/body (first N, default 200) when they
are present, else the bundled example replicated; prints one JSON object and a table.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _texts(shared: Path, n: int) -> tuple[list[str], str]:
    body = shared / "corpora" / "t2s2" / "body"
    if body.is_dir():
        files = sorted(body.glob("*.txt"))[:n]
        return [f.read_text(encoding="utf-8", errors="replace") for f in files], str(body)
    example = Path(__file__).resolve().parents[1] / "src" / "casecourse" / "examples" / "lupus_course.txt"
    return [example.read_text()] * n, str(example)


def _rate(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return len(texts) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("-n", type=int, default=200)
    args = ap.parse_args()
    t0 = time.perf_counter()
    cold = subprocess.run([sys.executable, "-m", "casecourse.cli", "--version"], capture_output=True)
    cold_start = time.perf_counter() - t0
    texts, where = _texts(args.shared, args.n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    from casecourse.api import analyze_text
    from casecourse.reading import doses, drugs, pipeline

    analyze_text(texts[0])  # load vocabularies once
    stages = {"drugs": lambda t: drugs.find(t), "doses": doses.find}
    for name in pipeline.FINDERS:
        stages[name] = pipeline._finder(name)
    stages["read (all components)"] = pipeline.read
    stages["whole pipeline (read+assemble+rules)"] = analyze_text
    rates = {name: round(_rate(fn, texts), 1) for name, fn in stages.items()}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"corpus": where, "documents": len(texts), "mean_words": round(words), "docs_per_s": rates,
           "ms_per_doc_whole": round(1000 / rates["whole pipeline (read+assemble+rules)"], 2),
           "peak_rss_mb": round(peak_mb, 1), "cli_cold_start_s": round(cold_start, 3),
           "cli_ok": cold.returncode == 0}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
