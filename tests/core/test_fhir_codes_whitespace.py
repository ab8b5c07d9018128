"""A name read from text with odd whitespace inside must not make the FHIR Bundle fail validation."""
from __future__ import annotations

import json

from casecourse.api import analyze_text
from casecourse.export.fhir import to_fhir_json


def test_condition_name_with_whitespace_run_exports() -> None:
    course = analyze_text("She was diagnosed with lupus nephritis and given prednisone 40 mg daily.", assess=False)
    assert course.conditions
    for c in course.conditions:
        c.name = "lupus \u2009 \x0bnephritis "  # a thin space, a vertical tab, a trailing space
        c.text = "Lupus nephritis"
    bundle = json.loads(to_fhir_json(course))
    codes = [cd["code"] for e in bundle["entry"] for cd in e["resource"].get("code", {}).get("coding", [])]
    assert "lupus nephritis" in codes
