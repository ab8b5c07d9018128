"""Body sites and specimens named in the text: "papules on the scalp, neck and extensor surfaces of the limbs", "a
mass in the right lower quadrant", "liver and spleen were not palpable" (`knowledge/body_sites.csv`).

One `body_site` mention per site (the longest written form where forms overlap), `norm` the site and
`attrs["kind"]` (region, limb, organ). A site inside a longer mention (a finding, a diagnosis, a test or an
examination: "back pain", "liver biopsy") gives way to it in the pipeline's overlap resolution, so what remains
is a site named apart from its finding, often a fragment of a discontinuous finding ("swelling ... of the left
wrist"). A site written right before the word it qualifies ("neck swelling", "liver lesion", "chest radiograph",
"right upper quadrant pain") is that word's attributive site, not named apart: it gives way too
(`drop_attributive`). The course does not use them.

`find_specimens` reads the specimens and body fluids sampled or examined ("cultures of blood, urine and sputum",
`knowledge/specimen_words.csv`) as `specimen` mentions in the same way.
"""
from __future__ import annotations

import re
from functools import cache

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan, examinations, leftmost_longest
from casecourse.reading.rx_first import lower_of

_Entry = tuple[str, str, bool]  # name, kind, needs a determiner or a list before it
# what lets an everyday word ("back", "hand", "face") stand as a site: a determiner, a possessive, a side or level
# word, or a list of sites before it
_SITE_BEFORE = re.compile(r"(?:\b(?:the|his|her|their|its|both|left|right|upper|lower|bilateral|each|either|"
                          r"of|and|or)|,)\s+$", re.I)
_NOT_SITE_BEFORE = re.compile(r"\b(?:other|came|come|comes|coming|went|go|going|back|turned|brought|get|got|"
                              r"face|hand|at|in)\s+$", re.I)


@cache
def _automaton() -> ahocorasick.Automaton:
    keys: dict[str, _Entry] = {}
    for r in table("body_sites.csv"):
        for form in r["written"].split("|"):
            form = form.strip().lower()
            if form:
                keys.setdefault(form, (r["name"], r["kind"], r.get("context") == "det" and " " not in form))
    auto = ahocorasick.Automaton()
    for key, entry in keys.items():
        auto.add_word(key, (len(key), entry))
    auto.make_automaton()
    return auto


def _examined(text: str, start: int, exam_ends: set[int]) -> bool:
    """An examination ends right before the site, with only a gap of `_EXAMINED_GAP` between (the ends within 40
    characters before it are looked up, not every end of the text)."""
    for e in range(start - 40, start + 1):
        if e in exam_ends:
            gap = _EXAMINED_GAP.match(text, e, start)
            if gap is not None and gap.end() == start:
                return True
    return False


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")


# between an examination and the region it examined: "CT of the neck", "computed tomography (CT) neck", "ultrasound
# scan of her abdomen"
_EXAMINED_GAP = re.compile(r"\s*(?:\([A-Za-z]{1,8}\)\s*)?(?:scans?\s+|imaging\s+|images?\s+)?"
                           r"(?:(?:of|over)\s+(?:the\s+|his\s+|her\s+|both\s+)?)?", re.I)


def find(text: str) -> list[Mention]:
    """The sites named in `text`; a region an examination names as what it examined ("ultrasonography of the
    neck", "CT abdomen") is the examination's, not a finding's site, and is left out."""
    found: list[tuple[int, int, str, str]] = []
    exam_ends = {m.end for m in examinations.find(text)}
    for end_idx, (length, (name, kind, det)) in dict_scan.hits(_automaton(), lower_of(text)):
        end = end_idx + 1
        start = end - length
        if _word_char(text, end) or _word_char(text, start - 1) or _examined(text, start, exam_ends):
            continue
        if det:
            before = text[max(0, start - 20):start]
            if not _SITE_BEFORE.search(before) or _NOT_SITE_BEFORE.search(before):
                continue
        found.append((start, end, name, kind))
    out: list[Mention] = []
    for start, end, name, kind in leftmost_longest(found):
        out.append(Mention.model_construct(type="body_site", start=start, end=end, text=text[start:end], norm=name,
                                           attrs={"kind": kind}))
    return out


# the words a site written right before qualifies: "neck swelling", "liver metastases", "chest radiograph", "thyroid
# function tests"
_QUALIFIED = frozenset({"finding", "finding_part", "condition", "examination", "lab_test"})


def drop_attributive(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without the body sites followed, after one space, by a finding, diagnosis, examination or test
    they qualify ("[liver] lesion"): the phrase is one finding, its site no fragment of its own."""
    heads = {m.start for m in mentions if m.type in _QUALIFIED}
    return [m for m in mentions
            if m.type != "body_site" or not (m.end + 1 in heads and text[m.end:m.end + 1] == " ")]


@cache
def _specimen_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for r in table("specimen_words.csv"):
        for form in r["written"].split("|"):
            form = form.strip()
            if form:
                exact = form if sum(c.isupper() for c in form) >= 2 else None  # "CSF"
                auto.add_word(form.lower(), (len(form), r["name"], exact))
    auto.make_automaton()
    return auto


@cache
def _compound_after() -> re.Pattern:
    """A noun right after a specimen word that makes a compound naming no sample ("blood loss", "blood tests")."""
    words = sorted((r["word"].strip().lower() for r in table("specimen_compounds.csv") if r["word"].strip()),
                   key=len, reverse=True)
    return re.compile(rf"[ \t]+(?:{'|'.join(map(re.escape, words))})\b", re.I)


def find_specimens(text: str) -> list[Mention]:
    found: list[tuple[int, int, str]] = []
    compound = _compound_after()
    for end_idx, (length, name, exact) in dict_scan.hits(_specimen_automaton(), lower_of(text)):
        end = end_idx + 1
        start = end - length
        if _word_char(text, end) or _word_char(text, start - 1) or exact is not None and text[start:end] != exact:
            continue
        if compound.match(text, end):
            continue
        found.append((start, end, name))
    return [Mention.model_construct(type="specimen", start=start, end=end, text=text[start:end], norm=name)
            for start, end, name in leftmost_longest(found)]
