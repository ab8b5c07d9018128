"""What the exposure rules read around a drug: the words a gap between a drug and its cue may hold (`_FILLER`,
`_Blocks`), clause breaks, course-length phrases, one sentence's mentions sorted by kind (`_Mentions`), and the reason a
drug was stopped ("because of", "due to", "-induced", a resolved or negative finding), read once per text
(`_ReasonsFrom`)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from casecourse.assembly.positions import ByStart, Forward
from casecourse.knowledge import table
from casecourse.model import (
    Mention,
)
from casecourse.reading.rx_first import anchored

_FILLER = {"and", "or", "was", "were", "is", "are", "been", "be", "then", "also", "both", "the", "of", "all",
           "subsequently", "gradually", "successfully", "therapy", "treatment", "dose", "doses", "his", "her",
           "daily", "weekly", "monthly", "high-dose", "low-dose", "oral", "intravenous", "subcutaneous", "pulse",
           "pulses", "with", "plus", "therefore", "eventually", "finally", "later", "immediately", "promptly",
           "off-label", "a", "an", "course", "courses", "dosage", "as", "well", "combined", "concomitant",
           "outpatient", "home", "maintenance", "usual", "regular", "which", "empirical", "empiric", "had", "has",
           "have", "prophylaxis", "prophylactic", "administration", "agent", "agents", "every",
           # "an X-based regimen was initially planned but deferred" (exposure QA, expqa9)
           "-based", "regimen", "regimens", "initially",
           # "the X prescription was stopped", "X intake was stopped" (documents QA round docqa13)
           "prescription", "prescriptions", "intake"}
# and adverbs of manner or order ("X was slowly weaned off"; knowledge/gap_adverbs.csv, exposure QA expqa13)
_FILLER |= {r["adverb"] for r in table("gap_adverbs.csv")}


# a reason is a short phrase (up to five words after up to three): "for a first time was reintroduced with an
# improvement" is none
_REASON = re.compile(r"\b(?:due to|because of|because|owing to|secondary to|for|after|as|once)\s+"
                     r"(?:\w+\s+){0,3}?(?P<r>[\w-]+(?: [\w%-]+){0,4}?)(?=[,.;)]|$| and | but )", re.I)


# a hold of stated length: "was held for 2 weeks", "was temporarily withheld for 5 days"
_HELD_FOR = re.compile(r"\s+(?:was|were|had been|had to be)\s+(?:temporarily\s+)?(?:held|withheld|interrupted|"
                       r"suspended|paused|stopped|discontinued)\s+(?:temporarily\s+)?(?:for\s+)?", re.I)


# where one clause ends and the next begins: a semicolon, or a comma / conjunction that opens a new
# clause ("..., and C was switched to D", "... whereas D was stopped")
_CLAUSE_BREAK = anchored(r"\s*;\s*|,\s*(?:and|but|while|whereas|then|although|and then|and later)\s+|"
                         r"\s+(?:but|whereas|while)\s+", re.I)


@dataclass
class _Mentions:
    drugs: list[Mention] = field(default_factory=list)
    doses: list[Mention] = field(default_factory=list)
    routes: list[Mention] = field(default_factory=list)
    freqs: list[Mention] = field(default_factory=list)
    durations: list[Mention] = field(default_factory=list)
    leads: list[Mention] = field(default_factory=list)  # "5 days of", "a 6-day course of": a length before the drug
    times: list[Mention] = field(default_factory=list)  # calendar dates and "after N days" of the sentence
    lengths_after: list[Mention] = field(default_factory=list)  # "after 12 months of treatment": a course's length
    classes: list[Mention] = field(default_factory=list)  # class words given ("IV antibiotics: A and B")
    inner: ByStart | None = None  # the drugs, doses, routes and frequencies, by start
    # position indexes of lists of this sentence (by the list's id, the list kept alive with its index) and memos
    _indexes: dict[int, tuple[list[Mention], ByStart]] = field(default_factory=dict)
    _memos: dict[int, tuple[list[Mention], dict]] = field(default_factory=dict)
    _reasons: dict[tuple[int, int], str | None] = field(default_factory=dict)
    _regimens: ByStart | None = None
    _reasons_to: dict[int, _ReasonsFrom] = field(default_factory=dict)
    _induced: list[int] | None = None
    _tapered: dict[tuple[int, int], bool] = field(default_factory=dict)

    def index(self, items: list[Mention]) -> ByStart:
        """The position index of one of this sentence's lists of mentions (sorted by start), built once."""
        held = self._indexes.get(id(items))
        if held is None or held[0] is not items:
            held = self._indexes[id(items)] = (items, ByStart(items))
        return held[1]

    def reason(self, text: str, span: tuple[int, int]) -> str | None:
        """The stated reason of a clause (`_reason`), read once per clause."""
        if span not in self._reasons:
            self._reasons[span] = _reason(text[span[0]:span[1]])
        return self._reasons[span]

    def reasons_to(self, text: str, end: int) -> _ReasonsFrom:
        """The stated reasons of the stops told in the clause ending at `end` (`_ReasonsFrom`)."""
        if end not in self._reasons_to:
            self._reasons_to[end] = _ReasonsFrom(text, end)
        return self._reasons_to[end]

    def induced(self, text: str, sent: tuple[int, int]) -> list[int]:
        """Where each "-induced", "-associated", "-related" of the sentence begins (its space or hyphen)."""
        if self._induced is None:
            self._induced = [m.start() for m in _INDUCED_AFTER.finditer(text, sent[0], sent[1])]
        return self._induced

    def tapered(self, text: str, clause: tuple[int, int]) -> bool:
        """Whether the clause tells a taper (_TAPERED_STOP)."""
        if clause not in self._tapered:
            self._tapered[clause] = _TAPERED_STOP.search(text, clause[0], clause[1]) is not None
        return self._tapered[clause]

    def regimens(self) -> ByStart:
        """The drug mentions naming a regimen ("R-CHOP"), by start."""
        if self._regimens is None:
            self._regimens = ByStart([x for x in self.drugs if x.attrs.get("regimen")])
        return self._regimens

    def memo(self, items: list[Mention]) -> dict:
        """A memo of results that depend on this sentence and on the list of drugs `items`."""
        held = self._memos.get(id(items))
        if held is None or held[0] is not items:
            held = self._memos[id(items)] = (items, {})
        return held[1]


