"""The command line: `casecourse analyze | schema | assess | evaluate`.

Heavy modules are imported inside the commands so `casecourse --version` and `--help` start fast.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from casecourse import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read clinical narratives into a computable clinical course.")
err = Console(stderr=True)


class Format(str, Enum):
    json = "json"
    fhir = "fhir"
    html = "html"
    png = "png"
    svg = "svg"
    all = "all"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casecourse {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """casecourse reads case reports, letters and discharge summaries into a clinical course."""


@app.command()
def analyze(
    paths: list[Path] = typer.Argument(..., help="Narratives: plain text (UTF-8, UTF-8 with BOM or Latin-1)."),
    fmt: Format = typer.Option(Format.json, "--format", "-f", help="Output format; 'all' writes json, fhir and html."),
    out: str = typer.Option(None, "-o", "--out",
                            help="A file for one input, a directory for several or for --format all, '-' for stdout."),
) -> None:
    """Read each narrative and write its course."""
    from casecourse.runner import analyze_paths

    code = analyze_paths(paths, fmt.value, out, err)
    raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the course format."""
    import json

    from casecourse.model import Course

    typer.echo(json.dumps(Course.model_json_schema(), indent=1, sort_keys=True))


@app.command()
def assess(
    path: Path = typer.Argument(..., help="A course (JSON or YAML following `casecourse schema`) or a FHIR Bundle."),
    as_json: bool = typer.Option(False, "--json", help="Print the assessments as one JSON list."),
) -> None:
    """Evaluate the clinical rules (HLH-2004, HScore, SLE criteria, steroids, lines) on a course."""
    from casecourse.rules.cli import assess_command

    raise typer.Exit(assess_command(path, as_json, err))


class CorpusName(str, Enum):
    maccrobat = "maccrobat"
    ada = "ada"
    e3c = "e3c"
    gscplus = "gscplus"
    t2s2 = "t2s2"


@app.command()
def evaluate(
    corpus: CorpusName = typer.Option(..., "--corpus", help="Which gold corpus to score against "
                                      "(t2s2: an LLM's silver timeline, not gold)."),
    corpora: Path = typer.Option(Path("../shared/corpora"), "--corpora", help="Folder holding the corpora."),
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object."),
    errors: str = typer.Option(None, "--errors", help="List false positives and negatives of this type."),
    half: str = typer.Option(None, "--half", help="With --errors on MACCROBAT or Ada: list only the dev "
                             "or test half's errors (tune on dev)."),
    split: str = typer.Option(None, "--split", help="E3C only: score the test split (default), the train "
                              "split (read errors there) or all documents; t2s2: all (default: the fixed sample)."),
) -> None:
    """Score the reader against a public annotated corpus."""
    from casecourse.evaluation.runner import evaluate_command

    if half not in (None, "dev", "test"):
        err.print(f"error: --half must be dev or test, not {half!r}", markup=False, highlight=False)
        raise typer.Exit(2)
    if split not in (None, "test", "train", "all"):
        err.print(f"error: --split must be test, train or all, not {split!r}", markup=False, highlight=False)
        raise typer.Exit(2)
    raise typer.Exit(evaluate_command(corpus.value, corpora, as_json, errors, err, half, split))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
