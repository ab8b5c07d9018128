"""Infectious and serological work-ups: "Blood, sputum and urine cultures were negative", "serologies
were negative for HIV, CMV and hepatitis B", "negative Toxoplasma gondii PCR", "ruled out by Leptospira,
dengue and Brucella serology", "CMV PCR came back positive".

A work-up item is an organism or a specimen (`knowledge/workup_terms.csv`). Items joined only by commas,
"and"/"or", parentheses and qualifiers ("type 1 and 2") form a list; the list is a list of tests when a
test word ("culture", "serology", "PCR", "antibodies") follows it (shared by all items) or stands earlier
in its clause ("serologies were negative for ..."). Each test takes the result word nearest after its
list in the clause, else the nearest before it ("negative Toxoplasma PCR"). One `lab_value` mention per
test: its span is the result word, `attrs["test"]` the organism or specimen with the test word
("blood culture", "dengue virus serology"), `attrs["test_text"]` the test as written, `attrs["item_start"/"item_end"]`
the span of the organism or specimen it tests (so a disease named there can be read as ruled out by it).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan
from casecourse.reading.labs_catalogue import by_written, find_tests
from casecourse.reading.labs_qualitative import exception_before
from casecourse.reading.rx_first import lower_of

# [.!?](?=\s+[A-Z(\[]|\s*$)|[;\n], written to begin with one character class: `re` then skips to the
# candidates in C (three times faster; same matches)
_CLAUSE_END = re.compile(r"[.!?;\n](?:(?<=[.!?])(?=\s+[A-Z(\[]|\s*$)|(?<=[;\n]))")
_WORD = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?=\s+[A-Z(\[]|\s*$)|(?<=\n))")
_DIGIT = re.compile(r"\d")
_INTERVAL_BEFORE = re.compile(r"\(\s*[<>≤≥]?\s*\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*$")
# what may stand between two items of one list, once parentheses are removed
# (a line break ends a list: "- Blood cultures: X\n- Legionella antigen negative" holds two)
_LIST_GAP = re.compile(r"^(?:[^\S\n]|[,/&-]|\b(?:and|or|as well as|virus|viruses|type|types|\d{1,2})\b)*$", re.I)
# what may stand between the last item and a shared test word
_HEAD_GAP = re.compile(r"^(?:[^\S\n]|[,/-]|\b(?:virus|viral|disease|infection|type|types|and|\d{1,2}|IgG|IgM|surface|"
                       r"core|e|early|capsid|nuclear|quantitative|qualitative|real-time)\b)*$", re.I)
_PARENS = re.compile(r"\([^()]{0,60}\)")
# "hepatitis B e antigen": a marker of replication, negative in e-antigen-negative chronic hepatitis B, so it speaks
# neither for nor against the infection itself (attrs["marker"], no organism)
_E_ANTIGEN = re.compile(r"\s*(?:\([^()]{1,10}\)\s*)?e\s+antigen", re.I)
_FOUND_IN = re.compile(r"\b(?:detected|found|identified|present|demonstrated|seen)\s+(?:in|on)\s+(?:the\s+|a\s+)?$",
                       re.I)
_OF_SPECIMEN = re.compile(r"\b(?:of|from|in|on)\s+(?:the\s+|a\s+)?$", re.I)
_PROFILE = re.compile(r" (?:profile|panel)\b")
# a serology catalogue test may be written with any of these test words ("HIV test", "HIV antibody"): one test
_SEROLOGY_HEADS = frozenset({"test", "serology", "antibodies"})
_CULTURE_POS_VERB = 60  # chars after "showed"/"revealed" in which an organism must follow


_ITEMS = ("organism", "specimen", "named_test")
_GROWTH_VERBS = ("grew", "growth of", "isolated")
_GENERIC = ("bacterial", "fungal", "parasitic", "viral")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str
    canonical: str


@cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for row in table("workup_terms.csv"):
        if row["kind"] in ("not_modifier", "bare_head", "strain_qualifier"):
            continue
        for syn in row["synonyms"].split("|"):
            key = syn.strip().lower()
            if key and key not in auto:
                auto.add_word(key, (len(key), row["kind"], row["canonical"]))
    auto.make_automaton()
    return auto


def _catalogue_tests(text: str) -> list[Hit]:
    """Serologies and cultures of the lab catalogue ("ANA", "anti-dsDNA", "rheumatoid factor") are items too."""
    return [Hit(t.start, t.end, "named_test", t.test.name) for t in find_tests(text)
            if t.test.kind in ("serology", "culture") and not t.test.members and not t.target]


def _hits(text: str) -> list[Hit]:
    lower = lower_of(text)
    cands: list[Hit] = _catalogue_tests(text)
    names = sorted((t.start, t.end) for t in find_tests(text))
    name_starts, name_reach = [a for a, _ in names], list(accumulate((b for _, b in names), max))
    for end_idx, (length, kind, canonical) in dict_scan.hits(_automaton(), lower):
        start, end = end_idx - length + 1, end_idx + 1
        if start and _WORD.match(text[start - 1]) or end < len(text) and _WORD.match(text[end]):
            continue
        if kind in ("pos", "neg") and start and text[start - 1] == "-":
            continue  # part of a name or a stain, not a result: "C-reactive protein", "gram-positive"
        if kind in ("pos", "neg") and _INTERVAL_BEFORE.search(text, max(0, start - 24), start):
            continue  # the label of a reference interval: "0.4 (0–0.8 negative)", "<10 (<20 negative)"
        if kind in ("pos", "neg") and (i := bisect_right(name_starts, start)) and name_reach[i - 1] >= end:
            continue  # inside a test's name: "C- reactive protein", "positive end-expiratory pressure"
        if kind == "specimen" and (i := bisect_left(name_starts, start)) and name_reach[i - 1] >= end:
            continue  # the end of a test's name, not a specimen tested: "occult blood"
        cands.append(Hit(start, end, kind, canonical))
    # a catalogue test written as organism + test word ("CMV PCR") is that organism's test of that kind: the
    # catalogue may file it under another kind of test (a serology)
    organism_starts = {h.start for h in cands if h.kind == "organism"}
    head_ends = {h.end for h in cands if h.kind == "head"}
    cands = [h for h in cands if not (h.kind == "named_test" and h.start in organism_starts and h.end in head_ends)]
    cands += _elided_letters(text, cands)
    # on one span an organism or specimen reads better than a catalogue test of it ("CMV" -> "CMV serology")
    cands.sort(key=lambda h: (h.start, -(h.end - h.start), h.kind == "named_test"))
    out: list[Hit] = []
    for h in cands:
        if out and h.start < out[-1].end:
            continue
        if out and out[-1].kind in _ITEMS and h.kind in _ITEMS:
            between = text[out[-1].end:h.start]
            if between.strip() == "(":
                continue  # "Epstein-Barr virus (EBV)": the abbreviation of the item before it
            if not between.strip() and "specimen" in (out[-1].kind, h.kind):  # "throat MRSA", "MRSA throat"
                prev = out.pop()
                h = Hit(prev.start, h.end, "organism", f"{prev.canonical} {h.canonical}")
        out.append(h)
    return out


# "hepatitis B and C", "influenza A and B": an organism named by a letter, then further letters standing for the same
# name with that letter
_LETTERS_AFTER = re.compile(r"(?:\s*(?:,|and|or|/|&)\s*(?:and\s+)?[A-G](?![\w-]))+")
_LETTER = re.compile(r"[A-G](?![\w-])")


class _Hits(list):
    """The hits of a text in order of start (`_hits`), with their starts and test words, to find those near a position
    by bisection: a long clause of many lists reads in linear time."""

    def __init__(self, hits: list[Hit]) -> None:
        super().__init__(hits)
        self.starts = [h.start for h in hits]
        self.heads = [h for h in hits if h.kind == "head"]
        self.head_starts = [h.start for h in self.heads]

    def window(self, lo: int, hi: int) -> list[Hit]:
        """The hits starting in [lo, hi), in order."""
        return self[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def first_from(self, pos: int) -> Hit | None:
        i = bisect_left(self.starts, pos)
        return self[i] if i < len(self) else None


def _elided_letters(text: str, cands: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in cands:
        written = text[h.start:h.end]
        if h.kind != "organism" or len(written) < 3 or not _LETTER.fullmatch(written[-1]) or written[-2] != " ":
            continue
        tail = _LETTERS_AFTER.match(text, h.end)
        if tail is None:
            continue
        for letter in _LETTER.finditer(text, h.end, tail.end()):
            entry = _automaton().get((written[:-1] + letter.group()).lower(), None)
            if entry is not None and entry[1] == "organism":
                out.append(Hit(letter.start(), letter.end(), "organism", entry[2]))
    return out


# a comma and a conjunction open a new clause: "serologies were negative, and tuberculosis was excluded"
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|although)\b", re.I)


@cache
def _shared_result() -> re.Pattern[str]:
    """A phrase giving one result to every item of a list cut by semicolons (knowledge/shared_result_phrases.csv)."""
    words = sorted((r["phrase"] for r in table("shared_result_phrases.csv")), key=len, reverse=True)
    return re.compile(r",?\s*\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


def _clause_ends(text: str) -> list[int]:
    """Ends of clauses; a semicolon ends none when its sentence closes with a phrase that gives every item before
    it one result ("Gram stain; cultures for fungi; HSV PCR; and cryptococcal antigen, all of which were negative")."""
    ends: list[int] = []
    for m in _CLAUSE_END.finditer(text):
        if m.group() == ";":
            stop = _SENTENCE_END.search(text, m.end())
            if _shared_result().search(text, m.end(), stop.start() if stop else len(text)):
                continue
        ends.append(m.end())
    return ends


def _gap(text: str, a: int, b: int) -> str:
    return _PARENS.sub(" ", text[a:b])


def _lists(text: str, hits: list[Hit]) -> list[tuple[list[Hit], Hit | None]]:
    """Runs of organism/specimen items, each with the test word right after it (or None)."""
    out: list[tuple[list[Hit], Hit | None]] = []
    run: list[Hit] = []
    for h in hits:
        if h.kind in _ITEMS:
            if run and not _LIST_GAP.match(_gap(text, run[-1].end, h.start)):
                out.append((run, None))
                run = []
            run.append(h)
            continue
        if run:
            head = h if h.kind == "head" and _HEAD_GAP.match(_gap(text, run[-1].end, h.start)) else None
            out.append((run, head))
            run = []
    if run:
        out.append((run, None))
    return out


def _head_before(text: str, hits: _Hits, start: int, lo: int) -> Hit | None:
    """The last test word of the clause (from `start`) ending before `lo` with no new clause between. Test words do
    not overlap: one with a new clause after it has that clause after every earlier one too, so none is read past."""
    for k in range(bisect_left(hits.head_starts, lo) - 1, bisect_left(hits.head_starts, start) - 1, -1):
        h = hits.heads[k]
        if h.end > lo:
            continue
        return None if _NEW_CLAUSE.search(text, h.end, lo) else h
    return None


def _trailing_head(text: str, item: Hit) -> Hit | None:
    """The test word that ends a test named in full ("stool cultures" -> "cultures")."""
    word = text[item.start:item.end].rsplit(" ", 1)[-1]
    entry = _automaton().get(word.lower(), None)
    if entry is None or entry[1] != "head" or word == text[item.start:item.end]:
        return None
    return Hit(item.end - len(word), item.end, "head", entry[2])


# an organism stated as the subject of a lab result word: "Serum herpes simplex types 1 and 2 was not detected"
_SUBJECT_GAP = re.compile(r"^[\s,]*(?:(?:types?\s+\d(?:\s*(?:,|and|or|/)\s*\d)*|was|were|is|are|came back|returned|"
                          r"tested|all|both|also|again)[\s,]+)*$", re.I)
_LAB_RESULT_WORDS = ("detected", "not detected", "undetected", "undetectable", "reactive", "non-reactive",
                     "nonreactive", "negative", "positive")


def _implicit_test(text: str, hits: _Hits, hi: int, clause: tuple[int, int]) -> Hit | None:
    """An organism list with no test word is a test ("test") when a lab result word follows it as its predicate;
    "ruled out" or "excluded" after a disease name states no test."""
    nxt = hits.first_from(hi)
    if nxt is None or nxt.start >= clause[1] or nxt.kind not in ("pos", "neg"):
        return None
    word = text[nxt.start:nxt.end].lower().removeprefix("was ").removeprefix("were ")
    if word not in _LAB_RESULT_WORDS or not _SUBJECT_GAP.match(text[hi:nxt.start]):
        return None
    return Hit(hi, hi, "head", "test")


# what the patient is said to have tested: "she tested negative for hepatitis B and HIV", "was confirmed positive for"
_TESTED_BEFORE = re.compile(r"\b(?:tested|testing|screened|confirmed|found|proved|turned|was|were|is|are)\s+"
                            r"(?:(?:to\s+be|as)\s+)?$", re.I)


def _tested_for(text: str, hits: _Hits, items: list[Hit], clause: tuple[int, int]) -> Hit | None:
    """A list of organisms only, right after "tested negative for" (or "was positive for"), with no test word: a test
    ("test") of each organism, the result word before it."""
    if any(i.kind != "organism" for i in items):
        return None
    lo = items[0].start
    said = next((h for h in reversed(hits.window(clause[0], lo)) if h.kind in ("pos", "neg")), None)
    if said is None or said.canonical == "no finding" or not _RESULT_FOR.fullmatch(text, said.end, lo) \
            or not _TESTED_BEFORE.search(text, max(clause[0], said.start - 30), said.start):
        return None
    if any(h.kind in _ITEMS or h.kind == "head" for h in hits.window(clause[0], said.start)):
        return None  # "blood cultures were positive for E. coli": the test named before tested it
    return Hit(items[-1].end, items[-1].end, "head", "test")


def _result(text: str, hits: _Hits, lo: int, hi: int, clause: tuple[int, int]) -> Hit | None:
    """The result word for a list spanning lo..hi: nearest after it in the clause, else nearest before."""
    # not a result word inside a bracket opened after a gap: "flow cytometry showed T cells (positive CD3, negative
    # CD10)" names markers; "HIV serology (negative)" is the test's result
    # (read one by one up to the first that answers: not every result word of a long clause)
    # "smears were negative for acid-fast bacilli, but PCR detected M. tuberculosis": the result the list is
    # "negative for" is its own, not one of a later clause
    said = next((h for h in reversed(hits.window(clause[0], lo)) if h.kind in ("pos", "neg")), None)
    if said is not None and (_RESULT_FOR.fullmatch(text, said.end, lo) or text[said.end:lo].isspace()):
        # "negative for X"; "nonreactive X IgM and reactive X IgG": the word right before the list is its own, not
        # the next list's
        return said
    after = (h for h in hits.window(hi, clause[1]) if h.kind in ("pos", "neg", "pos_verb")
             and not _bracketed_later(text, hi, h.start) and not _valued_before_next(text, hits, hi, h.start))
    seen = False
    for h in after:
        seen = True
        if h.kind != "pos_verb":
            return h
        if any(o.kind == "organism" for o in hits.window(h.end, h.end + _CULTURE_POS_VERB + 1)):
            return Hit(h.start, h.end, "pos", "positive")
    # "Blood cultures: Streptococcus pneumoniae": a culture and, after a colon, the organism it grew; the colon may
    # follow the sample's date in brackets ("Blood cultures (02/09/2025): ...": documents QA round docqa5)
    head = _CULTURE_COLON.match(text, hi, clause[1])
    colon = head.end() - 1 if head is not None else -1
    if colon >= 0 and "cultur" in text[lo:hi].lower() and not seen and any(
            o.kind == "organism" for o in hits.window(colon + 1, min(colon + _CULTURE_POS_VERB, clause[1] - 1) + 1)):
        return Hit(colon, colon + 1, "pos", "positive")
    # a result word before the list, with no value between them ("ANA was positive 1:640, anti-RNP 113" is no
    # positive anti-RNP)
    # "... were all negative, except for hepatitis B core antibodies": the items set apart take no result said before
    return next((h for h in reversed(hits.window(clause[0], lo)) if h.kind in ("pos", "neg")
                 and h.canonical != "no finding" and h.end <= lo and not _value_between(text, hits, h.end, lo)
                 and not exception_before().search(text, h.end, lo)), None)


_CULTURE_COLON = re.compile(r"\s{0,2}(?:\([^()\n]{1,24}\)\s*)?:")
_RESULT_FOR = re.compile(r"\s+(?:for|of)\s+(?:the\s+|any\s+)?", re.I)


def _valued_before_next(text: str, hits: _Hits, hi: int, at: int) -> bool:
    """The list ending at `hi` has a value of its own before the next tested item, which the result word at `at`
    follows: "anti-dsDNA was 310 IU/mL and anti-Sm antibodies were positive" (the result is anti-Sm's)."""
    nxt = next((h for h in hits.window(hi, at) if h.kind in _ITEMS and h.start >= hi), None)
    return nxt is not None and _DIGIT.search(_PARENS.sub(" ", text[hi:nxt.start])) is not None


def _bracketed_later(text: str, hi: int, at: int) -> bool:
    """The position `at` stands inside a bracket that opens after some words past `hi`."""
    gap = text[hi:at]
    opened = gap.rfind("(")
    return opened > 0 and gap.find(")", opened) < 0 and bool(gap[:opened].strip(" ,:"))


def _value_between(text: str, hits: _Hits, a: int, b: int) -> bool:
    """A number stands between a result word and a later list, outside the names of tested items and outside
    parentheses: "ANA was positive 1:640, anti-RNP 113" (a value of its own), but not "negative and included
    influenza A (H1, H3) PCR, parainfluenza virus 1-4 PCR" (subtypes and serotypes name the test)."""
    chars = list(text[a:b])
    inside = [h for h in hits.window(a, b + 1) if h.kind in (*_ITEMS, "head") and h.end <= b]
    for h, nxt in zip(inside, [*inside[1:], None], strict=False):
        end = h.end
        if (h.kind in _ITEMS and nxt is not None and nxt.kind == "head"
                and _HEAD_GAP.match(_gap(text, h.end, nxt.start))):
            end = nxt.start  # "parainfluenza virus 1-4 PCR": the serotypes belong to the item
        chars[h.start - a:end - a] = " " * (end - h.start)
    return _DIGIT.search(_PARENS.sub(" ", "".join(chars))) is not None


def _grown(text: str, hits: _Hits, result: Hit, clause: tuple[int, int]) -> list[Hit]:
    """The organisms a growth verb names right after it ("grew", "growth of", "isolated"), in one list."""
    if text[result.start:result.end].lower() not in _GROWTH_VERBS:
        return []
    out: list[Hit] = []
    for h in (hits[k] for k in range(bisect_left(hits.starts, result.end), len(hits))):
        if h.start >= clause[1]:
            break  # (in order of start: the rest lie past the clause too)
        if h.kind != "organism":
            break
        gap = _gap(text, out[-1].end if out else result.end, h.start)
        if out and not _LIST_GAP.match(gap) or not out and len(gap) > _CULTURE_POS_VERB:
            break
        out.append(h)
    specific = [h for h in out if h.canonical not in _GENERIC]  # "the aerobic bacteria Salmonella enterica"
    return specific or out


# between the organisms and the verb that says where they grew: "S. aureus was isolated from blood cultures"
_GROWN_BEFORE_GAP = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$", re.I)


def _grown_before(text: str, hits: _Hits, result: Hit, clause: tuple[int, int]) -> list[Hit]:
    """The organisms told before the growth verb of a culture, as its subject ("Staphylococcus aureus was isolated
    from blood cultures", "E. coli and Klebsiella were isolated from the urine culture"), in one list."""
    if text[result.start:result.end].lower() not in _GROWTH_VERBS + ("detected",):
        return []
    i = bisect_left(hits.starts, result.start) - 1
    out: list[Hit] = []
    while i >= 0 and hits[i].start >= clause[0]:
        h = hits[i]
        if h.kind != "organism":
            break
        end = out[0].start if out else result.start
        gap = text[h.end:end]
        if out and not _LIST_GAP.match(gap) or not out and not _GROWN_BEFORE_GAP.fullmatch(gap):
            break
        out.insert(0, h)
        i -= 1
    specific = [h for h in out if h.canonical not in _GENERIC]
    return specific or out


# what a lead-in of results says ("Blood tests showed ..."): the results after it are the named tests'
_LEAD_IN = re.compile(r"\b(?:showed|shows|show|revealed|reveals|demonstrated|demonstrates|disclosed|were notable for|"
                      r"was notable for|were remarkable for|was remarkable for)\b", re.I)


def _lead_in(text: str, items: list[Hit], head: Hit | None, hi: int, result: Hit) -> bool:
    """ "Blood tests showed haemoglobin 71 g/L ... and undetectable haptoglobin": a specimen's tests named as the
    lead-in of results take none of them."""
    return head is not None and head.canonical == "test" and all(i.kind == "specimen" for i in items) \
        and _LEAD_IN.search(text, hi, result.start) is not None


def find(text: str) -> list[Mention]:
    hits = _Hits(_hits(text))
    kinds = {h.kind for h in hits}
    if not kinds & {"head", "named_test"} and not ("organism" in kinds and kinds & {"pos", "neg"}):
        return []
    ends = [0, *_clause_ends(text), len(text)]
    out: list[Mention] = []
    read: set[tuple[int, int]] = set()  # the test words that gave a result
    for items, head in _lists(text, hits):
        lo, hi = items[0].start, (head or items[-1]).end
        j = bisect_right(ends, lo) - 1  # the clause holding lo (ends ascend, lo < len(text))
        clause = (ends[j], ends[j + 1]) if 0 <= j < len(ends) - 1 and ends[j] <= lo < ends[j + 1] else \
            next((a, b) for a, b in zip(ends, ends[1:], strict=False) if a <= lo < b or b == len(text))
        if head is None and items[-1].kind == "named_test":  # "blood, urine and stool cultures"
            head = _trailing_head(text, items[-1])
        if head is None:  # a test word earlier in the clause: "serologies were negative for HIV and CMV"
            head = _head_before(text, hits, clause[0], lo)
            if all(i.kind == "specimen" for i in items) and (
                    head is None and _OF_SPECIMEN.search(text, max(0, lo - 24), lo)
                    or _FOUND_IN.search(text, max(0, lo - 40), lo)):
                # "a rearrangement study of the pleural fluid was positive": the specimen of that test; "HHV-6 DNA was
                # detected in blood": where the test found it, no test of its own
                continue
            if head is None and not any(i.kind == "named_test" for i in items):
                head = _implicit_test(text, hits, hi, clause) or _tested_for(text, hits, items, clause)
                if head is None:
                    continue
        result = _result(text, hits, lo, hi, clause)
        if result is None or _lead_in(text, items, head, hi, result):
            continue
        interp = "NEG" if result.kind == "neg" else "POS"
        grown = _grown(text, hits, result, clause) if interp == "POS" else []
        if not grown and interp == "POS" and head is not None and head.canonical == "culture":
            grown = _grown_before(text, hits, result, clause)
        for item in items:
            if item.kind == "named_test":
                name, written = item.canonical, text[item.start:item.end]
                profile = _PROFILE.match(text, item.end)
                if profile:  # "ANA profile": a panel of the test, named apart from the test
                    written += profile.group()
            elif head is None:
                continue
            elif item.kind == "organism" and head.canonical == "culture" and interp == "POS":
                continue  # "cultures grew E. coli": the culture is positive, the organism is its finding
            else:
                name = f"{item.canonical} {head.canonical}"
                written = f"{text[item.start:item.end]} {text[head.start:head.end]}" if head.end > head.start \
                    else text[item.start:item.end]
                # a list that shares its test word may compose a test named in full: "respiratory viral and
                # bacterial panel" holds the respiratory viral panel
                named = _automaton().get(" ".join(written.lower().split()), None)
                if named is not None and named[1] == "named_test":
                    name = named[2]
                catalogued = by_written(written) or by_written(f"{text[item.start:item.end]} {head.canonical}")
                whole = " ".join(text[item.start:head.end].split()) if head.end > item.end else written
                if whole != written and (full := by_written(whole)) is not None:
                    name, written = full.name, whole  # "hepatitis B surface antigen", not "hepatitis B antigen"
                elif catalogued is not None and (catalogued.name.lower().endswith(head.canonical.lower()) or
                                                 catalogued.kind == "serology" and head.canonical in _SEROLOGY_HEADS):
                    name = catalogued.name  # "HIV serology", "HIV test": the catalogue's test, whoever reads it
            for test, shown in _typed(text, item, name, written):
                attrs = {"test": test, "test_text": shown, "interpretation": interp, "loinc": None,
                         "workup": True, "item_start": item.start, "item_end": item.end,
                         **({"organism": item.canonical, "test_word": head.canonical}
                            if item.kind == "organism" and head is not None else
                            named_test_organism(item.canonical) if item.kind == "named_test" else {})}
                if head is not None and head.canonical == "antigen" and item.kind == "organism" and \
                        _E_ANTIGEN.match(text, item.end):
                    attrs = {k: v for k, v in attrs.items() if k not in ("organism", "test_word")} | {"marker": True}
                # "sputum cultures grew H. influenzae and S. aureus": the culture's result is each organism grown
                for s, e in [(o.start, o.end) for o in grown] or [(result.start, result.end)]:
                    out.append(Mention(type="lab_value", start=s, end=e, text=text[s:e], norm=test,
                                       attrs=dict(attrs, grown=text[s:e]) if grown else attrs))
                if head is not None:
                    read.add((head.start, head.end))
    out += _bare_tests(text, hits, ends, read)
    # "BAL PCR detected M. tuberculosis": one positive result, the organism's test; the specimen's test says no
    # more (a negative one, "throat swab for H1N1 was negative", keeps both names of what was tested)
    by_organism = {(m.start, m.end, m.attrs.get("test_word")) for m in out
                   if m.attrs.get("organism") and m.attrs.get("interpretation") == "POS"}
    out = [m for m in out if m.attrs.get("organism") or (m.start, m.end, str(m.norm or "").rsplit(" ", 1)[-1]
                                                        ) not in by_organism]
    out += _named_panels(text, hits, ends)
    # one result per test and result word; a test named twice differently ("ANA, ANA profile") is two tests
    out.sort(key=lambda m: (m.start, m.end, m.norm or "", _written_key(m)))
    return [m for i, m in enumerate(out) if not i or (m.start, m.norm, _written_key(m)) !=
            (out[i - 1].start, out[i - 1].norm, _written_key(out[i - 1]))]


def _bare_tests(text: str, hits: _Hits, ends: list[int], read: set[tuple[int, int]]) -> list[Mention]:
    """A test word that names its test alone, of no organism or specimen named with it (workup_terms.csv
    `bare_head`: "Cultures grew S. aureus", "the Gram stain showed gram-positive cocci", "flow cytometry showed
    no abnormal population"), where it opens its clause or follows a word that is no part of a name ("the",
    "repeat"; not "immunohistochemical staining") and a result follows it in its clause."""
    bare = _bare_heads()
    out: list[Mention] = []
    for h in hits.heads:
        written = " ".join(text[h.start:h.end].lower().split())
        if written not in bare or (h.start, h.end) in read:
            continue
        before = _WORD_BEFORE.search(text, max(0, h.start - 30), h.start)
        if before is not None and before.group(1) and (before.group(1).lower() not in _not_modifiers()
                                                        or before.group(1).lower() == "no"):
            continue  # "immunohistochemical staining": a name's part; "no cultures were positive": left unread
        j = bisect_right(ends, h.start) - 1
        clause = (ends[max(j, 0)], ends[min(j + 1, len(ends) - 1)])
        if any(x.kind in _ITEMS for x in hits.window(clause[0], h.start)):
            continue  # "blood and urine cultures ...": the lists read them
        result = _result(text, hits, h.start, h.end, clause)
        if result is None or result.end <= h.start or _BUT.search(text, h.end, result.start):
            continue  # "no growth on cultures, but PCR detected Listeria": the later clause's result is another test's
        interp = "NEG" if result.kind == "neg" else "POS"
        grown = _grown(text, hits, result, clause) if interp == "POS" else []
        attrs = {"test": bare[written], "test_text": text[h.start:h.end], "interpretation": interp, "loinc": None,
                 "workup": True, "item_start": h.start, "item_end": h.end}
        for s, e in [(o.start, o.end) for o in grown] or [(result.start, result.end)]:
            out.append(Mention(type="lab_value", start=s, end=e, text=text[s:e], norm=bare[written],
                               attrs=dict(attrs, grown=text[s:e]) if grown else attrs))
    return out


_BUT = re.compile(r"\b(?:but|however|whereas|while|although)\b", re.I)
# the word before a test word, or a clause's start (a punctuation mark, a line's start) where there is none
_WORD_BEFORE = re.compile(r"(?:([A-Za-z][\w-]*)[^\S\n]*|[.;:(\n]\s*|^\s*)\Z")


@cache
def _bare_heads() -> dict[str, str]:
    """Written form -> test name of the test words that name a test alone (workup_terms.csv `bare_head`)."""
    return {w.strip().lower(): row["canonical"] for row in table("workup_terms.csv") if row["kind"] == "bare_head"
            for w in row["synonyms"].split("|")}


_TYPES_AFTER = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?types?\s+(\d)\s*(?:,|and|or|/)\s*(\d)\b", re.I)


def _typed(text: str, item: Hit, name: str, written: str) -> list[tuple[str, str]]:
    """An organism written with its types ("HSV type 1 and 2") is tested once per type."""
    m = _TYPES_AFTER.match(text, item.end) if item.kind == "organism" else None
    if m is None:
        return [(name, written)]
    canonical, item_text = item.canonical, text[item.start:item.end]
    return [(name.replace(canonical, f"{canonical} {n}", 1), written.replace(item_text, f"{item_text} {n}", 1))
            for n in (m.group(1), m.group(2))]


def named_test_organism(test: str) -> dict[str, str]:
    """The organism a named test looks for and its kind of test ("HBsAg" -> hepatitis B virus, an antigen test),
    or nothing: knowledge/workup_named_tests.csv."""
    return _named_organisms().get(test.lower(), {})


@cache
def _named_organisms() -> dict[str, dict[str, str]]:
    return {r["test"].lower(): {"organism": r["organism"], "test_word": r["test_word"]}
            for r in table("workup_named_tests.csv")}


_PANEL_WORDS = re.compile(r"((?<![\w'’])(?:[A-Za-z][\w-]*\s+){1,4})$")


@cache
def _not_modifiers() -> frozenset[str]:
    """Words that end a work-up's name read backwards from its test word ("the", "extensive", "but")."""
    return frozenset(w.strip().lower() for row in table("workup_terms.csv") if row["kind"] == "not_modifier"
                     for w in row["synonyms"].split("|"))


def _named_panels(text: str, hits: _Hits, ends: list[int]) -> list[Mention]:
    """A work-up or panel named by what it looks for, with no organism or specimen listed: "the autoimmune
    hepatitis work-up was negative", "a septic PCR panel came back negative" -> one test named as written."""
    out: list[Mention] = []
    for i, h in enumerate(hits):
        if h.kind != "head" or h.canonical != "panel" or i and hits[i - 1].kind in _ITEMS and \
                _HEAD_GAP.match(_gap(text, hits[i - 1].end, h.start)):
            continue  # the test word of the list before it: "viral panel", "blood work-up"
        k = i  # test words right before it belong to its name: "septic PCR panel"
        while k and hits[k - 1].kind == "head" and not text[hits[k - 1].end:hits[k].start].strip():
            k -= 1
        floor = max(0, hits[k].start - 60, hits[k - 1].end if k else 0)
        m = _PANEL_WORDS.search(text, floor, hits[k].start) if k < i else _PANEL_WORDS.search(text, floor, h.start)
        words: list[str] = []
        for w in reversed(m.group(1).split() if m else []):  # the modifiers right before the test word
            if w.lower() in _not_modifiers():
                break
            words.insert(0, w)
        if not words:
            continue
        j = bisect_right(ends, h.start) - 1
        clause = (ends[max(j, 0)], ends[j + 1] if j + 1 < len(ends) else len(text))
        result = _result(text, hits, h.start, h.end, clause)
        if result is None or result.kind == "pos_verb":
            continue
        written = " ".join(words + [text[hits[k].start:h.end]])
        # the test filed under its test words' usual names: "polymerase chain reaction panel" -> "PCR panel"
        name = " ".join(words + [x.canonical for x in hits[k:i]] + [text[h.start:h.end]]).lower()
        first = text.rfind(words[0], max(0, h.start - 60), h.start)
        out.append(Mention(type="lab_value", start=result.start, end=result.end, text=text[result.start:result.end],
                           norm=name, attrs={"test": name, "test_text": written, "loinc": None, "workup": True,
                                             "interpretation": _panel_interpretation(text[result.start:result.end],
                                                                                     result.kind),
                                             "item_start": first, "item_end": h.end}))
    return out


def _panel_interpretation(word: str, kind: str) -> str:
    """An unremarkable panel is normal ("the metabolic panel was unremarkable"); a negative one negative."""
    if kind == "neg" and word.lower() in ("unremarkable", "normal"):
        return "N"
    return "NEG" if kind == "neg" else "POS"


def _written_key(m: Mention) -> str:
    return str(m.attrs.get("test_text") or "").lower()
