"""The event an amount of time is counted from ("2 weeks after the surgery", "three months after starting
prednisone", "10 days after discharge", "5 days post-transplant").

The timeline counts such an amount from the story's current time, which is right when the event was the
last thing told. When the story has moved on since (or the event was told as history), the amount counts
from the event itself: its words are matched to an earlier sentence of the story that told it (the first
mention of a drug for its start, of a condition for its diagnosis, the last discharge for "after discharge",
the last sentence naming the procedure for "after the surgery"). Nothing is resolved when the text does not
name one earlier event clearly: a later dose or course ("after the last dose", "after the second cycle",
"after resumption") is not the first mention, and the caller then keeps the current time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from casecourse.assembly.positions import ByType
from casecourse.model import Mention
from casecourse.reading.pipeline import Reading
from casecourse.reading.zoning import PATIENT_ZONES

# the signal word right after the amount ("two weeks after", "5 days post-transplant", "two weeks from", "at the
# time of")
_SIGNAL = re.compile(r"\b(?:after|following|from|since)\s+|\bpost-?(?=[a-z])|(?<=\btime )of\s+", re.I)
_UNIT_NEXT = re.compile(r"(?:day|night|morning|evening|afternoon|week|month|year|hour|minute|decade)s?\b", re.I)
# the anchor noun phrase ends at a clause boundary
_CUT = re.compile(r"[,.;:()\[\]]|\s(?:and|or|with|when|while|who|which|that|he|she|they|was|were|is|are|had|has|"
                  r"have|did|in|at|on|for|as|because|due|but|then|until|we|our)\b", re.I)
# not the first time the event happened: a later dose, course or repetition of it
_NOT_FIRST = re.compile(r"\b(?:last|final|latest|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|another|"
                        r"repeat\w*|re-?(?:start|initiat|admi|operat|sum|introduc|challeng|currenc|lapse)\w*|"
                        r"discontinu\w*|cessation|stop\w*|withdraw\w*|complet\w*|end|finish\w*|tapering|"
                        r"each|every|subsequent|next|previous|prior)\b", re.I)
_SUFFIXES = ("ations", "ation", "ated", "ating", "ions", "ion", "ings", "ing", "ed", "es", "al", "s")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_FILLER = frozenset("the his her their its this that a an of to into initial first start starting started "
                    "initiation initiating beginning commencement switch switching administration "
                    "onset day days".split())
# a generic name of an operation and the words that tell an operation was done
_GENERIC_OP = frozenset("surgery operation procedure intervention surgical operative operatively op".split())
_OP_WORD = re.compile(r"\b(?:surg\w*|operat\w*|procedure|resect\w*|transplant\w*|implant\w*|\w+ectom\w*|"
                      r"\w+otom\w*|\w+ostom\w*|\w+plast\w*|repair\w*|amputat\w*)\b", re.I)
_OP_DONE = re.compile(r"\b(?:underw[eo]nt|undergo\w*|performed|operated|was done|were done|taken to|"
                      r"treated surgically|received|successful\w*)\b", re.I)
# words too common to name one event of the story ("after symptom onset", "after the treatment")
_GENERIC = frozenset("symptom symptoms treatment treatments therapy therapies illness disease episode event "
                     "admission admitting admitted hospitalization hospitalisation presentation hospital it".split())
_FIRST = re.compile(r"\b(?:first|initial)\b", re.I)
_ONSET = re.compile(r"\b(?:onset|start\w*|beginning|first|initial)\b", re.I)
_PAST = re.compile(r"\b(?:previous(?:ly)?|prior|history|past|ago|earlier)\b", re.I)
_MENTION_TYPES = ("drug", "drug_class", "therapy", "condition", "finding")


@lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A word's first 6 letters after a common ending is dropped ("stenting", "stented" -> "stent")."""
    w = w.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[:-len(suffix)]
            break
    return w[:6]


