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
from dataclasses import dataclass, field
from functools import cache

from casecourse.assembly.exposure_carried import carried_barred
from casecourse.assembly.exposure_classes import classes_given, drop_restated, is_class_course
from casecourse.assembly.exposure_courses import (
    _AFTER_COURSE,
    _AFTER_DOSES,
    _COMPLETED_LENGTH,
    _DIED_AT,
    _FOLLOWED_BY,
    _GAPPED_AFTER,
    _LATER_STEP,
    _PERFECT,
    _SHARED_TAIL,
    _STEP_TIME_GAP,
    _STOPPED_AFTER,
    _STOPPED_SINCE_START,
    _TOTAL_OF,
    _UNCUED,
    _WEEK_OF_COURSE,
    _absolute_date,
    _bracketed_day,
    _counted,
    _counted_course,
    _course_after,
    _course_before,
    _course_for_with,
    _course_in_brackets,
    _date_range_after,
    _days,
    _dose_basis,
    _ended_before,
    _form_in_brackets,
    _fronted_course,
    _gapped_stops,
    _held_for,
    _length_then,
    _names_list_last,
    _own_time,
    _per_day,
    _range_end,
    _reach,
    _since,
    _step_taper_length,
    _stop_length,
    _stopped_before_start,
    _taken_for,
    _taper_length,
    _told_later,
    _until_at,
    _until_date,
    to_now,
)
from casecourse.assembly.exposure_doses import (
    _CLASS_SWITCHED,
    _DOSE_HEAD,
    _LOWER_BEFORE,
    _PATIENT_SWITCH,
    _ROUTE_IN_NAME,
    _SHARED_AMOUNTS,
    _STEP_BEFORE,
    _action,
    _adjacent,
    _changed_from_after,
    _class_action,
    _class_group,
    _class_members,
    _clause_of,
    _clauses,
    _combination_share,
    _dedupe_abbreviations,
    _dose_before,
    _dose_sequence,
    _drug_forms,
    _first_at,
    _free,
    _given_then_switched,
    _list_route,
    _list_tail,
    _nearest_after,
    _rate_of,
    _regimen_host,
    _regimen_name,
    _restated,
    _same_dose,
    _shared_dose,
    _split_day,
    _split_dose,
    _started_then_switched,
    _timing_after_dose,
)
from casecourse.assembly.exposure_indications import indications, stops
from casecourse.assembly.exposure_text import (
    _Blocks,
    _gap_is_filler,
    _Mentions,
    _reason,
    _reasons,
)
from casecourse.assembly.positions import ByStart, Forward, span_of
from casecourse.assembly.respectively import paired_time, placed_times
from casecourse.assembly.timeline import SentenceTime, days_after, place_one
from casecourse.knowledge import table
from casecourse.model import (
    BEFORE_ADMISSION,
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
from casecourse.reading.rx_first import anchored, finditer
from casecourse.reading.timex_lexicon import NUMBER_WORDS, UNIT_DAYS

# a drug started, then stopped later in the same sentence, its subject left out: "X was added in week 3 but was
# stopped after 10 days because of Y", "X was started in March and discontinued in May due to Y"; or the main verb
# after a participle between commas: "X, started empirically on admission, was stopped on day 4"
# "followed one week later by Y", "followed 2 days later by Y": a start cue of Y with its time between
_FOLLOWED_LATER_BY = re.compile(r"\bfollowed\s+(?:[\w-]+\s+){1,3}?later\s+by\b", re.I)
# a later dose change told in the start's sentence: "started at 15 mg weekly and increased to 20 mg"
_LATER_CHANGE = re.compile(r"(?:\b(?:and|then|but)|,)\s+(?:was\s+|were\s+)?"
                           r"(?:(?:later|subsequently|then|gradually)\s+)?"
                           r"(?:increased|decreased|reduced|raised|escalated|titrated(?:\s+up)?|tapered)\s+to\b", re.I)
# a clause after "but" with its own time: "was treated with X but was intubated on April 14", "X was given, but on
# day 5 her fever returned": the time is that clause's, not the drug's told before it (left13); not "but not Y", "not
# only X but also Y" (a drug named after it, with the time)
_BUT_CLAUSE = re.compile(r"(?:,\s*|\s)but\s+(?!(?:also|not|only|without)\b)", re.I)
# a drug added later told as an absolute clause, "..., with Z added on day 5": its time is Z's alone
_WITH_BEFORE = re.compile(r",\s*(?:and\s+)?with\s+$", re.I)
_ADDED_AT = re.compile(r"\b(?:added|introduced|commenced|started|initiated)\s+(?:on|at|from|in)\s+(?:the\s+)?$", re.I)
_AFTER_GAP = re.compile(r"\s+after\s+", re.I)
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)  # between two drugs of a list
# a length told as the adjective of a course after "stopped after": "discontinued after a 7-day course (of treatment)"
_A_COURSE_OF = (re.compile(r"an?\s+", re.I), re.compile(r"\s+(?:course|regimen|trial|period)\b", re.I))
_LATER_STOP = anchored(
    r"(?:\s*,?\s*(?:but|and|then|and then|which)\s+|,\s*(?=(?:was|were|had to be|had been)\s))"
    r"(?:(?:was|were|had to be|has been|had been)\s+)?"
    r"(?:(?:later|subsequently|then|eventually|finally|soon|promptly|rapidly)\s+)?"
    r"(?:stopped|discontinued|withdrawn|ceased|suspended|tapered off|interrupted|"
    # "reduced and then held", "started and later withheld" (documents QA round docqa12); not a dose kept ("held at
    # 5 mg", "held constant")
    r"(?:with)?held(?!\s+(?:at|constant|steady|stable|unchanged)\b))\b", re.I)
# a drug started, then switched to another named right after, its subject left out: "X was started on 14/03/2024 and
# was changed to intravenous Y on 15/03/2024" (documents QA round docqa7): X stops at the switch's time; only where
# another drug follows the "to" closely ("changed to oral", a form of the same drug, stops nothing)
_LATER_SWITCH = anchored(
    r"(?:\s*,?\s*(?:but|and|then|and then|which)\s+)(?:(?:was|were|had been)\s+)?"
    r"(?:(?:later|subsequently|then|eventually|promptly)\s+)?"
    r"(?:changed|switched|converted|de-?escalated|narrowed|rationali[sz]ed)\s+to\b", re.I)
_SWITCH_GAP = re.compile(r"\s*(?:(?:oral|intravenous|iv|subcutaneous|intramuscular|high-dose|the|a)\s+)*", re.I)
# a stop an event made necessary, told after it: "..., which necessitated its discontinuation", "led to its withdrawal"
# (not "required discontinuation of Y", another drug's)
_UNTIL = re.compile(r"\b(?:until|till|up to)\b", re.I)
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
# a regimen's first cycle told with its date, its drugs named the sentence before: "Cycle 1 started on 17/03/2025",
# "The first cycle was given on 4 May"; its final cycle told completed: "Cycle 8, the final cycle, was completed on
# 29/07/2025", "The sixth and final cycle was given on 2 June" ("last cycle" is often only the latest so far)
_FIRST_CYCLE = re.compile(r"\s*(?:the\s+)?(?:cycle\s+(?:1|one|I)|first\s+cycle|C1D1)\b(?:\s+of\s+[\w-]+)?\s*,?\s*"
                          r"(?:was\s+)?(?:started|began|begun|commenced|given|administered|delivered|initiated)\b",
                          re.I)
_FINAL_CYCLE = re.compile(r"\s*(?:the\s+)?(?:cycle\s+\d+\s*,\s*(?:the\s+)?final\s+(?:cycle|one)\s*,|"
                          r"(?:\w+\s+and\s+)?final\s+cycle(?:\s+of\s+[\w-]+)?)\s*(?:was\s+)?"
                          r"(?:completed|given|administered|delivered|finished)\b", re.I)
def _list_line(text: str, at: int) -> bool:
    """Whether position `at` lies on a line of a list, not of prose: a short line that ends without a full stop
    ("Rituximab 1 g every 6 months", "Secondary diagnoses: X; acute kidney injury (acyclovir nephrotoxicity)")."""
    lo, hi = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[lo:len(text) if hi < 0 else hi].strip()
    return bool(line) and not line.endswith((".", "?", "!")) and len(line.split()) <= 20


# the drug's own second predicate, its subject left out, that tells how long it was given: "X was added on D to allow
# Y and was given for twelve months", "... and was continued until D" (docqa16)
_SAME_SUBJECT_GIVEN = re.compile(r",?\s+and\s+(?:was|were)\s+(?:then\s+)?(?:given|continued|maintained|taken|used|"
                                 r"administered)(?=\s+(?:for|until|till)\b)", re.I)
_PRONOUN_STOP = re.compile(
    r"\s*(?:(?:it|this|the (?:drug|medication|treatment|therapy|agent)|this (?:drug|medication|treatment|therapy|"
    r"agent))\s+(?:was|had to be|has been|had been)\s+(?:(?:later|subsequently|then|eventually|finally|soon|promptly)"
    rf"\s+)?(?:stopped|discontinued|withdrawn|ceased|suspended|tapered off|interrupted)\b|{_PATIENT}{_QUIT}\b"
    rf"|{_NOT_TAKING}\b)", re.I)
# a stop of the one drug its sentence names, told after it by a pronoun or by the patient's not taking it: "X was
# started, but it was discontinued because of a rash", "he was prescribed X; however, he had not been taking the
# medication for months", "... but had stopped taking it"
_SELF_STOPPED = re.compile(
    r"\b(?:(?:it|this|the (?:drug|medication|treatment|therapy|agent))\s+(?:was|had to be|has been|had been)\s+"
    r"(?:(?:later|subsequently|then|eventually|finally|soon|promptly)\s+)?(?:stopped|discontinued|withdrawn|ceased)"
    rf"|(?:{_PATIENT})?{_QUIT}|{_NOT_TAKING})\b", re.I)
# a restart told of the drug of the sentence before: "It was resumed after 10 days at a lower dose."
_PRONOUN_RESUME = re.compile(
    r"\s*(?:it|this|the (?:drug|medication|treatment|therapy|agent)|this (?:drug|medication|treatment|therapy|agent))"
    r"\s+(?:was|were|has been|had been)\s+(?:(?:later|subsequently|then|eventually|finally|successfully)\s+)?"
    r"(?:restarted|resumed|reintroduced|reinstituted|reinitiated)\b", re.I)
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
                       # (not "and he was referred for transplantation": a referral for what comes next)
                       r"\b(?:was|were)\s+(?:referred(?!\s+(?:on\s+)?for\b)|hospitali[sz]ed)\b", re.I)
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
                          r"previous|prior|admission)\s+(?:medications?|medicines?|drugs?|treatment|therapy)|(?:his|her|"
                          r"their)\s+medications?|medications?\s+(?:on|at|upon|before|prior\s+to)\s+(?:the\s+time\s+of\s+)?"
                          r"admission)\s*:?\s+(?:included|includes|include|were|was|consisted\s+of|comprised|are|is)\b|"
                          r"\b(?:had|has)\s+been\s+(?:treated|taking|receiving|maintained|managed)\b", re.I)
