"""Diagnoses beyond the curated list, and which named findings are diagnoses.

Wraps `phenotypes.find_phenotypes` (HPO findings and curated diagnoses) and adds, all from one pass
of one Aho-Corasick automaton over the same normalised word keys:

* **ICD-10-CM short titles** (the code set simple-icd-10-cm ships): category and subcategory titles
  and inclusion terms of the disease chapters (A-N, Q; not R, the signs and symptoms chapter), cut
  to a short form by rule ("Pleural effusion, not elsewhere classified" -> "pleural effusion",
  "Nonrheumatic mitral (valve) insufficiency" -> "nonrheumatic mitral insufficiency"). They are
  `condition` mentions with the code, where the HPO lexicon found nothing.
* **General finding words** HPO does not name alone ("mass", "lesion", "rash"; knowledge/finding_terms.csv).
* **Disease words by morphology**: a single word ending in -itis, -oma, -osis, -pathy ("meningioma",
  "ileitis"), with the exceptions in knowledge/disease_terms.csv.

A finding whose last word is a diagnosis head ("... disease", "... failure", "cardiomyopathy") is
re-typed `condition`, keeping its HPO id; lab abnormalities ("anaemia", knowledge/lab_findings.csv)
stay findings. The index is built once and cached (see `cache.py`).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import repeat

from casecourse.model import Mention
from casecourse.reading.disease_index import (
    _KEYWORDS,
    DiseaseIndex,
    _keys,
    _new,
    _rows,
    load,
    short_forms,
    sign_diagnoses,
)
from casecourse.reading.disease_organisms import (
    _EPITHET,
    _GENUS_BEFORE,
    _NOT_NAMES,
    _in_a_title,
    _organisms,
    _organisms_after,
)
from casecourse.reading.disease_short_forms import (
    _abbreviations,
    _initials_of_conditions,
    _named_short_forms,
    _Overlaps,
    _short_forms_of_conditions,
    _variants,
)
from casecourse.reading.lexicon_index import ADVERB_ENDINGS, CODE_DIGITS, OOV
from casecourse.reading.lexicon_norm import norm_phrase, tokens, variants
from casecourse.reading.marker_names import inside_a_marker_name
from casecourse.reading.organisms import known_binomial
from casecourse.reading.phenotypes import _CLAUSE_MARK, after_genus, find_phenotypes
from casecourse.reading.rx_first import anchored, lower_text
from casecourse.reading.rx_keys import at_run_starts, in_runs, may_hold, starting_with
from casecourse.reading.senses import drop_organism_senses

# eponyms and named syndromes: "Bowen's disease", "HELLP syndrome", "Ehlers-Danlos syndrome" (not a heading's word on
# the line before: "Introduction\nPanayiotopoulos syndrome"); a name may carry a Latin-1 letter with a diacritic
# ("Sézary syndrome", "Löfgren syndrome", "Birt-Hogg-Dubé syndrome")
_EPONYM = anchored(r"\b((?:[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ]*(?:['’]s)?[-– \t]){1,3})(?:disease|syndrome)s?\b")  # one line
_KEYWORD = re.compile(r"\b(?:disease|syndrome)s?\b")
# a general finding word that names a phase of a treatment next to its treatment words ("consolidation
# chemotherapy", "cycles of high-dose cytarabine consolidation") is no finding
_TREATMENT_PHASE_AFTER = re.compile(r"\s+(?:chemotherapy|chemo|therapy|treatment|cycles?|courses?|phase|regimen)\b",
                                    re.I)
_TREATMENT_PHASE_BEFORE = re.compile(r"(?:\b(?:cycles?|courses?|rounds?)\s+of\s+(?:[\w-]+\s+){0,3}|"
                                     r"\bhigh-dose\s+[\w-]+\s+|\b(?:induction|chemotherapy)\s+(?:and|or|then)\s+)$",
                                     re.I)
_WORD_BACK = re.compile(r"\w*")  # a word's characters, read backwards from inside it
# what a qualified head's match is made of: letters, digits, spaces, "(LV)", hyphens and dashes
_PHRASE_RUN = re.compile(r"[\w\s()\-\u2013]*")
_TYPE_WORDS = frozenset({"type", "types", "form", "variant"})
_ROMAN = re.compile(r"[IVX]{1,4}[ABESX]?")  # a stage with its substage letter: "stage IIIB disease"


def is_diagnosis(surface: str, index: DiseaseIndex | None = None) -> bool:
    """Whether a finding's words name a diagnosis: a diagnosis head noun last ("heart failure"), or a
    single disease word by its ending ("gastritis"), but never a lab abnormality ("anaemia")."""
    return _is_diagnosis(surface) if index is None or index is load() else _decide(surface, index)


@lru_cache(maxsize=65536)
def _is_diagnosis(surface: str) -> bool:
    return _decide(surface, load())


def _decide(surface: str, index: DiseaseIndex) -> bool:
    key = norm_phrase(surface)
    if not key or key in index.lab_words:
        return False
    if key in index.disease_names and not _sign(surface.lower().split()[-1], index):
        return True  # "abetalipoproteinemia", "cystic fibrosis": a disease by HPO's own annotations
    words = surface.lower().replace("-", " ").split()
    if "of" in words[1:]:  # the head of "X of Y" is X: "anomaly of the tricuspid valve", "carcinoma of the lung"
        words = words[:words.index("of", 1)]
        key = key.split(" of ")[0] if " of " in key else key
    if len(words) > 2 and words[-1] in _TYPE_WORDS:  # "atrial septal defect, ostium secundum type": its head
        heads = [i for i, w in enumerate(words[:-1]) if w.rstrip(",") in index.heads]
        if heads:
            words = words[:heads[-1] + 1]
            key = norm_phrase(" ".join(words))
    last = words[-1].rstrip(",") if words else ""
    group = _named_group(last, index)
    if group:  # "tumor", "cyst", "stenosis": a diagnosis only as a named type ("germ cell tumor", "aortic stenosis")
        before = " " + " ".join(words[:-1])
        for site in index.named_sites.get(group, ()):  # an organ between type and head: "malignant [liver] tumor"
            if before.endswith(" " + site):
                before = before[:-len(site) - 1]
                break
        return any(before.endswith(" " + q) for q in index.named_types.get(group, ()))
    if _sign(last, index) or last.endswith(index.not_endings):
        return False  # a sign; a compound of a process word ("gastroenteroanastomosis": the surgeon's connection)
    if last.rstrip("s") in index.not_disease or last in index.not_disease:
        # a sign or process by its ending ("fibrosis", "necrosis"), unless ICD-10-CM titles the qualified phrase as a
        # disease: "cystic fibrosis", "multiple sclerosis", "acute tubular necrosis"
        return " " in key and key in index.icd_keys
    klast = key.split()[-1]
    # a diagnosis ICD-10-CM titles in one word stays one when qualified: "cervical dystonia", "tardive dystonia"
    if key in index.icd_keys or klast in index.heads or klast in index.icd_keys and klast not in index.lab_words:
        return True
    if any(key.endswith(" " + h) or key == h for h in index.heads if " " in h):
        return True
    return len(last) > 5 and any(w.endswith(s) for w in (last, klast) for s in index.suffixes)


def _deficit(surface: str, index: DiseaseIndex) -> bool:
    """A neurological deficit ICD-10-CM codes as a disease ("right hemiparesis", "bilateral visual loss";
    disease_terms.csv kind deficit_head): a condition, which a corpus may annotate as the sign it also is."""
    return _is_deficit(surface) if index is load() else _deficit_of(surface, index)


@lru_cache(maxsize=65536)
def _is_deficit(surface: str) -> bool:
    """`_deficit` by the loaded index, kept per surface as `_is_diagnosis` is (the same names recur)."""
    return _deficit_of(surface, load())


def _deficit_of(surface: str, index: DiseaseIndex) -> bool:
    key = norm_phrase(surface)
    return any(key == h or key.endswith(" " + h) for h in index.deficit_heads)


def _named_group(word: str, index: DiseaseIndex) -> str | None:
    """The named-type group of a head noun, singular or plural ("tumours", "cysts", "stenoses")."""
    w = word.lower()
    for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] + "is" if w.endswith("es") else w):
        if form in index.named_heads:
            return index.named_heads[form]
    return None


def _sign(last: str, index: DiseaseIndex) -> bool:
    return last in index.signs or last.rstrip("s") in index.signs


@cache
def _suffix_rx(suffixes: tuple[str, ...]) -> re.Pattern:
    ends = "|".join(re.escape(s) for s in suffixes)
    return re.compile(rf"\b[A-Za-z][a-z]{{3,}}(?:{ends})(?:s|es)?\b")


def find(text: str) -> list[Mention]:
    """`phenotypes.find_phenotypes` with diagnoses re-typed, plus ICD-10-CM diagnoses, general finding
    words and disease words by morphology where it found nothing."""
    index = load()
    out = find_phenotypes(text)
    for m in out:
        named = m.attrs.get("label") if m.attrs.get("source") == "abbreviation" else m.text
        if m.type == "finding_part" and m.attrs.get("source") == "abbreviation" and is_diagnosis(str(named), index):
            m.type = "finding"  # a diagnosis's short form at its definition: annotated as a mention of its own
        if m.type == "finding" and is_diagnosis(str(named), index):
            m.type = "condition"
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+diagnosis_head"}
            if _deficit(str(named), index):
                m.attrs["deficit"] = True
    out = _own_senses(text, out)
    out = _care_providers(text, out)
    _named_as_diagnosis(text, out)
    out += _named_types(text, out, index)
    mark = bytearray(len(text) + 1)  # characters already inside a mention
    for m in out:
        mark[m.start:m.end] = b"\x01" * (m.end - m.start)
    toks = tokens(text)
    cands: list[tuple[int, int, int]] = []
    for end, (n, ti) in index.automaton.iter("".join(map(index.vocab.get, toks.keys, repeat(OOV)))):
        last = end // CODE_DIGITS  # a run of n word codes ending in token `last`
        cands.append((last - n + 1, last + 1, ti))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    added: list[Mention] = []
    starts, ends = toks.starts, toks.ends
    found: _Overlaps | None = None  # `out` by position, built on the first question (and after `out` changes)
    for a, b, ti in cands:
        if not taken.isdisjoint(range(a, b)):
            continue
        s, e = starts[a], ends[b - 1]
        if mark.find(1, s, e) >= 0 and index.terms[ti].icd10 and \
                _named_whole(text, s, e, (found := found or _Overlaps(out)).overlapping(s, e)):
            out = [m for m in out if not (s <= m.start and m.end <= e)]  # "dermatitis herpetiformis", not dermatitis
            found = None
            mark[s:e] = b"\x00" * (e - s)
        if mark.find(1, s, e) >= 0 or after_genus(text, s):  # a character inside a mention already
            continue
        if b - a > 1 and _CLAUSE_MARK.search(text, s, e):
            continue  # no name across a comma: "clefts, lip pits" is no cleft lip (as for the HPO lexicon)
        t = index.terms[ti]
        if t.phase and (_TREATMENT_PHASE_AFTER.match(text, e)
                        or _TREATMENT_PHASE_BEFORE.search(text, max(0, s - 40), s)):
            continue  # "consolidation chemotherapy", "three cycles of high-dose cytarabine consolidation"
        taken.update(range(a, b))
        attrs: dict = {"label": t.label, "source": "icd10cm" if t.icd10 else "finding_terms"}
        if t.icd10:
            attrs["icd10"] = t.icd10
        if t.hpo_hint:
            attrs["hpo_hint"] = t.hpo_hint
        if not t.alone:
            attrs["too_vague"] = True
        if t.names_class:
            attrs["finding_class"] = True
        kind = "finding" if t.kind == "condition" and _sign(toks.keys[b - 1], index) else t.kind
        added.append(_new(text, s, e, kind, attrs))  # "laryngeal spasm": an ICD title, but a sign
    for m in added:
        mark[m.start:m.end] = b"\x01" * (m.end - m.start)
    # a match is a whole word ending in a suffix (and "s"/"es"): tried only at words holding one
    for hit in at_run_starts(_suffix_rx(index.suffixes), text, index.suffixes, _WORD_BACK, _keys()):
        s, e = hit.span()
        if mark.find(1, s, e) >= 0 or hit.group().lower().startswith("anti") or not is_diagnosis(hit.group(), index) \
                or after_genus(text, s):
            continue  # "antituberculosis (drugs)" names what acts against the disease
        added.append(_new(text, s, e, "condition", {"label": hit.group().lower(), "source": "disease_morphology"}))
    for hit in _eponyms(text):
        s, e = hit.span()
        names = [w for w in re.split(r"[-–\s]+", hit.group(1)) if w]
        while names and (names[0].lower() in _NOT_NAMES or names[0].lower().endswith(ADVERB_ENDINGS)):
            # "The Cushing disease" -> from "Cushing"; "Initially disease progressed": an adverb, no name
            s = text.index(names[1], s) if len(names) > 1 else e
            names = names[1:]
        if not names or mark.find(1, s, e) >= 0 or all(_ROMAN.fullmatch(w) for w in names):
            continue  # "stage IV disease": a stage, not a name
        if all(w.lower() in index.not_qualifiers for w in names):
            continue  # "Active disease persisted", "High disease activity": a sentence's capital, not a name
        mark[s:e] = b"\x01" * (e - s)
        added.append(_new(text, s, e, "condition", {"label": text[s:e], "source": "eponym"}))
    added += _qualified_heads(text, index, mark, out + added)
    added += _abbreviations(text, [m for m in added if m.type == "condition"], mark)
    added += _named_short_forms(text, index, mark)
    added += _variants(text, index, mark)
    out += added
    _with_histology(text, out)
    out += _organisms(text, out, index)
    for m in out:
        if m.type == "condition" and _in_a_title(text, m) or m.type in ("condition", "finding") and _EPITHET.fullmatch(
                m.text) and (_GENUS_BEFORE.search(text, max(0, m.start - 30), m.start)
                             or known_binomial(text, m.start)):
            m.type = "finding_part"  # "Model for End-Stage Liver Disease": a name's words; "Haemophilus influenzae",
            # "Streptococcus agalactiae" (an organism, not agalactia), "mycoplasma pneumoniae" in lower case
    out += _organisms_after(text, out, index)
    out += _short_forms_of_conditions(text, out)
    out += _initials_of_conditions(text, out)
    for m in out:
        if inside_a_marker_name(text, m):
            m.type = "finding_part"  # "human melanoma black 45", "tumour necrosis factor": a marker's name
        elif m.type == "condition" and _qualifies_next(text, m.end, index, m.start):
            m.type = "finding_part"  # "hepatitis B serology", "epilepsy medications": named, not the patient's
        elif m.type == "finding" and m.norm in index.frames and _OF.match(text, m.end):
            m.type = "finding_part"  # "recurrence of hemoptysis": the finding named after "of" is the mention
        elif m.type == "finding" and m.attrs.get("source") == "finding_terms" and _measured_next(text, m.end, index):
            m.type = "finding_part"  # "mass spectrometry", "clot firmness", "lesion size": a method or a measure
    signs = sign_diagnoses()
    for m in out:
        if m.type == "condition" and str(m.attrs.get("label") or "").lower() in signs:
            m.type = "finding"  # "hypertension": a raised blood pressure read; the course lists it as a condition
    out = drop_organism_senses(text, out)  # "maternal GBS status" beside "group B streptococcus"
    _join_state_tails(text, out, index)
    out.sort(key=lambda m: (m.start, -m.end, m.attrs.get("hpo") or "", m.attrs.get("icd10") or ""))
    return out


_SENSE_WORD = re.compile(r"[a-z]{4,}")
_LONG_WORD = re.compile(r"[A-Za-z]{6,}")
_WORDS_BEFORE = re.compile(r"(?:[\w'-]+\s+){1,6}$")  # up to six words right before a "("


def _stems(phrase: str) -> set[str]:
    return {w[:5] for w in _SENSE_WORD.findall(phrase.lower())}


def _own_senses(text: str, found: list[Mention]) -> list[Mention]:
    """A lexicon's short form ("PCP" for Pneumocystis pneumonia) that the text defines in parentheses after
    words of another sense ("liquid phencyclidine (PCP)") names that, here and at every use: the lexicon's
    reading is dropped. The same sense keeps it: a word before the parentheses shares its stem with the
    lexicon's label ("Pneumocystis jiroveci pneumonia (PCP)"), or the lexicon read the words before them with
    that label ("cerebrovascular accident (CVA)" for stroke)."""
    if "(" not in text:
        return found
    drop: set[str] = set()
    kept: set[str] = set()
    for m in found:
        sf, label = m.text, str(m.attrs.get("label") or "")
        if sf in drop or sf in kept or m.type not in ("condition", "finding") or not sf.isupper() or not label \
                or not str(m.attrs.get("source")).startswith("lexicon"):
            continue
        at = text.find(f"({sf})")
        if at < 0:
            continue
        before = _WORDS_BEFORE.search(text, max(0, at - 80), at)
        words = before.group() if before else ""
        same = _stems(words) & _stems(label) or any(
            o.end <= at and o.end >= at - 2 and o.attrs.get("label") == label for o in found if o is not m)
        (kept if same or not _LONG_WORD.search(words) else drop).add(sf)  # a long form needs a content word
    return [m for m in found if not (m.text in drop and m.type in ("condition", "finding"))] if drop else found


@cache
def _provider_forms() -> frozenset[str]:
    from casecourse.knowledge import table
    return frozenset(r["short_form"] for r in table("care_provider_short_forms.csv"))


# the words around a care provider's short form: one follows up with, sees, is referred by or calls a person
_PROVIDER_BEFORE = re.compile(
    r"(?:\b(?:follow(?:ed|s|ing)?[- ]?ups?|f/u|see|sees|seen|saw|visit(?:ed)?|referred|call(?:ed)?|contact(?:ed)?|"
    r"discussed|informed|notified|told)\b\s*(?:(?:with|by|to|back to)\s+)?(?:(?:his|her|their|your|the|patient's|"
    r"pt's)\s+)?|\b(?:per|by|with|to|from)\s+(?:his|her|their|your|patient's|pt's)\s+"
    r"|^\s*(?:follow[- ]?up|f/u)\s*:\s*)$", re.I | re.M)
_PROVIDER_AFTER = re.compile(
    r"^(?:'s\b|\s+(?:in|within)\s+(?:\d+|one|two|three|four|a)(?:-|\s+)(?:days?|weeks?|wks?|months?)\b|"
    r"\s+(?:appointment|appt|visit|office|clinic|follow[- ]?up)\b)", re.I)


def _care_providers(text: str, found: list[Mention]) -> list[Mention]:
    """A short form naming a member of the care team (knowledge/care_provider_short_forms.csv) where the words around
    it speak of a person ("Follow-up: PCP in 1 week", "follow up with your PCP", "his PCP's office") is no disease:
    "PCP" there is the primary care physician, not Pneumocystis pneumonia. The short form a text defines is
    _own_senses' case; "PCP prophylaxis" or "treated for PCP" keep the disease."""
    forms = _provider_forms()
    drop = [m for m in found if m.text in forms and m.type in ("condition", "finding")
            and (_PROVIDER_AFTER.match(text[m.end:m.end + 24])
                 or _PROVIDER_BEFORE.search(text, max(0, m.start - 40), m.start))]
    return [m for m in found if m not in drop] if drop else found


