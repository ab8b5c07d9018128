"""Therapeutic procedures of the course from `procedure` mentions (reading/procedures.py), sentence by sentence.

Each procedure takes its sentence's time (assembly/timeline.py, the same clock as every other fact), its mention's
assertion and its span. Its status follows FHIR Procedure.status: `not-done` where the text denies it ("did not
require dialysis"), `preparation` where it is only planned or considered ("was listed for transplantation"),
`completed` otherwise. A stated length ("CRRT for 10 days", "5 days of mechanical ventilation") gives its end, and a
stated number its sessions ("five sessions of plasma exchange"). Its reason is a diagnosis or finding the clause
names after a cause word ("splenectomy for refractory ITP", "dialysis due to acute kidney injury") or before a word
of need ("acute kidney injury requiring dialysis").

Continuous support (dialysis, ventilation, ECMO, apheresis) told again later is the same course of it: the later
mention extends its end to that time, a denial afterwards ("no longer required dialysis") ends it there, and an
extubation ends the mechanical ventilation before it. An operation told twice at one time is one procedure.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.assembly.exposures import provenance
from casecourse.assembly.respectively import paired_time, placed_times
from casecourse.assembly.timeline import SentenceTime, days_after, place_one
from casecourse.knowledge import table
from casecourse.model import Assertion, Coding, Mention, Procedure, SourceSpan, TimeRef

SNOMED = "http://snomed.info/sct"
# supports that run for a time: a later mention extends (or, "was discontinued", ends) the course told before; an
# intra-aortic balloon pump or an assist device runs as ECMO does ("IABP was discontinued the day after": docqa10)
_CONTINUOUS = frozenset({"dialysis", "ventilation", "ecmo", "apheresis", "circulatory support"})
_NOT_DONE = frozenset({Assertion.negated, Assertion.ruled_out})
_PLANNED = frozenset({Assertion.hypothetical, Assertion.suspected})
# between a procedure and its reason after it; between a reason and the procedure after it
_CAUSE_AFTER = re.compile(
    r"^\s*(?:(?:was|were)\s+(?:performed|done|started|initiated|given|required|needed)\s+)?"
    r"(?:for|due to|because of|owing to|to treat|to manage|in view of|as (?:a )?treatment (?:for|of))"
    r"\s+(?:(?:the|her|his|their|an?|a suspected|presumed|persistent|refractory|severe)\s+)*$", re.I)
_NEED_BEFORE = re.compile(
    r"^\s*(?:,\s*)?(?:which\s+|that\s+)?(?:requir\w*|necessitat\w*|need\w*|treated (?:with|by)|managed (?:with|by))"
    r"\s+(?:(?:urgent|emergency|emergent|an?|the|immediate|prompt)\s+)*$", re.I)
_REASON_TYPES = frozenset({"condition", "finding"})
# a procedure the sentence says was done, though a negation cue before it governs it ("a laparotomy was performed to
# exclude organ damage, and a colostomy was performed"): done, unless denied right before ("no colostomy was done")
_DONE_AFTER = re.compile(r"\s+(?:was|were)\s+(?:then\s+|also\s+|successfully\s+|subsequently\s+|urgently\s+)?"
                         r"(?:performed|done|carried out|undertaken|placed|inserted|created|initiated|started)\b", re.I)
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|without|nor)\s+(?:\w+[\s-]+){0,2}$", re.I)
# a procedure the sentence denies right after it ("a thymectomy was not performed", "platelet transfusion was not
# given", "thymectomy is not planned", "splenectomy has not been required"): not done. medspaCy's forward "was not" wins
# over a backward cue there, so the denial is read here (documents QA round docqa7)
_DENIED_AFTER = re.compile(
    # (its short form in brackets may come first: "choledochoenterostomy (CDE) was not attempted")
    r"(?:\s*\([A-Za-z0-9-]{2,10}\))?\s+(?:was|were|is|are|has|have|had|will|would)\s+(?:then\s+|therefore\s+|also\s+|thus\s+|so\s+)?"
    r"(?:not|never)\s+(?:be\s+|been\s+)?(?:yet\s+)?(?:performed|done|carried\s+out|undertaken|given|planned|"
    r"indicated|attempted|pursued|offered|required|needed|necessary|recommended|administered|started|initiated|"
    r"feasible|possible)\b(?!\s+(?:until|till)\b)", re.I)
# between a procedure and its own time right after it: "extubated on day 9", "splenectomy in March 2015"
# (or its date in brackets, as a history list writes it: "Cholecystectomy (2008)", "appendicectomy (in 1999)")
_FROM_GAP = re.compile(r"\s*,?\s*from\s+(?:the\s+)?", re.I)
_TO_GAP = re.compile(r"\s*(?:to|through|till|until|[-\u2013])\s*", re.I)
# the aside dating a counted series' last session: "..., the last on 10 May" (docqa8)
_SERIES_LAST = re.compile(r",\s*(?:the|its|her|his|their)\s+(?:last|final)(?:\s+(?:one|session|exchange|run|"
                          r"treatment)s?)?\s+(?:on|at)\s+\Z", re.I)
# a support's start told (a decided one is done there): "was placed on / connected to ECMO", "underwent LVAD
# implantation", "implantation of the LVAD", "ECMO was initiated", "the LVAD was implanted" (left13)
_STARTED_BEFORE = re.compile(
    r"\b(?:underw[eo]nt|(?:was|were)\s+(?:then\s+|subsequently\s+|successfully\s+)?(?:started|initiated|placed|put|"
    r"connected|commenced|cannulated|established)\s+(?:on|to|with)|(?:implantation|insertion|initiation|placement|"
    r"institution|establishment)\s+of|(?:started|initiated|commenced|instituted|established|implanted|inserted|placed)"
    r")\s+(?:(?:an?|the|his|her|a\s+\w+)\s+)?(?:\S+\s+){0,2}$", re.I)
_STARTED_AFTER = re.compile(
    r"(?:\s*\([^()]{1,20}\))?\s+(?:(?:was|were)\s+(?:then\s+|subsequently\s+|successfully\s+)?(?:started|initiated|"
    r"established|inserted|implanted|placed|commenced|instituted)\b|(?:implantation|insertion|cannulation|placement|"
    r"initiation)\b)", re.I)
# a second one of the same name, not the one decided: "a second laparotomy", "repeat PCI", "another transfusion"
_ANOTHER_BEFORE = re.compile(r"\b(?:second|third|repeat(?:ed)?|another|further|new|redo|re-?)[\s-]+(?:\S+\s+)?$", re.I)
# a range told before a procedure given along with the treatment of that range: "six pulses of X between 15/02/2020
# and 05/05/2020, together with seven sessions of plasma exchange" (left16): the procedure began with the range
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)
_RANGE_AND = re.compile(r"\s*(?:and|to|through|till|until|[-\u2013])\s*", re.I)
_ALONG_WITH = re.compile(r"\s*,?\s*(?:together\s+with|along\s+with|alongside|in\s+combination\s+with|combined\s+with)"
                         r"\s+(?:[\w-]+\s+){0,4}$", re.I)
_OWN_TIME_GAP = re.compile(r"^\s*,?\s*(?:(?:was|were)\s+(?:performed|done|started|initiated)\s+)?(?:on|in|at)\s+"
                           r"(?:the\s+)?$|^\s*\(\s*(?:in\s+)?$", re.I)


@cache
def _codes() -> dict[str, tuple[str, str]]:
    """procedure name -> (SNOMED CT id, display) where procedures.csv gives one."""
    return {r["name"]: (r["snomed"], r["snomed_display"]) for r in table("procedures.csv") if r.get("snomed")}


@cache
def _generic() -> frozenset[str]:
    """Words of an operation not saying which (knowledge/generic_operations.csv)."""
    return frozenset(r["written"] for r in table("generic_operations.csv"))


def _unnamed(p: Procedure) -> bool:
    return p.category == "surgery" and (p.text or p.name).lower() in _generic()


_DATED = ("stated", "estimated")  # a calendar date as written (estimated: its day-month order not settled)


def _same_operation(generic: Procedure, named: Procedure) -> bool:
    """Whether an unnamed operation is the named one: both done on the calendar day the text states for the named one
    (not a day of the story's relative axis, where most mentions share day 0)."""
    return generic.status == named.status == "completed" and generic.time.precision == named.time.precision == "day" \
        and named.time.derivation in _DATED and generic.time.derivation in (*_DATED, "carried") \
        and generic.time.point is not None and generic.time.point == named.time.point


def _order(t: TimeRef) -> tuple[int, float | str] | None:
    """A sort key of a known time: story offsets and calendar dates are each comparable among themselves."""
    if t.offset_days is not None:
        return (0, t.offset_days[0])
    day = t.point or t.earliest
    return (1, day) if day else None


def _later(a: TimeRef, b: TimeRef | None) -> bool:
    """Whether `a` lies after `b` on the same clock (an unknown `b` counts as earlier)."""
    ka = _order(a)
    if ka is None:
        return False
    kb = _order(b) if b is not None else None
    return kb is None or (ka[0] == kb[0] and ka[1] > kb[1])  # type: ignore[operator]


class ProcedureBuilder:
    """Accumulates the procedures of one story."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.procedures: list[Procedure] = []
        self._seen: dict[tuple, Procedure] = {}
        # the continuous supports opened by a summary's mention ("we report a patient who ... underwent LVAD
        # insertion"): undated there, the story's own mention dates them (docqa13)
        self._summary_opened: set[str] = set()
        # the procedures a decision told ("it was decided to perform an LVAD implantation"): a later sentence telling
        # the same one done dates it there (left13)
        self._decided: set[str] = set()

    def sentence(self, sent: tuple[int, int], mentions: list[Mention], st: SentenceTime) -> None:
        paired = self._respectively(sent, mentions, st)
        for i, m in enumerate(mentions):
            if m.type == "procedure" and m.assertion != Assertion.family:
                when = st.at(m.start)
                if id(m) in paired:  # "a laparotomy and a splenectomy on days 2 and 6, respectively" (left13)
                    self._add(m, sent, paired[id(m)], mentions, i)
                    continue
                span = self._own_range(m, mentions, i, when) or self._range_along(m, mentions, i, when)
                if span is not None and span[1] is None:
                    self._add(m, sent, span[0], mentions, i)
                elif span is not None:
                    self._add(m, sent, span[0], mentions, i, end=span[1])
                else:
                    own = self._own_time(m, mentions, i, when)
                    if m.attrs.get("before_told") and own is when:
                        own = TimeRef(derivation="unknown")  # "status post cholecystectomy": before, when not told
                    self._add(m, sent, own, mentions, i)

    def _respectively(self, sent: tuple[int, int], ms: list[Mention], st: SentenceTime) -> dict[int, TimeRef]:
        """The procedures of a list paired with a list of times by "respectively", each with its time (by id)."""
        if "respectively" not in self.text[sent[0]:sent[1]].lower():
            return {}
        times = placed_times(st, ms, sent)
        procs = [x for x in ms if x.type == "procedure"]
        out = {}
        for m in procs:
            if (t := paired_time(self.text, sent, procs, m, times)) is not None:
                out[id(m)] = t
        return out

    def _own_range(self, m: Mention, ms: list[Mention], i: int,
                   sentence_time: TimeRef) -> tuple[TimeRef, TimeRef] | None:
        """The two calendar dates of "X from DATE to DATE" written right after a procedure ("continuous venovenous
        haemofiltration from 03/09/2025 to 06/09/2025": documents QA round docqa5), placed on the calendar."""
        dates = [x for x in ms[i + 1:i + 4] if x.type == "date" and x.attrs.get("kind") == "absolute"]
        if len(dates) < 2 or dates[0].start - m.end > 12 or not _FROM_GAP.fullmatch(self.text, m.end, dates[0].start) \
                or not _TO_GAP.fullmatch(self.text, dates[0].end, dates[1].start):
            return None
        start, end = place_one(dates[0], sentence_time), place_one(dates[1], sentence_time)
        return (start, end) if start is not None and end is not None else None

    def _range_along(self, m: Mention, ms: list[Mention], i: int,
                     sentence_time: TimeRef) -> tuple[TimeRef, None] | None:
        """A procedure given along with the treatment of a range of dates told right before it ("..., six pulses
        between 15/02/2020 and 05/05/2020, together with seven sessions of plasma exchange"): it began at the
        range's first date (its end the text does not give: the sessions need not have lasted the range)."""
        dates = [x for x in ms[:i] if x.type == "date" and x.attrs.get("kind") == "absolute"][-2:]
        if len(dates) < 2 or not _ALONG_WITH.fullmatch(self.text, dates[1].end, m.start) or \
                not _RANGE_AND.fullmatch(self.text, dates[0].end, dates[1].start) or \
                not _RANGE_OPEN.search(self.text, max(0, dates[0].start - 15), dates[0].start):
            return None
        start = place_one(dates[0], sentence_time)
        return (start, None) if start is not None else None

    def finish(self) -> list[Procedure]:
        """The procedures, an unnamed operation told on the day of a named one merged into it."""
        named = [p for p in self.procedures if p.category == "surgery" and not _unnamed(p)]
        kept = []
        for p in self.procedures:
            same = next((n for n in named if _same_operation(p, n)), None) if _unnamed(p) else None
            if same is None:
                kept.append(p)
                continue
            spans = {s.start for s in same.provenance.spans}
            same.provenance.spans.extend(s for s in p.provenance.spans if s.start not in spans)
        return kept  # (ids stay as given: a length's end names its procedure by id)

    def _own_time(self, m: Mention, ms: list[Mention], i: int, sentence_time: TimeRef) -> TimeRef:
        """The procedure's own date or stay day written right after it ("... and extubated on day 9"), else the
        sentence's time. A day of the stay counts from day 0 only on the story's relative axis (no calendar date)."""
        for x in ms[i + 1:]:
            if x.start - m.end > 25:
                break
            if x.type not in ("date", "time") or not _OWN_TIME_GAP.match(self.text[m.end:x.start]):
                continue
            if x.attrs.get("kind") == "absolute":
                return place_one(x, sentence_time) or sentence_time
            lo, hi = x.attrs.get("rel_amount_min"), x.attrs.get("rel_amount_max")
            if x.attrs.get("day_count") and isinstance(lo, int | float) and not (
                    sentence_time.point or sentence_time.earliest):
                return TimeRef(offset_days=(float(lo), float(hi if isinstance(hi, int | float) else lo)),
                               derivation="relative", precision="day", text=x.text, anchor="day0")
            break
        return sentence_time

    def _series_last(self, m: Mention, ms: list[Mention], i: int, sent: tuple[int, int],
                     when: TimeRef) -> TimeRef | None:
        """The date of the last session of a counted series, told in an aside of the same sentence after it ("plasma
        exchange was started on D1 and she received nine sessions, the last on D2") (docqa8)."""
        for x in ms[i + 1:]:
            if x.start >= sent[1] or x.start - m.end > 150:
                break
            if x.type == "date" and x.attrs.get("kind") == "absolute" \
                    and _SERIES_LAST.search(self.text, max(m.end, x.start - 50), x.start):
                last = place_one(x, when)
                return last if last is not None and _later(last, when) else None
        return None

    def _add(self, m: Mention, sent: tuple[int, int], when: TimeRef, ms: list[Mention], i: int,
             end: TimeRef | None = None) -> None:
        """The procedure `m` at `when` (ending at `end` where its own range says so), or more of one already told."""
        name = m.norm or m.text.lower()
        category = str(m.attrs.get("category") or "")
        assertion = m.assertion
        if assertion == Assertion.negated and _DONE_AFTER.match(self.text, m.end) \
                and not _DENIED_BEFORE.search(self.text, max(sent[0], m.start - 40), m.start):
            assertion = Assertion.present
        if assertion in (Assertion.present, Assertion.historical, Assertion.hypothetical) \
                and _DENIED_AFTER.match(self.text, m.end):
            assertion = Assertion.negated
        if m.attrs.get("planned") and assertion in (Assertion.present, Assertion.historical):
            assertion = Assertion.hypothetical
        if m.attrs.get("declined"):
            assertion = Assertion.negated  # "deemed ineligible for HSCT", "she declined dialysis": not done
        status = "not-done" if assertion in _NOT_DONE else "preparation" if assertion in _PLANNED else "completed"
        if name == "extubation" and status == "completed":  # the tube out: the intubation and ventilation end
            for support in ("mechanical ventilation", "intubation"):
                running = self._open(support)
                if running is not None and running.end is None and _later(when, running.time):
                    running.end = when
        if category in _CONTINUOUS and (running := self._open(name)) is not None:
            if status == "not-done" and _later(when, running.time):
                if running.end is None:
                    running.end = when  # "she no longer required dialysis": it ended by then
                return
            if status == "completed" and m.zone == "narrative" and (
                    running.id in self._summary_opened or running.id in self._decided and _later(when, running.time)
                    and self._start_told(m, sent)):
                self._summary_opened.discard(running.id)
                self._decided.discard(running.id)
                if m.attrs.get("decided"):
                    self._decided.add(running.id)  # a summary's support the story decides on: done where told done
                running.time, running.end = when, end
                self._merge(running, m)
                self._length(running, m, when)
                return
            if status == "completed":
                last = end if end is not None else when
                if _later(last, running.end or running.time):
                    running.end = last
                self._merge(running, m)
                self._length(running, m, when)
                return
        key = (name, status, _order(when))
        if (same := self._seen.get(key)) is not None:
            self._merge(same, m)
            return
        if not when.known and (told := next((p for p in reversed(self.procedures)
                                             if p.name == name and p.status == status), None)) is not None:
            # told again with no time of its own (a figure legend's "angiogram showing the stent", which takes no time
            # from the story: left14): the procedure already told, not a second one
            self._merge(told, m)
            return
        if status == "completed" and m.zone == "narrative" and not _ANOTHER_BEFORE.search(
                self.text, max(sent[0], m.start - 30), m.start) and (decided := next(
                (p for p in self.procedures if p.id in self._decided and p.name == name and _later(when, p.time)),
                None)) is not None:
            # "it was decided to perform a splenectomy" ... "splenectomy was performed on 12 May": done at the telling
            self._decided.discard(decided.id)
            self._seen.pop((name, status, _order(decided.time)), None)
            decided.time = when
            self._seen[key] = decided
            self._merge(decided, m)
            if end is not None:
                decided.end = end
            self._length(decided, m, when)
            return
        proc = Procedure(id=f"procedure-{len(self.procedures) + 1}", name=name, text=" ".join(m.text.split()),
                         category=category or None, assertion=assertion, status=status, time=when,
                         provenance=provenance(self.text, m, sent, "procedures"))
        code = _codes().get(name)
        if code:
            proc.codings = [Coding(system=SNOMED, code=code[0], display=code[1])]
        self._counts(proc, m)
        if end is None and status == "completed" and m.attrs.get("count"):
            end = self._series_last(m, ms, i, sent, when)
        if end is not None and status == "completed":
            proc.end = end
        if status != "not-done":
            self._length(proc, m, when)
        proc.reason = self._reason(m, ms, i)
        self._seen[key] = proc
        self.procedures.append(proc)
        if category in _CONTINUOUS and m.zone == "summary" and status == "completed":
            self._summary_opened.add(proc.id)
        if m.attrs.get("decided") and status == "completed":
            self._decided.add(proc.id)

    def _start_told(self, m: Mention, sent: tuple[int, int]) -> bool:
        """Whether the sentence tells the support's start ("was placed on ECMO", "ECMO was initiated", "implantation
        of the LVAD"), not its running ("on ECMO", "weaned off ECMO", "ECMO flow was 4 L/min")."""
        return _STARTED_BEFORE.search(self.text, max(sent[0], m.start - 40), m.start) is not None \
            or _STARTED_AFTER.match(self.text, m.end, min(sent[1], m.end + 40)) is not None

    def _open(self, name: str) -> Procedure | None:
        """The last done course of this continuous procedure."""
        return next((p for p in reversed(self.procedures) if p.name == name and p.status == "completed"), None)

    def _merge(self, proc: Procedure, m: Mention) -> None:
        """A later mention of the same procedure: its span joins the provenance; a stated count fills a gap."""
        if all(s.start != m.start for s in proc.provenance.spans):
            proc.provenance.spans.append(SourceSpan.model_construct(start=m.start, end=m.end, text=m.text))
        count = m.attrs.get("count")
        if proc.sessions is None or isinstance(count, int) and count > proc.sessions \
                and str(m.attrs.get("count_unit") or "") == (proc.sessions_unit or ""):
            # a later count of the same sessions that is larger tells how many there were by then: "after five
            # daily haemodialysis ... After 15 haemodialysis sessions" (docqa8)
            self._counts(proc, m)

    @staticmethod
    def _length(proc: Procedure, m: Mention, when: TimeRef) -> None:
        """A stated length ends the procedure that long after the time of its mention (no earlier than an end
        already known)."""
        length = m.attrs.get("length_days")
        if isinstance(length, int | float) and when.known:
            end = days_after(when, float(length), f"{length:g} days", anchor=proc.id)
            if proc.end is None or _later(end, proc.end):
                proc.end = end

    @staticmethod
    def _counts(proc: Procedure, m: Mention) -> None:
        count = m.attrs.get("count")
        if isinstance(count, int):
            proc.sessions = count
            proc.sessions_unit = str(m.attrs.get("count_unit") or "") or None

    def _reason(self, m: Mention, ms: list[Mention], i: int) -> str | None:
        """The diagnosis or finding the clause gives as the procedure's reason (module docstring)."""
        for x in ms[i + 1:]:
            if x.start - m.end > 60:
                break
            if x.type in _REASON_TYPES and x.assertion != Assertion.negated \
                    and _CAUSE_AFTER.match(self.text[m.end:x.start]):
                return " ".join(x.text.split())
        for x in reversed(ms[:i]):
            if m.start - x.end > 60:
                break
            if x.type in _REASON_TYPES and x.end <= m.start and x.assertion != Assertion.negated \
                    and _NEED_BEFORE.match(self.text[x.end:m.start]):
                return " ".join(x.text.split())
        return None
