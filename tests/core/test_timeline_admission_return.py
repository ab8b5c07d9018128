"""The timeline on a calendar story: "on admission" / "on arrival" dates its sentence at the admission (or, where
no admission is told, the presentation) even after a piece of dated history; "day N" counts from the admission's
own date, not from an earlier date of the same sentence. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.reading.pipeline import read


def points(text: str) -> list[str | None]:
    r = read(text)
    return [(t.time.point if t else None) for t in place_sentences(r)]


def test_on_arrival_returns_to_the_presentation_after_dated_history() -> None:
    got = points("A 61-year-old man presented on 4 February 2021 with cough and fever. "
                 "He had had tuberculosis in 2009, treated for six months. "
                 "On arrival, his oxygen saturation was 88% on room air.")
    assert got[1] == "2009"
    assert got[2] == "2021-02-04"


def test_on_admission_returns_to_the_latest_admission() -> None:
    got = points("A 45-year-old woman was admitted on 2 March 2020 with a rash. She was discharged on 9 March 2020. "
                 "She was readmitted on 1 June 2020 with fever. She had been well in April 2020. "
                 "On admission, her CRP was 80 mg/L.")
    assert got[4] == "2020-06-01"


def test_day_count_counts_from_the_admission_date_not_the_diagnosis_year() -> None:
    got = points("A 30-year-old man with Crohn disease diagnosed in 2015 was admitted on 10 May 2022 with diarrhoea. "
                 "Intravenous hydrocortisone was started on day 2.")
    assert got[1] is not None and got[1].startswith("2022-05")
