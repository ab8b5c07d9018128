"""Drug exposures, fifth round: "changed X to Y" (no "from") is a switch; a start told with its length ("was started
for a period of 10 days") ends the course; a figure legend's follow-up times do not move the story on; dictionary
corrections (gentamycin, sodium thiosulfate, the dental "panorex"). Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str) -> dict[str, tuple[str, list[tuple[str | None, object, object]]]]:
    return {e.drug: (e.status, [(s.dose.text if s.dose else None, s.start.point or s.start.offset_days,
                                 (s.end.point or s.end.offset_days) if s.end else None) for s in e.segments])
            for e in analyze_text(text, assess=False).exposures}


def test_changing_one_drug_to_another_stops_the_first_and_starts_the_second() -> None:
    for told in ("we changed cefepime to meropenem", "fever persisted in spite of changing cefepime to meropenem",
                 "the team switched cefepime to meropenem"):
        got = _exposures("A 61-year-old man was admitted on 2 March 2023 with sepsis and started on cefepime. "
                         f"On 6 March 2023 {told}.")
        assert got["cefepime"][0] == "stopped" and got["cefepime"][1][-1][2] == "2023-03-06"
        assert got["meropenem"][0] != "stopped" and got["meropenem"][1][0][1] == "2023-03-06"


def test_changed_without_a_second_drug_stops_nothing() -> None:
    got = _exposures("A 61-year-old man was admitted on 2 March 2023 and started on cefepime. On 6 March 2023 we "
                     "changed cefepime dosing to the renal function.")
    assert got["cefepime"][0] != "stopped"


def test_a_start_told_with_its_length_ends_the_course() -> None:
    got = _exposures("A 47-year-old woman was admitted on 3 June 2021 with a pancreatic fistula. Octreotide was "
                     "started for a period of 10 days.")
    assert got["octreotide"][0] == "completed"
    assert got["octreotide"][1][0][1:] == ("2021-06-03", "2021-06-13")


def test_a_figure_legend_follow_up_time_does_not_date_the_story_after_it() -> None:
    text = ("A 70-year-old woman presented with dyspnea. She was admitted to the intensive care unit.\n\n"
            "Figure 1. Electrocardiograms on admission, at the 6-month follow-up and at 1 year.\n\n"
            "Intravenous furosemide and heparin were administered. On day 10, she underwent surgery.")
    got = _exposures(text)
    assert got["furosemide"][1][0][1] == (0.0, 0.0)  # the day of admission, not a year later
    assert got["heparin"][1][0][1] == (0.0, 0.0)


def test_dictionary_corrections_of_round_expqa5() -> None:
    got = _exposures("A 52-year-old man with sepsis received gentamycin. Intravenous sodium thiosulfate was "
                     "started for calciphylaxis. A panorex showed a periapical abscess.")
    assert "gentamicin" in got and "sodium thiosulfate" in got
    assert "edrecolomab" not in got  # Panorex is also a brand of edrecolomab; here a dental radiograph