@dataclass
class EventIndex:
    """Where the story told its events: sentences of each drug/condition/finding (by norm) and of each
    discharge, built once per reading; the words of a sentence are read only when a phrase needs them."""

    reading: Reading
    by_norm: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    discharges: list[int] = field(default_factory=list)
    admissions: list[int] = field(default_factory=list)  # sentences telling an admission or a readmission
    named: dict[int, list[Mention]] = field(default_factory=dict)  # sentence -> its drugs, conditions, findings
    _story: set[int] | None = None  # sentences of the patient's story (not the introduction), when first asked
    # sentences of figure legends (set by the timeline): an image's "after the procedure" is no event of the story to
    # count from (timeqa13)
    legends: frozenset[int] = frozenset()
    _words: dict[int, frozenset[str]] = field(default_factory=dict)
    # sentences whose named mentions are the story told as it goes (zone "narrative"), not a summary of it
    narrative: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, reading: Reading, types: ByType | None = None) -> EventIndex:
        """(`types`: the reading's mentions by type, when the caller has them.)"""
        if types is None:
            types = ByType(reading.mentions)
        idx = cls(reading)
        si, sents = 0, reading.sentences
        for m in types.of(*_MENTION_TYPES, "event"):  # (the loop reads no other)
            named = m.type in _MENTION_TYPES and m.norm
            if m.zone not in PATIENT_ZONES or not named and m.type != "event":
                continue
            while si < len(sents) and sents[si][1] <= m.start:
                si += 1
            if named:
                idx.by_norm.setdefault((_kind(m.type), m.norm.lower()), []).append(si)
                if m.zone == "narrative":
                    idx.narrative.add(si)
                idx.named.setdefault(si, []).append(m)
            elif m.type == "event" and m.norm == "discharge" and m.attrs.get("role") == "occurrence":
                idx.discharges.append(si)
            elif m.type == "event" and m.norm in ("admission", "readmission") and m.attrs.get("role") == "occurrence":
                idx.admissions.append(si)
        return idx

    def in_story(self, si: int) -> bool:
        if self._story is None:
            self._story = set()
            zi, zones = 0, self.reading.zones
            for j, (start, _) in enumerate(self.reading.sentences):
                while zi < len(zones) and zones[zi].end <= start:
                    zi += 1
                if zi < len(zones) and zones[zi].start <= start and zones[zi].zone in PATIENT_ZONES:
                    self._story.add(j)
        return si in self._story and si not in self.legends

    def words(self, si: int) -> frozenset[str]:
        if si not in self._words:
            s, e = self.reading.sentences[si]
            self._words[si] = frozenset(_stem(w) for w in _WORD.findall(self.reading.text[s:e]))
        return self._words[si]


def _kind(mention_type: str) -> str:
    return "drug" if mention_type in ("drug", "drug_class", "therapy") else mention_type


@dataclass
class Anchor:
    sentence: int  # the earlier sentence that told the event
    label: str  # what the time is counted from, for TimeRef.anchor ("start of prednisone", "discharge")
    pos: int | None = None  # where in that sentence it is told, when that matters (a readmission)
    # a drug's stop told by its length ("X was discontinued after two days"): counted from the drug's start, it moves
    # the story only forward (left13)
    stop: bool = False


def anchor_phrase(text: str, tx: Mention, sentence_end: int) -> tuple[int, int] | None:
    """The span of the event named right after an amount ("after [the switch to micafungin]")."""
    m = next((m for m in _SIGNAL.finditer(text, tx.start, min(sentence_end, tx.end + 12))
              if not _UNIT_NEXT.match(text, m.end())), None)  # "the following year" is the amount itself
    if m is None or m.start() > tx.end + 2:
        return None
    start = m.end()
    cut = _CUT.search(text, start, min(sentence_end, start + 60))
    end = cut.start() if cut else min(sentence_end, start + 60)
    return (start, end) if end > start else None


def told_before(idx: EventIndex, i: int, tx: Mention) -> bool:
    """Whether a sentence of the story before sentence `i` names a word of the event the amount `tx` counts from
    ("three months after the renal transplant" after "underwent renal transplantation"), found or not by
    `find_anchor`; True when no event is named."""
    text = idx.reading.text
    span = anchor_phrase(text, tx, idx.reading.sentences[i][1])
    if span is None:
        return True
    stems = {_stem(w) for w in _WORD.findall(text[span[0]:span[1]])
             if w.lower() not in _FILLER and w.lower() not in _GENERIC and (len(w) > 3 or w.isupper() and len(w) > 1)}
    return not stems or any(idx.in_story(j) and stems & idx.words(j) for j in range(i))


