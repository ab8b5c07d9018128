"""Drug exposures from drug, dose, route and frequency mentions, sentence by sentence.

For each drug mention the nearest cue of its clause says what happened (knowledge/exposure_cues.csv):
start, stop, restart, dose increase or decrease, continue, still on it ("on X"), or a swap ("X was
replaced by Y", "Y replaced X"). The text between a drug and its cue may hold only other drugs,
doses and filler words ("TAC, MMF and quinacrine were discontinued"). A dose change opens a new
dose segment; a stop and a later start give two exposures; "on X" at the end of the story keeps X
active. Negated, hypothetical and other patients' drugs never become exposures.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from casecourse.assembly.positions import ByStart, Forward, span_of
from casecourse.assembly.timeline import SentenceTime, days_after, place_one
from casecourse.knowledge import table
from casecourse.model import (
    BEFORE_ADMISSION,
    PERIOD_DAYS,
    Assertion,
    Coding,
    Dose,
    DoseSegment,
    Exposure,
    Mention,
    Provenance,
    SourceSpan,
    TimeRef,
    Timing,
    construct_all,
)
from casecourse.reading.drugs import product_ingredients
from casecourse.reading.rx_first import anchored, finditer
from casecourse.reading.timex_lexicon import UNIT_DAYS

_FILLER = {"and", "or", "was", "were", "is", "are", "been", "be", "then", "also", "both", "the", "of", "all",
           "subsequently", "gradually", "successfully", "therapy", "treatment", "dose", "doses", "his", "her",
           "daily", "weekly", "monthly", "high-dose", "low-dose", "oral", "intravenous", "subcutaneous", "pulse",
           "pulses", "with", "plus", "therefore", "eventually", "finally", "later", "immediately", "promptly",
           "off-label", "a", "an", "course", "courses", "dosage", "as", "well", "combined", "concomitant",
           "outpatient", "home", "maintenance", "usual", "regular", "which", "empirical", "empiric", "had", "has",
           "have", "prophylaxis", "prophylactic", "administration", "agent", "agents", "every"}
# a reason is a short phrase (up to five words after up to three): "for a first time was reintroduced with an
# improvement" is none
_REASON = re.compile(r"\b(?:due to|because of|because|owing to|secondary to|for|after|as)\s+"
                     r"(?:\w+\s+){0,3}?(?P<r>[\w-]+(?: [\w-]+){0,4}?)(?=[,.;)]|$| and | but )", re.I)


# a drug started, then stopped later in the same sentence, its subject left out: "X was added in week 3 but was
# stopped after 10 days because of Y", "X was started in March and discontinued in May due to Y"; or the main verb
# after a participle between commas: "X, started empirically on admission, was stopped on day 4"
_LATER_STOP = anchored(
    r"(?:\s*,?\s*(?:but|and|then|and then|which)\s+|,\s*(?=(?:was|were|had to be|had been)\s))"
    r"(?:(?:was|were|had to be|has been|had been)\s+)?"
    r"(?:(?:later|subsequently|then|eventually|finally|soon|promptly|rapidly)\s+)?"
    r"(?:stopped|discontinued|withdrawn|ceased|suspended|tapered off|interrupted)\b", re.I)
# a stop an event made necessary, told after it: "..., which necessitated its discontinuation", "led to its withdrawal"
# (not "required discontinuation of Y", another drug's)
_REQUIRED_STOP = re.compile(
    r"\b(?:necessitated|required|prompted|led to|resulted in|warranted|mandated|forced)\s+(?:(?:its|their|the|a|an|"
    r"immediate|prompt|permanent|temporary|early)\s+)*(?:discontinuation|withdrawal|cessation|interruption|"
    r"suspension)\b(?!\s+of\b)", re.I)
# the event told before such a stop: "caused a generalized rash, which" -> "generalized rash"; "Severe gingival
# hyperplasia" (a subject of its own)
_REQUIRING_EVENT = re.compile(
    r"^\W*(?:(?:he|she|they|the patient|it)\s+)?(?:(?:later|then|subsequently|soon)\s+)?(?:(?:caused|induced|"
    r"developed|experienced|produced|triggered|had|was complicated by)\s+)?(?:(?:an?|the|his|her)\s+)?"
    r"(?P<r>[a-z][a-z -]{2,50}?)\s*,?\s*(?:(?:which|that|this)\s+)?$", re.I)
# a start put off, told after the drug in its clause: "Initiation of X was postponed", "..., but this was deferred"
_PUT_OFF = anchored(
    r"\s*(?:(?:therapy|treatment|infusion|administration)\s+)?(?:,?\s*(?:but|and)\s+(?:this|it|the (?:start|"
    r"initiation|plan|treatment))\s+)?(?:was|were|had to be|has been|had been)\s+(?:\w+ly\s+)?(?:postponed|deferred|"
    r"cancell?ed|put on hold)\b", re.I)
# the patient's own stop of a drug told by a pronoun: "he stopped taking it", "she had not been taking the medication"
_TAKEN = r"(?:it|them|the (?:drug|medications?|treatment|therapy))"
_PATIENT = r"(?:he|she|the patient)\s+"
_QUIT = r"(?:had\s+|has\s+)?(?:(?:later|subsequently|then|eventually)\s+)?(?:stopped|discontinued|ceased|quit)\s+" \
        rf"(?:taking\s+|using\s+)?{_TAKEN}"
_NOT_TAKING = rf"{_PATIENT}(?:had|has)\s+not\s+been\s+taking\s+{_TAKEN}"
# a stop told of the drug of the sentence before: "It was stopped in May 2019 because of hypertension."
_PRONOUN_STOP = re.compile(
    r"\s*(?:(?:it|this|the (?:drug|medication|treatment|therapy|agent)|this (?:drug|medication|treatment|therapy|"
    r"agent))\s+(?:was|had to be|has been|had been)\s+(?:(?:later|subsequently|then|eventually|finally|soon|promptly)"
    rf"\s+)?(?:stopped|discontinued|withdrawn|ceased|suspended|tapered off|interrupted)\b|{_PATIENT}{_QUIT}\b"
    rf"|{_NOT_TAKING}\b)", re.I)
# a stop of the one drug its sentence names, told after it by a pronoun or by the patient's not taking it: "X was
# started, but it was discontinued because of a rash", "he was prescribed X; however, he had not been taking the
# medication for months", "... but had stopped taking it"
_SELF_STOPPED = re.compile(
    r"\b(?:(?:it|the (?:drug|medication|treatment|therapy|agent))\s+(?:was|had to be|has been|had been)\s+"
    r"(?:(?:later|subsequently|then|eventually|finally|soon|promptly)\s+)?(?:stopped|discontinued|withdrawn|ceased)"
    rf"|(?:{_PATIENT})?{_QUIT}|{_NOT_TAKING})\b", re.I)
# a restart told of the drug of the sentence before: "It was resumed after 10 days at a lower dose."
_PRONOUN_RESUME = re.compile(
    r"\s*(?:it|this|the (?:drug|medication|treatment|therapy|agent)|this (?:drug|medication|treatment|therapy|agent))"
    r"\s+(?:was|were|has been|had been)\s+(?:(?:later|subsequently|then|eventually|finally|successfully)\s+)?"
    r"(?:restarted|resumed|reintroduced|reinstituted|reinitiated)\b", re.I)
# a hold of stated length: "was held for 2 weeks", "was temporarily withheld for 5 days"
_HELD_FOR = re.compile(r"\s+(?:was|were|had been|had to be)\s+(?:temporarily\s+)?(?:held|withheld|interrupted|"
                       r"suspended|paused|stopped|discontinued)\s+(?:temporarily\s+)?(?:for\s+)?", re.I)
# a hold the same clause ends: "withheld ... and restarted at discharge"
_RESUMED_AFTER = re.compile(r"\b(?:and|but)\s+(?:was\s+|were\s+)?(?:later\s+|subsequently\s+|then\s+)?"
                            r"(?:restarted|resumed|reintroduced|reinstituted)\b", re.I)
# the admission or presentation of the sentence; a drug named before it was taken before it
# (not an admission to a unit during the stay: "X was prescribed and the patient was admitted to the intensive care
# unit", exposure QA expqa5)
_ADMITTED = re.compile(r"\b(?:was|were)\s+(?:re)?admitted\b(?!\s+to\s+(?:the\s+|our\s+|a\s+)?"
                       r"(?:pediatric\s+|paediatric\s+|neonatal\s+|surgical\s+|medical\s+)?"
                       r"(?:intensive|critical|coronary|high[\s-]dependency|"
                       r"ICU|PICU|NICU|CCU|HDU)\b)|\bpresented\s+(?:to|with|at)\b|"
                       r"\b(?:was|were)\s+(?:referred|hospitali[sz]ed)\b", re.I)
# an entry of a list of abbreviations: "AMK: amikacin;" (an abbreviation, a colon or an equals sign, its expansion)
# (an all-capital abbreviation may expand to a capitalised name, a legend's "RTX: Rituximab, VCR: Vincristine, PLEX:
# Plasma exchange  Figure 2": expqa8)
_GLOSSARY_ENTRY = anchored(r"(?:^|[;,]\s*|(?<=\.)\s+|(?<=\.\s)|(?<=\n))"
                           r"(?:[A-Z][A-Za-z0-9/+-]{0,9}\s*[:=]\s*[a-z][\w -]{1,40}(?=;|,|\.|$)|"
                           r"[A-Z][A-Z0-9/+-]{1,9}\s*[:=]\s*[A-Z][a-z][\w-]*(?:[ -][\w-]+){0,4}(?=;|,|\.|$|\s{2}))")


def _glossary(text: str, sent: tuple[int, int]) -> bool:
    """Whether the sentence is a list of abbreviations: three entries or more (`_GLOSSARY_ENTRY`). Each entry holds
    one colon or equals sign of its own, so a sentence with fewer than three is none, told by counting (most
    sentences) before the pattern is run."""
    if text.count(":", *sent) + text.count("=", *sent) < 3:
        return False
    return len(_GLOSSARY_ENTRY.findall(text, *sent)) >= 3


# a list of the medicines the patient was taking when the story begins, or a course told as running up to then
# ("her regular medication included", "home medications were", "had been treated with X for 2 years"): taken
# before the admission, since a time the text does not give
_MED_HISTORY = re.compile(r"\b(?:(?:current|regular|home|usual|daily|maintenance|outpatient|chronic|long-term|"
                          r"previous|prior)\s+(?:medications?|medicines?|drugs?|treatment|therapy)|(?:his|her|their)\s+"
                          r"medications?)\s+(?:included|includes|include|were|was|consisted\s+of|comprised|are|is)\b|"
                          r"\b(?:had|has)\s+been\s+(?:treated|taking|receiving|maintained|managed)\b", re.I)
_PROPHYLAXIS_AFTER = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?prophyla(?:xis|ctic)\b", re.I)

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


# the amount a dose changes by, not a dose: "tapered by 10 mg every week", "weaned by 2.5 mg every two weeks",
# "reduced in steps of 5 mg", "increased in 25 mg increments"
@cache
def _cues() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = table("exposure_cues.csv")
    meta = {r["cue"].lower(): (r["action"], r["side"]) for r in rows}
    alts = sorted(meta, key=len, reverse=True)
    # behind a lookahead of its first-character class (rx_first.anchored): same matches, a faster scan
    # "was not started until May": a start, not a drug withheld
    regex = anchored(r"(?<![\w-])(" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) +
                     r")(?![\w-])(?!\s+until\b)", re.I)
    return regex, meta


def _dated_on(text: str, cues: list[tuple], times: ByStart, meta: dict[str, tuple[str, str]]) -> list[tuple]:
    """A cue "resumed on" / "restarted on" followed by a time ("X was resumed on 8 March") is the verb and the
    preposition of its date, not "resumed on X": the verb's own cue, its drug before it."""
    out = []
    for c in cues:
        words = re.sub(r"\s+", " ", text[c[0]:c[1]].lower())
        head = words[:-3]
        if words.endswith(" on") and head in meta and times.window(c[1], c[1] + 6):
            c = (c[0], c[0] + len(text[c[0]:c[1]].rstrip()[:-2].rstrip()), *meta[head])
        out.append(c)
    return out


@cache
def _inhaled_only() -> frozenset[str]:
    """Drugs given only by inhalation (knowledge/inhaled_only.csv): no list's written route is theirs."""
    return frozenset(r["ingredient"].lower() for r in table("inhaled_only.csv"))


@cache
def _non_exposures() -> frozenset[str]:
    """Drug names that are no exposure of the course, as written (knowledge/non_exposures.csv)."""
    return frozenset(r["written"].lower() for r in table("non_exposures.csv"))


@cache
def _device_carrier() -> re.Pattern:
    """ "-soaked", "-eluting", ... right after a drug's name: a device's content (knowledge/device_carriers.csv)."""
    words = sorted((r["word"].lower() for r in table("device_carriers.csv")), key=len, reverse=True)
    # ("a rifampin antibiotic-soaked graft": the drug's class word may stand before the hyphen)
    return re.compile(r"(?:\s+(?:antibiotic|antimicrobial|antifungal|drug))?\s*-\s*(?:" +
                      "|".join(map(re.escape, words)) + r")\b", re.I)


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
    return all(w in _FILLER or _LENGTH_WORD.fullmatch(w) for w in words) and not re.search(r"[;.]", "".join(chunk))


# the words a filler gap may hold besides _FILLER: those of a course's length (_LENGTH_OF, _LENGTH_WORD)
_LENGTH_VOCABULARY = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                      "day", "days", "week", "weeks", "month", "months", "of"}
# what may block a gap (`_Blocks`): a ";" or "." and a whole word (a run of [\w-]) of letters that lower-case to plain
# ASCII ones (the Kelvin sign is the one other character that does)
_BLOCK_WORD = re.compile(r"(?<![\w-])[A-Za-z\u212a]+(?![\w-])|[;.]")
_GAP_WORDS = frozenset(_FILLER | _LENGTH_VOCABULARY)  # words a filler gap spans (no block)
# the mentions `ExposureBuilder.sentence` starts, stops or resumes a course by, itself or through the class's members
_DRUG_TYPES = frozenset({"drug", "drug_class"})
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


# a drug named as a cause: "due to X", "attributed to X", "hepatotoxicity to X"; "X-induced", "X-associated"
_CAUSE_BEFORE = re.compile(r"\b(?:due to|caused by|induced by|secondary to|attributed to|attributable to|related to|"
                           r"associated with|reaction to|toxicity to|hepatotoxicity to|allergy to)\s+$", re.I)
_CAUSE_AFTER = re.compile(r"[\s-](?:induced|associated|related)\b", re.I)
_LENGTH_WORD = re.compile(r"\d+-(?:day|week|month)")  # "completed a 7-day course of X"
# a time elapsed on a drug, not a course given: "afebrile after 7 days of clindamycin (therapy)"
_ELAPSED_OF = re.compile(r"\b(?:after|within|by|following)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"a few|several)\s+(?:hours?|days?|weeks?|months?)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)
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


# a harm laid on the drug named right after it: "an infusion reaction to X", "hypersensitivity to X"
_HARM_TO = re.compile(r"\b(?:[\w-]+\s+){0,2}(?:reaction|allergy|hypersensitivity|intolerance|toxicity|anaphylaxis)"
                      r"\s+(?:to|with)\s+(?:the\s+)?$", re.I)


_INDUCED_AFTER = re.compile(r"[\s-](?:induced|associated|related)\b", re.I)


def _induced_reason(text: str, sent: tuple[int, int], d: Mention, induced: list[int]) -> str | None:
    """ "X-induced hepatotoxicity was suspected, and X was discontinued": the harm the sentence lays on the drug it
    stops is the reason (its kind where the table knows it, else an adverse effect)."""
    harm_to = _HARM_TO.search(text, max(sent[0], d.start - 60), d.start)
    if harm_to is not None:  # "developed a severe infusion reaction to infliximab and was switched to adalimumab"
        return next((reason for pattern, reason in _reasons() if pattern.search(harm_to.group(0).lower())),
                    "adverse effect")
    # the drug's name right before "-induced" (`induced`: where each such word begins in the sentence), as `finditer`
    # over the sentence finds it (matches of one length, leftmost first, not overlapping): not a scan of the sentence
    # for each drug it stops
    name = re.compile(rf"\b{re.escape(d.text)}", re.I)
    sentence, n, after = _sentence_text(text, sent), len(d.text), 0
    for p in induced:
        q = p - sent[0] - n
        if q < after or not name.fullmatch(sentence, q, p - sent[0]):
            continue
        after = p - sent[0]
        if sent[0] + q == d.start:
            continue
        harm = text[p:p + 60].lower()
        for pattern, reason in _reasons():
            if pattern.search(harm):
                return reason
        return "adverse effect"
    return None


def _required_reason(event: str) -> str | None:
    """The reason of a stop an event made necessary, from the words of that event: its kind where the table knows
    it, else the event as written ("generalized rash"), else none."""
    event = re.split(r";|\bbut\b", event)[-1]  # "X was given; severe hyperplasia led to its withdrawal"
    low = event.lower()
    known = next((reason for pattern, reason in _reasons() if pattern.search(low)), None)
    if known is not None:
        return known
    m = _REQUIRING_EVENT.search(event)
    return m.group("r").strip() if m is not None and len(m.group("r").split()) <= 6 else None


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


def provenance(text: str, m: Mention, sent: tuple[int, int], rule: str) -> Provenance:
    """Where a fact comes from: the mention's span and its sentence (of an overlong one, the part around the mention:
    `_sentence_part`). Built without validation: offsets and slices of the text are of their types by construction,
    and every fact carries one (validating them took a third of the assembly's time)."""
    sent = _sentence_part(text, m, sent)
    return construct_all(Provenance, spans=[construct_all(SourceSpan, start=m.start, end=m.end, text=m.text)],
                         rule=rule, sentence=construct_all(SourceSpan, start=sent[0], end=sent[1],
                                                           text=_sentence_text(text, sent)))


# a "sentence" longer than this is no sentence but a run-on list without full stops (the longest sentence of the public
# corpora has 2,205 characters): each fact's provenance then gives the part of it within _SENTENCE_AROUND characters of
# its mention (cut at white space), so that the course's size grows with the text, not with (facts) x (its length)
_SENTENCE_MAX = 4000
_SENTENCE_AROUND = 1000


