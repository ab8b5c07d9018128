"""rx_first: the first-character lookaheads and start filters never change what a pattern matches."""
from __future__ import annotations

import random
import re

from casecourse.reading import rx_first
from casecourse.reading.rx_first import anchored, finditer, first_chars, lower_text, lowered, may_start

PATTERNS = [
    (r"\b(?:admitted|admission|discharged?|relapse[sd]?)\b", re.I),
    (r"(?<![\w/])(?:once\s*daily|twice\s*daily|q\d+h|every\s*(\d+)\s*weeks?)(?![\w])", re.I),
    (r"(?P<num>\d+(?:\.\d+)?)\s*(?:mg|g|mL)\b", 0),
    (r"(?:very\s+|mildly\s+)*(?:high|low|normal)\s+(?:serum\s+)*$", re.I),
    (r"a|bc|(?:de)*f", 0),
    (r"[<>]?\s?1\s?:\s?\d{1,4}", 0),
    (r"x?y?z?", 0),  # may match the empty string: no filter
]
WORDS = ["Admitted", "admission", "discharge", "relapsed", "once daily", "twice  daily", "q8h", "every 3 weeks",
         "10 mg", "2.5 g", "250 mL", "very high", "Mildly LOW serum", "normal", "a", "bc", "dedef", "f",
         "<1:80", "1 : 320", "xyz", "K", "Ω", "é", "12/3", "-", "/", "."]


def _texts(n: int = 200) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(WORDS) + rng.choice([" ", "", ", ", "\n", "-"]) for _ in range(rng.randint(1, 12)))
            for _ in range(n)]


def test_anchored_finds_the_same_matches():
    for pattern, flags in PATTERNS:
        plain, fast = re.compile(pattern, flags), anchored(pattern, flags)
        for text in _texts():
            assert [(m.span(), m.groups()) for m in plain.finditer(text)] == \
                   [(m.span(), m.groups()) for m in fast.finditer(text)], (pattern, text)


def test_anchored_adds_a_lookahead_when_it_can():
    assert anchored(r"\b(?:admitted|admission)\b", re.I).pattern.startswith("(?=[a][d])")
    assert anchored(r"x?y?z?").pattern == "x?y?z?"  # nullable: left alone


def test_may_start_keeps_every_start_that_matches():
    for pattern, flags in PATTERNS:
        rx = re.compile(pattern, flags)
        for text in _texts(50):
            starts = list(range(len(text)))
            kept = set(may_start(rx, text, starts))
            assert all(i in kept for i in starts if rx.match(text, i)), (pattern, text)


def test_first_chars_folds_case_and_gives_up_on_any():
    assert first_chars(re.compile(r"ab|Cd", re.I)) >= {"a", "A", "c", "C"}
    assert first_chars(re.compile(r".x")) is None


LOWERED = [
    (r"\b(?P<n>\d+)\s*(?P<u>DAYS?|weeks?|Months?)\s+(?:later|AGO)\b", re.I),
    (r"(?<![A-Z])[A-Z][a-z]+(?=\s)|[^a-c\d]x|(?P<q>q)(?P=q)", re.I),
    (r"\b(?:is|this|Kin|[s-v]+)\b", re.I),
]
FOLD_WORDS = ["3 DAYS later", "2 weeks ago", "4 Months Later", "Kin", "KIN", "\u212aIN", "THIS", "tHiS", "sUv",
              "Qq", "qQ", "xX", "Ax", "é", "Σ", "9x", "-x", "ıs", "thıs", "ſuv", "ıx", "ſx", "Kıſ"]


def _fold_texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    words = WORDS + FOLD_WORDS
    return ["".join(rng.choice(words) + rng.choice([" ", "", ", ", "\n"]) for _ in range(rng.randint(1, 12)))
            for _ in range(n)]


def test_lowered_twin_matches_where_the_pattern_does():
    for pattern, flags in LOWERED:
        rx = re.compile(pattern, flags)
        twin = lowered(rx)
        assert twin is not None and not twin.flags & re.I
        for text in _fold_texts():
            low = lower_text(text)
            assert low is not None
            for i in range(len(text)):
                a, b = rx.match(text, i), twin.match(low, i)
                assert (a and a.regs) == (b and b.regs), (pattern, text, i)


def test_lowered_leaves_what_it_cannot_rewrite():
    assert lowered(re.compile(r"abc")) is None  # not case-insensitive
    assert lowered(re.compile(r"straße", re.I)) is None  # a cased non-ASCII letter
    assert lowered(re.compile(r"(?P<a>x)?(?(a)y|z)", re.I)) is None  # a conditional


def test_lower_text_refuses_texts_whose_case_folding_is_not_one_to_one():
    assert lower_text("Day 3 LATER") == "day 3 later"
    assert lower_text("İstanbul") is None  # lower-cases to two characters


def test_lower_text_writes_dotless_i_and_long_s_as_ignorecase_reads_them():
    assert lower_text("ſeptember") == "september" and lower_text("Dıstal") == "distal"  # match s and i under re.I
    assert re.match("distal", "Dıstal", re.I) and re.match("september", "ſeptember", re.I)


def test_finditer_gives_the_plain_scans_matches_before_and_after_the_twin(monkeypatch):
    monkeypatch.setattr(rx_first, "TWIN_AFTER_CHARS", 200)  # the first texts run plainly, the rest by the twin
    for pattern, flags in LOWERED:
        rx = re.compile(pattern, flags)
        for text in _fold_texts(120):
            assert [(m.re, m.regs) for m in finditer(rx, text)] == [(m.re, m.regs) for m in rx.finditer(text)]
    assert rx_first._DEFERRED[id(rx)][2]  # the twin did run


