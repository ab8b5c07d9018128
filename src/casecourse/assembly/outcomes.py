"""What an outcome event says beyond its kind, as written: a death's cause, a discharge's destination or condition,
what recovered, improved or remains, a follow-up's state (`Event.detail`).

Everything here is read from the words next to the event's cue in its sentence; nothing is inferred.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention

# event kinds that tell how the story went; their negated statements stay in the course, negated ("no relapse at
# 2 years", "did not improve"): a death denied is not kept (nothing in a report's course says who did not die)
OUTCOME_KINDS = frozenset({"relapse", "flare", "progression", "remission", "recovery", "improvement", "sequela"})

_STOP = r"(?=\s*(?:[,.;:()\[\]]|\bon (?:(?:day|hospital|post\w*|the|" \
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b|\d)|\bat\b|\bafter\b|\bdespite\b|\bwithin\b|" \
        r"\bwhile\b|\beven\b|\bdue to\b|\bin (?:\d|the (?:icu|intensive|hospital|ward))|\bmeasuring\b|\bwith\b|" \
        r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a few) " \
        r"(?:days?|weeks?|months?|years?|hours?)\b|\band (?:was|were|the|he|she|his|her)\b|\bbut\b|\bwhich\b|$))"
_CAUSE = re.compile(r"\s*(?:was |were )?(?:of|from|due to|secondary to|because of|as a result of|caused by|"
                    r"attributed to|attributable to|resulting from|to)\s+((?:(?:a|an|the|his|her|their) )?"
                    r"[^,.;:()]{2,80}?)" + _STOP, re.I)
# when a death happened, told between the verb and its cause ("died on 09/02/2025 of X", "died two days later from X")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_CAUSAL = r"(?:from|due to|secondary to|because of|as a result of)\b"
_DATE_WORDS = (r"\d[\d/.-]*\d|\d{1,2}(?:st|nd|rd|th)? " + _MONTH + r"(?: \d{4})?|"
               + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?")
_DEATH_TIME = re.compile(r"\s*(?:(?:(?:on|in) (?:" + _DATE_WORDS + r")|(?:\w+ ){1,2}later|the (?:next|following) "
                         r"(?:day|morning|evening|night)|shortly (?:after(?:wards)?|thereafter)|soon after|"
                         r"(?:in|at) (?:the )?(?:icu|intensive care unit|hospital|home|ward))"
                         r"(?=\s*,?\s*(?:of\b|" + _CAUSAL + r"))|"
                         # "on day 10 as a result of X", never "on day 61 of his stay"
                         r"on (?:hospital |postoperative )?day \d+(?=\s*,?\s*" + _CAUSAL + r"))\s*,?", re.I)
_DESTINATION = re.compile(r"\s*(home|to (?:(?:a|an|the|his|her|another) )?[a-z][\w -]{1,40}?" + _STOP + ")", re.I)
_CONDITION = re.compile(r"\b(?:in (?:(?:a|an) )?(?:good|stable|satisfactory|fair|poor|excellent|improved|critical|"
                        r"serious|better)(?: (?:general|clinical|overall))? (?:condition|health|state)|"
                        r"(?:clinically )?(?:asymptomatic|symptom-free|afebrile|well|stable)\b|"
                        r"with (?:no |(?:a |an )?(?:residual|persistent|permanent|mild|moderate|severe) )"
                        r"[\w -]{2,40}?" + _STOP + ")", re.I)
_NOUN_AFTER = re.compile(r"\s+(?:of|in)\s+((?:(?:his|her|their|the|all) )?[^,.;:()]{2,50}?)" + _STOP, re.I)
_ADVERBS = (r"had|has|have|was|were|been|is|are|did|does|do|never|not|then|also|"
            r"eventually|gradually|rapidly|completely|fully|subsequently|finally|"
            r"significantly|markedly|slowly|quickly|spontaneously|dramatically|promptly|partially|further|clinically|"
            r"later|soon|steadily|considerably|substantially|greatly|slightly|somewhat|largely|mostly|initially")
_WORD_BEFORE = re.compile(r"((?:[\w'’-]+ ){0,2}[\w'’-]+?)\s+(?:(?:" + _ADVERBS + r")\s+){0,3}$", re.I)
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:" + _ADVERBS + r"))+$", re.I)
_POSSESSIVE = re.compile(r"^(?:patient|child|boy|girl|infant|baby|man|woman|neonate)['’]s\s+", re.I)  # their X: X
_NOT_A_SUBJECT = re.compile(r"\b(?:she|he|they|it|which|that|who|this|and|or|but|then|patient|patients|"
                            r"condition|status|state|once|when|after|until|before|since|as|despite|although|"
                            r"though|with|without|woman|man|boy|girl|child|infant|baby|neonate|lady|gentleman)$", re.I)
_VERB_FIRST = re.compile(r"^(?:responded|respond|is|was|were|are|has|have|had|remains?|remained|been|frequently|often|"
                         r"usually|generally)\b", re.I)
_ARTICLE = re.compile(r"^(?:(?:the|his|her|their|a|an|all|both)\s+)+", re.I)
_VERBS = re.compile(r"(?:resolved|disappeared|improved|improving|improve|subsided|abated|normali[sz]ed|recovered|"
                    r"returned to (?:normal|baseline)|defervesced)$", re.I)


def _clean(s: str) -> str | None:
    s = _ARTICLE.sub("", " ".join(s.split())).strip(" -")
    return s or None


def _subject(text: str, m: Mention, sent: tuple[int, int]) -> str | None:
    """The words a verb cue tells about: "the rash resolved" -> "rash"; None for the patient ("she improved")."""
    w = _WORD_BEFORE.search(text, max(sent[0], m.start - 60), m.start)
    if not w:
        return None
    words = _TRAILING_ADVERBS.sub("", w.group(1)).split()  # "his anemia had (not)": auxiliaries are no subject
    # the subject noun phrase ends at the last word; drop words before a determiner or a pronoun
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in ("the", "his", "her", "their", "all", "both", "and", "a", "an", "of", "with", "after",
                                "then", "her", "had", "was", "were", "when", "that", "which", "because", "since", "so"):
            words = words[i + 1:]
            break
    phrase = _POSSESSIVE.sub("", _TRAILING_ADVERBS.sub("", " ".join(words)))
    if not phrase or _NOT_A_SUBJECT.search(phrase) or re.fullmatch(_ADVERBS, phrase, re.I):
        return None
    return _clean(phrase)


# a participle used as an adjective after a verb of finding: "showed improved LVEF", "with improved renal function"
_SHOWED_BEFORE = re.compile(r"\b(?:showed|shows|revealed|demonstrated|with|an?)\s+(?:\w+ly\s+)?$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)"
                                r"(?=\s*(?:[,.;:()]|\b(?:of|in|at|to|from|after|on|and|but|with|which)\b|\d|$))", re.I)
_NEG_BEFORE = re.compile(r"\b(?:not|never|no longer)\s+(?:\w+ly\s+)?$", re.I)


def denied(text: str, m: Mention) -> bool:
    """A verb cue right after 'not' / 'never' ("the symptoms had not recurred", "has never relapsed"): a negation
    cue that spans the verb itself does not govern it in ConText, so it is read here."""
    return m.norm in OUTCOME_KINDS and _NEG_BEFORE.search(text, max(0, m.start - 20), m.start) is not None


# a problem list's item with its state after it ("2. Acute kidney injury, resolved", "- Hyponatraemia (resolved)"):
# the item's words before the state are what recovered
_ITEM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-•*·][ \t]*|\d{1,2}[.)][ \t]*|[A-Za-z][A-Za-z ]{0,30}:[ \t]*)?"
                          r"([A-Za-z][^,.;:()\n]{1,60}?)"
                          r"[ \t]*(?:,|\(|-|–)[ \t]*(?:now |since |fully |completely )?$")
_ITEM_AFTER = re.compile(r"[ \t]*\)?[ \t]*[.;]?[ \t]*(?:\n|$)")


def _item_state(text: str, m: Mention) -> str | None:
    """The problem a list item's state word tells of, where the state closes its line."""
    line = text.rfind("\n", 0, m.start)
    hit = _ITEM_BEFORE.search(text, max(line, 0), m.start)
    return _clean(hit.group(1)) if hit and _ITEM_AFTER.match(text, m.end) else None