def _sentence_part(text: str, m: Mention, sent: tuple[int, int]) -> tuple[int, int]:
    s0, s1 = sent
    if s1 - s0 <= _SENTENCE_MAX:
        return sent
    lo, hi = max(s0, m.start - _SENTENCE_AROUND), min(s1, m.end + _SENTENCE_AROUND)
    if lo > s0 and (cut := text.find(" ", lo, m.start)) >= 0:
        lo = cut + 1
    if hi < s1 and (cut := text.rfind(" ", m.end, hi)) >= 0:
        hi = cut
    return lo, hi


# the text of the last sentence a provenance was made in: one string shared by all the facts of a sentence (a copy for
# each fact of one long sentence took time and memory growing with (facts) x (sentence length))
_last_sentence: tuple[str, tuple[int, int], str] = ("", (0, 0), "")


def _sentence_text(text: str, sent: tuple[int, int]) -> str:
    global _last_sentence
    held = _last_sentence
    if held[0] is text and held[1] == sent:
        return held[2]
    out = text[sent[0]:sent[1]]
    _last_sentence = (text, sent, out)
    return out


class ExposureBuilder:
    """Accumulates exposures over the sentences of one story."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.exposures: list[Exposure] = []
        self._of: dict[str, list[Exposure]] = {}  # drug -> its exposures, in order (not a scan of them all)
        self.active: dict[str, Exposure] = {}
        self._n = 0
        self._previous: list[Mention] = []  # the drugs of the last sentence that named any
        self._holds: dict[str, tuple[float, str]] = {}  # drug -> stated length of its last hold ("held for 2 weeks")
        self._until_times: dict[int, TimeRef | None] = {}  # the sentence's "until" times by position, as placed
        self._withheld: dict[str, TimeRef] = {}  # drug first told as withheld (not known taken) -> the time told
        self._prev_time: TimeRef | None = None  # the time of the sentence before

    # -- state changes -------------------------------------------------------------------------------
    def _new(self, drug: Mention, when: TimeRef, sent: tuple[int, int], seg: DoseSegment | None) -> Exposure:
        self._n += 1
        codings = []
        if drug.attrs.get("drugbank"):
            codings.append(Coding(system="https://go.drugbank.com/drugs", code=str(drug.attrs["drugbank"]),
                                  display=drug.norm))
        if drug.attrs.get("atc"):
            codings.append(Coding(system="http://www.whocc.no/atc", code=str(drug.attrs["atc"]), display=drug.norm))
        exp = Exposure(id=f"exposure-{self._n}", drug=drug.norm or drug.text, codings=codings,
                       drug_class=drug.attrs.get("drug_class"), time=when, provenance=self._prov(drug, sent),
                       segments=[seg or DoseSegment(start=when, provenance=self._prov(drug, sent))], status="unknown")
        self.exposures.append(exp)
        self._of.setdefault(exp.drug, []).append(exp)
        self.active[exp.drug] = exp
        return exp

    def _last_of(self, name: str) -> Exposure | None:
        """The last exposure of the drug `name`, None when it has none."""
        held = self._of.get(name)
        return held[-1] if held else None

    def _prov(self, m: Mention, sent: tuple[int, int], rule: str = "exposure-assembly") -> Provenance:
        return provenance(self.text, m, sent, rule)

    def _stop(self, name: str, when: TimeRef, reason: str | None, status: str = "stopped") -> None:
        exp = self.active.pop(name, None)
        if exp is None:
            return
        last = exp.segments[-1].end
        if last is not None and _ended_before(last, when):
            when = last  # "four weekly doses ... At 6 months, switched from rituximab to X": the course was over
        if when.known and exp.segments[-1].start.known and _stopped_before_start(when, exp.segments[-1].start):
            # a stop placed before the course began: the two times were read on different clocks ("day 6" of a
            # new admission six months on, "POD 2" of another operation); which one is right the text does not
            # settle, so the stop's time is left unknown rather than stated impossible
            when = TimeRef(derivation="unknown", text=when.text)
        exp.end = when
        if exp.segments[-1].end != when:
            exp.segments[-1].length_days = None  # stopped at another time than its stated length gives
        exp.segments[-1].end = when
        exp.status = status  # type: ignore[assignment]
        exp.stop_reason = reason or exp.stop_reason

    def apply(self, action: str, drug: Mention, when: TimeRef, sent: tuple[int, int], seg: DoseSegment | None,
              reason: str | None, cued: bool = True) -> None:
        """Apply what the sentence tells of `drug` (`cued`: a cue of exposure_cues.csv said it, not only its name)."""
        name = drug.norm or drug.text
        exp = self.active.get(name)
        if exp is not None and action not in ("stop", "hold", "complete", "not_taken") and \
                (over := exp.segments[-1]).length_days is not None and over.end is not None and \
                _ended_before(over.end, when):
            # "three pulses of X in 2019 ... X 1 g daily for 3 days in 2020": the first course was over, as stated
            self._stop(name, over.end, None, status="completed")
            exp = None
        if action == "stop":
            previous = self._of.get(name, [])
            if exp is None and previous and previous[-1].end is not None and \
                    (previous[-1].end.point, previous[-1].end.offset_days) == (when.point, when.offset_days):
                return  # a second report of the same stop; a stop at another time means it was resumed
            if exp is None:  # first told as stopped: when it began is not told, whatever the stop's time
                if seg is not None:
                    seg.start = TimeRef(derivation="unknown")
                exp = self._new(drug, TimeRef(derivation="unknown"), sent, seg)
            self._stop(name, when, reason)
        elif action == "hold":  # being taken: stopped there; never taken: not given
            if exp is None and (_RESUMED_AFTER.search(self.text, drug.end, sent[1]) or name in self._holds):
                # "Ramipril was withheld because of AKI and restarted at discharge", "Ramipril was withheld for 3
                # days": it was being taken
                # "Ramipril was withheld because of AKI and restarted at discharge": it was being taken
                exp = self._new(drug, TimeRef(derivation="unknown"), sent, seg)
            if exp is not None:
                self._stop(name, when, reason)
            elif name not in self._of:
                self._new(drug, TimeRef(derivation="unknown"), sent, None).status = "not-taken"
                self.active.pop(name, None)
                self._withheld[name] = when  # taken after all if "it was resumed" follows
            return
        elif action == "complete":  # "he had completed a 7-day course of X": over at this time, as planned
            if exp is None:
                exp = self._new(drug, TimeRef(derivation="unknown"), sent, seg)
                exp.segments[-1].start = TimeRef(derivation="unknown")
            self._stop(name, when, reason, status="completed")
        elif action == "not_taken":
            if exp is None and name not in self._of:
                self._new(drug, TimeRef(derivation="unknown"), sent, None).status = "not-taken"
                self.active.pop(name, None)
            return  # a drug taken before and not resumed keeps its course as it was
        elif action == "restart":
            if exp is not None and (over := exp.segments[-1]).length_days is not None and over.end is not None:
                self._stop(name, over.end, None, status="completed")  # "X for 5 days ... X given once again"
            elif exp is not None:
                self._stop(name, TimeRef(derivation="unknown"), None)
            self._new(drug, when, sent, seg).start_reason = "reintroduction"
        elif action == "ongoing":
            if exp is None:
                exp = self._new(drug, TimeRef(derivation="unknown"), sent, seg)
                if seg is not None and seg.length_days is not None and \
                        _TOTAL_OF.search(self.text, drug.end, drug.end + 40):  # a total told of a course first
                    seg.start, seg.end = TimeRef(derivation="unknown"), None  # named here: neither day known
                    exp.status = "completed"
                    return
            else:
                self._update_dose(exp, seg, when)
            if seg is None or seg.length_days is None or seg.end is None:
                exp.status = "active"
                return
            if exp.segments[-1].end is None:  # "remained on X 100 mg twice daily for 5 days": over when told
                exp.segments[-1].end, exp.segments[-1].length_days = seg.end, seg.length_days
            if exp.segments[-1].end is seg.end and (first := exp.segments[0].start) is not None and first.known \
                    and _TOTAL_OF.search(self.text, drug.end, drug.end + 40):
                # "she remained on X for a total of 12 weeks": the whole course, from its first day ("continued on X
                # for 8 days": from now)
                exp.segments[-1].end = days_after(first, seg.length_days, seg.end.text or "")
        elif exp is None:
            self._new(drug, when, sent, seg)
        else:
            self._update_dose(exp, seg, when, started=action == "start" and cued)
        if seg and seg.route and name in self.active and not self.active[name].route:
            self.active[name].route = seg.route

    def _update_dose(self, exp: Exposure, seg: DoseSegment | None, when: TimeRef, started: bool = False) -> None:
        """A dose where none was known fills the segment; a different dose opens a new one. A dose told with a start
        (`started`: "was commenced on X 30 mg") at a time after the course's known start is that time's: a new
        segment, the first one's dose unknown ("X" in 2010, "commenced on X 30 mg daily" in 2018)."""
        if seg is not None and (not seg.dose or seg.dose.value is None) and seg.length_days is not None \
                and seg.end is not None and exp.segments and exp.segments[-1].end is None:
            exp.segments[-1].end = seg.end  # "daptomycin was continued for 6 weeks": the course goes on that long
            return
        if not seg or not seg.dose or seg.dose.value is None:
            return
        last = exp.segments[-1]
        if (last.dose is None or last.dose.value is None) and not (started and _told_later(last.start, when)):
            last.dose, last.timing, last.route = seg.dose, seg.timing or last.timing, seg.route or last.route
        elif last.dose is None or last.dose.value is None or not _same_dose(last, seg):
            self._add_segment(exp, seg, when)

    def _add_segment(self, exp: Exposure, seg: DoseSegment, when: TimeRef) -> None:
        last = exp.segments[-1]
        if last.dose is None and len(exp.segments) == 1 and last.start == when:
            exp.segments[-1] = seg
            return
        if last.length_days is not None and last.end is not None and last.end.known and when == last.start:
            # "40 mg IV twice daily for 3 days, then switched to oral 40 mg daily": told at the same time, the next
            # dose follows the stated length
            seg.start = last.end
            if seg.length_days is not None:
                seg.end = days_after(seg.start, seg.length_days, (seg.end.text if seg.end else None) or "")
            seg.route = seg.route or last.route
            exp.segments.append(seg)
            return
        if last.end != when:
            last.length_days = None  # a new dose before the stated length was over
        # a new dose told at a time before the last one began (another clock): that dose's end is not known
        before = when.known and last.start.known and _stopped_before_start(when, last.start)
        last.end = TimeRef(derivation="unknown", text=when.text) if before else when
        seg.route = seg.route or last.route
        exp.segments.append(seg)

    # -- one sentence -------------------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        """Whether the last sentence named drugs, which a next sentence naming nothing may stop by a pronoun."""
        return bool(self._previous)

    def sentence(self, sent: tuple[int, int], mentions: list[Mention], st: SentenceTime) -> None:
        prev, self._prev_time = self._prev_time, st.time
        if not self._previous and not any(m.type in _DRUG_TYPES for m in mentions):
            return  # (most sentences) no drug nor class named here or just before: nothing to start, stop or resume
        if _glossary(self.text, sent):
            return  # "AA: aplastic anemia; CTX: ceftriaxone; ...": a list of abbreviations names no treatment given
        ms = _Mentions()
        for m in mentions:
            if m.type == "dose" and _STEP_BEFORE.search(self.text, max(sent[0], m.start - 40), m.start):
                continue  # "tapered by 5 mg every week": the step of a taper, not a dose taken
            if m.type == "drug" and (m.text.lower() in _non_exposures() or _device_carrier().match(self.text, m.end)):
                continue  # "he smoked marijuana", "oxygen via a face mask", "a rifampin-soaked graft": no drug given
            if m.type == "drug" and (m.assertion in (Assertion.present, Assertion.historical) or
                                     m.assertion == Assertion.negated and _PROPHYLAXIS_AFTER.match(self.text, m.end)):
                ms.drugs.append(m)  # ConText's backward "prophylaxis" negates the disease prevented, not the drug
            elif m.type == "dose" and not m.attrs.get("threshold") and m.attrs.get("value") is not None:
                if not _STEP_BEFORE.search(self.text, max(0, m.start - 50), m.start):
                    ms.doses.append(m)  # "tapered by 10 mg every week": the step of a taper is no dose given
            elif m.type == "route":
                ms.routes.append(m)
            elif m.type == "drug_class":
                ms.classes.append(m)
            elif m.type == "frequency" or (m.type == "dose" and m.attrs.get("period_unit")):
                ms.freqs.append(m)  # a dose mention without a value that carries only the timing
            elif m.type == "duration" and m.attrs.get("signal") in ("for", "over") and not m.attrs.get("vague"):
                ms.durations.append(m)
            elif m.type == "duration" and not m.attrs.get("signal") and not m.attrs.get("vague"):
                ms.leads.append(m)
            if m.type in ("date", "time") and not m.attrs.get("vague"):
                ms.times.append(m)
        ms.drugs = _dose_basis(self.text, self._one_drug(ms.drugs))
        drugs = _dedupe_abbreviations(self.text, ms.drugs)
        self._class_stops(sent, [m for m in mentions if m.type == "drug_class" and m.assertion == Assertion.present],
                          ms, st)
        if not drugs:
            self._pronoun_stop(sent, ms, st)
            self._pronoun_restart(sent, ms, st)
            self._previous = []
            return
        self._previous = drugs
        s0, s1 = sent
        regex, meta = _cues()
        cues = [(c.start() + s0, c.end() + s0, *meta[re.sub(r"\s+", " ", c.group(0).lower())])
                for c in finditer(regex, self.text[s0:s1])]  # rx_first: same matches, by its lowered twin
        cues = _dated_on(self.text, cues, ms.index(ms.times), meta)
        inner = [*ms.drugs, *ms.doses, *ms.routes, *ms.freqs]
        ms.inner = ByStart(sorted(inner, key=lambda m: m.start))  # only whether each lies in a gap matters
        blocks = _Blocks(self.text, s0, s1, inner)
        a_of, b_of = [c[0] for c in cues], [c[1] for c in cues]
        actions = {id(d): _action(self.text, d, ms.index(drugs), cues, ms.inner, blocks, a_of, b_of) for d in drugs}
        for d in _gapped_stops(self.text, drugs, actions, s1):
            actions[id(d)] = "stop"  # "X was discontinued after 7 days, Y after 14 days": Y's stop, its verb left out
        uncued = {k for k, v in actions.items() if v == _UNCUED}
        actions = {k: "start" if v == _UNCUED else v for k, v in actions.items()}
        clauses = _clauses(self.text, s0, s1)
        before = {id(d): _dose_before(self.text, d, ms.index(ms.doses), ms.index(drugs), ms.inner) for d in drugs}
        claimed = {id(m) for m in before.values() if m is not None}  # "75 mg of azathioprine" is no taper step
        admitted = _ADMITTED.search(self.text, s0, s1)
        ended = self._after_course_of(sent, drugs)
        if ended is not None:  # "After completion of cyclophosphamide, she was maintained on MMF": from its end
            drugs = [d for d in drugs if d is not ended[0]]
            st = SentenceTime(time=ended[1], timex=None)
        drug_ix, dose_ix = ms.index(drugs), ms.index(ms.doses)
        told = sorted([*([(st.timex.start, st.time)] if st.timex is not None else []), *st.shifts],
                      key=lambda x: x[0])
        until_at = {t.start for t in ms.times if _until_at(self.text, t)}
        placed_at = dict(told)
        # each "until" time as placed: a date by itself, "until postoperative day 5" as the sentence placed it
        self._until_times = {p: place_one(t, st.time) if _absolute_date(t) else placed_at.get(p)
                             for t in ms.times if (p := t.start) in until_at}
        later_step = Forward(_LATER_STEP, self.text, st.timex.start) if st.timex is not None else None
        for d in drugs:
            action = actions[id(d)]
            clause = _clause_of(clauses, d.start)
            # "X was held for 2 weeks and then resumed at 10 mg on 20 June": the hold's time and dose are told
            # before the resumption, whose own are the new course's (see _later_restart)
            resumed = _RESUMED_AFTER.search(self.text, d.end, drug_ix.next_other(d, s1)) \
                if action in ("stop", "hold") else None
            if resumed is not None:
                clause = (clause[0], min(clause[1], resumed.start()))
            free = _free(claimed, before[id(d)], resumed.start() if resumed is not None else None)
            dose = _nearest_after(d, dose_ix, drug_ix, 60, free) or before[id(d)] or \
                _shared_dose(self.text, d, drug_ix, dose_ix, s0) or \
                _rate_of(self.text, d, drug_ix, dose_ix, clause, free)
            split = _split_day(self.text, dose, lambda pos, free=free: _first_at(dose_ix, pos, free)) \
                if dose is not None and dose.start >= d.end else None
            if split:
                claimed |= {id(m) for m in split[1:]}  # "500 mg in the morning and 250 mg in the evening": one day
            own = _own_time(st, d, drug_ix, clause, told)
            if until_at and own.known and any(own == t for pos, t in told if pos in until_at):
                # "amoxicillin 1 g TDS until 10/02/2024 and metformin": that date ends a course and starts none; the
                # drugs began at the time told before it, or at one the text does not give
                earlier = [t for pos, t in told if pos < d.start and pos not in until_at]
                own = earlier[-1] if earlier else prev if prev is not None and prev.known \
                    else TimeRef(derivation="unknown")
            if (day := _bracketed_day(self.text, d, own)) is not None:
                own = day  # "methylprednisolone (hospital day 14), rituximab (hospital day 18)": each its own day
            if st.timex is not None and own is st.time and st.timex.start >= d.end and \
                    _DIED_AT.search(self.text, max(d.end, st.timex.start - 40), st.timex.start):
                # "X was given at once, but she died on day 3", "despite X, he died on day 35": the death's time,
                # not the drug's (given before it, at a time the sentence does not give)
                own = prev.model_copy(update={"derivation": "carried"}) if prev is not None and prev.known \
                    and not _ended_before(st.time, prev) else TimeRef(derivation="unknown")
            if resumed is not None and st.timex is not None and st.timex.start >= resumed.end() and not st.shifts:
                # "X was interrupted for 6 weeks and resumed on 20 June": the date is the resumption's; the hold
                # began that length before it, or at a time the sentence does not give
                own = self._hold_began(d, ms, resumed, st.time)
            if prev is not None and prev.known and later_step is not None and d.end <= st.timex.start \
                    and later_step.search(d.end):
                # "R-ICE was given, followed by BEAM and a transplant in August 2019": the date is the later step's
                own = prev.model_copy(update={"derivation": "carried"})
            if action == "start" and (after := self._followed(d, drug_ix)) is not None:
                own = after  # "completed 6 weeks of X, followed by oral Y": Y from X's end
            seg = self._segment(d, drugs, ms, own, sent, dose)
            if split and seg is not None:
                _split_dose(self.text, seg, split)
            stops = action in ("stop", "swap-stop", "hold")
            why = ms.reason(self.text, _clause_of(clauses, d.start)) if stops else None
            if stops and why is None:
                why = _induced_reason(self.text, sent, d, ms.induced(self.text, sent))
            act = "stop" if action == "swap-stop" else "start" if action == "swap-start" else action
            if act == "decrease" and seg is not None and dose is not None and \
                    (over := _taper_length(self.text, dose, ms.index(ms.durations), _clause_of(clauses, d.start))) \
                    is not None:
                seg.start = days_after(st.at(d.start), *over)  # "tapered to 7.5 mg daily over six months"
            when = seg.start if seg is not None and act == "decrease" else own
            if act == "stop" and (over := _stop_length(self.text, d, ms, _clause_of(clauses, d.start))):
                when = days_after(when, *over)  # "weaned off over the following 4 weeks": off when that time is over
            elif act in ("stop", "complete") and (length := self._stopped_after(d, ms, _clause_of(clauses, d.start))):
                when = length  # "azithromycin was stopped after 5 days": 5 days after its start
            if act == "start" and admitted is not None and d.end <= admitted.start() and self.active.get(
                    d.norm or d.text) is None:
                # "a man with Crohn's disease treated with azathioprine was admitted in October 2020": taken before
                # the admission, since a time the text does not give
                when = TimeRef(derivation="unknown", text=BEFORE_ADMISSION)
                if seg is not None:
                    seg.start = when
            elif act == "start" and st.timex is None and own.known and self.active.get(d.norm or d.text) is None \
                    and _PERFECT.search(self.text, s0, d.start) and \
                    (length := _taken_for(self.text, d, dose, ms, drug_ix, s0)) is not None:
                # "he had been treated with A and B for three years", "For 4 months, the patient had been given X":
                # taken since that long before the story's time (no finer than the length allows), still taken
                when = _since(own, *length)
                if seg is not None:
                    seg.start = when
            elif act == "start" and not own.text and self.active.get(d.norm or d.text) is None and \
                    _MED_HISTORY.search(self.text, s0, d.start):
                # "her regular medications included X": taken when the story begins (its time), since before it
                when = own.model_copy(update={"text": BEFORE_ADMISSION})
                if seg is not None:
                    seg.start = when
            elif act == "start" and st.timex is not None and st.timex.start > drug_ix.next_start(d.end, s1) and \
                    self.active.get(d.norm or d.text) is None and _MED_HISTORY.search(self.text, s0, d.start):
                # "his medications included X, Y, and Z, which had been started 10 weeks before": that time is Z's;
                # X and Y were taken before the admission, since a time the text does not give
                when = TimeRef(derivation="unknown", text=BEFORE_ADMISSION)
                if seg is not None:
                    seg.start = when
            if act == "start" and seg is None and self._named_as_cause(d):
                continue  # "DRESS due to allopurinol" after allopurinol was stopped: that course, not a new one
            if act == "start" and id(d) in uncued and self._over(d.norm or d.text, when) and (
                    seg is None or seg.dose is None and seg.timing is None and seg.route is None
                    and _ELAPSED_OF.search(self.text, max(s0, d.start - 60), d.start)):
                # "the fever resolved after ceftriaxone", "afebrile after 7 days of X therapy", a figure's legend:
                # that course, not a new one ("6 additional weeks of X" after it is a new one)
                continue
            if act in ("stop", "hold") and resumed is None and (held := _held_for(self.text, d, ms.durations, clause)):
                self._holds[d.norm or d.text] = held  # "X was held for 2 weeks": resumed, if told, when it is over
            elif act == "restart" and st.timex is None and (over := self._hold_over_told(d.norm or d.text)):
                when = over  # "X was held for 2 weeks. X was then resumed at 10 mg weekly."
                if seg is not None:
                    seg.start = over
            if act == "start" and _PUT_OFF.match(self.text, d.end):
                act = "not_taken"  # "Initiation of X was postponed", "scheduled to start X, but this was deferred"
            if action == "swap-start":
                self._patient_switch(d, drugs, ms, when, _clause_of(clauses, d.start), actions)
            if act in ("start", "ongoing") and self._told_lower(d, seg, when, sent):
                seg = None  # "at last follow-up, on low-dose prednisolone": a later segment, its dose not given
            self.apply(act, d, when, sent, seg, why, cued=id(d) not in uncued)
            if act == "start" and (switched := _started_then_switched(self.text, d, drug_ix, s1)) is not None:
                # "piperacillin was started and then changed to ceftriaxone": stopped at the switch, whose time the
                # sentence does not give apart from the start's
                self._stop(d.norm or d.text, TimeRef(derivation="unknown"), ms.reason(self.text, (switched, s1)))
            elif act == "start" and len(drugs) == 1 and (gone := _SELF_STOPPED.search(self.text, d.end, s1)):
                self._stopped_after_start(d, st, gone, s1)
            if (reg := _regimen_name(self.text, d, ms.regimens())) and \
                    (x := self.active.get(d.norm or d.text)) is not None and x.regimen is None:
                x.regimen = reg  # "six cycles of R-CHOP": the protocol each of its drugs was given under
            if act in ("stop", "hold"):
                self._later_restart(d, drugs, ms, sent, st)
                continue
            exp_now = self.active.get(d.norm or d.text)
            since = exp_now.segments[-1].start if exp_now is not None and exp_now.segments else None
            if dose is not None and dose.start >= d.end:
                self._steps(d, drugs, ms, sent, st, seg, dose, claimed)
            # the stop told after the steps ("..., 30 mg daily from week 7, and was stopped at week 26") ends the
            # last of them; a length ("stopped after 5 days") still counts from the course as it stood before them
            self._later_stop(d, drugs, ms, sent, st, clauses, since)

    def _stopped_after_start(self, d: Mention, st: SentenceTime, gone: re.Match, s1: int) -> None:
        """The one drug of a sentence stopped later in it, told by a pronoun ("X was started, but it was
        discontinued because of a rash") or by the patient's not taking it ("he was prescribed X; however, he had
        not been taking the medication for months"). A time the sentence tells after the stop is the stop's, not
        the start's."""
        name = d.norm or d.text
        exp = self.active.get(name)
        late = st.timex is not None and st.timex.start >= gone.start()
        if late and exp is not None and exp.segments and exp.segments[-1].start is st.time:
            exp.segments[-1].start = TimeRef(derivation="unknown")
        self._stop(name, st.time if late else TimeRef(derivation="unknown"), _reason(self.text[gone.end():s1]))

    def _one_drug(self, drugs: list[Mention]) -> list[Mention]:
        """A drug's general name and its one form named in the report are one drug (knowledge/drug_forms.csv):
        "penicillin" after "penicillin G" is penicillin G; "benzylpenicillin" after "penicillin" alone renames
        that course. Not where the sentence names both, nor where two forms were named."""
        forms, general_of = _drug_forms()
        if not any(d.norm in forms or d.norm in general_of for d in drugs):
            return drugs
        drugs = _form_in_brackets(self.text, drugs, forms)
        named = {d.norm for d in drugs}
        out = []
        for d in drugs:
            name = d.norm
            if name in forms and not named & set(forms[name]):
                told = [f for f in forms[name] if f in self._of]
                if len(told) == 1:
                    d = d.model_copy(update={"norm": told[0]})
            elif (g := general_of.get(name)) is not None and g not in named and g in self._of and \
                    name not in self._of and not any(f in self._of for f in forms[g]):
                for exp in self._of[g]:
                    exp.drug = name
                self._of[name] = self._of.pop(g)
                if g in self.active:
                    self.active[name] = self.active.pop(g)
            out.append(d)
        return out

    def _patient_switch(self, d: Mention, drugs: list[Mention], ms: _Mentions, when: TimeRef,
                        clause: tuple[int, int], actions: dict[int, str]) -> None:
        """"She was switched to linezolid", "her therapy was changed to linezolid" (the patient or the treatment the
        subject, no drug on the left): the running drugs of the drug's class group (knowledge/class_members.csv)
        stop there, but those the sentence names otherwise than as started before the switch ("initiated with A,
        and ... therapy was switched to B" stops A; "..., and cefazolin was continued" keeps cefazolin)."""
        told = _PATIENT_SWITCH.search(self.text, clause[0], d.start)
        if told is None or not _gap_is_filler(self.text, told.end(), d.start, ms.inner) or \
                any(clause[0] <= x.start < told.start() and not self._elapsed_on(x, clause[0]) for x in drugs):
            return  # a drug on the left is the switch's own, but "After two weeks of X, she was switched to Y"
        group = _class_group(d.norm or d.text, d.attrs.get("drug_class"))
        if not group:
            return
        named = {x.norm or x.text for x in drugs
                 if x.end > told.start() or actions.get(id(x)) not in ("start", _UNCUED, "swap-start")}
        told_here = {x.norm or x.text for x in drugs}  # "X for another 10 days, and then switched to Y": X's length
        why = ms.reason(self.text, clause)
        for name, exp in list(self.active.items()):
            if name in told_here and exp.segments and (exp.segments[-1].length_days is not None or
                                                       exp.segments[-1].end is not None):
                continue
            if name not in named and (name in group or f"drug_class:{exp.drug_class}" in group):
                self._stop(name, when, why)

    def _elapsed_on(self, x: Mention, s0: int) -> bool:
        """"After two weeks of X, ...": the time elapsed on a course being taken (exposure QA, expqa6)."""
        return (x.norm or x.text) in self.active and \
            _ELAPSED_OF.search(self.text, max(s0, x.start - 60), x.start) is not None

    def _told_lower(self, d: Mention, seg: DoseSegment | None, when: TimeRef, sent: tuple[int, int]) -> bool:
        """"X 60 mg daily" ... later "on low-dose X" / "maintenance X" (no amount): the course goes on at a lower dose
        the text does not give. A new segment from that time, its dose only the words as written (no value); the
        dose before it ended at a time not told. Not where the course's dose was never given or its length is told."""
        exp = self.active.get(d.norm or d.text)
        if exp is None or not when.known or (seg is not None and seg.dose is not None and seg.dose.value is not None):
            return False
        last = exp.segments[-1]
        if last.dose is None or last.dose.value is None or last.end is not None or last.length_days is not None \
                or not _told_later(last.start, when):
            return False
        told = _LOWER_BEFORE.search(self.text, max(sent[0], d.start - 40), d.start)
        if told is None or self._lower_before(d, exp):
            return False
        last.end = TimeRef(derivation="unknown")
        exp.segments.append(DoseSegment(start=when, dose=Dose(text=told.group("q")), route=seg.route if seg else None,
                                        timing=seg.timing if seg else None, provenance=self._prov(d, sent)))
        return True

    def _lower_before(self, d: Mention, exp: Exposure) -> bool:
        """Whether the drug was written "low-dose X" before its dose was told ("low-dose vasopressin" in the
        introduction, then "vasopressin 0.03 U/min"): a name of the whole treatment, no later change of dose."""
        seg = exp.segments[-1]
        upto = seg.provenance.spans[0].start if seg.provenance and seg.provenance.spans else d.start
        return any(_LOWER_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
                   for m in re.finditer(re.escape(d.text), self.text[:upto], re.I))

    def _steps(self, d: Mention, drugs: list[Mention], ms: _Mentions, sent: tuple[int, int], st: SentenceTime,
               seg: DoseSegment | None, dose: Mention, claimed: set[int]) -> None:
        """The later doses of a drug's sequence in its sentence, each a new segment."""
        s0, s1 = sent
        # "methylprednisolone 500 mg for 2 days, then 250 mg for 3 days": each later dose a new segment
        when = seg.end if seg is not None and seg.end is not None else st.at(d.start)
        timing = seg.timing if seg is not None else None
        for nxt in _dose_sequence(self.text, dose, ms, drugs, s1, claimed):
            durations = ms.index(ms.durations)
            over = next((x for x in durations.window(nxt.end - _reach(durations), nxt.end + 4 + _reach(durations))
                         if x.attrs.get("signal") == "over"
                         and 0 <= int(x.attrs.get("phrase_start") or x.start) - nxt.end <= 3), None)
            days = _days(str(over.attrs.get("duration") or "")) if over is not None else None
            if days is not None:  # "tapered to 10 mg/day over 6 months": that dose is reached 6 months on
                when = days_after(when, days, over.text)  # type: ignore[union-attr]
            elif (taper := _taper_length(self.text, nxt, ms.index(ms.durations), (s0, s1))) is not None:
                when = days_after(when, *taper)  # "begun and tapered over 6 months to 5 mg daily"
            elif (own_step := self._step_time(nxt, ms, d, when)) is not None:
                when = own_step  # "tapered to 30 mg in May, 20 mg in July": each step its own time
            later = self._segment(d, drugs, ms, when, sent, nxt, adjacent=False)
            name = d.norm or d.text
            if later is None or name not in self.active:
                break
            later.timing = timing = later.timing or timing  # "60 mg daily ..., and 40 mg for 2 weeks": daily
            self._update_dose(self.active[name], later, when)
            when = later.end or when

    def _step_time(self, dose: Mention, ms: _Mentions, d: Mention, when: TimeRef) -> TimeRef | None:
        """The time written right after one step of a dose sequence: a calendar date ("20 mg/day in July 2023") or
        a week of the course ("40 mg daily from week 5": week 1 is the course's first 7 days)."""
        t = next(iter(ms.index(ms.times).window(dose.end, dose.end + 17)), None)
        if t is None or not _STEP_TIME_GAP.fullmatch(self.text, dose.end, t.start):
            return None
        if t.attrs.get("kind") == "absolute":
            return place_one(t, when if when.known else None)
        week = _WEEK_OF_COURSE.fullmatch(t.text)
        exp = self.active.get(d.norm or d.text)
        if week is None or exp is None or not exp.segments or not exp.segments[0].start.known:
            return None
        return days_after(exp.segments[0].start, (float(week.group(1)) - 1) * 7, t.text)

    def _stopped_after(self, d: Mention, ms: _Mentions, clause: tuple[int, int]) -> TimeRef | None:
        """ "X was stopped / completed after 5 days": the course's length, counted from the start of the course
        being taken (not from the story's last time)."""
        exp = self.active.get(d.norm or d.text)
        if exp is None or not exp.segments or not exp.segments[0].start.known:
            return None
        since_start = _STOPPED_SINCE_START.match(self.text, d.end, clause[1])
        if since_start is not None:  # "X was discontinued 2 days after administration": from its start
            n = int(_COUNT_WORDS.get(since_start["n"].lower(), since_start["n"]))
            return days_after(exp.segments[0].start, n * UNIT_DAYS[since_start["u"].lower().rstrip("s")],
                              since_start.group("t"))
        told = _COMPLETED_LENGTH.search(self.text, max(clause[0], d.start - 80), d.start)
        if told is not None:  # "she completed 6 weeks of intravenous ertapenem": that long from its start
            n = int(_COUNT_WORDS.get(told["n"].lower(), told["n"]))
            days = n * UNIT_DAYS[told["u"].lower().rstrip("s")]
            return days_after(exp.segments[0].start, days, told.group(0).strip())
        for t in ms.index(ms.times).window(d.end, clause[1]):
            if t.attrs.get("signal") != "after":
                continue
            days = _days(str(t.attrs.get("duration") or ""))
            if days is not None and (_STOPPED_AFTER.fullmatch(self.text, d.end, t.start)
                                     or _GAPPED_AFTER.fullmatch(self.text, d.end, t.start)):
                return days_after(exp.segments[0].start, days, t.text)
        stop = _STOPPED_AFTER.match(self.text, d.end, clause[1])
        counted = _AFTER_DOSES.match(self.text, stop.end(), clause[1]) if stop else None
        per_day = next((_per_day(s.timing) for s in reversed(exp.segments) if s.timing and s.timing.period), None)
        if counted is not None and per_day:  # "cyclophosphamide every 2 weeks ... was stopped after 6 doses"
            n = int(_COUNT_WORDS.get(counted["n"].lower(), counted["n"]))
            return days_after(exp.segments[0].start, n / per_day, counted.group(0)) if n > 0 else None
        return None

    def _followed(self, d: Mention, drugs: ByStart) -> TimeRef | None:
        """The end of the course of the drug just before "followed by" when the sentence ends it there ("she
        completed 6 weeks of X, followed by oral Y for 2 weeks")."""
        m = _FOLLOWED_BY.search(self.text, max(0, d.start - 60), d.start)
        if m is None:
            return None
        # the drug ending last before the phrase (one ending near it, when any does, ends after all others)
        near = drugs.ending_in(m.start() - 200, m.start())
        p = max(near or (x for x in drugs.items if x.end <= m.start()), key=lambda x: x.end, default=None)
        if p is None or p.norm == d.norm:
            return None
        if (now := self.active.get(p.norm or p.text)) is not None:  # "X for 7 days, then Y": over at its length
            last = now.segments[-1] if now.segments else None
            return last.end if last is not None and last.length_days is not None and last.end is not None \
                and last.end.known else None
        exp = self._last_of(p.norm or p.text)
        return exp.end if exp is not None and exp.end is not None and exp.end.known else None

    def _over(self, name: str, when: TimeRef) -> bool:
        """The drug's last course was stopped or completed and none is being taken, or its stated length was over
        before `when`."""
        if (exp := self.active.get(name)) is not None:
            last = exp.segments[-1]
            return last.length_days is not None and last.end is not None and _ended_before(last.end, when)
        last = self._last_of(name)
        return last is not None and last.status in ("stopped", "completed")

    def _named_as_cause(self, d: Mention) -> bool:
        """A drug of a course that is over, named as the cause of what followed ("liver injury due to X", "X-induced
        pancreatitis", "hepatotoxicity to X")."""
        name = d.norm or d.text
        if name in self.active or name not in self._of:
            return False
        return bool(_CAUSE_BEFORE.search(self.text, max(0, d.start - 30), d.start)
                    or _CAUSE_AFTER.match(self.text, d.end))

    def _class_stops(self, sent: tuple[int, int], classes: list[Mention], ms: _Mentions, st: SentenceTime) -> None:
        """A class stopped or switched as a whole ("antibiotics were discontinued", "steroids were stopped",
        "antibiotics were switched to oral amoxicillin") stops every active course of its members
        (knowledge/class_members.csv)."""
        # only a class whose members are known can stop any, and only a course being taken can be stopped: the cues and
        # gaps of the sentence are read for no other
        classes = [c for c in classes if _class_members().get(str(c.norm or "").lower())]
        if not classes or not self.active:
            return
        regex, meta = _cues()
        cues = [(c.start() + sent[0], c.end() + sent[0], *meta[re.sub(r"\s+", " ", c.group(0).lower())])
                for c in finditer(regex, self.text[sent[0]:sent[1]])]
        inner = [*ms.doses, *ms.routes, *ms.freqs]
        inner_ix = ByStart(sorted(inner, key=lambda m: m.start))
        blocks = _Blocks(self.text, sent[0], sent[1], inner)
        a_of, b_of = [x[0] for x in cues], [x[1] for x in cues]
        clauses = _clauses(self.text, sent[0], sent[1])
        for c in classes:
            members = _class_members().get(str(c.norm or "").lower())
            if not members or _class_action(self.text, c, cues, inner_ix, blocks, a_of, b_of) != "stop":
                continue
            why = ms.reason(self.text, _clause_of(clauses, c.start))
            # "antibiotics were changed to A, B and C": a running member named again goes on, it is not stopped
            # to be started anew (exposure QA, expqa5)
            kept = {d.norm or d.text for d in ms.drugs if d.start >= c.end} \
                if _CLASS_SWITCHED.match(self.text, c.end) else set()
            for name, exp in list(self.active.items()):
                if (name in members or f"drug_class:{exp.drug_class}" in members) and name not in kept:
                    self._stop(name, st.at(c.start), why)

    def _after_course_of(self, sent: tuple[int, int], drugs: list[Mention]) -> tuple[Mention, TimeRef] | None:
        """ "After completion of X, ...": X (named right after the phrase, opening the sentence) and the end of its
        course as the story told it, when that end is known."""
        m = _AFTER_COURSE.match(self.text, sent[0], sent[1])
        if m is None:
            return None
        first = next((d for d in drugs if d.start >= m.end()), None)
        if first is None or not _gap_is_filler(self.text, m.end(), first.start, ByStart(drugs)) or len(drugs) < 2:
            return None
        name = first.norm or first.text
        ends = [e.end or e.segments[-1].end for e in self._of.get(name, [])]
        end = ends[-1] if ends else None
        return (first, end) if end is not None and end.known else None

    def _pronoun_stop(self, sent: tuple[int, int], ms: _Mentions, st: SentenceTime) -> None:
        """"It was stopped in May because of X" right after a sentence naming one drug stops that drug."""
        names = {d.norm or d.text for d in self._previous}
        m = _PRONOUN_STOP.match(self.text, sent[0])
        if m is None and len(names) == 1 and (need := _REQUIRED_STOP.search(self.text, *sent)) is not None:
            # "She developed a rash, which necessitated discontinuation." after a sentence naming one drug
            when = st.time if st.timex is not None else TimeRef(derivation="unknown")
            self._stop(names.pop(), when, _required_reason(self.text[sent[0]:need.start()]))
            return
        if m is None or len(names) != 1:
            return
        drug = self._previous[0]
        name = names.pop()
        when = st.time if st.timex is not None and st.timex.start >= m.end() else TimeRef(derivation="unknown")
        self._stop(name, when, _reason(self.text[m.end():sent[1]]))
        self._later_restart(drug, [drug], ms, sent, st, m.end())  # "It was stopped in 2017 and restarted in 2019"

    def _later_restart(self, d: Mention, drugs: list[Mention], ms: _Mentions, sent: tuple[int, int],
                       st: SentenceTime, after: int | None = None) -> None:
        """A drug this sentence stopped and then restarted, the subject left out ("Hydroxychloroquine was stopped in
        2017 and restarted in 2019"): a new course from the restart's date (or the story's time). A hold of a stated
        length ("withheld for 5 days and then resumed", "... and resumed after 2 weeks") restarts when that length
        is over, counted from the stop; the dose told after the restart ("resumed at 10 mg weekly") is the new
        course's."""
        name = d.norm or d.text
        end = ms.index(drugs).next_other(d, sent[1])
        m = _RESUMED_AFTER.search(self.text, max(d.end, after or 0), end)
        if m is None or name in self.active:
            return
        dated = next((t for t in ms.times if m.end() <= t.start < m.end() + 40 and t.attrs.get("kind") == "absolute"),
                     None)
        when = (place_one(dated, st.time) if dated is not None else None) or self._hold_over(d, ms, m, name) \
            or st.at(m.start())  # '30 June': this year
        dose = ms.index(ms.doses).first_from(m.end())
        dose = dose if dose is not None and dose.start < min(end, m.end() + 40) else None
        seg = self._segment(d, drugs, ms, when, sent, dose, adjacent=False) if dose is not None else None
        self._new(d, when, sent, seg).start_reason = "reintroduction"

    def _hold_over_told(self, name: str, after: TimeRef | None = None) -> TimeRef | None:
        """When the last hold of `name` is over: `after` days (else its stated length) from the stop, when the drug is
        not being taken and its last course's stop has a time."""
        held = self._holds.pop(name, None)
        last = self._last_of(name)
        if name in self.active or last is None or last.end is None or not last.end.known:
            return None
        if after is not None:
            return after
        return days_after(last.end, held[0], held[1], "hold") if held is not None else None

    def _pronoun_restart(self, sent: tuple[int, int], ms: _Mentions, st: SentenceTime) -> None:
        """"It was resumed after 10 days (at 5 mg daily)" right after a sentence naming one drug held or stopped: a
        new course of that drug, from when the hold is over (its stated length, or the time after the resumption),
        else from the sentence's own time."""
        names = {d.norm or d.text for d in self._previous}
        m = _PRONOUN_RESUME.match(self.text, sent[0])
        if m is None or len(names) != 1:
            return
        drug, name = self._previous[0], names.pop()
        last = self._last_of(name)
        if last is None or name in self.active:
            return
        if last.status == "not-taken" and name in self._withheld:
            # "Lamotrigine was withheld. It was resumed after 10 days.": it was being taken, and held then
            last.status, last.end = "stopped", self._withheld.pop(name)
            last.segments[-1].end = last.end
        after = next((t for t in ms.times if m.end() <= t.start <= m.end() + 8 and t.attrs.get("signal") == "after"),
                     None)
        days = _days(str(after.attrs.get("duration") or after.norm or "")) if after is not None else None
        if last.end is not None and last.end.known and days is not None:
            when = self._hold_over_told(name, days_after(last.end, days, after.text, "hold"))  # type: ignore[union-attr]
        else:
            when = self._hold_over_told(name) if st.timex is None else None
        when = when or (st.time if st.timex is not None else TimeRef(derivation="unknown"))
        dose = ms.index(ms.doses).first_from(m.end())
        seg = self._segment(drug, [drug], ms, when, sent, dose, adjacent=False) if dose is not None else None
        self._new(drug, when, sent, seg).start_reason = "reintroduction"

    def _hold_began(self, d: Mention, ms: _Mentions, resumed: re.Match, restart: TimeRef) -> TimeRef:
        """The start of a hold told only by its length and the date it ended ("held for 6 weeks and resumed on 20
        June"): that length before the restart; unknown without a length."""
        for t in ms.durations:
            days = _days(str(t.attrs.get("duration") or t.norm or "")) if t.attrs.get("signal") == "for" and \
                d.end <= t.start < resumed.start() else None
            if days is not None and restart.known:
                return days_after(restart, -days, t.text, "restart")
        return TimeRef(derivation="unknown")

    def _hold_over(self, d: Mention, ms: _Mentions, resumed: re.Match, name: str) -> TimeRef | None:
        """When a hold of stated length is over: "held for 2 weeks and then resumed", "withheld and resumed after
        5 days", counted from the stop just told (None when the stop has no time or no length is stated)."""
        stopped = self._last_of(name)
        stop = stopped.end if stopped is not None else None
        if stop is None or not stop.known:
            return None
        for t in [*ms.durations, *ms.times]:
            held = t.attrs.get("signal") == "for" and d.end <= t.start < resumed.start()
            later = t.attrs.get("signal") == "after" and resumed.end() <= t.start <= resumed.end() + 8
            days = _days(str(t.attrs.get("duration") or t.norm or "")) if held or later else None
            if days is not None:
                return days_after(stop, days, t.text, "hold")
        return None

    def _later_stop(self, d: Mention, drugs: list[Mention], ms: _Mentions, sent: tuple[int, int], st: SentenceTime,
                    clauses: list[tuple[int, int]], since: TimeRef | None = None) -> None:
        """The stop of a drug this sentence started, stated after it with the subject left out: its time (a date in
        that clause, or "after N days" from the start; else unknown) and its reason."""
        name = d.norm or d.text
        exp = self.active.get(name)
        if exp is None:
            return
        # a stop told after another drug mention is not this one's (the check below), so the search ends there: the
        # pattern's words hold no drug name, and one long sentence of many drugs stays linear
        end = ms.index(drugs).next_start(d.end, sent[1])
        m = _LATER_STOP.search(self.text, d.end, min(end, ms.index(drugs).next_other(d, sent[1])))
        if m is None and (need := _REQUIRED_STOP.search(self.text, d.end, end)) is not None:
            # "Carbamazepine caused a rash, which necessitated its discontinuation": stopped, the event its reason
            self._stop(name, TimeRef(derivation="unknown"), _required_reason(self.text[d.end:need.start()]))
            return
        if m is None or end < m.start():
            return
        clause_end = (span_of(clauses, m.end()) or (0, sent[1]))[1]
        tail = ms.index(ms.times).window(m.end(), clause_end)
        when = TimeRef(derivation="unknown")
        for t in tail:
            if t.attrs.get("kind") == "absolute":
                when = place_one(t, st.time) or when  # a date without its year ('on 30 June') from the story's time
                break
            days = _days(str(t.attrs.get("duration") or ""))
            if t.attrs.get("signal") == "after" and days is not None:
                when = days_after(since or exp.segments[-1].start or st.time, days, t.text)
                break
            placed = st.at(t.start) if t is st.timex or st.shifts_at(t.start) else None
            if placed is not None and placed.known:
                when = placed  # "stopped on day 4", "tapered and stopped on day 9": the time the sentence placed there
                break
        if not when.known and (over := _stop_length(self.text, d, ms, (sent[0], clause_end))):
            when = days_after(st.at(m.start()), *over)  # "tapered and discontinued over four weeks"
        self._stop(name, when, ms.reasons_to(self.text, clause_end).at(m.end()))

    def _segment(self, drug: Mention, drugs: list[Mention], ms: _Mentions, when: TimeRef,
                 sent: tuple[int, int], dose: Mention | None, adjacent: bool = True) -> DoseSegment | None:
        drug_ix = ms.index(drugs)
        route = _adjacent(self.text, drug, ms.index(ms.routes), drug_ix) if adjacent else None
        if adjacent and route is None:
            route = _list_route(self.text, drug, ms.index(ms.routes), drug_ix, ms.index(ms.classes))
        freq = _adjacent(self.text, drug, ms.index(ms.freqs), drug_ix) if adjacent else \
            (ms.index(ms.freqs).first_from(dose.end) if dose else None)
        if not adjacent and freq is not None and freq.start - dose.end > 3:  # type: ignore[union-attr]
            freq = None
        if not adjacent and dose is not None:  # a later step's own route: "followed by 200 mg daily by mouth"
            step_end = max(dose.end, freq.end if freq is not None else 0)
            own = ms.index(ms.routes).first_from(step_end)
            route = own if own is not None and own.start - step_end <= 3 else None
        if freq is None and dose is not None:
            freq = _timing_after_dose(self.text, dose, ms)  # "increased to 100 mg subcutaneously every 6 hours"
        if adjacent and dose is None and route is None and freq is None and \
                (tail_of := _names_list_last(self.text, drug, drug_ix)) is not None:
            # "A, B, and C administered intravenously every 21 days": a list of names only shares what follows its
            # last member (exposure QA, expqa6)
            route = _adjacent(self.text, tail_of, ms.index(ms.routes), drug_ix)
            freq = _adjacent(self.text, tail_of, ms.index(ms.freqs), drug_ix)
            told = _SHARED_TAIL.match(self.text, tail_of.end) is not None  # "... and C administered intravenously"
            # an infusion of a list is each member's ("dopamine and norepinephrine infusions"); a bare route right after
            # the last name is its own ("A, B, and enoxaparin s.c.")
            route = route if route is not None and route.start > tail_of.end and (
                told or "infusion" in route.text.lower()) else None
            freq = freq if freq is not None and freq.start > tail_of.end and told else None
        last = max((m for m in (dose, route, freq, drug) if m is not None), key=lambda m: m.end)
        course = _course_after(self.text, last, ms.index(ms.durations), drug_ix) \
            or (_course_after(self.text, drug, ms.index(ms.durations), drug_ix) if last is not drug else None) \
            or _fronted_course(self.text, drug, ms.index(ms.durations), sent[0]) \
            or _course_before(self.text, drug, ms.index(ms.leads), drug_ix) \
            or _course_for_with(self.text, drug, ms.index(ms.durations), drug_ix) \
            or _course_in_brackets(self.text, last, ms.index(ms.leads), drug_ix)
        if course is not None and (perfect := _PERFECT.search(self.text, sent[0], drug.start)) is not None and \
                not (perfect.group().lower().startswith("remained") and
                     _TOTAL_OF.search(self.text, max(drug.end, course.start - 20), course.start + 12)):
            course = None  # "had been taking X for 10 years": the time so far, no end (but "she remained on X for a
            # total of 12 weeks" tells the whole past course)
        until = _until_date(self.text, drug, ms.index(ms.times), drug_ix, sent[1])
        if not (dose or route or freq or course or until):
            return None
        seg = DoseSegment(start=when, route=route.norm if route else _ROUTE_IN_NAME.get(drug.text.split()[0].lower()),
                          provenance=self._prov(dose or drug, sent))  # "intravenous immunoglobulin", "IVIG"
        if dose:
            a = dose.attrs
            seg.dose = Dose(value=a.get("value"), value_high=a.get("value_high"), unit=a.get("unit"),
                            unit_text=a.get("unit_text"), per=a.get("per"), text=dose.text)
            own = _combination_share(self.text, drug, drug_ix, dose)
            if own is not None:  # "sacubitril/valsartan 49/51 mg": each ingredient its own amount
                seg.dose.value, seg.dose.value_high, seg.dose.text = own
            elif (shares := _SHARED_AMOUNTS.search(self.text, max(0, dose.start - 30), dose.start)) is not None:
                # "amoxicillin-clavulanate 875/125 mg": one amount per ingredient of a product named as one drug;
                # the last is not the product's dose (which ingredient each amount is, the name does not say)
                seg.dose.value, seg.dose.value_high = None, None
                seg.dose.text = shares.group(1) + dose.text
            same = _restated(self.text, dose, ms.index(ms.doses))
            if same is not None:
                b = same.attrs
                seg.equivalent = Dose(value=b.get("value"), value_high=b.get("value_high"), unit=b.get("unit"),
                                      unit_text=b.get("unit_text"), per=b.get("per"), text=same.text)
            if a.get("period_unit"):
                seg.timing = Timing(frequency=a.get("frequency"), period=a.get("period"),
                                    period_unit=a.get("period_unit"), text=dose.text)
        if freq and not seg.timing:
            seg.timing = Timing(frequency=freq.attrs.get("frequency"), period=freq.attrs.get("period"),
                                period_unit=freq.attrs.get("period_unit"), text=freq.text)
        if dose and adjacent and not (seg.timing and seg.route):
            tail = _list_tail(self.text, dose, drugs, ms)
            if tail is not None:  # "A 600 mg, B 300 mg and C 1100 mg orally daily": the list shares its tail
                t_route, t_freq = tail
                seg.route = seg.route or (t_route.norm if t_route else None)
                if t_freq is not None and not seg.timing:
                    a = t_freq.attrs
                    seg.timing = Timing(frequency=a.get("frequency"), period=a.get("period"),
                                        period_unit=a.get("period_unit"),
                                        text=_DOSE_HEAD.sub("", t_freq.text) if t_freq.type == "dose" else t_freq.text)
        span = _date_range_after(self.text, last, ms.index(ms.times), drug_ix)
        if span is not None:  # "from 11 January to 15 January 2024": the course's first and last days
            first, final = (place_one(t, when if when.known else None) for t in span)
            if first is not None and final is not None and not _ended_before(final, first):
                seg.start, seg.end = first, final
                return seg
        final = self._until_times.get(until.start) if until is not None else None
        if final is not None and not (when.known and _ended_before(final, when)):
            seg.end = final  # "amoxicillin 1 g TDS until 10/02/2024": taken up to that day
            return seg
        days = _days(str(course.attrs.get("duration") or course.attrs.get("value"))) if course else None
        cycles = self._regimen_cycles(drug, drugs, ms) if seg.end is None else None
        if cycles is not None:  # "six cycles of R-CHOP (..., prednisolone 100 mg for 5 days) every 21 days": the
            seg.end = days_after(when, *cycles)  # regimen's course, not one cycle's days
            seg.length_days = cycles[0]
        elif days is not None:  # "1 g daily for 3 days": the course ends when its stated length is over
            seg.end = days_after(when, days, course.text)  # type: ignore[union-attr]
            seg.length_days = days
        elif seg.end is None:
            # a later step of the sequence ("one dose of X 400 mg followed by 200 mg daily") has no count of its own
            # before the drug: that one is the first step's (exposure QA, expqa6)
            counted = _counted_course(self.text, drug, last, seg.timing, before=adjacent)
            if counted is not None:  # "three pulses of methylprednisolone", "375 mg/m2 weekly for four doses"
                seg.end = days_after(when, *counted)
                seg.length_days = counted[0]
        return seg

    def _regimen_cycles(self, drug: Mention, drugs: list[Mention], ms: _Mentions) -> tuple[float, str] | None:
        """The course of a regimen told by its cycles, for a drug its name lists in parentheses after it."""
        host = _regimen_host(self.text, drug, ms.regimens())
        freq = _adjacent(self.text, host, ms.index(ms.freqs), ms.index(drugs)) if host is not None else None
        if host is None or freq is None or not freq.attrs.get("period"):
            return None
        a = freq.attrs
        timing = Timing(frequency=a.get("frequency"), period=a.get("period"), period_unit=a.get("period_unit"),
                        text=freq.text)
        return _counted_course(self.text, host, host, timing)

    def finish(self) -> list[Exposure]:
        for exp in self.exposures:
            last = exp.segments[-1] if exp.segments else None
            if exp.end is None and exp.status == "unknown" and last is not None and last.end is not None:
                exp.end, exp.status = last.end, "completed"  # a course of stated length, not said to go on
            if exp.end is None and exp.status == "unknown" and exp.segments and exp.drug in self.active:
                exp.status = "unknown"
            if exp.segments and exp.end is not None and exp.segments[-1].end is None:
                exp.segments[-1].end = exp.end
            if not exp.route:
                exp.route = next((s.route for s in exp.segments if s.route), None)
        return self.exposures


