"""Laboratory results of a body fluid other than blood.

`refine` (values): a measured value of a blood analyte whose clause names another fluid is that fluid's test: "CSF
analysis showed glucose 1 mg/dL and 104 cells/mm3", "urinary leukocytes 62/µL", "protein 5 g/dL in the pleural fluid"
become cerebrospinal fluid glucose, urine leukocytes, pleural fluid protein (the catalogue's own test where it holds
one, with its LOINC code; else the fluid's name before the analyte's, with no code guessed). A CSF white cell count is
never a leukopenia. The fluids and their cues are knowledge/specimens.csv.

`refine` (result words): a result word before an analyte of a body fluid named in its clause: "increased protein
level and pleocytosis on cerebrospinal fluid", "CSF analysis showed elevated protein" -> the fluid's test
(cerebrospinal fluid protein, H). The result word was read as a `test_result` with no test (reading/labs_results.py);
it becomes that test's `lab_value` only where the catalogue (knowledge/labs.csv) holds the fluid's test, and no other
specimen (serum, blood, urine) is named in the clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from re import _constants as _c  # the sre opcode names
from re import _parser

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.labs_catalogue import LabTest, by_written, catalogue
from casecourse.reading.rx_keys import KeySet

_ANALYTE = re.compile(r"\s+(?:total\s+)?(?P<a>protein|glucose|lactate|white (?:blood )?cells?|leukocytes)"
                      r"(?:\s+(?:levels?|concentrations?|counts?))?\b", re.I)
_FLUID = re.compile(r"\b(?:cerebrospinal fluid|CSF|pleural fluid|ascitic fluid|synovial fluid)\b", re.I)
_OTHER = re.compile(r"\b(?:serum|plasma|blood|urine|urinary|sputum)\b", re.I)
_CLAUSE = re.compile(r"[.;\n](?:(?<=[.;])(?:\s|$)|(?<=\n))")  # `[.;](?:\s|$)|\n` led by one class: a C skip


def refine(text: str, mentions: list[Mention]) -> None:
    """Give, in place, the values and result words of another fluid than blood that fluid's tests."""
    _fluid_values(text, mentions)
    _fluid_results(text, mentions)


# a word after a frame cue that says the fluid was analysed ("lumbar puncture showed", "CSF analysis:")
_ANALYSED = (r"(?:analys[ie]s|examinations?|exam|stud(?:y|ies)|cytology|biochemistry|chemistry|profile|samples?|"
             r"specimens?|showed|shows|showing|revealed|reveals|revealing|demonstrated|demonstrating|disclosed|"
             r"exhibited|displayed|contained|yielded|found|had|has|with|:)")
# the analysis named before its fluid: "biochemical analysis of the cerebrospinal fluid", "counts from CSF were"
_ANALYSIS_OF = r"(?:analys[ie]s|examinations?|stud(?:y|ies)|cytology|biochemistry|samples?|counts?)\s+(?:of|from|in)\s+"
# a word naming the blood as the specimen: the fluid's frame ends there ("... whereas serum albumin was 2.6 g/dL");
# "blood" listed as a finding of the fluid names no specimen ("urinalysis showed nitrites, blood, and glucose ...")
_BLOOD = re.compile(r"\b(?:serum|plasma|peripheral|systemic|venous|arterial|capillary|blood(?!\s+cells?\b)(?!\s*,))\b",
                    re.I)
_FULL_STOP = re.compile(r"\.(?:\s|$)|\n")


def _after_last(rx: re.Pattern, text: str, pos: int, back: int = 400) -> int:
    """Where the clause (or sentence) holding `pos` starts: after the last `rx` boundary within `back` characters."""
    lo = max(0, pos - back)
    return max((c.end() for c in rx.finditer(text, lo, pos)), default=lo)


