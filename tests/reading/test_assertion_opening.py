"""`_Cues.opening` tells whether a cue opens a sentence (where `combined`, which reads the character before a cue,
sees none) with the branches of `combined`: it must find a cue exactly where the alternatives of the first character,
tried in turn (`_Cues.at`), match, and end where they end. Example sentences are our own."""
from __future__ import annotations

from casecourse.reading import assertion

OPENINGS = [
    "no fever or chills were reported.",
    "denies chest pain and dyspnoea.",
    "negative for malaria and dengue.",
    "possible pneumonia of the right lower lobe.",
    "rule out pulmonary embolism.",
    "history of hypertension in her father.",
    "the patient was afebrile.",
    "without any rash.",
    "not seen on the scan.",
    "nothing abnormal was found.",
    "suspected sepsis was treated.",
    "family history was unremarkable.",
    "12 days later she improved.",
    "- no cough",
    " no cough",
    "(no cough)",
    "no",
    "n",
    "",
]


def test_opening_finds_what_the_first_characters_alternatives_match() -> None:
    cues = assertion._rules()
    assert cues.opening is not None
    found = 0
    for sentence in OPENINGS:
        tried = cues.at(sentence[:1]).match(sentence) if sentence else None
        opened = cues.opening.match(sentence)
        assert (opened is None) == (tried is None), sentence
        if tried is not None:
            found += 1
            assert opened.end() == tried.end(), sentence
    assert found >= 5  # the list holds sentences a cue opens, not only ones it does not


def test_spans_read_a_cue_that_opens_the_sentence() -> None:
    cues = assertion._rules()
    spans = list(cues.spans("no fever or chills were reported."))
    assert spans and spans[0][:2] == (0, 2)
    assert list(cues.spans("the patient was afebrile.")) == [
        (m.start(), m.end(), int(m.lastgroup[1:])) for m in cues.finditer("the patient was afebrile.")]
