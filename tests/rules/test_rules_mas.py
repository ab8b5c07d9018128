"""CLINICAL_RULES.md section 3: MAS 2016 (Ravelli) and the 2009 juvenile-SLE guidelines (Parodi)."""

from rules_build import condition, course, finding, items, lab, one

from casecourse.rules.mas import mas2016, mas_jsle2009


def _sjia(*facts):
    return course(condition("systemic juvenile idiopathic arthritis", "2023"), finding("fever"), *facts, age=8)


def test_mas2016_example1_classified():
    a = one(
        mas2016(
            _sjia(
                lab("ferritin", 2500, "ng/mL"),
                lab("platelets", 150, "10^9/L"),
                lab("AST", 90, "U/L"),
                lab("triglycerides", 140, "mg/dL"),
                lab("fibrinogen", 400, "mg/dL"),
            )
        )
    )
    assert a.status == "met" and a.score == {"min": 2, "max": 2}
    assert not any("extrapolation" in n for n in a.notes)


def test_mas2016_example2_ferritin_684_not_classified():
    a = one(mas2016(_sjia(lab("ferritin", 684, "ng/mL"), lab("platelets", 50, "10^9/L"), lab("AST", 300, "U/L"))))
    assert a.status == "not met"


def test_mas2016_example3_undetermined_then_classified_by_fibrinogen():
    base = [
        lab("ferritin", 5000, "ng/mL"),
        lab("platelets", 190, "10^9/L"),
        lab("AST", 48, "U/L"),
        lab("triglycerides", 160, "mg/dL"),
    ]
    a = one(mas2016(_sjia(*base)))
    assert a.status == "undetermined" and a.unknown == ["fibrinogen <=360 mg/dL"]
    assert one(mas2016(_sjia(*base, lab("fibrinogen", 3.0, "g/L")))).status == "met"


def test_mas2016_example4_adult_extrapolated_undetermined():
    a = one(mas2016(course(finding("fever"), lab("ferritin", 25000, "ng/mL"), condition("SLE", "2020"))))
    assert a.status == "undetermined"
    assert any("extrapolation in adults" in n for n in a.notes)


def test_parodi_example1_met():
    a = one(
        mas_jsle2009(
            course(lab("temperature", 38.6, "°C"), lab("ferritin", 3000, "ng/mL"), lab("LDH", 800, "U/L"), age=15)
        )
    )
    assert a.status == "met"


def test_parodi_example2_no_clinical_criterion_not_met():
    neg = [finding(n, negated=True) for n in ("fever", "hepatomegaly", "splenomegaly", "bleeding", "CNS dysfunction")]
    a = one(
        mas_jsle2009(
            course(
                *neg,
                lab("WBC", 3.0, "10^9/L"),
                lab("platelets", 90, "10^9/L"),
                lab("ferritin", 2000, "ng/mL"),
                lab("AST", 120, "U/L"),
                age=15,
            )
        )
    )
    assert a.status == "not met"


def test_parodi_example3_boundaries_undetermined():
    a = one(
        mas_jsle2009(
            course(
                finding("fever"),
                lab("ferritin", 500, "ng/mL"),
                lab("LDH", 567, "U/L"),
                lab("triglycerides", 180, "mg/dL"),
                age=15,
            )
        )
    )
    it = items(a)
    assert it["ferritin >500"].value is False and it["LDH >567"].value is False
    assert it["triglycerides >178 mg/dL"].value is True and a.status == "undetermined"


def test_parodi_example4_motivating_adult_met_and_labelled():
    a = one(
        mas_jsle2009(
            course(
                finding("fever"),
                lab("LDH", 1100, "U/L"),
                lab("ferritin", 25000, "ng/mL"),
                finding("splenomegaly on PET-CT"),
            )
        )
    )
    assert a.status == "met"
    assert items(a)["splenomegaly >=3 cm"].value is None  # size not given
    assert any("extrapolation in adults" in n for n in a.notes)