def find_anchor(idx: EventIndex, i: int, tx: Mention, asides: set[int], day_count: bool = False) -> Anchor | None:
    """The earlier sentence (before sentence `i`) that told the event the amount `tx` counts from.

    "After the surgery" without a name is the last operation the story itself told as done: not one
    of the history told in passing (`asides`, "previous surgeries", "a history of ...")."""
    text = idx.reading.text
    if _OF_TREATMENT.match(text, tx.end):
        return _the_one_drug(idx, i, tx)
    if (stopped := _drug_stopped_after(idx, i, tx)) is not None:
        return stopped
    span = anchor_phrase(text, tx, idx.reading.sentences[i][1])
    if span is None:
        return None
    phrase = text[span[0]:span[1]]
    if _NOT_FIRST.search(phrase):
        return None
    named = [m for m in idx.named.get(i, []) if span[0] <= m.start < span[1] and m.type in _MENTION_TYPES and m.norm]
    if named:
        return _named(idx, i, named[0], phrase)
    words = [w for w in _WORD.findall(phrase) if w.lower() not in _FILLER][:3]
    if not words or all(w.lower() in _GENERIC for w in words):
        return None
    lower = [w.lower() for w in words]
    if lower in (["discharge"], ["hospital", "discharge"]):
        last = next((j for j in reversed(idx.discharges) if j < i), None)
        if last is None or any(last < k < i for k in idx.admissions):
            return None  # "... at the time of discharge" in a later stay: its own discharge, not yet told
        return Anchor(last, "discharge")
    first = _FIRST.search(phrase) is not None
    order = range(i) if first else range(i - 1, -1, -1)
    if len(words) == 1 and lower[0] in _GENERIC_OP:
        if day_count:
            return None  # "postoperative day 5": the stay's operation, counted from day 0 as before
        for j in order:  # the last (or first) operation the story told as done
            s, e = idx.reading.sentences[j]
            if idx.in_story(j) and j not in asides and _OP_WORD.search(text, s, e) and _OP_DONE.search(text, s, e) \
                    and not _PAST.search(text, s, e):
                return Anchor(j, "surgery")
        return None
    stems = {_stem(w) for w in words}
    for j in order:  # the last (or first) sentence that names the event in the same words
        if idx.in_story(j) and stems <= idx.words(j):
            return Anchor(j, " ".join(lower))
    return None


# a drug's course told stopped after a length: "Vancomycin was discontinued after two days", "X and Y were stopped
# after 5 days" (not "All drugs except X were stopped after a year": the drug must open its clause)
_STOPPED_AFTER_LENGTH = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:(?:which|that)\s+)?(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:\w+ly\s+)?(?:stopped|discontinued|ceased|withdrawn|tapered\s+off|weaned\s+off)\s+after\s+"
    r"(?:a\s+total\s+of\s+|only\s+|about\s+|approximately\s+)?", re.I)
_CLAUSE_OPEN = re.compile(r"(?:^|[.;:]\s+|,\s+|\band\s+|\bthen\s+)(?:(?:the|his|her|intravenous|oral|IV|empirical|"
                          r"empiric)\s+)*$", re.I)


def _drug_stopped_after(idx: EventIndex, i: int, tx: Mention) -> Anchor | None:
    """ "Vancomycin was discontinued after two days": the stop is that long after the drug's start, its first mention
    in the story before sentence `i`; None when the story names it first here (counted from the story's time)."""
    if tx.attrs.get("rel_anchor") != "previous" or tx.attrs.get("day_count"):
        return None
    text, s0 = idx.reading.text, idx.reading.sentences[i][0]
    drugs = [d for d in idx.named.get(i, []) if _kind(d.type) == "drug" and d.norm and s0 <= d.end <= tx.start]
    if not drugs:
        return None
    d = max(drugs, key=lambda m: m.end)
    if not _STOPPED_AFTER_LENGTH.fullmatch(text, d.end, tx.start):
        return None
    first = min(drugs, key=lambda m: m.start)  # "X and Y were stopped ...": the list opens the clause
    if not _CLAUSE_OPEN.search(text[s0:first.start]):
        return None
    told = _drug_told(idx, str(d.norm).lower(), i)
    return Anchor(told[0], f"start of {d.norm}", stop=True) if told else None


_OF_TREATMENT = re.compile(r"\s+of\s+(?:(?:the|this|that|such|her|his)\s+)?(?:treatment|therapy)\b", re.I)


def _the_one_drug(idx: EventIndex, i: int, tx: Mention) -> Anchor | None:
    """ "Tocilizumab, which was discontinued after 12 months of treatment": the treatment is the one drug the sentence
    names before the amount, counted from its first mention (its start); None when it names none or several."""
    s0 = idx.reading.sentences[i][0]
    drugs = {str(d.norm).lower() for d in idx.named.get(i, [])
             if _kind(d.type) == "drug" and d.norm and s0 <= d.start < tx.start}
    if len(drugs) != 1:
        return None
    name = drugs.pop()
    told = _drug_told(idx, name, i)
    return Anchor(told[0], f"start of {name}") if told else None


