"""CLINICAL_RULES.md sections 4-6: EULAR/ACR 2019, SLEDAI-2K, LLDAS and DORIS worked examples."""

from rules_build import condition, course, drug, event, finding, items, lab, one

from casecourse.rules.remission import doris, lldas
from casecourse.rules.sle import sle_eular_acr_2019
from casecourse.rules.sledai import sledai2k

CLINICAL_ABSENT = (
    "fever",
    "haemolysis",
    "delirium",
    "psychosis",
    "seizure",
    "alopecia",
    "oral ulcers",
    "discoid lupus",
    "malar rash",
    "pleural effusion",
    "pericarditis",
    "arthritis",
    "lupus nephritis",
)


def _no_clinical(date="2024-01-10"):
    return [finding(n, date, negated=True) for n in CLINICAL_ABSENT] + [
        lab("WBC", 6.0, "10^9/L", date),
        lab("platelets", 250, "10^9/L", date),
        lab("proteinuria", 0.1, "g/24h", date),
    ]


def test_sle2019_example1_23_points_classified():
    a = one(
        sle_eular_acr_2019(
            course(
                lab("ANA", 160, "titre"),
                lab("temperature", 38.6, "°C"),
                finding("oral ulcers"),
                finding("malar rash"),
                finding("arthritis"),
                lab("C3", interp="L"),
                lab("C4", interp="N"),
                lab("anti-dsDNA", interp="POS"),
            )
        )
    )
    assert a.status == "met" and a.score["min"] == 23
    assert a.data["domains"]["mucocutaneous"] == {"criterion": "acute cutaneous lupus", "points": 6}


def test_sle2019_example2_no_clinical_criterion():
    serology = [
        lab("ANA", 320),
        lab("anti-dsDNA", interp="POS"),
        lab("C3", interp="L"),
        lab("C4", interp="L"),
        lab("lupus anticoagulant", interp="POS"),
    ]
    a = one(sle_eular_acr_2019(course(*serology, *_no_clinical())))
    assert a.status == "not met" and a.score == {"min": 12, "max": 12}
    # unknown is not normal: with the clinical domains undocumented it stays open
    b = one(sle_eular_acr_2019(course(*serology)))
    assert b.status == "undetermined" and b.score["min"] == 12 and b.data["clinical_criterion"] is False


def test_sle2019_example3_ana_1_40_not_applicable():
    a = one(
        sle_eular_acr_2019(
            course(
                lab("ANA", 40),
                finding("malar rash"),
                finding("lupus nephritis class IV"),
                lab("anti-dsDNA", interp="POS"),
            )
        )
    )
    assert a.status == "not applicable"


def test_sle2019_example4_max_within_domain():
    a = one(
        sle_eular_acr_2019(
            course(
                lab("ANA", 80),
                lab("WBC", 3.2, "10^9/L"),
                lab("platelets", 85, "10^9/L"),
                lab("24h urine protein", 0.8, "g/day"),
                finding("class IV lupus nephritis"),
            )
        )
    )
    assert a.status == "met" and a.score["min"] == 14
    assert a.data["domains"]["haematologic"]["points"] == 4 and a.data["domains"]["renal"]["points"] == 10


def test_sle2019_example5_attribution_keeps_hlh_findings_out():
    c = course(
        lab("ANA", interp="POS"),
        condition("haemophagocytic lymphohistiocytosis"),
        finding("fever"),
        lab("platelets", 50, "10^9/L"),
    )
    it = items(one(sle_eular_acr_2019(c)))
    assert it["constitutional: fever >38.3 °C"].value is not True
    assert it["haematologic: thrombocytopenia <100"].value is not True
    assert "HLH" in it["constitutional: fever >38.3 °C"].detail
    # the same facts outside any HLH episode do count
    plain = course(lab("ANA", interp="POS"), finding("fever"), lab("platelets", 50, "10^9/L"), admit=None)
    assert items(one(sle_eular_acr_2019(plain)))["haematologic: thrombocytopenia <100"].value is True


