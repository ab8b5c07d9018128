"""Lab names as case reports also write them (knowledge/labs.csv synonyms and rows), on invented sentences."""
import pytest

from casecourse.reading.labs import find_labs


@pytest.mark.parametrize(("text", "test", "value"), [
    ("Aspartate transferase was 88 U/L.", "aspartate aminotransferase", "88 U/L"),
    ("Alanine transferase 140 U/L on admission.", "alanine aminotransferase", "140 U/L"),
    ("Serum glutamate pyruvate transaminase was 90 IU/L.", "alanine aminotransferase", "90 IU/L"),
    ("Phosphatase alkaline was 410 U/L.", "alkaline phosphatase", "410 U/L"),
    ("Serum calcitonin was 350 pg/mL.", "calcitonin", "350 pg/mL"),
    ("Thyroglobulin was 12 ng/mL after surgery.", "thyroglobulin", "12 ng/mL"),
])
def test_written_variants_name_their_test(text: str, test: str, value: str) -> None:
    values = [m for m in find_labs(text) if m.type == "lab_value"]
    assert [(m.attrs.get("test"), m.text) for m in values] == [(test, value)]


def test_procalcitonin_stays_procalcitonin_and_spaced_immunoglobulins_are_read() -> None:
    tests = [m.norm for m in find_labs("Procalcitonin was 0.3 ng/mL; Ig G and Ig M were low.") if m.type == "lab_test"]
    assert tests == ["procalcitonin", "immunoglobulin g", "immunoglobulin m"]


@pytest.mark.parametrize(("text", "members"), [
    ("Liver function tests were normal.", {"aspartate aminotransferase", "alanine aminotransferase",
                                           "alkaline phosphatase", "bilirubin"}),
    ("Serum electrolytes were within normal limits.", {"sodium", "potassium", "chloride"}),
    ("Renal function tests were normal.", {"creatinine", "urea"}),
])
def test_a_panel_named_as_a_group_gives_its_members_the_result(text: str, members: set[str]) -> None:
    values = [m for m in find_labs(text) if m.type == "lab_value"]
    assert {m.attrs.get("test") for m in values} == members
    assert {m.attrs.get("interpretation") for m in values} == {"N"}


def test_renal_function_alone_is_no_panel() -> None:
    assert not [m for m in find_labs("Her renal function deteriorated.") if m.type == "lab_test"]


@pytest.mark.parametrize("text", ["Her liver function tests were abnormal.", "Electrolytes were deranged.",
                                  "The lipid profile was abnormal."])
def test_an_abnormal_panel_gives_no_member_a_result(text: str) -> None:
    # which member is abnormal is not said: no member may be filed as abnormal (never invent a result)
    assert not [m for m in find_labs(text) if m.type == "lab_value"]


def test_a_phenotype_written_with_a_panel_stays_a_finding() -> None:
    from casecourse.reading.pipeline import read_mentions

    ms = read_mentions("He had abnormal liver function tests. LFTs were normal a month later.")
    assert [m.text for m in ms if m.type == "finding"] == ["abnormal liver function tests"]


@pytest.mark.parametrize(("text", "name"), [
    ("An increased hemosedimentation speed was noted.", "erythrocyte sedimentation rate"),
    ("Plasma free metanephrines were sent.", "metanephrines"),
    ("Alpha-1 antitrypsin was measured because of the cirrhosis.", "alpha-1 antitrypsin"),
    ("Apolipoprotein B was undetectable.", "apolipoprotein b"),
    ("An NBT test confirmed the diagnosis.", "nitroblue tetrazolium test"),
    ("CA-125 and cancer antigen 125 are one test.", "ca 125"),
    ("A comprehensive metabolic panel was drawn.", "metabolic panel"),
    ("Her acute phase reactants fell after treatment.", "inflammatory markers"),
])
def test_more_lab_names(text: str, name: str) -> None:
    assert name in {m.norm for m in find_labs(text) if m.type == "lab_test"}


def test_a_spaced_free_t4_is_the_test_and_no_negation() -> None:
    """Converted pages print subscripts apart ("free T 4"): the name is the test, and its "free" denies nothing."""
    from casecourse.reading.pipeline import read_mentions

    got = read_mentions("Thyroid-stimulating hormone and free T 4 were within normal limits.")
    assert "free thyroxine" in {m.norm for m in got if m.type == "lab_test"}
    assert not [m for m in got if m.type == "negation_cue"]


def test_a_normal_metabolic_panel_gives_its_members_the_result() -> None:
    values = [m for m in find_labs("A basic metabolic panel was normal.") if m.type == "lab_value"]
    assert {m.attrs.get("test") for m in values} == {"sodium", "potassium", "chloride", "creatinine", "glucose"}
    assert {m.attrs.get("interpretation") for m in values} == {"N"}
