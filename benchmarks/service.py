"""Throughput and latency of `casecourse serve`: start the service on a free local port, POST N narratives one after
another to /analyze (course JSON, rules included), and report documents per second, latency percentiles, the
start-up time until /health answers, and the server's peak RSS.

Reads the T2S2 case-report bodies in ../shared/corpora/t2s2/body (first N, default 100) when they are present, else
the bundled example repeated. `python benchmarks/service.py [--shared DIR] [-n N] [--json]`.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _texts(shared: Path, n: int) -> tuple[list[bytes], str]:
    body = shared / "corpora" / "t2s2" / "body"
    if body.is_dir():
        return [f.read_bytes() for f in sorted(body.glob("*.txt"))[:n]], str(body)
    example = Path(__file__).resolve().parents[1] / "src" / "casecourse" / "examples" / "lupus_course.txt"
    return [example.read_bytes()] * n, str(example)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, data: bytes) -> int:
    req = urllib.request.Request(url, data=data, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=120) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--json", action="store_true", help="print only the JSON object")
    args = ap.parse_args()
    texts, where = _texts(args.shared, args.n)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "casecourse.cli", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.perf_counter() - t0 > 120:
                    sys.stderr.write("the service did not start (casecourse serve; is the service extra installed?)\n")
                    return 2
                time.sleep(0.1)
        ready_s = time.perf_counter() - t0
        latencies, failures = [], 0
        w0 = time.perf_counter()
        for data in texts:
            r0 = time.perf_counter()
            failures += _post(f"{base}/analyze?format=json", data) != 200
            latencies.append(1000 * (time.perf_counter() - r0))
        wall = time.perf_counter() - w0
        peak = _peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    out = {"corpus": where, "documents": len(texts), "failed": failures, "ready_s": round(ready_s, 2),
           "docs_per_s": round(len(texts) / wall, 1), "latency_ms_p50": round(statistics.median(latencies), 1),
           "latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
           "server_peak_rss_mb": round(peak, 1) if peak is not None else None}
    if not args.json:
        print(f"{len(texts)} documents from {where}, one request at a time to POST /analyze (course JSON with rules)")
        print(f"service ready (GET /health) after {out['ready_s']} s; {out['docs_per_s']} docs/s; latency p50 "
              f"{out['latency_ms_p50']} ms, p95 {out['latency_ms_p95']} ms; server peak RSS "
              f"{out['server_peak_rss_mb']} MB; failed requests: {failures}")
    print(json.dumps(out, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
