"""The lexicon automata run over word codes: a match is always a run of whole words."""
import ahocorasick
import pytest

from casecourse.reading.lexicon_index import CODE_BASE, CODE_DIGITS, OOV, word_code


def test_codes_are_distinct_and_digits_come_from_disjoint_blocks():
    codes = [word_code(i) for i in range(0, CODE_BASE ** CODE_DIGITS, 37)]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == CODE_DIGITS for c in codes)
    for d in range(CODE_DIGITS):  # digit d of every code lies in block d, so no code starts mid-word
        blocks = {(ord(c[d]) - 0x1000) // CODE_BASE for c in codes}
        assert blocks == {CODE_DIGITS - 1 - d}
    assert all(ch not in "".join(codes) for ch in OOV)
    with pytest.raises(ValueError):
        word_code(CODE_BASE ** CODE_DIGITS)


def test_a_key_matches_only_at_word_boundaries():
    vocab = {w: word_code(i) for i, w in enumerate(["a", "b", "c", "d"])}
    auto = ahocorasick.Automaton()
    auto.add_word(vocab["b"] + vocab["c"], "b c")
    auto.make_automaton()
    text = "".join(vocab.get(w, OOV) for w in ["a", "b", "c", "zzz", "c", "b", "c"])
    ends = [end // CODE_DIGITS for end, _ in auto.iter(text)]
    assert ends == [2, 6]  # "b c" ending at tokens 2 and 6; never across "c b" or the unknown word
