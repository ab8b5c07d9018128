"""Drug exposures, fourteenth round (expqa14). Sentences written for this test.

A drug told as given and then, with a word of later order, switched to another in one sentence ("she initially
received X, then was switched to Y", "started on X and later transitioned to Y", "treated with X, which was
subsequently changed to Y"): X began at the sentence's time and stopped at the switch, which is later (undated unless
the sentence tells the switch's time or X's length).
"""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Exposure

_ADMITTED = "A 47-year-old woman was admitted on 9 March 2022 with fever and flank pain. "


def _exposures(text: str) -> dict[str, Exposure]:
    return {e.drug: e for e in analyze_text(text, assess=False).exposures}


def test_initially_received_then_switched_starts_at_the_sentence_time() -> None:
    text = _ADMITTED + "She initially received ampicillin empirically, then was switched to cefotaxime."
    ex = _exposures(text)["ampicillin"]
    assert ex.segments[0].start.point == "2022-03-09"
    assert ex.status == "stopped"
    assert ex.end is not None and not ex.end.known  # the switch came later, on a day the text does not give


def test_started_on_a_list_and_later_changed() -> None:
    text = (_ADMITTED + "She was started empirically on oral ciprofloxacin and metronidazole, later changed to "
            "intravenous cefepime.")
    ex = _exposures(text)
    for drug in ("ciprofloxacin", "metronidazole"):
        assert ex[drug].segments[0].start.point == "2022-03-09"
        assert ex[drug].end is not None and not ex[drug].end.known


def test_a_time_told_after_the_switch_is_the_switchs() -> None:
    text = (_ADMITTED + "She was treated with cefazolin, which was later switched to meropenem on 12 March 2022.")
    ex = _exposures(text)
    assert ex["cefazolin"].segments[0].start.point == "2022-03-09"  # the story's time before the sentence
    assert ex["cefazolin"].end is not None and ex["cefazolin"].end.point == "2022-03-12"


def test_a_switch_without_the_first_start_keeps_its_time() -> None:
    # guard: "X was changed to Y" tells no start of X; X stops at the sentence's time as before
    text = (_ADMITTED + "She was started on cefazolin. On 11 March 2022 cefazolin was changed to meropenem.")
    ex = _exposures(text)["cefazolin"]
    assert ex.segments[0].start.point == "2022-03-09"
    assert ex.end is not None and ex.end.point == "2022-03-11"
