"""A denial of the patient's past ('no history of X', 'no known X') marks the condition it denies `denied_history`;
MACCROBAT annotates such a statement as History, so its Disease_disorder row leaves the condition out."""
from casecourse.evaluation.mapping import load_mapping
from casecourse.reading.pipeline import read_mentions


def _conditions(text: str) -> dict[str, tuple[str, bool]]:
    return {m.text.lower(): (m.assertion.value, bool(m.attrs.get("denied_history")))
            for m in read_mentions(text) if m.type == "condition"}


def test_a_denied_history_is_marked() -> None:
    got = _conditions("He had no history of tuberculosis or diabetes mellitus. The radiograph showed no pneumonia. "
                      "She had no known liver disease.")
    assert got["tuberculosis"] == ("negated", True)
    assert got["diabetes mellitus"] == ("negated", True)
    assert got["liver disease"] == ("negated", True)
    assert got["pneumonia"] == ("negated", False)  # denied now, not in the past


def test_a_history_told_or_a_present_denial_is_not_marked() -> None:
    got = _conditions("He had a history of tuberculosis. There was no evidence of pneumonia.")
    assert got["tuberculosis"][1] is False and got["pneumonia"] == ("negated", False)


def test_maccrobat_disease_row_leaves_out_a_denied_history() -> None:
    row = load_mapping("maccrobat").row("Disease_disorder")
    assert row is not None
    assert not row.admits("condition", {"denied_history": True}, "negated")
    assert row.admits("condition", {}, "negated") and row.admits("condition", {}, "present")
    ada = load_mapping("ada").row("finding")
    assert ada is not None and ada.admits("condition", {"denied_history": True}, "negated")
