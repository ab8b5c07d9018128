"""Findings (HPO) and diagnoses (ICD-10-CM) named in a narrative.

One pass of an Aho-Corasick automaton over the normalised word keys of the whole text (see
`lexicon_norm`), so spelling, plural and word-order variants all meet the lexicon in one form;
candidate spans are then resolved longest-first. Two cheap extras run per document: compound words
the lexicon lacks ("leuconeutropenia" = leukopenia + neutropenia, two mentions over one span) and
abbreviations the text defines ("macrophage activation syndrome (MAS)").
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache
from itertools import compress, count, filterfalse, islice

from ..model import Assertion, Mention
from . import predicates, weight_change
from .lexicon_index import CODE_DIGITS, Entry, Index, _nouns_of_adjectives, load_index
from .lexicon_norm import Tokens, is_plural, norm_word, tokens, variants
from .rx_keys import starting_with

RULE = "phenotypes"
# A finding named inside a longer finding's span ("hearing loss" in "sensorineural hearing loss"):
# its own mention type, so the course counts the longer finding once while corpora that annotate
# both levels (GSC+) can still score it.
PART = "finding_part"
_DEFINED = re.compile(r"[”’\"']?\s*\(([A-Z][A-Za-z0-9-]{1,9})\)")  # also after a closing quote: “X” (XS)
# an abbreviated genus right before: a species name follows. The genus letter begins a word: the "L" of a unit
# ("130 mmol/L. Fever ...", "92,000/µL. Meningitis ...") ends a sentence, it abbreviates no genus
_GENUS = re.compile(r"(?<![^\s(\[])[A-Z]\. ?$")
# a comma, or a bracket opened and not closed, or a sentence's full stop (after a lowercase word, before a capital:
# "Imaging of emphysematous hepatitis. A and B: axial scans" names no hepatitis A; "St. Louis", "E. coli" stay names)
_CLAUSE_MARK = re.compile(r"[,;]|\((?![^)]*\))|(?<=[a-z]{2})\.\s+(?=[A-Z])")


@cache
def _compound_rx() -> re.Pattern:
    """Long words ending in a combining suffix, the only candidates for `_compound`."""
    ends = "|".join(sorted(variants()["compound_suffixes"], key=len, reverse=True))
    return re.compile(rf"(?<= )[a-z]{{4,}}(?:{ends})(?= )")


class _CompoundKeys(dict):
    """word key -> whether it is a whole match of `_compound_rx` (computed once per key)."""

    def __missing__(self, key: str) -> bool:
        # a whole match ends in a suffix: the others are told by one `endswith`
        hit = self[key] = key.endswith(_compound_suffixes()) and _compound_word_rx().fullmatch(key) is not None
        return hit


_COMPOUND_KEYS = _CompoundKeys()


@cache
def _compound_suffixes() -> tuple[str, ...]:
    return tuple(variants()["compound_suffixes"])


@cache
def _compound_word_rx() -> re.Pattern:
    """`_compound_rx` for one key alone: its lookarounds are the spaces around a key in `Tokens.joined`."""
    rx = _compound_rx().pattern
    assert rx.startswith("(?<= )") and rx.endswith("(?= )")
    return re.compile(rx[len("(?<= )"):-len("(?= )")])


@cache
def _compound(word: str) -> tuple[int, ...]:
    """Entry ids of a word made of a combining form and a known term ("hepatosplenomegaly")."""
    words = load_index().words
    suffixes = sorted(variants()["compound_suffixes"], key=len, reverse=True)
    for i in range(3, len(word) - 5):
        left, right = word[:i], word[i:]
        if right not in words or not left.endswith("o"):
            continue
        for suf in suffixes:
            if right.endswith(suf):
                first = words.get(left + suf) or words.get(left[:-1] + suf)
                if first is not None:
                    return (first, words[right])
                break
    return ()


@cache
def _inserted() -> frozenset[str]:
    """Keys of the degree and side words a writer may put inside a term (`inserted_modifiers`)."""
    return frozenset(norm_word(w) for w in variants()["inserted_modifiers"])


def _candidates(index: Index, toks: Tokens, text: str) -> list[tuple[int, int, int]]:
    """(first token, last token + 1, entry id) of every lexicon key found, boundaries respected; then, where
    the text has a degree or side word, the terms it interrupts ("neonatal severe hypotonia", "hypoplasia of
    the left optic nerve" when no term names the whole), spanning the interrupted words."""
    out = _scan(index, toks, text, toks.keys, None)
    keys = toks.keys
    left_out = list(compress(count(), map(_inserted().__contains__, keys)))  # the tokens left out, in order
    if not left_out:
        return out
    outer = {(a, b) for a, b, _ in out}
    for sel in _gap_selections(left_out, len(keys), _max_words(index)):
        for a, b, ei in _scan(index, toks, text, list(map(keys.__getitem__, sel)), sel):
            if not any(x <= a and b <= y for x, y in outer):
                out.append((a, b, ei))
    return out


def _gap_selections(left_out: list[int], n_tokens: int, longest: int) -> list[list[int]]:
    """The kept tokens of each window `_gap_windows(pos, longest)` gives (`pos[lo:hi]`, pos the tokens not in
    `left_out`), computed from the few left-out tokens alone: no pass over every kept token (the left-out word after
    kept token j is the k-th left out at token j + k + 1, and the lo-th kept token is lo + the left-out ones before)."""
    n_kept = n_tokens - len(left_out)
    gaps = dict.fromkeys(t - k - 1 for k, t in enumerate(left_out) if 0 < t - k < n_kept)  # in order, once each
    skip = set(left_out)
    out = []
    before = 0  # left-out tokens before the first kept token of the window
    for lo, hi in _windows(gaps, n_kept, longest):
        while before < len(left_out) and left_out[before] <= lo + before:
            before += 1
        out.append(list(islice(filterfalse(skip.__contains__, count(lo + before)), hi - lo)))
    return out


_MAX_WORDS: list[tuple[Index, int]] = []  # (index, its longest key in words), for the index last asked about


def _max_words(index: Index) -> int:
    """The most words a lexicon key has (the automaton's longest key, in word codes; `get_stats` walks the whole
    trie, a few ms: once per index)."""
    if not _MAX_WORDS or _MAX_WORDS[0][0] is not index:
        _MAX_WORDS[:] = [(index, -(-index.automaton.get_stats()["longest_word"] // CODE_DIGITS))]
    return _MAX_WORDS[0][1]


def _gap_windows(pos: list[int], longest: int) -> list[tuple[int, int]]:
    """Ranges [lo, hi) of the kept tokens `pos` that hold every run of at most `longest` kept tokens spanning a
    left-out word, disjoint and in order. `_scan` over a selection keeps only such runs, so scanning these ranges
    instead of the whole selection yields the same matches in the same order: an Aho-Corasick pass reports every
    occurrence of a key inside a range as it does inside the whole, each window holds every run across its gaps
    (a run of n <= `longest` tokens across the gap after kept token j lies within j - longest + 2 .. j + longest - 1),
    and the windows are merged where they overlap or touch, so no run is reported twice."""
    return _windows((j for j in range(len(pos) - 1) if pos[j + 1] - pos[j] > 1), len(pos), longest)


def _windows(gaps: Iterable[int], n_kept: int, longest: int) -> list[tuple[int, int]]:
    """`_gap_windows` from the kept tokens `gaps` (in order) that a left-out word follows."""
    out: list[tuple[int, int]] = []
    for j in gaps:
        lo, hi = max(0, j - longest + 2), min(n_kept, j + longest)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _scan(index: Index, toks: Tokens, text: str, keys: list[str], pos: list[int] | None) -> list[tuple[int, int, int]]:
    """`_candidates` over `keys`, the text's keys or (with `pos`, their token positions) a selection of them:
    a match over a selection counts only where it spans a left-out word."""
    out = []
    starts, ends, entries, clause, plural = toks.starts, toks.ends, index.entries, _CLAUSE_MARK.search, index.plural
    for end, (n, plain, cased) in index.automaton.iter(index.encode(keys)):
        first = end // CODE_DIGITS - n + 1  # the match is a run of n word codes ending in token end // CODE_DIGITS
        if pos is not None:
            if cased or pos[first + n - 1] - pos[first] == n - 1:
                continue  # an abbreviation, or nothing left out inside: the plain scan has it
            first, n = pos[first], pos[first + n - 1] - pos[first] + 1
        ei = plain
        if cased:
            surface = text[starts[first]:ends[first + n - 1]]
            for c in cased:
                form = entries[c].case or ""
                if surface == form or surface == form + "s":
                    ei = c
                    break
        if ei < 0:
            continue
        if ei in plural and is_plural(text[starts[first + n - 1]:ends[first + n - 1]]):
            ei = plural[ei]  # "lipomas": HPO's Multiple lipomas
        if entries[ei].predicative and not _phrase_ends(toks, text, first + n):
            continue
        s = starts[first]
        if after_genus(text, s):
            continue
        if n > 1 and clause(text, s, ends[first + n - 1]):
            continue  # "stenosis of the artery, lung ...", "enlarged (the right ventricle": no name across a clause
        out.append((first, first + n, ei))
    return out


_NAME_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_NAME_LINKS = frozenset({"in", "of", "for", "and", "the", "on", "with", "&"})


@cache
def _name_heads() -> frozenset[str]:
    return frozenset(variants()["name_heads"])


def in_proper_name(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (capitalised) sits inside a Title-Case name of three or more capitalised
    words holding an instrument or body noun ("Response Evaluation Criteria in Solid Tumors"): a name,
    no finding of the patient."""
    lo, hi = max(0, start - 80), min(len(text), end + 80)
    line_lo = text.rfind("\n", lo, start) + 1 or lo
    line_hi = text.find("\n", end, hi)
    segment = text[line_lo:hi if line_hi < 0 else line_hi]
    words = [(m.start() + line_lo, m.group()) for m in _NAME_WORD.finditer(segment)]
    idx = next((i for i, (s, _) in enumerate(words) if s >= start), None)
    if idx is None:
        return False

    def in_name(w: str) -> bool:
        return w[0].isupper() or w.lower() in _NAME_LINKS

    a = idx
    while a > 0 and in_name(words[a - 1][1]) \
            and text[words[a - 1][0] + len(words[a - 1][1]):words[a][0]].strip() == "":
        a -= 1
    b = idx
    while b + 1 < len(words) and in_name(words[b + 1][1]) \
            and text[words[b][0] + len(words[b][1]):words[b + 1][0]].strip() == "":
        b += 1
    run = [w for _, w in words[a:b + 1]]
    capitals = [w for w in run if w[0].isupper()]
    # more capitalised words than a name holds: a headline written in Title Case ("Diffuse Calcification of the
    # Urinary System and Miliary Tuberculosis Due To Late Diagnosis ..."), whose findings are the case's
    return 3 <= len(capitals) <= _NAME_MAX_CAPITALS and any(w.lower() in _name_heads() for w in capitals)


_NAME_MAX_CAPITALS = 8


_NAME_TAIL = re.compile(r"((?:[ \t-]+[A-Za-z][\w'\u2019]*){0,5}?)[ \t]*\(([A-Z][A-Za-z]{1,8})\)")
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w'\u2019]*[ \t-]+){1,4}$")


def _initials_fit(letters: str, words: list[str]) -> bool:
    """Whether `letters` are the initials of `words` in order, link words ("with", "of") optional."""
    if not words:
        return not letters
    w = words[0]
    if w.lower() in _NAME_LINKS and _initials_fit(letters, words[1:]):
        return True
    return bool(letters) and w[0].lower() == letters[0].lower() and _initials_fit(letters[1:], words[1:])


def in_abbreviated_name(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is only a piece of a longer name that an abbreviation right after it
    defines ("Ataxia with vitamin E deficiency (AVED)", "Hospital Anxiety and Depression Scale
    (HADS)"): the name is the disease or the instrument, the word inside it no finding of the patient."""
    tail = _NAME_TAIL.match(text, end)
    if tail is None:
        return False
    abbr = tail.group(2)
    letters = abbr[:-1] if abbr.endswith("s") and abbr[:-1].isupper() else abbr
    if not letters.isupper():
        return False
    after = re.split(r"[ \t-]+", tail.group(1).strip(" \t-")) if tail.group(1).strip(" \t-") else []
    own = re.split(r"[\s-]+", text[start:end].strip())
    before_m = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    before = re.split(r"[ \t-]+", before_m.group().strip(" \t-")) if before_m else []
    # a name ending in the finding ("hyperammonaemic encephalopathy (VHE)") is that finding's; a virus
    # named after its disease ("human immunodeficiency virus (HIV)") stands for the infection
    if not after or after[-1].lower() in ("virus", "viruses"):
        return False
    for i in range(len(before) + 1):  # the name may begin at or before the finding
        name = before[len(before) - i:] + own + after
        if name[0].lower() not in _NAME_LINKS and _initials_fit(letters, name):
            return True
    return False


def after_genus(text: str, start: int) -> bool:
    """Whether the word at `start` follows an abbreviated genus ("M. tuberculosis", "S. pneumoniae"):
    it then names the organism, not the disease."""
    if "." not in text[max(0, start - 3):start]:  # the genus's full stop ends the window (or precedes ' ', '\n')
        return False
    return _GENUS.search(text, max(0, start - 4), start) is not None


def _phrase_ends(toks: Tokens, text: str, nxt: int) -> bool:
    """Whether an adjective before token `nxt` is predicative ("he was ataxic and ...") rather than
    attributive ("eosinophilic infiltrate"): punctuation (not a hyphen joining a compound, "diabetic-ESRD"),
    the end, or a function word follows."""
    if nxt >= len(toks.keys):
        return True
    if gap := text[toks.ends[nxt - 1]:toks.starts[nxt]].strip():
        return gap not in ("-", "\u2010", "\u2013")
    if toks.keys[nxt] in _followers():
        return True
    # a capitalised adjective of origin between it and a person noun: "a hypertensive and diabetic Asian male", "a
    # diabetic Japanese woman" (left13)
    word = text[toks.starts[nxt]:toks.ends[nxt]]
    return nxt + 1 < len(toks.keys) and word[:1].isupper() and word[1:].islower() \
        and not text[toks.ends[nxt]:toks.starts[nxt + 1]].strip() and toks.keys[nxt + 1] in _person_nouns()


@cache
def _person_nouns() -> frozenset[str]:
    return frozenset(norm_word(w) for w in variants()["person_nouns"])


def _attributive(toks: Tokens, text: str, nxt: int) -> bool:
    """Whether the match before token `nxt` only qualifies the noun after it ("tumor markers",
    "tumor-free margins"): it then names no finding of the patient, only the concept."""
    if nxt >= len(toks.keys):
        return False
    gap = text[toks.ends[nxt - 1]:toks.starts[nxt]]
    heads = _attributive_heads()
    return toks.keys[nxt] in (heads[0] if not gap.strip() else heads[1] if gap in ("-", "\u2010", "\u2013") else ())


def _dangling_of(toks: Tokens, text: str, a: int, b: int) -> bool:
    """Whether a match "findings of X" (a general head noun, "of", one organ word) stops inside a longer
    phrase because X is an adjective ("manifestations of vascular leak syndrome", "findings of cerebral
    and pulmonary imaging"): the phrase names an examination or a disease, no finding."""
    if b - a != 3 or toks.keys[a + 1] != "of" or toks.keys[a] not in _general_heads():
        return False
    return text[toks.starts[b - 1]:toks.ends[b - 1]].lower() in _nouns_of_adjectives()


_OF_AFTER = re.compile(r"\s+of\b")


def _onset_of(toks: Tokens, text: str, b: int) -> bool:
    """Whether a match ending in "development" is the onset of what follows ("the delayed development of compartment
    syndrome"), not a child's development."""
    return toks.keys[b - 1] == norm_word("development") and _OF_AFTER.match(text, toks.ends[b - 1]) is not None


@cache
def _general_heads() -> frozenset[str]:
    """"abnormality" and the general nouns that stand for it ("findings", "manifestations"), normalised."""
    heads = variants()["head_synonyms"]
    return frozenset(norm_word(w) for k in ("abnormality", "abnormalities") for w in (k, *heads.get(k, ())))


@cache
def _attributive_heads() -> tuple[frozenset[str], frozenset[str]]:
    v = variants()
    return (frozenset(norm_word(w) for w in v["attributive_heads"]), frozenset(norm_word(w) for w in v["hyphen_heads"]))


@cache
def _followers() -> frozenset[str]:
    """Words after which an adjective ends its phrase: function words, and person nouns it describes."""
    v = variants()
    return frozenset(v["predicative_followers"]) | frozenset(norm_word(w) for w in v["person_nouns"])


@cache
def _ancestors(hpo: str) -> frozenset[str]:
    parents = load_index().parents
    seen: set[str] = set()
    stack = [hpo]
    while stack:
        for p in parents.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return frozenset(seen)


def _select(index: Index, cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest match first, plus the shorter matches inside a chosen one whose HPO term the longer
    one specialises ("ear anomalies" in "external ear anomalies", not "carcinoma" in "basal cell
    carcinoma", which HPO files elsewhere), and any HPO term inside a diagnosis that has none
    ("neurofibromatosis" in "neurofibromatosis type 2"). `_layers` later tells the two apart."""
    cands = sorted(set(cands), key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = [False] * (max((c[1] for c in cands), default=0) + 1)
    chosen: list[tuple[int, int, int]] = []
    inner: list[tuple[int, int, int]] = []
    for c in cands:
        if any(taken[c[0]:c[1]]):
            inner.append(c)
            continue
        chosen.append(c)
        for i in range(c[0], c[1]):
            taken[i] = True
    # the first choices do not overlap: a shorter match lies in at most one of them, and so does every shorter match
    # chosen inside it; those are read (in the order chosen) instead of every choice
    firsts = sorted(chosen)
    first_starts = [o[0] for o in firsts]
    within: dict[tuple[int, int, int], list[tuple[int, int, int]]] = {}
    for c in inner:
        hpo = index.entries[c[2]].hpo
        i = bisect.bisect_right(first_starts, c[0]) - 1
        if i < 0 or firsts[i][1] < c[1]:
            continue  # in no first choice: in no later one either
        home = firsts[i]
        for o in [home, *within.get(home, [])]:
            outer = index.entries[o[2]].hpo
            if o[0] <= c[0] and c[1] <= o[1] and hpo and (not outer or hpo in _ancestors(outer)):
                chosen.append(c)
                within.setdefault(home, []).append(c)
                break
    return chosen


def _split_pairs(index: Index, toks: Tokens, picked: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A term that pairs two findings HPO also names alone ("nausea and vomiting", "fever and chills")
    is read as the two findings, as a clinician lists them."""
    out = []
    keys = toks.keys
    for a, b, ei in picked:
        halves = None
        for k in range(a + 1, b - 1):
            if keys[k] in ("and", "or"):
                left = index.get(" ".join(keys[a:k]))
                right = index.get(" ".join(keys[k + 1:b]))
                if left and right and left[1] >= 0 and right[1] >= 0 \
                        and index.entries[left[1]].kind == index.entries[right[1]].kind == "finding":
                    halves = [(a, k, left[1]), (k + 1, b, right[1])]
                break
        out += halves or [(a, b, ei)]
    return out


def _layers(picked: list[tuple[int, int, int]]) -> list[bool]:
    """For each picked span, whether it is a part: overlapped by a longer (or earlier equally long)
    span that is kept. Spans identical to a kept one are kept too (one span, two codes)."""
    order = sorted(range(len(picked)), key=lambda i: (picked[i][0] - picked[i][1], picked[i][0], picked[i][2]))
    # kept spans never overlap unless identical, so one owner per token is enough
    owner: dict[int, tuple[int, int]] = {}
    part = [False] * len(picked)
    for i in order:
        a, b, _ = picked[i]
        if any(owner.get(t, (a, b)) != (a, b) for t in range(a, b)):
            part[i] = True
        else:
            owner.update(dict.fromkeys(range(a, b), (a, b)))
    return part


def _coordinated(index: Index, toks: Tokens, text: str, sources: list[tuple[int, int, int]],
                 picked: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Terms sharing a head with a found one: "aplastic or hypoplastic nails", "ear and kidney
    anomalies", "palmar/plantar pits". The found term's first word is swapped for each coordinated
    modifier to its left; a term is kept only if the lexicon has it. Spans run from the modifier."""
    out = []
    # the last word of a found term of two or more words is no modifier: "weight loss or loss of appetite"
    ends = {b - 1 for a, b, _ in picked if b - a > 1}
    t_start, t_end, keys = toks.starts, toks.ends, toks.keys
    for a, b, _ in sources:
        if b - a < 2:
            continue
        rest = " ".join(keys[a + 1:b])
        pos = a
        skipped = False
        while pos >= 2 or (pos == 1 and text[t_end[0]:t_start[1]].strip() == "/"):
            gap = text[t_end[pos - 1]:t_start[pos]].strip()
            if gap in ("/", ","):
                mod = pos - 1
            elif not gap and keys[pos - 1] in ("and", "or") and pos >= 2:
                mod = pos - 2
                if keys[pos - 1] == "or" and pos >= 3 and keys[mod] == "and" \
                        and text[t_end[mod]:t_start[pos - 1]].strip() == "/":
                    mod = pos - 3  # "upper and/or lower limb weakness"
            else:
                break
            if mod in ends or keys[mod] == keys[a]:
                break  # "misshapen ears, ear malformations": the same word again starts the next item
            value = index.get(f"{keys[mod]} {rest}")
            if value is None or value[1] < 0:
                # one list adjective that makes no term with the head is passed over, once: "ophthalmic,
                # orofacial, articular, and auditory manifestations"
                if skipped or not _list_adjective(toks, text, mod):
                    break
                skipped, pos = True, mod
                continue
            # a two-word modifier: "posterior subcapsular or capsular cataract"
            if mod >= 1 and mod - 1 not in ends and not text[t_end[mod - 1]:t_start[mod]].strip():
                wider = index.get(f"{keys[mod - 1]} {keys[mod]} {rest}")
                if wider is not None and wider[1] >= 0:
                    out.append((mod - 1, b, wider[1]))
                    break
            out.append((mod, b, value[1]))
            pos = mod
        out += _coordinated_right(index, toks, text, a, b)
        out += _coordinated_prefix(index, toks, text, a, b)
    return out


def _coordinated_prefix(index: Index, toks: Tokens, text: str, a: int, b: int) -> list[tuple[int, int, int]]:
    """A prefix standing for a coordinated word whose own prefix differs: "hypo- and hyperpigmented
    macules" (Hypopigmented macule beside Hypermelanotic macule), "pre- and postaxial polydactyly",
    "intra-/extrahepatic". The prefix (one of `joined_prefixes`) replaces the found term's first-word
    prefix; the term is kept if the lexicon has it. The span runs from the prefix."""
    if a < 2:
        return []
    t_start, t_end, keys = toks.starts, toks.ends, toks.keys
    if keys[a - 1] in ("and", "or"):
        left = a - 2
        if text[t_end[left]:t_start[a - 1]].strip() != "-" or text[t_end[a - 1]:t_start[a]].strip():
            return []
    else:
        left = a - 1
        if text[t_end[left]:t_start[a]].strip() not in ("-/", "-", "/"):
            return []
    prefix, word = text[t_start[left]:t_end[left]].lower(), text[t_start[a]:t_end[a]].lower()
    prefixes = _prefixes()
    own = next((p for p in prefixes if word.startswith(p) and len(word) - len(p) >= 4), None)
    if prefix not in prefixes or own is None or own == prefix:
        return []
    value = index.get(" ".join([norm_word(prefix + word[len(own):]), *keys[a + 1:b]]))
    return [(left, b, value[1])] if value is not None and value[1] >= 0 else []


@cache
def _prefixes() -> tuple[str, ...]:
    """`joined_prefixes`, longest first (so "hyper" is tried before "hyp...")."""
    return tuple(sorted(variants()["joined_prefixes"], key=len, reverse=True))


_ADJECTIVE_ENDS = ("al", "ar", "ic", "ous", "ary", "eal")


def _list_adjective(toks: Tokens, text: str, i: int) -> bool:
    """Whether token i is a one-word adjective element of a comma list ("orofacial, ...")."""
    return i + 1 < len(toks.keys) and text[toks.ends[i]:toks.starts[i + 1]].strip() == "," \
        and text[toks.starts[i]:toks.ends[i]].lower().endswith(_ADJECTIVE_ENDS)


def _coordinated_right(index: Index, toks: Tokens, text: str, a: int, b: int) -> list[tuple[int, int, int]]:
    """Terms sharing their first words with a found one, to its right: "renal hypoplasia and
    agenesis", "cleft lip and palate", "pits of the palms and soles", "renal hypoplasia/dysplasia",
    "elevated serum cholesterol and alkaline phosphatase" (a conjunct of up to three words, after
    the found term's words but the last, or fewer before a longer conjunct). Spans run from the found
    term's start to the coordinated words."""
    out = []
    t_start, t_end, t_keys = toks.starts, toks.ends, toks.keys
    n_toks = len(t_keys)
    keys = t_keys[a:b]
    stems = [" ".join(keys[:j]) for j in range(len(keys) - 1, 0, -1)]
    pos = b  # the token after the last conjunct
    while pos < n_toks:
        gap = text[t_end[pos - 1]:t_start[pos]].strip()
        if gap in ("/", ",") and not (gap == "," and t_keys[pos] in ("and", "or")):
            nxt = pos
        elif not gap and t_keys[pos] in ("and", "or") and pos + 1 < n_toks \
                and not text[t_end[pos]:t_start[pos + 1]].strip():
            nxt = pos + 1
        elif not gap and t_keys[pos] == "and" and pos + 2 < n_toks and t_keys[pos + 1] == "or" \
                and text[t_end[pos]:t_start[pos + 1]].strip() == "/":
            nxt = pos + 2  # "cleft lip and/or palate"
        elif gap == "," and t_keys[pos] in ("and", "or") and pos + 1 < n_toks:
            nxt = pos + 1
        else:
            break
        hit = _conjunct(index, toks, text, stems, nxt, gap == ",")
        if hit is None:
            break
        end, ei = hit
        if gap == "," and nxt == pos and not _phrase_ends(toks, text, end):
            break  # "stenosis of the artery, lung congestion": the word after a comma starts a new phrase
        out.append((a, end, ei))
        pos = end
    return out


def _conjunct(index: Index, toks: Tokens, text: str, stems: list[str], nxt: int,
              listed: bool = False) -> tuple[int, int] | None:
    """(end token, entry) of the longest run of one to three words from `nxt` that a stem completes to
    a lexicon term, longest stem first; None if none does or the run heads a phrase of its own
    ("... and calcification of the falx")."""
    t_start, t_end, keys = toks.starts, toks.ends, toks.keys
    n_toks = len(keys)
    for n in (3, 2, 1):
        end = nxt + n
        if end > n_toks or any(keys[k] in ("and", "or") or text[t_end[k - 1]:t_start[k]].strip()
                               for k in range(nxt + 1, end)):
            continue
        if end < n_toks and keys[end] == "of":
            continue
        words = " ".join(keys[nxt:end])
        # a stem shorter than all but the last word only before two words or more that name no finding
        # alone: "elevated serum cholesterol and alkaline phosphatase", not "high arched palate, myopia"
        alone = index.get(words)
        for i, stem in enumerate(stems[:None if n > 1 else 1]):
            # after a comma, a conjunct that is a finding itself is the next item of a list: "foot deformities, edema"
            if (i or n > 1 or listed) and alone is not None and alone[1] >= 0:
                break  # "recurrent chest infections, pulmonary hemorrhage": a conjunct that is a finding itself
            value = index.get(f"{stem} {words}")
            if value is not None and value[1] >= 0:
                return end, value[1]
    return None


def _mention(text: str, s: int, e: int, entry: Entry, how: str, part: bool = False, conjunct: bool = False
             ) -> Mention:
    surface = text[s:e]
    attrs: dict[str, str | float | int | bool | None] = {"label": entry.label, "source": how}
    if conjunct:
        attrs["conjunct"] = True
    if entry.hpo:
        attrs["hpo"] = entry.hpo
    if entry.kind == "condition":
        attrs["icd10"] = entry.icd10
        attrs["category"] = entry.category
    norm = entry.noun or " ".join(surface.lower().split())
    # model_construct: the fields are built right here, so pydantic's validation is skipped for speed
    return Mention.model_construct(type=PART if part else entry.kind, start=s, end=e, text=surface, norm=norm,
                                   zone="narrative", assertion=Assertion.present, attrs=attrs)


# a disease's name before "toxin", "toxoid" or "antitoxin" names the toxin or its vaccine, not the disease: "the
# gene of toxic shock syndrome toxin-1", "tetanus toxoid was given" (documents QA round docqa12)
_TOXIN_AFTER = re.compile(r"(?:\s+|-)(?:anti)?tox(?:ins?|oids?)\b", re.I)


# a one-word finding behind a negating prefix only qualifies the next word: "non-scarring alopecia"
_NON_BEFORE = re.compile(r"\bnon[- ]?$", re.I)


def find_phenotypes(text: str, nested: bool = False) -> list[Mention]:
    """Finding and condition mentions in `text`, sorted by start.

    Overlapping matches resolve to the longest; the shorter general terms inside one (e.g. "ear
    anomalies" inside "external ear anomalies") come as `finding_part` mentions, or with
    `nested=True` as plain findings/conditions.
    """
    index = load_index()
    toks = tokens(text)
    cands = _candidates(index, toks, text)
    extra: list[tuple[int, int, int, str]] = []
    # the keys `_compound_rx` matches as whole words (it cannot cross the spaces between keys), each key's
    # answer kept for the process: the tokens' indices without a scan per suffix
    long_words = list(compress(count(), map(_COMPOUND_KEYS.__getitem__, toks.keys)))
    if long_words:
        covered = {i for a, b, _ in cands for i in range(a, b)}
        for i in long_words:
            if i not in covered:
                s, e, k = toks.starts[i], toks.ends[i], toks.keys[i]
                extra += [(s, e, ei, "compound") for ei in _compound(k)]
    # "non-bloody diarrhea": a negating prefix on a term's first word takes that word's sense away; the shorter term
    # inside ("diarrhea") stands
    cands = [c for c in cands if c[1] - c[0] < 2 or not _NON_BEFORE.search(
        text, max(0, toks.starts[c[0]] - 5), toks.starts[c[0]])]
    picked = _split_pairs(index, toks, _select(index, cands))
    n_found = len(picked)
    picked += _coordinated(index, toks, text, picked, picked)
    parts = _layers(picked) if not nested else [False] * len(picked)
    # the term a coordination to its right was built from stays a finding of its own under the coordinated one
    # ("cleft lip" under "cleft lip and palate"); `conjunct` lets the two overlap in the reading. (To the left,
    # "neck and shoulder pain", the span ends in the term: case reports annotate such a coordination once.)
    conjunct = [False] * len(picked)
    if len(picked) > n_found and not nested:
        alone = _layers(picked[:n_found])
        starts = {a for a, _, _ in picked[n_found:]}
        conjunct[:n_found] = [p and not q and c[0] in starts for p, q, c in zip(parts, alone, picked, strict=False)]
        parts = [p and not c for p, c in zip(parts, conjunct, strict=True)]
    # a finding word that only qualifies the next noun ("tumor markers") is a part too: named, not found
    # and so is one inside a longer name: "findings of cerebral (imaging)", "ataxia with X deficiency (AXD)"
    t_start, t_end = toks.starts, toks.ends
    # a one-word match behind a negating prefix names no finding or diagnosis: "non-tender", "a non-diabetic man"
    parts = [p or (c[1] - c[0] == 1 and _NON_BEFORE.search(text, max(0, t_start[c[0]] - 5), t_start[c[0]]))
             or (index.entries[c[2]].kind == "finding"
                 and (_attributive(toks, text, c[1]) or _dangling_of(toks, text, c[0], c[1])
                      or _onset_of(toks, text, c[1])
                      or in_abbreviated_name(text, t_start[c[0]], t_end[c[1] - 1])))
             for c, p in zip(picked, parts, strict=True)]
    out = [_mention(text, t_start[a], t_end[b - 1], index.entries[ei], "lexicon",
                    part or (text[t_start[a]].isupper() and in_proper_name(text, t_start[a], t_end[b - 1]))
                    or bool(_TOXIN_AFTER.match(text, t_end[b - 1])), c)
           for (a, b, ei), part, c in zip(picked, parts, conjunct, strict=True)]
    out += [_mention(text, s, e, index.entries[ei], how) for s, e, ei, how in extra]
    if said := predicates.find(text, toks):  # "the abdomen was distended": the part names the finding
        spans = {(m.start, m.end) for m in said}
        out = [m for m in out if m.type != "finding" or (m.start, m.end) not in spans] + said
    if changed := weight_change.find(text):  # "she had lost 6 kg": the verb names the finding
        out += [w for w in changed if not any(m.start < w.end and w.start < m.end for m in out if m.type == "finding")]
    out += _abbreviations(text, [m for m in out if m.type != PART], index)
    out = [m for m in out if not _the_illness_cold(text, m)]
    out.sort(key=lambda m: (m.start, -m.end, m.attrs.get("hpo") or "", m.attrs.get("icd10") or ""))
    return out


# "a cold", "her recent cold", "colds": the illness (a common cold), a noun after a determiner and before the clause
# goes on, not the finding of coldness ("his hands were cold", "a cold sensation") (docqa8)
_COLD_NOUN_BEFORE = re.compile(r"\b(?:a|another|his|her|their|its|the|this|recent|repeated|frequent)\s+\Z", re.I)
_COLD_NOUN_AFTER = re.compile(r"\s*(?:[,;.:)]|\Z|(?:and|or|with|in|at|from|which|that|last|two|three|a|an|the)\b)",
                              re.I)


def _the_illness_cold(text: str, m: Mention) -> bool:
    word = text[m.start:m.end].lower()
    if word not in ("cold", "colds"):
        return False
    return word == "colds" and not text[max(0, m.start - 4):m.start].lower().endswith("the ") or bool(
        _COLD_NOUN_BEFORE.search(text, max(0, m.start - 12), m.start) and _COLD_NOUN_AFTER.match(text, m.end))


def _abbreviations(text: str, found: list[Mention], index: Index) -> list[Mention]:
    """Later uses of short forms the text defines right after a found term."""
    defined: dict[str, Mention] = {}
    for m in found:
        d = _DEFINED.match(text, m.end)
        if d and d.group(1) not in defined and _defines(d.group(1), text, m):
            defined[d.group(1)] = m
    if not defined:
        return []
    mark = bytearray(len(text) + 1)  # characters inside a found term (its span is never empty)
    for m in found:
        mark[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for sf, m in defined.items():
        # not glued by a hyphen or slash to a word before it: "TIPS-BCS PI score" names a score
        for hit in starting_with(re.compile(rf"(?<![-/])\b{re.escape(sf)}s?\b"), text, (sf,)):
            s, e = hit.span()
            if s < m.end or any(mark[s:e]):
                continue
            # the short form at its definition names the same finding again (case reports annotate it)
            if s <= m.end + 2 and not _fits(sf, m.text):
                continue  # "(BANF)" after "bilateral acoustic neurofibromatosis": more than the term found
            kind = m.type if m.type == "condition" or s > m.end + 2 else PART
            out.append(m.model_copy(update={"type": kind, "start": s, "end": e, "text": text[s:e], "norm": m.norm,
                                            "attrs": {**m.attrs, "source": "abbreviation"}}))
    return out


def _defines(short: str, text: str, m: Mention) -> bool:
    """Whether `short` abbreviates the mention, alone or with up to two words before it
    ("acute interstitial nephritis (AIN)" where the lexicon matched "interstitial nephritis")."""
    before = text[max(0, m.start - 40):m.start].split()
    # a name the term only ends as the second half of a hyphenated compound ("ataxia-telangiectasia (AT)") is
    # another concept, which the short form names; a head-final name keeps the term ("acute interstitial nephritis")
    k_max = 0 if text[m.start - 1:m.start] == "-" else min(2, len(before))
    # the short form begins where its long form begins: "(LV)" after "dilated left ventricle" names the ventricle
    return any(_fits(short, long) and long[:1].lower() == short[:1].lower()
               for k in range(k_max + 1)
               for long in [" ".join([*before[len(before) - k:], m.text]) if k else m.text])


def _fits(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): a short form's characters occur in order in its long form, the
    first one starting a word; here also at least two capitals ("HLH", "BCCs", not "Type")."""
    if sum(c.isupper() for c in short) < 2:
        return False
    sf = [c for c in short.lower() if c.isalnum()]
    if short.endswith("s") and short[:-1].isupper():
        sf = sf[:-1]
    lf = long.lower()
    j = len(lf) - 1
    for i in range(len(sf) - 1, -1, -1):
        while j >= 0 and (lf[j] != sf[i] or (i == 0 and j > 0 and lf[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True


find = find_phenotypes
__all__ = ["after_genus", "find", "find_phenotypes", "norm_word"]
