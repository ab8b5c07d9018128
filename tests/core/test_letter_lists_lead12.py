"""A clinic letter: a diagnosis list item with its bracketed notes is still an item (its features named, not dated
at the clinic), and a screening for a drug's harm is no diagnosis of it (invented letter)."""
from __future__ import annotations

from casecourse.api import analyze_text

_LETTER = """Rheumatology Outpatient Clinic
Date of clinic: 14 March 2024

Dear Dr Lee,

Diagnoses:
1. Systemic lupus erythematosus (diagnosed 2017): arthritis, malar rash, lupus nephritis class IV (biopsy 2019)
2. Hypertension

I reviewed her today. On examination there was no synovitis and no rash.

Plan:
1. Continue hydroxychloroquine 200 mg twice daily.
2. Annual eye screening for hydroxychloroquine retinopathy.
"""


def test_a_listed_diagnosis_s_features_are_not_dated_at_the_clinic() -> None:
    c = analyze_text(_LETTER)
    times = {x.name: x.time for x in [*c.conditions, *c.findings]}
    assert not times["arthritis"].known and not times["malar rash"].known
    sledai = [a for a in c.assessments if a.rule == "sledai2k"]
    assert sledai and all(a.data["clinical_sledai"]["min"] == 0 for a in sledai)


def test_screening_for_a_drugs_harm_is_no_diagnosis_of_it() -> None:
    c = analyze_text(_LETTER)
    retinopathy = next(x for x in c.conditions if x.name == "retinopathy")
    assert retinopathy.status != "confirmed"
    c = analyze_text("A man was seen. The enema was given for the evaluation of his chronic constipation.")
    assert next(x for x in c.conditions if x.name == "chronic constipation").status == "confirmed"


def test_a_plans_dose_change_set_for_later_leaves_todays_dose() -> None:
    letter = ("Rheumatology Outpatient Clinic\nDate of clinic: 14 March 2024\n\nCurrent medications:\n"
              "Prednisolone 5 mg once daily\n\nI reviewed her today. She is well.\n\nPlan:\n1. {}\n")

    def doses(item: str) -> list[tuple[float | None, str | None]]:
        pred = next(x for x in analyze_text(letter.format(item)).exposures if x.drug == "prednisolone")
        return [(s.dose.value if s.dose else None, s.start.point) for s in pred.segments]

    assert doses("Attempt to reduce prednisolone to 2.5 mg daily from next month.") == [(5.0, None)]
    assert doses("Reduce prednisolone to 2.5 mg daily.") == [(5.0, None), (2.5, "2024-03-14")]


def test_a_womans_gestational_age_makes_her_pregnant_but_not_a_babys_nor_a_uterus_size() -> None:
    def pregnant(text: str) -> bool:
        return any(x.name == "pregnancy" for x in analyze_text(text).conditions)

    assert pregnant("A 31-year-old woman presented at 28 weeks' gestation with headache.")
    assert not pregnant("A 35-year-old woman gave birth to twins at 35 weeks of gestation.")  # over (docqa6's rule)
    assert not pregnant("A 31-year-old woman, born at 30 weeks' gestation, presented with asthma.")
    assert not pregnant("A 38-week gestational age female with a birth weight of 3.2 kg had apnoea.")
    assert not pregnant("A 47-year-old woman had a uterus with fibroids measuring 20 weeks of gestation.")
