"""Long runs of one character (a rule of dots, a digit string) must cost linear time: the sentence boundary and the
dose pattern start only at the first character of a run (what matches inside a run matches from its start)."""
from __future__ import annotations

from casecourse.reading import doses, sentences


def test_dose_never_starts_inside_a_digit_run() -> None:
    rx = doses._dose_regex()
    assert rx.match("Given 125 mg daily.", 6) is not None
    assert rx.match("Given 125 mg daily.", 7) is None  # "25 mg" inside "125 mg"


def test_sentence_boundary_starts_at_a_run_of_marks() -> None:
    text = "He improved... Then fever returned."
    assert sentences._BOUNDARY.match(text, text.index("...")) is not None
    assert sentences._BOUNDARY.match(text, text.index("...") + 1) is None
    assert [text[a:b] for a, b in sentences.split(text)] == ["He improved...", "Then fever returned."]


def test_long_runs_read_as_before() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Rule below.\n" + "." * 20000 + "\n" + "7" * 20000 + "\nShe had a fever.", assess=False)
    assert [f.name for f in course.findings] == ["fever"]
