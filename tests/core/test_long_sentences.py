"""One very long sentence (no full stop: a list of hundreds of drug doses, lab values or days) must cost about linear
time: every question asked once per mention of the sentence is answered from the mentions near it, never by a scan
of the whole sentence. Counted, not timed: the lines the code of one stage runs for a sentence of n and of 2n repeats
(twice the lines for twice the text; a scan per mention gives four times as many)."""
from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType

import pytest

from casecourse.api import analyze_text
from casecourse.assembly import course, exposure_courses, exposure_doses, exposure_text, exposures, positions
from casecourse.reading import (
    assertion,
    body_sites,
    disease_index,
    disease_organisms,
    disease_short_forms,
    diseases,
    doses,
    drugs,
    lab_fluids,
    labs,
    labs_values,
    phenotypes,
    workup,
)
from casecourse.rules import steroids
from casecourse.spans import Covers

DOSES = "prednisone 10 mg daily, methotrexate 15 mg weekly, "
LABS = "hemoglobin 9.2 g/dL, platelets 45 x 10^9/L, "
DENIALS = "no fever on day 3 and no rash, cough or pain on day 5, "
CHANGES = "prednisone was started and stopped on day 3, methotrexate 15 mg was increased to 20 mg weekly, "


def lines_run(fn: Callable[[], object], files: set[str]) -> int:
    """The lines of `files` that `fn()` runs (a trace of those files only)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Callable:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Callable | None:
        return local if frame.f_code.co_filename in files else None

    before = sys.gettrace()
    sys.settrace(calls)  # type: ignore[arg-type]
    try:
        fn()
    finally:
        sys.settrace(before)
    return count


def growth(unit: str, n: int, files: set[str], assess: bool = False) -> float:
    """How many times the lines run grow from n to 2n repeats of `unit` in one sentence (`assess`: with the rules)."""
    analyze_text(unit, assess=assess)  # indexes loaded before counting
    small = lines_run(lambda: analyze_text(unit * n, assess=assess), files)
    large = lines_run(lambda: analyze_text(unit * 2 * n, assess=assess), files)
    return large / small


EXPOSURE_FILES = {m.__file__ for m in (exposures, exposure_text, exposure_courses, exposure_doses, positions)}
DISEASE_FILES = {m.__file__ for m in (diseases, disease_index, disease_organisms, disease_short_forms)}


def test_a_long_list_of_drug_doses_assembles_in_linear_steps() -> None:
    # each dose's list tail ("A 600 mg, B 300 mg and C 1100 mg daily") was walked to the list's end, each step a scan
    assert growth(DOSES, 60, EXPOSURE_FILES) < 2.3


def test_a_long_sentence_of_drug_changes_assembles_in_linear_steps() -> None:
    # each drug read every cue of the sentence, each through a gap of filler words up to the cue
    assert growth(CHANGES, 40, EXPOSURE_FILES) < 2.3


def test_a_long_run_of_lab_values_reads_in_linear_steps() -> None:
    # each value looked for its test's nearest naming, and each fluid value for the value before it, in all of them
    assert growth(LABS, 60, {labs.__file__, lab_fluids.__file__}) < 2.3


def test_a_long_run_of_doses_and_frequencies_reads_in_linear_steps() -> None:
    # each frequency was compared with every dose read before it
    assert growth(DOSES, 200, {doses.__file__}) < 2.3


def test_a_long_sentence_of_denials_is_asserted_in_linear_steps() -> None:
    # each target read every cue of the sentence (a cue reaches at most MAX_SCOPE_WORDS words), each denial every event
    assert growth(DENIALS, 40, {assertion.__file__}) < 2.3


def test_the_steroid_rules_on_a_long_sentence_run_in_linear_steps() -> None:
    # each course looked for route words among all the mentions of the text
    assert growth(CHANGES, 40, {steroids.__file__}, assess=True) < 2.3


def test_reasons_of_later_stops_read_as_from_their_own_slice() -> None:
    text = ("A was stopped after the infection was ruled out, B was stopped because of intolerance, C was stopped due "
            "to reversible encephalopathy, D was stopped once the oedema had resolved, E was stopped when the PCR was "
            "negative")
    reasons = exposure_text._ReasonsFrom(text, len(text))
    seen = set()
    for pos in range(len(text) + 1):  # each kind of reason, from the stops told further and further on
        seen.add(reasons.at(pos))
        assert reasons.at(pos) == exposure_text._reason(text[pos:]), pos
    assert {"infection excluded", "intolerance", "reversible encephalopathy", "oedema resolved", "PCR negative",
            None} <= seen


def test_the_course_of_a_long_sentence_grows_with_the_text() -> None:
    # each fact's provenance carried the whole sentence: (facts) x (sentence length)
    from casecourse.api import course_json

    small, large = (len(course_json(analyze_text(LABS * n, assess=False))) for n in (200, 400))
    assert large / small < 2.3


def test_a_fact_of_a_long_sentence_gives_the_part_around_it() -> None:
    text = "She had " + LABS * 300 + "and fever."
    course = analyze_text(text, assess=False)
    for lab in course.labs:
        part, span = lab.provenance.sentence, lab.provenance.spans[0]
        assert part.text == text[part.start:part.end] and part.start <= span.start < span.end <= part.end
        assert part.end - part.start <= 2 * exposures._SENTENCE_AROUND + (span.end - span.start)
    short = analyze_text("She had " + LABS + "and fever.", assess=False)
    assert {lab.provenance.sentence.text for lab in short.labs} == {"She had " + LABS + "and fever."}


@pytest.mark.parametrize(("unit", "files", "n", "assess"), [
    # each list of work-up items read every hit of the text for its result word, its test word, its values between
    ("ANA positive, anti-dsDNA negative, ", {workup.__file__}, 60, False),
    # each diagnosis name compared with every finding read, each shorter match with every first choice
    ("lupus nephritis, pneumonia, acute kidney injury, ", DISEASE_FILES | {phenotypes.__file__}, 60, False),
    # each regimen's ingredient looked for the drugs of its brackets among all the drugs of the text
    ("R-CHOP (rituximab, cyclophosphamide), ", {drugs.__file__}, 60, False),
    # each lab value compared with every stated score
    ("SLEDAI-2K of 18, GCS 8, ", {course.__file__}, 150, False),
    # the steroid curve read every course on every day it changes
    ("prednisone was tapered to 10 mg over 2 weeks and stopped after 5 days because of diabetes, ",
     {steroids.__file__}, 60, True),
    # each drug stopped in a switch read the whole sentence for its name before "-induced"
    ("switched from prednisone to methotrexate, replaced by azathioprine, ", EXPOSURE_FILES, 60, False),
    # each number asked whether it lies in a value read before (pressures, titres) by a scan of them all
    ("titre 1:640, 120/80 mmHg, 5 mg/dL, ", {labs_values.__file__}, 120, False),
    # each denial asked whether it is a result's own word by a scan of the results
    ("the serology was negative and no fever, ", {assertion.__file__}, 120, False),
    # each body site looked for an examination ending before it among all of them
    ("CT of the abdomen, ultrasound of the neck, ", {body_sites.__file__}, 120, False),
    # each "respectively" read every value of its clause (a count of brackets for each) and every test
    ("CRP and procalcitonin rose to 312 mg/L and 47 ng/mL, respectively, ", {labs.__file__}, 60, False),
    # each use of a diagnosis's initials compared with every mention read
    ("Charcot-Marie-Tooth disease and CMT, ", DISEASE_FILES, 120, False),
    # each condition asked whether a negative work-up, a marker test or a planned procedure holds it by a scan of them
    ("malaria, dengue, hepatitis A, B, C and HIV tests were all negative, ", {course.__file__}, 60, False),
])
def test_more_long_sentences_read_in_linear_steps(unit: str, files: set[str], n: int, assess: bool) -> None:
    assert growth(unit, n, files, assess) < 2.3


def test_each_respectively_of_a_long_sentence_pairs_its_own_values() -> None:
    unit = "CRP and procalcitonin rose to 312 mg/L and 47 ng/mL, respectively, "
    course = analyze_text("On admission, " + unit * 50 + "and she was febrile.", assess=False)
    pairs = [("c-reactive protein", 312.0), ("procalcitonin", 47.0)]
    assert [(lab.test, lab.value) for lab in course.labs] == pairs * 50


def _doses(course: object) -> list[tuple]:
    return [(e.drug, [(s.dose.value, s.dose.unit, s.timing.period_unit if s.timing else None) for s in e.segments])
            for e in course.exposures]  # type: ignore[attr-defined]


def test_a_long_list_of_doses_reads_as_its_first_pair() -> None:
    long = analyze_text("She was given " + DOSES * 300 + "and methotrexate 15 mg weekly.", assess=False)
    short = analyze_text("She was given " + DOSES + "and methotrexate 15 mg weekly.", assess=False)
    assert _doses(long) == _doses(short)
    assert _doses(long)[:2] == [("prednisone", [(10.0, "mg", "d")]), ("methotrexate", [(15.0, "mg", "wk")])]


def test_covers_answers_as_a_scan_of_the_spans() -> None:
    import random

    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 100) for _ in range(rng.randint(0, 12)))]
        covers = Covers(spans)
        for _ in range(20):
            start = rng.randint(0, 130)
            end = start + rng.randint(0, 20)
            assert covers.holds(start, end) == any(a <= start and end <= b for a, b in spans)


def test_a_relatives_clause_is_found_in_one_pass_with_the_same_answers() -> None:
    text = ("The mother had no diabetes, but she had asthma, her father denied hypertension; "
            "tuberculosis was absent. No rash.")
    sent = (0, text.index(" No rash"))
    preds, turns = course.relative_clauses(text, sent)
    after = lambda word: text.index(word)  # noqa: E731
    held = [w for w in ("diabetes", "asthma", "hypertension", "tuberculosis")
            if any(p <= after(w) for p in preds)
            and not any(max(p for p in preds if p <= after(w)) <= t < after(w) for t in turns)]
    assert held == ["diabetes", "hypertension"]  # 'but she' turns to the patient; the semicolon ends the clause