@cache
def _cues() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str], dict[str, str]]:
    """(frame cue + analysis word, cue right before a test's name, "in the <cue>" after a value, frame group ->
    specimen, direct group -> specimen)."""
    frame: dict[str, str] = {}
    direct: dict[str, str] = {}
    for i, r in enumerate(table("specimens.csv")):
        (frame if r["scope"] == "frame" else direct)[f"s{i}"] = r
    def alt(groups: dict) -> str:
        return "|".join(f"(?P<{g}>{r['cue']})" for g, r in groups.items())
    both = {**frame, **direct}
    # (a copula right after the fluid describes it: "CSF (cerebrospinal fluid) was cloudy, 500 neutrophils/µL")
    return (re.compile(rf"\b(?:{alt(frame)})\b(?=[^.;\n]{{0,60}}?(?:\b|(?<=\W)){_ANALYSED}"
                       rf"|\s*(?:\([^()]*\)\s*)?(?:was|were)\b)"
                       rf"|\b{_ANALYSIS_OF}(?:the\s+)?(?:{alt({k + 'b': v for k, v in frame.items()})})\b", re.I),
            re.compile(rf"\b(?:{alt(both)})\s+$", re.I),
            re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:in|on|of)\s+(?:the\s+)?(?:{alt(both)})\b", re.I),
            {**{g: r["specimen"] for g, r in frame.items()}, **{g + "b": r["specimen"] for g, r in frame.items()}},
            {g: r["specimen"] for g, r in both.items()})


def _specimen(m: re.Match, names: dict[str, str]) -> str:
    return names[next(g for g, v in m.groupdict().items() if v is not None)]


@cache
def _fluid_test(specimen: str, test: str) -> tuple[str, str | None]:
    """(name, LOINC) of `test` measured in `specimen`: the catalogue's test where it holds one."""
    own = by_written(f"{specimen} {test}")
    return (own.name, own.loinc) if own is not None else (f"{specimen} {test}", None)


@cache
def _specimen_names() -> tuple[str, ...]:
    return tuple({r["specimen"] for r in table("specimens.csv")} | {"csf", "urinary", "urinalysis"})


def _leading_literals(cue: str) -> list[str] | None:
    """The lower-cased plain characters each match of a cue (a regex of knowledge/specimens.csv) begins with: those
    before the first other construct, of the cue or of each of its alternatives; None when one begins with none."""
    items = list(_parser.parse(cue, re.I))
    run = "".join(chr(av) for _, av in _takewhile_literal(items))
    if run:
        return [run.lower()]
    if len(items) != 1 or items[0][0] is not _c.BRANCH:
        return None
    out = []
    for alt in items[0][1][1]:
        run = "".join(chr(av) for _, av in _takewhile_literal(list(alt)))
        if not run:
            return None
        out.append(run.lower())
    return out


def _takewhile_literal(items: list) -> list:
    n = 0
    while n < len(items) and items[n][0] is _c.LITERAL:
        n += 1
    return items[:n]


@cache
def _frame_cue_keys() -> KeySet | None:
    """The words every match of a frame cue begins with (`_leading_literals`), None when some cue has none."""
    words: list[str] = []
    for r in table("specimens.csv"):
        if r["scope"] == "frame":
            got = _leading_literals(r["cue"])
            if got is None:
                return None
            words += got
    return KeySet(words)


def _frame_cue_starts(text: str) -> list[int] | None:
    """Where a frame cue's word begins in the lower-cased text, in order (None: not known). A frame naming its fluid
    in a value's sentence holds one there: the frame pattern, searched over each value's sentence (~14 a report), is
    tried only in the sentences that do."""
    keys = _frame_cue_keys()
    return None if keys is None else keys.occurrences(text, keys.literals, lower=True)


_PER_FIELD = frozenset({"/[HPF]", "/[LPF]"})
_CELLS_NAMED = re.compile(r"[A-Za-z][A-Za-z ]*/")  # "leukocytes/µL", "RBC/hpf": the unit names the cells it counts
_COUNTS = frozenset({"/uL", "/mm3", "/[HPF]", "/[LPF]"})


@cache
def _any_fluid() -> re.Pattern:
    """Any fluid's cue (knowledge/specimens.csv), frame or direct, with no analysis word needed; its groups are
    those of `_cues()`'s direct pattern (`names`)."""
    rows = table("specimens.csv")
    return re.compile("|".join(rf"\b(?P<s{i}>{r['cue']})\b" for i, r in enumerate(rows)), re.I)


