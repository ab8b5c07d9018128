"""A procedure refused or ruled out after its name ("... but was deemed ineligible", "... was refused") was not done;
one carried out and followed by an unrelated 'and ...' stays completed."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text


@pytest.mark.parametrize("sentence, name, status", [
    ("He was evaluated for liver transplantation but was deemed ineligible.", "liver transplantation", "not-done"),
    ("Haemodialysis was refused by the patient.", "haemodialysis", "not-done"),
    ("Plasmapheresis was contraindicated.", "plasma exchange", "not-done"),
    ("Splenectomy was performed and she recovered.", "splenectomy", "completed"),
    ("Hemodialysis was started and was well tolerated.", "haemodialysis", "completed"),
])
def test_status_told_after_the_name(sentence, name, status):
    course = analyze_text("A 50-year-old woman was admitted in May 2020. " + sentence)
    assert [(p.name, p.status) for p in course.procedures] == [(name, status)]
