"""Drug exposures, third audit: a switch told with the patient as subject stops the running drugs of the new
drug's class group; a combination product written in several ways is one drug; a general name and its one form
named in the report are one drug. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _by_drug(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {e.drug: (e.status, e.segments[0].start.point if e.segments else None,
                     e.segments[-1].end.point if e.segments and e.segments[-1].end else None)
            for e in analyze_text(text, assess=False).exposures}


def test_a_patient_switched_to_a_drug_stops_the_running_drugs_of_its_class() -> None:
    got = _by_drug("A 70-year-old woman was admitted on 3 March 2021 with pneumonia. She was started on vancomycin "
                   "and prednisone. On 7 March 2021 she was switched to oral linezolid because of a rash.")
    assert got["vancomycin"] == ("stopped", "2021-03-03", "2021-03-07")
    assert got["prednisone"][0] != "stopped"  # another class group goes on
    assert got["linezolid"][1] == "2021-03-07"


def test_a_patient_switch_keeps_a_drug_the_sentence_continues() -> None:
    got = _by_drug("A 44-year-old man was admitted on 3 March 2021. He was started on vancomycin and cefazolin. "
                   "On 7 March 2021 he was changed to daptomycin, and cefazolin was continued.")
    assert got["vancomycin"][0] == "stopped"
    assert got["cefazolin"][0] != "stopped"


def test_a_combination_product_written_with_and_with_or_reversed_is_one_drug() -> None:
    for text, product in (
            ("She was given imipenem/cilastatin 500 mg IV every 6 hours.", "imipenem-cilastatin"),
            ("She was given imipenem and cilastatin 500 mg IV every 6 hours.", "imipenem-cilastatin"),
            ("He received amoxicillin with clavulanic acid 875 mg twice daily.", "amoxicillin-clavulanate"),
            ("He received piperacillin and tazobactam 4.5 g every 8 hours.", "piperacillin-tazobactam"),
            ("He received tazobactam/piperacillin 4.5 g every 8 hours.", "piperacillin-tazobactam"),
            ("He received sulbactam sodium/ampicillin sodium 3 g every 6 hours.", "ampicillin-sulbactam")):
        exposures = analyze_text("A 52-year-old man was admitted with fever. " + text, assess=False).exposures
        assert [e.drug for e in exposures] == [product]
        assert exposures[0].segments[0].dose is not None  # the product's dose, not one ingredient's


def test_a_list_of_an_inhibitor_and_other_drugs_is_not_joined_across_a_comma() -> None:
    got = _by_drug("A 30-year-old man was admitted. He received amoxicillin, clavulanic acid and vancomycin.")
    assert "amoxicillin-clavulanate" not in got


def test_a_general_name_after_its_one_named_form_is_that_drug() -> None:
    got = _by_drug("A 35-year-old man with syphilis was admitted on 2 May 2020. He was given penicillin G 4 million "
                   "units IV every 4 hours. On 12 May 2020 penicillin was stopped.")
    assert got == {"penicillin g": ("stopped", "2020-05-02", "2020-05-12")}
    got = _by_drug("A 35-year-old man was admitted on 2 May 2020 and treated with penicillin. Benzylpenicillin "
                   "2.4 g IV every 4 hours was given until 12 May 2020.")
    assert list(got) == ["penicillin g"]
