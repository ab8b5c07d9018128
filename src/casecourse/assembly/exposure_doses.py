"""Which dose, route and action belong to which drug: the cue of its clause (`_action`, knowledge/exposure_cues.csv),
switches and class stops, the dose after or before a name, dose sequences and taper steps, doses shared by a list or a
combination product, doses split over the day, and regimens' members. Pure functions of the text and its mentions, for
`exposures.ExposureBuilder`."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache

from casecourse.assembly.exposure_courses import (
    _DOSE_OF_LAST,
    _NAMES_LINK,
    _OWN_DOSE,
    _UNCUED,
    _per_day,
)
from casecourse.assembly.exposure_text import (
    _CLAUSE_BREAK,
    _Blocks,
    _gap_is_filler,
    _inhaled_only,
    _Mentions,
)
from casecourse.assembly.positions import ByStart
from casecourse.knowledge import table
from casecourse.model import (
    Dose,
    DoseSegment,
    Mention,
    Timing,
)
from casecourse.reading.rx_first import anchored
from casecourse.reading.timex_lexicon import alternation


def _same_dose(a: DoseSegment, b: DoseSegment) -> bool:
    """One dose: the same amount and, where both say, the same route and schedule ("40 mg twice daily for 5 days,
    then 40 mg daily" is a dose change)."""
    if not (a.dose and b.dose and a.dose.value == b.dose.value and a.dose.unit == b.dose.unit
            and a.dose.value_high == b.dose.value_high):  # (a taper's 20-60 mg stretch is not its 20 mg end)
        return False
    if a.route and b.route and a.route != b.route:
        return False  # "10 mg intravenously, then 10 mg subcutaneously daily": a switch of route
    ta, tb = a.timing, b.timing
    if ta is None or tb is None or None in (ta.frequency, ta.period_unit, tb.frequency, tb.period_unit):
        return True
    ra, rb = _per_day(ta), _per_day(tb)  # "every 12 hours" and "twice daily" are one schedule
    return ra is None or rb is None or abs(ra - rb) <= 1e-6 * max(ra, rb)


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


# "given" after a drug that a cue before it already governs is a preposition ("because of"), not a dose given
_BECAUSE_GIVEN = re.compile(r"given", re.I)


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
            if action == "swap_out_in" and _kept_by_switch(text, d, right, b):
                return "continue"  # "A, B and C, and then narrowed to C": C goes on (exposure QA, expqa13)
            return "swap-stop" if action == "swap_out_in" else "swap-start"
        if right is not None and _same_span(right, d) and _gap_is_filler(text, b, d.start, inner):
            return "swap-start" if action == "swap_out_in" else "swap-stop"
    before = _UNCUED
    for k in reversed(range(bisect_right(b_of, blocks.before(d.start)), before_hi)):  # the nearest cue before it
        _a, b, act, side = cues[k]
        if side in ("before", "both") and not act.startswith("swap") and _gap_is_filler(text, b, d.start, inner):
            before = act
            break
    for k in range(after_lo, after_hi):  # the nearest cue after the drug
        a, b, act, side = cues[k]
        if side in ("after", "both") and not act.startswith("swap") and _gap_is_filler(text, d.end, a, inner):
            if side == "both" and _opens_clause(text, d, a):
                continue  # "stopped X and started Y": "started" is Y's (exposure QA, expqa6)
            if before != _UNCUED and _BECAUSE_GIVEN.fullmatch(text, a, b):
                break  # "hold X given acute kidney injury": the drug is the verb's, "given" means "because of"
            if before in ("start", "taking") and act in ("increase", "decrease") and _THEN_GAP.search(text, d.end, a):
                break  # "started on X 20 mg daily, tapered to 5 mg by October": started, then changed (`_steps`)
            return act
    if before != _UNCUED:  # else the nearest before it
        return before
    for k in reversed(range(before_lo, before_hi)):  # a later member of the list a swap opens ("changed to A, B, C")
        _a, b, act, _side = cues[k]
        right = drugs.first_from(b)
        if act == "swap_out_in" and right is not None and right.start < d.start and \
                _gap_is_filler(text, b, d.start, inner):
            return "swap-start"
    return _UNCUED  # no cue: the drug named as given


def _kept_by_switch(text: str, d: Mention, right: Mention | None, b: int) -> bool:
    """The drug named right before a switch is the first one named after it: "A and C were narrowed to C", "continued
    with A, B and C, and then narrowed to C". It is kept, not stopped and started again."""
    return right is not None and right.norm == d.norm and right.start - b <= 40 and \
        not re.search(r"[;]|\.\s", text[b:right.start])


def _opens_clause(text: str, d: Mention, a: int) -> bool:
    """Whether the cue at `a` after the drug `d` opens a predicate of its own right after "and" ("we stopped X and
    started Y", "we stopped X and started a therapy with Y"): its subject is the sentence's, not `d`."""
    return _AND_GAP.fullmatch(text, d.end, a) is not None


# a later predicate after the drug's own words: ", tapered to", "and increased to"
_THEN_GAP = re.compile(r",|\band\b", re.I)
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
    r"(?:switched|changed|converted|transitioned|de-?escalated|stepped down|narrowed(?:\s+down)?)\s+(?:over\s+)?to\s+",
    re.I)


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
    r"(?:changed|switched|converted|de-?escalated|narrowed(?:\s+down)?|escalated|broadened)\s+to\s+", re.I)


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