_DURATION = re.compile(r"^P(?:(?P<n>\d+(?:\.\d+)?)(?P<u>[DWMY])|T(?P<h>\d+(?:\.\d+)?)H)$")
_ISO_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year"}


# between the drug and "after N days": the verb of its stop ("was stopped", "had been discontinued", "was completed")
_STOPPED_AFTER = re.compile(
    r"\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:stopped|discontinued|ceased|completed|withdrawn|"
    r"tapered off|weaned off|tapered and (?:stopped|discontinued))\s+(?:after\s+)?(?:a total of\s+)?", re.I)


# a day count in brackets right after a drug: the day it was given ("rituximab (hospital day 18)"); the timeline reads
# no time in brackets, so it is counted here from the day count the story placed last, of the same kind (expqa8)
_DAY_KIND = r"(?P<kind>(?:hospital|postoperative|post-operative|ICU|illness)\s+)?day\s*\+?(?P<n>\d{1,3})"
_BRACKETED_DAY = re.compile(r"\s*\((?:on\s+|from\s+)?" + _DAY_KIND + r"\s*\)", re.I)
_PLACED_DAY = re.compile(r"(?:(?:on|by|at|from)\s+)?(?:the\s+)?" + _DAY_KIND, re.I)


def _bracketed_day(text: str, d: Mention, now: TimeRef) -> TimeRef | None:
    """The day written in brackets right after `d`, placed by the day count the story's time `now` was told as."""
    m = _BRACKETED_DAY.match(text, d.end)
    if m is None or not now.known or not now.text:
        return None
    placed = _PLACED_DAY.fullmatch(now.text.strip())
    if placed is None or (placed["kind"] or "").strip().lower() != (m["kind"] or "").strip().lower():
        return None
    return days_after(now, int(m["n"]) - int(placed["n"]), m.group(0).strip(" ()"), now.anchor or "day0")


