"""`casecourse assess FILE [--json]`: load a course (JSON, YAML or FHIR Bundle) and run the rules."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from casecourse.model import Assessment, Course


class LoadError(Exception):
    """A file that cannot be read as a course; the message is one line for the user."""


def load_course(path: Path) -> Course:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(e.strerror or str(e)) from e
    return parse_course(data, yaml_text=path.suffix.lower() in (".yaml", ".yml"))


def parse_course(raw: bytes, yaml_text: bool = False) -> Course:
    """A course from the bytes of its JSON (or YAML) form or of a FHIR Bundle; LoadError says what is wrong."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LoadError("not UTF-8 text") from e
    if not text.strip():
        raise LoadError("empty")
    if yaml_text:
        try:
            import yaml  # optional
        except ImportError as e:
            raise LoadError("YAML input needs PyYAML (pip install pyyaml), or convert it to JSON") from e
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise LoadError(f"invalid YAML: {str(e).splitlines()[0]}") from e
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise LoadError(f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
    if not isinstance(data, dict):
        raise LoadError("expected a JSON object (a course or a FHIR Bundle)")
    try:
        if data.get("resourceType") == "Bundle":
            from casecourse.rules.fhir_in import bundle_to_course

            return bundle_to_course(data)
        return Course.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LoadError(f"not a valid course: {where}: {first['msg']} ({e.error_count()} errors)") from e
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        # a Bundle part of the wrong JSON type (a string where an object belongs) fails as AttributeError
        raise LoadError(f"not a valid course or FHIR Bundle: {e}") from e


def _score(a: Assessment) -> str:
    if not a.score:
        return "-"
    lo, hi = a.score["min"], a.score["max"]
    return f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"


def assess_command(path: Path, as_json: bool, err: Console) -> int:
    try:
        course = load_course(path)
    except LoadError as e:
        err.print(f"casecourse assess: {path}: {e}", markup=False, highlight=False, soft_wrap=True)
        return 2
    from casecourse.rules import assess_course

    results = assess_course(course)
    if as_json:
        print(json.dumps([a.model_dump(mode="json") for a in results], indent=1, ensure_ascii=False))
        return 0
    table = Table(title=f"Assessments: {path.name}")
    for col in ("rule", "at", "status", "score", "unknown"):
        table.add_column(col, overflow="fold")
    for a in results:
        unk = ", ".join(a.unknown[:6]) + (f" (+{len(a.unknown) - 6})" if len(a.unknown) > 6 else "")
        table.add_row(a.rule, a.at or "-", a.status, _score(a), unk or "-")
    Console().print(table)
    return 0
