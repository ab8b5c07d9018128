"""Exposures: a temporary hold ("X was held for 2 weeks and then resumed at a lower dose") is two periods of the drug
with a gap between them, each exported as its own MedicationStatement; the resumed period starts when the stated
hold is over (or at the stated resumption date) and carries the dose told after the resumption. Sentences written
for this test."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.model import Exposure


def courses(text: str, drug: str) -> list[Exposure]:
    return [e for e in analyze_text(text, assess=False).exposures if e.drug == drug]


def test_a_hold_of_stated_length_then_resumed_at_a_lower_dose_is_two_periods() -> None:
    text = ("A 58-year-old woman with psoriatic arthritis was admitted with pneumonia. She was taking methotrexate "
            "20 mg weekly. On day 2 methotrexate was held for 3 weeks because of leukopenia and then resumed at "
            "10 mg weekly.")
    first, second = courses(text, "methotrexate")
    assert first.end is not None and first.end.offset_days == (1.0, 1.0) and first.stop_reason == "leukopenia"
    assert second.time.offset_days == (22.0, 22.0) and second.start_reason == "reintroduction"
    assert second.segments[0].dose is not None and second.segments[0].dose.value == 10.0
    assert first.segments[0].dose is not None and first.segments[0].dose.value == 20.0


def test_resumed_after_a_stated_time_counts_from_the_hold() -> None:
    text = ("A 70-year-old man was admitted with atrial fibrillation. Apixaban 5 mg twice daily was started. "
            "On day 4 apixaban was withheld and was resumed after 6 days.")
    first, second = courses(text, "apixaban")
    assert first.end is not None and first.end.offset_days == (3.0, 3.0)
    assert second.time.offset_days == (9.0, 9.0)


def test_a_hold_dated_only_by_its_resumption_begins_its_length_before() -> None:
    text = ("A 64-year-old man was admitted on 2 May 2022 with colitis while taking nivolumab. "
            "Nivolumab was interrupted for 4 weeks and resumed on 15 June 2022.")
    first, second = courses(text, "nivolumab")
    assert second.time.point == "2022-06-15"
    assert first.end is not None and first.end.point == "2022-05-18"  # not the resumption date
    statements = [r["resource"] for r in bundle_dict(analyze_text(text, assess=False))["entry"]
                  if r["resource"]["resourceType"] == "MedicationStatement"
                  and r["resource"]["medicationCodeableConcept"].get("text") == "nivolumab"]
    periods = [s.get("effectivePeriod") or {} for s in statements]
    assert len(statements) == 2
    assert any(p.get("end") == "2022-05-18" for p in periods)  # the first period ends where the hold begins
    assert any(p.get("start") == "2022-06-15" and "end" not in p for p in periods)  # the second goes on


def test_a_hold_of_stated_length_then_resumed_in_the_next_sentence() -> None:
    text = ("A 47-year-old man with Crohn's disease was admitted with sepsis. He was taking azathioprine 100 mg daily. "
            "On day 3 azathioprine was held for 10 days. Azathioprine was then restarted at 50 mg daily.")
    first, second = courses(text, "azathioprine")
    assert first.end is not None and first.end.offset_days == (2.0, 2.0)
    assert second.time.offset_days == (12.0, 12.0)
    assert second.segments[0].dose is not None and second.segments[0].dose.value == 50.0


def test_it_was_resumed_after_a_time_restarts_the_drug_of_the_sentence_before() -> None:
    text = ("A 39-year-old woman presented with a widespread rash. On day 2 lamotrigine was withheld. "
            "It was resumed after 8 days at 25 mg daily.")
    first, second = courses(text, "lamotrigine")
    assert first.status == "stopped" and first.end is not None and first.end.offset_days == (1.0, 1.0)
    assert second.time.offset_days == (9.0, 9.0) and second.start_reason == "reintroduction"
    assert second.segments[0].dose is not None and second.segments[0].dose.value == 25.0


def test_but_later_reinstituted_ends_the_hold() -> None:
    text = ("A 66-year-old man was admitted with a prosthetic joint infection. "
            "Linezolid 600 mg twice daily was started. "
            "On day 5 linezolid was withheld for 7 days because of thrombocytopenia but was later reinstituted.")
    first, second = courses(text, "linezolid")
    assert first.end is not None and first.end.offset_days == (4.0, 4.0) and first.stop_reason == "thrombocytopenia"
    assert second.time.offset_days == (11.0, 11.0)
