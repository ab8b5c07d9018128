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
