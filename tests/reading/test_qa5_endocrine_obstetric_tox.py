"""Clinical QA (endocrine, obstetric, toxicology, ICU reports): each test reads an invented sentence."""
from __future__ import annotations

from casecourse.reading.zoning import sentence_zone


def test_laboratory_studies_with_a_colon_are_the_patients_workup() -> None:
    s = "Laboratory studies: hemoglobin 9.4 g/dL, platelets 71,000/µL and AST 240 U/L."
    assert sentence_zone(s, "narrative") == "narrative"
    assert sentence_zone("Imaging studies were notable for a small effusion.", "narrative") == "narrative"
    # studies of others stay literature
    assert sentence_zone("Laboratory studies have shown that ferritin predicts relapse.", "narrative") == "literature"
    assert sentence_zone("Several studies describe a higher risk in smokers.", "narrative") == "literature"


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    from casecourse.reading.pipeline import read
    out = []
    for m in read(text).mentions:
        if m.type == "lab_value":
            out.append((m.attrs.get("test"), m.attrs.get("value"), m.attrs.get("unit"), m.attrs.get("loinc")))
    return out


def test_drug_concentrations_are_levels_with_their_own_codes() -> None:
    got = _labs("The serum paracetamol concentration four hours after ingestion was 212 mg/L.")
    assert ("acetaminophen level", 212.0, "mg/L", "3298-7") in got
    got = _labs("Her serum lithium level was 2.7 mmol/L on arrival.")
    assert ("lithium level", 2.7, "mmol/L", "14334-7") in got
    got = _labs("The plasma digoxin concentration was 3.1 ng/mL.")
    assert ("digoxin level", 3.1, "ng/mL", "10535-3") in got


def test_receptor_antibodies_and_mean_pressure_are_not_their_namesakes() -> None:
    got = _labs("TSH receptor antibodies were 9.6 IU/L and TSH was 0.02 mIU/L.")
    assert ("thyrotropin receptor antibodies", 9.6, "IU/L", "5385-0") in got
    assert ("thyroid stimulating hormone", 0.02, "mIU/L", "3016-3") in got
    got = _labs("Blood pressure was 82/40 mmHg with a mean arterial pressure of 51 mmHg.")
    assert ("mean arterial pressure", 51.0, "mmHg", "8478-0") in got
    assert all(t != "blood pressure" or v == 82.0 for t, v, _u, _c in got)


def test_phospholipid_units_written_as_words_keep_their_interval() -> None:
    from casecourse.api import analyze_text
    from casecourse.model import Source
    text = "Anticardiolipin IgM was 48 MPL units (<20)."
    labs = analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8")).labs
    assert [(x.value, x.ucum, x.interpretation) for x in labs] == [(48.0, "[MPL'U]", "H")]


def _course_labs(text: str) -> list[tuple[str, float | None, str | None]]:
    from casecourse.api import analyze_text
    from casecourse.model import Source
    c = analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8"))
    return [(lab.test, lab.value, lab.interpretation) for lab in c.labs]


def test_a_duration_after_the_test_name_is_no_result() -> None:
    got = _course_labs("Serum lithium 12 hours after the last dose was 3.1 mmol/L (therapeutic range 0.6-1.2).")
    assert got == [("lithium level", 3.1, "H")]


def test_a_correction_is_a_change_not_a_level() -> None:
    got = _course_labs("Her sodium was 117 mmol/L and was corrected by 6 mmol/L over the first day.")
    assert [v for t, v, _i in got if t == "sodium"] == [117.0]


def test_a_bound_below_the_interval_is_low() -> None:
    got = _course_labs("TSH was <0.02 mIU/L (0.3-4.5) and ferritin >1500 ng/mL (20-300); CRP <4 mg/L (0-10).")
    assert ("thyroid stimulating hormone", 0.02, "L") in got
    assert ("ferritin", 1500.0, "H") in got
    assert ("c-reactive protein", 4.0, None) in got  # below 4 may be anywhere in 0-10: not known to be normal


def _course(text: str):
    from casecourse.api import analyze_text
    from casecourse.model import Source
    return analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8"))


def test_a_fetal_or_a_relatives_death_is_not_the_patients() -> None:
    c = _course("A 33-year-old woman had a stillbirth in 2017 and an intrauterine fetal death at 24 weeks in 2019. "
                "Her father died of a myocardial infarction in 2015. She was admitted on 2 March 2021.")
    assert not [e for e in c.events if e.type == "death"]
    c = _course("A 71-year-old man was admitted on 2 March 2021. He died on 9 March 2021.")
    assert [e.time.point for e in c.events if e.type == "death"] == ["2021-03-09"]


def test_the_newborns_weight_is_not_the_mothers() -> None:
    c = _course("A 29-year-old woman had a caesarean delivery of a healthy girl weighing 3.1 kg. She weighed 71 kg.")
    assert [lab.value for lab in c.labs if lab.test == "body weight"] == [71.0]


def test_a_considered_diagnosis_is_a_differential_and_not_suspected_is_refuted() -> None:
    c = _course("A 40-year-old man was admitted. Acute pancreatitis was considered and the lipase was sent. "
                "Thrombotic thrombocytopenic purpura was not suspected. Sepsis was considered to be the trigger.")
    st = {x.name: x.status for x in c.conditions}
    assert st["pancreatitis"] == "provisional"
    assert st["thrombotic thrombocytopenic purpura"] == "refuted"
    assert st["sepsis"] == "confirmed"
    # answered by a normal result after a contrast: not borne out (assembly/suspicions.py)
    c = _course("A 40-year-old man was admitted. Acute pancreatitis was considered but the lipase was normal.")
    assert {x.name: x.status for x in c.conditions}["pancreatitis"] == "refuted"


def test_an_absent_low_count_files_no_low_result() -> None:
    c = _course("A 40-year-old man was admitted. There was no thrombocytopenia. Thrombocytopenia did not occur.")
    assert not [lab for lab in c.labs if lab.test == "platelets"]


def test_diagnoses_that_name_their_drug_are_coded() -> None:
    c = _course("A 40-year-old man on haloperidol developed neuroleptic malignant syndrome. Heparin-induced "
                "thrombocytopenia was later diagnosed. A thyroid storm and peripartum cardiomyopathy were excluded.")
    codes = {x.name: [k.code for k in x.codings] for x in c.conditions}
    assert "G21.0" in codes["neuroleptic malignant syndrome"]
    assert "D75.829" in codes["heparin-induced thrombocytopenia"]
    assert "haloperidol" in {e.drug for e in c.exposures}


def test_an_interval_with_thousands_separators_flags_the_count() -> None:
    got = _course_labs("Platelets were 58,000/µL (150,000-400,000) and white cells 13,200/µL (4,500-11,000).")
    assert ("platelets", 58000.0, "L") in got and ("leukocytes", 13200.0, "H") in got
