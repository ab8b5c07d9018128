"""rx_keys: each keyword-first scan gives exactly the matches of the plain regex scan."""
import re

from casecourse.reading import rx_keys

TEXT = ("She had chronic kidney disease (CKD) and heart failure; failure to thrive was not seen. "
        "Blood pressure 130/85 mmHg, ANA 1:320, INR between 2 and 3. Hepatitis and gastritis, "
        "a cystoma.  Known Graves disease, Sjögren syndrome; left ventricular (LV) dysfunction. "
        "BETWEEN 4 and 5; 12/7 and 1 : 40; the Diseases; x-disease-y (disease)")


def spans(it):
    return [(m.span(), m.groups()) for m in it]


def test_starting_with_equals_finditer_also_case_insensitive():
    rx = re.compile(r"\b(?:disease|syndrome)s?\b")
    assert spans(rx_keys.starting_with(rx, TEXT, ("disease", "syndrome"))) == spans(rx.finditer(TEXT))
    rx_i = re.compile(r"\bbetween\s+(\d+)\s+and\s+(\d+)", re.I)
    got = spans(rx_keys.starting_with(rx_i, TEXT, ("between",), lower=True))
    assert got == spans(rx_i.finditer(TEXT)) and len(got) == 2
    assert spans(rx_keys.starting_with(rx, TEXT, ("disease", "syndrome"), pos=200)) == spans(rx.finditer(TEXT, 200))


def test_in_runs_equals_finditer_with_lookahead_at_run_end():
    rx = re.compile(r"\b([a-z][a-z]+(?:[-–][a-z]+)?)\s+(?:\([A-Z][A-Za-z0-9]{0,7}\)\s+)?"
                    r"(?:disease|failure|dysfunction)s?\b(?!\s+to\b)")
    run = re.compile(r"[\w\s()\-\u2013]*")
    got = spans(rx_keys.in_runs(rx, TEXT, ("disease", "failure", "dysfunction"), run))
    assert got == spans(rx.finditer(TEXT)) and any("ventricular" in str(g) for g in got)


def test_at_run_starts_equals_finditer_for_whole_words():
    rx = re.compile(r"\b[A-Za-z][a-z]{3,}(?:itis|oma)(?:s|es)?\b")
    got = spans(rx_keys.at_run_starts(rx, TEXT, ("itis", "oma"), re.compile(r"\w*")))
    assert got == spans(rx.finditer(TEXT)) and len(got) == 3


def test_near_equals_finditer():
    bp = re.compile(r"(?<![\w./])(\d{2,3})\s?/\s?(\d{2,3})")
    assert spans(rx_keys.near(bp, TEXT, "/", 2, 4)) == spans(bp.finditer(TEXT))
    titre = re.compile(r"(?<![\w.:/])1\s?:\s?(\d{1,5})")
    got = spans(rx_keys.near(titre, TEXT, ":", 1, 4))
    assert got == spans(titre.finditer(TEXT)) and len(got) == 2


def test_may_hold_is_false_only_without_the_word():
    low = TEXT.lower()
    assert rx_keys.may_hold(low, 0, 40, ("kidney",))
    assert not rx_keys.may_hold(low, 0, 20, ("kidney",))
    assert rx_keys.may_hold(None, 0, 20, ("kidney",))  # unknown lower case: the search must run


def test_search_lowered_gives_the_patterns_own_match(monkeypatch):
    monkeypatch.setattr(rx_keys, "TWIN_AFTER_SEARCHES", 0)
    rx = re.compile(r"(?P<adj>(?:very\s+)?(?:elevated|low))\s+(?:serum\s+)*$", re.I)
    for s in ("with Very Elevated serum ", "a LOW ", "normal "):
        m, plain = rx_keys.search_lowered(rx, s, s.lower()), rx.search(s)
        assert (m and (m.span("adj"), m.group("adj"))) == (plain and (plain.span("adj"), plain.group("adj")))


def test_lowered_search_and_match_keep_the_window(monkeypatch):
    # a window's end is the pattern's `$`, and its start no limit to what a lookbehind sees
    monkeypatch.setattr(rx_keys, "TWIN_AFTER_SEARCHES", 0)
    before = re.compile(r"(?<![\w-])(?:Serum|trough)\s+(?:(?!and\s)[\w-]+\s+)?$", re.I)
    after = re.compile(r"[\s-]*(?:levels?|Concentrations?)(?!\w)", re.I)
    s = "The SERUM Tacrolimus level was low; non-serum trough  vancomycin concentrations rose."
    low = s.lower()
    for lo in range(len(s)):
        for hi in range(lo, len(s) + 1, 3):
            m, plain = rx_keys.search_lowered(before, s, low, lo, hi), before.search(s, lo, hi)
            assert (m and m.span()) == (plain and plain.span())
            m, plain = rx_keys.match_lowered(after, s, low, lo, hi), after.match(s, lo, hi)
            assert (m and (m.span(), m.group())) == (plain and (plain.span(), plain.group()))
    assert rx_keys.match_lowered(after, s, low, 20).group() == " level"
    assert rx_keys.search_lowered(before, s, low, 0, 21).span() == (4, 21)  # "SERUM Tacrolimus "
    assert rx_keys.search_lowered(before, s, low, 5, 21) is None  # the window starts inside "SERUM"


def test_key_set_gives_each_literals_places_in_one_pass():
    keys = rx_keys.KeySet(("disease", "syndrome", "itis", "oma", "failure", "between", "Graves"))
    assert "Graves" not in keys.literals  # only lower-case literals: the pass runs over the lower-cased text
    for lits in (("disease", "syndrome"), ("itis", "oma"), ("failure",)):
        assert keys.occurrences(TEXT, lits) == rx_keys.occurrences(TEXT, lits) != []
    low = TEXT.lower()
    both = ("between", "disease")
    assert keys.occurrences(TEXT, both, lower=True) == rx_keys.occurrences(low, both)
    assert len(keys.occurrences(TEXT, ("between",), lower=True)) == 2 > len(keys.occurrences(TEXT, ("between",)))
    assert keys.occurrences(TEXT, ("kidney",)) is None  # not in the set: the caller scans for it itself
    rx = re.compile(r"\b(?:disease|syndrome)s?\b")
    assert spans(rx_keys.starting_with(rx, TEXT, ("disease", "syndrome"), keys=keys)) == spans(rx.finditer(TEXT))
    suffix = re.compile(r"\b[A-Za-z][a-z]{3,}(?:itis|oma)(?:s|es)?\b")
    got = spans(rx_keys.at_run_starts(suffix, TEXT, ("itis", "oma"), re.compile(r"\w*"), keys))
    assert got == spans(suffix.finditer(TEXT)) and len(got) == 3
