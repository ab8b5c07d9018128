"""`python -m casecourse.evaluation.make_eval --corpora DIR --out out/eval` (what `make eval` runs).

Scores all four corpora with one shared worker pool, writes `<corpus>.json` and `summary.md`
to `--out`, and prints the summary table. When `--corpora` holds `t2s2`, the course timeline is also compared
with its silver (LLM, not gold) timelines on the fixed sample (`t2s2.json`, a section of `summary.md`).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from casecourse.evaluation.evaluate import evaluate_corpus
from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.predict import Predictor, ReaderUnavailable
from casecourse.evaluation.readers import READERS
from casecourse.evaluation.render import halves_table, headline_line, markdown_summary, report_failures, result_table
from casecourse.evaluation.silver_run import evaluate_silver, silver_markdown, silver_table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make_eval", description=__doc__)
    ap.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    ap.add_argument("--out", type=Path, default=Path("out/eval"))
    ap.add_argument("--corpus", action="append", choices=[*READERS, "t2s2"],
                    help="only these corpora (repeatable); default all four, and t2s2 when present")
    args = ap.parse_args(argv)
    err, out = Console(stderr=True), Console()
    if not args.corpora.is_dir():
        err.print(f"error: corpora folder not found: {args.corpora}", markup=False, highlight=False)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    results, started = [], time.monotonic()
    try:
        with Predictor() as predictor:
            for name in [c for c in args.corpus or list(READERS) if c in READERS]:
                result = evaluate_corpus(name, args.corpora, predictor, err)
                (args.out / f"{name}.json").write_text(
                    json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
                results.append(result)
                out.print(result_table(result))
                if halves_table(result) is not None:
                    out.print(halves_table(result))
                out.print(headline_line(result), markup=False, highlight=False)
                if not report_failures(result, err):
                    return 1
    except (CorpusError, ReaderUnavailable) as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        return 2 if isinstance(e, CorpusError) else 1
    summary = markdown_summary(results) if results else ""
    written = len(results)
    if (args.corpus is None and (args.corpora / "t2s2").is_dir()) or "t2s2" in (args.corpus or []):
        try:
            silver = evaluate_silver(args.corpora, err)
        except CorpusError as e:
            err.print(f"error: {e}", markup=False, highlight=False)
            return 2
        (args.out / "t2s2.json").write_text(json.dumps(silver, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        out.print(silver_table(silver))
        summary += ("\n" if summary else "") + silver_markdown(silver)
        written += 1
    (args.out / "summary.md").write_text("# casecourse evaluation\n\n" + summary, encoding="utf-8")
    out.print(summary, markup=False, highlight=False)
    err.print(f"wrote {args.out}/summary.md and {written} JSON files "
              f"in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
