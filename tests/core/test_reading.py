from casecourse.reading import abbreviations, drugs
from casecourse.reading.pipeline import read


def test_defined_abbreviation_resolves_later() -> None:
    text = "She received leflunomide (LFN) 20 mg/day. LFN was stopped in May."
    defined = abbreviations.definitions(abbreviations.find(text))
    assert defined == {"LFN": "leflunomide"}
    found = drugs.find(text, defined)
    assert [m.norm for m in found] == ["leflunomide", "leflunomide", "leflunomide"]


def test_brand_name_resolves_to_ingredient() -> None:
    found = drugs.find("He was switched from Humira to Enbrel.")
    assert [m.norm for m in found] == ["adalimumab", "etanercept"]
    assert all(m.attrs["brand"] for m in found)


def test_drug_class_is_not_a_drug() -> None:
    found = drugs.find("Broad-spectrum antibiotics were given.")
    assert [m.type for m in found] == ["drug_class"]


def test_zones_keep_references_and_authors_out() -> None:
    text = ("Case report\nA 40-year-old man was treated with methotrexate 15 mg/week.\n"
            "Discussion\nTrials of rituximab in such patients are reported [4].\n"
            "J. SMITH, MD, Department of Medicine, General Hospital, USA.\n"
            "References\n1. Doe J. Azathioprine in vasculitis. J Med 2001; 3: 4-5.\n")
    r = read(text)
    zones = {m.norm: m.zone for m in r.mentions if m.type == "drug"}
    assert zones["methotrexate"] == "narrative"
    assert zones["rituximab"] == "discussion"
    assert zones["azathioprine"] == "references"


def test_negation_scope_stops_at_on() -> None:
    r = read("At follow-up he remained free of fever on monthly infliximab.")
    by = {m.text: m.assertion.value for m in r.mentions if m.type in ("finding", "drug")}
    assert by["fever"] == "negated" and by["infliximab"] == "present"


def test_a_unit_spelled_like_a_degree_is_no_author_line() -> None:
    # degrees ("MD", "PhD") mark an author line only as written; "md/dL" is a (mistyped) unit in a result line
    r = read("Case report\nA 50-year-old woman had jaundice.\nTotal bilirubin was 4.2 md/dL.\n"
             "P. JONES, MD, Department of Medicine, General Hospital, USA.\n")
    zones = {m.zone for m in r.mentions if m.type in ("lab_value", "lab_test")}
    assert zones and "authors" not in zones


def test_a_diagnostic_study_with_its_result_is_the_patients_not_literature() -> None:
    from casecourse.reading.zoning import sentence_zone

    assert sentence_zone("A B cell clonality study of the bone marrow was negative.", "narrative") == "narrative"
    assert sentence_zone("The sleep study revealed severe obstructive apnea.", "narrative") == "narrative"
    # studies of other patients stay literature
    assert sentence_zone("A large study showed that relapse is common.", "narrative") == "literature"
    assert sentence_zone("A study of 80 patients showed a response in half.", "narrative") == "literature"


def test_a_time_word_inside_a_diagnosis_is_kept() -> None:
    r = read("Two days after delivery she developed postpartum haemorrhage.")
    kinds = {(m.type, m.text) for m in r.mentions}
    assert ("condition", "postpartum haemorrhage") in kinds and ("prepost", "postpartum") in kinds
