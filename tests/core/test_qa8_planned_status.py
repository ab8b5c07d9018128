"""A procedure only planned or considered is no history of having had it (invented sentences): the procedure lane
holds it with status preparation, and the status condition its name reads ("transplant recipient") is not in the
course; one that was done still gives both."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text


@pytest.mark.parametrize("sentence", [
    "He was considered for allogeneic stem cell transplantation.",
    "She was referred for evaluation for liver transplant.",
    "He is a candidate for kidney transplant.",
    "She was listed for lung transplantation.",
    "Pre-transplant work-up for liver transplantation was started.",
    "He will undergo liver transplantation.",
    "She was referred to the transplant centre for liver transplantation.",
])
def test_a_planned_transplant_is_no_recipient_status(sentence: str) -> None:
    c = analyze_text("A 45-year-old patient with end-stage organ failure was admitted in March 2020. " + sentence,
                     assess=False)
    assert not [x.name for x in c.conditions if "recipient" in x.name]
    assert [p.status for p in c.procedures if "transplant" in p.name] == ["preparation"]


def test_a_done_transplant_keeps_its_status_condition() -> None:
    c = analyze_text("A 50-year-old woman underwent kidney transplantation in 2015. A liver transplant was "
                     "planned in 2021.", assess=False)
    names = {x.name for x in c.conditions}
    assert "kidney transplant recipient" in names
    assert "liver transplant recipient" not in names
    status = {p.name: p.status for p in c.procedures}
    assert status == {"kidney transplantation": "completed", "liver transplantation": "preparation"}


def test_a_declined_or_ineligible_procedure_is_not_done() -> None:
    c = analyze_text("A 61-year-old man with myelodysplastic syndrome was admitted in May 2021. He was deemed "
                     "ineligible for allogeneic stem cell transplantation. He declined dialysis.", assess=False)
    assert not [x.name for x in c.conditions if "recipient" in x.name]
    assert {p.name: p.status for p in c.procedures} == {
        "haematopoietic stem cell transplantation": "not-done", "dialysis": "not-done"}


def test_a_place_named_after_a_procedure_is_no_procedure() -> None:
    c = analyze_text("A 50-year-old woman was admitted in May 2021 and transferred to the transplant centre.",
                     assess=False)
    assert c.procedures == []


def test_a_plan_carried_out_in_the_same_sentence_is_done() -> None:
    c = analyze_text("A 33-year-old woman with a splenic abscess was admitted in May 2021. She was referred to our "
                     "centre for splenectomy, which was performed on 20 May 2021.", assess=False)
    assert [(p.name, p.status) for p in c.procedures] == [("splenectomy", "completed")]


def test_referred_for_a_transplant_and_underwent_it() -> None:
    c = analyze_text("A 29-year-old woman with acute leukemia was admitted in May 2021. She was referred to our "
                     "institution for an allogeneic stem cell transplant (SCT) and underwent a matched unrelated "
                     "donor SCT.", assess=False)
    assert [p.status for p in c.procedures if "transplant" in p.name] == ["completed"]
    assert "haematopoietic stem cell transplant recipient" in {x.name for x in c.conditions}