_PROPHYLAXIS_AFTER = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?prophyla(?:xis|ctic)\b", re.I)


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


_NEGATION_BEFORE = re.compile(r"\b(?:no|never|not)\b[^.;,]{0,20}$", re.I)


def _not_double_negated(text: str, cues: list[tuple]) -> list[tuple]:
    """The cues less a "without" a negation holds ("there had been no time without antifungal coverage": the
    coverage went on, nothing was held)."""
    return [c for c in cues if text[c[0]:c[1]].lower() != "without"
            or not _NEGATION_BEFORE.search(text, max(0, c[0] - 30), c[0])]


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


# the mentions `ExposureBuilder.sentence` starts, stops or resumes a course by, itself or through the class's members
_DRUG_TYPES = frozenset({"drug", "drug_class"})


# between a drug and a dose after it: the dose is the next item's of a list ("antibiotics, and 2 g/kg IVIG")
_LISTED_AFTER = re.compile(r"[,;]|\band\b")


# a drug named as a cause: "due to X", "attributed to X", "hepatotoxicity to X"; "X-induced", "X-associated"
_CAUSE_BEFORE = re.compile(r"\b(?:due to|caused by|induced by|secondary to|attributed to|attributable to|related to|"
                           r"associated with|reaction to|toxicity to|hepatotoxicity to|allergy to)\s+$", re.I)
_CAUSE_AFTER = re.compile(r"[\s-](?:induced|associated|related)\b", re.I)
# a time elapsed on a drug, not a course given: "afebrile after 7 days of clindamycin (therapy)"
_ELAPSED_OF = re.compile(r"\b(?:after|within|by|following)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"a few|several)\s+(?:hours?|days?|weeks?|months?)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)


# a harm laid on the drug named right after it: "an infusion reaction to X", "hypersensitivity to X"
_HARM_TO = re.compile(r"\b(?:[\w-]+\s+){0,2}(?:reaction|allergy|hypersensitivity|intolerance|toxicity|anaphylaxis)"
                      r"\s+(?:to|with)\s+(?:the\s+)?$", re.I)


_N_WORDS = r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty-one|twenty-eight"
# a course given "to complete" a length: "switched to oral amoxicillin to complete 10 days in total", "IV ceftriaxone to
# complete a 14-day course", "to complete a total of 6 weeks of antibiotics", "to complete two weeks total"; "an
# additional / a further 10 days", "7 days more" count from the time told, the others from the course's first day
_TO_COMPLETE_AFTER = re.compile(
    r"(?:\s+(?:on|from|at|after)\s+[^.;,()]{1,25}?)?\s*,?\s*(?:(?:in\s+order\s+)?to|and)\s+complete\s+(?:for\s+)?(?:a\s+total\s+of\s+|a\s+course\s+of\s+|"
    r"(?:an?|the|his|her|their)\s+(?=(?:additional|further)\s|\d|[a-z]+[\s-](?:days?|weeks?|months?)\b))?"
    r"(?P<more>(?:additional|further)\s+)?(?P<n>" + _N_WORDS + r")[\s-](?P<u>days?|weeks?|months?)\b"
    r"(?P<more2>\s+more\b)?", re.I)
_TO_COMPLETE_BEFORE = re.compile(
    r"\bto\s+complete\s+(?:a\s+total\s+of\s+|an?\s+)?(?P<more>(?:additional|further)\s+)?(?P<n>" + _N_WORDS +
    r")[\s-](?P<u>days?|weeks?|months?)(?:\s+course)?\s+of\s+(?:(?:oral|intravenous|iv|i\.v\.|po|the|daily)\s+)*$",
    re.I)
# the length told of the whole treatment: "6 weeks of antibiotic therapy", "14 days of treatment", "10 days in total"
_WHOLE_TREATMENT = re.compile(r"\s+(?:in\s+)?total\b|(?:\s+course)?\s+of\s+(?:[\w-]+\s+){0,2}?(?:antibiotics?|"
                              r"antimicrobials?|antifungals?|therapy|treatment)\b", re.I)
# between two names of a list, their routes written: "IV ceftriaxone and oral metronidazole"
_NAMES_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:oral|intravenous|iv|i\.v\.|po)\s+)*", re.I)
# the drug switched to, right before it: "switched to oral amoxicillin", "changed over to", "stepped down to"
_SWITCHED_TO_BEFORE = re.compile(
    r"\b(?:switched|changed|converted|transitioned|stepped\s+down|de-?escalated)\s+(?:over\s+)?to\s+"
    r"(?:(?:oral|intravenous|iv|i\.v\.|po|enteral)\s+)*$", re.I)


def _completed_length(text: str, told: re.Match) -> tuple[float, str]:
    """The days of a completed course's length (`_COMPLETED_LENGTH`: "completed 6 weeks of X") and its words."""
    n = int(NUMBER_WORDS.get(told["n"].lower(), told["n"]))
    return n * UNIT_DAYS[told["u"].lower().rstrip("s")], text[told.start():told.end("u")]


_SENTENCE_BEFORE = re.compile(r"[.!?]\s+(?=\S)")
# drugs started and then changed in one sentence, the change told with a time of its own: "were initiated but changed
# the following day to", "were started, and switched after 48 hours to"
_CHANGED_TO = re.compile(r"(?:,\s*|\s)(?:but|and|then)?\s*(?:(?:was|were)\s+)?(?:later\s+|then\s+|subsequently\s+)?"
                         r"(?:changed|switched|de-?escalated|narrowed|converted|stepped\s+down)\s+[^.;]{0,40}?\bto\s+",
                         re.I)
_CHANGE_VERB = anchored(r"\b(?:changed|switched|de-?escalated|narrowed|converted|stepped\s+down)\b", re.I)
_LATER_TIME_WORDS = re.compile(r"\b(?:following|next|after|later|on\s+day|within|the\s+day\s+after)\b", re.I)
# a harm named by the drug before it: "methotrexate pneumonitis", "lithium toxicity", "vancomycin nephrotoxicity"
_HARM_NAMED_BY = re.compile(r"\s+(?:pneumonitis|(?:hepato|nephro|oto|cardio|neuro|myelo)?toxicity|hypersensitivity|"
                            r"allergy|intolerance|hepatitis|nephropathy|myopathy|neuropathy|colitis|pancreatitis)\b",
                            re.I)


# a treatment's failure told as the clause before the stop: "the response was lost (DAS28 4.8) and etanercept was
# switched", "the disease flared despite X, and X was stopped" (no drug named between it and the stop)
_FAILURE_CLAUSE = re.compile(
    r"\b(?:(?:the\s+)?response\s+was\s+(?:lost|not\s+maintained)|lost\s+(?:(?:its|her|his|the)\s+)?response|"
    r"(?:the\s+)?(?:disease|arthritis|synovitis|symptoms)\s+(?:remained|was|were)\s+(?:active|uncontrolled|"
    r"refractory)|(?:the\s+)?(?:disease|arthritis)\s+(?:flared|relapsed|progressed))\b(?:[^.;]|\.\d){0,60}?"
    r"(?:,\s*and|\band|;)\s+(?:therefore\s+|so\s+|thus\s+|then\s+)?$", re.I)


def _failure_told_before(text: str, sent: tuple[int, int], d: Mention) -> str | None:
    """Inefficacy, when the clause right before the drug's stop tells the treatment failing."""
    lo = max(sent[0], d.start - 140)
    return "inefficacy" if _FAILURE_CLAUSE.search(text, lo, d.start) else None


# a treatment's own predicate of failing: "X lost its effect", "it stopped working", "X became ineffective", "X was
# ineffective" (left16)
_LOST_EFFECT = re.compile(
    r"\b(?:lost\s+(?:its|their|all)\s+(?:effect|efficacy|effectiveness)|stopped\s+working|ceased\s+to\s+work|"
    r"became\s+(?:in|less\s+)effective|(?:was|were|proved|proven)\s+ineffective|no\s+longer\s+(?:worked|effective))\b",
    re.I)


def _lost_effect_told(text: str, sent: tuple[int, int], d: Mention, drugs: list[Mention]) -> str | None:
    """Inefficacy, when the stopped drug's own predicate, right after it (no other drug between), tells it failing:
    "golimumab became ineffective and was stopped", "X was started in 2018 but stopped working and was withdrawn"."""
    told = _LOST_EFFECT.search(text, d.end, min(sent[1], d.end + 90))
    if told is None or any(d.end <= x.start < told.start() for x in drugs):
        return None
    return "inefficacy"


_SENTENCE_START = re.compile(r"[.!?]\s+(?=\S)")


def _lost_effect_before_switch(text: str, at: int) -> str | None:
    """Inefficacy, when the sentence before a switch tells the treatment failing: "It controlled her disease for two
    years, then lost its effect, and she was switched to X" (the drug switched from is the one that lost it)."""
    lo = max(0, at - 200)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, at)]
    return "inefficacy" if _LOST_EFFECT.search(text, starts[-1] if starts else lo, at) else None


# what the patient developed, told as the clause right before the stop: "she developed grade 3 neutropenia, and
# methotrexate was withheld", "he developed a rash; therefore allopurinol was stopped", "she developed hepatitis (ALT
# 412 IU/L) and azathioprine was stopped" (its results in brackets, docqa15)
# (or diagnosed there: "immune-related colitis was diagnosed, nivolumab was withheld")
_ONSET_CLAUSE = re.compile(
    r"(?:\b(?:developed|experienced|suffered(?:\s+from)?)\s+(?:(?:a|an)\s+)?(?P<r>[\w'/-]+(?:\s+[\w'/-]+){0,5}?)"
    r"\s*(?:\([^()]{1,80}\)\s*)?(?:,\s*and|\band|;)|(?:^|(?<=[.;:]\s)|(?<=\bwith\s))(?P<dx>[\w'/-]+(?:\s+[\w'/-]+){0,4}?)\s+(?:was|were)\s+"
    r"(?:diagnosed|confirmed)\s*(?:,\s*and|,|\band|;|\.))\s+(?:therefore\s+|so\s+|thus\s+|then\s+|consequently\s+)?"
    r"(?:(?:the|her|his|their)\s+)?$", re.I)


_OPENS_SENTENCE = re.compile(r"\s*(?:(?:the|her|his|their)\s+)?", re.I)


def _onset_told_before(text: str, sent: tuple[int, int], d: Mention) -> str | None:
    """What the patient developed, told as the clause right before the drug's stop: its kind where the table knows
    it ("drug toxicity": adverse effect), else as written ("grade 3 neutropenia")."""
    # (the diagnosis told as the sentence before one the stop opens: "Rhabdomyolysis was diagnosed. Atorvastatin
    # was discontinued.")
    lo = max(0, sent[0] - 160) if _OPENS_SENTENCE.fullmatch(text, sent[0], d.start) else sent[0]
    m = _ONSET_CLAUSE.search(text, max(lo, d.start - 200), d.start)
    if m is None:
        return None
    told = m.group("r") or m.group("dx")
    return next((reason for pattern, reason in _reasons() if pattern.search(told.lower())), told)