# a drug told as given and then switched in one sentence, the switch told with a word of later order: "she initially
# received X empirically, then was switched to Y", "started on X and later transitioned to Y", "treated with X, which
# was subsequently changed to Y" (exposure QA, expqa14)
# (knowledge/switch_order_words.csv, kind 'later')
_LATER_ORDER = re.compile(r"\b(?:" + "|".join(
    re.escape(r["word"]) for r in table("switch_order_words.csv") if r["kind"] == "later") + r")\b", re.I)


# the switch told as a participle after the clause that gave the drug: "treated with X 1 g TDS, switched to Y on day 4"
_PARTICIPLE_SWITCH = re.compile(r",\s*$")


def _given_then_switched(text: str, d: Mention, cues: list[tuple], inner: ByStart, a_of: list[int],
                         b_of: list[int]) -> int | None:
    """Where the switch of the drug `d` begins when the sentence first tells `d` as given (a start cue right before
    it) and then, with a word of later order, switched to another drug right after it; else None. `d` began at the
    sentence's time, and stopped at the switch, later than it."""
    k = bisect_left(a_of, d.end)
    while k < len(cues) and cues[k][2] != "swap_out_in":
        k += 1
    if k == len(cues) or not _gap_is_filler(text, d.end, cues[k][0], inner) or \
            not (_LATER_ORDER.search(text, d.end, cues[k][0]) or _PARTICIPLE_SWITCH.search(text, d.end, cues[k][0])):
        return None
    for j in reversed(range(bisect_right(b_of, d.start))):
        a, b, act, side = cues[j]
        if b < d.start - 80:
            break
        if act == "ongoing" and text[a:b].lower() == "on" and _ADVERB_ON.search(text, max(0, a - 30), b):
            continue  # "started empirically on X": the start verb's "on", read with its verb below
        on = _ADVERB_ON.match(text, b) if act == "start" else None
        if _gap_is_filler(text, b, d.start, inner) or on is not None and _gap_is_filler(text, on.end(), d.start, inner):
            return cues[k][0] if act == "start" and side in ("before", "both") else None
    return None


# a start verb's adverb of order or manner before its "on": "started empirically on X", "initiated immediately on X"
# (knowledge/switch_order_words.csv, kind 'start_adverb')
_ADVERB_ON = re.compile(r"\s+(?:" + "|".join(
    re.escape(r["word"]) for r in table("switch_order_words.csv") if r["kind"] == "start_adverb") + r")\s+on\b", re.I)


# a class switched as a whole, right after the class word: "antibiotics were (then) changed to ..."
# "the antibiotic regimen was changed to A and B" as "antibiotics were changed to" (expqa9)
_CLASS_SWITCHED = re.compile(r"\s+(?:(?:regimens?|therapy|treatment|coverage)\s+)?(?:was|were|had\s+been)\s+"
                             r"(?:\w+ly\s+|then\s+)?(?:switched|changed|converted|rationali[sz]ed|"
                             r"narrowed(?:\s+down)?|broadened|widened|modified|escalated|de-?escalated|stepped\s+down)\s+to\b",
                             re.I)


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


