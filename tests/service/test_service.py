"""The HTTP service: the same course as the library, clear errors, and a batch that loses no file."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="the service extra (FastAPI) is not installed")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402

from casecourse.api import analyze_text  # noqa: E402
from casecourse.ingest.text import document_from_bytes  # noqa: E402
from casecourse.runner import render  # noqa: E402
from casecourse.service import app as service  # noqa: E402

NARRATIVE = (b"A 52-year-old woman presented with fever and a rash. Her ferritin was 2400 ng/mL. "
             b"She was given prednisone 40 mg daily and improved within one week.\n")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(service.create_app(warm_up=False))


def test_health_names_the_version(client: TestClient) -> None:
    from casecourse import __version__

    assert client.get("/health").json() == {"status": "ok", "version": __version__}


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/json"), ("fhir", "application/fhir+json")])
def test_analyze_gives_the_library_bytes(client: TestClient, fmt: str, media: str) -> None:
    answer = client.post(f"/analyze?format={fmt}&name=note.txt", content=NARRATIVE)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    doc = document_from_bytes(NARRATIVE, "note.txt")
    assert answer.content == render(analyze_text(doc.text, doc.source), fmt)


def test_analyze_reads_the_facts(client: TestClient) -> None:
    course = client.post("/analyze", content=NARRATIVE).json()
    assert course["source"]["name"] == "request body"
    assert any(e["drug"] == "prednisone" for e in course["exposures"])
    assert any(lab["test"] == "ferritin" and lab["value"] == 2400 for lab in course["labs"])


@pytest.mark.parametrize(("body", "name", "says"), [
    (b"", "empty.txt", "empty"),
    (b"\x00\x01\x02binary" * 50, "scan.pdf", "binary"),
    (b"<article><body><p>unclosed", "a.nxml", "malformed XML"),
    (b'{"documents": [', "c.json", "JSON"),
])
def test_bad_input_is_a_422_naming_the_file(client: TestClient, body: bytes, name: str, says: str) -> None:
    answer = client.post(f"/analyze?name={name}", content=body)
    assert answer.status_code == 422
    error = answer.json()
    assert error["file"] == name
    assert error["error"].startswith(f"{name}: ") and says in error["error"]


def test_a_body_over_the_limit_is_refused(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "MAX_BYTES", 50)
    answer = client.post("/analyze?name=long.txt", content=NARRATIVE)
    assert answer.status_code == 413
    assert "too large" in answer.json()["error"]


def test_an_unknown_format_is_refused(client: TestClient) -> None:
    assert client.post("/analyze?format=pdf", content=NARRATIVE).status_code == 422


def test_batch_keeps_every_file_in_order(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    read = service._read

    def failing(data: bytes, name: str, assess: bool):  # an unexpected failure inside the reading of one file
        if name == "crash.txt":
            raise RuntimeError("boom\nsecond line")
        return read(data, name, assess)

    monkeypatch.setattr(service, "_read", failing)
    files = [("files", ("a.txt", NARRATIVE)), ("files", ("bad.bin", b"\x00\x00\x00" * 20)),
             ("files", ("crash.txt", NARRATIVE)), ("files", ("b.txt", b"The patient denied chest pain.\n"))]
    answer = client.post("/analyze/batch", files=files).json()
    assert [r["file"] for r in answer["results"]] == ["a.txt", "bad.bin", "crash.txt", "b.txt"]
    assert (answer["read"], answer["failed"]) == (2, 2)
    assert "binary" in answer["results"][1]["error"]
    assert answer["results"][2]["error"] == "crash.txt: could not be analysed (RuntimeError: boom)"
    assert answer["results"][0]["course"]["source"]["name"] == "a.txt"


def test_assess_reads_a_course_and_refuses_bad_json(client: TestClient) -> None:
    course = client.post("/analyze?assess=false", content=NARRATIVE).content
    assert json.loads(course)["assessments"] == []
    answer = client.post("/assess", content=course)
    assert answer.status_code == 200
    assert {"hlh2004", "hscore"} <= {a["rule"] for a in answer.json()}
    bad = client.post("/assess?name=c.json", content=b'{"patient": ')
    assert bad.status_code == 422
    assert bad.json()["error"].startswith("c.json: invalid JSON")


def test_serve_without_the_service_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from typer.testing import CliRunner

    from casecourse.cli import app

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # an import of it now fails, as when it is not installed
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'casecourse[service]'" in result.output