def _harm_told_before(text: str, sent: tuple[int, int], d: Mention) -> str | None:
    """The harm the sentence before (or this one, before the stop) laid on the drug this one stops: "DRESS due to
    allopurinol was diagnosed. Allopurinol was stopped on admission.", "Methotrexate pneumonitis was diagnosed;
    methotrexate was discontinued" (the harm's kind where the table knows it, else an adverse effect)."""
    lo = max(0, sent[0] - 400)
    before = max((m.end() for m in _SENTENCE_BEFORE.finditer(text, lo, max(lo, sent[0] - 1))), default=lo)
    for m in re.finditer(rf"\b{re.escape(d.text)}\b", text[before:d.start], re.I):
        at, end = before + m.start(), before + m.end()
        cause = _CAUSE_BEFORE.search(text, max(before, at - 30), at) or _HARM_TO.search(text, max(before, at - 60), at)
        if cause is None and not _CAUSE_AFTER.match(text, end) and not _HARM_NAMED_BY.match(text, end):
            continue
        harm = text[max(before, at - 80):at].lower() if cause is not None else text[end:end + 60].lower()
        return next((reason for pattern, reason in _reasons() if pattern.search(harm)), "adverse effect")
    return None


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


def _told_end(seg: DoseSegment) -> bool:
    """Whether the segment's end was told: by a stated length ("for 6 weeks") or an "until" time ("until day 36")."""
    return seg.end is not None and (seg.length_days is not None or seg.end.known and seg.end.derivation != "carried")


# the words that take a drug out of a stop told of all the others: "all medications except X were discontinued",
# "all antibiotics were stopped apart from X", "all drugs but X were withdrawn" ("but" only right after the plural
# that it excepts from: "X was stopped but Y was continued" is two clauses)
_EXCEPT_WORDS = (r"(?:except(?:\s+for)?|other\s+than|apart\s+from|aside\s+from|save\s+for|excluding"
                 r"|with\s+the\s+exception\s+of)")
_EXCEPTED_BEFORE = re.compile(
    r"(?:\b" + _EXCEPT_WORDS + r"|\b(?:drugs|medications|medicines|agents|antibiotics|antimicrobials|treatments"
    r"|therapies)\s+but)\s+(?P<gap>[^.;:]*)$", re.I)
_EXCEPT_GAP = re.compile(r"(?:[\s,]|\b(?:and|or|the|his|her|their)\b)*", re.I)


def _excepted(text: str, d: Mention, drugs: list[Mention], s0: int) -> bool:
    """Whether drug `d` is named as the exception of a stop of the others ("all other medications except X and Y were
    discontinued"): after an exception word, with only other drugs, commas and "and / or" between."""
    lo = max(s0, d.start - 160)
    m = _EXCEPTED_BEFORE.search(text, lo, d.start)
    if m is None:
        return False
    gap = list(text[m.start("gap"):d.start])
    for x in drugs:
        if x is not d and x.start >= m.start("gap") and x.end <= d.start:
            gap[x.start - m.start("gap"):x.end - m.start("gap")] = " " * (x.end - x.start)
    return _EXCEPT_GAP.fullmatch("".join(gap)) is not None


# every course stopped at once: "all drugs were stopped", "all four medications were discontinued" (asked of every
# sentence while a drug is taken: behind its first characters' lookahead, `rx_first.anchored`)
_ALL_STOPPED = anchored(
    r"\b(?:all\s+(?:(?P<n>two|three|four|five|six|[2-9])\s+)?(?:(?:the|his|her|their|of\s+(?:the|his|her))\s+)?"
    # or the medications taken before the story: "previous medications were suspended", "home medications were held"
    r"(?P<other>other\s+)?"
    r"|(?P<before>(?:(?:the|his|her|their)\s+)?(?:previous|prior|home|usual|regular|chronic|outpatient)\s+))"
    r"(?:drugs|medications|medicines|agents)(?P<exc>\s+(?:" + _EXCEPT_WORDS + r"|but)\s+[^.;:]{1,80}?)?"
    r"\s+(?:were|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:stopped|discontinued|withdrawn|ceased|withheld|held|suspended)\b"
    r"(?P<exc_after>,?\s+" + _EXCEPT_WORDS + r"\s)?", re.I)


def _supplement(exp: Exposure) -> bool:
    """A vitamin, mineral or iron supplement (ATC A11, A12, B03), by its ATC code."""
    return any(c.system.endswith("/atc") and c.code[:3] in ("A11", "A12", "B03") for c in exp.codings)


def _between(start: TimeRef, lo: float, hi: float, text: str) -> TimeRef:
    """A time between `lo` and `hi` days after `start` (its point at `hi`): an estimate that keeps its uncertainty."""
    a, b = days_after(start, lo, text), days_after(start, hi, text)
    if a.offset_days is not None and b.offset_days is not None:
        return b.model_copy(update={"offset_days": (a.offset_days[0], b.offset_days[1]), "derivation": "estimated"})
    if not b.known:
        return b
    return b.model_copy(update={"earliest": a.earliest, "derivation": "estimated"})


@dataclass(slots=True)
class _DrugSentence:
    """A sentence naming drugs, as `ExposureBuilder.sentence` reads it once for all of them (`_read_drugs`)."""

    sent: tuple[int, int]
    st: SentenceTime  # its time (from the end of a course it names first: "After completion of X, ...")
    prev: TimeRef | None  # the time of the sentence before
    ms: _Mentions
    drugs: list[Mention]
    cues: list[tuple]
    a_of: list[int]  # the cues' starts
    b_of: list[int]  # the cues' ends
    actions: dict[int, str]  # id(drug) -> its action
    uncued: set[int]  # the drugs no cue speaks of (read as started)
    clauses: list[tuple[int, int]]
    before: dict[int, Mention | None]  # id(drug) -> the dose told before it ("75 mg of azathioprine")
    claimed: set[int]  # the doses already a drug's
    admitted: re.Match | None  # the admission or presentation the sentence tells
    drug_ix: ByStart | None = None
    dose_ix: ByStart | None = None
    told: list[tuple[int, TimeRef]] = field(default_factory=list)  # the sentence's times by position
    until_at: set[int] = field(default_factory=set)  # where its "until" times start
    later_step: Forward | None = None  # a later step told before the sentence's time ("followed by")


def _list_head(text: str, d: Mention, drugs: ByStart) -> Mention:
    """The first drug of the list `d` ends ("rifampicin and isoniazid": rifampicin), or `d` itself."""
    head = d
    while (prev := max((x for x in drugs.window(max(0, head.start - 60), head.start) if x.end <= head.start),
                       key=lambda x: x.end, default=None)) is not None and _LIST_LINK.fullmatch(text, prev.end,
                                                                                              head.start):
        head = prev
    return head


def _uncued_alone(d: Mention, t: _DrugSentence, clause: tuple[int, int]) -> bool:
    """No cue speaks of the drug, nor of a drug started before it in its clause ("treated with high-dose X,
    broad-spectrum antibiotics and Y": the list's cue is the antibiotics' too)."""
    return id(d) in t.uncued and not any(
        clause[0] <= o.start < d.start and id(o) not in t.uncued and t.actions[id(o)] in ("start", "taking")
        for o in t.drugs)


# a dose given once, after its amount ("and 6 mg once", "then 100 mg as a single dose"): no schedule of its own,
# and none of the step before it; not "once daily / weekly / every 8 hours", a frequency read as such
_SINGLE_AFTER = re.compile(r"\s*,?\s*(?:once|as\s+a\s+single\s+dose|as\s+a\s+one-time\s+dose|one\s+time|stat)\b"
                           r"(?!\s*(?:-\s*)?(?:daily|a\s+day|per|weekly|a\s+week|monthly|a\s+month|every|each|nightly|"
                           r"in\s+the|at\s+night|a\s+night))", re.I)