def _join_state_tails(text: str, found: list[Mention], index: DiseaseIndex) -> None:
    """A finding followed by a word stating its course or extent ("tumor recurrence", "tumour involvement",
    "plaque rupture") is one finding: the first grows over the second, which becomes a part."""
    tails = {m.start: m for m in found if m.type == "finding" and m.norm in index.state_tails}
    if not tails:
        return
    for m in found:
        if m.type != "finding" or m.norm in index.state_tails:
            continue
        gap = _GAP.match(text, m.end)
        tail = tails.get(gap.end()) if gap else None
        if tail is not None:
            tail.type = "finding_part"
            m.end, m.text = tail.end, text[m.start:tail.end]
            m.norm = " ".join(m.text.lower().split())


_GAP = re.compile(r"[ \-]")


# the text names what follows a diagnosis: "was diagnosed with", "a diagnosis of", "the final diagnosis was"
_DIAGNOSED_BEFORE = re.compile(r"\b(?:diagnos(?:ed|is|es)\s+(?:of|with|as)|diagnosis\s+(?:was|is|of)|diagnosed)\s+"
                               r"(?:(?:an?|the|his|her|their|severe|mild|moderate|acute|chronic)\s+)*$", re.I)
_DIAGNOS = ("diagnos",)
# "hyponatraemia was diagnosed", not "her syncope was diagnosed as ...", "chest pain was diagnosed with ..."
_DIAGNOSED_AFTER = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+diagnosed\b(?!\s+(?:as|with|to)\b)", re.I)
# the named diagnosis ends at the finding: not "diagnosed with [ST-segment elevation] myocardial infarction"
_NAME_ENDS = re.compile(r"\s*(?:[.,;:()\[\]]|$|(?:and|or|in|at|on|since|after|before|with|without|due|secondary|that|"
                        r"which|who|when|while|but|for|during|following|of|was|were|is|had|has)\b)", re.I)


