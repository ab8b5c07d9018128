"""`make bench`: throughput of the whole pipeline and of each stage, peak memory, CLI cold start.

Reads the T2S2 case-report bodies in ../shared/corpora/t2s2/body (first N, default 100) when they
are present, else the bundled example replicated. Each stage runs alone over all N texts (inputs
it needs, e.g. the mentions for assertion, are prepared beforehand). Per stage it reports
docs/s by wall clock and ms/doc of this process's CPU time: on a shared machine the CPU time is
the stable "per core" figure, the wall clock is what a user sees. The whole pipeline is timed in a
child process that holds only the texts, as a batch run does (in this process the stages' prepared
inputs would make every full garbage collection walk them); that child's peak RSS is the memory figure
(`peak_rss_mb`; the bench process's own, which holds every stage's prepared inputs, grows with N and is
shown beside it). Prints a table, then one JSON object (`--json` for the JSON only).

Targets (the brief): whole pipeline <= 10 ms per document per core (>= 100 docs/s), peak memory
<= 400 MB, CLI cold start <= 1.5 s.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WHOLE = "whole pipeline (read+assemble+rules)"


def _texts(shared: Path, n: int) -> tuple[list[Path], list[str], str]:
    body = shared / "corpora" / "t2s2" / "body"
    if body.is_dir():
        files = sorted(body.glob("*.txt"))[:n]
        return files, [f.read_text(encoding="utf-8", errors="replace") for f in files], str(body)
    example = Path(__file__).resolve().parents[1] / "src" / "casecourse" / "examples" / "lupus_course.txt"
    return [example], [example.read_text()] * n, str(example)


def _time(fn: Callable[[int], object], n: int) -> tuple[float, float]:
    """(docs per second by wall clock, CPU ms per document) of fn(i) for i in range(n)."""
    w0, c0 = time.perf_counter(), time.process_time()
    for i in range(n):
        fn(i)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return n / wall, 1000 * cpu / n


def _cold_start(args: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "casecourse.cli", *args], capture_output=True)
    if done.returncode:
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
        return float("nan")
    return time.perf_counter() - t0


def _stages(texts: list[str]) -> dict[str, Callable[[int], object]]:
    """Every stage of `analyze_text`, each callable on document i with its inputs prepared."""
    from casecourse.assembly.course import assemble
    from casecourse.reading import abbreviations, assertion, drugs, pipeline, sentences, zoning
    from casecourse.rules import assess_course

    sents = [sentences.split(t) for t in texts]
    defined = [abbreviations.definitions(abbreviations.find(t)) for t in texts]
    found = [list(drugs.find(t, d)) for t, d in zip(texts, defined, strict=True)]
    for t, ms in zip(texts, found, strict=True):
        for name in pipeline.FINDERS:
            ms.extend(pipeline._finder(name)(t))
    resolved = [pipeline._resolve_overlaps(ms) for ms in found]
    readings = [pipeline.read(t) for t in texts]
    courses = [assemble(r) for r in readings]
    stages: dict[str, Callable[[int], object]] = {
        "sentences": lambda i: sentences.split(texts[i]),
        "abbreviations": lambda i: abbreviations.find(texts[i]),
        "drugs": lambda i: drugs.find(texts[i], defined[i]),
    }
    for name in pipeline.FINDERS:
        stages[name] = (lambda f: lambda i: f(texts[i]))(pipeline._finder(name))
    stages.update({
        "resolve overlaps": lambda i: pipeline._resolve_overlaps(found[i]),
        "zoning": lambda i: zoning.zone_lines(texts[i]),
        "assertion (ConText)": lambda i: assertion.assign(texts[i], sents[i], resolved[i]),
        "read (all components)": lambda i: pipeline.read(texts[i]),
        "assemble": lambda i: assemble(readings[i]),
        "rules": lambda i: assess_course(courses[i]),
    })
    return stages


def _whole(shared: Path, n: int) -> int:
    """(child process) The whole pipeline timed in a process that holds only the texts, as a batch run does:
    the stage table's prepared inputs (readings, courses of every document) would otherwise stay alive and make
    every full garbage collection walk them, a cost no user run pays."""
    from casecourse.api import analyze_text

    _, texts, _ = _texts(shared, n)
    analyze_text(texts[0])  # load vocabularies once
    rate, cpu_ms = _time(lambda i: analyze_text(texts[i]), len(texts))
    print(json.dumps([rate, cpu_ms, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
    return 0


def _first_calls(path: Path) -> int:
    """(child process) Seconds and peak RSS after the first call of each stage on one document:
    where the cold start goes (vocabulary loads, caches)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    out: dict[str, tuple[float, float]] = {}

    def first(name: str, fn: Callable[[], object]) -> object:
        t0 = time.perf_counter()
        result = fn()
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out[name] = (round(time.perf_counter() - t0, 3), round(rss_mb))
        return result

    first("import reading", lambda: __import__("casecourse.reading.pipeline"))
    from casecourse.assembly.course import assemble
    from casecourse.reading import abbreviations, assertion, drugs, pipeline, sentences, zoning
    from casecourse.rules import assess_course

    sents = first("sentences", lambda: sentences.split(text))
    defined = abbreviations.definitions(first("abbreviations", lambda: abbreviations.find(text)))
    mentions = list(first("drugs", lambda: drugs.find(text, defined)))
    for name in pipeline.FINDERS:
        mentions += first(name, lambda name=name: pipeline._finder(name)(text))
    first("zoning", lambda: zoning.zone_lines(text))
    first("assertion (ConText)", lambda: assertion.assign(text, sents, mentions))
    course = first("assemble", lambda: assemble(pipeline.read(text)))
    first("rules", lambda: assess_course(course))
    print(json.dumps(out))
    return 0