@cache
def _inhaled_only() -> frozenset[str]:
    """Drugs given only by inhalation (knowledge/inhaled_only.csv): no list's written route is theirs."""
    return frozenset(r["ingredient"].lower() for r in table("inhaled_only.csv"))


@cache
def _reasons() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, reason), longest written form first, compiled once."""
    rows = sorted(table("stop_reasons.csv"), key=lambda r: -len(r["written"]))
    return tuple((re.compile(rf"\b{re.escape(r['written'])}s?\b"), r["reason"]) for r in rows)


def _gap_is_filler(text: str, a: int, b: int, inner: ByStart) -> bool:
    if b < a:
        return False
    chunk = list(text[a:b])
    for m in inner.within(a, b):
        chunk[m.start - a:m.end - a] = " " * (m.end - m.start)
    if "(" in text[a:b]:
        for m in _ASIDE.finditer(text, a, b):  # "X (for the same indication) was avoided": an aside
            chunk[m.start() - a:m.end() - a] = " " * (m.end() - m.start())
    for m in _LENGTH_OF.finditer(text, a, b):  # "completed 6 weeks of X": the course's length
        chunk[m.start() - a:m.end() - a] = " " * (m.end() - m.start())
    words = re.findall(r"[\w-]+", "".join(chunk).lower())
    return all(w in _FILLER or _LENGTH_WORD.fullmatch(w) for w in words) and not _STOP_MARK.search("".join(chunk))


# the words a filler gap may hold besides _FILLER: those of a course's length (_LENGTH_OF, _LENGTH_WORD)
_LENGTH_VOCABULARY = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                      "day", "days", "week", "weeks", "month", "months", "of"}


# what may block a gap (`_Blocks`): a ";" or "." and a whole word (a run of [\w-]) of letters that lower-case to plain
# ASCII ones (the Kelvin sign is the one other character that does)
_BLOCK_WORD = re.compile(r"(?<![\w-])[A-Za-z\u212a]+(?![\w-])|;|(?<![A-Za-z]\.[A-Za-z])\.")
# a semicolon or a full stop ends a gap; the last dot of a letters' abbreviation ("i.v. infusion", "p.o.") does not
_STOP_MARK = re.compile(r";|(?<![A-Za-z]\.[A-Za-z])\.")


_GAP_WORDS = frozenset(_FILLER | _LENGTH_VOCABULARY)  # words a filler gap spans (no block)


# an aside in brackets between a drug and its cue ("X (Brand, maker) was started", "X (for the same indication) was
# avoided"): short, without a full stop or a semicolon
_ASIDE = re.compile(r"\([^().;]{1,60}\)")


class _Blocks:
    """The places of a sentence no filler gap can span (`_gap_is_filler`): a word of plain letters that is no filler
    word, nor one of a course's length, and a ";" or ".", where no drug, dose, route or frequency mention covers any of
    it (such a mention could mask it). A gap holding one whole is not filler: a cue past it is never the drug's, so
    only the cues before it are read (one long sentence of many drugs and cues stays linear)."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str, s0: int, s1: int, inner: list[Mention]) -> None:
        covered = bytearray(s1 - s0)
        for m in inner:
            lo, hi = max(m.start, s0), min(m.end, s1)
            if lo < hi:
                covered[lo - s0:hi - s0] = b"\x01" * (hi - lo)
        part = text[s0:s1]
        if "(" in part:
            for m in _ASIDE.finditer(text, s0, s1):  # an aside in brackets blocks no gap (`_gap_is_filler`)
                covered[m.start() - s0:m.end() - s0] = b"\x01" * (m.end() - m.start())
        self.starts: list[int] = []
        self.ends: list[int] = []
        for w in _BLOCK_WORD.finditer(part):  # the sentence alone: a word at its start is one
            a, b = w.span()
            if w.group(0).lower() not in _GAP_WORDS and covered.find(1, a, b) < 0:
                self.starts.append(a + s0)
                self.ends.append(b + s0)

    def after(self, pos: int) -> float:
        """The end of the first block at or after `pos`: a gap from `pos` reaching it is not filler."""
        i = bisect_left(self.starts, pos)
        return self.ends[i] if i < len(self.ends) else float("inf")

    def before(self, pos: int) -> float:
        """The start of the last block ending at or before `pos`: a gap to `pos` from at or before it is not filler."""
        i = bisect_right(self.ends, pos)
        return self.starts[i - 1] if i else float("-inf")