def _named_as_diagnosis(text: str, found: list[Mention]) -> None:
    """A finding the text names as a diagnosis ("she was diagnosed with delirium", "a diagnosis of
    hypogammaglobulinaemia", "hyponatraemia was diagnosed") is a condition there and at its every other
    mention in the text (one sense per document); a general finding word ("mass") never is."""
    named: set[str] = set()
    low = lower_text(text)
    for m in found:
        if m.type == "finding" and not m.attrs.get("too_vague") and (
                may_hold(low, max(0, m.start - 60), m.start, _DIAGNOS)  # a match before holds "diagnos"
                and _DIAGNOSED_BEFORE.search(text, max(0, m.start - 60), m.start) and _NAME_ENDS.match(text, m.end)
                or _DIAGNOSED_AFTER.match(text, m.end)):
            named.add(str(m.attrs.get("label") or m.norm).lower())
    if not named:
        return
    for m in found:
        if m.type == "finding" and str(m.attrs.get("label") or m.norm).lower() in named:
            m.type = "condition"
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+named_diagnosis"}


@lru_cache(maxsize=4)
def _named_rx(heads: tuple[str, ...], groups: tuple[tuple[str, tuple[str, ...]], ...],
              sites: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> tuple[re.Pattern, dict[str, re.Pattern]]:
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    head_rx = re.compile(rf"\b(?:{head})(?:s|es)?\b|\bstenoses\b", re.I)
    site_of = dict(sites)
    quals = {}
    for group, qs in groups:
        alt = "|".join(re.escape(q).replace(r"\ ", r"[\s-]+") for q in qs)
        site = "|".join(re.escape(q).replace(r"\ ", r"[\s-]+") for q in site_of.get(group, ()))
        organ = rf"(?:(?:{site})[\s-]+)?" if site else ""
        # one or more qualifiers right before the head, or before an organ: "malignant gastrointestinal stromal
        # tumor", "malignant liver tumor"
        quals[group] = re.compile(rf"(?<![\w'-])(?:(?:{alt})[\s-]+)+{organ}$", re.I)
    return head_rx, quals


def _named_types(text: str, found: list[Mention], index: DiseaseIndex) -> list[Mention]:
    """Named tumour, cyst, stenosis and polyp types no lexicon names whole ("giant cell tumor", "branchial cleft
    cyst"): a condition over qualifier and head; general finding words inside it become parts of it."""
    if not index.named_heads:
        return []
    head_rx, quals = _named_rx(tuple(index.named_heads),
                               tuple((g, q) for g, q in sorted(index.named_types.items())),
                               tuple((g, q) for g, q in sorted(index.named_sites.items())))
    out: list[Mention] = []
    for hit in starting_with(head_rx, text, (*index.named_heads, "stenoses"), lower=True, keys=_keys()):
        group = _named_group(hit.group(), index)
        rx = quals.get(group or "")
        q = rx.search(text, max(0, hit.start() - 60), hit.start()) if rx else None
        if not q:
            continue
        s, e = q.start(), hit.end()
        if any(m.start <= s and e <= m.end and m.type in ("condition", "finding") for m in found):
            continue  # a lexicon named it whole: read above
        longer = [m for m in found if m.type == "finding" and s < m.start <= hit.start() and m.end > e]
        if longer:  # "malignant [tumors of the lung]": the finding takes its qualifiers and becomes the diagnosis
            m = longer[0]
            m.start, m.type, m.text = s, "condition", text[s:m.end]
            m.norm = " ".join(m.text.lower().split())
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+named_type"}
            continue
        for m in found:
            if s <= m.start and m.end <= e and m.type == "finding":
                m.type = "finding_part"
        out.append(_new(text, s, e, "condition", {"label": text[s:e].lower(), "source": "named_type"}))
    return out


#: a neoplasm's name: its head word, maybe after site words of its own ("lung adenocarcinoma") and before "of" a site
#: (a granuloma, the one common diagnosis in -oma that is no tumour, is left out)
_NEOPLASM_NAME = re.compile(r"(?:[A-Za-z-]+\s+){0,3}"
                            r"(?:[A-Za-z]{2,}(?<!granul)omas?|[Cc]ancers?|[Nn]eoplasms?|[Mm]alignanc(?:y|ies))"
                            r"(?:\s+of\s.*)?", re.S)


@cache
def _histology_rx() -> re.Pattern:
    """The histologic type words a neoplasm's name keeps (disease_terms.csv kind histology_qualifier), as a run of up
    to four ending right before it."""
    words = {r["term"].strip().lower() for r in _rows("disease_terms.csv") if r["kind"] == "histology_qualifier"}
    alt = "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{alt})[\s-]+){{1,4}}\Z", re.I)