def _profile(texts: list[str], stage: str) -> int:
    import cProfile
    import pstats

    from casecourse.api import analyze_text

    analyze_text(texts[0])
    stages = _stages(texts)
    stages[WHOLE] = lambda i: analyze_text(texts[i])
    if stage not in stages:
        sys.stderr.write(f"unknown stage {stage!r}; one of: {', '.join(stages)}\n")
        return 2
    prof = cProfile.Profile()
    prof.enable()
    for i in range(len(texts)):
        stages[stage](i)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--json", action="store_true", help="print only the JSON object")
    ap.add_argument("--profile", metavar="STAGE", help="instead: cProfile one stage (a name from the table)")
    ap.add_argument("--first-calls", type=Path, help=argparse.SUPPRESS)  # the child of the cold-start table
    ap.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)  # the child timing the whole pipeline
    args = ap.parse_args()
    if args.first_calls:
        return _first_calls(args.first_calls)
    if args.whole:
        return _whole(args.shared, args.n)
    files, texts, where = _texts(args.shared, args.n)
    if args.profile:
        return _profile(texts, args.profile)
    with tempfile.TemporaryDirectory() as tmp:
        cold_version = _cold_start(["--version"])
        analyze = ["analyze", str(files[0]), "--format", "json", "-o", str(Path(tmp) / "c.json")]
        # the first run may rebuild an on-disk index (after a vocabulary edit); the second is the user's cold start
        cold_first = _cold_start(analyze)
        cold_analyze = _cold_start(analyze)
    cli_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    child = subprocess.run([sys.executable, __file__, "--first-calls", str(files[0])], capture_output=True, text=True)
    first_calls = json.loads(child.stdout.strip().splitlines()[-1]) if child.returncode == 0 else {}
    words = sum(len(t.split()) for t in texts) / len(texts)

    from casecourse.api import analyze_text, prepare

    prepare()  # the on-disk caches `make setup` builds (indexes, the derived regexes), as a user's run has them
    analyze_text(texts[0])  # load vocabularies once
    whole = subprocess.run([sys.executable, __file__, "--whole", "--shared", str(args.shared), "-n", str(args.n)],
                           capture_output=True, text=True, check=True)
    rates = {name: _time(fn, len(texts)) for name, fn in _stages(texts).items()}
    *whole_rate, whole_peak_mb = json.loads(whole.stdout.strip().splitlines()[-1])
    rates[WHOLE] = tuple(whole_rate)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"corpus": where, "documents": len(texts), "mean_words": round(words),
           "docs_per_s": {k: round(r, 1) for k, (r, _) in rates.items()},
           "cpu_ms_per_doc": {k: round(ms, 2) for k, (_, ms) in rates.items()},
           "ms_per_doc_whole": round(1000 / rates[WHOLE][0], 2), "cpu_ms_per_doc_whole": round(rates[WHOLE][1], 2),
           "peak_rss_mb": round(whole_peak_mb, 1), "bench_process_peak_rss_mb": round(peak_mb, 1),
           "cli_cold_start_s": round(cold_analyze, 3),
           "cli_version_s": round(cold_version, 3), "cli_first_run_s": round(cold_first, 3),
           "cli_analyze_peak_rss_mb": round(cli_peak_mb, 1),
           "cli_ok": not math.isnan(cold_analyze), "first_call_s_and_rss_mb": first_calls}
    if not args.json:
        print(f"{len(texts)} documents from {where}, mean {round(words)} words\n")
        print(f"| {'stage':38} | {'docs/s (wall)':>13} | {'CPU ms/doc':>10} |")
        print(f"|{'-' * 40}|{'-' * 15}:|{'-' * 12}:|")
        for k, (r, ms) in rates.items():
            print(f"| {k:38} | {r:13.1f} | {ms:10.2f} |")
        print(f"\npeak RSS of the whole pipeline over {len(texts)} documents: {whole_peak_mb:.0f} MB (target <= 400); "
              f"of this bench process, which also holds every stage's prepared inputs: {peak_mb:.0f} MB")
        print(f"CLI cold start: analyze one document {cold_analyze:.2f} s (target <= 1.5; first run, which may "
              f"rebuild caches: {cold_first:.2f} s), peak RSS {cli_peak_mb:.0f} MB; --version {cold_version:.2f} s")
        print(f"whole pipeline: {rates[WHOLE][1]:.1f} CPU ms/doc (target <= 10), {rates[WHOLE][0]:.1f} docs/s wall\n")
        print("cold start by stage (fresh process, first call on one document):\n")
        print(f"| {'stage':38} | {'first call s':>12} | {'peak RSS MB':>11} |")
        print(f"|{'-' * 40}|{'-' * 14}:|{'-' * 13}:|")
        for k, (sec, mb) in first_calls.items():
            print(f"| {k:38} | {sec:12.3f} | {mb:11.0f} |")
        print()
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
