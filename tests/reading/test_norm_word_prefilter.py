"""norm_word's one-alternation prefilter (lexicon_norm._any_rule) changes no key: it skips words no rule matches."""
import itertools

from casecourse.reading import lexicon_norm as L


def _reference(word: str) -> str:
    """norm_word as the rules define it: every rule applied in turn."""
    if word == "A":
        return "a"
    irregular, rules, drop = L._rules()
    if word[-1:] in "sS" and word[-2:-1] in L._APOSTROPHES:
        word = word[:-2]
    w = L.fold(word)
    if w in drop:
        return ""
    w = irregular.get(w, w)
    if len(w) <= 3 or not w.isalpha():
        return w
    for pat, rep in rules:
        w = pat.sub(rep, w)
    return w


def test_prefilter_keeps_every_key():
    assert L._any_rule() is not None  # the shipped rules combine
    stems = ["thorac", "analys", "diagnos", "stenos", "carcinom", "vertebr", "biops", "bacill", "leucocyt",
             "oedem", "haemorrhag", "colour", "organis", "analys", "centr", "catalog", "sulphat", "fibros", "tumour"]
    ends = ["", "e", "es", "s", "is", "ies", "ata", "a", "ae", "i", "us", "ation", "ed", "ing", "re", "ue", "y", "ys"]
    words = ["".join(p) for p in itertools.product(stems, ends)]
    words += ["Sjögren's", "Crohn´s", "A", "the", "rash", "fever", "abdomen", "anaemia", "knees", "kidneys", "teeth"]
    changed = 0
    for w in words:
        want = _reference(w)
        assert L.norm_word.__wrapped__(w) == want, w
        changed += want != L.fold(w)
    assert changed > 50  # the words exercise the rules, not only the shortcut