# "at an approximate dose of D", "at a dose of about D": an approximate amount is still the amount told (docqa9)
_RATE_OF = re.compile(r"\bat\s+(?:an?\s+)?(?:(?:approximate|estimated|starting|initial|maximum|maximal|continuous|"
                      r"infusion|fixed|daily|total|single|weight-based)\s+)?"
                      r"(?:rate|dose|dosage)\s+of\s+(?:(?:approximately|about|around|roughly|~)\s*)?$", re.I)


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
    before = doses.ending_in(drug.start - 30, drug.start)  # ("of" and a route between: "150 mg of intravenous X")
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
            end = _time_of_day_end(text, parts[-1]) or parts[-1].end
            return Mention.model_construct(type="dose", start=m.start, end=end, text=text[m.start:end],
                                           attrs={**m.attrs, "value": total, "value_high": None})
    return None


def _dose_sequence(text: str, first: Mention, ms: _Mentions, drugs: list[Mention], end: int,
                   claimed: set[int]) -> list[Mention]:
    """Doses after a drug's first dose in its sentence, up to the next drug: a taper or a change of dose
    ("70 mg daily for 2 weeks, 60 mg daily for 1 month ..."). A dose in parentheses right after another
    restates it in other units ("840 mg (500 mg/m2)") and is no new dose."""
    drug_ix = ms.index(drugs)
    stop = drug_ix.next_start(first.end, end)
    out: list[Mention] = []
    prev, last_end = first, first.end
    doses = ms.index(ms.doses)
    adjunct = _adjunct_dose_end(text, drug_ix, doses, stop)
    own_adjunct = _is_adjunct(text, drug_ix, first)
    for m in doses.after(bisect_right(doses.starts, first.end)):
        if m.start >= stop:
            if adjunct is None or m.start < adjunct:
                if adjunct is None:
                    break  # (sorted by start: the rest lie past it too)
                continue  # the adjunct's own dose
            # "X 10 mg weekly with folic acid 5 mg weekly, and increased to 20 mg": X's step, not the adjunct's
            if not _CHANGE_AFTER_ADJUNCT.fullmatch(text, adjunct, m.start) or not _comparable(prev, m):
                break
            out.append(m)
            prev, last_end, adjunct = m, m.end, None
            stop = drug_ix.next_start(m.end, end)
            continue
        if m.start <= last_end:
            continue
        if own_adjunct and _CHANGE_AFTER_ADJUNCT.fullmatch(text, last_end, m.start):
            break  # the step of the drug the adjunct was given with
        gap = text[last_end:m.start]
        if m.start - last_end > _SEQUENCE_GAP or ";" in gap or id(m) in claimed or gap.strip() == "/":
            break  # "400 mg/100 mg": the doses of a combination's two ingredients
        if _EQUIVALENT.search(text, last_end, m.start):
            last_end = m.end
            continue
        if _FROM_BEFORE.search(text, last_end, m.start) and not _TO_AFTER.match(text, m.end) \
                and not m.attrs.get("value_high"):
            last_end = m.end  # "10 mg/kg, reduced from 15 mg/kg": the dose it was changed from, before it (docqa15)
            continue
        if not _comparable(prev, m) and not (_TAPER_GAP.search(gap) and _masses(prev, m)):
            break  # another unit or scale: another drug's dose, a cumulative amount, a diluent volume
        out.append(m)
        prev, last_end = m, m.end
    return out


# a dose told after the one given as the dose it was changed from: "cyclophosphamide 10 mg/kg, reduced from 15 mg/kg"
# (not "reduced from 15 to 10 mg/kg", a step told whole)
_FROM_BEFORE = re.compile(r"\b(?:reduced|decreased|lowered|increased|raised|escalated|titrated|changed|adjusted|"
                          r"down|up)\s+from\s+$", re.I)
_TO_AFTER = re.compile(r"\s*(?:to\b|->|\u2192)", re.I)


def _changed_from_after(text: str, last: Mention, doses: ByStart) -> Mention:
    """The dose a course was changed from, told right after `last` (", reduced from 15 mg/kg"), else `last`."""
    m = doses.first_from(last.end)
    if m is None or m.start - last.end > 40 or not _FROM_BEFORE.search(text, last.end, m.start) \
            or re.search(r"[.;]", text[last.end:m.start]):
        return last
    return m


