"""A case report whose first section is headed 'History' tells the patient's story there (age, presentation,
diagnosis), not background. Text written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.zoning import zone_lines

TEXT = ("Bullous pemphigoid in an older man\n\nHistory\nA 78-year-old man presented in May 2021 with tense "
        "blisters on the thighs. Bullous pemphigoid was diagnosed.\n\nTreatment\nHe was given doxycycline "
        "200 mg daily.\n")


def test_history_heading_opens_the_story() -> None:
    line = next(z for z in zone_lines(TEXT) if TEXT[z.start:z.end].startswith("A 78-year-old"))
    assert line.zone == "narrative"
    course = analyze_text(TEXT, assess=False)
    assert course.patient.age_years == 78
    assert any(c.name == "bullous pemphigoid" and c.time.point == "2021-05" for c in course.conditions)
