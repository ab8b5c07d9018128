"""What a drug was given for, as the sentence that starts it names it, and the stop of a treatment told by that
condition rather than by the drugs' names (left14).

"She was started on atovaquone and azithromycin for babesiosis" ties both drugs to babesiosis; "Babesiosis was treated
with atovaquone" too. "Treatment for babesiosis was stopped", "the antibiotics for the pneumonia were discontinued",
"she completed treatment for tuberculosis" then stop the active courses tied to that condition, and only those: when no
course is tied to it, nothing is stopped (which drugs the text meant is not guessed)."""

from __future__ import annotations

import re

from casecourse.model import Mention

_CONDITION_TYPES = frozenset({"condition", "finding"})

# the indication after the drug: "X for Y", "X to treat Y", "X against Y", "X as treatment for Y"
_FOR = re.compile(r"\b(?:for|to\s+treat|against|as\s+(?:a\s+)?(?:treatment|therapy)\s+(?:for|of))\s+"
                  r"(?:(?:the|his|her|their|a|an|presumed|presumptive|suspected|possible|probable|likely|"
                  r"concomitant|concurrent|coexisting|co-existing|underlying)\s+)*", re.I)

# the words a gap between a drug and its "for" may hold besides the sentence's drugs, doses, routes, frequencies and
# lengths: a list's links, a course's words, and a passive start ("X and Y were started for Z")
_GAP_WORDS = frozenset({"and", "or", "plus", "with", "the", "a", "an", "his", "her", "course", "courses", "of",
                        "therapy", "treatment", "empiric", "empirical", "empirically", "daily", "oral", "orally",
                        "intravenous", "intravenously", "iv", "combination", "dual", "triple", "regimen", "in", "both",
                        "also"})
_START_VERB = re.compile(r"\s*(?:was|were)\s+(?:also\s+|then\s+|subsequently\s+|later\s+|empirically\s+)?"
                         r"(?:started|given|initiated|commenced|administered|added|prescribed|begun|continued|used)\s*$",
                         re.I)

# "Y was treated / managed with X ..." (the condition opens the clause)
_TREATED_WITH = re.compile(r"\s+(?:was|were)\s+(?:\w+ly\s+)?(?:treated|managed)\s+(?:\w+ly\s+)?with\s+", re.I)


def _blank(text: str, a: int, b: int, inner: list[Mention]) -> str:
    chunk = list(text[a:b])
    for m in inner:
        if a <= m.start and m.end <= b:
            chunk[m.start - a:m.end - a] = " " * (m.end - m.start)
    return "".join(chunk)


def _filler(gap: str) -> bool:
    if re.search(r"[;.:]", gap):
        return False
    verb = _START_VERB.search(gap)
    if verb is not None:
        if "," in gap[:verb.start()]:
            return False  # "X, and Y was added for Z": the verb is Y's alone
        gap = gap[:verb.start()]
    return all(w in _GAP_WORDS for w in re.findall(r"[\w-]+", gap.lower()))


def indications(text: str, drug: Mention, sent: tuple[int, int], inner: list[Mention],
                conditions: list[Mention]) -> frozenset[str]:
    """The conditions the sentence names as what `drug` was given for (their norms, lower-cased); empty when none."""
    if not conditions:
        return frozenset()
    at = {c.start: c for c in conditions}
    for m in _FOR.finditer(text, drug.end, sent[1]):
        c = at.get(m.end())
        if c is None:
            continue
        if _filler(_blank(text, drug.end, m.start(), inner)):
            return frozenset({_key(c)})
        break
    # "Y was treated with X": the condition before, the drug in the list after
    for c in conditions:
        if c.end <= drug.start and (w := _TREATED_WITH.match(text, c.end)) is not None and \
                _filler(_blank(text, w.end(), drug.start, inner)) and not re.search(r"[;.]", text[c.end:w.end()]):
            return frozenset({_key(c)})
    return frozenset()


def _key(c: Mention) -> str:
    return (c.norm or c.text).lower()


_HEAD = (r"(?:(?:the|his|her|their|a\s+course\s+of|all)\s+)?"
         r"(?:(?:antibiotic|antimicrobial|antifungal|antiviral|antiparasitic|empiric(?:al)?|specific|medical|"
         r"anti-?tuberculosis|antituberculous)\s+)?"
         r"(?P<head>treatments?|therapy|therapies|medications?|drugs|antibiotics|antimicrobials|antifungals|"
         r"antivirals|regimen)\s+(?:for|of|against|targeting)\s+(?:(?:the|his|her|their)\s+)?")
_STOPPED_AFTER = re.compile(r"\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
                            r"(?P<v>stopped|discontinued|ceased|withdrawn|completed|finished|terminated)\b", re.I)
_PASSIVE = re.compile(r"(?<![\w-])" + _HEAD, re.I)
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")  # "treatment for babesiosis and anaplasmosis"
_ACTIVE = re.compile(r"\b(?P<v>stopped|discontinued|ceased|withdrew|completed|finished|terminated)\s+" + _HEAD, re.I)

# what kind of drugs a class head names (the tied courses are narrowed to them)
_CLASS_HEAD = {"antibiotics": "antibiotics", "antimicrobials": "antibiotics", "antifungals": "antifungals",
               "antivirals": "antivirals"}


def stops(text: str, sent: tuple[int, int], conditions: list[Mention]) -> list[tuple[frozenset[str], str, int, str]]:
    """The treatments the sentence stops by their condition: (condition keys, 'stop' or 'complete', where told, the
    class head or '')."""
    if not conditions:
        return []
    at = {c.start: c for c in conditions}
    out = []
    for rx in (_PASSIVE, _ACTIVE):
        for m in rx.finditer(text, sent[0], sent[1]):
            c = at.get(m.end())
            if c is None:
                continue
            keys, end = {_key(c)}, c.end
            while (link := _LIST_LINK.match(text, end)) and link.end() in at:
                c = at[link.end()]  # "treatment for babesiosis and anaplasmosis"
                keys.add(_key(c))
                end = c.end
            if rx is _PASSIVE:
                tail = _STOPPED_AFTER.match(text, end)
                if tail is None:
                    continue
                verb = tail["v"].lower()
            else:
                verb = m["v"].lower()
            act = "complete" if verb in ("completed", "finished") else "stop"
            out.append((frozenset(keys), act, m.start(), _CLASS_HEAD.get(m["head"].lower(), "")))
    return out
