"""The command line: `casecourse analyze | schema | assess | serve | evaluate | corpus build|query|cohort`.

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
    paths: list[Path] = typer.Argument(..., help="Narratives: plain text (UTF-8 with or without BOM, UTF-16 with "
                                       "BOM, Latin-1 or Windows-1252), or one article's JATS XML (PubMed Central "
                                       ".nxml) or BioC collection (XML or JSON)."),
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


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Server processes; each reads one document at a time."),
) -> None:
    """Serve the reading over HTTP: POST /analyze, /analyze/batch, /assess; GET /health (API: /openapi.json)."""
    try:
        import uvicorn

        import casecourse.service.app  # noqa: F401 - fails here, with the hint below, if FastAPI is missing
    except ImportError as exc:
        err.print(f"error: the service needs the 'service' extra ({exc.name} is missing): "
                  "pip install 'casecourse[service]'", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    uvicorn.run("casecourse.service.app:create_app", factory=True, host=host, port=port, workers=workers)


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
    half: str = typer.Option(None, "--half", help="With --errors on MACCROBAT, Ada or T2S2: list only the "
                             "dev or test half's errors (tune on dev); refused for the other corpora."),
    split: str = typer.Option(None, "--split", help="E3C only: score the test split (default), the train "
                              "split (read errors there) or all documents; t2s2: all (default: the fixed sample)."),
) -> None:
    """Score the reader against a public annotated corpus."""
    from casecourse.evaluation.evaluate import HALVED
    from casecourse.evaluation.runner import evaluate_command

    if half not in (None, "dev", "test"):
        err.print(f"error: --half must be dev or test, not {half!r}", markup=False, highlight=False)
        raise typer.Exit(2)
    if half is not None and corpus.value not in (*HALVED, "t2s2"):  # t2s2's silver sample has its own halves
        # GSC+ and E3C have no halves: without this the errors of the whole scored file (GSC+: its test file) would be
        # listed, not the development documents one may read
        err.print(f"error: --half applies to maccrobat, ada and t2s2 only, not {corpus.value} (GSC+: its 22 dev "
                  "abstracts are readers.gsc.read_gscplus(split='dev'); E3C: --split train)", markup=False,
                  highlight=False)
        raise typer.Exit(2)
    if split not in (None, "test", "train", "all"):
        err.print(f"error: --split must be test, train or all, not {split!r}", markup=False, highlight=False)
        raise typer.Exit(2)
    raise typer.Exit(evaluate_command(corpus.value, corpora, as_json, errors, err, half, split))


corpus_app = typer.Typer(no_args_is_help=True, help="Whole corpora: a Parquet store of courses, SQL over it, cohorts.")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("build")
def corpus_build(
    inputs: list[Path] = typer.Argument(..., help="Text files, or folders of .txt files (read recursively)."),
    store: Path = typer.Option(..., "--store", help="The store folder (created; a rerun adds only new documents)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (local, or a local Dask cluster)."),
    scheduler: str = typer.Option(None, "--scheduler", help="A Dask distributed scheduler, tcp://HOST:PORT."),
    dask_local: bool = typer.Option(False, "--dask-local", help="Run on a local Dask cluster of --workers processes."),
    retry_errors: bool = typer.Option(False, "--retry-errors", help="Read again the documents the store holds as "
                                      "errors (e.g. after a fix or a timeout) and replace their rows."),
    refresh: bool = typer.Option(False, "--refresh", help="Read again the documents another casecourse version (or "
                                 "course schema) stored and replace their rows."),
    timeout: float = typer.Option(120.0, "--timeout", min=0, help="Seconds one document may take; past it the "
                                  "document is an error row ('timed out after N s'), its worker process is replaced "
                                  "and the build goes on. 0: no limit."),
    batch_docs: int | None = typer.Option(None, "--batch-docs", min=1, show_default=False,
                                          help="Documents per batch file (one Parquet file per table per batch; a "
                                          "progress line is printed per batch; a batch waits in memory until "
                                          "written) [default: 500]"),
) -> None:
    """Read every document into the store's Parquet tables; a bad document becomes an error row.

    A rerun skips the documents already stored (same bytes = same SHA-256 id) unless --retry-errors or --refresh
    says to read them again; re-read documents replace their old rows (no duplicates; a rebuild that is killed
    midway is finished by the next build). Exit code 2 when this run wrote error rows."""
    from casecourse.corpus.build import BATCH_DOCS, build
    from casecourse.corpus.store import StoreError

    try:
        summary = build(inputs, store, workers, scheduler, dask_local, err, batch_docs=batch_docs or BATCH_DOCS,
                        retry_errors=retry_errors, refresh=refresh, timeout=timeout)
    except (StoreError, OSError) as exc:  # the store itself is unusable (a document's errors are rows, not this)
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(summary.line(), highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(2 if summary.errors else 0)


class RowFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@corpus_app.command("query")
def corpus_query(
    sql: str = typer.Argument(..., help="DuckDB SQL over the views documents, patients, conditions, findings, labs, "
                              "exposures, dose_segments, events, procedures, assessments."),
    store: Path = typer.Option(..., "--store", help="The store folder."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of rows."),
) -> None:
    """Run SQL over the store and print the rows."""
    from rich.console import Console as _Console

    from casecourse.corpus.render import print_rows
    from casecourse.corpus.store import connect, one_line

    try:
        con = connect(store)
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cols else []
    except Exception as exc:  # noqa: BLE001 - SQL and store errors are the user's to fix: say what, no traceback
        err.print(f"error: {one_line(str(exc))}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    print_rows(cols, rows, "json" if as_json else "csv" if as_csv else "table", _Console())


@corpus_app.command("cohort")
def corpus_cohort(
    store: Path = typer.Option(..., "--store", help="The store folder."),
    condition: list[str] = typer.Option(..., "--condition", "-c", help="A condition every patient has (repeat for "
                                        "several): a name, a written form or an ICD-10 code (prefix)."),
    drug: str = typer.Option(..., "--drug", "-d", help="The drug: a name, brand as written, DrugBank id or ATC code."),
    include_suspected: bool = typer.Option(False, "--include-suspected", help="Count suspected or provisional "
                                           "diagnoses too."),
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object."),
    html: Path = typer.Option(None, "--html", help="Also write a self-contained evidence-synthesis page (HTML, inline "
                              "CSS/JS, no network): question, matching rule, counts, one row per patient, outcome "
                              "tallies and each patient's timeline figure."),
) -> None:
    """Every patient with all the conditions given the drug: exposures, what followed, and an outcome."""
    import json

    from rich.console import Console as _Console

    from casecourse.corpus.cohort import cohort
    from casecourse.corpus.render import print_cohort
    from casecourse.corpus.store import StoreError

    if not drug.strip() or not all(c.strip() for c in condition):
        err.print("error: --condition and --drug must not be empty", markup=False, highlight=False)
        raise typer.Exit(2)
    try:
        result = cohort(store, condition, drug, include_suspected)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if html is not None:
        from casecourse.corpus.evidence import write_cohort_html

        size = write_cohort_html(result, html, store)
        err.print(f"wrote {html} ({size:,} bytes; {result['exposed']} patient row(s))", markup=False, highlight=False)
    if as_json:
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print_cohort(result, _Console())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
