"""`casecourse evaluate`: score the reader against one gold corpus (called by `casecourse.cli`)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from casecourse.evaluation.evaluate import evaluate_corpus
from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.predict import Predictor, ReaderUnavailable
from casecourse.evaluation.render import halves_table, headline_line, print_errors, report_failures, result_table


def evaluate_command(corpus: str, corpora: Path, as_json: bool, errors: str | None,
                     err: Console, errors_half: str | None = None, split: str | None = None) -> int:
    """Exit code 0 on success, 2 for missing/bad corpora or arguments, 1 if the reader is missing."""
    if not corpora.is_dir():
        err.print(f"error: corpora folder not found: {corpora}", markup=False, highlight=False)
        return 2
    if corpus == "t2s2":
        return silver_command(corpora, as_json, errors, err, errors_half, split)
    try:
        with Predictor() as predictor:
            result = evaluate_corpus(corpus, corpora, predictor, err, errors, errors_half, split)
    except CorpusError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        return 2
    except ReaderUnavailable as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        return 1
    if not report_failures(result, err):
        return 1
    return _emit(result, as_json, _show_scores)


def _show_scores(out: Console, result: dict) -> None:
    out.print(result_table(result))
    if halves_table(result) is not None:
        out.print(halves_table(result))
    out.print(headline_line(result), markup=False, highlight=False)
    if "errors" in result:
        print_errors(out, result["errors"])


def _emit(result: dict, as_json: bool, show: Callable[[Console, dict], None]) -> int:
    """Exactly one JSON object on standard output, or the tables `show` prints."""
    if as_json:
        sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    else:
        show(Console(), result)
    return 0


def silver_command(corpora: Path, as_json: bool, errors: str | None, err: Console,
                   errors_half: str | None, split: str | None) -> int:
    """T2S2: the course timeline against an LLM's silver timeline (evaluation/silver_run.py)."""
    from casecourse.evaluation.silver_run import evaluate_silver, print_silver_errors, silver_table

    if errors not in (None, "time"):
        err.print(f"error: --errors {errors!r}: t2s2 lists only 'time' disagreements", markup=False, highlight=False)
        return 2
    try:
        result = evaluate_silver(corpora, err, split, (errors_half or "all") if errors else None)
    except CorpusError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        return 2
    if result["reader_failures"] and len(result["reader_failures"]) == result["documents"]:
        err.print("error: the reader failed on every t2s2 document", markup=False, highlight=False)
        return 1

    def show(out: Console, res: dict) -> None:
        out.print(silver_table(res))
        if "errors" in res:
            print_silver_errors(out, res["errors"])

    return _emit(result, as_json, show)
