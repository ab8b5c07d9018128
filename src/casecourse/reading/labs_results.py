"""Result words of a test the reader cannot name as a lab: "the ECG was normal", "cultures came back
negative", "revealed normal liver function", "vital signs remained stable".

They are typed `test_result` (interpretation in attrs, no test) so that lab consumers, which need a
named test, never mistake them for lab results; MACCROBAT-style "value of a diagnostic procedure"
scoring counts them together with `lab_value`.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan
from casecourse.reading.labs_catalogue import find_tests
from casecourse.reading.rx_first import anchored, lower_of, lower_text
from casecourse.reading.rx_keys import match_lowered, may_hold, starting_with

_WORDS = {
    "N": r"normal|unremarkable|within (?:the )?normal (?:limits?|ranges?)|"
         r"within (?:the )?reference (?:ranges?|intervals?)|in the normal range|normali[sz]ed|"
         r"stable|unchanged|preserved|intact|regular",
    "NEG": r"negative|non-?reactive|not detected|undetectable|absent",
    "POS": r"positive|reactive|expressed",
    "H": r"elevated|raised|increased|high|higher|prolonged",
    "L": r"decreased|reduced|low|lower|diminished|depressed",
    "A": r"abnormal|improved|worsened|impaired",
}
_DEG = (r"(?:(?:very|markedly|mildly|slightly|significantly|severely|moderately|highly|persistently|"
        r"strongly|weakly|also|all|both|still|again|entirely|completely|essentially|otherwise|grossly|"
        r"well)\s+)*")
_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _WORDS.items())
_PREDICATE_VERBS = ("was", "were", "is", "are", "remained", "became", "came back", "returned",
                    "appeared", "appears", "proved", "seemed", "seems", "been", "being", "returned to", "showed",
                    "revealed", "demonstrated", "disclosed", "indicated", "found")
_ATTRIBUTIVE_VERBS = ("with", "showed", "shows", "revealed", "reveals", "demonstrated", "disclosed",
                      "indicated")
# the subject of the result word is a history, not an observation: "past medical history was unremarkable"
_HISTORY_BEFORE = re.compile(r"\bhistor(?:y|ies)\s+(?:was|were|is|are|had been|has been|remained)\s+$", re.I)
_PREDICATE = re.compile(rf"\s+(?:(?:a|an|to be)\s+)?(?P<span>{_DEG}(?:{_ALT}))(?![\w-])", re.I)
_ATTRIBUTIVE = re.compile(rf"\s+(?:(?:a|an)\s+)?(?P<span>{_DEG}(?:{_ALT}))\s+(?=[a-z])", re.I)
# result words read only after a copula and ending their phrase ("the CSF was clear", "the left ventricle was
# hypokinetic", "movements were restricted"): before a noun they name a kind ("clear cell carcinoma")
_COPULAS = frozenset({"was", "were", "is", "are", "remained", "became", "appeared", "seemed", "been"})
_PRED_ONLY = re.compile(
    rf"\s+(?P<span>{_DEG}(?:(?P<PN>clear|adequate|satisfactory)|"
    r"(?P<PA>bloody|hypokinetic|akinetic|dyskinetic|restricted|sluggish|slowed)))"
    r"(?=\s*(?:[,.;:)]|$|(?:and|or|but|with|on|in|at|to|bilaterally|throughout)\b))", re.I)
# "revealed no abnormalities", "showed no significant findings": a test whose result is normal, stated by negation
_NONE = re.compile(r"\s+(?P<span>no\s+(?:(?:other|further|significant|remarkable|obvious|apparent|major|relevant|"
                   r"specific|pathologic(?:al)?|gross|acute|new)\s+)*(?:(?:abnormal\s+)?findings?|abnormalit(?:y|ies)|"
                   r"anomal(?:y|ies)))(?![\w-])", re.I)


# a change of a drug's dose, not a result: "the dosage was increased to 20 mg", "5 mg/kg increased to 10 mg/kg"
_DOSE_AFTER = re.compile(
    r"\s+(?:to|from|by|up to)\s+\d[\d.,]*\s?(?:mg|g|mcg|µg|μg|ug|IU|units?)"
    r"(?:\s?/\s?(?:kg|m2|m²|day|d|week|wk|h))*(?![\w/])", re.I)
# the label of a reference interval: "0.4 (0–0.8 negative)", "<10 (<20 negative)"
_INTERVAL_BEFORE = re.compile(r"\(\s*[<>≤≥]?\s*\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*$")
_DOSE_BEFORE = re.compile(r"\b(?:dose|doses|dosage|dosages|dosing)\s+(?:\w+\s+){0,4}$", re.I)
# the noun a describing result word stands before: any word but a function word ("worsening of", "reactive to")
_NOUN_AFTER = re.compile(r",?\s+(?!(?:of|in|on|at|to|for|and|or|but|with|without|from|over|after|since|despite|during|"
                         r"by|as|than|which|that|until|when|while|is|was|were|are|had|has|have)\b)[a-z]")


@cache
def _not_results() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """knowledge/result_attributive.csv: result words that describe the noun after them (unless a measured noun
    follows), and the state nouns after which a result word states no test's result."""
    rows = table("result_attributive.csv")

    def alt(kind: str) -> str:
        return "|".join(re.escape(r["word"]) for r in rows if r["kind"] == kind)

    describes = frozenset(r["word"] for r in rows if r["kind"] == "describes")
    qualifier = rf"(?:(?:{alt('state_qualifier')})\s+)?" if alt("state_qualifier") else ""
    state = re.compile(rf"\s+{qualifier}(?:{alt('state_noun')})\b", re.I)
    measured = re.compile(rf"(?:[\w-]+\s+){{0,2}}(?:{alt('measured_noun')})\b", re.I)
    return describes, state, measured