# a drug given with another ("X 10 mg weekly with folic acid 5 mg weekly"), and a change told after the adjunct's dose
# with no drug named, which is the first drug's ("..., and increased to 20 mg weekly")
_ADJUNCT_BEFORE = re.compile(r"\b(?:with|along\s+with|together\s+with|plus)\s+$", re.I)
_CHANGE_AFTER_ADJUNCT = re.compile(
    r"\s*(?:(?:was|were)\s+(?:started|given|begun|initiated|commenced|prescribed|administered)\s*)?"
    r"(?:(?:in|on|from|at)\s+[^,;.()]{1,25}?)?\s*,?\s*and\s+(?:was\s+|then\s+|later\s+|subsequently\s+|"
    r"gradually\s+){0,2}"
    r"(?:increased|escalated|raised|titrated|uptitrated|up-titrated|reduced|decreased|tapered|lowered)\s+"
    r"(?:up\s+|down\s+)?to\s+", re.I)


def _is_adjunct(text: str, drug_ix: ByStart, dose: Mention) -> bool:
    """The drug whose dose `dose` is was given with one named before it ("with folic acid 5 mg")."""
    drug = next(iter(drug_ix.ending_in(dose.start - 3, dose.start)), None)
    return drug is not None and _ADJUNCT_BEFORE.search(text, max(0, drug.start - 25), drug.start) is not None \
        and any(x.end <= drug.start for x in drug_ix.window(max(0, drug.start - 200), drug.start))


def _adjunct_dose_end(text: str, drug_ix: ByStart, doses: ByStart, at: int) -> int | None:
    """The end of the dose of an adjunct drug starting at `at` ("with folic acid 5 mg weekly"); None otherwise."""
    drug = drug_ix.at(at)
    if drug is None or _ADJUNCT_BEFORE.search(text, max(0, at - 25), at) is None:
        return None
    dose = doses.first_from(drug.end)
    return dose.end if dose is not None and dose.start - drug.end <= 3 else None


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
# dose, no dose given ("dopamine 2 µg/kg/min (max 20 µg/kg/min)", "(up to 30 µg/min)"); the next step of a taper told
# on ("tapered by 10 mg every two weeks to 20 mg, then by 2.5 mg every two weeks": documents QA round docqa5)
_STEP_BEFORE = anchored(r"(?:\b(?:taper\w*|reduc\w*|decreas\w*|lower\w*|increas\w*|escalat\w*|wean\w*|cut|"
                        r"(?:up)?titrat\w*)(?:\s+[\w-]+){0,4}?\s+by|\bthen\s+by|\b(?:in|by|with)\s+(?:(?:weekly|monthly|daily)\s+)?"
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


def _time_of_day_end(text: str, m: Mention) -> int | None:
    """The end of the time of day written with dose `m`: after it ("500 mg in the morning"), or read into the dose
    as its once-a-day frequency ("7.5 mg mane", "10 mg every morning"); None without one."""
    tod = _times_of_day()
    t = tod.match(text, m.end)
    if t is not None:
        return t.end()
    if _daily_by_time_of_day(m):
        for i in range(m.start, m.end):
            if text[i] in " ,":
                t = tod.match(text, i)
                if t is not None and t.end() == m.end:
                    return m.end
    return None


def _daily_by_time_of_day(m: Mention) -> bool:
    """A dose whose frequency is its time of day, once a day: a part of a split day, not a schedule of its own."""
    return m.attrs.get("period_unit") == "d" and m.attrs.get("frequency") == 1 and m.attrs.get("period") == 1


_SPLIT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|and\s+|plus\s+|\+\s*)")


