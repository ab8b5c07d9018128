"""The indexes and prefilters the assembly reads instead of scanning every mention or trying a pattern everywhere:
each gives what the scan or the pattern gave."""
from __future__ import annotations

from casecourse.assembly.course import CourseAssembler
from casecourse.assembly.exposures import _glossary
from casecourse.assembly.positions import ByType
from casecourse.model import Mention
from casecourse.reading.pipeline import read


def _m(type_: str, start: int) -> Mention:
    return Mention(type=type_, start=start, end=start + 1, text="x")


def test_by_type_keeps_the_reading_order() -> None:
    ms = [_m("date", 0), _m("age", 2), _m("finding", 4), _m("date", 6), _m("condition", 8), _m("finding", 9)]
    types = ByType(ms)
    assert types.of("date") == [ms[0], ms[3]]
    assert types.of("condition", "finding") == [ms[2], ms[4], ms[5]]
    assert types.of("finding", "age") == [ms[1], ms[2], ms[5]]
    assert types.of("drug") == []


def test_a_glossary_needs_three_entries() -> None:
    text = "AKI: acute kidney injury; MMF: mycophenolate mofetil; IV: intravenous."
    assert _glossary(text, (0, len(text)))
    two = "AKI: acute kidney injury; MMF: mycophenolate mofetil."
    assert not _glossary(two, (0, len(two)))
    ratios = "The ratio was 1:2, then 1:3 and 1:4 on follow-up."  # colons, but no entries
    assert not _glossary(ratios, (0, len(ratios)))


def _generic(text: str) -> bool:
    reading = read(text)
    return CourseAssembler(reading)._generic(reading.sentences[0])


def test_patients_in_general_in_any_case() -> None:
    assert _generic("In most patients with lupus, nephritis develops within five years.")
    assert _generic("IN MOST PATIENTS WITH LUPUS, NEPHRITIS DEVELOPS WITHIN FIVE YEARS.")
    assert not _generic("Our patient with lupus developed nephritis within five years.")
    assert not _generic("Nephritis developed within five years of the diagnosis of lupus.")


def test_patients_in_general_with_a_long_s() -> None:
    # re.IGNORECASE takes a long s for an s: the prefilter must too
    assert _generic("In moſt patientſ with lupus, nephritis develops within five years.")
