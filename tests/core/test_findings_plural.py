"""A finding told in the singular and the plural at one time is one finding (assembly/course.py _SINGULAR_END)."""
from __future__ import annotations

from casecourse.api import analyze_text


def test_singular_and_plural_at_one_time_are_one_finding() -> None:
    course = analyze_text("A 40-year-old man was admitted with fever. Echocardiography showed a coronary aneurysm and "
                          "a pericardial effusion; the aneurysms measured 8 mm.", assess=False)
    assert sum(f.name.startswith("aneurysm") for f in course.findings) == 1


def test_a_word_ending_in_s_is_no_plural() -> None:
    course = analyze_text("A 40-year-old man was admitted with fever and an abdominal mass. CT showed the mass and an "
                          "abscess.", assess=False)
    names = [f.name for f in course.findings] + [c.name for c in course.conditions]
    assert "abscess" in names and sum(n == "fever" for n in names) == 1
