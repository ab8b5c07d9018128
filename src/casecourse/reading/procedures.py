"""Therapeutic procedures: plasma exchange, dialysis, ventilation, ECMO, transfusions, operations, transplantation,
radiotherapy (`procedure` mentions; the vocabulary is knowledge/procedures.csv).

One Aho-Corasick pass over the lower-cased text finds every written form of the table and every ending of a
surgical word family ("-ectomy", "-otomy", "-ostomy", "-plasty"), whose word is then read back to its start
("splenectomy", "hemicolectomy"). A match counts only as a whole word; an abbreviation only as written ("PCI", not
"pci"); an ambiguous name ("HD", "radiation") only with a treatment word near it. The automaton has a few hundred
keys and builds in about a millisecond, so it is kept per process (functools.cache), not on disk.

Attributes: `category` (dialysis, ventilation, surgery ...); `count` and `count_unit` where the text states how many
("5 sessions of plasma exchange", "transfused with 2 units"); `planned` where the text speaks of it only as a plan or
an option ("was scheduled for", "considered for transplantation"). A procedure named only as the point another time
counts from ("two weeks after the surgery", "post-transplant") is no mention: it was told where it happened, and
assembly/timeline_anchor.py reads such anchors from the text. Nor is a thing it yielded or a place named after it
("the resected specimen", "resection margins", "the anastomosis site", "the surgery department", "admitted to
neurosurgery"). A line listing abbreviations with their expansions ("TPN: total parenteral nutrition; ...") is read
for none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan
from casecourse.reading.rx_first import lower_of

_make = Mention.model_construct  # values built here: pydantic validation skipped (see Mention.model_construct)

# endings of surgical words; the word's own letters before it must be at least this many
_SUFFIXES = ("ectomy", "ectomies", "ectomized", "ectomised", "otomy", "otomies", "ostomy", "ostomies", "plasty",
             "plasties", "pexy", "rrhaphy")
_MIN_STEM = 3
# words with one of those endings that name no operation
_NOT_OPERATIONS = frozenset({"dichotomy", "dichotomies"})
# a word of treatment near an ambiguous name ("HD sessions", "started on hemodialysis", "underwent radiation")
_TREATMENT = re.compile(r"\b(?:underw[eo]nt|undergo\w*|receiv\w*|requir\w*|start\w*|initiat\w*|commenc\w*|"
                        r"perform\w*|sessions?|treated|treatment|therapy|need(?:ed)? for|maintenance|maintained|"
                        r"dependen\w*|courses?|fractions?|Gy|cycles?|adjuvant|palliative|given|administ\w*|"
                        r"transfus\w*|infus\w*)\b", re.I)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "single": 1}
_N = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|single)"
_UNITS = r"(?P<u>sessions?|cycles?|courses?|rounds?|exchanges?|procedures?|runs?|fractions?|treatments?|units?)"
# "five sessions of (therapeutic) plasma exchange" before the name; "plasma exchange (5 sessions)",
# "plasma exchange for five sessions", "transfused with 2 units" after it
_COUNT_BEFORE = re.compile(rf"\b{_N}(?:\s+(?:consecutive|daily|further|additional|more))?\s+{_UNITS}\s+of\s+"
                           r"(?:(?:a|an|the|therapeutic|daily|intermittent|\w+-?based)\s+)?$", re.I)
# "nine plasma exchanges", "three further haemodialyses": a count right before the procedure's own plural (docqa8)
# (not a reference's number glued to the sentence before: "its metabolite.1 Hemodialysis removes ...")
# (a count of "further / additional" sessions is no total: "two additional TPE sessions" after a first)
_COUNT_PLURAL = re.compile(rf"(?<![.,;:\d])\b{_N}(?:\s+(?:consecutive|daily))?\s+$", re.I)
# the procedure's own plural ("exchanges", "transfusions", not "plasmapheresis", "haemodialysis"), or its sessions
# named after it ("5 plasmapheresis sessions")
# some sessions of a series, not its count: "the first three dialysis sessions", "the last two exchanges"
_PART_OF_SERIES = re.compile(r"\b(?:first|last|initial|final|next|previous|other|remaining)\s+$", re.I)
_PLURAL_END = re.compile(r"(?<![siu])s$", re.I)
_SESSIONS_AFTER = re.compile(r"\s+(?:sessions|exchanges|treatments|runs|procedures)\b", re.I)
# "plasma exchange was started on 2 May and she received nine sessions in total": a count of sessions the same
# sentence tells after its verb of receiving (sessions, exchanges, runs only, not "units" of blood nor "sessions of"
# another treatment) (docqa8)
_COUNT_RECEIVED = re.compile(rf"[^.;:]{{0,60}}?\b(?:he|she|they|the\s+patient)\s+(?:received|underwent|had|"
                             rf"completed)\s+(?:a\s+total\s+of\s+)?{_N}(?:\s+(?:consecutive|daily))?\s+"
                             r"(?P<u>sessions|exchanges|runs)\b(?!\s+of\b)", re.I)
# "plasma exchange was performed daily for five sessions": the verb and the schedule between name and count
_COUNT_AFTER = re.compile(rf"\s*(?:\(|,\s*|\s+)(?:(?:was|were)\s+(?:performed|done|carried\s+out|undertaken|"
                          r"given|administered|repeated)\s+)?(?:(?:daily|weekly|on\s+alternate\s+days|every\s+other\s+"
                          rf"day)\s+)?(?:(?:for|with|x|×|in)\s+)?(?:a total of\s+)?{_N}"
                          rf"(?:\s+(?:consecutive|daily))?\s+{_UNITS}\b", re.I)
# not the procedure itself: a thing it yielded or a place named after it ("the resected specimen", "resection
# margins", "the general surgery department", "Department of Surgery", "the transplant centre", "the transplant list")
# (an outpatient or inpatient department, "OPD", named by a surgical specialty: "the neurosurgery outpatient clinic")
_NOT_DONE_AFTER = re.compile(r"[\s-]+(?:(?:out-?\s?patient|in-?\s?patient)\s+(?:departments?|clinics?|wards?|units?|"
                             r"services?|visits?|follow-?\s?ups?)|OPDs?|"
                             r"margins?|specimens?|departments?|clinics?|wards?|units?\b(?! of)|services?|"
                             r"teams?|residents?|fellows?|beds?|sites?|cent(?:er|re)s?|programm?e?s?|(?<!waiting\s)"
                             r"lists?|coordinators?|anatomy)\b", re.I)
# the procedure as what a consultation, an evaluation or a waiting list weighs ("referred for liver transplant
# evaluation", "a general surgery consultation", "during the transplant work-up", "on the kidney transplant waiting
# list"): considered, not done (nor is its status condition, "transplant recipient", held yet)
_WEIGHED_AFTER = re.compile(r"[\s-]+(?:waiting\s+lists?|consult(?:ation)?s?|evaluations?|work-?\s?ups?|assessments?|"
                            r"referrals?|candidacy|opinions?)\b", re.I)
# a ward named by its specialty: "admitted to neurosurgery", "transferred to the surgery"
_WARD_BEFORE = re.compile(r"\b(?:admitted|transferred|moved|sent|returned|referred)\s+(?:back\s+)?to\s+(?:the\s+)?"
                          r"(?:department\s+of\s+|\w+\s+)?$", re.I)
# a specialty named as a service consulted or called, not an operation done ("cardiothoracic surgery was consulted",
# "general surgery was called", "a surgery consult was obtained"; docqa17)
_SERVICE_AFTER = re.compile(r"\s+(?:(?:was|were|had\s+been)\s+(?:\w+ly\s+|also\s+|then\s+|urgently\s+)?"
                            r"(?:consulted|contacted|called|involved|notified|informed|paged)\b|"
                            r"consult(?:s|ation|ations)?\b)", re.I)
_NOT_DONE_BEFORE = re.compile(r"\b(?:department|division|school|professor|chair|society|college|journal)\s+of\s+"
                              r"(?:\w+\s+)?$", re.I)
# a participle used as an adjective: "the excised mass", "histology of resected tissue", "the transplanted kidney";
# not where it states the patient's condition ("an intubated patient", "a splenectomized man")
# a named operation told first as what the stay followed ("admitted to the ICU following laparoscopic sleeve
# gastrectomy") is that operation, done right before; not a generic word, not one a time is counted from ("3 months
# after HSCT": its date is not the sentence's)
_GENERIC_NAMES = frozenset({"surgery", "resection", "anastomosis", "implantation", "reconstruction", "drainage"})
_RIGHT_AFTER = re.compile(r"after|following|post-?", re.I)
_AMOUNT_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
                            r"thirty|several|a\s+few|an?)\s*-?\s*(?:h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?|y|yrs?|"
                            r"years?)\s*$", re.I)
_PATIENT_STATES = frozenset({"airway", "ventilation", "dialysis", "transfusion", "resuscitation", "ecmo"})
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|these|those|of|remaining|its|their)\s+$", re.I)
# words one of the patterns before a mention needs (a cheap test before the regex: ~15 candidates a document)
_REFERENCE_KEYS = ("after", "follow", "since", "before", "prior", "until", "during", "post", "time of", "complication",
                   "indication")
_PLANNED_KEYS = ("plann", "schedul", "consider", "candidate", "referred", "listed", "evaluat", "assess", "prepar",
                 "suggest", "await", "waiting", "recommend", "offered", "propos", "eligible", "indicat", "discuss",
                 "possib", "option", "would", "may ", "might", "future", "deferred", "postponed", "work", "will",
                 "going to", "bridge")
# a line that lists abbreviations with their expansions ("TPN: total parenteral nutrition; ICU: intensive care unit"),
# as under a table: its names are definitions, not procedures done
_LONG_LINE = 2000
_GLOSSARY_ITEM = re.compile(r"(?:^|;\s*|,\s*)[A-Za-z][A-Za-z0-9/-]{1,9}\s?[:=,]\s+[A-Za-z]", re.M)
# how long it lasted: "10 days of mechanical ventilation", "CRRT for 2 weeks", "ventilated for 48 hours"
_SPAN_UNITS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4375}
_LENGTH = rf"{_N.replace('?P<n>', '?P<k>')}\s+(?P<t>hours?|days?|weeks?|months?)"
_LENGTH_BEFORE = re.compile(rf"\b{_LENGTH}\s+of\s+(?:(?:an?|the|invasive|continuous|daily|intermittent)\s+)?$", re.I)
_LENGTH_AFTER = re.compile(rf"\s*,?\s+(?:(?:which|that)\s+)?"
                           rf"(?:was\s+(?:continued|maintained|performed|given|needed|required)\s+)?for\s+"
                           rf"(?:a total of\s+|about\s+|approximately\s+)?{_LENGTH}\b", re.I)
# a plan or an option only: "was scheduled for", "considered for (a) transplant", "referred for", "awaiting"
_PLANNED_BEFORE = re.compile(
    r"\b(?:plann\w*|schedul\w*|consider\w*|candidate|referred|listed|evaluat\w*|assess\w*|prepar\w*|await\w*|suggest\w*|"
    r"waiting|recommend\w*|offered|propos\w*|eligible|indicat\w*|discuss\w*|possib\w*|option|would\s+(?:need|require)|"
    r"may\s+(?:need|require)|might\s+(?:need|require)|future|deferred|postponed|work-?\s?up|"
    # "an LVAD as a bridge to transplantation": what the bridge leads to is still to come (docqa13)
    r"bridge|bridging|"
    r"(?:will|going\s+to)\s+(?:undergo|need|require|receive|have))\b"
    r"(?:\s+(?:for|to|of|with|an?|the|her|his|him|patient|urgent|elective|possible|further|\w+ing))*\s+"
    r"(?:\S+\s+){0,2}$"
    # "referred to the transplant centre for liver transplantation": the place between, then what it is for
    r"|\breferred\s+to\s+(?:[\w-]+\s+){1,4}for\s+(?:(?:an?|the|further|possible|urgent|elective)\s+)*"
    r"(?:\S+\s+){0,2}$", re.I)
# the plan carried out, told in the same breath: "referred to our centre for splenectomy, which was performed on ..."
# (or "referred for an allogeneic stem cell transplant (SCT) and underwent a matched related donor SCT")
_DONE_LATER = re.compile(r"\s*(?:\([^()]{1,20}\))?\s*,?\s*(?:(?:which|that)\s+(?:was|were)\s+"
                         r"(?:then\s+|subsequently\s+|successfully\s+|eventually\s+|finally\s+)?"
                         r"(?:performed|done|carried\s+out|undertaken)|"
                         r"and\s+(?:then\s+|subsequently\s+|later\s+|eventually\s+)?underwent)\b", re.I)
# a decision to do it: "it was decided to perform an LVAD implantation", "we decided to proceed with surgery", "the
# decision was made to start CRRT", "a decision for amputation"; the same after the name ("intubation was decided").
# A decision is a plan: the procedure is done where a later sentence tells it done (assembly/procedures.py dates it
# there); told nowhere else, it stays done at the decision's time, as most reports tell one carried out at once (left13)
_DECIDED_BEFORE = re.compile(
    r"\b(?:decided|decision\s+(?:was\s+|had\s+been\s+)?(?:made|taken|reached)|decision)\s+(?:to|on|upon|for)\s+"
    r"(?:(?:perform|proceed\s+with|go\s+ahead\s+with|undertake|carry\s+out|do|attempt|place|insert|implant|start|"
    r"initiate|institute|establish|commence|begin|undergo|use|pursue|schedule|convert\s+to|switch\s+to|put|"
    r"offer|give|have)\s+)?"
    r"(?:(?:an?|the|her|his|him|them|patient|on|urgent|urgently|emergent|emergently|emergency|elective|immediate|"
    r"early|prompt|surgical|further|repeat|definitive|operative)\s+)*(?:\S+\s+){0,2}$", re.I)
_DECIDED_AFTER = re.compile(r"\s+(?:was|were)\s+(?:then\s+|therefore\s+|thus\s+|finally\s+)?decided\b", re.I)
# a procedure the patient could not have or did not accept: "deemed ineligible for HSCT", "declined dialysis",
# "unfit for surgery" (not done; no status it would have given)
_DECLINED_KEYS = ("eligib", "unsuitab", "unfit", "declin", "refus", "contraindicat")
_DECLINED_BEFORE = re.compile(r"\b(?:ineligible|not\s+eligible|unsuitable|unfit|declined|refused|contraindicated)\s+"
                              r"(?:(?:for|to|of|an?|the|undergo|receive|have)\s+){0,3}(?:\S+\s+){0,2}$", re.I)
# the same said after the name: "evaluated for liver transplantation but was deemed ineligible", "dialysis was
# refused", "... plasma exchange, which she declined"
_DECLINED_AFTER = re.compile(
    r"\s*,?\s+(?:(?:but|and|which)\s+)?(?:(?:he|she|they|the\s+patient)\s+)?(?:(?:was|were|is)\s+(?:(?:deemed|judged|"
    r"considered|found|felt)\s+(?:to\s+be\s+)?)?(?:ineligible|not\s+eligible|unsuitable|unfit|declined|refused|"
    r"contraindicated)|(?:declined|refused))\b", re.I)
# the same said after the name: "cardiac surgery was indicated", "a splenectomy was planned", "HSCT is being considered"
_PLANNED_AFTER = re.compile(r"\s+(?:was|were|is|are|had been|has been|is being|was being)\s+"
                            r"(?:then\s+|also\s+|therefore\s+)?(?:indicated|planned|scheduled|recommended|proposed|suggested|considered|discussed|"
                            r"deferred|postponed|offered|contemplated)\b|"
                            # what only may be done: "where transplantation can be performed at a later stage" (docqa13)
                            r"\s+(?:can|may|might|will|would)\s+(?:then\s+|later\s+|still\s+|only\s+)?be\s+"
                            r"(?:performed|done|carried\s+out|undertaken|considered|offered|needed|required)\b", re.I)
# the procedure as the point a time is counted from, or its aftermath: not a new procedure of the course
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:after|following|since|before|prior\s+to|until|during|post|at\s+the\s+time\s+of|time\s+of|"
    r"complications?\s+of|indications?\s+for)\s+(?:(?:the|his|her|their|this|that|an?|"
    # ("day 5 after the second surgery", "after revision surgery": the operation counted from, told before; docqa13)
    r"initial|first|index|second|third|last|latest|previous|revision|repeat|redo)\s+)*|\bpost-)$", re.I)


# a device named by an "X insertion / placement" form of the table, and its verb told with the device alone: "a chest
# tube was placed", "a biliary stent was inserted", "we placed a pacemaker" (docqa17: not read before)
_DEVICE_FORM = re.compile(r"(?P<device>.+?)\s+(?:insertion|placement)", re.I)
_PLACED_AFTER = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:placed|inserted|implanted)\b",
                           re.I)
_PLACED_BEFORE = re.compile(r"\b(?:placed|inserted|implanted)\s+(?:an?|the|two|\d)\s+(?:[\w-]+\s+){0,2}$", re.I)


@dataclass(frozen=True)
class _Entry:
    name: str
    category: str
    written: str | None  # the form as written where it must match exactly (an abbreviation)
    context: bool
    suffix: bool = False
    placed: bool = False  # a device of an "X insertion / placement" form, named alone: only with its verb


@cache
def _automaton() -> ahocorasick.Automaton:
    keys: dict[str, list[_Entry]] = {}
    for r in table("procedures.csv"):
        for form in r["written"].split("|"):
            form = form.strip()
            if not form:
                continue
            exact = form if sum(c.isupper() for c in form) >= 2 else None  # "PCI", "VA-ECMO", "BiPAP"
            keys.setdefault(form.lower(), []).append(
                _Entry(r["name"], r["category"], exact, r.get("context") == "yes"))
            device = _DEVICE_FORM.fullmatch(form)
            if device is not None:  # "chest tube placement": also "a chest tube was placed", "inserted a stent"
                keys.setdefault(device["device"].lower(), []).append(
                    _Entry(r["name"], r["category"], None, False, placed=True))
    for suffix in _SUFFIXES:
        keys.setdefault(suffix, []).append(_Entry("", "surgery", None, False, suffix=True))
    auto = ahocorasick.Automaton()
    for key, entries in keys.items():
        auto.add_word(key, (len(key), tuple(entries)))
    auto.make_automaton()
    return auto


_TIME_PREFIX = re.compile(r"(?:post|pre|peri|intra)-", re.I)


def _word_start(text: str, pos: int) -> int:
    """The start of the word that ends in the suffix found at `pos` (letters and inner hyphens)."""
    i = pos
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "-" and i > 1 and text[i - 2].isalpha()):
        i -= 1
    # a time prefix is no part of the operation's name: "post-nephrectomy", "pre-splenectomy" (its "post-" is then read
    # as the reference it is, `_REFERENCE_BEFORE`)
    prefix = _TIME_PREFIX.match(text, i, pos)
    return prefix.end() if prefix is not None else i


def _candidates(text: str) -> list[tuple[int, int, _Entry]]:
    lower = lower_of(text)
    n = len(text)
    out: list[tuple[int, int, _Entry]] = []
    for end_idx, (length, entries) in dict_scan.hits(_automaton(), lower):
        end = end_idx + 1
        start = end - length
        if end < n and (text[end].isalnum() or text[end] == "_"):
            continue
        joined = end < n and text[end] == "-" or start > 0 and text[start - 1] == "-"  # "TIPS-BCS", "BCS-TIPS"
        for e in entries:
            if e.suffix:
                s = _word_start(text, start)
                word = lower[s:end]
                if start - s < _MIN_STEM or word in _NOT_OPERATIONS:
                    continue
                out.append((s, end, _Entry(_operation_name(word), "surgery", None, False)))
                continue
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if e.written is not None and (text[start:end] != e.written or joined):
                continue
            if e.placed and not (_PLACED_AFTER.match(text, end) or _PLACED_BEFORE.search(text, max(0, start - 40),
                                                                                      start)):
                continue
            out.append((start, end, e))
    return out


def _operation_name(word: str) -> str:
    """'splenectomized' -> 'splenectomy': the operation an adjective of its family names."""
    for ending, name in (("ectomized", "ectomy"), ("ectomised", "ectomy"), ("ectomies", "ectomy"),
                         ("otomies", "otomy"), ("ostomies", "ostomy"), ("plasties", "plasty")):
        if word.endswith(ending):
            return word[: -len(ending)] + name
    return word


def _treated_near(text: str, start: int, end: int) -> bool:
    """A treatment word within 60 characters of the mention, in its sentence."""
    lo = max(start - 60, text.rfind(". ", 0, start) + 1, 0)
    stop = text.find(". ", end)
    hi = min(end + 60, len(text)) if stop < 0 else min(end + 60, stop)
    return _TREATMENT.search(text, lo, hi) is not None


# a blood product told as not needed further on in its sentence ("transfusion of FFP, cryoprecipitate or platelets was
# not necessary"), or as the replacement fluid of a plasma exchange ("FFP was used during five sessions of
# plasmapheresis"): no transfusion of its own (left16)
_NOT_NEEDED_AFTER = re.compile(r"\b(?:was|were)\s+not\s+(?:necessary|needed|required|given|administered|transfused)\b|"
                               r"\bno\s+need\b", re.I)
_EXCHANGE_AFTER = re.compile(r"\bplasma\s*pheres\w*|\bplasma\s+exchanges?\b|\bTPE\b|\bPLEX\b", re.I)


def _product_not_given(text: str, start: int, end: int) -> bool:
    """Whether a blood product named alone is told as not given, or as a plasma exchange's replacement fluid."""
    stop = text.find(". ", end)
    hi = len(text) if stop < 0 else stop
    return _NOT_NEEDED_AFTER.search(text, end, hi) is not None or \
        _EXCHANGE_AFTER.search(text, end, min(hi, end + 80)) is not None