_DIED_AT = re.compile(r"\b(?:died|expired|passed\s+away|succumbed)\b[^.;,]{0,25}$", re.I)  # "died on DATE"


# a later drug of a stop's sentence told with its own length only, the verb left out: "X was discontinued after 7
# days, Y after 14 days" (exposure QA, expqa8: Y was read as started 14 days later)
_GAPPED_AFTER = re.compile(r"\s+(?:after|at)\s+(?:a\s+total\s+of\s+)?", re.I)
_GAPPED_END = re.compile(r"\s*(?:[.;]|,\s*(?:and\s+)?(?=[^\d\s])|\s+and\b|\s+respectively\b|$)", re.I)
_GAPPED_LINK = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", re.I)
_GAPPED_LENGTH = re.compile(r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s+"
                            r"(?:days?|weeks?|months?|doses?)", re.I)


def _gapped_stops(text: str, drugs: list[Mention], actions: dict[int, str], s1: int) -> list[Mention]:
    """The drugs of a sentence whose stop is told by gapping: after "X was stopped after N days", ", Y after M days"
    (each a name and its own length, nothing else) stops Y as X was stopped."""
    out: list[Mention] = []
    prev: Mention | None = None
    prev_end = 0  # where the previous stop's length ends
    for d in drugs:
        gap = _GAPPED_AFTER.match(text, d.end, s1)
        length = _GAPPED_LENGTH.match(text, gap.end(), s1) if gap is not None else None
        own = length is not None and _GAPPED_END.match(text, length.end(), s1) is not None
        if own and prev is not None and actions.get(id(d)) == _UNCUED and \
                _GAPPED_LINK.fullmatch(text, prev_end, d.start):
            out.append(d)
            prev, prev_end = d, length.end()  # type: ignore[union-attr]
            continue
        stop = _STOPPED_AFTER.match(text, d.end, s1) if actions.get(id(d)) == "stop" else None
        after = _GAPPED_LENGTH.match(text, stop.end(), s1) if stop is not None else None
        prev, prev_end = (d, after.end()) if after is not None else (None, 0)
    return out


