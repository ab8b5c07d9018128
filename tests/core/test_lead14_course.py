"""Fourteenth lead session: the story's time, told in our own words."""

from __future__ import annotations

from casecourse.api import analyze_text


def _point(t) -> str | None:
    return t.point if t is not None else None


def test_a_state_since_an_earlier_date_does_not_move_the_story_back():
    c = analyze_text(
        "A 28-year-old woman with systemic lupus erythematosus was admitted in June 2020 with fever and "
        "pancytopenia. She had been treated with hydroxychloroquine since 2018. Haemophagocytic "
        "lymphohistiocytosis was diagnosed and anakinra was started. She was discharged two weeks later.")
    hcq = next(x for x in c.exposures if x.drug == "hydroxychloroquine")
    assert _point(hcq.time) == "2018"
    hlh = next(x for x in c.conditions if x.name == "hemophagocytic lymphohistiocytosis")
    assert (hlh.time.earliest or "").startswith("2020-06")
    anakinra = next(x for x in c.exposures if x.drug == "anakinra")
    assert (anakinra.time.earliest or "").startswith("2020-06")


def test_a_since_date_at_the_start_of_the_story_still_dates_what_follows():
    c = analyze_text("She has had psoriasis since 2012. In March 2019 she presented with arthritis of both knees. "
                     "Methotrexate was started.")
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    assert (mtx.time.earliest or "").startswith("2019-03")