def _with_histology(text: str, found: list[Mention]) -> None:
    """A neoplasm diagnosis takes the histologic type words before it: "mucoepidermoid carcinoma", "signet ring cell
    carcinoma" (not "carcinoma" alone)."""
    for m in found:
        if m.type != "condition" or not _NEOPLASM_NAME.fullmatch(m.text):
            continue
        if q := _histology_rx().search(text, max(0, m.start - 80), m.start):
            s = q.start()
            if any(o.type == "condition" and s <= o.start < m.start for o in found):
                continue  # the words before name a diagnosis of their own
            for o in found:
                if o.type == "finding" and s <= o.start and o.end <= m.start:
                    o.type = "finding_part"  # "papillary" as a finding word: part of the name now
            m.start, m.text = s, text[s:m.end]
            m.norm = " ".join(m.text.lower().split())
            if m.attrs.get("label"):  # the course names the diagnosis with its type: "mucoepidermoid carcinoma"
                label = str(m.attrs["label"])
                label = label[0].lower() + label[1:] if label[1:2].islower() else label  # HPO's "Sarcoma"
                m.attrs = {**m.attrs, "label": " ".join(text[s:q.end()].lower().split()) + " " + label}


_NEXT_WORD = re.compile(r"[ \n]([A-Za-z]+)")  # (a line wrapped in the name: "hepatitis B and C\nserology", docqa11)
_HYPHEN_WORD = re.compile(r"[-\u2010\u2011\u2013]([A-Za-z]+)\b")
# "hepatitis B virus infection", "herpes simplex virus type 1 skin infection", "hepatitis B virus (HBV) carrier"
_VIRUS_INFECTION = re.compile(r"\s+virus(?:es)?(?:\s+type\s+\d|\s+\d)?(?:\s*\([A-Za-z0-9-]+\))?[\s-]+(?:[a-z]+\s+)?"
                              r"(?:infections?|diseases?|associated|carriers?|carriage)\b", re.I)
