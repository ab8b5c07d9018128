"""The lab catalogue (`knowledge/labs.csv`) and a fast finder for test names in text.

Test names are matched with one Aho-Corasick automaton over the lower-cased text; a match counts
only at word boundaries, and short capitalised synonyms (ALT, Hb, C3, Na) only in their written
case, so "alt" or "na" in ordinary words never become tests. Longest match wins.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from casecourse.reading import dict_scan, leftmost_longest
from casecourse.reading.rx_first import lower_of
from casecourse.units import ucum_kinds


@dataclass(frozen=True)
class LabTest:
    name: str
    loinc: str | None
    loinc_status: str | None
    kind: str
    qualitative: bool
    members: tuple[str, ...]
    unit: str | None
    ucum: str | None
    unit_si: str | None
    molar_mass: float | None
    valence: float | None
    ref_low: float | None
    ref_high: float | None
    ref_unit: str | None
    ref_source: str | None

    @property
    def unit_kind(self) -> str | None:
        if self.ucum in (None, "", "1"):
            return None
        if self.ucum.startswith("10*"):
            return "count"
        return ucum_kinds().get(self.ucum)


@dataclass(frozen=True)
class TestHit:
    start: int
    end: int
    test: LabTest
    target: bool = False  # an antigen named after its family test ("ANCA was positive for PR3"), not a list item


def _num(x: str) -> float | None:
    return float(x) if x else None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@cache
def catalogue() -> dict[str, LabTest]:
    tests: dict[str, LabTest] = {}
    for r in _rows("labs.csv"):
        tests[r["name"]] = LabTest(
            name=r["name"], loinc=r["loinc"] or None, loinc_status=r["loinc_status"] or None,
            kind=r["kind"], qualitative=r["qualitative"] == "1",
            members=tuple(m for m in r["members"].split("|") if m),
            unit=r["unit"] or None, ucum=r["ucum"] or None, unit_si=r["unit_si"] or None,
            molar_mass=_num(r["molar_mass"]), valence=_num(r["valence"]),
            ref_low=_num(r["ref_low"]), ref_high=_num(r["ref_high"]), ref_unit=r["ref_unit"] or None,
            ref_source=r["ref_source"] or None)
    return tests


@cache
def displays() -> dict[str, str]:
    """Catalogue name -> the name in its usual written case, where a synonym shows it: one equal but for case
    ("C3", "pH", "CD4 count"), else the longest that begins the name ("anti-RNP" -> "anti-RNP antibodies"). The
    catalogue's names are lower-case keys; this is what a reader sees."""
    out: dict[str, str] = {}
    for r in _rows("labs.csv"):
        name, syns = r["name"], [s.strip() for s in r["synonyms"].split("|") if s.strip()]
        same = next((s for s in syns if s.lower() == name.lower() and s != name), None)
        heads = [s for s in syns if name.lower().startswith(s.lower() + " ") and s != name[:len(s)]]
        if same is None and heads:
            head = max(heads, key=len)
            same = head + name[len(head):]
        if same is not None:
            out[name] = same
    return out


def _case_sensitive(synonym: str) -> bool:
    return len(synonym) <= 5 and any(c.isupper() for c in synonym)


_NUMBER_TWIN = (("antibodies", "antibody"), ("antibody", "antibodies"), ("antigens", "antigen"),
                ("antigen", "antigens"), ("count", "counts"))  # "red blood cell counts were 16 and 20/mm3"


def _variants(key: str) -> list[str]:
    """Spellings a catalogue synonym is also written in: the other number of its last word ("double-stranded
    DNA antibody" for "... antibodies") and spaces for its hyphens ("double stranded"), with both."""
    out = []
    for a, b in _NUMBER_TWIN:
        if key.endswith(" " + a) or key.endswith("-" + a):
            out.append(key[: -len(a)] + b)
            break
    if "-" in key:
        out += [k.replace("-", " ") for k in (key, *out)]
    return out


@cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, str | None]]] = {}
    for r in _rows("labs.csv"):
        for syn in {r["name"], *r["synonyms"].split("|")}:
            syn = syn.strip()
            if not syn:
                continue
            exact = syn if _case_sensitive(syn) else None
            entries.setdefault(syn.lower(), []).append((r["name"], exact))
    for key, values in list(entries.items()):
        for variant in _variants(key):
            entries.setdefault(variant, values)  # a written synonym of another test wins over a variant
    for key, values in entries.items():
        auto.add_word(key, (len(key), tuple(values)))
    auto.make_automaton()
    return auto


# (text, hits) of the last text read: labs and workup both read one document's test names. The identity
# check is safe because the memo holds the text alive; one tuple is swapped in whole (thread-safe).
_LAST: list[tuple[str, list[TestHit]] | None] = [None]


def find_tests(text: str) -> list[TestHit]:
    """Leftmost-longest, non-overlapping test-name matches at word boundaries."""
    last = _LAST[0]
    if last is None or last[0] is not text:
        last = _LAST[0] = (text, _find_tests(text))
    return list(last[1])


