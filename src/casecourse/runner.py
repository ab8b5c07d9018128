"""`casecourse analyze`: many inputs, several formats, one bad file never stops the others."""
from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from casecourse.api import analyze_text, course_json
from casecourse.ingest.text import InputError, read_document
from casecourse.model import Course

_SUFFIX = {"json": ".json", "fhir": ".fhir.json", "html": ".html", "png": ".png", "svg": ".svg"}
_SINGLE_NAME = {"json": "course.json", "fhir": "course.fhir.json", "html": "report.html", "png": "timeline.png",
                "svg": "timeline.svg"}


def render(course: Course, fmt: str) -> bytes:
    if fmt == "json":
        return course_json(course).encode()
    if fmt == "fhir":
        from casecourse.export.fhir import to_fhir_json

        return to_fhir_json(course).encode()
    if fmt == "html":
        from casecourse.report.html import render_html

        return render_html(course).encode()
    from casecourse.report.static import render_static

    return render_static(course, fmt)


def _targets(path: Path, fmts: list[str], out: str | None, many: bool) -> list[tuple[str, Path | None]]:
    """(format, file) pairs; file None means stdout."""
    if out == "-" or (out is None and not many and len(fmts) == 1 and fmts[0] in ("json", "fhir")):
        return [(f, None) for f in fmts]
    if out is None:
        out = "out"
    o = Path(out)
    if not many and len(fmts) == 1 and not (out.endswith("/") or o.is_dir()):
        return [(fmts[0], o)]
    if not many:
        return [(f, o / _SINGLE_NAME[f]) for f in fmts]
    stem = path.name.rsplit(".", 1)[0]
    return [(f, o / f"{stem}{_SUFFIX[f]}") for f in fmts]


def _write(target: Path, data: bytes, path: Path) -> None:
    """Write one output; a folder or file in the way is the user's to fix: say which, not 'could not be analysed'."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write {target} ({exc.strerror or exc}"
                         f"{': ' + str(exc.filename) if exc.filename and str(exc.filename) != str(target) else ''})"
                         ) from exc


def analyze_paths(paths: list[Path], fmt: str, out: str | None, err: Console) -> int:
    fmts = ["json", "fhir", "html"] if fmt == "all" else [fmt]
    many = len(paths) > 1
    failures = 0
    progress = Progress(TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, transient=True, disable=not many)
    with progress:
        task = progress.add_task("", total=len(paths))
        for path in paths:
            progress.update(task, description=path.name)
            try:
                doc = read_document(path)
                course = analyze_text(doc.text, doc.source)
                for f, target in _targets(path, fmts, out, many):
                    data = render(course, f)
                    if target is None:
                        sys.stdout.buffer.write(data)
                        sys.stdout.flush()
                    else:
                        _write(target, data, path)
            except InputError as exc:
                failures += 1
                err.print(f"[red]error[/red]: {exc}", highlight=False, soft_wrap=True)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                failures += 1
                first = (str(exc).strip().splitlines() or [""])[0]
                err.print(f"[red]error[/red]: {path}: could not be analysed ({type(exc).__name__}: {first})",
                          highlight=False, soft_wrap=True)
            progress.advance(task)
    return 2 if failures else 0