# "infected with human immunodeficiency virus", "a carrier of hepatitis B virus", "a history of hepatitis C virus",
# "known to have hepatitis B virus", "cirrhosis due to hepatitis C virus": the patient's infection, not a test's target
# (not "caused by": "blisters resembling those caused by herpes simplex virus" compares, it tells no infection)
_INFECTED_WITH = re.compile(r"\b(?:(?:infected|infection|infections|co-?infected|carriers?|diagnosed|positive|"
                            r"seropositive)\s+(?:with|of|for)|history\s+of|known\s+to\s+have|living\s+with|"
                            r"(?:had|has|have|having)(?:\s+(?:a|an|known|chronic|untreated|treated))?|"
                            r"(?:due|secondary|related)\s+to|resulting\s+from)\s+"
                            r"(?:(?:the|chronic)\s+)?$", re.I)


# only a virus the patient is said to carry is the patient's infection ("positive for hepatitis B virus"); a test, a
# vaccine or an antigen named after the disease is not ("positive for melanoma antigen", "had hepatitis B vaccination")
_VIRUS_WORDS = frozenset({"virus", "viruses"})
# a word between a disease name and the noun it qualifies in a gene's or an antigen's name
_GENE_OR_ANTIGEN_PART = frozenset({"viral", "surface", "core", "e",
                                   # a vaccine's kind between the disease and "vaccine": "COVID-19 mRNA vaccine"
                                   "mrna", "inactivated", "attenuated", "conjugate", "conjugated", "recombinant",
                                   "vector", "polysaccharide"})


