"""The prefilters that spare a slow search must never reject a text the search would match."""
from casecourse.reading import labs_qualitative


def test_list_head_ends_in_its_tail() -> None:
    """`_list_tail` is searched before `_list_head`: every match of the head must be one of the tail too."""
    head, tail = labs_qualitative._list_head(), labs_qualitative._list_tail()
    assert head.pattern.endswith(tail.pattern)
    for window in ("Routine labs that were abnormal included ", "Abnormal results comprised: the ",
                   "the laboratory values that were elevated were  "):
        assert head.search(window) is not None
        assert tail.search(window) is not None
    assert tail.search("the results were abnormal in ") is None


def test_timex_may_start_keeps_every_start_a_match_may_begin_at() -> None:
    """`timex_scan.may_start` filters word starts by a byte table of the pattern's first characters; a non-ASCII
    character (read as "?") is always kept, as is every start where the pattern matches."""
    import re

    from casecourse.reading import timex_scan

    text = "Über 3 weeks later, µ-opioid twice daily; éte 2 days after surgery"
    starts = [m.start() for m in re.finditer(r"\b\w", text)]
    rx = re.compile(r"\b(?:\d+|twice)\s+(?:weeks?|days?|daily)\b")
    kept = timex_scan.may_start(rx, text, starts)
    assert kept == [s for s in starts if text[s] in "0123456789tT" or text[s] >= "\x80"]
    assert {s for s in starts if rx.match(text, s)} <= set(kept)
