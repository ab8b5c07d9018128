"""CLINICAL_RULES.md sections 1-2: every HLH-2004 and HScore worked example."""

from rules_build import condition, course, drug, event, finding, items, lab, one, t

from casecourse.model import TimeRef
from casecourse.rules.hlh import HLHConfig, hlh2004, hscore, probability_band


def test_hlh2004_example1_child_met_with_three_unknown():
    c = course(
        lab("temperature", 39.1, "°C"),
        finding("spleen palpable 4 cm"),
        lab("haemoglobin", 82, "g/L"),
        lab("platelets", 45, "x10^9/L"),
        lab("ANC", 1.4, "10^9/L"),
        lab("triglycerides", 3.4, "mmol/L"),
        lab("ferritin", 8200, "µg/L"),
        age=0.5,
    )
    a = one(hlh2004(c))
    assert a.status == "met"
    assert a.score == {"min": 5, "max": 8}
    assert set(a.unknown) == {"haemophagocytosis", "NK-cell activity", "sCD25"}


def test_hlh2004_example2_sepsis_not_met():
    c = course(
        lab("temperature", 38.9, "°C"),
        finding("splenomegaly", negated=True),
        lab("Hb", 95, "g/L"),
        lab("platelets", 70, "10^9/L"),
        lab("neutrophils", 6.0, "10^9/L"),
        lab("TG", 2.1, "mmol/L"),
        lab("fibrinogen", 4.2, "g/L"),
        lab("ferritin", 1200, "ng/mL"),
        lab("sCD25", 1800, "U/mL"),
        finding("haemophagocytosis in bone marrow aspirate", negated=True),
    )
    a = one(hlh2004(c))
    assert (a.status, a.score, a.unknown) == ("not met", {"min": 2, "max": 3}, ["NK-cell activity"])
    assert items(a)["cytopenias >=2 lineages"].value is False


def test_hlh2004_example3_neonate_thresholds_and_mg_dl_boundary():
    c = course(
        lab("hemoglobin", 95, "g/L"),
        lab("platelets", 100, "10^9/L"),
        lab("ANC", 0.8, "10^9/L"),
        lab("triglycerides", 265, "mg/dL"),
        age=3 / 52,
    )
    it = items(one(hlh2004(c)))
    assert it["cytopenias >=2 lineages"].value is True
    assert it["triglycerides/fibrinogen"].value is True  # 265 mg/dL met as measured, though 2.99 mmol/L
    adult = items(
        one(hlh2004(course(lab("hemoglobin", 95, "g/L"), lab("platelets", 100, "10^9/L"), lab("ANC", 0.8, "10^9/L"))))
    )
    assert adult["cytopenias >=2 lineages"].value is False  # 95 g/L fails the adult <90


def _motivating(spleen_now: bool = False, counts: bool = False):
    facts = [
        event("admission", "2023-01-05", id="adm0"),
        finding("splenomegaly on PET-CT", "2023-01-06", anchor="adm0"),
        finding("fever"),
        finding("cytopenias"),
        lab("ferritin", 25000, "ng/mL"),
        lab("LDH", 1100, "U/L"),
        finding("haemophagocytosis on lymph node biopsy"),
        condition("systemic lupus erythematosus", "2020-02"),
        drug("prednisone", 20, "2022-06-01"),
        drug("mycophenolate mofetil", 2000, "2022-06-01"),
    ]
    if spleen_now:
        facts.append(finding("splenomegaly"))
    if counts:
        facts += [lab("haemoglobin", 8.0, "g/dL"), lab("platelets", 50, "10^9/L")]
    return course(*facts)


def test_hlh2004_example4_motivating_patient_range_3_to_8():
    a = one(hlh2004(_motivating()), at="adm")
    assert a.status == "undetermined"
    assert a.score == {"min": 3, "max": 8}
    assert {
        "splenomegaly",
        "cytopenias >=2 lineages",
        "triglycerides/fibrinogen",
        "NK-cell activity",
        "sCD25",
    } <= set(a.unknown)
    assert items(a)["splenomegaly"].detail == "documented only outside the window"


def test_hlh2004_example4_met_when_spleen_in_window_and_two_lineages():
    a = one(hlh2004(_motivating(spleen_now=True, counts=True)), at="adm")
    assert a.status == "met" and a.score["min"] == 5


def test_hscore_example1_lymphoma_299():
    c = course(
        finding("immunosuppression", negated=True),
        lab("temperature", 39.8, "C"),
        finding("hepatosplenomegaly"),
        lab("hemoglobin", 8.5, "g/dL"),
        lab("WBC", 2.1, "10^9/L"),
        lab("platelets", 60, "10^9/L"),
        lab("ferritin", 12000, "ng/mL"),
        lab("triglycerides", 3.2, "mmol/L"),
        lab("fibrinogen", 1.8, "g/L"),
        lab("AST", 85, "U/L"),
        finding("bone marrow haemophagocytosis"),
        condition("diffuse large B-cell lymphoma"),
    )
    a = one(hscore(c))
    assert a.score == {"min": 299, "max": 299} and a.status == "met" and a.unknown == []
    assert a.data["probability"]["min"]["probability"] == ">99%"