# a length told back from the story's day ("for the last / past 2 years"): a drug taken since then, as the perfect tells
# it ("she was on X for the last 2 years": docqa10)
_SPAN_TO_NOW = re.compile(r"\bfor\s+the\s+(?:last|past|previous|preceding)\s+(?:\d+|[a-z]+)\s+(?:days?|weeks?|months?|"
                          r"years?)\b", re.I)


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
        self._for: dict[str, frozenset[str]] = {}  # exposure id -> the conditions its start named it given for

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
            if exp.segments[-1].length_days is not None and status == "stopped":
                status, reason = "completed", None  # over at its stated length, long before the later stop (docqa15)
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
                # "after he completed 1 week of X": begun that long before; else when it began is not told
                began = self._completed_since(drug, sent, when)
                exp = self._new(drug, began, sent, seg)
                exp.segments[-1].start = began
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
            if seg is None or not _told_end(seg):
                exp.status = "active"
                return
            if exp.segments[-1].end is None:  # "remained on X 100 mg twice daily for 5 days": over when told
                exp.segments[-1].end, exp.segments[-1].length_days = seg.end, seg.length_days
            self._whole_course(exp, seg, drug)
        elif exp is None:
            self._new(drug, when, sent, seg)
        elif action == "start" and cued and (over := exp.segments[-1]).length_days is not None \
                and over.end is not None and when.known and when.derivation in ("stated", "relative") \
                and _wholly_before(over.end, when):
            # "rituximab weekly for four doses" in 2019, "maintenance rituximab was started in April 2020": the counted
            # course was over, a start told with its own time is a new one
            self._stop(name, over.end, None, status="completed")
            self._new(drug, when, sent, seg)
        elif action == "start" and cued and seg is not None and _told_end(seg) and \
                (over := exp.segments[-1]).end is not None and over.end == when and over.length_days is not None \
                and seg.length_days is not None and seg.dose is None:
            # "X, Y and Z for 2 months, followed by four months of X and Y": X and Y go on, 6 months in all
            over.end, over.length_days = seg.end, over.length_days + seg.length_days
        elif action == "start" and cued and seg is not None and seg.dose is None and seg.route \
                and (last := exp.segments[-1]).route and seg.route != last.route and _told_later(last.start, when):
            # "intravenous levofloxacin ..., switched to oral levofloxacin on day 4": the same course by another
            # route from then, its dose not told
            self._add_segment(exp, seg, when)
        else:
            first = exp.segments[0]
            if action == "start" and cued and not exp.time.known and len(exp.segments) == 1 and exp.provenance.spans \
                    and _list_line(self.text, exp.provenance.spans[0].start) \
                    and not first.start.known and first.end is None \
                    and (first.dose is None or first.dose.value is None or seg is not None and seg.dose is not None
                         and seg.dose.value is not None and _same_dose(first, seg)):
                # named first with no time ("acute kidney injury (acyclovir nephrotoxicity)" in a list of diagnoses,
                # "Rituximab 1 g every 6 months" in a list of current medication), then started in the story ("she
                # received rituximab 1 g on 07/06/2021"): the course begins at the start told, which its first
                # segment is of (a start in a stay's course with no time of its own: during the stay,
                # exposure_stay.py) (docqa16)
                first.provenance = self._prov(drug, sent)
                if when.known:
                    exp.time = first.start = when
            self._update_dose(exp, seg, when, started=action == "start" and cued)
            if seg is not None and _told_end(seg):
                self._whole_course(exp, seg, drug)  # "continue X for 6 months in total" (docqa6)
        if seg and seg.route and name in self.active and not self.active[name].route:
            self.active[name].route = seg.route

    def _whole_course(self, exp: Exposure, seg: DoseSegment, drug: Mention) -> None:
        """ "she remained on X for a total of 12 weeks", "continue X for 6 months in total": the length of the whole
        course, from its first day ("continued on X for 8 days": from now)."""
        if seg.end is not None and exp.segments[-1].end is seg.end and seg.length_days is not None \
                and (first := exp.segments[0].start) is not None and first.known \
                and _TOTAL_OF.search(self.text, drug.end, drug.end + 40):
            exp.segments[-1].end = days_after(first, seg.length_days, seg.end.text or "")

    def _taken_then(self, drug: Mention, seg: DoseSegment | None, sentence_end: int) -> None:
        """A drug told as being taken ("takes", "was taking") is active unless the sentence tells its end (a length,
        or "until" a time the reader may not date: "was taking X until 22 weeks")."""
        exp = self.active.get(drug.norm or drug.text)
        if exp is not None and exp.status == "unknown" and (seg is None or not _told_end(seg)) \
                and _UNTIL.search(self.text, drug.end, sentence_end) is None:
            exp.status = "active"

    def _update_dose(self, exp: Exposure, seg: DoseSegment | None, when: TimeRef, started: bool = False) -> None:
        """A dose where none was known fills the segment; a different dose opens a new one. A dose told with a start
        (`started`: "was commenced on X 30 mg") at a time after the course's known start is that time's: a new
        segment, the first one's dose unknown ("X" in 2010, "commenced on X 30 mg daily" in 2018)."""
        if seg is not None and (not seg.dose or seg.dose.value is None) and _told_end(seg) \
                and exp.segments and exp.segments[-1].end is None:
            # "daptomycin was continued for 6 weeks": the course goes on that long; "cefepime was continued until day
            # 36": up to that day (expqa10)
            exp.segments[-1].end = seg.end
            return
        if not seg or not seg.dose or seg.dose.value is None:
            return
        last = exp.segments[-1]
        if seg.length_days is None and _told_end(seg) and last.end is None and last.dose is not None and \
                last.dose.value is not None and _same_dose(last, seg):
            last.end = seg.end  # "cefepime (4 g/day) was administered until day 36": the running course, up to then
            return
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
        """Read one sentence of the story at its time `st`: the drugs it starts, stops, holds, resumes or changes the
        dose of (`_drug`), or, naming none, the drug of the sentence before that it stops or resumes by a pronoun."""
        prev, self._prev_time = self._prev_time, st.time
        if self.active:
            self.all_stopped(sent, st, [m for m in mentions if m.type == "drug"])
        conditions = [m for m in mentions if m.type in ("condition", "finding")]
        if self.active and self._for and conditions:
            self._indication_stops(sent, conditions, mentions, st)
        if not self._previous and not any(m.type in _DRUG_TYPES for m in mentions):
            return  # (most sentences) no drug nor class named here or just before: nothing to start, stop or resume
        if _glossary(self.text, sent):
            return  # "AA: aplastic anemia; CTX: ceftriaxone; ...": a list of abbreviations names no treatment given
        ms = self._given(sent, mentions)
        ms.drugs = _dose_basis(self.text, self._one_drug(ms.drugs))
        drugs = _dedupe_abbreviations(self.text, ms.drugs)
        self._class_stops(sent, [m for m in mentions if m.type == "drug_class" and m.assertion == Assertion.present],
                          ms, st)
        if ms.classes and (given := classes_given(self.text, ms.classes, drugs, self.active)):
            drugs = sorted([*drugs, *given], key=lambda m: m.start)  # "treated with steroids": the class's course
            ms.drugs = sorted([*ms.drugs, *given], key=lambda m: m.start)
        if not drugs:
            self._pronoun_stop(sent, ms, st)
            self._pronoun_restart(sent, ms, st)
            if st.timex is not None:
                self._regimen_cycle(sent, st)
            self._previous = []
            return
        self._previous = drugs
        told = self._read_drugs(sent, ms, drugs, st, prev)
        n = self._n
        for d in told.drugs:
            self._drug(d, told)
        self._started_then_changed(told)
        if self._n > n and conditions:
            self._indications(sent, told, conditions, ms, n)

    def _indications(self, sent: tuple[int, int], told: _DrugSentence, conditions: list[Mention], ms: _Mentions,
                     n: int) -> None:
        """Tie each course the sentence started to the condition the sentence names it given for ("X and Y were
        started for babesiosis"), for a stop told later by that condition (`_indication_stops`)."""
        inner = [*ms.drugs, *ms.doses, *ms.routes, *ms.freqs, *ms.durations, *ms.classes]
        new = {x.id for x in self.exposures[n:]} if len(self.exposures) >= n else set()
        for d in told.drugs:
            exp = self.active.get(d.norm or d.text)
            if exp is None or exp.id not in new or exp.id in self._for:
                continue
            if keys := indications(self.text, d, sent, inner, conditions):
                self._for[exp.id] = keys

    def _indication_stops(self, sent: tuple[int, int], conditions: list[Mention], mentions: list[Mention],
                          st: SentenceTime) -> None:
        """ "Treatment for babesiosis was stopped", "the antibiotics for the pneumonia were discontinued": the active
        courses tied to that condition stop (completed for "completed / finished"); none when no course is tied to it.
        A class head ("antibiotics for X") stops only the tied courses of its members."""
        for keys, act, at, head in stops(self.text, sent, conditions):
            klass = next((str(m.norm or "").lower() for m in mentions if m.type == "drug_class" and m.start >= at
                          and m.start < at + 40), "") if head else ""
            members = _class_members().get(klass, frozenset()) if klass else frozenset()
            when = st.at(at)
            why = None if act == "complete" else _reason(self.text[at:sent[1]])
            for name, exp in list(self.active.items()):
                if not (self._for.get(exp.id, frozenset()) & keys):
                    continue
                if members and not (name in members or f"drug_class:{exp.drug_class}" in members):
                    continue
                self._stop(name, when, why, "completed" if act == "complete" else "stopped")

    def _given(self, sent: tuple[int, int], mentions: list[Mention]) -> _Mentions:
        """The sentence's mentions by what they tell of a treatment given: drugs taken, doses (not a taper's step),
        routes, classes, frequencies, lengths and times."""
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
            elif m.type == "frequency" or (m.type == "dose" and m.attrs.get("period_unit")
                                           and not m.attrs.get("threshold")):
                ms.freqs.append(m)  # a dose mention without a value that carries only the timing (not "below 15 mg
                # on alternate days": a threshold, neither a dose nor a schedule given)
            elif m.type == "duration" and m.attrs.get("signal") in ("for", "over") and not m.attrs.get("vague"):
                ms.durations.append(m)
            elif m.type == "duration" and not m.attrs.get("signal") and not m.attrs.get("vague"):
                ms.leads.append(m)
            elif m.type == "duration" and m.attrs.get("signal") == "after" and not m.attrs.get("vague") \
                    and (m.attrs.get("rel_anchor") == "treatment" or _A_COURSE_OF[1].match(self.text, m.end)):
                ms.lengths_after.append(m)  # (not "after 4 days of admission"; "after a 7-day course" is one)
            if m.type in ("date", "time") and not m.attrs.get("vague"):
                ms.times.append(m)
        return ms

    def _read_drugs(self, sent: tuple[int, int], ms: _Mentions, drugs: list[Mention], st: SentenceTime,
                    prev: TimeRef | None) -> _DrugSentence:
        """What the sentence tells of all its drugs at once: each one's action by its cue, the clauses, the doses
        told before the drugs, the admission it tells, and its times (and its "until" times as placed)."""
        text = self.text
        s0, s1 = sent
        regex, meta = _cues()
        cues = [(c.start() + s0, c.end() + s0, *meta[re.sub(r"\s+", " ", c.group(0).lower())])
                for c in finditer(regex, text[s0:s1])]  # rx_first: same matches, by its lowered twin
        cues = _dated_on(text, _not_double_negated(text, cues), ms.index(ms.times), meta)
        if "followed" in text[s0:s1]:  # "X was reintroduced, followed one week later by Y": Y's start
            cues = sorted([*cues, *((m.start(), m.end(), "start", "before")
                                    for m in _FOLLOWED_LATER_BY.finditer(text, s0, s1))])
        inner = [*ms.drugs, *ms.doses, *ms.routes, *ms.freqs]
        ms.inner = ByStart(sorted(inner, key=lambda m: m.start))  # only whether each lies in a gap matters
        blocks = _Blocks(text, s0, s1, inner)
        a_of, b_of = [c[0] for c in cues], [c[1] for c in cues]
        actions = {id(d): _action(text, d, ms.index(drugs), cues, ms.inner, blocks, a_of, b_of) for d in drugs}
        for d in _gapped_stops(text, drugs, actions, s1):
            actions[id(d)] = "stop"  # "X was discontinued after 7 days, Y after 14 days": Y's stop, its verb left out
        for d in drugs:  # "all other medications except X were discontinued": X goes on
            if actions[id(d)] in ("stop", "swap-stop", "hold") and _excepted(text, d, drugs, s0):
                actions[id(d)] = "ongoing"
        uncued = {k for k, v in actions.items() if v == _UNCUED}
        actions = {k: "start" if v == _UNCUED else v for k, v in actions.items()}
        named = ms.index([d for d in drugs if not d.attrs.get("class_course")])  # a class word owns no dose after it
        before = {id(d): _dose_before(text, d, ms.index(ms.doses), named, ms.inner) for d in drugs}
        told = _DrugSentence(
            sent=sent, st=st, prev=prev, ms=ms, drugs=drugs, cues=cues, a_of=a_of, b_of=b_of, actions=actions,
            uncued=uncued, clauses=_clauses(text, s0, s1), before=before,
            claimed={id(m) for m in before.values() if m is not None},  # "75 mg of azathioprine" is no taper step
            admitted=_ADMITTED.search(text, s0, s1))
        ended = self._after_course_of(sent, drugs)
        if ended is not None:  # "After completion of cyclophosphamide, she was maintained on MMF": from its end
            told.drugs = [d for d in drugs if d is not ended[0]]
            told.st = st = SentenceTime(time=ended[1], timex=None)
        told.drug_ix, told.dose_ix = ms.index(told.drugs), ms.index(ms.doses)
        # (not where a glued legend turns the time unknown: it dates nothing before it, left14)
        told.told = sorted([*([(st.timex.start, st.time)] if st.timex is not None else []),
                            *(x for x in st.shifts if x[1].derivation != "unknown")], key=lambda x: x[0])
        told.until_at = until_at = {t.start for t in ms.times if _until_at(text, t)} | {
            t.start for prev, t in zip(ms.times, ms.times[1:], strict=False) if _range_end(text, prev, t)
            and _counted(t)}  # "from week 3 to week 8": the course's last week
        placed_at = dict(told.told)
        # each "until" time as placed: a date by itself, "until postoperative day 5" as the sentence placed it
        self._until_times = {p: place_one(t, st.time) if _absolute_date(t) else placed_at.get(p)
                             for t in ms.times if (p := t.start) in until_at}
        told.later_step = Forward(_LATER_STEP, text, st.timex.start) if st.timex is not None else None
        return told

    def _drug(self, d: Mention, t: _DrugSentence) -> None:
        """One drug of the sentence: its action, dose, time and reason, applied to its exposure; then what the rest
        of the sentence tells of it (a switch, a stop, a later restart, the steps of its dose)."""
        text, ms, sent, st = self.text, t.ms, t.sent, t.st
        s0, s1 = sent
        action, first, clause, resumed = self._drug_action(d, t)
        dose, split = self._drug_dose(d, t, clause, resumed)
        if d.attrs.get("class_course") and dose is not None and \
                _LISTED_AFTER.search(text, d.end, max(d.end, dose.start)):
            dose = split = None  # "antibiotics, and 2 g/kg IVIG": the next item's dose, no class's
        own = self._drug_time(d, t, action, first, clause, resumed)
        seg = self._segment(d, t.drugs, ms, own, sent, dose)
        if split and seg is not None:
            _split_dose(text, seg, split)
        stops = action in ("stop", "swap-stop", "hold")
        why = ms.reason(text, _clause_of(t.clauses, d.start)) if stops else None
        if stops and why is None:
            why = _induced_reason(text, sent, d, ms.induced(text, sent)) or _harm_told_before(text, sent, d) \
                or _failure_told_before(text, sent, d) or _lost_effect_told(text, sent, d, t.drugs) \
                or _onset_told_before(text, sent, d)
        act = "stop" if action == "swap-stop" else "start" if action in ("swap-start", "taking") else action
        if d.attrs.get("class_course") and self._class_told_of_member(d, act, _uncued_alone(d, t, clause), seg):
            return
        when = self._course_time(d, t, act, own, seg, dose)
        if act == "start" and seg is None and self._named_as_cause(d):
            return  # "DRESS due to allopurinol" after allopurinol was stopped: that course, not a new one
        if act == "start" and id(d) in t.uncued and self._over(d.norm or d.text, when) and (
                seg is None or seg.dose is None and seg.timing is None and seg.route is None
                and _ELAPSED_OF.search(text, max(s0, d.start - 60), d.start)):
            # "the fever resolved after ceftriaxone", "afebrile after 7 days of X therapy", a figure's legend:
            # that course, not a new one ("6 additional weeks of X" after it is a new one)
            return
        if act in ("stop", "hold") and resumed is None and (held := _held_for(text, d, ms.durations, clause)):
            self._holds[d.norm or d.text] = held  # "X was held for 2 weeks": resumed, if told, when it is over
        elif act == "restart" and st.timex is None and (over := self._hold_over_told(d.norm or d.text)):
            when = over  # "X was held for 2 weeks. X was then resumed at 10 mg weekly."
            if seg is not None:
                seg.start = over
        if act == "start" and _PUT_OFF.match(text, d.end):
            act = "not_taken"  # "Initiation of X was postponed", "scheduled to start X, but this was deferred"
        if action == "swap-start":
            self._patient_switch(d, t.drugs, ms, when, _clause_of(t.clauses, d.start), t.actions)
        if act in ("start", "ongoing") and self._told_lower(d, seg, when, sent):
            seg = None  # "at last follow-up, on low-dose prednisolone": a later segment, its dose not given
        self.apply(act, d, when, sent, seg, why, cued=id(d) not in t.uncued)
        self._after_applied(d, t, action, act, first, seg, dose)

    def _class_told_of_member(self, d: Mention, act: str, uncued: bool, seg: DoseSegment | None) -> bool:
        """Does a class word (`classes_given`) tell no course of its own: named with no cue nor dose nor route
        ("antibiotic resistance", "the steroids' side effects"), or stopped when a member's course was told before
        ("steroids were discontinued" after prednisone's course)?"""
        if uncued and not d.attrs["given_after"] and (seg is None or seg.dose is None and seg.route is None):
            return True
        if act == "not_taken" and d.norm in self.active:
            return True  # "treated with steroids; a high-dose steroid regimen was not given": the course goes on
        return act in ("stop", "hold") and d.norm not in self._of and any(
            x.drug_class == d.attrs["drug_class"] or x.drug in _class_members().get(str(d.attrs["class_course"]), ())
            for x in self.exposures)

    def _drug_action(self, d: Mention, t: _DrugSentence) -> tuple[str, int | None, tuple[int, int], re.Match | None]:
        """The drug's action (its cue's), where a drug given and then switched was switched (`first`), its clause, and
        a resumption the clause tells after a stop or hold."""
        action = t.actions[id(d)]
        clause = _clause_of(t.clauses, d.start)
        first = _given_then_switched(self.text, d, t.cues, t.ms.inner, t.a_of, t.b_of) \
            if action == "swap-stop" and self.active.get(d.norm or d.text) is None else None
        if first is not None:
            action = "start"  # "she initially received X, then was switched to Y": X began here, stopped later
        # "X was held for 2 weeks and then resumed at 10 mg on 20 June": the hold's time and dose are told
        # before the resumption, whose own are the new course's (see _later_restart)
        resumed = _RESUMED_AFTER.search(self.text, d.end, t.drug_ix.next_other(d, t.sent[1])) \
            if action in ("stop", "hold") else None
        if resumed is not None:
            clause = (clause[0], min(clause[1], resumed.start()))
        return action, first, clause, resumed

    def _drug_dose(self, d: Mention, t: _DrugSentence, clause: tuple[int, int],
                   resumed: re.Match | None) -> tuple[Mention | None, list[Mention] | None]:
        """The dose told of the drug (after it, before it, shared with the drugs named with it, or a rate), and the
        doses of a day split into parts ("500 mg in the morning and 250 mg in the evening"), claimed for it."""
        text, dose_ix, drug_ix = self.text, t.dose_ix, t.drug_ix
        free = _free(t.claimed, t.before[id(d)], resumed.start() if resumed is not None else None)
        dose = _nearest_after(d, dose_ix, drug_ix, 60, free) or t.before[id(d)] or \
            _shared_dose(text, d, drug_ix, dose_ix, t.sent[0]) or \
            _rate_of(text, d, drug_ix, dose_ix, clause, free)
        split = _split_day(text, dose, lambda pos, free=free: _first_at(dose_ix, pos, free)) \
            if dose is not None and dose.start >= d.end else None
        if split:
            t.claimed |= {id(m) for m in split[1:]}  # "500 mg in the morning and 250 mg in the evening": one day
        return dose, split

    def _drug_time(self, d: Mention, t: _DrugSentence, action: str, first: int | None, clause: tuple[int, int],
                   resumed: re.Match | None) -> TimeRef:
        """The time the drug's action takes place: its own in the sentence (`_own_time`), unless that time is
        another event's (an "until" date, a death, a resumption, a later step, a stop or a switch told after it),
        then the time before it or one the text does not give; after another course ("followed by"), from its end."""
        text, st, prev, told = self.text, t.st, t.prev, t.told
        own = _own_time(st, d, t.drug_ix, clause, told, text)
        if (paired := self._respective(d, t.drugs, t.ms, t.sent, st)) is not None:
            return paired  # "X and Y were started in 2015 and 2018, respectively": the n-th drug the n-th time
        if own is st.time and st.origin is not None and own.derivation == "carried" and \
                carried_barred(text, st.origin, t.sent[0]):
            # the story's time set by a caption, a relative's story, an expected date or a time paragraphs back:
            # not this drug's (expqa10)
            own = TimeRef(derivation="unknown")
        if t.until_at and own.known and any(own == x for pos, x in told if pos in t.until_at):
            # "amoxicillin 1 g TDS until 10/02/2024 and metformin": that date ends a course and starts none; the
            # drugs began at the time told before it, or at one the text does not give
            earlier = [x for pos, x in told if pos < d.start and pos not in t.until_at]
            own = earlier[-1] if earlier else prev if prev is not None and prev.known \
                else TimeRef(derivation="unknown")
        if (day := _bracketed_day(text, d, own)) is not None:
            own = day  # "methylprednisolone (hospital day 14), rituximab (hospital day 18)": each its own day
        if st.timex is not None and own is st.time and st.timex.start >= d.end and \
                _DIED_AT.search(text, max(d.end, st.timex.start - 40), st.timex.start):
            # "X was given at once, but she died on day 3", "despite X, he died on day 35": the death's time,
            # not the drug's (given before it, at a time the sentence does not give)
            own = self._carried_before(st, prev)
        if action in ("start", "taking", "swap-start", "ongoing") and st.timex is not None and own is st.time and \
                st.timex.start >= d.end and _BUT_CLAUSE.search(text, d.end, st.timex.start) is not None:
            # "he was treated with X but was intubated on April 14": the intubation's date; X began at the story's
            # time before it, or at one the sentence does not give
            own = self._carried_before(st, prev)
        if resumed is not None and st.timex is not None and st.timex.start >= resumed.end() and not st.shifts:
            # "X was interrupted for 6 weeks and resumed on 20 June": the date is the resumption's; the hold
            # began that length before it, or at a time the sentence does not give
            own = self._hold_began(d, t.ms, resumed, st.time)
        if prev is not None and prev.known and t.later_step is not None and d.end <= st.timex.start \
                and t.later_step.search(d.end):  # type: ignore[union-attr]
            # "R-ICE was given, followed by BEAM and a transplant in August 2019": the date is the later step's
            own = prev.model_copy(update={"derivation": "carried"})
        if action == "start" and st.timex is not None and own is st.time and d.end <= st.timex.start and \
                (gone := _LATER_STOP.search(text, d.end, st.timex.start)) is not None and \
                t.drug_ix.next_start(d.end, t.sent[1]) > gone.start():
            # "X was started on admission, but discontinued 5 days later": the time told after the stop is the
            # stop's (`_later_stop`); X began at the story's time before it, or at one the sentence does not give
            own = self._carried_before(st, prev)
        if action == "start" and st.timex is not None and own is st.time and d.end <= st.timex.start and \
                _LATER_CHANGE.search(text, d.end, st.timex.start) is not None:
            # "methotrexate was started at 15 mg weekly and increased to 20 mg weekly in September", "started on X
            # and Y 20 mg, tapered to 5 mg by October": the time told after the change is the change's; the starts
            # were before it, at the story's time or one not given
            own = self._carried_before(st, prev)
        if action == "start" and st.timex is not None and own is st.time and d.end <= st.timex.start and \
                (nxt := max((o.start for o in t.drugs if d.end <= o.start < st.timex.start), default=-1)) >= 0 and \
                _WITH_BEFORE.search(text, max(d.end, nxt - 8), nxt) and \
                _ADDED_AT.search(text, max(nxt, st.timex.start - 30), st.timex.start):
            # "treated with X and Y, with Z added on day 5": the day is Z's; X and Y began at the story's time
            own = self._carried_before(st, prev)
        if first is not None and st.timex is not None and own is st.time and st.timex.start >= first:
            # "initially received X, then was switched to Y on day 4": the time is the switch's; X began at the
            # story's time before it, or at one the sentence does not give
            own = self._carried_before(st, prev)
        head = _list_head(text, d, t.drug_ix)  # "followed by four months of rifampicin and isoniazid": both
        if action == "start" and (after := self._followed(head, t.drug_ix)) is not None:
            own = after  # "completed 6 weeks of X, followed by oral Y": Y from X's end
        elif action == "start" and own.known and (then := _length_then(text, head, t.ms.index(t.ms.durations))):
            # "antibiotics for 2 weeks, followed by 4 weeks of oral Y": that long after the sentence's time
            own = days_after(own, then[0], then[1], "course before")
        return own

    def _taper_stretch(self, d: Mention, seg: DoseSegment, dose: Mention, before: tuple[float, str], start: TimeRef,
                       steps: str) -> None:
        """The stretch of a step taper: its dose between the target and the dose before (never a dose the text does
        not give), from `start` until the target is reached."""
        exp = self.active.get(d.norm or d.text)
        if exp is None or not exp.segments:
            return
        low = float(dose.attrs["value"])
        taper = DoseSegment(dose=Dose(value=low, value_high=before[0], unit=before[1], text=f"tapered {steps}"),
                            timing=seg.timing, route=seg.route or exp.segments[-1].route, start=start,
                            provenance=seg.provenance)
        self._add_segment(exp, taper, start)

    def _dose_before(self, d: Mention, seg: DoseSegment) -> tuple[float, str] | None:
        """The dose (value, unit) of the segment before `seg` in the drug's course, when it has one."""
        exp = self.active.get(d.norm or d.text)
        segs = exp.segments if exp is not None else []
        at = next((k for k, s in enumerate(segs) if s is seg), len(segs))
        prev = segs[at - 1].dose if at > 0 else None
        return (prev.value, prev.unit) if prev is not None and prev.value is not None and prev.unit else None

    @staticmethod
    def _carried_before(st: SentenceTime, prev: TimeRef | None) -> TimeRef:
        """The story's time before the sentence's (carried), when known and not ended before the sentence's time;
        else a time the text does not give."""
        return prev.model_copy(update={"derivation": "carried"}) if prev is not None and prev.known \
            and not _ended_before(st.time, prev) else TimeRef(derivation="unknown")

    def _course_time(self, d: Mention, t: _DrugSentence, act: str, own: TimeRef, seg: DoseSegment | None,
                     dose: Mention | None) -> TimeRef:
        """When the action takes effect: a taper's or a stop's length after it, a stop after the course's told
        length; a start told before the admission, as taken for a length, or in the medication history, since before
        the story (the segment's start moved with it)."""
        text, ms, st, clauses, drug_ix = self.text, t.ms, t.st, t.clauses, t.drug_ix
        s0, s1 = t.sent
        if act == "decrease" and seg is not None and dose is not None and \
                (over := _taper_length(text, dose, ms.index(ms.durations), _clause_of(clauses, d.start))) \
                is not None:
            seg.start = days_after(st.at(d.start), *over)  # "tapered to 7.5 mg daily over six months"
        elif act == "decrease" and seg is not None and dose is not None and (before := self._dose_before(d, seg)) and \
                (over := _step_taper_length(text, dose, _clause_of(clauses, d.start), *before)) is not None:
            # "tapered by 10 mg every two weeks to 20 mg daily": from the sentence's time a stretch between the two
            # doses, then the dose reached when the steps are over
            self._taper_stretch(d, seg, dose, before, st.at(d.start), over[2])
            seg.start = _between(st.at(d.start), *over)
        when = seg.start if seg is not None and act == "decrease" else own
        if act == "stop" and (over := _stop_length(text, d, ms, _clause_of(clauses, d.start))):
            when = days_after(when, *over)  # "weaned off over the following 4 weeks": off when that time is over
        elif act in ("stop", "complete") and (length := self._stopped_after(d, ms, _clause_of(clauses, d.start))):
            when = length  # "azithromycin was stopped after 5 days": 5 days after its start
        if act != "start" or self.active.get(d.norm or d.text) is not None:
            return when
        if t.admitted is not None and d.end <= t.admitted.start():
            # "a man with Crohn's disease treated with azathioprine was admitted in October 2020": taken before
            # the admission, since a time the text does not give
            when = TimeRef(derivation="unknown", text=BEFORE_ADMISSION)
        elif st.timex is None and own.known and (_PERFECT.search(text, s0, d.start) or _SPAN_TO_NOW.search(
                text, d.end, s1)) and (length := _taken_for(text, d, dose, ms, drug_ix, s0)) is not None:
            # "he had been treated with A and B for three years", "For 4 months, the patient had been given X":
            # taken since that long before the story's time (no finer than the length allows), still taken
            when = _since(own, *length)
        elif (not own.text or own is st.time and st.timex is None) and _MED_HISTORY.search(text, s0, d.start):
            # "her regular medications included X": taken when the story begins (its time), since before it; a
            # time carried from the sentence before ("seen by her doctor earlier the same day") is when it was
            # known to be taken, not when it was started (expqa10)
            when = own.model_copy(update={"text": BEFORE_ADMISSION})
        elif st.timex is not None and st.timex.start > drug_ix.next_start(d.end, s1) and \
                _MED_HISTORY.search(text, s0, d.start):
            # "his medications included X, Y, and Z, which had been started 10 weeks before": that time is Z's;
            # X and Y were taken before the admission, since a time the text does not give
            when = TimeRef(derivation="unknown", text=BEFORE_ADMISSION)
        else:
            return when
        if seg is not None:
            seg.start = when
        return when

    def _after_applied(self, d: Mention, t: _DrugSentence, action: str, act: str, first: int | None,
                       seg: DoseSegment | None, dose: Mention | None) -> None:
        """What the rest of the sentence tells of a drug once its action is applied: taken then, switched or stopped
        later, the regimen it was given under, a later restart after a stop, the steps of its dose, a later stop."""
        text, ms, sent, st = self.text, t.ms, t.sent, t.st
        s1 = sent[1]
        if action == "taking":  # "she takes X", "was taking X": read as started then, and being taken then
            self._taken_then(d, seg, s1)
        if first is not None:
            self._switched_later(d, st, first, ms.reason(text, (first, s1)))
        elif act == "start" and (switched := _started_then_switched(text, d, t.drug_ix, s1)) is not None:
            # "piperacillin was started and then changed to ceftriaxone": stopped at the switch, whose time the
            # sentence does not give apart from the start's
            self._stop(d.norm or d.text, TimeRef(derivation="unknown"), ms.reason(text, (switched, s1)))
        elif act == "start" and len(t.drugs) == 1 and (gone := _SELF_STOPPED.search(text, d.end, s1)):
            self._stopped_after_start(d, st, gone, s1)
        if (reg := _regimen_name(text, d, ms.regimens())) and \
                (x := self.active.get(d.norm or d.text)) is not None and x.regimen is None:
            x.regimen = reg  # "six cycles of R-CHOP": the protocol each of its drugs was given under
        if act in ("stop", "hold"):
            self._later_restart(d, t.drugs, ms, sent, st)
            return
        exp_now = self.active.get(d.norm or d.text)
        since = exp_now.segments[-1].start if exp_now is not None and exp_now.segments else None
        if dose is not None and dose.start >= d.end:
            self._steps(d, t.drugs, ms, sent, st, seg, dose, t.claimed)
        # the stop told after the steps ("..., 30 mg daily from week 7, and was stopped at week 26") ends the
        # last of them; a length ("stopped after 5 days") still counts from the course as it stood before them
        self._later_stop(d, t.drugs, ms, sent, st, t.clauses, since)


    def _switched_later(self, d: Mention, st: SentenceTime, first: int, why: str | None) -> None:
        """The stop of a drug given and then switched in one sentence (`_given_then_switched`): at the time the
        sentence tells after the switch, else at the end its told length gives ("X was given for two days, then
        switched"), else at a time the text does not give."""
        name = d.norm or d.text
        exp = self.active.get(name)
        seg = exp.segments[-1] if exp is not None and exp.segments else None
        if st.timex is not None and st.timex.start >= first:
            when = st.time
        elif seg is not None and seg.end is not None and _told_end(seg):
            when = seg.end
        else:
            when = TimeRef(derivation="unknown")
        self._stop(name, when, why)

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
        # a later clause of the sentence that moved on to its own time ("switched to X; this was stopped eighteen
        # months later"): the stop's time is that clause's (docqa16)
        moved = st.at(gone.start())
        when = st.time if late else moved if moved is not st.at(d.start) and moved.known else TimeRef(
            derivation="unknown")
        self._stop(name, when, _reason(self.text[gone.end():s1]) or _lost_effect_told(self.text, (d.start, s1), d, [d]))

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
        if any(x.start < told.start() and actions.get(id(x)) == "stop" for x in drugs):
            return  # "X was discontinued because of Y, and she was switched to Z": the switch is from X, stopped
            # already; the other drugs she takes go on (docqa16)
        group = _class_group(d.norm or d.text, d.attrs.get("drug_class"))
        if not group:
            return
        named = {x.norm or x.text for x in drugs
                 if x.end > told.start() or actions.get(id(x)) not in ("start", _UNCUED, "swap-start")}
        told_here = {x.norm or x.text for x in drugs}  # "X for another 10 days, and then switched to Y": X's length
        why = ms.reason(self.text, clause) or _lost_effect_before_switch(self.text, told.start())
        switched = [name for name, exp in self.active.items()
                    if not (name in told_here and exp.segments and (exp.segments[-1].length_days is not None or
                                                                   exp.segments[-1].end is not None))
                    and name not in named and (name in group or f"drug_class:{exp.drug_class}" in group)]
        # the courses of the drug's own class are those it switches from: "Etanercept ... lost its effect, and she
        # was switched to adalimumab" (anti-TNF to anti-TNF) stops etanercept, not the leflunomide given with it
        # (left16); none of its class running: every running course of the group
        own = d.attrs.get("drug_class")
        near = [name for name in switched if own and self.active[name].drug_class == own]
        for name in near or switched:
            self._stop(name, when, why)

    def _started_then_changed(self, t: _DrugSentence) -> None:
        """ "Vancomycin and piperacillin/tazobactam were initiated but changed the following day to vancomycin, cefepime
        and metronidazole": the drugs the sentence started before a change told with its own later time stop then
        (with the change's reason), unless the new list names them again (they go on)."""
        text, (s0, s1) = self.text, t.sent
        if _CHANGE_VERB.search(text, s0, s1) is None:
            return  # (most drug sentences: the change's verb first, before the pattern tried at every space)
        told = _CHANGED_TO.search(text, s0, s1)
        if told is None:
            return
        left = [d for d in t.drugs if d.end <= told.start() and t.actions.get(id(d)) == "start"]
        right = [d for d in t.drugs if d.start >= told.end()]
        if not left or not right or not _LATER_TIME_WORDS.search(text, told.start(), told.end()):
            return
        again = {d.norm or d.text for d in right}
        when = t.st.at(right[0].start)
        why = t.ms.reason(text, (told.start(), s1))
        for d in left:
            name = d.norm or d.text
            exp = self.active.get(name)
            if name not in again and exp is not None and exp.segments and exp.segments[-1].end is None \
                    and when.known and _told_later(exp.segments[-1].start, when):
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
            if later.timing is None and _SINGLE_AFTER.match(self.text, nxt.end):
                pass  # "10 mg twice daily for 1 day and 6 mg once": one dose, not the schedule before it (docqa10)
            else:
                later.timing = timing = later.timing or timing  # "60 mg daily ..., and 40 mg for 2 weeks": daily
            self._update_dose(self.active[name], later, when)
            when = later.end or when

    def _step_time(self, dose: Mention, ms: _Mentions, d: Mention, when: TimeRef) -> TimeRef | None:
        """The time written right after one step of a dose sequence: a calendar date ("20 mg/day in July 2023") or
        a week of the course ("40 mg daily from week 5": week 1 is the course's first 7 days)."""
        t = next(iter(ms.index(ms.times).window(dose.end, dose.end + 17)), None)
        if t is not None and t.attrs.get("signal") == "after" and _AFTER_GAP.fullmatch(self.text, dose.end, t.start) \
                and (days := _days(str(t.attrs.get("duration") or ""))) is not None \
                and (exp := self.active.get(d.norm or d.text)) is not None and exp.segments[0].start.known:
            # "started in September but reduced to 100 mg twice daily after one month": a month into the course
            return days_after(exp.segments[0].start, days, t.text)
        if t is None or not _STEP_TIME_GAP.fullmatch(self.text, dose.end, t.start):
            return None
        if t.attrs.get("kind") == "absolute":
            return place_one(t, when if when.known else None)
        week = _WEEK_OF_COURSE.fullmatch(t.text)
        exp = self.active.get(d.norm or d.text)
        if week is None or exp is None or not exp.segments or not exp.segments[0].start.known:
            return None
        return days_after(exp.segments[0].start, (float(week.group(1)) - 1) * 7, t.text)

    def _completed_since(self, d: Mention, sent: tuple[int, int], when: TimeRef) -> TimeRef:
        """The start of a course first told as completed with its length ("after he completed 1 week of X"): that
        length before its end, an estimate; unknown when the length or the end is not told (a time carried from an
        earlier sentence is not the end's)."""
        told = _COMPLETED_LENGTH.search(self.text, max(sent[0], d.start - 80), d.start)
        if told is None or not when.known or when.derivation not in ("stated", "relative"):
            return TimeRef(derivation="unknown")  # (a carried time is no told end: counting back from it misleads)
        days, written = _completed_length(self.text, told)
        return days_after(when, -days, written, anchor="exposure end").model_copy(
            update={"derivation": "estimated"})

    def _stopped_after(self, d: Mention, ms: _Mentions, clause: tuple[int, int]) -> TimeRef | None:
        """ "X was stopped / completed after 5 days": the course's length, counted from the start of the course
        being taken (not from the story's last time)."""
        exp = self.active.get(d.norm or d.text)
        if exp is None or not exp.segments or not exp.segments[0].start.known:
            return None
        since_start = _STOPPED_SINCE_START.match(self.text, d.end, clause[1])
        if since_start is not None:  # "X was discontinued 2 days after administration": from its start
            n = int(NUMBER_WORDS.get(since_start["n"].lower(), since_start["n"]))
            return days_after(exp.segments[0].start, n * UNIT_DAYS[since_start["u"].lower().rstrip("s")],
                              since_start.group("t"))
        told = _COMPLETED_LENGTH.search(self.text, max(clause[0], d.start - 80), d.start)
        if told is not None:  # "she completed 6 weeks of intravenous ertapenem": that long from its start
            return days_after(exp.segments[0].start, *_completed_length(self.text, told))
        after = [*ms.index(ms.times).window(d.end, clause[1]), *ms.index(ms.lengths_after).window(d.end, clause[1])]
        end, drugs = d.end, ms.index(ms.drugs)
        while (nxt := drugs.first_from(end + 1)) is not None and _LIST_LINK.fullmatch(self.text, end, nxt.start):
            end = nxt.end  # "ethambutol and pyrazinamide were stopped after two months": the list's stop
        for t in sorted(after, key=lambda t: t.start):  # "after 5 days", "after 12 months of treatment" (a length)
            if t.attrs.get("signal") != "after":
                continue
            days = _days(str(t.attrs.get("duration") or ""))
            if days is not None and (_STOPPED_AFTER.fullmatch(self.text, end, t.start)
                                     or _GAPPED_AFTER.fullmatch(self.text, d.end, t.start)
                                     or self._course_length(end, t)):
                return days_after(exp.segments[0].start, days, t.text)
        stop = _STOPPED_AFTER.match(self.text, d.end, clause[1])
        counted = _AFTER_DOSES.match(self.text, stop.end(), clause[1]) if stop else None
        per_day = next((_per_day(s.timing) for s in reversed(exp.segments) if s.timing and s.timing.period), None)
        if counted is not None and per_day:  # "cyclophosphamide every 2 weeks ... was stopped after 6 doses"
            n = int(NUMBER_WORDS.get(counted["n"].lower(), counted["n"]))
            return days_after(exp.segments[0].start, n / per_day, counted.group(0)) if n > 0 else None
        return None

    def _course_length(self, end: int, t: Mention) -> bool:
        """ "X was stopped after a 7-day course": the length `t` is the course's, told as its adjective."""
        stop = _STOPPED_AFTER.match(self.text, end, t.start)
        article, noun = _A_COURSE_OF
        return stop is not None and article.fullmatch(self.text, stop.end(), t.start) is not None \
            and noun.match(self.text, t.end) is not None

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
            last = now.segments[-1] if now.segments else None  # or at its "until" day (expqa10)
            return last.end if last is not None and _told_end(last) and last.end is not None \
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

    def all_stopped(self, sent: tuple[int, int], st: SentenceTime, drugs: list[Mention] | None = None) -> None:
        """ "All drugs were stopped", "all four drugs were discontinued because of X": every course being taken stops.
        With a count, the courses counted are those that are no vitamin, mineral or iron supplement (ATC A11, A12, B03:
        "all four drugs" of a tuberculosis regimen given with pyridoxine); when the count is not theirs, none is
        guessed."""
        m = _ALL_STOPPED.search(self.text, sent[0], sent[1])
        if m is None:
            return
        names = list(self.active)
        if m["other"] or m["exc"] or m["exc_after"]:
            # "all other medications (except X) were discontinued": not the drugs the sentence names as going on;
            # an exception that names no drug of the story ("except those for diabetes") leaves every course as is
            named = [d for d in drugs or [] if d.start > m.start()]
            kept = {d.norm or d.text for d in named if _excepted(self.text, d, named, sent[0])}
            if (m["exc"] or m["exc_after"]) and not kept:
                return
            kept |= {d.norm or d.text for d in drugs or []} if m["other"] else set()
            # and only the courses the story started: one of the history whose start is not told may have ended
            # long before (its stop not read), and is no "other medication" of the stay
            names = [k for k in names if k not in kept and self.active[k].segments[0].start.known]
        if m["n"]:
            n = int(NUMBER_WORDS.get(m["n"].lower(), m["n"]))
            names = [k for k in names if not _supplement(self.active[k])]
            if len(names) != n:
                return
        when = st.at(m.start())
        if m["before"]:  # the medications taken before: those begun at a time not told or before this one
            names = [k for k in names if not (first := self.active[k].segments[0].start).known
                     or _told_later(first, when)]
        why = _reason(self.text[m.end():sent[1]])
        for name in names:
            self._stop(name, when, why)

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
        cues = _not_double_negated(self.text, [
            (c.start() + sent[0], c.end() + sent[0], *meta[re.sub(r"\s+", " ", c.group(0).lower())])
            for c in finditer(regex, self.text[sent[0]:sent[1]])])
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
            # "all antibiotics were stopped except X": the member excepted goes on
            kept |= {d.norm or d.text for d in ms.drugs if _excepted(self.text, d, ms.drugs, sent[0])}
            when = st.at(c.start)
            if over := _stop_length(self.text, c, ms, _clause_of(clauses, c.start)):
                when = days_after(when, *over)  # "steroids were tapered off over eight weeks": off when it is over
            for name, exp in list(self.active.items()):
                if (name in members or f"drug_class:{exp.drug_class}" in members or
                        is_class_course(exp, str(c.norm).lower())) and name not in kept:
                    self._stop(name, when, why)

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

    def _regimen_cycle(self, sent: tuple[int, int], st: SentenceTime) -> None:
        """A regimen's cycles told without its drugs, with their date (documents QA round docqa5): "Cycle 1 started on
        17/03/2025" right after the sentence naming the regimen's drugs starts their courses that no time started;
        "Cycle 8, the final cycle, was completed on 29/07/2025" completes the courses of the last regimen told that
        are still taken (a drug stopped or left out before stays so)."""
        if _FIRST_CYCLE.match(self.text, sent[0], sent[1]):
            for d in self._previous:
                exp = self._last_of(d.norm or d.text)
                if exp is not None and exp.segments and not exp.segments[0].start.known \
                        and exp.status in ("unknown", "active"):
                    exp.segments[0].start = st.time
                    if not exp.time.known:
                        exp.time = st.time
            return
        if not _FINAL_CYCLE.match(self.text, sent[0], sent[1]):
            return
        regimens = [e.regimen for name in self.active for e in (self.active[name],) if e.regimen]
        if len(set(regimens)) != 1:
            return  # no regimen, or more than one being given: which one ended, the sentence does not say
        for name in sorted(n for n, e in self.active.items() if e.regimen == regimens[0]):
            self._stop(name, st.time, None, status="completed")

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

    def _respective(self, d: Mention, drugs: list[Mention], ms: _Mentions, sent: tuple[int, int],
                    st: SentenceTime) -> TimeRef | None:
        """The time "respectively" pairs with drug `d` of a list (assembly/respectively.py), if any (left13)."""
        if "respectively" not in self.text[d.end:sent[1]].lower():
            return None
        return paired_time(self.text, sent, drugs, d, placed_times(st, ms.times, sent))

    def _later_stop(self, d: Mention, drugs: list[Mention], ms: _Mentions, sent: tuple[int, int], st: SentenceTime,
                    clauses: list[tuple[int, int]], since: TimeRef | None = None) -> None:
        """The stop of a drug this sentence started, stated after it with the subject left out: its time (a date in
        that clause, or "after N days" from the start; else unknown) and its reason."""
        name = d.norm or d.text
        exp = self.active.get(name)
        if exp is None:
            return
        paired = self._respective(d, drugs, ms, sent, st)
        last, drug_ix = d, ms.index(drugs)
        while paired is not None and (nxt := drug_ix.first_from(last.end)) is not None and nxt.start < sent[1] \
                and _LIST_LINK.fullmatch(self.text, last.end, nxt.start):
            last = nxt  # "PSL and FK506 were tapered and stopped at days 360 and 508, respectively": the list's stop
        # a stop told after another drug mention is not this one's (the check below), so the search ends there: the
        # pattern's words hold no drug name, and one long sentence of many drugs stays linear
        end = drug_ix.next_start(last.end, sent[1])
        m = _LATER_STOP.search(self.text, last.end, min(end, drug_ix.next_other(last, sent[1])))
        if m is None and end < sent[1] and end == ms.index(drugs).next_other(d, sent[1]) and \
                (sw := _LATER_SWITCH.search(self.text, d.end, end)) is not None and \
                _SWITCH_GAP.fullmatch(self.text, sw.end(), end):
            m = sw  # "X was started on day 1 and changed to Y on day 2": X stops at the switch (only at a time told)
        if m is None and (need := _REQUIRED_STOP.search(self.text, d.end, end)) is not None:
            # "Carbamazepine caused a rash, which necessitated its discontinuation": stopped, the event its reason
            self._stop(name, TimeRef(derivation="unknown"), _required_reason(self.text[d.end:need.start()]))
            return
        if m is None or end < m.start():
            return
        clause_end = (span_of(clauses, m.end()) or (0, sent[1]))[1]
        tail = ms.index(ms.times).window(m.end(), clause_end) if paired is None else []
        when = TimeRef(derivation="unknown") if paired is None else paired
        for t in tail:
            if t.attrs.get("kind") == "absolute":
                when = place_one(t, st.time) or when  # a date without its year ('on 30 June') from the story's time
                break
            days = _days(str(t.attrs.get("duration") or ""))
            if t.attrs.get("signal") == "after" and days is not None:
                when = days_after(since or exp.segments[-1].start or st.time, days, t.text)
                break
            # (or at its clause's start, after the drug: "started three years before admission and stopped fourteen
            # months later", docqa15)
            placed = st.at(t.start) if t is st.timex or st.shifts_at(t.start) or any(
                d.end <= p <= t.start for p, _ in st.shifts) else None
            if placed is not None and placed.known:
                when = placed  # "stopped on day 4", "tapered and stopped on day 9": the time the sentence placed there
                break
        if not when.known and (over := _stop_length(self.text, d, ms, (sent[0], clause_end))):
            when = days_after(st.at(m.start()), *over)  # "tapered and discontinued over four weeks"
        if not when.known and m.re is _LATER_SWITCH:
            return  # "given for 72 hours, then changed to Y": the switch tells no time of its own (the length ends X)
        self._stop(name, when, ms.reasons_to(self.text, clause_end).at(m.end())
                   or _lost_effect_told(self.text, sent, d, drugs))

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
        if to_now(course):
            course = None  # "on X for the last 2 years": the time so far, no end (docqa10)
        elif course is not None and (perfect := _PERFECT.search(self.text, sent[0], drug.start)) is not None and \
                not (perfect.group().lower().startswith("remained") and
                     _TOTAL_OF.search(self.text, max(drug.end, course.start - 20), course.start + 12)):
            course = None  # "had been taking X for 10 years": the time so far, no end (but "she remained on X for a
            # total of 12 weeks" tells the whole past course)
        until = _until_date(self.text, drug, ms.index(ms.times), drug_ix, sent[1])
        if course is None and until is None and (more := _SAME_SUBJECT_GIVEN.search(self.text, last.end, sent[1])) \
                and not drug_ix.window(drug.end, more.end()) and (dose or route or freq):
            # "Avacopan 30 mg twice daily was added on 28/03/2022 to allow a faster steroid taper and was given for
            # twelve months, until 27/03/2023": the drug's own predicate later in its sentence tells its length and
            # its last day, past a clause between (docqa16)
            told = drug.model_copy(update={"start": more.start(), "end": more.end()})
            course = _course_after(self.text, told, ms.index(ms.durations), drug_ix)
            until = _until_date(self.text, told, ms.index(ms.times), drug_ix, sent[1])
        complete = None if course or until else (
            _TO_COMPLETE_AFTER.match(self.text, last.end) or
            _TO_COMPLETE_BEFORE.search(self.text, max(sent[0], drug.start - 80), drug.start) or
            self._list_completes(last, drug_ix))
        if not (dose or route or freq or course or until or complete):
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
        # (past the dose it was changed from: "10 mg/kg, reduced from 15 mg/kg ..., six pulses between A and B")
        span = _date_range_after(self.text, _changed_from_after(self.text, last, ms.index(ms.doses)),
                                 ms.index(ms.times), drug_ix)
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
        elif complete is not None and (done := self._completed_by(drug, when, complete)) is not None:
            seg.end = done  # "switched to oral amoxicillin to complete 10 days in total": the course's first day + 10
        elif seg.end is None:
            # a later step of the sequence ("one dose of X 400 mg followed by 200 mg daily") has no count of its own
            # before the drug: that one is the first step's (exposure QA, expqa6)
            counted = _counted_course(self.text, drug, last, seg.timing, before=adjacent)
            if counted is not None:  # "three pulses of methylprednisolone", "375 mg/m2 weekly for four doses"
                seg.end = days_after(when, *counted)
                seg.length_days = counted[0]
        return seg

    def _list_completes(self, last: Mention, drugs: ByStart) -> re.Match | None:
        """ "to complete" told after the last drug of a list of names the drug opens ("discharged on IV ceftriaxone and
        oral metronidazole to complete 6 weeks of antibiotics"): the list's members share it."""
        end = last.end
        while (nxt := drugs.first_from(end + 1)) is not None and _NAMES_LINK.fullmatch(self.text, end, nxt.start):
            end = nxt.end
            if (told := _TO_COMPLETE_AFTER.match(self.text, end)) is not None:
                return told
        return None

    def _completed_by(self, drug: Mention, when: TimeRef, told: re.Match) -> TimeRef | None:
        """The end of a course given "to complete" a length: that length from the first day of the course, the drug's
        own course when it is being taken ("IV flucloxacillin ..., switched to oral flucloxacillin to complete a 14-day
        course"), else the course it was switched from ("IV ceftriaxone ..., switched to oral amoxicillin to complete
        10 days in total"); "an additional 10 days", "7 days more" from the time its sentence tells. None when no
        first day is known (a drug newly given "to complete" a course whose start the text does not tie to it)."""
        n = int(NUMBER_WORDS.get(told["n"].lower(), told["n"]) if not told["n"].lower().startswith("twenty")
                else {"twenty-one": 21, "twenty-eight": 28}[told["n"].lower()])
        days = n * UNIT_DAYS[told["u"].lower().rstrip("s")]
        words = self.text[told.start("n"):told.end("u")]
        if told["more"] or told.groupdict().get("more2"):
            # (from the time its own sentence tells: a time carried from before is not the day it was given on)
            return days_after(when, days, words, anchor="previous") \
                if when.known and when.derivation in ("stated", "relative") else None
        exp = self.active.get(drug.norm or drug.text)
        first = exp.segments[0].start if exp is not None and exp.segments else None
        if first is None and when.known and _SWITCHED_TO_BEFORE.search(self.text, max(0, drug.start - 60), drug.start):
            # the course switched from: of the drug's class (knowledge/class_members.csv), stopped at the switch or,
            # when its stop is told after, the one such course being taken (several: all begun the same day)
            group = _class_group(drug.norm or drug.text, drug.attrs.get("drug_class"))
            kin = [e for e in self.exposures if e.drug != (drug.norm or drug.text) and e.drug in group and e.segments]
            source = next((e for e in reversed(kin) if e.end is not None and e.end.known
                           and (e.end.point, e.end.earliest) == (when.point, when.earliest)), None)
            taken = [e for e in kin if e.drug in self.active and self.active[e.drug] is e and e.end is None]
            starts = {(e.segments[0].start.point, e.segments[0].start.earliest) for e in taken}
            if source is None and len(starts) == 1:
                source = taken[0]
            first = source.segments[0].start if source is not None else None
        if first is None or not first.known:
            return None
        if "total" in told.group(0).lower() or _WHOLE_TREATMENT.match(self.text, told.end("u")):
            # "to complete 6 weeks of antibiotic therapy", "10 days in total": from the first day of the treatment,
            # the earliest start of the courses of its class being taken ("narrowed to ceftriaxone and metronidazole
            # ... to complete 6 weeks": the 6 weeks began with the empiric metronidazole)
            group = _class_group(drug.norm or drug.text, drug.attrs.get("drug_class"))
            for e in self.exposures:
                if e.drug in group and self.active.get(e.drug) is e and e.segments \
                        and _told_later(e.segments[0].start, first):
                    first = e.segments[0].start
        end = days_after(first, days, words)
        return end.model_copy(update={"derivation": "estimated"}) if first.derivation == "estimated" else end

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
        kept = drop_restated(self.text, self.exposures)
        if len(kept) < len(self.exposures):
            for i, exp in enumerate(kept, 1):
                exp.id = f"exposure-{i}"
            self.exposures = kept
        for exp in self.exposures:
            last = exp.segments[-1] if exp.segments else None
            if exp.end is None and exp.status == "unknown" and last is not None and last.end is not None:
                exp.end, exp.status = last.end, "completed"  # a course of stated length, not said to go on
            if exp.end is None and exp.status == "unknown" and exp.segments and exp.drug in self.active:
                exp.status = "unknown"
            if exp.segments and exp.end is not None and exp.segments[-1].end is None:
                exp.segments[-1].end = exp.end
            _undate_ends_before_start(exp)
            if not exp.route:
                exp.route = next((s.route for s in exp.segments if s.route), None)
        return self.exposures


def _undate_ends_before_start(exp: Exposure) -> None:
    """An end that lies wholly before its segment's start contradicts it: keep the end, but undated.

    The two times come from different clauses (a carried time, another clock); which is wrong is not known, and the
    start is the better told, so only the end loses its date (its text is kept). The exposure's end follows its last
    segment's.
    """
    for seg in exp.segments:
        if seg.start is not None and seg.end is not None and _wholly_before(seg.end, seg.start):
            undated = TimeRef(derivation="unknown", text=seg.end.text)
            if exp.end is seg.end or exp.end == seg.end:
                exp.end = undated
            seg.end = undated


def _wholly_before(end: TimeRef, start: TimeRef) -> bool:
    """Whether `end` lies wholly before `start` on one clock: days from day 0, or calendar dates compared at the
    coarser of the two precisions ("2011" ends before "2018-06-06"; "2018" does not end before "2018-06-06")."""
    if end.offset_days is not None and start.offset_days is not None:
        return end.offset_days[1] < start.offset_days[0]
    a, b = end.latest or end.point, start.earliest or start.point
    if not (a and b):
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]