def _fluid_values(text: str, mentions: list[Mention]) -> None:
    frame_rx, direct_rx, after_rx, frame_names, names = _cues()
    cue_starts = _frame_cue_starts(text)
    tests = [m for m in mentions if m.type == "lab_test"]
    values = sorted(m.start for m in mentions if m.type == "lab_value")
    # each test's namings by start (the reader's mentions are in order of start; else a scan as before)
    ordered = all(a.start <= b.start for a, b in zip(tests, tests[1:], strict=False))
    by_name: dict[str | None, tuple[list[int], list[Mention]]] = {}
    for t in tests:
        held = by_name.setdefault(t.norm, ([], []))
        held[0].append(t.start)
        held[1].append(t)
    for m in mentions:
        name = m.attrs.get("test")
        if m.type not in ("lab_value", "lab_reference") or not isinstance(name, str) or m.attrs.get("value") is None:
            continue
        test = catalogue().get(name)
        if test is None or test.kind != "lab" or name.startswith(_specimen_names()):
            continue
        start = _after_last(_CLAUSE, text, m.start)
        k = bisect_left(values, m.start)
        after = values[k - 1] if k and values[k - 1] >= start else start  # the value before it in the clause
        if ordered:
            starts, same = by_name.get(name, ([], []))
            named = same[bisect_left(starts, after):bisect_left(starts, m.start)]
        else:
            named = [t for t in tests if t.norm == name and after <= t.start < m.start]
        at = named[0].start if named else m.start  # the test's first naming, else the value
        specimen = None
        if (d := direct_rx.search(text, max(start, at - 60), at)) is not None:
            specimen = _specimen(d, names)
        elif (a := after_rx.match(text, m.end)) is not None:
            specimen = _specimen(a, names)
        else:
            sentence = _after_last(_FULL_STOP, text, m.start)
            k = bisect_left(cue_starts, sentence) if cue_starts is not None else 0
            frames = list(frame_rx.finditer(text, sentence, m.start)) \
                if cue_starts is None or k < len(cue_starts) and cue_starts[k] < m.start else []
            if frames and _frame_reaches(text, frames[-1], m.start) and not _BLOOD.search(text, frames[-1].end(),
                                                                                         m.start):
                specimen = _specimen(frames[-1], frame_names)
        if specimen is None and m.attrs.get("ucum") in _COUNTS and _CELLS_NAMED.match(str(m.attrs.get("unit") or "")):
            # "spinal fluid held 7 leukocytes/µL": a count of the cells its unit names, in a sentence about a fluid
            sentence = _after_last(_FULL_STOP, text, m.start)
            fluids = list(_any_fluid().finditer(text, sentence, m.start))
            if fluids and not _BLOOD.search(text, fluids[-1].end(), m.start):
                specimen = _specimen(fluids[-1], names)
        if specimen is None:
            if m.attrs.get("ucum") in _PER_FIELD:
                # "eosinophils 40/hpf in the biopsy": a count per microscope field outside a named fluid is a tissue's
                # or a smear's, never the blood count of its name
                m.attrs = {**m.attrs, "test": None}
            continue
        fluid_name, loinc = _fluid_test(specimen, name)
        m.norm = fluid_name
        m.attrs = {**m.attrs, "test": fluid_name, "loinc": loinc, "specimen": specimen}
        if named and not m.attrs.get("test_text"):
            m.attrs["test_text"] = named[0].text


@cache
def _caption_cues() -> tuple[re.Pattern, dict[str, str]]:
    frame = {f"s{i}": r["specimen"] for i, r in enumerate(table("specimens.csv")) if r["scope"] == "frame"}
    cues = {f"s{i}": r["cue"] for i, r in enumerate(table("specimens.csv")) if r["scope"] == "frame"}
    return re.compile("|".join(rf"\b(?P<{g}>{c})\b" for g, c in cues.items()), re.I), frame


def table_specimen(caption: str) -> str | None:
    """The body fluid a table's caption names ("Table 2 Cerebrospinal fluid analysis"); None when it names none,
    or the blood too ("Blood and CSF results")."""
    rx, names = _caption_cues()
    m = rx.search(caption)
    if m is None or _BLOOD.search(caption):
        return None
    return _specimen(m, names)


