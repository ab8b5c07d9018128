"""`_Cues.spans` names a cue's rule from the words it matched, once those words are known to take that rule anywhere
(`_Cues.rule_of`): it must give exactly the (start, end, rule) that matching each cue again gives, whatever was read
before. Example sentences are our own."""
from __future__ import annotations

import random
import re

from casecourse.reading import assertion


def _reference(sentence: str) -> list[tuple[int, int, int]]:
    """Each cue matched again at its start, its rule read from the match's group name."""
    return [(m.start(), m.end(), int(m.lastgroup[1:])) for m in assertion._rules().finditer(sentence)]


SENTENCES = [
    "there was no evidence of pericardial effusion, and she denied chest pain.",
    "fever and then showed a rash; fever and rash resolved.",
    "the rash, and later arthritis, were considered; pneumonia was considered unlikely.",
    "her mother had lupus and died of renal failure.",
    "cultures were all negative, and the serology returned negative for hepatitis.",
    "a 3-day history of cough, with no fever, which resolved after treatment.",
    "no",
    "",
]


def test_spans_match_the_rematched_cues_in_either_order() -> None:
    # read forwards, then backwards: a cue's words seen first in one sentence must not fix a wrong rule for another
    for order in (SENTENCES, SENTENCES[::-1], SENTENCES):
        for sentence in order:
            assert list(assertion._rules().spans(sentence)) == _reference(sentence), sentence


def test_words_whose_rule_depends_on_what_follows_are_not_kept() -> None:
    cues = assertion._rules()
    list(cues.spans("fever and rash. fever and then showed a rash."))
    assert "and" not in cues.rule_of  # 'and' before 'then showed' is another rule than 'and' before 'rash'
    for sentence in ("fever and then showed a rash.", "fever and rash.", "fever and then showed a rash."):
        assert list(cues.spans(sentence)) == _reference(sentence)


def test_spans_on_generated_text() -> None:
    """Random sequences of cue words, fillers and punctuation, read twice (the second time from the kept rules)."""
    words = sorted(set(re.findall(r"[a-z']+", " ".join(p for p, _, _ in assertion._rules().parts)))
                   | {"fever", "rash", "-", ",", "("})
    seps = [" ", "  ", "", ", ", "-", "\n", ". ", " ("]
    rnd = random.Random(7)
    texts = ["".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(1, 10))) for _ in range(1500)]
    for _ in range(2):
        for s in texts:
            assert list(assertion._rules().spans(s)) == _reference(s), s


def test_relaxed_alternative_drops_lookarounds_and_anchors_only() -> None:
    part = r"(?P<r1>and(?=\s+then)(?<!x)\b)"
    assert not assertion._context_free(part)
    relaxed = assertion._relaxed(part)
    assert relaxed.fullmatch("and") is not None  # matched somewhere (before 'then'): taken as possible
    assert relaxed.fullmatch("an") is None
    assert assertion._context_free(r"(?P<r2>no\s+evidence\s+of)")


def test_a_back_reference_is_taken_to_match_anything():
    # its group may sit in a lookaround the relaxed pattern drops: no words are then told by this alternative alone
    relaxed = assertion._relaxed(r"(?P<r3>(?=(no))\1t)")
    assert relaxed.fullmatch("anything at all") is not None
