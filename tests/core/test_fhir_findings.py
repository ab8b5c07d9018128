"""FHIR export of signs and findings: the assertion is the value and the HL7 presence interpretation."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict


def _findings(text: str) -> dict[str, tuple[str, list[str]]]:
    bundle = bundle_dict(analyze_text(text, assess=False))
    out = {}
    for e in bundle["entry"]:
        r = e["resource"]
        if r["resourceType"] == "Observation" and "valueCodeableConcept" in r:
            codes = [c["code"] for i in r.get("interpretation", []) for c in i["coding"]]
            out[r["code"]["text"]] = (r["valueCodeableConcept"]["text"], codes)
    return out


def test_present_and_absent_findings_are_positive_and_negative() -> None:
    got = _findings("A 40-year-old man presented with fever and arthralgia. He had no rash.")
    present = [v for k, v in got.items() if "fever" in k.lower()]
    absent = [v for k, v in got.items() if "rash" in k.lower()]
    assert present and present[0] == ("present", ["POS"])
    assert absent and absent[0] == ("absent", ["NEG"])


def test_vital_signs_are_categorised_apart_from_laboratory_results() -> None:
    bundle = bundle_dict(analyze_text("A 40-year-old man had a temperature of 39.2 °C and a ferritin of 900 ng/mL.",
                                      assess=False))
    cats = {r["code"]["coding"][0]["display"] if r["code"].get("coding") else r["code"]["text"]:
            r["category"][0]["coding"][0]["code"] for e in bundle["entry"] for r in [e["resource"]]
            if r["resourceType"] == "Observation" and "category" in r}
    assert cats.get("body temperature") == "vital-signs" and cats.get("ferritin") == "laboratory"


def test_a_blood_pressure_is_two_components() -> None:
    bundle = bundle_dict(analyze_text("A 40-year-old man had a blood pressure of 142/91 mmHg.", assess=False))
    bp = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
          and e["resource"]["code"].get("text") == "blood pressure"]
    assert bp and "valueQuantity" not in bp[0]
    got = {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"] for c in bp[0]["component"]}
    assert got == {"8480-6": 142.0, "8462-4": 91.0}


def test_a_condition_keeps_its_written_name_beside_the_vocabulary_label() -> None:
    bundle = bundle_dict(analyze_text("A 59-year-old man presented with a heart attack. He had SLE.", assess=False))
    codes = [e["resource"]["code"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"]
    texts = {c["text"] for c in codes}
    assert "heart attack" in texts and "systemic lupus erythematosus" in texts
    named = next(c for c in codes if c["text"] == "heart attack")
    assert any(k.get("display") and k["display"].lower() != "heart attack" for k in named["coding"])