def detail(text: str, m: Mention, kind: str, sent: tuple[int, int]) -> str | None:
    """What the event says, as written, or None."""
    after = text[m.end:sent[1]]
    written = " ".join(m.text.split())
    if kind in ("recovery", "improvement", "remission") and (item := _item_state(text, m)):
        return item
    if kind == "death":
        t = _DEATH_TIME.match(after)
        c = _CAUSE.match(after, t.end() if t else 0)
        return _clean(c.group(1)) if c else labelled_cause(text)
    if kind == "discharge":
        bits = []
        if written.lower().startswith("transferred "):
            bits.append(written.split(" ", 1)[1])
        elif d := _DESTINATION.match(after):
            bits.append(" ".join(d.group(1).split()))
        if c := _CONDITION.search(after[:80]):
            bits.append(" ".join(c.group(0).split()))
        return "; ".join(bits) or None
    if kind == "follow_up":
        return "lost to follow-up" if written.lower().startswith("lost") else None
    if kind == "sequela":
        return _clean(re.sub(r"^(?:was |were )?left with ", "", written, flags=re.I))
    if kind in ("recovery", "improvement", "remission"):
        if _VERBS.search(written) and _SHOWED_BEFORE.search(text, max(sent[0], m.start - 30), m.start):
            # "TTE showed improved LVEF": the participle qualifies what follows it
            n = _ATTRIBUTIVE_AFTER.match(after)
            return _clean(n.group(1)) if n else None
        if _VERBS.search(written):
            return _subject(text, m, sent)
        n = _NOUN_AFTER.match(after)
        if n and written.lower().split()[-1] in ("resolution", "improvement", "normalisation", "normalization",
                                                 "amelioration", "recovery", "remission", "disappearance"):
            return _clean(n.group(1))
        written = re.sub(r"^(?:made|making|had|has|with|showed) an? ", "", written, flags=re.I)
        # "responded well to", "is doing well": the patient, not a problem named
        return written if " " in written and not _VERB_FIRST.match(written) else None
    return None


@cache
def _cause_label() -> re.Pattern[str]:
    rows = sorted(table("death_cause_labels.csv"), key=lambda r: -len(r["label"]))
    labels = "|".join(re.escape(r["label"]) for r in rows)
    # the label at a line's start, then the cause on its line or on the next line, after a "1a." / "I(a)" number
    return re.compile(r"(?:^|\n)[ \t]*(?:" + labels + r")[ \t]*:[ \t]*\n?[ \t]*"
                      r"(?:(?:1|I)[ \t]*\(?[aA]\)?[.:)]?[ \t]+)?([A-Za-z][^\n,.;:()]{1,80})", re.I)


def labelled_cause(text: str) -> str | None:
    """The cause a "Cause of death:" label states (knowledge/death_cause_labels.csv): its first (immediate) cause."""
    if "death" not in text and "Death" not in text and "DEATH" not in text:
        return None
    m = _cause_label().search(text)
    return _clean(m.group(1)) if m else None