def _drug_told(idx: EventIndex, name: str, i: int) -> list[int]:
    """The sentences before sentence `i` that name the drug, where its start is: in the story told as it goes when it
    names the drug there (a summary's "after long treatment with X" before it is no start), none when the story names
    it first in sentence `i` itself ("she was treated with X, but after 2 days of treatment ...": counted from the
    story's time) (left13)."""
    told = [j for j in idx.by_norm.get(("drug", name), []) if j < i and j not in idx.legends]
    if i in idx.narrative and any(j not in idx.narrative for j in told):
        story = [j for j in told if j in idx.narrative]
        if story or i in idx.by_norm.get(("drug", name), []):
            return story
    return told


def _named(idx: EventIndex, i: int, m: Mention, phrase: str) -> Anchor | None:
    """A drug's start and a condition's diagnosis are their first mention; a generic therapy ("the
    chemotherapy") or a finding ("the bleeding") is the last one told, unless the phrase says its onset."""
    kind = _kind(m.type)
    if all(w.lower() in _GENERIC for w in _WORD.findall(str(m.norm))):
        return None  # "after symptom onset": not one event
    told = _drug_told(idx, str(m.norm).lower(), i) if kind == "drug" else \
        [j for j in idx.by_norm.get((kind, str(m.norm).lower()), []) if j < i and j not in idx.legends]
    if not told:
        return None
    first = m.type in ("drug", "condition") or _ONSET.search(phrase) is not None
    what = {"drug": "start of", "condition": "diagnosis of"}.get(kind, "onset of")
    if first and kind not in ("drug", "condition"):
        # "admitted within 3 h of the first occurrence of fever" after a discharge: the onset of this episode (told
        # since the last discharge), not of the first stay's fever (timeqa13)
        last_out = next((j for j in reversed(idx.discharges) if j < i), None)
        if last_out is not None and told[0] < last_out:
            told = [j for j in told if j > last_out] or told
    return Anchor(told[0], f"{what} {m.norm}") if first else Anchor(told[-1], str(m.norm))


# "day 5 of vancomycin", "the third day of his prednisone": the words between a day count and the drug it counts from
_OF_DRUG = re.compile(r"\s+(?:of|on|into)\s+(?:(?:the|his|her|their|a|an|intravenous|oral|IV)\s+)*", re.I)


_CLAUSE_AFTER = re.compile(r"[,;]|\b(?:and|then)\b", re.I)


def day_count_anchor(idx: EventIndex, i: int, tx: Mention, asides: set[int],
                     later_stays: list[tuple[int, int]], in_course: set[int] = frozenset()) -> Anchor | None:
    """The event a day count of sentence `i` counts from when it is not the story's day 0, or None.

    "Postoperative day 2" (or "POD 2") counts from the last operation the story told as done; "day 5 of
    vancomycin" from the drug's first mention (its start); "hospital day 4", "day 3 of admission" or a bare
    "day 6" from the latest later stay (`later_stays`: sentence and position of each readmission, or admission
    after a discharge, the caller found). The first stay is day 0 itself, so a day count of it needs no anchor.
    An operation told on a day of another's course (`in_course`: sentences the caller dated by a day count, "a
    tracheostomy on postoperative day 7") does not restart the count. "Day 5 of treatment" counts from a later
    stay when one was told (its treatment is no older than it), else from day 0 as before: which of the drugs
    told is "the treatment" the words do not say."""
    a = tx.attrs
    if not a.get("day_count") or a.get("rel_direction") != "after":
        return None
    kind = a.get("rel_anchor")
    if kind == "surgery":
        return _last_operation(idx, i, tx.start, asides | in_course)
    if kind in ("previous", "treatment"):
        drug = _drug_after(idx, i, tx)
        if drug is not None:
            return drug
    if kind in ("previous", "admission", "treatment"):  # the treatment of a later stay is no older than the stay
        told = [(j, p) for j, p in later_stays if j < i]  # "readmitted on day 31": the readmission's own day
        if told:
            return Anchor(told[-1][0], "readmission", told[-1][1])
    return None


def _last_operation(idx: EventIndex, i: int, before: int, asides: set[int]) -> Anchor | None:
    """The last operation the story told as done before position `before` of sentence `i` ("He underwent a
    laparotomy, and on postoperative day 2 ..."; not "He underwent a tracheostomy on postoperative day 7", which
    the day count dates)."""
    text = idx.reading.text
    for j in range(i, -1, -1):
        s, e = idx.reading.sentences[j]
        e = min(e, before)
        if not idx.in_story(j) or j in asides or not _OP_DONE.search(text, s, e) or _PAST.search(text, s, e):
            continue
        ops = list(_OP_WORD.finditer(text, s, e))
        if ops and (j < i or _CLAUSE_AFTER.search(text, ops[-1].end(), before)):
            return Anchor(j, "surgery")
    return None


