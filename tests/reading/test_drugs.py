"""Drug, class, therapy and regimen mentions (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.knowledge import table
from casecourse.reading import abbreviations, drugs


def _find(text: str) -> list:
    return drugs.find(text, abbreviations.definitions(abbreviations.find(text)))


def _typed(text: str, kind: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.norm) for m in _find(text) if m.type == kind]


def test_class_words_and_generic_therapies() -> None:
    text = "She was on beta-blockers and ACE inhibitors; chemotherapy was given under general anesthesia."
    assert ("beta-blockers", "beta blocker") in _typed(text, "drug_class")
    assert "ACE inhibitors" in [t for t, _ in _typed(text, "drug_class")]
    assert [t for t, _ in _typed(text, "therapy")] == ["chemotherapy", "anesthesia"]
    assert not _typed(text, "drug")


def test_mesh_proteins_without_drugbank_id_are_not_medications() -> None:
    found = _find("Tumour cells were stained with antibodies against vimentin and desmin.")
    assert not [m for m in found if m.norm in ("vimentin", "desmin", "antibodies")]


@pytest.mark.parametrize("text", [
    "Serum ACTH was 354 pg/mL.",
    "The ACTH level was undetectable.",
    "Alkaline phosphatase 125 IU/L was normal.",
    "The tumour was positive for Melan-A and HMB45.",
    "The isolate was resistant to oxacillin, clindamycin and vancomycin.",
])
def test_analytes_markers_and_antibiograms_are_not_drugs(text: str) -> None:
    assert _typed(text, "drug") == []


def test_analyte_named_drug_when_given() -> None:
    assert [n for _, n in _typed("Insulin infusion was started and oral carnitine 1 g twice daily.", "drug")] \
        == ["insulin", drugs.lookup("carnitine").ingredient]
    assert _typed("Her insulin levels were high.", "drug") == []


def test_regimen_expands_to_its_ingredients_on_one_span() -> None:
    found = [m for m in _find("He received six cycles of R-CHOP.") if m.type == "drug"]
    assert {m.norm for m in found} == {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"}
    assert {(m.start, m.end, m.attrs["regimen"]) for m in found} == {(26, 32, "R-CHOP")}
    assert all(m.attrs["drugbank"] for m in found)


def test_every_regimen_ingredient_is_a_known_drug() -> None:
    for row in table("regimens.csv"):
        for ingredient in row["ingredients"].split(";"):
            entry = drugs.lookup(ingredient)
            assert entry is not None and entry.kind == "drug", (row["regimen"], ingredient)


@pytest.mark.parametrize(("text", "expected"), [
    ("She met six of eight HLH-2004 criteria.", set()),
    ("She was treated according to the HLH-2004 protocol.", {"etoposide", "dexamethasone", "cyclosporine"}),
    ("MAP was 60 mmHg.", set()),
    ("Adjuvant MAP chemotherapy followed.", {"methotrexate", "doxorubicin", "cisplatin"}),
    ("He put ice on the ankle.", set()),
])
def test_ambiguous_regimen_names_need_a_treatment_word(text: str, expected: set[str]) -> None:
    assert {n for _, n in _typed(text, "drug")} == expected


def test_salt_words_and_combinations_belong_to_the_name() -> None:
    assert _typed("Landiolol hydrochloride was infused.", "drug") == [("Landiolol hydrochloride", "landiolol")]
    combo = _typed("Lopinavir/ritonavir was given.", "drug")
    assert {t for t, _ in combo} == {"Lopinavir/ritonavir"} and len(combo) == 2
    # a fixed-dose product of knowledge/combination_products.csv is the one product, in either order
    assert _typed("Tazobactam/piperacillin was given.", "drug") == [
        ("Tazobactam/piperacillin", "piperacillin-tazobactam")]


def test_defined_abbreviations() -> None:
    text = "Cyclosporine A (CsA) was started. Later CsA was stopped."
    assert [n for _, n in _typed(text, "drug")] == ["cyclosporine"] * 3
    # a short form the text defines as something else never takes the table's drug meaning
    assert _typed("An endomyocardial biopsy (EMB) was done; EMB showed myocarditis.", "drug") == []
    assert _typed("Isoniazid and EMB were given.", "drug")[-1] == ("EMB", "ethambutol")


def test_numeral_locant_is_part_of_the_name() -> None:
    assert _typed("He took 6-mercaptopurine.", "drug") == [("6-mercaptopurine", "mercaptopurine")]


@pytest.mark.parametrize("text", [
    "The tumour was progesterone receptor-positive.",
    "He had no symptoms of glucose intolerance.",
    "The strain grew around the cefepime Etest strip.",
    "Antimicrobial susceptibility testing was requested.",
    "Skeletal scintigraphy using technetium-99m medronate showed uptake in the ribs.",
    "A barium swallow with diatrizoate was normal.",
])
def test_receptors_intolerance_susceptibility_and_imaging_agents_are_not_medications(text: str) -> None:
    assert [m.text for m in _find(text) if m.type in ("drug", "drug_class")] == []


def test_a_new_clause_ends_a_marker_list() -> None:
    text = "The biopsy was negative for malignancy and the patient was then started on methotrexate."
    assert [t for t, _ in _typed(text, "drug")] == ["methotrexate"]
    assert _typed("The cells were negative for methotrexate-binding protein and folate.", "drug") == []


def test_analyte_named_drugs_count_in_a_list_of_drugs_given() -> None:
    text = "Biotin, riboflavin, thiamine and carnitine were supplemented for a month."
    assert {n for _, n in _typed(text, "drug")} >= {"thiamine", "riboflavin", "biotin"}
    assert _typed("Thiamine and carnitine were low on admission.", "drug") == []


def test_regimen_name_keeps_its_head_noun() -> None:
    found = _find("She received two cycles of R-CHOP chemotherapy in 2019.")
    assert {m.text for m in found} == {"R-CHOP chemotherapy"}
    assert "rituximab" in {m.norm for m in found}


def test_platelets_are_a_product_only_when_given() -> None:
    assert [t for t, _ in _typed("He received fresh frozen plasma and platelets.", "therapy")] == \
        ["fresh frozen plasma", "platelets"]
    assert _typed("Platelets were 45,000 per microlitre; a platelet transfusion followed.", "therapy") == []


def test_members_of_a_test_panel_are_not_drugs_but_treatments_and_anti_drug_antibodies_are() -> None:
    from casecourse.reading.pipeline import read

    def drugs(text: str) -> list[str]:
        return [m.norm for m in read(text).mentions if m.type == "drug"]

    assert drugs("The encephalitis panel of the CSF, which includes NMDA, GABA and LGI1, was negative.") == []
    assert drugs("A urine drug screening panel included cocaine and amphetamines, both negative.") == []
    assert drugs("He was treated with a panel of drugs including prednisone and cyclophosphamide.") == [
        "prednisone", "cyclophosphamide"]
    assert drugs("She developed antibodies against infliximab and was switched to adalimumab.") == [
        "infliximab", "adalimumab"]


def test_penicillin_named_alone_is_a_drug_and_a_factor_activity_is_an_analyte() -> None:
    from casecourse.reading.drugs import find as find_drugs

    got = {(m.type, m.norm) for m in find_drugs("He had been on penicillin prophylaxis since childhood.")}
    assert ("drug", "penicillin") in got
    assert not [m for m in find_drugs("Factor VIII activity was normal.") if m.type == "drug"]
