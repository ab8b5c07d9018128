"""A curated diagnosis named by its sign ('hypertension', a raised blood pressure; disease_terms.csv kind
sign_diagnosis) is read as a finding, as case-report annotators type it, and the course still lists it as a
condition with its ICD-10-CM code."""
from casecourse.api import analyze_text
from casecourse.reading.pipeline import read_mentions

TEXT = ("A 61-year-old man with a history of hypertension and gout presented with chest pain. "
        "On arrival he had tachycardia and hypertension, and HTN persisted on day 2.")


def test_hypertension_is_read_as_a_finding_with_its_codes() -> None:
    found = [m for m in read_mentions(TEXT) if "hypertension" == str(m.attrs.get("label") or "").lower()]
    assert len(found) == 3 and {m.type for m in found} == {"finding"}
    assert {m.attrs.get("icd10") for m in found} == {"I10"}
    gout = [m for m in read_mentions(TEXT) if m.text == "gout"]
    assert gout and gout[0].type == "condition"  # other diagnoses stay conditions


def test_the_course_lists_hypertension_as_a_condition() -> None:
    course = analyze_text(TEXT, assess=False)
    names = {c.name: c for c in course.conditions}
    assert "hypertension" in names
    assert any(c.code == "I10" for c in names["hypertension"].codings)
    assert "hypertension" not in {f.name.lower() for f in course.findings}
