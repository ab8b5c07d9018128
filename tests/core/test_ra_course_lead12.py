"""A rheumatoid arthritis course: a finding a test showed before another test's negative result, a drug stopped
'permanently', and a harm named by the drug before the stop (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read_mentions


def _asserted(sentence: str) -> dict[str, str]:
    return {sentence[m.start:m.end]: m.assertion.value for m in read_mentions(sentence)
            if m.type in ("finding", "condition")}


def test_a_finding_one_test_showed_is_not_denied_by_another_tests_negative_result() -> None:
    got = _asserted("CT showed bilateral ground-glass opacities, lavage showed a lymphocytosis of 42%, and cultures "
                    "were negative.")
    assert got["ground-glass opacities"] == "present" and got["lymphocytosis"] == "present"
    assert _asserted("CT showed ground-glass opacities and cultures were negative.")["ground-glass opacities"] == \
        "present"
    assert _asserted("Pneumonia and meningitis were ruled out.") == {"Pneumonia": "negated", "meningitis": "negated"}


def test_a_drug_stopped_permanently_for_the_harm_it_named() -> None:
    c = analyze_text("A 58-year-old woman with rheumatoid arthritis was treated with methotrexate from June 2015. In "
                     "March 2016 she developed a cough. Methotrexate pneumonitis was diagnosed; methotrexate was "
                     "permanently discontinued and she received prednisolone 40 mg daily.", assess=False)
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    assert (mtx.status, mtx.end.point if mtx.end else None, mtx.stop_reason) == ("stopped", "2016-03",
                                                                                 "adverse effect")


def test_a_failure_told_in_the_clause_before_a_switch_is_its_reason() -> None:
    base = "A 58-year-old woman with rheumatoid arthritis started etanercept 50 mg weekly in May 2016. "

    def why(sentence: str) -> str | None:
        return next(x.stop_reason for x in analyze_text(base + sentence, assess=False).exposures
                    if x.drug == "etanercept")

    assert why("After 14 months the response was lost (DAS28-CRP 4.8) and etanercept was switched to tocilizumab in "
               "July 2017.") == "inefficacy"
    assert why("In July 2017 the arthritis flared, and etanercept was stopped.") == "inefficacy"
    assert why("In July 2017 she had a rash and etanercept was stopped.") is None


def test_a_start_told_with_a_later_dose_change_in_its_sentence_is_not_at_the_changes_time() -> None:
    base = "A 58-year-old woman was diagnosed with rheumatoid arthritis in June 2015. "
    for later in ("in September 2015", "three months later"):
        c = analyze_text(base + f"Methotrexate was started at 15 mg weekly and increased to 20 mg weekly {later}.",
                         assess=False)
        segs = next(x for x in c.exposures if x.drug == "methotrexate").segments
        assert [(s.dose.value, s.start.point) for s in segs] == [(15.0, "2015-06"), (20.0, "2015-09")]


def test_a_valve_repair_is_no_valve_replacement() -> None:
    c = analyze_text("A 29-year-old man with endocarditis underwent tricuspid valve repair with vegetectomy on day 9. "
                     "His father had had a mitral valve replacement.", assess=False)
    assert "valve repair" in [p.name for p in c.procedures]
    assert [p.provenance.spans[0].text for p in c.procedures if p.name == "valve replacement"] != [
        "tricuspid valve repair"]


def test_a_stop_takes_no_length_of_the_next_drugs_taper_and_a_listed_course_shares_its_length() -> None:
    c = analyze_text("A 58-year-old woman with rheumatoid arthritis was treated with methotrexate from June 2015. In "
                     "March 2016 methotrexate was discontinued and she received prednisolone 40 mg daily, tapered over "
                     "eight weeks.", assess=False)
    mtx = next(x for x in c.exposures if x.drug == "methotrexate")
    assert mtx.end is not None and mtx.end.point == "2016-03"
    c = analyze_text("A man with tuberculosis was admitted on 3 April 2023. Rifampicin and isoniazid were started. He "
                     "completed nine months of rifampicin and isoniazid.", assess=False)
    assert {x.drug: (x.end.point or "")[:7] if x.end else None for x in c.exposures} == {
        "rifampin": "2024-01", "isoniazid": "2024-01"}  # nine months from 3 April 2023