def _find_tests(text: str) -> list[TestHit]:
    lower = lower_of(text)
    tests = catalogue()
    candidates: list[tuple[int, int, str]] = []
    n = len(text)
    # a word character (`\w`) is one that `isalnum`, or "_": tested inline, for this loop sees every name the
    # automaton finds inside a word too
    for end_idx, (length, values) in dict_scan.hits(_automaton(), lower):
        start, end = end_idx - length + 1, end_idx + 1
        if start > 0 and ((c := text[start - 1]).isalnum() or c == "_" or c == "-" and
                          start > 1 and text[start - 2].isalnum() and not _prefixed(text, start - 1)):
            continue
        if end < n and ((c := text[end]).isalnum() or c == "_") and text[end - 1] not in "+-":
            continue
        for name, exact in values:
            if exact is None or text[start:end] == exact:
                candidates.append((start, end, name))
                break
    for rx, name in _gated_labels():
        for m in rx.finditer(text):
            # "K 4.2 mEq/l": a symbol that names its test only before a number in the test's unit
            if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-/."):
                candidates.append((m.start(), m.end(), name))
    hits = [TestHit(start, end, tests[name]) for start, end, name in leftmost_longest(candidates)]
    return _with_targets(text, hits)


@cache
def _gated_labels() -> tuple[tuple[re.Pattern, str], ...]:
    """A pattern per short label of `knowledge/lab_unit_gated_labels.csv`, the label before a number in its units, or
    joined to a number by a hyphen as a laboratory system prints it ("K-4.2", read as a result on a result line)."""
    out = []
    for r in _rows("lab_unit_gated_labels.csv"):
        units = "|".join(re.escape(u).replace("/", r"\s?/\s?") for u in r["units"].split("|"))
        out.append((re.compile(re.escape(r["label"]) + r"(?=\s?[:=]?\s?\d+(?:[.,]\d+)?\s?(?i:" + units + r")\b"
                               r"|-\d+(?:\.\d+)?\*?(?:\s|$))"), r["test"]))
    return tuple(out)


@cache
def _specimen_prefixes() -> frozenset[str]:
    return frozenset(r["prefix"] for r in _rows("specimen_prefixes.csv"))


def _prefixed(text: str, hyphen: int) -> bool:
    """Whether the word before `hyphen` is a specimen prefix of Nordic notation ("S-cortisol", "fP-glucose"), the
    test's name after it still a name; it begins a word, so "HbS-" or "Hb-S" never counts."""
    k = hyphen
    while k > 0 and text[k - 1].isalpha() and hyphen - k < 2:
        k -= 1
    if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-_"):
        return False
    return text[k:hyphen] in _specimen_prefixes()


@cache
def _targets() -> dict[str, tuple[re.Pattern, dict[str, str]]]:
    """family test -> (its antigens as one whole-word pattern, antigen as written -> specific test)."""
    by_family: dict[str, dict[str, str]] = {}
    for r in _rows("antibody_targets.csv"):
        by_family.setdefault(r["family"], {})[r["target"].lower()] = r["test"]
    return {f: (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(m, key=len, reverse=True))
                           + r")(?![\w-])", re.I), m) for f, m in by_family.items()}


# between the family test and its antigen only the words of its result: "was (strongly) positive for", "with"
_TARGET_GAP = re.compile(r"(?:\s*(?:\([^()]{0,25}\)|was|were|is|are|testing|tests?|assays?|strongly|weakly|highly|"
                         r"positive|positivity|reactive|directed|specific|specificity|found|detected|"
                         r"an?|the)\b)*\s*(?:for|against|with|to)\s+(?:an?\s+|the\s+)?", re.I)


def _with_targets(text: str, hits: list[TestHit]) -> list[TestHit]:
    """'ANCA was positive for PR3 (142 IU/mL)': the bare antigen after its family test is the specific test."""
    targets = _targets()
    tests = catalogue()
    added: list[TestHit] = []
    for k, h in enumerate(hits):
        spec = targets.get(h.test.name)
        if spec is None:
            continue
        limit = min(hits[k + 1].start if k + 1 < len(hits) else len(text), h.end + 80)
        for m in spec[0].finditer(text, h.end, limit):
            if _TARGET_GAP.fullmatch(text, h.end, m.start()):
                added.append(TestHit(m.start(), m.end(), tests[spec[1][m.group().lower()]], target=True))
                break
    return sorted(hits + added, key=lambda x: x.start) if added else hits


def expand(test: LabTest) -> list[LabTest]:
    """A group name ("complement") stands for its members (C3, C4)."""
    if test.members:
        cat = catalogue()
        return [cat[m] for m in test.members]
    return [test]


def by_written(name: str) -> LabTest | None:
    """The catalogue test a name is written for (its name, a synonym or a spelling variant), or None."""
    entry = _automaton().get(" ".join(name.lower().split()), None)
    return catalogue().get(entry[1][0][0]) if entry else None