def _visit(*facts, date="2024-01-10"):
    return course(event("follow_up", date, id="v"), *facts, admit=None)


def test_sledai_example1_10_and_clinical_6():
    a = one(
        sledai2k(_visit(finding("arthritis"), finding("rash"), lab("C3", interp="L"), lab("anti-dsDNA", interp="H")))
    )
    assert a.score["min"] == 10 and a.data["clinical_sledai"]["min"] == 6


def test_sledai_example2_17():
    a = one(
        sledai2k(
            _visit(
                finding("seizure"),
                lab("proteinuria", 1.2, "g/24h"),
                lab("urine RBC", 12, "RBC/hpf"),
                lab("temperature", 38.4, "°C"),
            )
        )
    )
    assert a.score["min"] == 17


def test_sledai_example3_exclusions_3():
    a = one(
        sledai2k(
            _visit(
                lab("WBC", 3.5, "10^9/L"),
                lab("platelets", 95, "10^9/L"),
                lab("C4", interp="L"),
                finding("haematuria"),
                condition("urinary tract infection"),
            )
        )
    )
    it = items(a)
    assert it["leukopenia"].value is False and it["thrombocytopenia"].value is True
    assert it["haematuria"].value is not True
    assert a.score["min"] == 3


def test_sledai_example4_window_edge():
    outside = items(one(sledai2k(_visit(finding("pleurisy", "2023-12-29")))))["pleurisy"]
    inside = items(one(sledai2k(_visit(finding("pleurisy", "2024-01-02")))))["pleurisy"]
    assert outside.value is not True and outside.points[0] == 0
    assert inside.value is True


SLEDAI_ABSENT = (
    "seizure",
    "psychosis",
    "organic brain syndrome",
    "optic neuritis",
    "cranial neuropathy",
    "lupus headache",
    "stroke",
    "vasculitis",
    "arthritis",
    "myositis",
    "urinary casts",
    "haematuria",
    "pyuria",
    "rash",
    "alopecia",
    "oral ulcers",
    "pleurisy",
    "pericarditis",
    "fever",
)


def _quiet(date, keep=(), c3="N", dsdna="N"):
    fs = [finding(n, date, negated=True) for n in (*SLEDAI_ABSENT, "haemolytic anaemia") if n not in keep]
    return fs + [
        lab("proteinuria", 0.1, "g/24h", date),
        lab("platelets", 250, "10^9/L", date),
        lab("WBC", 6.0, "10^9/L", date),
        lab("C3", date=date, interp=c3),
        lab("C4", date=date, interp=c3),
        lab("CH50", date=date, interp=c3),
        lab("anti-dsDNA", date=date, interp=dsdna),
    ]


def _two_visits(now, before, *extra):
    return course(
        event("follow_up", "2023-12-10", id="v0"),
        event("follow_up", "2024-01-10", id="v1"),
        *before,
        *now,
        *extra,
        admit=None,
    )


def test_lldas_doris_example1_serology_only():
    now = _quiet("2024-01-10", c3="L", dsdna="H")
    before = _quiet("2023-12-10", c3="L", dsdna="H")
    c = _two_visits(
        now,
        before,
        lab("PGA", 0.5, date="2024-01-10"),
        drug("prednisone", 5, "2023-06-01"),
        drug("hydroxychloroquine", 400, "2023-01-01"),
        drug("mycophenolate mofetil", 2000, "2023-01-01"),
    )
    assert one(lldas(c), at="v1").status == "met"
    d = one(doris(c), at="v1")
    assert d.status == "not met" and items(d)["PGA <0.5"].value is False
    assert one(sledai2k(c), at="v1").score == {"min": 4, "max": 4}