def _own_time(st: SentenceTime, d: Mention, drugs: ByStart, clause: tuple[int, int],
              told: list[tuple[int, TimeRef]]) -> TimeRef:
    """The time of what the sentence tells of `d`: a later time of the drug's own clause, before any other drug,
    dates it ("lactate normalised by day 4, and norepinephrine was weaned off on day 5"; "after 48 hours the sodium
    was 120 mmol/L, so tolvaptan was started on 17 October"); else the time governing its position."""
    stop = min(drugs.next_start(d.end, clause[1]), clause[1])
    i = bisect_left(told, d.end, key=lambda x: x[0])  # `told`: the sentence's time and shifts, by position
    if i < len(told) and told[i][0] < stop:
        return told[i][1]
    return st.at(d.start)


def _days(value: str) -> float | None:
    """Days in an ISO 8601 duration of one unit ("P3D", "P4W", "PT48H"); None for anything else."""
    m = _DURATION.match(value)
    if not m:
        return None
    if m["h"]:
        return float(m["h"]) * UNIT_DAYS["hour"]
    return float(m["n"]) * UNIT_DAYS[_ISO_UNIT[m["u"]]]


_COUNT = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_COUNTED = r"(?:pulses?|boluses|doses|infusions|injections|administrations)"
# "three (daily) pulses of (intravenous) methylprednisolone" before the drug; "... weekly for four doses" after it
_COUNT_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:(?:daily|consecutive|weekly|monthly|intravenous|iv|oral|high-dose)\s+)*"
                           rf"{_COUNTED}\s+of\s+(?:(?:intravenous|iv|oral|high-dose|pulse)\s+)?$", re.I)
_COUNT_AFTER = re.compile(rf"\s*,?\s*(?:for|x|×)\s+(?:a total of\s+)?{_COUNT}\s+{_COUNTED}\b", re.I)
# "one dose (of) IVIG", "a single (intravenous) dose of dexamethasone", "a one-time infusion of": a course of one day
_SINGLE_BEFORE = re.compile(r"\b(?:one|a\s+single|single|a\s+one-time|one-time|a\s+stat|stat)\s+(?:(?:intravenous|iv|"
                            r"oral|high-dose|intramuscular|im)\s+)*(?:dose|bolus|infusion|injection|pulse|shot)\s+(?:of\s+)?"
                            r"(?:(?:intravenous|iv|oral|high-dose|intramuscular|im)\s+)?$", re.I)
# a number of cycles, a course's length only with its cycle's length written ("every 21 days")
_CYCLES_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:(?:further|more|additional)\s+)?(?:cycles|courses)\s+of\s+"
                            rf"(?:(?:the|intravenous|iv|oral)\s+)?$", re.I)
# "after 6 doses", "after six cycles": a course's length by its number of doses (with its schedule known)
_AFTER_DOSES = re.compile(rf"(?:after\s+)?(?:a total of\s+)?{_COUNT}\s+(?:{_COUNTED}|cycles|courses)\b", re.I)
# a later step of the story told after a drug in its sentence, before the sentence's date
_LATER_STEP = re.compile(r"\bfollowed\s+by\b|,\s*(?:and\s+)?then\b|\band\s+then\b|"
                         r",\s*(?:and\s+)?(?:later\s+)?(?:switched|changed|converted|stepped\s+down)\s+to\b", re.I)
# a stop told as a length from the drug's own start: "was discontinued 2 days after administration / after its start"
_STOPPED_SINCE_START = re.compile(
    r"\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:stopped|discontinued|ceased|withdrawn|tapered off|weaned off)"
    r"\s+(?:after\s+)?(?P<t>" + _COUNT + r"\s+(?P<u>hours?|days?|weeks?|months?)\s+(?:after|following|from)\s+"
    r"(?:its\s+|the\s+|his\s+|her\s+)?(?:administration|initiation|start|starting|introduction|commencement))\b",
    re.I)
_FOLLOWED_BY = re.compile(r"(?:,?\s+(?:and\s+)?(?:then\s+)?followed\s+by|"
                          # "A and B for 7 days then C for 5 days": C after a course of told length (expqa8)
                          r"\b(?:days?|weeks?|months?)\s*,?\s+(?:and\s+)?then)"
                          r"\s+(?:(?:oral|intravenous|iv|the|a|an)\s+)*$", re.I)
# a course's length told with its completion before the drug: "completed 6 weeks of (intravenous) X"
_COMPLETED_LENGTH = re.compile(r"\bcomplet(?:ed|ing)\s+(?:a\s+total\s+of\s+)?" + _LENGTH_OF.pattern +
                               r"\s+(?:(?:intravenous|iv|oral|the|high-dose)\s+)*$", re.I)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}


def _counted_course(text: str, drug: Mention, last: Mention, timing: Timing | None,
                    before: bool = True) -> tuple[float, str] | None:
    """A course told by its number of doses: (its length in days, the words), one dose per day unless the timing
    says otherwise ("weekly for four doses": four weeks). `before`: the count may stand before the drug."""
    m = (_COUNT_BEFORE.search(text, max(0, drug.start - 60), drug.start) if before else None) \
        or _COUNT_AFTER.match(text, last.end)
    if m is None and before and (one := _SINGLE_BEFORE.search(text, max(0, drug.start - 40), drug.start)) is not None:
        return 1.0, one.group(0).strip(" ,")  # "one dose of IVIG", "a single dose of dexamethasone": one day
    if m is None and timing is not None and timing.period:  # "six cycles of R-CHOP every 21 days"
        m = _CYCLES_BEFORE.search(text, max(0, drug.start - 60), drug.start)
    if m is None:
        return None
    n = int(_COUNT_WORDS.get(m["n"].lower(), m["n"]))
    per_day = _per_day(timing) if timing is not None and timing.period else None
    if per_day is None:  # "six monthly doses of X": the schedule written among the counted words
        per_day = next((p for w in m.group(0).lower().split() if (p := _schedule_words().get(w))), None)
    return (n / per_day if per_day else float(n), m.group(0).strip(" ,")) if n > 0 else None


# a sentence that opens from the end of a course: "After completion of cyclophosphamide, ...", "Following the
# end of induction with rituximab, ..."
_AFTER_COURSE = re.compile(r"\s*(?:after|following|upon|on)\s+(?:the\s+)?(?:completion|end|cessation|"
                           r"discontinuation|withdrawal|termination)\s+of\s+(?:the\s+)?", re.I)


# what may stand between a drug (or its dose) and the length of its course: "ceftriaxone 2 g daily was given for 7 days"
_COURSE_GAP = re.compile(r"(?:\s|,|\)|\b(?:was|were|which|then|given|administered|continued|maintained|used|infused|"
                         r"taken|prescribed|"
                         # "octreotide was introduced for a period of 7 days": a start told with its length
                         r"started|initiated|introduced|commenced|added|"
                         r"orally|intravenously|subcutaneously|daily|intravenous|oral|pulses?|pulse therapy|therapy|"
                         r"treatment)\b|"
                         # the start told before the length: "was administered from the fourth day of
                         # hospitalization for 7 days", "given starting on hospital day 3 for 10 days" (exposure QA,
                         # expqa7)
                         r"\b(?i:(?:from|starting(?:\s+(?:on|from))?|beginning(?:\s+on)?)\s+(?:the\s+)?"
                         r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|following|"
                         r"\d{1,3}(?:st|nd|rd|th))\s+)?(?:(?:hospital|postoperative|post-operative|admission)\s+)?"
                         r"day(?:\s+\d{1,3})?(?:\s+of\s+(?:the\s+)?(?:hospitali[sz]ation|admission|hospital\s+stay|"
                         r"illness|treatment))?)\b|"
                         # the start told as a day or an event before the length: "A and B on day 1 for 7 days", "at
                         # birth for 7 days" (exposure QA, expqa8)
                         r"\b(?i:(?:on|at)\s+(?:(?:hospital|postoperative|post-operative)\s+)?day\s+\d{1,3}|"
                         r"at\s+birth|(?:at|on|upon)\s+admission)\b|"
                         # what it was given for, in a few words: "was given for pulmonary oedema for 3 days"
                         r"\bfor\s+(?!(?:a|an|the|about|another|further|up|over|\d|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten)\b)[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3})*")


# between one step of a dose sequence and its own time: "20 mg/day in July 2023", "40 mg daily from week 5"
_STEP_TIME_GAP = re.compile(r"\s*,?\s*(?:in|on|from|by|at|since|starting(?:\s+(?:in|on|from|at))?)\s+(?:the\s+)?",
                            re.I)
_WEEK_OF_COURSE = re.compile(r"week\s+(\d{1,2})", re.I)

# "tapered to 7.5 mg", "reduced over 6 months to 5 mg": the dose a taper reaches
_TAPER_TO = re.compile(r"\bto\s*$", re.I)


def _taper_length(text: str, dose: Mention, durations: ByStart, clause: tuple[int, int]
                  ) -> tuple[float, str] | None:
    """The length over which a taper reached `dose` ("tapered to 7.5 mg daily over six months", "tapered over
    6 months to 5 mg daily"): the dose's segment begins that long after the sentence's time."""
    if not _TAPER_TO.search(text, max(0, dose.start - 12), dose.start):
        return None
    reach = _reach(durations)
    for d in durations.window(dose.start - 6 - durations.maxlen - reach, dose.end + 13 + reach):
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") != "over" or d.attrs.get("vague") or not clause[0] <= start < clause[1]:
            continue
        days = _days(str(d.attrs.get("duration") or ""))
        if days is not None and (0 <= start - dose.end <= 12 or 0 <= dose.start - d.end <= 6):
            return days, d.text
    return None


_TAPERED_STOP = re.compile(r"\b(?:tapered|weaned|withdrawn|tapering|weaning)\b", re.I)


def _held_for(text: str, drug: Mention, durations: list[Mention], clause: tuple[int, int]
              ) -> tuple[float, str] | None:
    """ "X was held for 2 weeks": the stated length of a hold told right after the drug."""
    for d in durations:
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") == "for" and not d.attrs.get("vague") and drug.end <= start < clause[1] and \
                _HELD_FOR.fullmatch(text, drug.end, d.start):
            days = _days(str(d.attrs.get("duration") or d.norm or ""))
            if days is not None:
                return days, d.text
    return None


def _stop_length(text: str, drug: Mention, ms: _Mentions, clause: tuple[int, int]) -> tuple[float, str] | None:
    """ "X was tapered and discontinued over four weeks", "weaned off over 4 weeks": a gradual stop's length (whether
    the clause tells a taper is read once per clause)."""
    if not ms.tapered(text, clause):
        return None
    durations = ms.index(ms.durations)
    for d in durations.window(drug.end - _reach(durations), clause[1] + _reach(durations)):
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") == "over" and not d.attrs.get("vague") and drug.end <= start < clause[1]:
            days = _days(str(d.attrs.get("duration") or ""))
            if days is not None:
                return days, d.text
    return None


def _ended_before(end: TimeRef, when: TimeRef) -> bool:
    """Whether a course's stated end lies before a later time the text stops it at."""
    if end.offset_days is not None and when.offset_days is not None:
        return end.offset_days[1] < when.offset_days[0]
    a, b = end.latest or end.point, when.earliest or when.point
    return bool(a and b and len(a) == len(b) and a < b)


def _told_later(start: TimeRef, when: TimeRef) -> bool:
    """Whether `when` lies wholly after a course's known start (on one clock: both calendar or both days from day 0)."""
    if not (start.known and when.known):
        return False
    if (start.offset_days is None) != (when.offset_days is None):
        return False
    if start.offset_days is not None and when.offset_days is not None:
        return start.offset_days[1] < when.offset_days[0]
    a, b = start.latest or start.point, when.earliest or when.point
    k = min(len(a or ""), len(b or ""))
    return bool(a and b and a[:k] < b[:k])  # calendar times compared on what both state ("2010" before "2018-05")


def _stopped_before_start(end: TimeRef, start: TimeRef) -> bool:
    """Whether a stop lies wholly before the start of the course it ends (calendar times of unlike precision compared
    on what both state: a stop in 2011 of a course begun on 2018-06-06)."""
    if _ended_before(end, start):
        return True
    a, b = end.latest or end.point, start.earliest or start.point
    if not (a and b) or end.offset_days is not None and start.offset_days is not None:
        return False
    k = min(len(a), len(b))
    return a[:k] < b[:k]


# a perfect aspect before the drug: the 'for N' that follows is how long it has been taken so far
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?been\b|\b(?:is|are|remains|remained)\s+on\b", re.I)
_TOTAL_OF = re.compile(r"\ba\s+total\s+of\b", re.I)  # "for a total of 12 weeks": a whole course's length


# a length fronted at the sentence's start: "For 4 months, the patient had been given X", "Over the next 3 weeks, ..."
_FRONTED_FOR = re.compile(r"\s*(?:for|over|during)\s", re.I)


def _fronted_course(text: str, d: Mention, durations: ByStart, s0: int) -> Mention | None:
    """A length that opens the sentence of `d`, in the clause of `d` ("For the next 10 days, X was continued", "Over
    the next 3 weeks, treatment with A, B and C was continued"): "for N", or "over / during the next N"."""
    if not _FRONTED_FOR.match(text, s0):
        return None
    for t in durations.window(s0, d.start):
        if int(t.attrs.get("phrase_start") or t.start) > s0 + 4 or t.end > d.start:
            continue
        if t.attrs.get("signal") == "for" or t.attrs.get("rel_direction") == "after" and \
                t.attrs.get("signal") in ("over", "during"):
            return None if _NEW_CLAUSE.search(text, t.end, d.start) else t
    return None


# a new clause between a fronted length and a drug ("For 3 days she had fever; X was started"), not the ", and" of a
# list ("treatment with A, B, and C was continued")
_NEW_CLAUSE = re.compile(r";|,\s*(?:but|while|whereas|although|then|and then|and later)\s", re.I)


def _taken_for(text: str, d: Mention, dose: Mention | None, ms: _Mentions, drugs: ByStart,
               s0: int) -> tuple[float, str] | None:
    """How long a drug told in the perfect had been taken at the story's time: "for three years" after it (or after
    the list it ends: "A, B and C for 3 years"), or a "For N," that opens its sentence; (days, words) or None."""
    durations = ms.index(ms.durations)
    last = dose if dose is not None and dose.start >= d.end else d
    told = _course_after(text, last, durations, drugs) or _fronted_course(text, d, durations, s0)
    days = _days(str(told.attrs.get("duration") or told.attrs.get("value"))) if told is not None else None
    return (days, told.text) if told is not None and days else None


