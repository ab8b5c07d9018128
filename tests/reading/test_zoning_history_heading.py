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


def test_a_sub_heading_of_the_story_tells_no_event() -> None:
    text = ("Case presentation\nA 40-year-old woman was admitted in March 2020 with hepatitis. She improved on "
            "prednisolone.\n\nRelapse and outcome\nIn May 2021 her ALT rose again. She remained well in 2022.\n")
    kinds = [e.type for e in analyze_text(text, assess=False).events]
    assert "relapse" not in kinds
    told = ("Case presentation\nA 40-year-old woman was admitted in March 2020 with hepatitis.\n\n"
            "In May 2021 she had a relapse of hepatitis.\n")
    assert "relapse" in [e.type for e in analyze_text(told, assess=False).events]