def test_lldas_example2_new_arthritis():
    def build(arthritis_before: bool):
        now = _quiet("2024-01-10", keep=("arthritis",)) + [finding("arthritis", "2024-01-10")]
        before = _quiet("2023-12-10", keep=("arthritis",)) + [
            finding("arthritis", "2023-12-10", negated=not arthritis_before)
        ]
        return _two_visits(now, before, lab("PGA", 1.0, date="2024-01-10"), drug("prednisolone", 7.5, "2023-06-01"))

    assert one(lldas(build(False)), at="v1").status == "not met"
    assert items(one(lldas(build(False)), at="v1"))["no new features"].value is False
    assert one(lldas(build(True)), at="v1").status == "met"


def test_lldas_example3_fever_major_and_methylprednisolone_8mg():
    now = _quiet("2024-01-10", keep=("fever",)) + [finding("fever", "2024-01-10")]
    now = [f for f in now if getattr(f, "test", "") != "platelets"] + [lab("platelets", 90, "10^9/L", "2024-01-10")]
    c = _two_visits(
        now,
        _quiet("2023-12-10"),
        lab("PGA", 0.5, date="2024-01-10"),
        drug("methylprednisolone", 8, "2023-06-01"),
    )
    a = one(lldas(c), at="v1")
    it = items(a)
    assert a.status == "not met"
    assert it["SLEDAI-2K <=4, no major organ activity"].value is False
    assert it["prednisolone-equivalent <=7.5 mg/day"].value is False  # 8 x 1.25 = 10 mg


def test_doris_example4_dexamethasone_1mg():
    c = _two_visits(
        _quiet("2024-01-10"),
        _quiet("2023-12-10"),
        lab("PGA", 0.3, date="2024-01-10"),
        drug("dexamethasone", 1, "2023-06-01"),
    )
    assert one(doris(c), at="v1").status == "not met"
    assert items(one(lldas(c), at="v1"))["prednisolone-equivalent <=7.5 mg/day"].value is True


def test_doris_example5_remission_on_anifrolumab():
    c = _two_visits(
        _quiet("2024-01-10"),
        _quiet("2023-12-10"),
        lab("PGA", 0.2, date="2024-01-10"),
        drug("prednisone", 5, "2023-06-01"),
        drug("anifrolumab", 300, "2023-06-01", every_days=28),
        drug("hydroxychloroquine", 400, "2023-01-01"),
    )
    assert one(doris(c), at="v1").status == "met"


def test_remission_without_pga_is_undetermined_not_met():
    c = _two_visits(_quiet("2024-01-10"), _quiet("2023-12-10"), drug("prednisone", 5, "2023-06-01"))
    d = one(doris(c), at="v1")
    assert d.status == "undetermined" and d.unknown == ["PGA <0.5"]


def test_an_anti_dsdna_level_above_every_assay_cut_off_is_increased_dna_binding():
    high = items(one(sledai2k(_visit(lab("anti-dsDNA", 640, "IU/mL")))))["increased DNA binding"]
    assert high.value is True and high.points == (2.0, 2.0)
    # between the lowest and the highest cut-off of common assays: the kit decides, not settled
    mid = items(one(sledai2k(_visit(lab("anti-dsDNA", 60, "IU/mL")))))["increased DNA binding"]
    assert mid.value is None
    # in a unit of another scale (U/mL) no cut-off is assumed
    other = items(one(sledai2k(_visit(lab("anti-dsDNA", 640, "U/mL")))))["increased DNA binding"]
    assert other.value is None


def test_the_maintenance_item_names_each_drug_it_read_not_none():
    c = _two_visits(
        _quiet("2024-01-10"),
        _quiet("2023-12-10"),
        lab("PGA", 0.2, date="2024-01-10"),
        drug("anifrolumab", 300, "2023-06-01", every_days=28),
    )
    lld = items(one(lldas(c), at="v1"))["standard maintenance immunosuppressants / approved biologics"]
    dor = items(one(doris(c), at="v1"))["no investigational drugs"]
    assert lld.value is True and "anifrolumab" in lld.detail and "no non-glucocorticoid" not in lld.detail
    assert dor.value is True and "anifrolumab: not investigational" in dor.detail