def _since(now: TimeRef, days: float, words: str) -> TimeRef:
    """The start of a course taken for `days` up to `now`: that long before, at the precision a length of that size
    gives (a day for a few weeks, a month beyond), derived from the text's length."""
    start = days_after(now, -days, words, "story time")
    if start.offset_days is None and days > 60 and start.precision == "day":
        start = start.model_copy(update={"earliest": (start.earliest or "")[:7] or None,
                                         "latest": (start.latest or "")[:7] or None,
                                         "point": (start.point or "")[:7] or None, "precision": "month"})
    return start


_LEAD_GAP = re.compile(r"(?:\s*-?\s*(?:long\s+)?(?:courses?|cycles?|treatment|therapy|trial)\b)?\s*(?:of|in|with)\s+"
                       r"(?:(?:courses?|treatment|therapy)\s+(?:of|in|with)\s+)?(?:(?:intravenous|oral|iv|i\.v\.|po|"
                       r"high[- ]dose|low[- ]dose|pulsed?|daily|a|an|"
                       # the class the drugs are named under: "7 days of IV antibiotics (A and B)" (expqa7)
                       r"antibiotics?|antimicrobials?|antifungals?)\s+)*(?:\(\s*|:\s*)?"
                       # the dose told between: "a 10-day course of 500 mg metronidazole"
                       r"(?:\d+(?:[.,]\d+)?\s*(?:mg|g|gm|grams?|mcg|µg|μg|IU|units?|mL)\s+(?:of\s+)?"
                       r"(?:(?:intravenous|oral|iv|i\.v\.|po)\s+)?)?", re.I)


def _course_before(text: str, drug: Mention, leads: ByStart, drugs: ByStart) -> Mention | None:
    """The length told right before the drug: "5 days of intravenous methylprednisolone", "a 6-day course of
    dexamethasone", "six weeks of treatment with prednisone" (no other drug between). A later member of a list of
    names only has the length told before its first ("a 1-week course of cefuroxime and fluconazole"; exposure QA,
    expqa7), unless a verb of its own follows it ("5 days of A, and B was started")."""
    head = drug
    for _ in range(8):
        for d in leads.window(head.start - 45 - _reach(leads) - leads.maxlen, head.start + 1 + _reach(leads)):
            end = int(d.attrs.get("phrase_end") or d.end)
            if end > head.start or head.start - end > 45 or drugs.window(end, head.start):
                continue
            if _LEAD_GAP.fullmatch(text, end, head.start):
                return d
        before = [p for p in drugs.ending_in(head.start - 40, head.start)
                  if p.type == "drug" and _NAMES_LINK.fullmatch(text, p.end, head.start)]
        if not before or _OWN_VERB.match(text, drug.end):
            return None
        head = before[-1]
    return None


_OWN_VERB = re.compile(r"\s+(?:was|is|has|had)\b", re.I)  # a list member that is its own clause's subject


# a length told between a verb of giving and the drug: "she was treated for 5 days with intravenous gentamicin"
# (exposure QA, expqa6)
_GIVEN_FOR = re.compile(r"\b(?:treated|managed|given|received|continued)\s+$", re.I)
_FOR_WITH_GAP = re.compile(r"\s+with\s+(?:(?:intravenous|oral|iv|i\.v\.|subcutaneous|high[- ]dose|low[- ]dose|the|a|an)"
                           r"\s+)*", re.I)


def _course_for_with(text: str, drug: Mention, durations: ByStart, drugs: ByStart) -> Mention | None:
    """The length of "treated for N days with X": a 'for' length right after a verb of giving, then "with" the drug."""
    reach = _reach(durations)
    for d in durations.window(drug.start - 60 - reach, drug.start):
        start, end = int(d.attrs.get("phrase_start") or d.start), int(d.attrs.get("phrase_end") or d.end)
        if d.attrs.get("signal") != "for" or end > drug.start or drugs.window(end, drug.start):
            continue
        if _FOR_WITH_GAP.fullmatch(text, end, drug.start) and _GIVEN_FOR.search(text, max(0, start - 20), start):
            return d
    return None


_BRACKET_GAP = re.compile(r"(?:\s*\([^()]{1,15}\))?\s*(?:(?:pulse|pulses|pulse therapy|therapy|treatment|intravenous|"
                          r"oral|iv|i\.v\.)\s*)*\(\s*(?:an?\s+)?", re.I)
_BRACKET_KIND = re.compile(r"\s*-?\s*(?:schedule|course|regimen|protocol)\s*\)", re.I)


def _course_in_brackets(text: str, last: Mention, leads: ByStart, drugs: ByStart) -> Mention | None:
    """The length a parenthesis after the drug gives: "methylprednisolone (mPSL) pulse therapy (3-day schedule)",
    "dexamethasone (a 10-day course)"."""
    for d in leads.window(last.end, last.end + 46):
        if drugs.window(last.end, d.start):
            continue
        if _BRACKET_GAP.fullmatch(text, last.end, d.start) and _BRACKET_KIND.match(text, d.end):
            return d
    return None


_OVER_PERIOD = re.compile(r"over\s+(?:a|the)\s+(?:period|course)\s+of\b", re.I)


def _course_after(text: str, last: Mention, durations: ByStart, drugs: ByStart) -> Mention | None:
    """The 'for N days' that states how long the drug written at `last` was given, with only a verb of giving
    between them and no other drug."""
    reach = _reach(durations)
    # "co-amoxiclav and clarithromycin for 48 hours", "co-amoxiclav 1.2 g tds and clarithromycin 500 mg bd for 48
    # hours": the list's course, each drug's
    nxt = drugs.first_from(last.end)
    end = last.end
    while nxt is not None and nxt.type == "drug" and _NAMES_LINK.fullmatch(text, end, nxt.start):
        nxt, end = drugs.first_from(nxt.end), _DOSE_OF_LAST.match(text, nxt.end).end()  # type: ignore[union-attr]
    for d in durations.window(end - reach, end + 61 + reach):
        start = int(d.attrs.get("phrase_start") or d.start)
        # "over the next 10 days", "over a period of 50 weeks"
        over = d.attrs.get("signal") == "over" and (d.attrs.get("rel_direction") == "after" or
                                                    _OVER_PERIOD.match(text, start) is not None)
        if d.attrs.get("signal") != "for" and not over or start < end or start - end > 60:
            continue
        if drugs.window(end, start) or not _COURSE_GAP.fullmatch(text, end, start):
            continue
        return d
    return None


# the link between two drugs of a list: a comma, "and", "+", after the first drug's own dose and frequency if it has
# them ("co-amoxiclav 1.2 g three times daily and clarithromycin 500 mg twice daily for 48 hours")
_DOSE_CORE = (r"\d[\d.,]*\s*(?:mg|g|mcg|µg|ug|iu|units?|ml)(?:/(?:kg|m2|day|d|h))*"
              r"(?:\s+(?:once|twice|three\s+times|four\s+times|daily|a\s+day|per\s+day|bid|tid|qid|od|bd|tds|qds|"
              r"every\s+\d+\s*(?:h|hours)|q\d+h|\d+/\d+\s*h)){0,2}")
# the dose written plainly or in brackets: "dantrolene (160 mg/day) and bromocriptine (7.5 mg/day) for 7 days"
# (exposure QA, expqa7)
_OWN_DOSE_PATTERN = r"(?:\s+" + _DOSE_CORE + r"|\s*\(\s*" + _DOSE_CORE + r"\s*\))?"
_NAMES_LINK = re.compile(_OWN_DOSE_PATTERN + r"\)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*\+\s*)", re.I)
_DOSE_OF_LAST = re.compile(_OWN_DOSE_PATTERN, re.I)  # the last drug's own dose, before the list's course


_SHARED_TAIL = re.compile(r"\s*,?\s*(?:(?:was|were)\s+)?(?:administered|given|infused|delivered|injected)\b", re.I)
_NAME_LINK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)  # names only: no dose between


def _names_list_last(text: str, drug: Mention, drugs: ByStart) -> Mention | None:
    """The last member of a list of drug names only that `drug` opens or belongs to ("A, B, and C"), when `drug` is
    not it and no member has a dose of its own right after it; else None."""
    end, last = drug.end, None
    while (nxt := drugs.first_from(end)) is not None and nxt.type == "drug" and _NAME_LINK.fullmatch(text, end,
                                                                                                     nxt.start):
        end, last = nxt.end, nxt
    if last is None or _OWN_DOSE.match(text, last.end):
        return None
    return last


_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def _form_in_brackets(text: str, drugs: list[Mention], forms: dict[str, tuple[str, ...]]) -> list[Mention]:
    """"amphotericin B (AmBisome)": a form of the drug named in brackets right after its general name is that one
    drug, by its more exact name (knowledge/drug_forms.csv); it was two courses (exposure QA, expqa6)."""
    out: list[Mention] = []
    for d in drugs:
        prev = out[-1] if out else None
        if prev is not None and d.norm in forms.get(str(prev.norm), ()) and \
                _OPEN_BRACKET.fullmatch(text, prev.end, d.start):
            out[-1] = prev.model_copy(update={"norm": d.norm})
            continue
        out.append(d)
    return out


# the amount a combination is dosed by, written before one of its ingredients: "320 mg trimethoprim", "(5 mg/kg of
# trimethoprim iv q6h)"
_AMOUNT_OF = re.compile(r"\d[\d.,]*\s*(?:mg|g|mcg|µg|μg)(?:/(?:kg|m2))?\s+(?:of\s+)?$", re.I)


def _dose_basis(text: str, drugs: list[Mention]) -> list[Mention]:
    """Without an ingredient named after its amount right after the combination product it belongs to
    ("co-trimoxazole (5 mg/kg of trimethoprim) iv q6h", "sulfamethoxazole/trimethoprim with 320 mg trimethoprim
    every 6 h"): the product's dose is told by that ingredient, it is no second drug (exposure QA, expqa6)."""
    if len(drugs) < 2:
        return drugs
    out: list[Mention] = []
    for d in drugs:
        prev = out[-1] if out else None
        if prev is not None and d.norm in product_ingredients().get(str(prev.norm), ()) and d.start - prev.end <= 80 \
                and _AMOUNT_OF.search(text, max(prev.end, d.start - 25), d.start):
            continue
        out.append(d)
    return out


def _reach(items: ByStart) -> int:
    """How far a phrase of a time expression (its signal word: "for 3 days") reaches beyond the expression itself, at
    most, over a sentence's list: a window by the expressions' starts widened by it finds every phrase in a window."""
    if "reach" not in items.memo:
        items.memo["reach"] = max((max(abs(int(m.attrs.get("phrase_start") or m.start) - m.start),
                                       abs(int(m.attrs.get("phrase_end") or m.end) - m.end)) for m in items.items),
                                  default=0)
    return items.memo["reach"]


_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s+(?:the\s+)?", re.I)


def _date_range_after(text: str, last: Mention, times: ByStart, drugs: ByStart
                      ) -> tuple[Mention, Mention] | None:
    """Two calendar dates that bound the course of the drug written at `last`: "from 11 January to 15 January
    2024", "between 3 and 9 May" (the second a date of its own), within 60 characters and no other drug between."""
    i = bisect_left(times.starts, last.end)
    near = [k for k in range(i, bisect_left(times.starts, last.end + 61)) if _absolute_date(times.items[k])]
    for k in near:  # each date with the one after it (a date too far from the drug opens no range)
        a = times.items[k]
        if drugs.window(last.end, a.start):
            return None
        if not _RANGE_OPEN.search(text, max(0, a.start - 14), a.start):
            continue
        b = next((t for t in times.after(k + 1) if _absolute_date(t)), None)
        if b is None:
            return None
        if _RANGE_LINK.fullmatch(text, a.end, b.start):
            return a, b
    return None


_UNTIL = re.compile(r"\b(?:until|till|up to|through)\s+(?:the\s+)?$", re.I)
_WHEN_AFTER = re.compile(r"[^,;.]{0,30}?,?\s*(?:when|at which|after which|then)\b", re.I)
_NOT_UNTIL = re.compile(r"\b(?:not|never)\s+(?:\S+\s+){0,3}(?:until|till)\s+(?:the\s+)?$", re.I)


def _until_at(text: str, t: Mention) -> bool:
    """Whether the time `t` is written "until / till DATE" (the last day of something; not "not started until")."""
    return _UNTIL.search(text, max(0, t.start - 12), t.start) is not None and \
        _NOT_UNTIL.search(text, max(0, t.start - 50), t.start) is None


def _until_date(text: str, drug: Mention, times: ByStart, drugs: ByStart, end: int) -> Mention | None:
    """A time written "until / till DATE" after the drug, within its dosage (60 characters, no other drug between):
    the last day of its course."""
    i = bisect_left(times.starts, drug.end)
    for t in times.items[i:]:
        if t.start > min(end, drug.end + 60) or drugs.window(drug.end, t.start):
            return None
        if _until_at(text, t):  # "continued until day 25, when the dose was reduced": a change there, no end
            return None if _WHEN_AFTER.match(text, t.end) else t
    return None


def _absolute_date(t: Mention) -> bool:
    return t.type == "date" and t.attrs.get("kind") == "absolute"


def _same_dose(a: DoseSegment, b: DoseSegment) -> bool:
    """One dose: the same amount and, where both say, the same schedule ("40 mg twice daily for 5 days, then
    40 mg daily" is a dose change)."""
    if not (a.dose and b.dose and a.dose.value == b.dose.value and a.dose.unit == b.dose.unit):
        return False
    ta, tb = a.timing, b.timing
    if ta is None or tb is None or None in (ta.frequency, ta.period_unit, tb.frequency, tb.period_unit):
        return True
    ra, rb = _per_day(ta), _per_day(tb)  # "every 12 hours" and "twice daily" are one schedule
    return ra is None or rb is None or abs(ra - rb) <= 1e-6 * max(ra, rb)




@cache
def _schedule_words() -> dict[str, float]:
    """Doses per day of the one-word schedules of knowledge/frequencies.csv ("daily", "weekly", "monthly")."""
    out = {}
    for r in table("frequencies.csv"):
        if r["written"].isalpha() and r["written"].islower() and r["frequency"].isdigit() and r["period"].isdigit():
            t = Timing(frequency=int(r["frequency"]), period=float(r["period"]), period_unit=r["period_unit"])
            if (p := _per_day(t)) is not None:
                out[r["written"]] = p
    return out


def _per_day(t: Timing) -> float | None:
    days = PERIOD_DAYS.get(t.period_unit or "")
    return float(t.frequency) / (float(t.period or 1) * days) if days and t.frequency else None


_OWN_DOSE = re.compile(r"\s*(?:\(\s*)?\d")  # a number right after a drug's name: its own dose


def _dedupe_abbreviations(text: str, drugs: list[Mention]) -> list[Mention]:
    """"hydroxychloroquine (HCQ)" is one mention of one drug. A regimen's ingredient that the sentence then
    spells out with its own dose ("FOLFOX (oxaliplatin 85 mg/m2, leucovorin 400 mg/m2, ...)") is that
    mention: the regimen's name takes no dose of its own."""
    spelled = {(d.norm, d.start) for d in drugs if not d.attrs.get("regimen") and _OWN_DOSE.match(text, d.end)}
    drugs = [d for d in drugs if not d.attrs.get("regimen") or not any(
        norm == d.norm and d.end <= start for norm, start in spelled)]
    out: list[Mention] = []
    for d in sorted(drugs, key=lambda m: m.start):
        if out and out[-1].norm == d.norm and re.fullmatch(r"\s*\(\s*", text[out[-1].end:d.start]):
            continue
        out.append(d)
    return out


def _action(text: str, d: Mention, drugs: ByStart, cues: list[tuple], inner: ByStart, blocks: _Blocks,
            a_of: list[int], b_of: list[int]) -> str:
    """What the cues of the sentence say of the drug `d`. Only the cues that can be the drug's are read: those
    after it up to the first word no filler gap can span (`_Blocks`), and those before it back to such a word or to
    the second drug before it ("switched from X to Y": Y, two drugs after the cue); in the order of the sentence,
    as a scan of all of them would. `a_of`, `b_of`: where each cue begins and ends."""
    after_lo, after_hi = bisect_left(a_of, d.end), bisect_left(a_of, blocks.after(d.end))
    i = bisect_left(drugs.starts, d.start)
    j = bisect_left(drugs.starts, drugs.starts[i - 1]) if i else 0
    prev2 = drugs.starts[j - 1] if j else float("-inf")  # the start of the drug before the one before it
    before_lo = bisect_right(b_of, min(blocks.before(d.start), prev2))
    before_hi = bisect_right(b_of, d.start)
    near = [*range(before_lo, before_hi), *range(after_lo, after_hi)]
    # swaps: the nearest swap cue with this drug immediately on one side
    for k in near:
        a, b, action, _side = cues[k]
        if action == "swap_from":  # "switched from X to Y": X stops, Y starts (a regimen's drugs share a span)
            spans = _first_spans(drugs, b)
            if spans and spans[0] == (d.start, d.end) and _gap_is_filler(text, b, d.start, inner):
                return "swap-stop"
            if len(spans) > 1 and spans[1] == (d.start, d.end) and _TO_GAP.fullmatch(text, spans[0][1], d.start):
                return "swap-start"
            continue
        if action == "swap_to":  # "changed X to Y": as "from", but only with a drug after X's "to"
            spans = _first_spans(drugs, b)
            if len(spans) > 1 and _TO_GAP.fullmatch(text, spans[0][1], spans[1][0]) and \
                    _gap_is_filler(text, b, spans[0][0], inner):
                if spans[0] == (d.start, d.end):
                    return "swap-stop"
                if spans[1] == (d.start, d.end):
                    return "swap-start"
            continue
        if not action.startswith("swap"):
            continue
        right = drugs.first_from(b)
        if d.end <= a and _gap_is_filler(text, d.end, a, inner):
            # the drug right before the cue, or one of a coordination ending there ("A and B were switched to C")
            if action == "swap_out_in" and _FORM_AFTER.match(text, b) and (
                    right is None or right.start - b > 40 or re.search(r"[;]|\.\s", text[b:right.start])):
                return "continue"  # "X was changed to infusion at 1 µg/kg/min": the same drug in another form
            return "swap-stop" if action == "swap_out_in" else "swap-start"
        if right is not None and _same_span(right, d) and _gap_is_filler(text, b, d.start, inner):
            return "swap-start" if action == "swap_out_in" else "swap-stop"
    for k in range(after_lo, after_hi):  # the nearest cue after the drug
        a, _b, act, side = cues[k]
        if side in ("after", "both") and not act.startswith("swap") and _gap_is_filler(text, d.end, a, inner):
            if side == "both" and _opens_clause(text, d, a):
                continue  # "stopped X and started Y": "started" is Y's (exposure QA, expqa6)
            return act
    for k in reversed(range(bisect_right(b_of, blocks.before(d.start)), before_hi)):  # else the nearest before it
        _a, b, act, side = cues[k]
        if side in ("before", "both") and not act.startswith("swap") and _gap_is_filler(text, b, d.start, inner):
            return act
    for k in reversed(range(before_lo, before_hi)):  # a later member of the list a swap opens ("changed to A, B, C")
        _a, b, act, _side = cues[k]
        right = drugs.first_from(b)
        if act == "swap_out_in" and right is not None and right.start < d.start and \
                _gap_is_filler(text, b, d.start, inner):
            return "swap-start"
    return _UNCUED  # no cue: the drug named as given