# a drug named as a habit after it ("drug use / abuse / users"): "drug" is then no noun a disease name qualifies
_DRUG_HABIT = re.compile(r"\s+(?:use|users?|abuse|abusers?|misuse|addiction|dependence|dependency|habit)\b", re.I)


@lru_cache(maxsize=4)
def _coordinated_next(nouns: frozenset[str]) -> re.Pattern:
    """Up to two more names of one or two words, the last after "and"/"or", then a noun they all qualify (the
    index's set itself is the cache key: hashed once, not sorted into a tuple at every call)."""
    alt = "|".join(re.escape(n) for n in sorted(sorted(nouns), key=len, reverse=True))
    name = r"[A-Za-z0-9-]+(?:\s[A-Za-z0-9-]+)?"
    # a comma before "and" only after a listed name: "X, and Y therapy was begun" joins clauses, not names
    return re.compile(rf"(?:(?:,\s*{name}){{1,2}},?)?\s(?:and|or)\s{name}[ \n]({alt})\b", re.I)
_OF = re.compile(r"\s+of\s")


# a patient who meets a diagnosis's criteria has it: "met (3/4) SIRS criteria", "fulfilled the ... criteria for"
_MEETS = re.compile(r"\b(?:met|meets?|meeting|fulfill?(?:ed|s|ing)?|satisf(?:ied|ies|ying))\s+(?:the\s+|all\s+)?"
                    r"(?:\S+\s+(?:of\s+(?:the\s+)?)?)?$", re.I)