@cache
def _before_procedure() -> re.Pattern[str]:
    """A result word before a diagnostic procedure's name (knowledge/result_attributive.csv `procedure_noun`),
    up to two words between: "abnormal Pap smears", "an abnormal pre-employment chest radiograph"."""
    nouns = "|".join(re.escape(r["word"]) for r in table("result_attributive.csv") if r["kind"] == "procedure_noun")
    return anchored(rf"\b(?P<span>(?P<A>abnormal)|(?P<N>unremarkable)|(?P<NEG>negative)|(?P<POS>positive))"
                    rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?![\w-])", re.I)


# every match of `_before_procedure` begins with one of these
_RESULT_LEADS = ("abnormal", "unremarkable", "negative", "positive")


def _procedure_results(text: str, low: str | None, spans: _Taken) -> list[Mention]:
    if not may_hold(low, 0, len(text), _RESULT_LEADS):
        return []
    out = []
    # tried only where one of the result words begins (rx_keys.starting_with: the same matches as a scan of every
    # position, about half the time over a report)
    for m in starting_with(_before_procedure(), text, _RESULT_LEADS, lower=True):
        s, e = m.span("span")
        if spans.overlaps(s, e):
            continue
        spans.spans.append((s, e))
        spans.add(s, e)
        interp = next(k for k in ("A", "N", "NEG", "POS") if m.group(k))
        out.append(Mention(type="test_result", start=s, end=e, text=text[s:e],
                           attrs={"interpretation": interp, "test": None, "rule": "before_procedure"}))
    return out


@cache
def _needs_object() -> frozenset[str]:
    """knowledge/result_attributive.csv `needs_object`: change nouns that state a result only with their object."""
    return frozenset(r["word"] for r in table("result_attributive.csv") if r["kind"] == "needs_object")


_OBJECT_AFTER = re.compile(r"\s+(?:in|of)\b", re.I)


def _states_no_result(text: str, m: Mention) -> bool:
    """ "reactive gliosis", "worsening dyspnoea" (not "worsening renal function"), "stable disease",
    "without significant improvement" (not "improvement in renal function")"""
    describes, state, measured = _not_results()
    if state.match(text, m.end):
        return True
    if m.text.lower() in _needs_object() and not _OBJECT_AFTER.match(text, m.end):
        return True
    if m.text.rsplit(None, 1)[-1].lower() not in describes:
        return False
    nxt = _NOUN_AFTER.match(text, m.end)
    if nxt is None or measured.match(text, nxt.end() - 1):
        return False
    return not any(h.start == nxt.end() - 1 for h in find_tests(text))


@cache
def _verbs() -> ahocorasick.Automaton:
    """The verbs a result word follows, found with one automaton pass (a regex alternation over
    the whole text is several times slower)."""
    auto = ahocorasick.Automaton()
    for verb in set(_PREDICATE_VERBS) | set(_ATTRIBUTIVE_VERBS):
        auto.add_word(verb, (len(verb), verb in _PREDICATE_VERBS, verb in _ATTRIBUTIVE_VERBS))
    auto.make_automaton()
    return auto