def find(text: str) -> list[Mention]:
    found = _candidates(text)
    if not found:
        return []
    # the longest form wins where forms overlap ("plasma exchange" inside "therapeutic plasma exchange")
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    last_end = -1
    told: set[str] = set()  # the procedures named so far
    glossary: dict[int, bool] = {}  # line start -> whether the line is a list of abbreviations
    for start, end, e in found:
        if start < last_end:
            continue
        line = text.rfind("\n", 0, start) + 1
        if line not in glossary:
            stop = text.find("\n", start)
            stop = stop if stop >= 0 else len(text)
            # a line of a whole flattened web page (zoning.py's long lines) is no list of abbreviations, though its
            # back matter may hold one
            glossary[line] = stop - line <= _LONG_LINE and text.count(";", line, stop) >= 2 and len(
                _GLOSSARY_ITEM.findall(text, line, stop)) >= 3
        if glossary[line]:
            continue
        if e.context and not _treated_near(text, start, end):
            continue
        if e.context and e.category == "transfusion" and _product_not_given(text, start, end):
            continue
        if e.name == "surgery" and (_WARD_BEFORE.search(text, max(0, start - 50), start)
                                    or _SERVICE_AFTER.match(text, end)):
            continue
        if e.category == "-":
            last_end = end  # a phrase that names no procedure ("fluid resuscitation"): nothing inside it is read
            continue
        if _NOT_DONE_AFTER.match(text, end) or "of " in text[max(0, start - 25):start] and _NOT_DONE_BEFORE.search(
                text, max(0, start - 40), start) or (
                e.category not in _PATIENT_STATES and text.endswith(("ed", "ised", "ized"), start, end)
                and not text.endswith(("ectomized", "ectomised"), start, end)
                and _DETERMINER_BEFORE.search(text, max(0, start - 12), start)):
            continue
        last_end = end
        attrs: dict[str, str | float | int | bool | None] = {"category": e.category}
        before = text[max(0, start - 80):start]
        cut = max(before.rfind(". "), before.rfind("; "), before.rfind(": "), before.rfind("? "), before.rfind("! "))
        if cut >= 0:
            before = before[cut + 2:]
        tail = before.lower()
        ref = None
        if any(k in tail[-40:] for k in _REFERENCE_KEYS) and (ref := _REFERENCE_BEFORE.search(before[-40:])) and (
                e.name in told or e.name in _GENERIC_NAMES or e.category in _PATIENT_STATES
                or not _RIGHT_AFTER.fullmatch(ref.group(0).split()[0])
                or _AMOUNT_BEFORE.search(before[-40:][:ref.start()])):
            continue  # "two weeks after the surgery": the point a time counts from, told before (timeline_anchor.py)
        if ref is not None and e.name not in told:
            # "admitted following laparoscopic sleeve gastrectomy", "status post cholecystectomy": a named operation
            # told first as what came before; done, at a time the text does not give
            attrs["before_told"] = True
        told.add(e.name)
        of = "of " in tail[-40:]
        count = of and _COUNT_BEFORE.search(before) or _COUNT_AFTER.match(text, end, min(len(text), end + 80))
        if count:
            attrs["count"] = _COUNT_WORDS.get(count["n"].lower()) or int(count["n"])
            attrs["count_unit"] = count["u"].lower().rstrip("s") or None
        elif (_PLURAL_END.search(text, start, end) or _SESSIONS_AFTER.match(text, end)) \
                and (plural := _COUNT_PLURAL.search(before)) and not _PART_OF_SERIES.search(before, 0, plural.start()):
            attrs["count"] = _COUNT_WORDS.get(plural["n"].lower()) or int(plural["n"])
            attrs["count_unit"] = "session"
        elif count := _COUNT_RECEIVED.match(text, end, min(len(text), end + 120)):
            attrs["count"] = _COUNT_WORDS.get(count["n"].lower()) or int(count["n"])
            attrs["count_unit"] = "session"
        length = of and _LENGTH_BEFORE.search(before) or _LENGTH_AFTER.match(text, end, min(len(text), end + 60))
        if length:
            k = length["k"].lower()
            attrs["length_days"] = (_COUNT_WORDS.get(k) or int(k)) * _SPAN_UNITS[length["t"].lower().rstrip("s")]
        if any(k in tail[-70:] for k in _PLANNED_KEYS) and _PLANNED_BEFORE.search(before[-70:]) or \
                _PLANNED_AFTER.match(text, end, min(len(text), end + 50)):
            attrs["planned"] = not _DONE_LATER.match(text, end, min(len(text), end + 60))
        decided = ("decid" in tail or "decision" in tail) and _DECIDED_BEFORE.search(before) \
            or _DECIDED_AFTER.match(text, end, min(len(text), end + 40))
        if decided and not attrs.get("planned") and e.name not in _GENERIC_NAMES:
            attrs["decided"] = True
        if _WEIGHED_AFTER.match(text, end):
            attrs["planned"] = True
        if any(k in tail[-60:] for k in _DECLINED_KEYS) and _DECLINED_BEFORE.search(before[-60:]) or \
                _DECLINED_AFTER.match(text, end, min(len(text), end + 60)):
            attrs["declined"] = True
        out.append(_make(type="procedure", start=start, end=end, text=text[start:end], norm=e.name, attrs=attrs))
    return out