_CRITERIA = frozenset({"criteria", "criterion"})


# the words after a finding that make an ICD-10-CM name of it: Latin or descriptive epithets, no function words
_EPITHET_TAIL = re.compile(r"(?:[ \-][A-Za-z]{4,}){1,2}")
_TAIL_STOP = frozenset({"with", "without", "from", "into", "after", "during", "when", "while", "than", "that",
                        "which", "other", "unspecified", "involving", "following", "due"})


def _named_whole(text: str, s: int, e: int, inside: list[Mention]) -> bool:
    """Whether the ICD-10-CM name at [s, e) holds only HPO findings that start where it starts and that its
    last words qualify ("dermatitis herpetiformis", "purpura fulminans"): the longer name is the disease, the
    HPO term inside it only a word of it. Words like "with"/"due" (a finding and its context) keep the HPO term.
    `inside`: the mentions overlapping [s, e)."""
    if not inside or any(m.start < s or m.end > e or m.type not in ("finding", "condition", "finding_part")
                         or m.attrs.get("source") == "abbreviation" for m in inside):
        return False
    head = max(m.end for m in inside)
    if any(m.start != s for m in inside) or head >= e:
        return False
    tail = _EPITHET_TAIL.fullmatch(text, head, e)
    return tail is not None and not any(w.lower() in _TAIL_STOP for w in re.split(r"[ \-]", tail.group()) if w)


def _qualifies_next(text: str, end: int, index: DiseaseIndex, start: int = -1) -> bool:
    """Whether the diagnosis ending at `end` only qualifies the noun after it (a test, a drug, a score);
    not the diagnostic criteria the patient is said to meet."""
    hyphened = _HYPHEN_WORD.match(text, end)
    if hyphened and hyphened.group(1).lower() in _hyphen_heads():
        return True  # "sarcoidosis-like reaction", "leukemia-free survival": a likeness or an absence, not the disease
    if hyphened and hyphened.group(1).lower() in index.attributive and text[end] == "-":
        return True  # "COVID-vaccination", "hepatitis-serology": the noun the name qualifies, joined by a hyphen
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1).lower() in _GENE_OR_ANTIGEN_PART:
        # "sarcoma viral oncogene homolog", "hepatitis B surface antigen": the head noun comes one word later
        nxt = _NEXT_WORD.match(text, nxt.end()) or nxt
    if not nxt or nxt.group(1).lower() not in index.attributive:
        # the first of coordinated names before one such noun: "hepatitis B and C serology"
        nxt = _coordinated_next(index.attributive).match(text, end)
        if not nxt or _DRUG_HABIT.match(text, nxt.end()):
            # "hepatitis C infection and intravenous drug abuse": the second is a habit, no name qualifying the drug
            # (docqa10: "HIV infection and intravenous drug use" had lost the HIV infection)
            return False
    if nxt.group(1).lower() in _VIRUS_WORDS and (_VIRUS_INFECTION.match(text, nxt.start(1) - 1) or start >= 0
                                                 and _INFECTED_WITH.search(text, max(0, start - 30), start)):
        return False  # "hepatitis B virus infection", "positive for hepatitis B virus": the patient's infection
    return not (start >= 0 and nxt.group(1).lower() in _CRITERIA and _MEETS.search(text, max(0, start - 40), start))


