"""'All (N) drugs were stopped', a later step told ', followed N later by Y', 'followed by Y' after a stop, and a
qualitative test that takes no mass (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text

_TB = ("A 54-year-old man was admitted on 1 March 2023 with tuberculosis. He was started on rifampicin, isoniazid, "
       "pyrazinamide and ethambutol, with pyridoxine 10 mg daily. On 29 March he developed jaundice. ")


def _courses(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    c = analyze_text(text, assess=False)
    return [(x.drug, x.status, x.time.point, x.end.point if x.end else None, x.stop_reason) for x in c.exposures]


def test_all_the_counted_drugs_stop_and_a_supplement_goes_on() -> None:
    got = _courses(_TB + "All four drugs were stopped because of drug-induced liver injury.")
    stopped = {d for d, status, _, end, why in got if status == "stopped" and end == "2023-03-29"
               and why == "drug-induced liver injury"}
    assert stopped == {"rifampin", "isoniazid", "pyrazinamide", "ethambutol"}
    assert [s for d, s, *_ in got if d == "pyridoxine"] == ["unknown"]


def test_a_count_that_is_not_the_courses_taken_stops_none() -> None:
    got = _courses(_TB + "All three drugs were stopped.")
    assert all(status != "stopped" for _, status, *_ in got)


def test_all_drugs_stopped_in_a_sentence_naming_nothing_else() -> None:
    got = _courses(_TB + "All medications were discontinued.")
    assert all(status == "stopped" for _, status, *_ in got)


def test_followed_later_by_a_drug_dates_that_drug_only_and_restarts_it() -> None:
    got = _courses("A 54-year-old man was admitted on 1 March 2023 with tuberculosis. On 12 April rifampicin was "
                   "started, followed one week later by isoniazid.")
    assert [(d, start) for d, _, start, *_ in got] == [("rifampin", "2023-04-12"), ("isoniazid", "2023-04-19")]
    for told in ("followed by isoniazid one week later", "followed one week later by isoniazid"):
        got = _courses("A 54-year-old man was admitted on 1 March 2023 with tuberculosis. He was started on "
                       "rifampicin and isoniazid. On 29 March all drugs were stopped because of hepatotoxicity. On 12 "
                       f"April rifampicin was reintroduced at full dose, {told}.")
        assert [(d, start) for d, _, start, *_ in got if start and start > "2023-04"] == [
            ("rifampin", "2023-04-12"), ("isoniazid", "2023-04-19")]


def test_a_culture_takes_no_mass() -> None:
    c = analyze_text("A man with tuberculosis was treated. Sputum cultures converted to negative at eight weeks, and "
                     "at the end of treatment he had regained 10 kg.", assess=False)
    assert [(lab.test, lab.value, lab.interpretation) for lab in c.labs] == [("sputum culture", None, "NEG")]
