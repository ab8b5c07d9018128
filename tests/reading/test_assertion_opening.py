"""`_Cues._may_open` tells whether a cue may open a sentence (where `combined`, which reads the character before a
cue, sees none) by `combined` over the sentence behind a space: it must say yes wherever the alternatives of the first
character, tried in turn (`_Cues.at`), match there. `_pad_safe` says when a space before the text changes no
alternative's match at its start. Example sentences are our own."""
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
    "indicating a viral cause.",
    "and only mild oedema.",
    "12 days later she improved.",
    "- no cough",
    " no cough",
    "(no cough)",
    "no",
    "n",
    "",
]


def test_may_open_wherever_the_first_characters_alternatives_match() -> None:
    cues = assertion._rules()
    assert cues.pad_safe  # the rules in use: a space before a sentence changes no cue at its start
    found = skipped = 0
    for sentence in OPENINGS:
        tried = cues.at(sentence[:1]).match(sentence) if sentence else None
        if tried is not None:
            found += 1
            assert cues._may_open(sentence), sentence
        elif not cues._may_open(sentence):
            skipped += 1
    assert found >= 5 and skipped >= 3  # the list holds sentences a cue opens and ones it does not


def test_spans_read_a_cue_that_opens_the_sentence() -> None:
    cues = assertion._rules()
    for sentence in OPENINGS:
        assert list(cues.spans(sentence)) == [
            (m.start(), m.end(), int(m.lastgroup[1:])) for m in cues.finditer(sentence)], sentence
    assert list(cues.spans("no fever or chills were reported."))[0][:2] == (0, 2)


def test_pad_safe_refuses_what_reads_the_start_otherwise() -> None:
    assert assertion._pad_safe([r"no(?!\w)", r"i(?<!sign\si)ndicating", r"a(?<=, a)n?\s+disease", r"\bnot\b"])
    assert not assertion._pad_safe([r"^no"])  # anchored at the start: a space before moves it
    assert not assertion._pad_safe([r"\Ano"])
    assert not assertion._pad_safe([r"(?<!\s)no"])  # refuses a space it would see behind the padded start
    assert not assertion._pad_safe([r"(?:x|(?<![ ,])no)"])
