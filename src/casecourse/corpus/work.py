"""What a worker does with one document: bytes in, table rows out; never raises (an error becomes the row)."""
from __future__ import annotations

from typing import Any

from casecourse import __version__
from casecourse.model import SCHEMA_VERSION

Result = dict[str, Any]  # {"document": row, "tables": {table: [rows]}}


def document_row(doc_id: str, path: str, size: int | None, error: str | None = None) -> dict[str, Any]:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return {"doc_id": doc_id, "path": path, "name": name, "status": "error" if error else "ok", "error": error,
            "bytes": size, "casecourse_version": __version__, "schema_version": SCHEMA_VERSION}


def error_result(doc_id: str, path: str, size: int | None, error: str) -> Result:
    return {"document": document_row(doc_id, path, size, error), "tables": {}}


def analyze_document(doc_id: str, path: str, data: bytes) -> Result:
    """Read one document with the ordinary pipeline (`casecourse.api`); any failure is this document's error row."""
    from casecourse.api import analyze_text
    from casecourse.corpus.flatten import flatten, time_cols
    from casecourse.ingest.text import InputError, document_from_bytes
    from casecourse.rules.timeaxis import Axis

    try:
        doc = document_from_bytes(data, path)
        course = analyze_text(doc.text, doc.source)
        tables = flatten(course, doc_id)
        row = document_row(doc_id, path, len(data))
        row.update(chars=len(doc.text), words=len(doc.text.split()), encoding=doc.source.encoding,
                   **time_cols("anchor", course.anchor, Axis(course)))
        return {"document": row, "tables": tables}
    except InputError as exc:
        return error_result(doc_id, path, len(data), str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        first = (str(exc).strip().splitlines() or [""])[0]
        return error_result(doc_id, path, len(data), f"{path}: could not be analysed ({type(exc).__name__}: {first})")


_WARM_TEXT = "A 40-year-old man with fever was given prednisolone 20 mg daily in May 2020. Ferritin was 300 ng/mL.\n"
_warmed = False


def warm() -> None:
    """Load the reader in a fresh worker before its first document: import it and read one short invented sentence,
    which loads the vocabularies the components build lazily (from the disk cache; ~0.6 s), so that a document's
    time limit does not count them."""
    global _warmed
    if _warmed:
        return
    from casecourse.api import analyze_text

    analyze_text(_WARM_TEXT)
    _warmed = True