def _opens_clause(text: str, d: Mention, a: int) -> bool:
    """Whether the cue at `a` after the drug `d` opens a predicate of its own right after "and" ("we stopped X and
    started Y", "we stopped X and started a therapy with Y"): its subject is the sentence's, not `d`."""
    return _AND_GAP.fullmatch(text, d.end, a) is not None


_AND_GAP = re.compile(r"\s*,?\s*and\s+(?:(?:then|later|subsequently)\s+)?", re.I)


# what a drug is switched to when it is the same drug in another form, route or dose ("changed to infusion", "switched
# to the oral route", "escalated to 40 mg"), with no other drug named there
_FORM_AFTER = re.compile(r"\s*(?:an?\s+|the\s+)?(?:(?:oral|intravenous|iv|i\.v\.|subcutaneous|intramuscular|enteral|"
                         r"continuous|extended-release|slow-release|long-acting)\s+)*(?:infusions?|tablets?|capsules?|"
                         r"formulations?|forms?|route|administration|dosing|preparations?)\b|"
                         r"\s*(?:an?\s+(?:daily\s+)?dose\s+of\s+)?\d", re.I)  # "escalated to 40 mg": its dose


def _first_spans(drugs: ByStart, pos: int) -> list[tuple[int, int]]:
    """The first two spans (start, end) of the drugs starting at or after `pos`, in order."""
    i = bisect_left(drugs.starts, pos)
    j = bisect_left(drugs.starts, drugs.starts[i] + 1) if i < len(drugs.starts) else i
    k = bisect_left(drugs.starts, drugs.starts[j] + 1) if j < len(drugs.starts) else j
    return sorted({(x.start, x.end) for x in drugs.items[i:k]})[:2]


@cache
def _class_members() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in table("class_members.csv"):
        out.setdefault(row["class"].lower(), set()).add(row["member"])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _class_group(name: str, drug_class: str | None) -> frozenset[str]:
    """The smallest class group of knowledge/class_members.csv that holds the drug (by name or class)."""
    groups = [(len(v), k, v) for k, v in _class_members().items()
              if name in v or (drug_class and f"drug_class:{drug_class}" in v)]
    return min(groups)[2] if groups else frozenset()


@cache
def _drug_forms() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """general name -> its forms, form -> general name (knowledge/drug_forms.csv)."""
    forms: dict[str, list[str]] = {}
    for r in table("drug_forms.csv"):
        forms.setdefault(r["general"], []).append(r["form"])
    return {g: tuple(f) for g, f in forms.items()}, {f: g for g, fs in forms.items() for f in fs}


# a switch told with the patient, or the treatment itself, as its subject and no drug on its left: "she was (then)
# switched to X", "the patient was changed over to X", "her therapy was changed to X", "the antimicrobial regimen was
# switched to X" (the verbs of exposure_cues.csv's swap_out_in cues)
_PATIENT_SWITCH = re.compile(
    r"\b(?:s?he|they|the (?:patient|child|infant|boy|girl|man|woman)|patient|"
    r"(?:(?:her|his|their|the)\s+)?(?:(?:antibiotic|antimicrobial|antibacterial|antifungal|antiviral|empiric(?:al)?|"
    r"medical|drug|intravenous|iv|oral)\s+)?(?:therapy|treatment|regimen|medications?|coverage|agents?))\s+"
    r"(?:was|were|had been|has been|is)\s+"
    r"(?:(?:then|subsequently|later|eventually|finally|therefore|thus|successfully)\s+)?"
    r"(?:switched|changed|converted|transitioned|de-?escalated|stepped down|narrowed)\s+(?:over\s+)?to\s+", re.I)


def _class_action(text: str, c: Mention, cues: list[tuple], inner: ByStart, blocks: _Blocks,
                  a_of: list[int], b_of: list[int]) -> str | None:
    """"stop" when a stop cue stands right after the class ("were discontinued") or right before it ("stopped all
    antibiotics"), or the class is the left side of a switch ("antibiotics were switched to ..."). Only the cues a
    filler gap can reach are read (`_Blocks`), in order; `a_of`, `b_of`: where each cue begins and ends."""
    near = [*range(bisect_right(b_of, blocks.before(c.start)), bisect_right(b_of, c.start)),
            *range(bisect_left(a_of, c.end), bisect_left(a_of, blocks.after(c.end)))]
    for a, b, action, side in (cues[k] for k in near):
        if a >= c.end and side in ("after", "both") and action in ("stop", "hold", "swap_out_in") \
                and _gap_is_filler(text, c.end, a, inner):
            return "stop"
        if b <= c.start and side in ("before", "both") and action in ("stop", "hold") and \
                _gap_is_filler(text, b, c.start, inner):
            return "stop"
    return None


# a drug started and then switched in one breath: "X was started and then changed to Y", "A and B were initiated but
# later switched to C" (exposure QA, expqa5)
_STARTED_THEN_SWITCHED = re.compile(
    r"\s+(?:was|were)\s+(?:(?:empirically|initially|first)\s+)?(?:started|initiated|begun|commenced|given)\s+"
    r"(?:(?:empirically|initially)\s+)?(?:and|but)\s+(?:(?:was|were)\s+)?(?:(?:then|later|subsequently|soon)\s+)?"
    r"(?:changed|switched|converted|de-?escalated|narrowed|escalated|broadened)\s+to\s+", re.I)


def _started_then_switched(text: str, d: Mention, drugs: ByStart, s1: int) -> int | None:
    """Where the switch of a drug "started and then changed to Y" is told (its 'to'), when a drug follows it; also for
    each drug of a coordination before the verb ("A and B were started and then switched to C"); else None."""
    end = d.end
    nxt = drugs.first_from(d.end)
    while nxt is not None and nxt.start < s1 and _NAMES_LINK.fullmatch(text, end, nxt.start):
        end, nxt = nxt.end, drugs.first_from(nxt.end)
    m = _STARTED_THEN_SWITCHED.match(text, end)
    if m is None or nxt is None or nxt.start != m.end() or nxt.start >= s1:
        return None
    return m.start()


# a class switched as a whole, right after the class word: "antibiotics were (then) changed to ..."
_CLASS_SWITCHED = re.compile(r"\s+(?:was|were|had\s+been)\s+(?:\w+ly\s+|then\s+)?(?:switched|changed|converted|"
                             r"narrowed|broadened|widened|modified|escalated|de-?escalated|stepped\s+down)\s+to\b",
                             re.I)

_UNCUED = "start-uncued"  # what `_action` returns for a drug no cue speaks of (a start, `ExposureBuilder.sentence`)


# between the two drugs of "switched from X (dose) to Y"
_TO_GAP = re.compile(r"[^.;]{0,40}?\bto\s+(?:(?:oral|intravenous|subcutaneous|weekly|daily|the)\s+)*", re.I)


def _same_span(a: Mention, b: Mention) -> bool:
    """One written name: the ingredients of a regimen ("R-CHOP") share its span."""
    return a.start == b.start and a.end == b.end


def _clauses(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """The clauses of a sentence: "A was replaced by B due to intolerance, and C was switched to D"
    holds two, and a stated reason belongs only to the change in its own clause."""
    out, lo = [], s0
    for m in _CLAUSE_BREAK.finditer(text, s0, s1):
        out.append((lo, m.start()))
        lo = m.end()
    out.append((lo, s1))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


def _nearest_after(drug: Mention, doses: ByStart, drugs: ByStart, window: int,
                   free: Callable[[Mention], bool]) -> Mention | None:
    """The first free dose after the drug, before the next other drug, within `window` characters."""
    nxt = next((x.start for x in drugs.window(drug.start + 1, drug.end + window) if x.norm != drug.norm), 10**9)
    return next((m for m in doses.window(drug.end, min(nxt, drug.end + window)) if free(m)), None)


# "the doses of dopamine and dobutamine were increased to 20 µg/kg/min": one new dose for each drug of the list (the
# drugs written as "X")
_DOSES_OF_LIST = re.compile(r"\bdoses?\s+of\s+(?:both\s+)?(?:(?:the\s+)?X\s*(?:,\s*and|,|and)\s*)*(?:the\s+)?$",
                            re.I)
_SHARED_CHANGE = re.compile(r"(?:\s*(?:,\s*and|,|and)\s*(?:the\s+)?X)*\s+(?:was|were)\s+(?:(?:then|later|both|all|"
                            r"each|gradually)\s+)?(?:increased|decreased|reduced|raised|lowered|titrated|tapered|"
                            r"weaned|adjusted|changed|escalated)\s+(?:up\s+|down\s+)?to\s+", re.I)


def _shared_dose(text: str, drug: Mention, drugs: ByStart, doses: ByStart, s0: int) -> Mention | None:
    """The dose a list of drugs introduced by "the doses of" was changed to, for a member without its own."""
    lo = max(s0, drug.start - 120)
    if "dose" not in text[lo:drug.start].lower():
        return None
    dose = doses.first_from(drug.end)
    if dose is None or dose.start - drug.end > 120:
        return None

    def masked(a: int, b: int) -> str:
        chunk = list(text[a:b])
        for m in drugs.within(a, b):
            chunk[m.start - a:m.end - a] = "X" + " " * (m.end - m.start - 1)
        return re.sub(r"X\s+(?=\S)", "X ", "".join(chunk))

    if not _DOSES_OF_LIST.search(masked(lo, drug.start)) or not _SHARED_CHANGE.fullmatch(masked(drug.end, dose.start)):
        return None
    return dose


_RATE_OF = re.compile(r"\bat\s+(?:a\s+)?(?:(?:starting|initial|maximum|maximal|continuous|infusion|fixed|daily)\s+)?"
                      r"(?:rate|dose|dosage)\s+of\s+$", re.I)


def _rate_of(text: str, drug: Mention, drugs: ByStart, doses: ByStart, clause: tuple[int, int],
             free: Callable[[Mention], bool]) -> Mention | None:
    """The dose told further on in the drug's clause as "at a rate / dose of D" ("heparin was used to keep the APTT
    at 50-70 s, at a rate of 1000 U/h"), with no other drug between."""
    nxt = drugs.next_start(drug.end, clause[1])
    for m in doses.window(drug.end, min(nxt, clause[1], drug.end + 200)):
        if free(m) and _RATE_OF.search(text, max(drug.end, m.start - 40), m.start):
            return m
    return None


def _free(claimed: set[int], own: Mention | None, cut: int | None) -> Callable[[Mention], bool]:
    """Whether a dose is free for a drug: not claimed by another (its own dose before it is), and before `cut`."""
    return lambda m: (id(m) not in claimed or m is own) and (cut is None or m.start < cut)


def _first_at(doses: ByStart, pos: int, free: Callable[[Mention], bool]) -> Mention | None:
    """The first free dose starting at `pos`."""
    return next((m for m in doses.window(pos, pos + 1) if free(m)), None)


_OF_BEFORE = re.compile(r"\s*(?:of|of\s+the)?\s*")
_SEQUENCE_GAP = 90  # characters at most between two doses of one drug's sequence
_EQUIVALENT = re.compile(r"\s*[(\[]\s*$")
_EQUIVALENT_SO_FAR = re.compile(r"\s*(?:[(\[]\s*)?")  # what starts an _EQUIVALENT gap


def _dose_before(text: str, drug: Mention, doses: ByStart, drugs: ByStart, inner: ByStart) -> Mention | None:
    """A dose written right before its drug: "8000 IU of epoetin alfa", "1 mg/kg of prednisone", unless it is
    the dose of a drug just before it ("prednisone 40 mg, azathioprine")."""
    before = doses.ending_in(drug.start - 12, drug.start)
    if not before:
        return None
    dose = before[-1]
    chunk = list(text[dose.end:drug.start])
    for m in inner.within(dose.end, drug.start):  # a route between them: "500 mg of intravenous methylprednisolone"
        if m is not drug:
            chunk[m.start - dose.end:m.end - dose.end] = " " * (m.end - m.start)
    gap = "".join(chunk)
    if not _OF_BEFORE.fullmatch(gap):
        return None
    if "of" not in gap and any(not doses.within(x.end, dose.start) and not _led_by_dose(text, x, doses)
                               for x in drugs.ending_in(dose.start - 25, dose.start)):
        # "aspirin 100 mg clopidogrel": the first dose after a drug just before it is that drug's; not in a list
        # whose drugs each follow their dose ("2 mg atropine, 0.01 mg epinephrine and 250 mg hydrocortisone")
        return None
    return dose


_LED_GAP = re.compile(r"\s*(?:of\s+(?:the\s+)?)?(?:(?:IV|i\.v\.?|intravenous|oral|po|inj\.?|subcutaneous|SC)\s+)?",
                      re.I)


def _led_by_dose(text: str, drug: Mention, doses: ByStart) -> bool:
    """A dose stands right before the drug ("2 mg atropine", "1 g of IV ceftriaxone")."""
    return any(_LED_GAP.fullmatch(text, m.end, drug.start) for m in doses.ending_in(drug.start - 16, drug.start))


def _restated(text: str, dose: Mention, doses: ByStart) -> Mention | None:
    """The dose in parentheses right after a dose, in other units: "5 mg/kg (230 mg)", "840 mg (500 mg/m2)"; a
    day's dose restated as its split parts is their sum ("9 mg/m2/day (7.5 mg in the morning and 5 mg at night)")."""
    for m in doses.after(bisect_right(doses.starts, dose.end)):
        if not _EQUIVALENT_SO_FAR.fullmatch(text, dose.end, m.start):
            break  # no later dose has only a bracket before it either
        if _EQUIVALENT.fullmatch(text, dose.end, m.start) and \
                (m.attrs.get("unit"), m.attrs.get("per")) != (dose.attrs.get("unit"), dose.attrs.get("per")):
            parts = _split_day(text, m, doses.at)
            if parts is None:
                return m
            total = sum(float(p.attrs["value"]) for p in parts)
            end = _times_of_day().match(text, parts[-1].end).end()  # type: ignore[union-attr]
            return Mention.model_construct(type="dose", start=m.start, end=end, text=text[m.start:end],
                                           attrs={**m.attrs, "value": total, "value_high": None})
    return None


def _dose_sequence(text: str, first: Mention, ms: _Mentions, drugs: list[Mention], end: int,
                   claimed: set[int]) -> list[Mention]:
    """Doses after a drug's first dose in its sentence, up to the next drug: a taper or a change of dose
    ("70 mg daily for 2 weeks, 60 mg daily for 1 month ..."). A dose in parentheses right after another
    restates it in other units ("840 mg (500 mg/m2)") and is no new dose."""
    stop = ms.index(drugs).next_start(first.end, end)
    out: list[Mention] = []
    prev, last_end = first, first.end
    doses = ms.index(ms.doses)
    for m in doses.after(bisect_right(doses.starts, first.end)):
        if m.start >= stop:
            break  # (sorted by start: the rest lie past it too)
        if m.start <= last_end:
            continue
        gap = text[last_end:m.start]
        if m.start - last_end > _SEQUENCE_GAP or ";" in gap or id(m) in claimed or gap.strip() == "/":
            break  # "400 mg/100 mg": the doses of a combination's two ingredients
        if _EQUIVALENT.search(text, last_end, m.start):
            last_end = m.end
            continue
        if not _comparable(prev, m) and not (_TAPER_GAP.search(gap) and _masses(prev, m)):
            break  # another unit or scale: another drug's dose, a cumulative amount, a diluent volume
        out.append(m)
        prev, last_end = m, m.end
    return out


_SHARED_AMOUNTS = re.compile(r"((?:\d+(?:\.\d+)?\s*/\s*){1,3})$")


def _combination_share(text: str, drug: Mention, drugs: ByStart,
                       dose: Mention) -> tuple[float, None, str] | None:
    """The amount of one ingredient of a combination written with one amount per ingredient, in order
    ("sacubitril/valsartan 49/51 mg", "lopinavir/ritonavir 400/100 mg"); None when the amounts do not pair up."""
    group = [x for x in drugs.window(drug.start, drug.start + 1) if x.end == drug.end]
    m = _SHARED_AMOUNTS.search(text, max(0, dose.start - 30), dose.start)
    if len(group) < 2 or m is None or dose.attrs.get("value_high") is not None:
        return None
    amounts = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", m.group(1))] + [float(dose.attrs["value"])]
    if len(amounts) != len(group):
        return None
    value = amounts[next(i for i, x in enumerate(group) if x is drug)]
    return value, None, f"{value:g} {dose.attrs.get('unit_text') or dose.attrs.get('unit')} ({m.group(1)}{dose.text})"


_MASS_MG = {"g": 1000.0, "mg": 1.0, "ug": 0.001, "mcg": 0.001, "µg": 0.001, "μg": 0.001}
# a dose per body weight tapered to a fixed dose: "1 mg/kg/day, tapered to 10 mg/day"
_TAPER_GAP = re.compile(r"\b(?:taper\w*|reduc\w*|decreas\w*|lower\w*|weaned|tailed)\b", re.I)


def _masses(a: Mention, b: Mention) -> bool:
    return a.attrs.get("unit") in _MASS_MG and b.attrs.get("unit") in _MASS_MG
_STEP_RATIO = 20.0  # a taper or escalation step changes a dose by less than this factor
# a dose written as the step of a change: "tapered by 5 mg every week", "reduced by 2.5 mg weekly", "in decrements of"
# the step of a taper or an escalation before a dose: "tapered by", "weaned down by", "cut by", "in weekly steps of"
# ("decreasing the dose of prednisone by 10 mg", "with decrements of 0.1 µg/kg/min"); or a ceiling in brackets after a
# dose, no dose given ("dopamine 2 µg/kg/min (max 20 µg/kg/min)", "(up to 30 µg/min)")
_STEP_BEFORE = anchored(r"(?:\b(?:taper\w*|reduc\w*|decreas\w*|lower\w*|increas\w*|escalat\w*|wean\w*|cut|"
                        r"(?:up)?titrat\w*)(?:\s+[\w-]+){0,4}?\s+by|\b(?:in|by|with)\s+(?:(?:weekly|monthly|daily)\s+)?"
                        r"(?:steps|decrements|increments|reductions)\s+of|\(\s*(?:max(?:imum|imal)?\.?|up\s+to)\s*:?)"
                        r"\s*$", re.I)


# a drug told again only as lower than before, with no amount: "on low-dose prednisolone", "maintenance azathioprine",
# "a reduced dose of X", "low-dose oral X"
_LOWER_BEFORE = anchored(r"\b(?:(?:a|the)\s+)?(?P<q>(?:low|lower|reduced|minimal)(?:[- ]dose[sd]?)|maintenance"
                         r"(?:\s+(?:dose|doses|therapy|treatment)(?=\s+of))?)(?:\s+of)?"
                         r"(?:\s+(?:oral|daily|intravenous|subcutaneous))?\s+$", re.I)


def _comparable(a: Mention, b: Mention) -> bool:
    """Two doses of one sequence: the same unit (or masses) per the same body measure, within a plausible step."""
    ua, ub = a.attrs.get("unit"), b.attrs.get("unit")
    if a.attrs.get("per") != b.attrs.get("per"):
        return False
    if ua in _MASS_MG and ub in _MASS_MG:
        va, vb = float(a.attrs["value"]) * _MASS_MG[ua], float(b.attrs["value"]) * _MASS_MG[ub]
    elif ua == ub and ua not in ("mL", "L"):
        va, vb = float(a.attrs["value"]), float(b.attrs["value"])
    else:
        return False
    return va > 0 and vb > 0 and 1 / _STEP_RATIO <= vb / va <= _STEP_RATIO


@cache
def _times_of_day() -> re.Pattern:
    """A time of day written after a dose ("in the morning", "am", "nocte", "at bedtime", "at 8 am"), as one pattern
    (knowledge/times_of_day.csv)."""
    words = sorted((re.escape(r["written"]) for r in table("times_of_day.csv")), key=len, reverse=True)
    return re.compile(r"\s*,?\s*(?:(?:in\s+the|at|each|every|before|after|with)\s+)?(?:" + "|".join(words)
                      + r"|\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h))(?![\w])", re.I)


_SPLIT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|and\s+|plus\s+|\+\s*)")


