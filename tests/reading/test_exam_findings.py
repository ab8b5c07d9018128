"""A diagnosis an imaging, endoscopic or electrophysiological examination showed is marked as seen on it."""
from __future__ import annotations

from casecourse.reading.pipeline import read_mentions


def _seen(text: str) -> dict[str, object]:
    return {m.text.lower(): m.attrs.get("seen_on") for m in read_mentions(text) if m.type == "condition"}


def test_a_diagnosis_an_examination_showed_is_seen_on_it() -> None:
    got = _seen("A chest radiograph was consistent with lobar pneumonia. Colonoscopy revealed ulcerative colitis.")
    assert got["lobar pneumonia"] == "imaging"
    assert got["ulcerative colitis"] == "endoscopy"


def test_a_diagnosis_given_without_an_examination_or_before_it_is_not() -> None:
    got = _seen("She was diagnosed with pneumonia. Because of sarcoidosis, a chest radiograph was ordered. "
                "The radiograph was normal. Her father had gout.")
    assert got["pneumonia"] is None
    assert got["sarcoidosis"] is None  # named before the examination
    assert got["gout"] is None  # another sentence


def test_no_result_word_no_mark() -> None:
    got = _seen("A CT scan for suspected appendicitis was requested.")
    assert got.get("appendicitis") is None