def test_hscore_example2_low_suspicion_70_to_105():
    c = course(
        drug("prednisone", 20, "2023-06-01"),
        lab("temperature", 38.4, "°C"),
        finding("splenomegaly", negated=True),
        finding("hepatomegaly", negated=True),
        lab("Hb", 11, "g/dL"),
        lab("WBC", 4.8, "10^9/L"),
        lab("platelets", 150, "10^9/L"),
        lab("ferritin", 1500, "ng/mL"),
        lab("TG", 1.4, "mmol/L"),
        lab("fibrinogen", 5.0, "g/L"),
        lab("AST", 30, "U/L"),
    )
    a = one(hscore(c))
    assert a.score == {"min": 70, "max": 105}
    assert a.unknown == ["bone-marrow haemophagocytosis"] and a.status == "not met"
    assert probability_band(70)["probability"] == "<1%"


def test_hscore_example3_boundaries_207():
    c = course(
        drug("azathioprine", 100, "2023-01-01"),
        lab("temperature", 39.4, "°C"),
        finding("hepatomegaly"),
        finding("splenomegaly", negated=True),
        lab("Hb", 9.0, "g/dL"),
        lab("WBC", 6.0, "10^9/L"),
        lab("platelets", 110, "10^9/L"),
        lab("ferritin", 6000, "ng/mL"),
        lab("triglycerides", 354, "mg/dL"),
        lab("fibrinogen", 250, "mg/dL"),
        lab("AST", 25, "U/L"),
        finding("haemophagocytosis in bone marrow", negated=True),
    )
    a = one(hscore(c))
    it = items(a)
    assert it["temperature"].points == (33, 33) and it["ferritin"].points == (35, 35)
    assert it["triglycerides"].points == (44, 44) and it["fibrinogen"].points == (30, 30)
    assert it["organomegaly"].points == (23, 23) and it["cytopenias"].points == (24, 24)
    assert a.score == {"min": 207, "max": 207}
    f2000 = items(one(hscore(course(lab("ferritin", 2000, "ng/mL")))))["ferritin"]
    assert f2000.points == (35, 35)


def test_hscore_example4_motivating_148_to_337():
    a = one(hscore(_motivating(spleen_now=True, counts=True)), at="adm")
    assert a.score == {"min": 148, "max": 337} and a.status == "undetermined"
    assert {"triglycerides", "fibrinogen", "AST", "bone-marrow haemophagocytosis"} <= set(a.unknown)
    assert items(a)["bone-marrow haemophagocytosis"].points == (0, 35)  # lymph node: strict reading
    permissive = one(hscore(_motivating(spleen_now=True, counts=True), HLHConfig(hscore_marrow_strict=False)), at="adm")
    assert items(permissive)["bone-marrow haemophagocytosis"].points == (35, 35)


def test_hscore_example4_conservative_floor_68():
    cfg = HLHConfig(hscore_fever_finding_points=(0, 49))
    a = one(hscore(_motivating(), cfg), at="adm")
    assert a.score["min"] == 68 and a.score["max"] == 337


def test_hscore_band_table_marks_unverified_rows():
    assert probability_band(165) == {"score": "165", "probability": "40-54%", "status": "verified"}
    assert probability_band(175)["status"] == "unverified"
    a = one(hscore(_motivating()), at="adm")
    assert any("approximate" in n for n in a.notes)


def test_offset_only_course_uses_relative_days():
    c = course(admit=None)
    c.events.append(event("admission", id="a1"))
    c.events[0].time = TimeRef(offset_days=(0, 0))
    f = lab("ferritin", 900, "ng/mL")
    f.time = TimeRef(offset_days=(2, 2))
    c.labs.append(f)
    assert items(one(hlh2004(c)))["ferritin"].value is True
    f.time = TimeRef(offset_days=(-200, -200))
    assert items(one(hlh2004(c)))["ferritin"].value is None


def test_time_helper_builds_day_precision():
    assert t("2024-01-02").precision == "day"


def test_hscore_an_hiv_test_is_not_immunosuppression_whatever_its_result():
    # a negative HIV serology is a test done, not HIV: it must not score the 18 points of immunosuppression
    c = course(lab("HIV serology", interp="NEG"), lab("human immunodeficiency virus serology", interp="NEG"))
    imm = items(one(hscore(c)))["immunosuppression"]
    assert imm.value is not True and imm.points != (18, 18)
    # HIV infection itself does score them
    c = course(condition("HIV infection"))
    assert items(one(hscore(c)))["immunosuppression"].points == (18, 18)


def test_hscore_a_drug_taken_since_before_the_admission_is_immunosuppression():
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 38-year-old man with Crohn's disease treated with azathioprine 150 mg "
                          "daily was admitted in October 2020 with fever and splenomegaly.")
    imm = items(one(hscore(course)))["immunosuppression"]
    assert imm.value is True and imm.points == (18, 18)