def _split_day(text: str, first: Mention, dose_at: Callable[[int], Mention | None]) -> list[Mention] | None:
    """The doses of one day given at different times, each written with its time of day, from `first` on: "500 mg
    in the morning and 250 mg in the evening", "20 mg am and 10 mg pm", "10 mg at 8 am, 5 mg at noon and 5 mg at
    5 pm". None unless two or more such doses in one unit follow one another ("then" or a taper word makes a
    sequence, not a split)."""
    tod = _times_of_day()
    out, pos = [first], first.end
    while True:
        t = tod.match(text, pos)
        if t is None:
            break
        pos = t.end()
        j = _SPLIT_JOIN.match(text, pos)
        nxt = dose_at(j.end()) if j is not None else None
        if nxt is None:
            break
        a, b = out[-1].attrs, nxt.attrs
        if (a.get("unit"), a.get("per")) != (b.get("unit"), b.get("per")) or b.get("value_high") is not None \
                or b.get("period_unit") or tod.match(text, nxt.end) is None:
            break
        out.append(nxt)
        pos = nxt.end
    if len(out) < 2 or first.attrs.get("value_high") is not None or first.attrs.get("period_unit"):
        return None
    return out


def _split_dose(text: str, seg: DoseSegment, parts: list[Mention]) -> None:
    """One segment for a day's split dose: the day's total, per day, with each part as written."""
    tod = _times_of_day()
    ends = [tod.match(text, m.end).end() for m in parts]  # type: ignore[union-attr]
    a = parts[0].attrs
    each = [Dose(value=m.attrs.get("value"), unit=m.attrs.get("unit"), unit_text=m.attrs.get("unit_text"),
                 per=m.attrs.get("per"), text=text[m.start:e]) for m, e in zip(parts, ends, strict=True)]
    seg.dose = Dose(value=sum(float(m.attrs["value"]) for m in parts), unit=a.get("unit"),
                    unit_text=a.get("unit_text"), per=a.get("per"), text=text[parts[0].start:ends[-1]], parts=each)
    seg.timing = Timing(frequency=1, period=1.0, period_unit="d", text=None)
    seg.equivalent = None


_DOSE_HEAD = re.compile(r"^[\d.,\s]+\S+\s*")  # "1100 mg daily" -> "daily"
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
_LIST_TAIL_GAP = re.compile(r"\s*(?:,\s*)?(?:each\s+|all\s+|respectively\s*,?\s*)?")


def _list_step(text: str, pos: int, drugs: ByStart, doses: ByStart) -> Mention | None | bool:
    """One step along a list of drug-dose pairs from `pos` (the end of a dose): the next member's dose, None at the
    list's end, False for a member without its own dose."""
    j = _LIST_JOIN.match(text, pos)
    nxt = drugs.at(j.end()) if j is not None else None
    if nxt is None:
        return None
    # the first dose at or after the drug, if only white space stands between (any later one has this one between)
    d2 = doses.first_from(nxt.end)
    return d2 if d2 is not None and text[nxt.end:d2.start].strip() == "" else False


def _list_chain(text: str, dose: Mention, drugs: ByStart, doses: ByStart, memo: dict
                ) -> tuple[Mention, frozenset] | None | bool:
    """The members after `dose` of its list of drug-dose pairs: (the last member's dose, the body measures their
    doses are per), None when no member follows, False when one has no dose of its own. Every member of one list
    shares the rest of its chain, so each step is taken once per sentence (`memo`): a sentence that is one long
    list stays linear."""
    path: list[Mention] = []
    cur: Mention = dose
    while id(cur) not in memo:
        nxt = _list_step(text, cur.end, drugs, doses)
        if not isinstance(nxt, Mention):
            memo[id(cur)] = (cur, nxt)
            break
        path.append(cur)
        memo[id(cur)] = (cur, None)  # placeholder, filled below (the chain only moves forward)
        cur = nxt
    for m, nxt in reversed(list(zip(path, [*path[1:], cur][:len(path)], strict=True))):
        after = memo[id(nxt)][1]
        per = frozenset([nxt.attrs.get("per")])
        if after is False:
            result = False
        elif after is None:
            result = (nxt, per)
        else:
            result = (after[0], after[1] | per)
        memo[id(m)] = (m, result)
    return memo[id(dose)][1]


def _list_tail(text: str, dose: Mention, drugs: list[Mention],
               ms: _Mentions) -> tuple[Mention | None, Mention | None] | None:
    """The route and frequency written once after the last of a list of drug-dose pairs: "rifampicin 600 mg,
    isoniazid 300 mg and ethambutol 1100 mg daily" (each daily). Only a list whose members are each a drug
    followed at once by its dose, all fixed or all per kg / m2, shares the tail ("methylprednisolone 500 mg and
    rituximab 375 mg/m2 weekly": weekly is rituximab's); the last dose may carry the frequency ("1100 mg daily").
    None when the dose is not in such a list or the list has no shared tail."""
    chain = _list_chain(text, dose, ms.index(drugs), ms.index(ms.doses), ms.memo(drugs))
    if not chain or chain[1] != {dose.attrs.get("per")}:
        return None  # no list, a member without its own dose, or one dosed per body measure where this one is not
    last = chain[0]
    pos = last.end
    route = freq = None
    if last.attrs.get("period_unit"):
        freq = last
    gap = _LIST_TAIL_GAP.match(text, pos)
    at = gap.end() if gap else pos
    route = ms.index(ms.routes).at(at)
    if route is not None:
        at = (_LIST_TAIL_GAP.match(text, route.end) or route).end()
    freq = freq or ms.index(ms.freqs).at(at)
    if route is None and freq is None:
        return None
    if text[(freq or route).end:(freq or route).end + 1] not in ("", ".", ";", ",", " ", ")"):  # type: ignore[union-attr]
        return None
    return route, freq


# what may stand between a drug and its route or frequency: its dose ("4.5 g IV"; a decimal point is no full stop)
# what may stand between a drug and its route or frequency: words, brackets, a decimal point, and the points of a
# dotted route ("Meropenem 500 mg I.V. (three times a day)", exposure QA expqa5)
_ADJACENT_GAP = re.compile(r"(?:[\s\w,()/-]|(?<=\d)\.(?=\d)|"
                           r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)|(?<=\b[A-Za-z]\.[A-Za-z])\.)*")


def _adjacent(text: str, drug: Mention, ms: ByStart, drugs: ByStart) -> Mention | None:
    """The route (or frequency) of the drug: one right before it ("oral Y"), else the first within 40 characters
    after it. Those before it are read back only as far as a route-before gap can reach."""
    # a regimen's ingredients in parentheses right after its name: "R-CHOP (rituximab, ...) every 21 days", or a
    # brand or short name ("ceftriaxone (Rocephin) 1 g IV"); a parenthesis of the drug's own dosage is read
    # ("clindamycin (150 mg, taken orally every 12 h)")
    listed = _PARENS_AFTER.match(text, drug.end)
    reach = listed.end() if listed else drug.end  # how far the 40 characters after the drug are counted from
    if listed and not drug.attrs.get("regimen") and not any(
            x is not drug for x in drugs.window(drug.end, listed.end())):
        listed = None
    end = listed.end() if listed else drug.end
    far = not _ROUTE_GAP_OTHER.search(text, max(0, drug.start - 40), drug.start)
    near = [*(ms.items[:bisect_left(ms.starts, drug.start)] if far else ms.ending_in(drug.start - 40, drug.start)),
            *ms.window(drug.start, reach + 40)]
    for m in near:
        if _BRACKETED.fullmatch(text, m.start - 1, m.end + 1) and ms.ending_in(m.start - 3, m.start - 1):
            # "intravenous (IV) X": the abbreviation of the route before it, the same route (read from it)
            if m.end < drug.start and _ROUTE_BEFORE_GAP.fullmatch(text, m.end + 1, drug.start):
                return m
            continue
        # a route before the drug with no comma between ("oral Y"): "X 300 mg orally, Y 180 mg" -> 'orally' is X's
        if m.end <= drug.start and _ROUTE_BEFORE_GAP.fullmatch(text, m.end, drug.start):
            return m
        if m.start >= end and m.start - reach < 40 and not any(
                x.norm != drug.norm for x in drugs.window(end, m.start)) and \
                _ADJACENT_GAP.fullmatch(text, end, m.start) and not any(
                x.norm != drug.norm for x in drugs.window(m.end, _DASHES.match(text, m.end).end() + 1)) \
                and not _QUALIFIES_NEXT.search(text, max(end, m.start - 8), m.start):  # type: ignore[union-attr]
            return m  # not a word right before the next drug: "X 0.4 g/kg, followed by oral Y" ('oral' is Y's)
    return None


_BRACKETED = re.compile(r"\(\s*[^()\s]+\s*\)")  # a route's abbreviation in brackets after it: "intravenous (IV)"


# between two drugs of one list: the first one's dosage in brackets, a comma or 'and' ("intravenous A (3.375 g every
# 6 hours), B (400 mg every 6 hours), and C")
_LIST_ROUTE_GAP = re.compile(r"[\s-]*(?:of\s+)?")
# between a route and its class word: "IV broad-spectrum antibiotics", "intravenous empirical antimicrobial"
_CLASS_ROUTE_GAP = re.compile(r"[\s-]*(?:(?:broad[\s-]spectrum|empiric(?:al)?|prophylactic|combined|high-dose)[\s,]+)*")
# between a class word and the drugs that spell it out: "antibiotics: a combination of", "antibiotics (", "antibiotics
# including", "antibiotics, namely", "antibiotics were started, including"
_CLASS_TO_LIST = re.compile(
    # "intravenous antibiotic therapy (was initiated) with A, B and C" (exposure QA, expqa5)
    r"(?:\s+(?:therapy|treatment|regimen|coverage))?"
    r"(?:\s+(?:was|were)\s+(?:started|initiated|given|administered|begun|commenced|instituted))?\s*(?:[:(\u2013-]|,?\s*(?:namely|"
    r"including|i\.e\.,?|with|such as)\b)\s*(?:(?:a|the)\s+)?(?:combination\s+(?:therapy\s+)?(?:of|with)\s+)?"
    r"(?:both\s+)?", re.I)
# between two drugs of a list: the first one's dosage in brackets or written out ("A 1 g 12/12 h, B 500 mg 8/8 h")
_LIST_LINK = re.compile(r"\s*(?:\([^()]{0,80}\))?" + _DOSE_OF_LAST.pattern + r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)


def _list_route(text: str, drug: Mention, routes: ByStart, drugs: ByStart,
                classes: ByStart | None = None) -> Mention | None:
    """The route written once before the first drug of a list ("received intravenous A (...), B (...), and C"), or
    before a class word the list (or one drug) spells out ("IV antibiotics: a combination of A, B and C"): each drug
    of the list is given by it, when the list's links hold only their dosages in brackets and no member has a route
    of its own."""
    if (drug.norm or drug.text).lower() in _inhaled_only():
        return None  # "intravenous A, B and sevoflurane": an inhaled anaesthetic keeps its own route
    cur, first = drug, None
    for _ in range(12):  # back to the list's first drug
        prev = next(iter(drugs.ending_in(cur.start - 90, cur.start)[-1:]), None)
        if prev is None or not _LIST_LINK.fullmatch(text, prev.end, cur.start):
            break
        first = cur = prev
    head = first or drug
    # "IV antibiotics: a combination of A, B and C": the route of the class word the list spells out
    cls = next(iter(classes.ending_in(head.start - 45, head.start)[-1:]), None) if classes is not None else None
    if cls is not None and _CLASS_TO_LIST.fullmatch(text, cls.end, head.start):
        first = cls
    if first is None:
        return None
    before = next(iter(routes.ending_in(first.start - 40, first.start)[-1:]), None)
    gap = _CLASS_ROUTE_GAP if first is cls else _LIST_ROUTE_GAP
    if before is None or not gap.fullmatch(text, before.end, first.start):
        return None  # "intravenous 0.9% saline and X": the route of the solution named with its strength
    # a list that goes on before the route ("A, B, oral C, and D") or two routes ("PO and IV A, B"): not the list's
    earlier = next(iter(drugs.ending_in(before.start - 90, before.start)[-1:]), None)
    if earlier is not None and _LIST_LINK.fullmatch(text, earlier.end, before.start) or \
            routes.ending_in(before.start - 12, before.start):
        return None
    # a route written again inside the list is each member's own ("A, oral B and C": C's is not told)
    inside = routes.window(first.end, drug.start)
    return None if inside else before


# between a route and the drug after it: nothing, "of", or the strength of a solution ("intravenous 0.9% saline")
_ROUTE_BEFORE_GAP = re.compile(r"[\s-]*(?:of\s+)?(?:\d+(?:\.\d+)?\s?%\s+)?")
_ROUTE_GAP_OTHER = re.compile(r"[^\s\-of\d.%]")  # a character no _ROUTE_BEFORE_GAP holds
_DASHES = re.compile(r"[\s-]*")
# a route adjective opening another coordinated noun phrase qualifies that noun, not the drug before it:
# "allopurinol 300 mg daily and intravenous hydration"
_QUALIFIES_NEXT = re.compile(r"\b(?:and|plus|with)\s+$", re.I)


_PARENS_AFTER = re.compile(r"\s*\([^()]{3,160}\)")
def _regimen_name(text: str, d: Mention, regimens: ByStart) -> str | None:
    """The named regimen a drug mention is given under: its own ("R-CHOP" read as rituximab), or the regimen
    whose parenthesised list names it ("R-CHOP (rituximab 375 mg/m2, ...)")."""
    if d.attrs.get("regimen"):
        return str(d.attrs["regimen"])
    host = _regimen_host(text, d, regimens)
    return str(host.attrs["regimen"]) if host is not None else None


def _regimen_host(text: str, d: Mention, regimens: ByStart) -> Mention | None:
    """The first regimen whose parenthesised list runs on to the drug (_IN_REGIMEN_LIST). That list opens with the
    last bracket at most 161 characters before the drug, and only white space and a word such as "regimen" stand
    between the regimen's name and it; a regimen ending further back is read only past such a long white space."""
    opened = max(text.rfind("(", max(0, d.start - 161), d.start), text.rfind(")", max(0, d.start - 161), d.start))
    if opened < 0 or text[opened] != "(":
        return None
    far = not _REGIMEN_GAP_CHARS.search(text, max(0, opened - 40), opened)
    near = regimens.items if far else regimens.ending_in(opened - 40, opened)
    return next((x for x in near if x.end <= d.start and _IN_REGIMEN_LIST.fullmatch(text, x.end, d.start)), None)


_REGIMEN_GAP_CHARS = re.compile(r"[^\s]")  # (a cheap check: any other character ends the white space)


# from a regimen's name into the parenthesised list of its drugs: "R-CHOP (rituximab 375 mg/m2, ..."
_IN_REGIMEN_LIST = re.compile(r"(?:\s+(?:chemotherapy|regimen|protocol))?\s*\([^()]{0,160}", re.I)
# a drug name that says its route: "intravenous immunoglobulin", "IVIG", "subcutaneous immunoglobulin (SCIG)"
_ROUTE_IN_NAME = {"intravenous": "intravenous", "iv": "intravenous", "ivig": "intravenous", "ivigs": "intravenous",
                  "subcutaneous": "subcutaneous", "scig": "subcutaneous"}


def _timing_after_dose(text: str, dose: Mention, ms: _Mentions) -> Mention | None:
    """The frequency right after a dose, past its route only ("100 mg subcutaneously every 6 hours")."""
    for f in ms.index(ms.freqs).window(dose.end, dose.end + 41):
        gap = list(text[dose.end:f.start])
        for r in ms.index(ms.routes).within(dose.end, f.start):
            gap[r.start - dose.end:r.end - dose.end] = " " * (r.end - r.start)
        return f if not "".join(gap).strip(" ,") else None
    return None