def _candidates(text: str) -> list[re.Match]:
    """The result words right after a verb. Each verb (~190 a report) tries up to four patterns, each first by its
    case-sensitive twin over the lower-cased text (`match_lowered`: about half the cost; most tries fail)."""
    lower = lower_of(text)
    low = lower_text(text)
    n = len(text)
    out = []
    for end_idx, (length, pred, attr) in dict_scan.hits(_verbs(), lower):
        start, end = end_idx - length + 1, end_idx + 1
        if (start and lower[start - 1].isalnum()) or (end < n and lower[end].isalnum()):
            continue
        copula = lower[start:end] in _COPULAS
        for ok, pattern in ((pred, _PREDICATE), (attr, _ATTRIBUTIVE), (True, _NONE), (copula, _PRED_ONLY)):
            m = match_lowered(pattern, text, low, end) if ok else None
            if m:
                out.append(m)
                break
    return out


@cache
def _standalone() -> ahocorasick.Automaton:
    """knowledge/result_words.csv: result words that state a result wherever they stand."""
    raw = resources.files("casecourse.knowledge").joinpath("result_words.csv").read_text(encoding="utf-8")
    auto = ahocorasick.Automaton()
    for r in csv.DictReader(ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")):
        auto.add_word(r["word"], (len(r["word"]), r["interpretation"] or None))
    auto.make_automaton()
    return auto


class _Taken:
    """Spans already read, for an overlap test: a character mark when every span is non-empty (an empty
    span [t, t) overlaps [s, e) when s < t < e, which no mark shows), else the list itself."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.spans = spans
        self.mark: bytearray | None = bytearray(len(text) + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        if self.mark is not None:
            if s < e:
                self.mark[s:e] = b"\x01" * (e - s)
            else:
                self.mark = None

    def overlaps(self, s: int, e: int) -> bool:
        if self.mark is not None and s < e:
            return any(self.mark[s:e])
        return any(ts < e and s < te for ts, te in self.spans)


def _standalone_results(text: str, taken: _Taken) -> list[Mention]:
    lower = lower_of(text)
    n = len(text)
    hits = []
    for end_idx, (length, interp) in dict_scan.hits(_standalone(), lower):
        s, e = end_idx - length + 1, end_idx + 1
        before, after = lower[s - 1] if s else " ", lower[e] if e < n else " "
        if before.isalnum() or before == "-" or after.isalnum() or after == "-":
            continue
        hits.append((s, e, interp))
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out: list[Mention] = []
    for s, e, interp in hits:
        if taken.overlaps(s, e):
            continue
        taken.spans.append((s, e))
        taken.add(s, e)
        attrs = {"interpretation": interp, "test": None, "rule": "standalone"}
        if interp is None:
            attrs["trend"] = "stable"
        out.append(Mention.model_construct(type="test_result", start=s, end=e, text=text[s:e], attrs=attrs))
    return out


def find_results(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Predicated result words not already read as a lab's interpretation (`taken` spans), then the
    result words of knowledge/result_words.csv wherever they stand."""
    matches = sorted(_candidates(text), key=lambda m: m.start("span"))
    spans = _Taken(text, taken)
    low = lower_text(text)
    out: list[Mention] = _procedure_results(text, low, spans)  # first: "found abnormal smears" is no description
    for m in matches:
        s, e = m.span("span")
        if spans.overlaps(s, e):
            continue
        taken.append((s, e))
        spans.add(s, e)
        if m.re is _NONE:
            interp = "N"
        elif m.re is _PRED_ONLY:
            interp = "N" if m.group("PN") else "A"
        else:
            interp = next(k for k in _WORDS if m.group(k))
        out.append(Mention.model_construct(type="test_result", start=s, end=e, text=text[s:e],
                                           attrs={"interpretation": interp, "test": None}))
    out += _standalone_results(text, spans)
    return [m for m in out if not (may_hold(low, max(0, m.start - 40), m.start, ("histor",))
                                   and _HISTORY_BEFORE.search(text, max(0, m.start - 40), m.start))
            and (m.attrs.get("rule") == "before_procedure" or not _states_no_result(text, m))
            and not _DOSE_AFTER.match(text, m.end)
            and not (may_hold(low, max(0, m.start - 40), m.start, ("dos",))
                     and _DOSE_BEFORE.search(text, max(0, m.start - 40), m.start))
            and not _INTERVAL_BEFORE.search(text, max(0, m.start - 24), m.start)]