def _drug_after(idx: EventIndex, i: int, tx: Mention) -> Anchor | None:
    """ "Day 5 of vancomycin": the drug named right after the day count, counted from its first mention."""
    m = _OF_DRUG.match(idx.reading.text, tx.end)
    if m is None:
        return None
    drug = next((d for d in idx.named.get(i, []) if d.start == m.end() and _kind(d.type) == "drug" and d.norm), None)
    if drug is None or all(w.lower() in _GENERIC for w in _WORD.findall(str(drug.norm))):
        return None
    told = [j for j in idx.by_norm.get(("drug", str(drug.norm).lower()), []) if j < i]
    return Anchor(told[0], f"start of {drug.norm}") if told else None


# "admission to the intensive care unit": an admission to a unit of the hospital, later than the story's day 0
_UNIT_PHRASE = re.compile(r"(?:(?:his|her|their|the)\s+)?(?:admission|transfer)\s+(?:to|in)\s+(?:the\s+)?(?:\w+\s+)?"
                          r"(?:ICU|PICU|NICU|CCU|intensive\s+care|critical\s+care|high\s+dependency)", re.I)
_TO_UNIT = re.compile(r"\b(?:admitted|transferred|moved|taken|transported|shifted)\b[^.;]{0,40}?\b(?:ICU|PICU|NICU|"
                      r"CCU|intensive\s+care|critical\s+care|high\s+dependency)", re.I)


_UNIT_STAY = re.compile(
    r"\s+of\s+(?:(?:his|her|their|the)\s+)?(?:ICU|PICU|NICU|CCU|intensive\s+care(?:\s+unit)?)\s+stay", re.I)


def unit_admission(idx: EventIndex, i: int, tx: Mention, asides: set[int]) -> Anchor | None:
    """ "2 days after admission to the intensive care unit", "after 1 month of ICU stay": counted from the last sentence
    before `i` that told the patient admitted or transferred to that unit, not from the story's day 0 (the hospital
    admission)."""
    text = idx.reading.text
    end = idx.reading.sentences[i][1]
    m = next((m for m in _SIGNAL.finditer(text, tx.end, min(end, tx.end + 12))), None)
    if (m is None or m.start() > tx.end + 2 or not _UNIT_PHRASE.match(text, m.end())) \
            and not _UNIT_STAY.match(text, tx.end):  # "after 1 month of ICU stay" (timeqa6)
        return None
    for j in range(i - 1, -1, -1):
        s, e = idx.reading.sentences[j]
        if idx.in_story(j) and j not in asides and _TO_UNIT.search(text, s, e):
            return Anchor(j, "unit admission")
    return None


# "9 days after his admission to our facility": our hospital's admission, which in a story that began elsewhere
# ("seen at a local hospital ... transferred to the ICU of our hospital") is later than its day 0 (timeqa7)
_OUR_HOSPITAL = r"(?:our|this)\s+(?:hospital|facility|institution|cent(?:er|re)|clinic|department)"
_OUR_PHRASE = re.compile(
    rf"(?:(?:his|her|their|the)\s+)?(?:admission|transfer|presentation)\s+(?:to|at|in)\s+{_OUR_HOSPITAL}", re.I)
_TO_OURS = re.compile(
    rf"\b(?:admitted|transferred|referred|presented|came|brought)\b[^.;]{{0,60}}?\b{_OUR_HOSPITAL}", re.I)


def our_admission(idx: EventIndex, i: int, tx: Mention, asides: set[int]) -> Anchor | None:
    """ "N days after his admission to our hospital": counted from the last sentence before `i` that told the patient
    admitted, transferred or referred to our hospital (the story's day 0 when that is where it began)."""
    text = idx.reading.text
    end = idx.reading.sentences[i][1]
    m = next((m for m in _SIGNAL.finditer(text, tx.end, min(end, tx.end + 12))), None)
    if m is None or m.start() > tx.end + 2 or not _OUR_PHRASE.match(text, m.end()):
        return None
    for j in range(i - 1, -1, -1):
        s, e = idx.reading.sentences[j]
        if idx.in_story(j) and j not in asides and _TO_OURS.search(text, s, e):
            return Anchor(j, "admission to our hospital")
    return None

