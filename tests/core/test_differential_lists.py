"""The bare list under a "Differential diagnosis" heading: differentials, not diagnoses (reading/differential_lists)."""
from casecourse.api import analyze_text


def _statuses(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text, assess=False).conditions}


def test_list_under_heading_is_differential() -> None:
    text = ("Case presentation\nA 50-year-old man had bloody diarrhoea.\n\nDifferential diagnosis\n"
            "Infective colitis, Crohn disease, vasculitis, carcinoid syndrome.\n\nTreatment\nHe was given fluids.\n")
    got = _statuses(text)
    assert got["crohn disease"] == "differential"
    assert got["vasculitis"] == "differential"
    assert got["carcinoid syndrome"] == "differential"


def test_sentence_under_heading_is_read_as_written() -> None:
    text = "Differential diagnosis\nA diagnosis of Crohn disease was made after the biopsy.\n"
    assert _statuses(text)["crohn disease"] == "confirmed"


def test_the_problem_whose_causes_are_listed_stays_the_patients() -> None:
    text = ("Case presentation\nShe developed acute kidney injury on day 3.\n\nDifferential diagnosis\n"
            "Other causes of acute kidney injury such as sepsis and vasculitis.\n")
    got = _statuses(text)
    assert got["acute kidney injury"] == "confirmed"
    assert got["sepsis"] == "differential"