def refile(m: Mention, specimen: str) -> None:
    """A blood test's value measured in `specimen`: that fluid's test (the catalogue's own where it holds one); never
    a row naming the blood itself ("Plasma glucose" beside the CSF glucose of a CSF table)."""
    name = m.attrs.get("test")
    test = catalogue().get(name) if isinstance(name, str) else None
    if test is None or test.kind != "lab" or name.startswith(_specimen_names()) \
            or _BLOOD.search(str(m.attrs.get("test_text") or "")):
        return
    fluid_name, loinc = _fluid_test(specimen, name)
    m.norm = fluid_name
    m.attrs = {**m.attrs, "test": fluid_name, "loinc": loinc, "specimen": specimen}


def _frame_reaches(text: str, frame: re.Match, pos: int) -> bool:
    """Whether a fluid's frame still governs `pos`: a semicolon ends it, except between the items of a list the frame
    opens with a colon ("pericardial fluid was as follows: cells 197/mm3; glucose 3 mg/dL") or inside brackets opened
    after it ("analysis of the CSF was normal (glucose 63 mg/dL; leucocytes 1/µL)")."""
    gap = text[frame.end():pos]
    semi = gap.find(";")
    if semi < 0:
        return True
    head = gap[:semi]
    return ":" in head[:80] or head.count("(") > head.count(")")


def _fluid_results(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        if m.type != "test_result" or m.attrs.get("test") is not None:
            continue
        a = _ANALYTE.match(text, m.end)
        if a is None:
            continue
        start = max((c.end() for c in _CLAUSE.finditer(text, 0, m.start)), default=0)
        stop = _CLAUSE.search(text, a.end())
        end = stop.start() if stop else len(text)
        fluids = list(_FLUID.finditer(text, start, end))
        if not fluids or _OTHER.search(text, start, end):
            continue
        f = min(fluids, key=lambda f: abs(f.start() - a.start()))
        fluid = "cerebrospinal fluid" if f.group().lower() == "csf" else f.group().lower()
        test = by_written(f"{fluid} {a.group('a').lower()}")
        if test is None:
            continue
        m.type, m.norm = "lab_value", test.name
        m.attrs = {**m.attrs, "test": test.name, "loinc": test.loinc, "rule": "fluid",
                   "test_text": f"{f.group()} {a.group('a')}"}


# a value's analyte word right before it: "protein 0.62 g/L", "glucose of 3.4 mmol/L"
_ANALYTE_BEFORE = re.compile(r"\b(?P<a>protein|glucose|lactate)(?:\s+(?:levels?|concentrations?))?\s*"
                             r"(?:of|was|were|is|at|:|=|\()?\s*$", re.I)  # "(": "high protein (1.1 g/L)"
_CSF_WORDS = re.compile(r"\b(?:cerebrospinal fluid|CSF|lumbar puncture|spinal tap)\b", re.I)
_SPECIMEN_BEFORE = re.compile(r"\b(?:serum|plasma|blood|urine|urinary|paired|capillary|venous|arterial)\s+$", re.I)
_PLAIN = ("glucose", "total protein", "lactate")  # the serum tests a bare analyte word is read as


def csf_value_test(text: str, start: int, test: LabTest | None) -> LabTest | None:
    """The cerebrospinal fluid test of a value written after a bare analyte word in a sentence about a lumbar
    puncture or the CSF ("Lumbar puncture showed 42 cells/uL, protein 0.62 g/L and glucose 3.4 mmol/L"); `test`
    where the analyte names another specimen ("paired serum glucose of 5.8 mmol/L") or another stands between."""
    if test is not None and test.name not in _PLAIN:
        return test
    a = _ANALYTE_BEFORE.search(text, max(0, start - 30), start)
    if a is None or _SPECIMEN_BEFORE.search(text, max(0, a.start() - 20), a.start()):
        return test
    if test is not None and "(" in a.group():
        return test  # "low glucose (1.4 mmol/L)": a named test's value in brackets is the fluid's by its frame
    s0 = _after_last(_CLAUSE, text, a.start(), a.start() - max(0, start - 400))
    fluid = max(_CSF_WORDS.finditer(text, s0, a.start()), key=lambda f: f.start(), default=None)  # the nearest
    if fluid is None or _OTHER.search(text, fluid.end(), a.start()):
        return test
    return by_written(f"cerebrospinal fluid {a.group('a').lower()}") or test