def test_finditer_scans_plainly_where_there_is_no_twin():
    rx = re.compile(r"Straße|x", re.I)
    text = "STRASSE x straße " * 5000
    assert [m.span() for m in finditer(rx, text)] == [m.span() for m in rx.finditer(text)]


# literal_scan / after_first: patterns it rewrites (and some it must leave alone), over texts built to reach
# their alternatives, boundaries, repeats and lookarounds
SCANNED = [
    (r"\b(?:admitted|admission|discharged?|relapse[sd]?)\b", 0),
    (r"(?<![\w/])(?:once\s*daily|twice\s*daily|q\d+h|every\s*(\d+)\s*weeks?)(?![\w])", 0),
    (r"(?=\d)(?:(?P<mult>\d+)\s*[x×]\s*)?(?P<value>\d+(?:[.,]\d+)*)\s*(?P<unit>mg|g|ml)(?![\w])", re.I),
    (r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+", 0),
    (r"\b(?P<m>male|man)\b|\b(?P<f>female|woman)\b", 0),
    (r"(?:no|not)(?:\s+(?:evidence|sign)s?)?(?:\s+of)?", 0),
    (r"a+?b|ab{2,3}c|(?:de)*f", 0),
    (r"\s*(?:and|or)\s+", 0),
    (r"(?:not\s+)?no[a-z]*|a?ab?|b*?b", 0),  # a repeat at the start whose taking and skipping begin alike
]
SCAN_WORDS = ["admitted", "Admission", "discharge", "relapsed", "once daily", "twice  daily", "q8h", "every 3 weeks",
              "3 x 250 mg", "2,5 g", "10 ML", "10mgs", "male", "woman", "females", "no", "not", "no evidence of",
              "nosign", "not signs of", "aab", "abbc", "dedef", "f", ". The", "!) 5", "\n\n", ".\nA", "x.", "and",
              " or  ", "aa", "aab", "bbc", "not now", "É", "٣", "\u00a0", "-", "/", "_"]


def _scan_texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    gaps = [" ", "", ", ", "\n", "-", "/"]
    return ["".join(rng.choice(SCAN_WORDS) + rng.choice(gaps) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def test_literal_scan_finds_the_same_spans():
    built = 0
    for pattern, flags in SCANNED:
        rx = re.compile(pattern, flags)
        scan = rx_first.literal_scan(rx)
        if scan is None:
            continue
        built += 1
        for text in _scan_texts():
            assert [m.span() for m in scan.finditer(text)] == [m.span() for m in rx.finditer(text)], (pattern, text)
    assert built >= 6  # most of these are rewritten


def test_literal_scan_leaves_what_it_cannot_rewrite():
    assert rx_first.literal_scan(re.compile(r"x?y?z?")) is None  # may match the empty string
    assert rx_first.literal_scan(re.compile(r"(a)\1")) is None  # a back reference
    assert rx_first.literal_scan(re.compile(r"\b(?:male|man)\b", re.I)) is None  # case-insensitive letters
    assert rx_first.literal_scan(re.compile(r"\w+ly")) is None  # any word character may begin a match
    assert rx_first.literal_scan(re.compile(r"\d+", re.M)) is None  # other flags


def test_matches_gives_the_patterns_own_matches(monkeypatch):
    monkeypatch.setattr(rx_first, "TWIN_AFTER_CHARS", 200)  # the first texts run plainly, the rest by the scan
    built = 0
    for pattern, flags in SCANNED:
        rx = re.compile(pattern, flags)
        for text in _scan_texts(100):
            assert [(m.re, m.regs) for m in rx_first.matches(rx, text)] == [(m.re, m.regs) for m in rx.finditer(text)]
        built += rx_first._SCANS[id(rx)][1][0] is not rx
    assert built >= 6  # the scans did run


def test_after_first_matches_what_the_pattern_matches_from_that_character():
    rng = random.Random(5)
    for pattern, _ in SCANNED[5:] + [(r"(?:was|were|is)\s+(?:negative|neg)\s+for", 0), (r"[a-c]z|b+", 0)]:
        rx = re.compile(pattern)
        for text in _scan_texts(100) + ["".join(rng.choice("abcdefnot \n") for _ in range(12)) for _ in range(200)]:
            for p in range(len(text)):
                rest = rx_first.after_first(pattern, text[p])
                assert rest is not None
                want = rx.match(text, p)
                got = re.compile(re.escape(text[p]) + rest).match(text, p)
                assert (want and want.span()) == (got and got.span()), (pattern, text, p)
    assert rx_first.after_first(r"(a)b", "a") is None  # a capturing group is not rewritten
    assert rx_first.after_first(r"abc", "b") == "(?!)"


def test_word_led_tries_a_pattern_only_behind_a_space_or_sign():
    rx = re.compile(r"\b(?:admitted|admission|discharged?)\b")
    led = rx_first.word_led(rx)
    assert led is not None
    assert rx_first.word_led(re.compile(r"(?:admitted|x)")) is None  # nothing says what precedes a match
    assert rx_first.word_led(re.compile(r"\b(?:-x|admitted)")) is None  # \b before a sign: a word character precedes
    assert rx_first.word_led(re.compile(r"(?<![\w/])(?:daily|q\d+h)")) is not None
    for text in _scan_texts() + ["admitted", "Éadmitted admitted", "x-admitted_admitted", "admittedadmitted"]:
        assert list(rx_first.spans((rx, led), text)) == [m.span() for m in rx.finditer(text)], text
    rx = re.compile(r"(?<![\w-])(?:no:|x)")  # a match right where the last one ends
    led = rx_first.word_led(rx)
    for text in ["no:x", "x no:no:x", "no:-x", "ano:x"]:
        assert list(rx_first.spans((rx, led), text)) == [m.span() for m in rx.finditer(text)], text
