"""Drug exposures, fourth round: a switch told with the treatment as subject stops the running drugs of the new
drug's class group; a drug told again later only as "low-dose" / "maintenance" is a later segment with no dose
given; penicillin V potassium is phenoxymethylpenicillin. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _segments(text: str) -> dict[str, tuple[str, list[tuple[str | None, str | None, str | None]]]]:
    return {e.drug: (e.status, [(s.dose.text if s.dose else None, s.start.point, s.end.point if s.end else None)
                                for s in e.segments])
            for e in analyze_text(text, assess=False).exposures}


def test_a_treatment_switched_to_a_drug_stops_the_running_drugs_of_its_class() -> None:
    for subject in ("her treatment was changed", "her therapy was switched", "the antimicrobial regimen was changed"):
        got = _segments("A 58-year-old woman was admitted on 4 May 2022 with cellulitis. She was started on "
                        f"vancomycin, cefepime and hydrocortisone. On 9 May 2022 {subject} to oral linezolid.")
        assert got["vancomycin"][0] == "stopped" and got["vancomycin"][1][-1][2] == "2022-05-09"
        assert got["cefepime"][0] == "stopped"
        assert got["hydrocortisone"][0] != "stopped"  # another class group goes on
        assert got["linezolid"][1][0][1] == "2022-05-09"


def test_a_treatment_switch_stops_the_drug_started_earlier_in_its_sentence() -> None:
    got = _segments("A 63-year-old man was admitted on 4 May 2022. On 6 May 2022 he was started on cefepime, and "
                    "after a generalized rash his therapy was switched to oral linezolid.")
    assert got["cefepime"][0] == "stopped"
    assert got["linezolid"][0] != "stopped"


def test_a_drug_told_later_only_as_low_dose_is_a_later_segment_without_a_dose() -> None:
    got = _segments("A 66-year-old man with giant cell arteritis was started on prednisolone 50 mg daily on "
                    "2 February 2021. At his last visit in August 2022 he was on low-dose prednisolone.")
    status, segs = got["prednisolone"]
    assert status == "active"
    assert [(s[0], s[1]) for s in segs] == [("50 mg daily", "2021-02-02"), ("low-dose", "2022-08")]
    assert segs[0][2] is None  # when the 50 mg ended the text does not say
    got = _segments("A 39-year-old woman with lupus nephritis began azathioprine 125 mg daily in April 2018. "
                    "In October 2019 she remained on maintenance azathioprine.")
    assert [(s[0], s[1]) for s in got["azathioprine"][1]] == [("125 mg daily", "2018-04"), ("maintenance", "2019-10")]


def test_a_low_dose_with_its_amount_or_a_first_low_dose_invents_nothing() -> None:
    got = _segments("A 66-year-old man was started on prednisolone 50 mg daily on 2 February 2021. In August 2022 "
                    "he was on low-dose prednisolone 5 mg daily.")
    assert [s[0] for s in got["prednisolone"][1]] == ["50 mg daily", "5 mg daily"]
    got = _segments("A 71-year-old woman was admitted on 3 June 2020. She was given low-dose aspirin. In May 2021 "
                    "she was still on low-dose aspirin.")
    assert len(got["aspirin"][1]) == 1  # no dose was ever given: nothing to lower


def test_penicillin_v_potassium_is_phenoxymethylpenicillin() -> None:
    got = _segments("A 12-year-old boy with streptococcal pharyngitis was given penicillin V potassium 250 mg "
                    "four times daily.")
    assert list(got) == ["phenoxymethylpenicillin"]


def test_the_steroid_curve_after_a_low_dose_segment_stays_a_range() -> None:
    course = analyze_text("A 66-year-old man with giant cell arteritis was started on prednisolone 50 mg daily on "
                          "2 February 2021. At his last visit in August 2022 he was on low-dose prednisolone.")
    got = next(a for a in course.assessments if a.rule == "steroid_exposure").data
    assert got["cumulative_mg"]["min"] == 50.0  # only the first day's dose is sure; the taper is not told
    assert got["sequence"][1:] == ["0-50", "0-50"]


def test_a_drug_named_low_dose_before_its_dose_gets_no_lowered_segment() -> None:
    got = _segments("A 70-year-old man was admitted on 2 March 2021 for a hip fracture, and low-dose heparin was "
                    "chosen for thromboprophylaxis. Heparin 5000 units twice daily was started on 3 March 2021. "
                    "In June 2021 he was on low-dose heparin.")
    assert "low-dose" not in [s[0] for s in got["heparin"][1]]  # the name of the treatment, not a later lower dose
