"""Word keys looked up per document (`lexicon_norm._WORD_KEYS`) and copulas read from the tokens' keys
(`predicates.find`) give what `norm_word` and the scan of the joined keys gave. Example sentences are our own."""
from __future__ import annotations

from bisect import bisect_left

from casecourse.reading import lexicon_norm as L
from casecourse.reading import predicates

TEXT = ("A 7-year-old's knees and teeth were swollen; Sjögren's syndrome, the patient´s anaemia and hepatitis A "
        "were noted. The abdomen was distended and the liver is was enlarged.")


def test_tokens_keys_are_norm_word_of_each_kept_word():
    toks = L.Tokens(TEXT)
    words = L.WORD.findall(TEXT)
    want = [k for k in (L.norm_word(w) for w in words) if k]
    assert toks.keys == want
    assert L.Tokens(TEXT).keys == want  # the second time from the kept keys
    assert [TEXT[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)] == [w for w in words if L.norm_word(w)]


def _copulas_by_joined_scan(toks: L.Tokens) -> list[int]:
    """The copula tokens as the regex over the keys joined by spaces found them (each match takes the space before
    the next key, so a copula right after a copula is not read)."""
    import re

    joined, start_of = toks.joined()
    rx = re.compile(" (?:" + "|".join(sorted(predicates.words().copulas)) + ") ")
    return [bisect_left(start_of, hit.start() + 1) for hit in rx.finditer(joined)]


def test_copula_tokens_as_the_joined_scan_read_them():
    toks = L.Tokens(TEXT)
    read = {m.start for m in predicates.find(TEXT, toks)}
    cops = _copulas_by_joined_scan(toks)
    assert toks.keys.index("is") + 1 not in cops  # "is was": the second copula is not read
    assert TEXT.index("distended") in read
    assert TEXT.index("enlarged") not in read  # after "is was", no state of the liver is read
