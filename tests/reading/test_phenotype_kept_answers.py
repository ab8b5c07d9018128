"""Answers kept per word or name (`phenotypes._COMPOUND_KEYS` with its suffix test, `diseases._is_deficit`) are
those computed afresh. Example words are our own."""
from __future__ import annotations

from casecourse.reading import diseases
from casecourse.reading import phenotypes as ph
from casecourse.reading.lexicon_norm import norm_word


def test_compound_keys_agree_with_the_whole_word_pattern():
    words = ["hepatosplenomegaly", "leuconeutropenia", "pancytopenia", "fever", "arthralgia", "osteomyelitis",
             "megaly", "thrombocytosis", "glomerulonephritis", "encephalopathy", "hypertrophy", "dysplasia", "rash",
             "eosinophilia", "microcephaly", "the", "anaemia", "cardiomegalyx"]
    for w in words:
        key = norm_word(w)
        assert ph._CompoundKeys()[key] == (ph._compound_word_rx().fullmatch(key) is not None), w


def test_kept_deficit_answers_equal_fresh_ones():
    index = diseases.load()
    for name in ("right hemiparesis", "bilateral visual loss", "hemiparesis", "fever", "left-sided weakness",
                 "visual loss", "aphasia", "expressive aphasia", "heart failure", "right hemiparesis"):
        assert diseases._deficit(name, index) == diseases._deficit_of(name, index), name