_LENGTH_WORD = re.compile(r"\d+-(?:day|week|month)")  # "completed a 7-day course of X"


_LENGTH_OF = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                        r"(?P<u>days?|weeks?|months?)\s+of\b", re.I)


# a time written before what ended a course, not part of it: "after 12 months (,) the antigen was negative"
_TIME_LEAD = (r"(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)\s+"
              r"(?:hours?|days?|weeks?|months?|years?)\s*,?\s+)?")


# a reason of no known kind, kept as written: "because of posterior reversible encephalopathy syndrome"
# a drug stopped once what it covered was excluded: "stopped on day 2 once Legionella was excluded"
_EXCLUDED_REASON = re.compile(r"\b(?:once|after|as|since|when)\s+" + _TIME_LEAD +
                              r"(?:(?:the|a|an)\s+)?(?P<r>[\w'-]+(?: [\w'-]+){0,4}?)"
                              r"\s+(?:was|were|had been|has been)\s+(?:excluded|ruled out)\b", re.I)


# a word of a stated reason: "rise in creatinine to 132 umol/L" (a unit's slash, a decimal number)
_REASON_WORD = r"[\w'/%-]+(?:\.\d+)?"


_STATED_REASON = re.compile(r"\b(?:due to|because of|owing to)\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
                            rf"(?P<r>{_REASON_WORD}(?: {_REASON_WORD}){{0,7}}?)"
                            r"(?=\s*(?:[,.;()]|$|\band\b|\bbut\b|\bafter\b))", re.I)


# a drug stopped once what it treated was over: "furosemide was stopped once the oedema had resolved"
_RESOLVED_REASON = re.compile(r"\b(?:once|after|as|when)\s+" + _TIME_LEAD + r"(?:(?:the|his|her|their)\s+)?"
                              r"(?P<r>[\w'-]+(?: [\w'-]+){0,3}?)\s+(?:had |has |have |had completely |was |were )?"
                              r"(?:resolved|settled|cleared|normali[sz]ed|subsided|disappeared)\b"
                              # "as the acidosis resolved following cessation of X": the stop's effect, not its
                              # reason (exposure QA, expqa7)
                              r"(?!\s+(?:\w+\s+)?(?:following|after|upon|with)\s+(?:the\s+)?(?:cessation|"
                              r"discontinuation|withdrawal|stopping|removal)\b)", re.I)


