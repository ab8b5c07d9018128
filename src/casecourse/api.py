"""The library entry points: text or file in, `Course` out."""
from __future__ import annotations

from pathlib import Path

from casecourse.model import Course, Source


def analyze_text(text: str, source: Source | None = None, assess: bool = True) -> Course:
    """Read a narrative and assemble its course (with rule assessments unless `assess` is False)."""
    from casecourse.assembly.course import assemble
    from casecourse.reading.pipeline import read

    course = assemble(read(text), source)
    if assess:
        from casecourse.rules import assess_course

        course.assessments = assess_course(course)
    return course


def analyze_file(path: str | Path, assess: bool = True) -> Course:
    """Read a narrative file (UTF-8, UTF-8 with BOM, or Latin-1); raises ingest.text.InputError."""
    from casecourse.ingest.text import read_document

    doc = read_document(path)
    return analyze_text(doc.text, doc.source, assess)


def prepare() -> None:
    """Build every cached vocabulary index now (`make setup` calls it): the HPO index, the drug lexicon,
    the diagnosis index and the unit factor table are built once per install, ~10 s, and a first
    `casecourse analyze` would otherwise spend that time. Reads the bundled example, which uses them all, with the
    reader's faster regex twins derived at first use and kept on disk (`reading/rx_store.py`), so that the first
    batch of documents a process reads does not derive them."""
    from importlib import resources

    from casecourse.reading import rx_store

    rx_store.EAGER[0] = True
    try:
        analyze_text(resources.files("casecourse.examples").joinpath("lupus_course.txt").read_text(encoding="utf-8"))
    finally:
        rx_store.EAGER[0] = False
    rx_store.save()


def course_json(course: Course) -> str:
    return course.model_dump_json(indent=1, exclude_none=True) + "\n"
