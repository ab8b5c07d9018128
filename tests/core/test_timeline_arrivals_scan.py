"""`timeline_scan._arrivals` scans the whole text for a presentation, referral or transfer by the pattern's lowered twin
(rx_first.finditer): it must find what the pattern itself finds, in any case and with the twin in use. Example text
is our own."""
from __future__ import annotations

import pytest

from casecourse.assembly import timeline_scan
from casecourse.reading import rx_first, rx_store

TEXT = ("A 61-year-old man PRESENTED to the emergency department with fever. He was Referred by his doctor. "
        "Three days later he was transferred to our regional cardiac centre for surgery; she arrived in the ward and "
        "presented again at our clinic. Represented data were presentedly shown. He Arrived.")


@pytest.mark.parametrize("eager", [False, True])
def test_arrivals_scan_finds_what_the_pattern_finds(monkeypatch: pytest.MonkeyPatch, eager: bool) -> None:
    monkeypatch.setattr(rx_store, "EAGER", [eager])  # with the twin compiled at once, and without
    want = [(m.span(), m.groupdict()) for m in timeline_scan._ARRIVES.finditer(TEXT)]
    got = [(m.span(), m.groupdict()) for m in rx_first.finditer(timeline_scan._ARRIVES, TEXT)]
    assert got == want
    assert len(want) == 6
