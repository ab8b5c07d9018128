"""Where a drug name is not a medication mention: the words around it.

Case reports name many substances that DrugBank lists as drugs but that the sentence treats as a
laboratory analyte ("serum ACTH 354 pg/mL", "thyroglobulin level", "tacrolimus trough
concentration"), a tissue marker ("positive for Melan-A"), or an antibiogram entry ("resistant to
oxacillin and clindamycin"). Names that are mostly analytes (hormones, enzymes, vitamins measured in
blood) count as drugs only where a treatment word stands near them. All patterns are compiled once; those
searched over a window sit behind a lookahead of their first-character class (rx_first.anchored, same matches).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from casecourse.knowledge import table
from casecourse.reading.rx_first import anchored, lower_text
from casecourse.reading.rx_keys import match_lowered, search_lowered
from casecourse.reading.timex_lexicon import alternation

_ANALYTE_AFTER = re.compile(
    r"[\s-]*(?:\(\w[^()]{0,20}\)\s*)?(?:levels?|counts?|aggregation|transfusions?|concentrations?|values?|titers?|titres?|trough|deficiency|deficient|insufficiency|excess|"
    r"assays?|activit(?:y|ies)|stain(?:s|ing|ed)?|immunostain\w*|immunoreactiv\w*|expression|expressed|antibod(?:y|ies)|"
    r"receptors?|positive|negative|positivity|susceptible|resistant|resistance|sensitive|producing|secreting|"
    r"secretion|tests?|testing|excretion|clearance|ratio|index|measurements?|stimulation test|profile|"
    r"genes?|mutations?|polymorphisms?|alleles?|oxidase|dehydrogenase|kinase|synthase|reductase|transferase|"
    r"scans?|scintigraphy|angiography|imaging|uptake|PET|SPECT|-avid|-free|-binding|intolerance|tolerance|absence|"
    r"susceptibility|sensitivity|E-?test|strips?|discs?|disks?|phosphorylase|carboxylase|hydroxylase|oxygenase|"
    # "penicillin allergy" names what the patient must not take; a "potassium binder" removes potassium; a food's
    # "cow's milk protein allergy" (docqa3: a paediatric letter) is the allergy's, no food given as a drug
    r"allerg(?:y|ies|ic)|proteins?[\s-]+(?:allerg(?:y|ies|ic)|intolerance)|binders?|"
    # "a vancomycin MIC of 2 mg/L": the isolate's susceptibility to the drug (not "changed to linezolid (MIC 2)")
    r"MICs?|"
    r"\(\s*[+-]+\s*\))(?![\w])", re.I)
_ANALYTE_BEFORE = anchored(
    r"(?:serum|plasma|urine|urinary|blood|csf|trough|salivary|24-h|24-hour|24 h|elevated|raised|"
    r"measured|undetectable|levels? of|concentrations? of|stained by|stained with|allergy to|allergic to|"
    # "diffusing capacity for carbon monoxide" (DLCO) is a lung function test, not a poisoning or a treatment
    r"(?:diffusing|diffusion|transfer) capacity (?:of the lungs? )?(?:for|of)|transfer factor (?:of the lungs? )?for|"
    r"(?:scintigraphy|scan|imaging|series|swallow|enema|angiography|tomography) (?:using|with)|"
    # the reagent of a stain: "modified Ziehl-Neelsen staining using 1% sulfuric acid"
    r"(?:staining|stain|stained) (?:using|with))"
    r"\s+(?:(?!and\s|or\s)[\w-]+\s+|\d+(?:\.\d+)?\s?%\s+)?$", re.I)
# "ACTH (354.1 pg/mL)", "alkaline phosphatase 125 IU/L", "BNP level of 929 pg/mL": a result follows. An amount per
# 24 hours ("cortisol 300 µg/24 h", "citrate 300 mg/24 h") is a result, except after a name that is no laboratory
# analyte in a clause that speaks of giving it: then it is the dose of a day ("treated with meropenem 3 g/24 h")
_RESULT_HEAD = (r"[\s:=,(]*(?:level|levels|was|were|of|at|is|increased to|decreased to|rose to|remained|fell to|"
                r"dropped to)?[\s:=(]*[<>≤≥]?\s*\d[\d.,]*\s*(?:[pnµμumk]?g|[pnµμumk]?mol|m?[iI][uU]|m?U|u|mEq|%)"
                r"\s*/\s*")
_RESULT_AFTER = re.compile(_RESULT_HEAD + r"(?:d?[lL]|m[lL]|mm3)", re.I)
_RESULT_PER_DAY_AFTER = re.compile(_RESULT_HEAD + r"24", re.I)
# a route or a schedule right after a concentration: the strength of a drug given, not a result
_GIVEN_AFTER = re.compile(r"\s*,?\s*(?:intravenous\w*|i\.?v\.?|orally|oral|subcutaneous\w*|intramuscular\w*|every|"
                          r"daily|twice|once|q\d|infus\w*|bolus)\b", re.I)
# a list governed by one of these speaks of markers or susceptibilities, not of treatment
# (also an antibiogram's wording: "sensitive only to X", "sensitive by the disc diffusion technique to X", "tolerant to
# X", "MICs of X and Y were ...", "the minimal inhibitory concentrations (MICs) for X")
_LIST_CUE = anchored(
    r"(?:(?:positive|negative|react\w*\s+(?:positively|negatively)|positivity|stain(?:ed|ing)?|immunoreactiv\w*|express(?:ed|ion)|markers?|"
    r"resistant|sensitive|sensible|susceptible|(?<!in)tolerant|resistance|sensitivity|susceptibility|intermediate)"
    r"(?:\s+(?:only|also|solely|exclusively|uniformly|fully|highly|both|limited|restricted)|"
    # "multisensitive, notably to X and Y" (exposure QA, expqa5)
    r",?\s+(?:notably|especially|particularly|in\s+particular),?)?"
    r"(?:\s+(?:by|using)\s[^.;,]{0,60}?)?"
    r"|(?:MICs?|MIC values?|minim(?:al|um) inhibitory concentrations?)(?:\s*\([^()]{0,12}\))?)\s*(?:for|to|of|\()"
    # an isolate's "(optimal) in vitro activity to / against X" (docqa10): the drug acts on it in the test
    r"|\bin[\s-]+vitro\s+(?:activity|susceptibility|sensitivity)\s+(?:to|against|for)",
    re.I)
_TREATMENT_WORDS = (
    r"\b(?:treat\w*|therap\w*|administ\w*|given|giving|gave|receiv\w*|start\w*|initiat\w*|commenc\w*|"
    r"supplement\w*|replac\w*|replet\w*|infus\w*|inject\w*|drips?|bolus\w*|prescri\w*|taper\w*|discontinu\w*|"
    r"stopped|withdr\w*|continu\w*|maintain\w*|added|doses?|dosage|tablets?|capsules?|intravenous\w*|wean\w*|"
    r"titrat\w*|ceased|"
    r"subcutaneous\w*|oral|orally|regimen|medications?|taking|took|use of|requir\w*|transfus\w*|drugs?|agents?)\b")
_TREATMENT = anchored(_TREATMENT_WORDS + r"|\d\s*(?:mg|g|µg|μg|mcg|IU|units?|mmol|mEq)\b(?!\s*/\s*(?:d?l|ml|dl)\b)",
                      re.I)
_TREATMENT_WORD = anchored(_TREATMENT_WORDS, re.I)
# `[.;]\s|\n` led by one class (`re` skips to it in C); not the last dot of a letters' abbreviation ("epinephrine i.v.
# infusion", "p.o.")
_STOP = re.compile(r"[.;\n](?:(?<=;)\s|(?<=\.)(?<![A-Za-z]\.[A-Za-z]\.)\s|(?<=\n))")
# a list of markers or susceptibilities ends where a new clause begins ("positive for tumour involvement
# and the patient was planned for adjuvant chemotherapy")
_LIST_BREAK = anchored(r"\b(?:was|were|is|are|had|has|have|been|be|patients?|he|she|they|we|who|which|then|"
                       r"because|after|before|since|until|despite)\b", re.I)
_REGIMEN_NEXT = re.compile(
    r"[\s-]*(?:\(\s*)?(?:protocol|regimen|chemotherapy|therapy|treatment|induction|courses?|cycles?|schedule|"
    r"based|arm)\b", re.I)
_REGIMEN_BEFORE = anchored(
    r"(?:treated|treatment|therapy|received|receiving|started|initiated|given|according to|per|cycles? of|"
    r"courses? of)\s+(?:with\s+)?(?:the\s+|an?\s+)?(?:modified\s+|standard\s+|\w+-line\s+)?$", re.I)
_NOT_REGIMEN = re.compile(r"[\s-]*(?:diagnostic\s+)?(?:criteria|criterion|score|guidelines?|study|trial)\b", re.I)


def _clause(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """The window around [start, end) clipped to its sentence."""
    lo = max(0, start - before)
    for m in _STOP.finditer(text, lo, start):
        lo = m.end()
    hi = min(len(text), end + after)
    stop = _STOP.search(text, end, hi)
    return lo, stop.start() if stop else hi


# the first of two drugs sharing a resistance or susceptibility: "ampicillin- and ciprofloxacin-resistant Salmonella"
# (exposure QA, expqa8: the ampicillin was an exposure)
_SHARED_RESISTANCE = re.compile(r"-?\s*(?:,|/|\s(?:and|or))\s*[A-Za-z][\w-]*-(?:resistant|susceptible|sensitive)\b",
                                re.I)


@cache
def _antibiogram_entry() -> re.Pattern:
    """The organism's result for the drug named right before, in an antibiogram ("Gentamicin: MIC < 4", "Polymyxin B
    minimum inhibitory concentration (MIC) was determined"; knowledge/antibiogram_results.csv): the drug was tested,
    not given. A colon or a bracketed abbreviation may stand between."""
    words = alternation(r["word"] for r in table("antibiogram_results.csv"))
    return re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?:?\s*(?:" + words + r")(?![\w-])", re.I)


# an antibiogram told as a sentence whose subject is the drugs tested: "A, B and C were (reported) resistant", "D was
# found to be susceptible" (not "... resistant to", which names what the subject resists); docqa17
_TESTED_PREDICATE = re.compile(
    r"(?:was|were)\s+(?:(?:reported|tested|found|determined|shown|interpreted|classified|all|also)\s+)*"
    r"(?:(?:to\s+be|as)\s+)?(?:(?:fully|highly|all|uniformly)\s+)?"
    r"(?:resistant|susceptible|sensitive|intermediate|non-?susceptible)\b(?!\s+(?:to|against)\b)", re.I)


_NOT_A_LIST = re.compile(r"\b(?:as|because|since|while|when|whereas|if|although|though|that|the|a|an|this|its|"
                         r"their|his|her|isolates?|strains?|organisms?|bacteri\w*|patients?)\b", re.I)


def _tested_subject(text: str, end: int) -> bool:
    """The name opens or stands in the subject of a susceptibility result: the sentence's first verb after it is
    "was / were (reported) resistant / susceptible", with only names, commas, brackets of results and "and" between."""
    _, hi = _clause(text, end, end, 0, 200)
    window = text[end:hi]
    if not any(w in window.lower() for w in ("resist", "suscept", "sensitiv", "intermediate")):
        return False
    verb = _LIST_BREAK.search(window)
    if verb is None or verb.group(0).lower() not in ("was", "were"):
        return False
    if _TREATMENT.search(window, 0, verb.start()) or _NOT_A_LIST.search(window, 0, verb.start()):
        return False  # "treated with X, as the isolate was susceptible": another subject after a clause's word
    return _TESTED_PREDICATE.match(window, verb.start()) is not None


# "glucose control", "potassium homeostasis": an analyte's state in the body (not "warfarin control", which leaves the
# drug taken: only for names that are also the laboratory's)
_CONTROL_AFTER = re.compile(r"[\s-]+(?:control|homeostasis|metabolism|balance|handling)\b", re.I)


# a level or its trend right before a name that is also the laboratory's ("the rising potassium", "a high sodium", "low
# serum magnesium"); never with a word between ("high dose potassium" is given), nor before a word of giving ("high
# norepinephrine doses", "higher vitamin K doses", "rising oxygen requirements")
_LEVEL_BEFORE = re.compile(r"\b(?:rising|falling|climbing|dropping|high|higher|low|lower)\s+"
                           r"(?:(?:serum|plasma|blood)\s+)?$", re.I)
_GIVING_AFTER = re.compile(r"\s+(?:doses?|dosing|dosage|requirements?|needs?|supplementation|supplements?|therapy|"
                           r"infusions?|administration|support|replacement|repletion|delivery|flow)(?![^\W\d_])", re.I)


def analyte_context(text: str, start: int, end: int, analyte: bool = True) -> bool:
    """The name is used as a laboratory analyte or a tissue marker here (`analyte`: the name is also one of the
    laboratory's, so that an amount per 24 hours after it is a result)."""
    low = lower_text(text)  # the case-insensitive words are tried by their lowered twins (same answers)
    if match_lowered(_ANALYTE_AFTER, text, low, end):
        return True
    if _SHARED_RESISTANCE.match(text, end):
        return True
    if _antibiogram_entry().match(text, end) or _tested_subject(text, end):
        return True
    if analyte and _CONTROL_AFTER.match(text, end):
        return True  # "her glucose control deteriorated": the state of what the body holds, nothing given
    if analyte and _LEVEL_BEFORE.search(text, max(0, start - 30), start) and not _GIVING_AFTER.match(text, end):
        return True  # "stopped because of the rising potassium": the level in the blood, nothing given (docqa6)
    result = _RESULT_AFTER.match(text, end)
    if result is not None and (analyte or not _GIVEN_AFTER.match(text, result.end())):
        return True  # not "furosemide 10 mg/mL intravenously every 8 hours": the strength of what was given
    if _RESULT_PER_DAY_AFTER.match(text, end) and (analyte or not _treatment_words_near(text, start, end)):
        return True
    return bool(search_lowered(_ANALYTE_BEFORE, text, low, max(0, start - 45), start))


_LIST_STEMS = ("positiv", "negativ", "stain", "immunoreactiv", "express", "marker", "resist", "sensitiv",
               "suscept", "intermediate", "sensib", "toleran", "mic", "inhibitory", "vitro")
# a test panel's members: "the autoimmune encephalitis panel, which includes AMPA, CASPR2, GABA ..."
_PANEL_CUE = anchored(r"\bpanels?\b[^.;]{0,60}?\b(?:includ\w*|compris\w*|consist\w* of|screen\w* for|tested for)"
                      r"\b[\s:(]*", re.I)


# an antibiogram's table of MICs told as a sentence: "MIC values (mg/L) were as follows: A, 0.012; B, 0.125",
# "the MICs were 2 mg/L for A and 0.25 mg/L for B", "MIC: minimum inhibitory concentration, AMB: amphotericin B"
_MIC_LIST = anchored(
    r"\b(?:MICs?|MIC values?|minim(?:al|um) inhibitory concentrations?)(?:\s*\([^()]{0,12}\))?\s*"
    r"(?:(?:(?:were|was|are|is)\s+)?(?:as follows\s*)?:|(?:were|was|are|is)\s+[<>≤≥]?\s*\d[^;.]{0,20}?"
    r"\s(?:for|to|of)\b)", re.I)
_SENTENCE_STOP = re.compile(r"[.\n](?:(?<=\.)\s|(?<=\n))")  # `\.\s|\n`, led by one class


def _after_last_stop(text: str, lo: int, hi: int) -> int:
    """The end of the last match of `_SENTENCE_STOP` in `text[lo:hi]` (`lo` if none), found from the end: every
    newline there ends one, and every full stop followed by a space before `hi` (none is inside another match)."""
    end = text.rfind("\n", lo, hi) + 1
    first = max(lo, end - 2)  # (a full stop ending after the newline's end, or with it)
    dot = text.rfind(".", first, hi - 1) if hi - 1 > first else -1
    while dot >= 0 and not text[dot + 1].isspace():
        dot = text.rfind(".", first, dot)
    return max(end, dot + 2 if dot >= 0 else lo, lo)


def _mic_list(text: str, start: int) -> bool:
    """The name is an entry of a list of MICs, whose entries a ';' may part (past `_clause`'s stop)."""
    lo = _after_last_stop(text, max(0, start - 600), start)
    window = text[lo:start]
    cues = list(_MIC_LIST.finditer(window)) if "mic" in window.lower() or "nhibitory" in window else []
    if not cues:
        return False
    after_cue = window[cues[-1].end():]
    return not (_TREATMENT.search(after_cue) or _LIST_BREAK.search(after_cue))


# the discs or strips of a susceptibility test and what they hold: "discs impregnated with ampicillin (10 µg), ..."
_DISC_CUE = anchored(r"\b(?:dis[ck]s?|strips?)\s+(?:(?:were\s+)?(?:filled|impregnated|loaded|coated|"
                     r"charged)\s+with|containing)\b", re.I)


@cache
def _allergy_label() -> re.Pattern[str]:
    """A line opening with the label of an allergy list ("Allergies:", "Drug allergies:"), knowledge/allergy_labels.csv;
    group `rest` is what follows the colon on the line."""
    words = alternation(r["label"] for r in table("allergy_labels.csv")).replace(r"\ ", r"\s+")
    return re.compile(r"[ \t]*(?:[-•*]\s*)?(?:" + words + r")[ \t]*:(?P<rest>[^\n]*)", re.I)


@lru_cache(maxsize=4)
def _has_allergy_label(text: str) -> bool:
    return _allergy_label_anywhere().search(text) is not None


@cache
def _allergy_label_anywhere() -> re.Pattern[str]:
    return re.compile(r"^" + _allergy_label().pattern, re.I | re.M)


def allergy_list(text: str, start: int) -> bool:
    """The name stands in a record's list of allergies: on the line of its label ("Allergies: penicillin (rash),
    codeine") or under the label standing alone, the list's lines running on without a blank line between."""
    if not _has_allergy_label(text):
        return False
    line = text.rfind("\n", 0, start) + 1
    if (m := _allergy_label().match(text, line, start)) is not None:
        return True
    for _ in range(12):  # a list of a dozen lines at most under its label
        if line == 0:
            return False
        prev = text.rfind("\n", 0, line - 1) + 1
        raw = text[prev:line - 1]
        if not raw.strip():
            return False  # a blank line ends the list
        if (m := _allergy_label().fullmatch(raw)) is not None:
            return not m.group("rest").strip()
        if raw.rstrip().endswith(":"):
            return False  # another heading
        line = prev
    return False


def list_context(text: str, start: int) -> bool:
    """The name stands in a list of markers or of susceptibilities ("resistant to A, B and C"):
    a cue precedes it in its sentence with no treatment word in between. Of the discs of a susceptibility test
    ("discs impregnated with A (10 µg), B (30 µg)") the amounts are the discs' contents, not doses: only a new
    clause ends that list."""
    lo, _ = _clause(text, start, start, 400, 0)  # an antibiogram may list twenty drugs
    window = text[lo:start].lower()
    if _mic_list(text, start):
        return True
    if ("disc" in window or "disk" in window or "strip" in window) and \
            (discs := list(_DISC_CUE.finditer(window))) and not _LIST_BREAK.search(window, discs[-1].end()):
        return True
    if "panel" in window and _panel_member(window):
        return True
    if not any(stem in window for stem in _LIST_STEMS):
        return False
    cues = list(_LIST_CUE.finditer(window))
    if not cues:
        return False
    after_cue = window[cues[-1].end():]
    if (tested := _AGENTS_TESTED.match(after_cue)) is not None:
        after_cue = after_cue[tested.end():]  # "susceptible to all agents tested: A, B": the agents are the list's
    opened = window[cues[-1].end() - 1] == "("  # "stained (A, B)": the cue opened the bracket of its own list
    return not (_TREATMENT.search(after_cue) or _LIST_BREAK.search(after_cue)
                or _closes_bracket(after_cue, 1 if opened else 0))


def _closes_bracket(after_cue: str, depth: int = 0) -> bool:
    """The list's cue stood inside a bracket that closes before the name: "(sensitive to A), B and C were stopped"
    names B and C outside the antibiogram (exposure QA, expqa8: the drugs switched after a bracketed result were
    lost)."""
    if ")" not in after_cue:
        return False
    for ch in after_cue:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return True
    return False


# what an antibiogram's list is of, before its entries: "susceptible to all agents tested: A, B and C"
_AGENTS_TESTED = re.compile(r"\s*(?:all|the|each|every)?\s*(?:(?:other|antimicrobial|antibiotic)\s+)?"
                            r"(?:agents?|drugs?|antibiotics?|antimicrobials?|antifungals?)\s+(?:tested|examined|"
                            r"evaluated|studied)\b\s*(?:[:,(]|including|except|but)?", re.I)


def _panel_member(window: str) -> bool:
    cues = list(_PANEL_CUE.finditer(window))
    return bool(cues) and not _TREATMENT.search(window[cues[-1].start():])


# "given the normal glucose": 'given' as 'considering' before the name, not a drug given
_GIVEN_THE = re.compile(r"\bgiven\s+(?:the|his|her|their|its|this|these|a|an)\b(?:\s+[\w-]+){0,3}\s*$", re.I)


def _treatment_words_near(text: str, start: int, end: int) -> bool:
    """A treatment word (not an amount) stands in the name's sentence."""
    lo, hi = _clause(text, start, end, 300, 300)
    return bool(_TREATMENT_WORD.search(text, lo, start) or _TREATMENT_WORD.search(text, end, hi))


def treatment_context(text: str, start: int, end: int) -> bool:
    """A treatment word stands in the name's clause near it ("oral carnitine", "insulin infusion")."""
    lo, hi = _clause(text, start, end, 60, 40)
    before = text[lo:start]
    if "given" in before and (g := _GIVEN_THE.search(before)):
        before = before[:g.start()]
    if _TREATMENT.search(before):
        return True
    # an amount at the window's edge is read with its unit whole ("3845 mg/dl" is a concentration, not "3845 mg")
    after = _TREATMENT.search(text[end:min(len(text), hi + 12)])
    if after is not None and after.end() <= hi - end:
        return True
    # a rate per body weight and time later in its clause is always a dose given ("noradrenaline from 02/09/2025 to
    # 06/09/2025 (maximum 0.35 mcg/kg/min)"; no analyte is measured per kg per minute: documents QA round docqa5)
    lo, hi = _clause(text, start, end, 0, 120)
    return _INFUSION_RATE.search(text, end, hi) is not None


_INFUSION_RATE = re.compile(r"\d\s*(?:mcg|µg|μg|ug|mg|ng|units?|U|IU|mL)\s*/\s*kg\s*/\s*(?:min|minute|h|hr|hour)\b")


def regimen_context(text: str, start: int, end: int) -> bool:
    """An ambiguous regimen name ("MAP", "HLH-2004") is a regimen only next to a treatment word."""
    if _NOT_REGIMEN.match(text, end):
        return False
    return bool(_REGIMEN_NEXT.match(text, end) or _REGIMEN_BEFORE.search(text, max(0, start - 40), start))
