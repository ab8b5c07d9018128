"""A lab value marked implausible (LabResult.implausible) is no evidence: the item it would settle is unknown."""

from rules_build import course, finding, items, lab, one

from casecourse.rules.hlh import hlh2004

_WHY = "value outside the physiological range for ferritin (0.5 to 1e+06 ng/mL): check the unit as written"


def _example(**ferritin_kw):
    return course(
        lab("temperature", 39.1, "°C"),
        finding("spleen palpable 4 cm"),
        lab("haemoglobin", 82, "g/L"),
        lab("platelets", 45, "x10^9/L"),
        lab("triglycerides", 3.4, "mmol/L"),
        lab("ferritin", 8200, "µg/L", **ferritin_kw),
        age=0.5,
    )


def test_marked_value_leaves_its_item_unknown_and_the_score_open():
    plain = one(hlh2004(_example()))
    assert items(plain)["ferritin"].value is True and plain.status == "met"
    marked = one(hlh2004(_example(implausible=_WHY)))
    item = items(marked)["ferritin"]
    assert item.value is None and _WHY in (item.detail or "")
    assert "ferritin" in marked.unknown and marked.status == "undetermined"  # 4 of 8 sure, up to the same maximum
    assert (marked.score["min"], marked.score["max"]) == (plain.score["min"] - 1, plain.score["max"])
