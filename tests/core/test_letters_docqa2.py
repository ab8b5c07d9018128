"""A letter's plan read as a clinician reads it (docqa2; invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text

PLAN_LETTER = """Dear Dr Moreno,

Re: John Hale, DOB 02/02/1950

Mr Hale, a 73-year-old man, has heart failure and type 2 diabetes. He takes bisoprolol 2.5 mg daily, ramipril 2.5 mg
daily and metformin 500 mg twice daily.

Plan:
- Start dapagliflozin 10 mg once daily.
- Continue metformin.
- Increase bisoprolol to 5 mg daily.
- Stop ramipril.
"""


def _by_drug(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in analyze_text(text).exposures:
        out.setdefault(e.drug, []).append(e)
    return out


def test_a_drug_the_plan_starts_is_intended_not_taken() -> None:
    dapagliflozin = _by_drug(PLAN_LETTER)["dapagliflozin"]
    assert [(e.status, e.assertion.value) for e in dapagliflozin] == [("not-taken", "hypothetical")]
    assert dapagliflozin[0].segments[0].dose.value == 10


def test_a_drug_the_plan_continues_or_changes_is_taken_now() -> None:
    got = _by_drug(PLAN_LETTER)
    assert [e.status for e in got["metformin"]] == ["active"]
    bisoprolol = got["bisoprolol"]
    assert [e.status for e in bisoprolol] == ["active"]
    assert [s.dose.value for s in bisoprolol[-1].segments] == [2.5, 5]
    assert [e.status for e in got["ramipril"]] == ["stopped"]


def test_a_plan_label_on_one_line_reads_each_clause() -> None:
    text = ("Dear Dr Lee,\n\nI reviewed Ms Fox today. She has rheumatoid arthritis and takes methotrexate 15 mg "
            "weekly.\n\nPlan: continue methotrexate 15 mg weekly and start folic acid 5 mg weekly.\n")
    got = {e.drug: (e.status, e.assertion.value) for e in analyze_text(text).exposures}
    assert got == {"methotrexate": ("active", "present"), "folic acid": ("not-taken", "hypothetical")}


def test_a_drug_started_in_the_story_is_no_plan() -> None:
    # outside a plan an imperative-looking "Start" is not read as intended
    text = "A 50-year-old man had gout. Colchicine 0.5 mg twice daily was started.\n"
    assert all(e.status != "not-taken" for e in analyze_text(text).exposures)


def _recoveries(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.detail, e.time.point) for e in analyze_text(text).events if e.type == "recovery"]


def test_a_resolved_item_of_a_diagnosis_list_names_what_resolved() -> None:
    text = ("Discharge Diagnoses:\n- Lobar pneumonia\n- Acute kidney injury (resolved)\n- Hypokalaemia, resolved\n\n"
            "Hospital Course:\nAn 81-year-old man presented with a productive cough.\n")
    assert sorted(_recoveries(text)) == [("Acute kidney injury", None), ("Hypokalaemia", None)]
    assert any(c.name == "acute kidney injury" and c.status == "confirmed" for c in analyze_text(text).conditions)


def test_a_resolved_list_item_and_the_storys_recovery_are_one_recovery() -> None:
    text = ("Diagnoses:\n1. Acute kidney injury, resolved\n2. Gout\n\n"
            "Mr Cole, a 66-year-old man, was admitted in June 2022 with vomiting. His acute kidney injury resolved "
            "with fluids.\n")
    assert _recoveries(text) == [("acute kidney injury", "2022-06")]


def test_a_plans_stop_and_new_dose_date_from_the_letters_own_date() -> None:
    text = ("Clinic date: 21/06/2024\n\nDear Dr Moreno,\n\nMrs Lane, a 58-year-old woman, was admitted in January "
            "2024 with atrial fibrillation. She takes diltiazem 60 mg twice daily and aspirin 75 mg daily.\n\n"
            "Plan:\n1. Increase diltiazem to 90 mg twice daily.\n2. Stop aspirin.\n")
    got = _by_drug(text)
    diltiazem = got["diltiazem"][-1]
    assert [(s.dose.value, s.start.point, s.end.point if s.end else None) for s in diltiazem.segments] == [
        (60, "2024-01", "2024-06-21"), (90, "2024-06-21", None)]
    aspirin = got["aspirin"][-1]
    assert (aspirin.status, aspirin.end.point) == ("stopped", "2024-06-21")