@cache
def _hyphen_heads() -> frozenset[str]:
    """The words that, joined by a hyphen, make a name a likeness or an absence ("-like", "-free";
    knowledge/hpo_variants.json `hyphen_heads`, which the HPO lexicon applies to its findings)."""
    return frozenset(w.lower() for w in variants().get("hyphen_heads", ()))


def _measured_next(text: str, end: int, index: DiseaseIndex) -> bool:
    """Whether a general finding word ending at `end` only qualifies the noun after it: a method, a test
    or a measure of it ("mass spectrometry", "clot firmness", "lesion size", "nodule density"); the
    HPO lexicon's attributive heads (knowledge/hpo_variants.json) and the diagnoses' (disease_terms.csv)."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and (nxt.group(1).lower() in index.attributive or nxt.group(1).lower() in _hpo_attributive())


@cache
def _hpo_attributive() -> frozenset[str]:
    return frozenset(w.lower() for w in variants().get("attributive_heads", ()))


def _eponyms(text: str) -> list[re.Match]:
    """`_EPONYM.finditer(text)`, but searched only in a window before each "disease"/"syndrome": a
    match cannot reach across an earlier keyword, and scanning every capital of the text costs more."""
    out = []
    prev = 0
    for kw in starting_with(_KEYWORD, text, _KEYWORDS, keys=_keys()):
        hit = _EPONYM.search(text, max(prev, kw.start() - 160), kw.end())
        if hit:
            out.append(hit)
        prev = kw.end()
    return out


@lru_cache(maxsize=4)
def _head_rx(heads: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(h) for h in heads)
    # the qualifier may carry its defined short form: "left ventricular (LV) dysfunction"
    # and a numeral naming which one ("complex IV deficiency", "factor V deficiency")
    # and may be an organ's short form ("LV dysfunction", "RV failure")
    qualifier = r"[a-z][a-z]+(?:[-–][a-z]+)?|(?![IVX]+\b)[A-Z]{2,3}"
    # a hyphenated qualifier whole: "Post-polio syndrome", "Cushing-like syndrome" (not "polio", "like syndrome")
    return re.compile(rf"(?<![-–\w])((?:[A-Za-z][a-z]+[-–])?(?:{qualifier}))\s+(?:(?:[IVX]{{1,4}}|\d{{1,2}})\s+)?"
                      rf"(?:\([A-Z][A-Za-z0-9]{{0,7}}\)\s+)?(?:{alt})s?\b"
                      rf"(?!\s+to\b)")


def _qualified_heads(text: str, index: DiseaseIndex, mark: bytearray, found: list[Mention]) -> list[Mention]:
    """A qualifying word before a diagnosis head that takes any qualifier ("metastatic disease", "seizure
    disorder", "multiorgan failure", "diastolic dysfunction") names a diagnosis no lexicon lists; not
    before "to", where the head names a process ("failure to thrive" is HPO's; "... failure to respond").
    A finding that ends with the qualifying word ("[tonic-clonic seizure] disorder", "bleeding disorder")
    becomes a part of the diagnosis."""
    if not index.open_heads:
        return []
    out = []
    # a match is a qualifying word, a numeral, a "(short form)" and a head, inside one run of `_PHRASE_RUN`'s
    # characters: the character after a run is no word character, space or hyphen, which ends the head as
    # the run's end does
    for hit in in_runs(_head_rx(index.open_heads), text, index.open_heads, _PHRASE_RUN, _keys()):
        s, e = hit.span()
        word, q_end = hit.group(1), hit.end(1)
        if word in _NOT_NAMES or word in index.not_qualifiers or mark.find(1, q_end, e) >= 0 \
                or _ROMAN.fullmatch(word) or word.lower().endswith(ADVERB_ENDINGS):
            continue  # "stage IIB disease": a stage, not a diagnosis; "Initially disease progressed": an adverb
        if mark.find(1, s, q_end) >= 0:
            parts = [m for m in found if m.start < q_end and s < m.end]
            if not parts or any(m.end != q_end or m.type not in ("finding", "finding_part") for m in parts):
                continue
            for m in parts:
                m.type = "finding_part"
            s = min(s, *(m.start for m in parts))  # "[respiratory distress] syndrome": the whole name
        mark[s:e] = b"\x01" * (e - s)
        out.append(_new(text, s, e, "condition", {"label": text[s:e].lower(), "source": "qualified_head"}))
    return out


find_diseases = find
__all__ = ["find", "find_diseases", "is_diagnosis", "short_forms"]
