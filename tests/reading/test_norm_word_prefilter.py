"""norm_word's literal prefilter (lexicon_norm._rule_checks) changes no key: it skips only rules a word cannot match."""
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
    checks = L._rule_checks()
    assert sum(bool(literal) for _, _, literal, _ in checks) >= len(checks) - 1  # the shipped rules have literals
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


def test_rule_literals():
    by_pattern = {pat.pattern: (literal, at_end) for pat, _, literal, at_end in L._rule_checks()}
    assert by_pattern["(?<=[a-z]{3}om)ata$"] == ("ata", True)
    assert by_pattern["oe(?=.)"] == ("oe", False)
    assert by_pattern["(?<=[a-z]{3})is(ation|ed|es|ing|e)$"] == ("is", False)


def test_irregular_end():
    irregular = L._rules()[0]
    for form, singular in irregular.items():
        if len(form) >= 4 and form != singular:
            assert L._irregular_end("xyz" + form) == "xyz" + singular
            assert L._irregular_end("xy" + form) == "xy" + form  # three letters must stand before the form


def _every_rule(word: str) -> str:
    """norm_word with every irregular ending and every rule tried (no test of the last letters first)."""
    if word == "A":
        return "a"
    irregular, _, drop = L._rules()
    if word[-1:] in "sS" and word[-2:-1] in L._APOSTROPHES:
        word = word[:-2]
    w = L.fold(word)
    if w in drop:
        return ""
    if w in irregular:
        w = irregular[w]
    else:
        for k, forms in L._irregular_ends():
            if len(w) > k + 2 and w[-k:] in forms:
                w = w[:-k] + forms[w[-k:]]
                break
    if len(w) <= 3 or not w.isalpha():
        return w
    return L._apply_rules(w, L._rule_checks())


def test_last_letter_shortcuts_keep_every_key():
    """`_rules_for_last` and `_irregular_tails` skip only rules and forms a word cannot match, also after a rule
    changed its last letter ("-ises" -> "-ise" -> "-ize")."""
    stems = ["thorac", "analys", "diagnos", "leucocyt", "haemorrhag", "colour", "organis", "centr", "sulphat",
             "antihel", "clubf", "leptomening", "micrometast", "bacteri", "catalog", "oedem"]
    ends = ["", "e", "es", "s", "ises", "ised", "yses", "ies", "ata", "ae", "i", "ices", "eet", "ges", "ases", "re",
            "tres", "ogue", "ogues", "y", "us", "oes"]
    for w in ["".join(p) for p in itertools.product(stems, ends)] + ["Crohn´s", "A", "the", "feet", "teeth"]:
        assert L.norm_word.__wrapped__(w) == _every_rule(w), w
