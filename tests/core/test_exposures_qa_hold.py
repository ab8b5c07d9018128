"""Drugs withheld, omitted, considered and not given, or given as prophylaxis (invented stories)."""
from __future__ import annotations

from casecourse.assembly.course import assemble
from casecourse.reading.pipeline import read


def _exposures(text: str) -> dict[str, object]:
    return {e.drug: e for e in assemble(read("A 52-year-old woman was admitted in 2018. " + text)).exposures}


def test_a_drug_considered_but_not_started_is_not_taken() -> None:
    ex = _exposures("Abatacept was considered but not started.")
    assert ex["abatacept"].status == "not-taken"
    ex = _exposures("Etanercept was considered but was not given because of recurrent infections.")
    assert ex["etanercept"].status == "not-taken"


def test_a_drug_being_taken_and_withheld_stops_there() -> None:
    ex = _exposures("Etanercept 50 mg weekly was started in May 2018. In October 2019, etanercept was withheld "
                    "because of cellulitis.")
    assert ex["etanercept"].status == "stopped"
    assert ex["etanercept"].end is not None and ex["etanercept"].end.point == "2019-10"
    assert ex["etanercept"].stop_reason == "cellulitis"


def test_a_drug_omitted_from_a_regimen_stops_with_its_reason() -> None:
    ex = _exposures("Vincristine 1.4 mg/m2 was given in June 2018. In August 2018, vincristine was omitted owing to "
                    "constipation.")
    assert ex["vincristine"].status == "stopped" and ex["vincristine"].stop_reason == "constipation"
    assert ex["vincristine"].end.point == "2018-08"


def test_a_drug_withheld_that_was_never_taken_was_not_given() -> None:
    assert _exposures("Anticoagulation with heparin was withheld because of the bleeding.")["heparin"].status == \
        "not-taken"


def test_a_drug_given_as_prophylaxis_is_given() -> None:
    ex = _exposures("Co-trimoxazole was given as prophylaxis. Valganciclovir was used for prophylaxis.")
    assert ex["trimethoprim-sulfamethoxazole"].status != "not-taken"
    assert "valganciclovir" in ex


def test_switched_from_one_drug_to_another_stops_the_first() -> None:
    ex = _exposures("Etanercept 50 mg weekly was started in May 2018. In March 2019, she was switched from etanercept "
                    "to tocilizumab because of inefficacy.")
    assert ex["etanercept"].status == "stopped" and ex["etanercept"].end.point == "2019-03"
    assert ex["etanercept"].stop_reason == "inefficacy"
    assert ex["tocilizumab"].status != "stopped" and ex["tocilizumab"].segments[0].start.point == "2019-03"
    ex = _exposures("In March 2019, treatment was changed from azathioprine to mycophenolate mofetil.")
    assert ex["azathioprine"].status == "stopped" and ex["mycophenolate mofetil"].status != "stopped"


def test_a_drug_not_used_is_not_taken() -> None:
    assert _exposures("Tacrolimus was not used.")["tacrolimus"].status == "not-taken"


def test_a_gradual_stop_ends_after_its_length() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 30-year-old man was admitted. Dexamethasone 8 mg daily was started. Dexamethasone was "
                          "weaned off over the following 3 weeks.", assess=False)
    dex = next(e for e in course.exposures if e.drug == "dexamethasone")
    assert dex.status == "stopped" and dex.end.offset_days == (21.0, 21.0)
    course = analyze_text("A 30-year-old man was admitted. Prednisone 30 mg daily was started. Prednisone was tapered "
                          "and discontinued over six weeks.", assess=False)
    pred = next(e for e in course.exposures if e.drug == "prednisone")
    assert pred.status == "stopped" and pred.end.offset_days == (42.0, 42.0)


def test_a_reaction_to_the_drug_switched_away_from_is_its_stop_reason() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 30-year-old man was admitted in May 2019. Golimumab was started in June 2019. In "
                          "March 2021 he had an anaphylaxis to golimumab and was switched to etanercept.", assess=False)
    gol = next(e for e in course.exposures if e.drug == "golimumab")
    assert gol.status == "stopped" and gol.stop_reason == "adverse effect"
    assert next(e for e in course.exposures if e.drug == "etanercept").stop_reason is None


def test_a_stop_after_a_number_of_doses_counts_them_on_the_schedule() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 50-year-old woman was admitted on 2 March 2023. Intravenous cyclophosphamide 750 mg every "
                          "3 weeks was started on 6 March 2023. Prednisone was tapered to 20 mg/day in June 2023. "
                          "Cyclophosphamide was stopped after 4 doses.", assess=False)
    cyc = next(e for e in course.exposures if e.drug == "cyclophosphamide")
    assert cyc.status == "stopped" and cyc.end is not None and cyc.end.earliest == "2023-05-29"  # 4 x 21 days