def _split_day(text: str, first: Mention, dose_at: Callable[[int], Mention | None]) -> list[Mention] | None:
    """The doses of one day given at different times, each written with its time of day, from `first` on: "500 mg
    in the morning and 250 mg in the evening", "20 mg am and 10 mg pm", "10 mg at 8 am, 5 mg at noon and 5 mg at
    5 pm". None unless two or more such doses in one unit follow one another ("then" or a taper word makes a
    sequence, not a split)."""
    out = [first]
    while True:
        pos = _time_of_day_end(text, out[-1])
        if pos is None:
            break
        j = _SPLIT_JOIN.match(text, pos)
        nxt = dose_at(j.end()) if j is not None else None
        if nxt is None:
            break
        a, b = out[-1].attrs, nxt.attrs
        if (a.get("unit"), a.get("per")) != (b.get("unit"), b.get("per")) or b.get("value_high") is not None \
                or (b.get("period_unit") and not _daily_by_time_of_day(nxt)) or _time_of_day_end(text, nxt) is None:
            break
        out.append(nxt)
    if len(out) < 2 or first.attrs.get("value_high") is not None or \
            (first.attrs.get("period_unit") and not _daily_by_time_of_day(first)):
        return None
    return out


def _split_dose(text: str, seg: DoseSegment, parts: list[Mention]) -> None:
    """One segment for a day's split dose: the day's total, per day, with each part as written."""
    ends = [_time_of_day_end(text, m) or m.end for m in parts]
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


def _own_frequency(text: str, dose: Mention, ms: _Mentions) -> bool:
    """Whether a list member's dose carries its own frequency ("40 mg daily", "150 mg twice daily"; not a rate, "4
    mg/h", "3 mcg/kg/min", which an infusion's shared route still follows)."""
    if dose.attrs.get("period_unit"):
        return "/" not in dose.text
    freq = ms.index(ms.freqs).first_from(dose.end)
    return freq is not None and text[dose.end:freq.start].strip() == ""


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
    if last is not dose and _own_frequency(text, dose, ms):
        # "prednisone 40 mg daily, cyclosporine 150 mg twice daily and anakinra 100 mg subcutaneously daily": a member
        # told with its own frequency is told whole; the last member's route is its own (docqa15)
        return None
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
                x.norm != drug.norm for x in drugs.window(m.end, _ROUTE_BEFORE_GAP.match(text, m.end).end() + 1)) \
                and not _QUALIFIES_NEXT.search(text, max(end, m.start - 8), m.start) \
                and not (_THROUGH_TUBE.match(m.text) and _AND_WORD.search(text, end, m.start)):  # type: ignore[union-attr]
            # not a word right before the next drug: "X 0.4 g/kg, followed by oral Y" ('oral' is Y's), nor one its noun
            # of giving ties to it: "X 300 mg daily, intravitreal injection of Y" (documents QA round docqa12)
            return m
    return None


_BRACKETED = re.compile(r"\(\s*[^()\s]+\s*\)")  # a route's abbreviation in brackets after it: "intravenous (IV)"


@cache
def _administration_noun() -> str:
    """ "injection of", "administration of", "therapy with": a noun of giving between a route and its drug
    (knowledge/administration_nouns.csv; exposure QA, expqa13)."""
    return r"(?:(?:" + alternation(r["noun"] for r in table("administration_nouns.csv")) + r")\s+(?:of|with)\s+)?"


# between two drugs of one list: the first one's dosage in brackets, a comma or 'and' ("intravenous A (3.375 g every
# 6 hours), B (400 mg every 6 hours), and C")
_LIST_ROUTE_GAP = re.compile(r"[\s-]*" + _administration_noun() + r"(?:of\s+)?", re.I)


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


# between a route and the drug after it: nothing, "of", a noun of giving ("subcutaneous injection of X"), or the
# strength of a solution ("intravenous 0.9% saline")
_ROUTE_BEFORE_GAP = re.compile(r"[\s-]*" + _administration_noun() + r"(?:of\s+)?(?:\d+(?:\.\d+)?\s?%\s+)?", re.I)


_ROUTE_GAP_OTHER = re.compile(r"[^\s\-of\d.%]")  # a character no _ROUTE_BEFORE_GAP holds


# a route adjective opening another coordinated noun phrase qualifies that noun, not the drug before it:
# "allopurinol 300 mg daily and intravenous hydration"
_QUALIFIES_NEXT = re.compile(r"\b(?:and|plus|with)\s+$", re.I)


# a tube a drug goes through ("via the nasogastric tube", knowledge/routes.csv) after "and" and another thing that is
# no drug ("X and water flushes through the nasogastric tube"): the tube is that thing's way in, not X's (docqa9)
_THROUGH_TUBE = re.compile(r"(?:via|through|by|per)\s", re.I)
_AND_WORD = re.compile(r"\band\b", re.I)


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
