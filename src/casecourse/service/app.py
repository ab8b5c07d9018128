"""The HTTP API: a narrative in, its course out; a batch of files in, one result per file; a course in, its
rule assessments out. The reading is exactly `casecourse analyze`'s: the same bytes in give the same bytes out.

- `GET /health`: `{"status": "ok", "version": ...}` once the vocabularies are loaded.
- `POST /analyze?format=json|fhir|html|svg|png&assess=true&name=...`: the request body is the narrative file's
  bytes, read as `casecourse analyze` reads a file (plain text in UTF-8, UTF-16 with BOM, Latin-1 or Windows-1252;
  one article's JATS XML; a BioC collection in XML or JSON). `name` only names the document in errors and in the
  course's source.
- `POST /analyze/batch?format=json|fhir`: a multipart form with one or more `files`; the answer lists, in order,
  `{"file", "course"}` or `{"file", "error"}` per file: one bad file never stops or loses the others.
- `POST /assess`: the body is a course (JSON, `casecourse schema`) or a FHIR Bundle; the answer is its rule
  assessments (HLH-2004, HScore, SLE criteria, steroids, lines of therapy), as `casecourse assess --json`.

An error is JSON `{"error": message, "file": name}`: 413 when a body or file exceeds the ingest limit (5 MB),
422 when it is no narrative (empty, binary, undecodable, malformed XML or JSON) or no course, 500 (with the
exception's first line) if reading fails. One process reads one document at a time (a lock: the reading is
CPU-bound and the GIL would serialise it anyway); `casecourse serve --workers N` runs N processes.
"""
from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import Enum
from importlib import resources

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from casecourse import __version__
from casecourse.api import analyze_text
from casecourse.ingest.errors import InputError
from casecourse.ingest.text import MAX_BYTES, document_from_bytes
from casecourse.model import Course
from casecourse.rules.cli import LoadError, parse_course
from casecourse.runner import render

_MEDIA = {"json": "application/json", "fhir": "application/fhir+json", "html": "text/html; charset=utf-8",
          "svg": "image/svg+xml", "png": "image/png"}
_READING = threading.Lock()


class Format(str, Enum):
    json = "json"
    fhir = "fhir"
    html = "html"
    svg = "svg"
    png = "png"


class BatchFormat(str, Enum):
    json = "json"
    fhir = "fhir"


class TooLarge(Exception):
    """A body or file over the ingest limit; the message names it."""


def _error(status: int, message: str, name: str) -> JSONResponse:
    return JSONResponse({"error": message, "file": name}, status_code=status)


def _failure(exc: Exception, name: str) -> str:
    """One line for an unexpected failure, naming the document (as `casecourse analyze` prints it)."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{name}: could not be analysed ({type(exc).__name__}: {first})"


async def _body(request: Request, name: str) -> bytes:
    """The request body, refused past MAX_BYTES without reading the rest."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise TooLarge(f"{name}: too large ({int(declared):,} bytes; limit {MAX_BYTES:,})")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise TooLarge(f"{name}: too large (more than {MAX_BYTES:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


async def _upload(file: UploadFile, name: str) -> bytes:
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TooLarge(f"{name}: too large (more than {MAX_BYTES:,} bytes)")
    return data


def _read(data: bytes, name: str, assess: bool) -> Course:
    doc = document_from_bytes(data, name)
    with _READING:
        return analyze_text(doc.text, doc.source, assess)


def _assessments(course: Course) -> list[dict]:
    from casecourse.rules import assess_course

    with _READING:
        return [a.model_dump(mode="json") for a in assess_course(course)]


def _warm_up() -> None:
    """Load every vocabulary before the first request (a first reading would otherwise take seconds)."""
    example = resources.files("casecourse.examples").joinpath("lupus_course.txt").read_text(encoding="utf-8")
    _read(example.encode(), "warm-up", assess=True)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    await run_in_threadpool(_warm_up)
    yield


def create_app(warm_up: bool = True) -> FastAPI:
    """The service; `warm_up=False` loads vocabularies at the first request instead of at start-up."""
    app = FastAPI(title="casecourse", version=__version__, lifespan=_lifespan if warm_up else None,
                  description="Clinical narratives in, computable clinical courses out.")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/analyze", response_class=Response)
    async def analyze(request: Request,
                      format: Format = Query(Format.json, description="course JSON, FHIR R4 Bundle, HTML report, "
                                             "or the timeline as SVG or PNG"),
                      assess: bool = Query(True, description="also run the clinical rules"),
                      name: str = Query("request body", description="the document's name, for errors and "
                                        "the course's source")) -> Response:
        try:
            data = await _body(request, name)
            course = await run_in_threadpool(_read, data, name, assess)
            payload = await run_in_threadpool(render, course, format.value)
        except TooLarge as exc:
            return _error(413, str(exc), name)
        except InputError as exc:
            return _error(422, str(exc), name)
        except Exception as exc:  # noqa: BLE001 - a reading failure is reported, not a crash of the service
            return _error(500, _failure(exc, name), name)
        return Response(payload, media_type=_MEDIA[format.value])

    @app.post("/analyze/batch")
    async def analyze_batch(files: list[UploadFile] = File(..., description="one or more narrative files"),
                            format: BatchFormat = Query(BatchFormat.json)) -> JSONResponse:
        results = []
        for i, file in enumerate(files):
            name = file.filename or f"file {i + 1}"
            try:
                course = await run_in_threadpool(_read, await _upload(file, name), name, True)
                rendered = await run_in_threadpool(render, course, format.value)
                results.append({"file": name, "course": json.loads(rendered)})
            except (TooLarge, InputError) as exc:
                results.append({"file": name, "error": str(exc)})
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                results.append({"file": name, "error": _failure(exc, name)})
        return JSONResponse({"results": results, "read": sum("course" in r for r in results),
                             "failed": sum("error" in r for r in results)})

    @app.post("/assess")
    async def assess_course_body(request: Request,
                                 name: str = Query("request body", description="the course's name, for errors")
                                 ) -> JSONResponse:
        try:
            course = parse_course(await _body(request, name))
            return JSONResponse(await run_in_threadpool(_assessments, course))
        except TooLarge as exc:
            return _error(413, str(exc), name)
        except LoadError as exc:
            return _error(422, f"{name}: {exc}", name)

    return app