# a drug stopped once the test it waited for was negative: "aciclovir was stopped after the HSV PCR was negative"
_NEGATIVE_REASON = re.compile(r"\b(?:once|after|as|when)\s+" + _TIME_LEAD + r"(?:(?:the|his|her|their|a|an)\s+)?"
                              r"(?P<r>[\w'-]+(?: [\w'-]+){0,4}?)\s+(?:was|were|came back|returned|had been|proved)\s+"
                              r"(?:reported\s+)?negative\b", re.I)


_INDUCED_AFTER = re.compile(r"[\s-](?:induced|associated|related)\b", re.I)


def _reason(sentence: str) -> str | None:
    """What was excluded ("after bacterial infection was ruled out": not the infection itself), else the first stated
    reason of a known kind ("due to intolerance", "because of infections"), else the reason as written after "due to" /
    "because of" (up to eight words)."""
    excluded = _EXCLUDED_REASON.search(sentence)
    if excluded:
        return f"{excluded.group('r')} excluded"
    for m in _REASON.finditer(sentence):
        words = m.group("r").lower()
        for pattern, reason in _reasons():
            if pattern.search(words):
                return reason
    stated = _STATED_REASON.search(sentence)
    if stated:
        return stated.group("r")  # as written: "AKI", "Stevens-Johnson syndrome"
    resolved = _RESOLVED_REASON.search(sentence)
    if resolved:
        return f"{resolved.group('r')} resolved"
    negative = _NEGATIVE_REASON.search(sentence)
    return f"{negative.group('r')} negative" if negative else None


class _ReasonsFrom:
    """`_reason(text[pos:end])` for the stops of one clause (one `end`), each told further on (`pos` growing): every
    search is the leftmost match at or after `pos` (`Forward`), and the chain of "due to / for / after ..." matches is
    followed once, each match remembering the first reason of a known kind from it on. A long clause of many stops
    stays linear. Where `text[pos]` is a word character a match could start there only in the slice (its `\b`):
    then the slice is read as before."""

    def __init__(self, text: str, end: int) -> None:
        self.text, self.end = text, end
        self.excluded, self.listed, self.stated, self.resolved, self.negative = (
            Forward(rx, text, end) for rx in (_EXCLUDED_REASON, _REASON, _STATED_REASON, _RESOLVED_REASON,
                                              _NEGATIVE_REASON))
        self._known: dict[int, str | None] = {}  # start of a _REASON match -> the first known reason from it on

    def at(self, pos: int) -> str | None:
        if pos >= self.end or pos < len(self.text) and (self.text[pos].isalnum() or self.text[pos] == "_"):
            return _reason(self.text[pos:self.end])
        if (excluded := self.excluded.search(pos)) is not None:
            return f"{excluded.group('r')} excluded"
        if (known := self._first_known(pos)) is not None:
            return known
        if (stated := self.stated.search(pos)) is not None:
            return stated.group("r")
        if (resolved := self.resolved.search(pos)) is not None:
            return f"{resolved.group('r')} resolved"
        negative = self.negative.search(pos)
        return f"{negative.group('r')} negative" if negative else None

    def _first_known(self, pos: int) -> str | None:
        """The first reason of a known kind among the _REASON matches from `pos` on, as `finditer` gives them."""
        chain: list[int] = []
        m = self.listed.search(pos)
        found: str | None = None
        while m is not None and m.start() not in self._known:
            chain.append(m.start())
            words = m.group("r").lower()
            found = next((reason for pattern, reason in _reasons() if pattern.search(words)), None)
            if found is not None:
                break
            m = _REASON.search(self.text, m.end(), self.end)
        if found is None and m is not None:
            found = self._known[m.start()]
        for start in chain:
            self._known[start] = found
        return found


_TAPERED_STOP = re.compile(r"\b(?:tapered|weaned|withdrawn|tapering|weaning)\b", re.I)
