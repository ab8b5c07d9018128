"""The indexes and prefilters the assembly reads instead of scanning every mention or trying a pattern everywhere:
each gives what the scan or the pattern gave."""
from __future__ import annotations

import re

from casecourse.api import analyze_text
from casecourse.assembly.course import CourseAssembler
from casecourse.assembly.exposure_text import _FILLER, _LENGTH_VOCABULARY, _Blocks
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


def _blocks_by_tokens(text: str, s0: int, s1: int, covered: set[int]) -> list[tuple[int, int]]:
    """The blocks as the plain scan of every token gives them (the definition `_Blocks` keeps)."""
    out = []
    for w in re.finditer(r"[\w-]+|[;.]", text[s0:s1]):
        word, a, b = w.group(0).lower(), w.start() + s0, w.end() + s0
        if (word in ";." or word.isascii() and word.isalpha() and word not in _FILLER
                and word not in _LENGTH_VOCABULARY) and not covered & set(range(a, b)):
            out.append((a, b))
    return out


def test_blocks_are_the_plain_words_of_the_token_scan() -> None:
    texts = ["Prednisolone was then tapered; methotrexate 15 mg weekly was added.",
             # the Kelvin sign lower-cases to a plain k
             "Anti-TNF therapy (for two weeks) was stopped and \u212aetamine was given.",
             "Café-au-lait spots, x2 doses and an Émigré dose of ABC were noted. Then IV",
             "Ceftriaxone 2 g daily for six weeks of therapy was completed."]
    for text in texts:
        for s0 in range(0, len(text), 3):  # a sentence may begin inside a word of the text: it is the sentence's first
            for s1 in (len(text), len(text) - 5, s0 + 9):
                if s1 < s0:
                    continue
                inner = [Mention(type="dose", start=s0 + 2, end=s0 + 8, text=text[s0 + 2:s0 + 8])]
                for ms, covered in (([], set()), (inner, set(range(s0 + 2, min(s0 + 8, s1))))):
                    if "(" in text[s0:s1]:
                        aside = text.index("(")
                        covered |= set(range(aside, text.index(")") + 1)) if ")" in text[aside:s1] else set()
                    b = _Blocks(text, s0, s1, ms)
                    assert list(zip(b.starts, b.ends, strict=True)) == _blocks_by_tokens(text, s0, s1, covered)


def test_a_stop_reads_the_drug_of_the_sentence_before_only() -> None:
    # sentences naming no drug are skipped unless the one before named some: "It was stopped" right after still stops
    told = "She was started on amoxicillin on 2 March 2020. It was stopped on 5 March 2020 because of a rash."
    [e] = analyze_text(told).exposures
    assert (e.status, e.end.point if e.end else None) == ("stopped", "2020-03-05")
    later = ("She was started on amoxicillin on 2 March 2020. The fever settled within two days. "
             "It was stopped on 9 March 2020.")
    [e] = analyze_text(later).exposures
    assert e.status != "stopped"
    by_class = ("She was started on amoxicillin on 2 March 2020. The fever settled within two days. "
                "Antibiotics were discontinued on 9 March 2020.")
    [e] = analyze_text(by_class).exposures
    assert (e.status, e.end.point if e.end else None) == ("stopped", "2020-03-09")


def test_story_sentences_by_bisection_as_by_a_scan_of_the_zones() -> None:
    from casecourse.reading.zoning import PATIENT_ZONES

    text = ("Case presentation\nA 40-year-old woman was started on prednisone 40 mg daily. She felt better.\n"
            "Discussion\nSteroids are often used in this setting. Other reports describe tapering.\n"
            "Follow-up\nPrednisone was stopped after six months. She remained well.\n")
    reading = read(text)
    assembler = CourseAssembler(reading)
    told = [assembler._in_story(s) for s in reading.sentences]
    scanned = [any(z.start <= s[0] < z.end and z.zone in PATIENT_ZONES for z in reading.zones)
               for s in reading.sentences]
    assert told == scanned
    assert True in told and False in told  # the case's sentences and the discussion's both asked
