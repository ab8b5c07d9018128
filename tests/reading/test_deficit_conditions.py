"""A neurological deficit that ICD-10-CM codes as a disease of the nervous system or eye (G81-G83 paralytic
syndromes, H53.4/H54 visual field defects and visual loss; disease_terms.csv kind deficit_head) is read as a
condition marked `deficit`; MACCROBAT scores it as Disease_disorder, Ada (which annotates a deficit the patient
shows as a finding) in its finding row."""
from casecourse.evaluation.mapping import load_mapping
from casecourse.reading.pipeline import read_mentions

TEXT = ("Three weeks after the fall the woman noticed left hemiparesis and sudden visual loss in the right eye; "
        "a bitemporal hemianopia was found, and she also had headache.")


def test_deficits_are_conditions_marked_deficit() -> None:
    found = {m.text.lower(): m for m in read_mentions(TEXT) if m.type in ("finding", "condition")}
    for word in ("hemiparesis", "visual loss", "hemianopia"):
        hit = next(m for t, m in found.items() if t.endswith(word))
        assert hit.type == "condition" and hit.attrs.get("deficit") is True, word
    assert found["headache"].type == "finding" and not found["headache"].attrs.get("deficit")


def test_ada_scores_a_deficit_as_a_finding_maccrobat_as_a_disorder() -> None:
    ada = {r.name: r for r in load_mapping("ada").rows}
    mac = {r.name: r for r in load_mapping("maccrobat").rows}
    deficit = {"deficit": True}
    assert ada["finding"].admits("condition", deficit, "present")
    assert not ada["condition"].admits("condition", deficit, "present")
    assert ada["condition"].admits("condition", {}, "present")
    assert mac["Disease_disorder"].admits("condition", deficit, "present")


def test_the_adjective_of_a_deficit_is_one_too() -> None:
    found = [m for m in read_mentions("After the cervical cord injury the young man remained paraplegic for a year.")
             if m.text.lower() == "paraplegic"]
    assert found and found[0].type == "condition" and found[0].attrs.get("deficit") is True
