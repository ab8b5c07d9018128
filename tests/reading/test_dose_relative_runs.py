"""The percentage dose changes are searched only in the stretches of text that hold a "%" (`_runs_with_percent`):
the same mentions as the patterns' scan of the whole text."""
from __future__ import annotations

from casecourse.reading import dose_relative
from casecourse.reading.dose_relative import _NOUNED, _VERBED, _runs_with_percent, find


def _scanned(text: str) -> list[tuple[int, int, float]]:
    """What `find` gives, by each pattern's scan of the whole text (its definition)."""
    out = []
    for rx in _VERBED:
        for m in rx.finditer(text):
            pct = float(m.group("n"))
            start = m.start("n")
            if m.group("prep") == "by":
                pct = 100 - pct if m.group("verb").lower() in dose_relative._LOWER else 100 + pct
                start = m.start("prep")
            out.append((start, m.end(), pct))
    for rx in _NOUNED:
        for m in rx.finditer(text):
            pct = float(m.group("n"))
            if "kind" in rx.groupindex:
                pct = 100 - pct if m.group("kind").lower() in dose_relative._LOWER else 100 + pct
            out.append((m.start("n"), m.end(), pct))
    return [x for x in out if 0 < x[2] <= 300]


_TEXT = (
    "Cycle 2 was given at 80% of the full dose.\nThe carboplatin dose was reduced to 75% (neutropenia); "
    "after that the dose-reduced by 25% schedule went on, and a 20% dose reduction of docetaxel followed.\n"
    "HbA1c fell to 7% and the dose was unchanged. Dose was\n\n   increased   by 10%, then DOSE REDUCED TO 50%.\n"
    "Her oxygen saturation was 92%;the dose of\tgemcitabine was cut by 30 %\n"
    "(dose reduced to 60%)-dose escalated to 110%,100% dose increase.%"
)


def test_runs_hold_every_percent_sign() -> None:
    runs = _runs_with_percent(_TEXT)
    assert runs == sorted(runs)
    assert all("%" in _TEXT[a:b] for a, b in runs)
    assert sum(_TEXT[a:b].count("%") for a, b in runs) == _TEXT.count("%")
    assert all(a == 0 or _TEXT[a - 1] in "();,:" for a, _ in runs)  # each run begins after a character no match holds


def test_the_same_changes_as_the_scan_of_the_whole_text() -> None:
    got = [(m.start, m.end, m.attrs["value"]) for m in find(_TEXT)]
    assert got == _scanned(_TEXT)
    assert len(got) >= 8  # most of the changes written above are read
