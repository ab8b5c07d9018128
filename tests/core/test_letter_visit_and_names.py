"""A clinic letter read as its writer means it (invented letter): the examination is the visit's, after a piece of
history told with its month; a diagnosis dated by the biopsy that proved it; a patient's name is no finding."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read_mentions

_LETTER = """Clinic date: 21/05/2024

Diagnoses:
1. Granulomatosis with polyangiitis (biopsy 11/2019)
2. Lupus nephritis class III (biopsy-proven 2017)

Dear Dr Okafor,

I saw Mrs Amelia Ward in clinic today. She had a chest infection in February, treated with doxycycline. On
examination she had nasal crusting and a vasculitic rash on both legs. Her creatinine today was 98 umol/L.

Yours sincerely,
Dr J Lowe
"""


def _course():
    return analyze_text(_LETTER, assess=False)


def test_an_examination_after_a_piece_of_history_is_the_visits() -> None:
    rash = next(f for f in _course().findings if "rash" in f.name)
    assert rash.time is not None and rash.time.point == "2024-05-21"


def test_a_diagnosis_dated_by_the_biopsy_that_proved_it() -> None:
    onset = {c.name: c.time.point if c.time else None for c in _course().conditions}
    assert onset["granulomatosis with polyangiitis"] == "2019-11"
    assert onset["lupus nephritis"] == "2017"


def test_a_name_after_a_title_is_no_finding() -> None:
    assert "amelia" not in {f.name.lower() for f in _course().findings}
    texts = {m.text for m in read_mentions("I reviewed Mrs Amelia Stone (DOB 04/09/1981) today. We thank Dr. Myoma "
                                           "Okoye and Dr Fibroma for the biopsy of the lymphoma.")}
    assert not texts & {"Amelia", "Myoma", "Fibroma"} and "lymphoma" in texts
