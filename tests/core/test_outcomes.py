"""Outcome statements as events (recovery, improvement, sequela, death with cause, discharge with condition,
lost to follow-up, negated relapse) and the course-level `outcome` rule, on invented sentences."""
from __future__ import annotations

import json

import pytest

from casecourse.api import analyze_text
from casecourse.export.fhir import bundle_dict
from casecourse.report.summary import outcome_line


def _events(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.type, e.assertion.value, e.detail) for e in analyze_text(text, assess=False).events]


def _outcome(text: str) -> dict:
    course = analyze_text(text)
    return next(a for a in course.assessments if a.rule == "outcome").data


def test_death_with_cause_and_time_not_a_relatives_or_a_rate() -> None:
    ev = _events("A 61-year-old man was admitted with fever. His brother died of a stroke. The mortality rate of the "
                 "disease is high. He died of refractory shock on day 9.")
    deaths = [e for e in ev if e[0] == "death"]
    assert deaths == [("death", "present", "refractory shock")]
    course = analyze_text("A 61-year-old man was admitted with fever. He died of refractory shock on day 9.")
    death = next(e for e in course.events if e.type == "death")
    assert death.time.offset_days == (8.0, 8.0)


def test_recovery_improvement_and_discharge_condition() -> None:
    ev = _events("A 45-year-old woman was admitted with arthritis. The rash resolved within 3 weeks. Her fever "
                 "subsided. CRP normalised. She made a full recovery and was discharged home in good condition.")
    assert ("recovery", "present", "rash") in ev
    assert ("improvement", "present", "fever") in ev
    assert ("improvement", "present", "CRP") in ev
    assert ("recovery", "present", "full recovery") in ev
    assert ("discharge", "present", "home; in good condition") in ev


def test_negated_kept_negated_and_hypothetical_not_an_event() -> None:
    ev = _events("A 30-year-old man was admitted. There was no recurrence at 3 years. He did not improve with "
                 "steroids at first. Patients with this disease may relapse.")
    assert ("relapse", "negated", None) in ev
    assert ("improvement", "negated", None) in ev
    assert not any(e[0] == "relapse" and e[1] == "present" for e in ev)


def test_sequela_transfer_and_lost_to_follow_up() -> None:
    ev = _events("A 70-year-old man was admitted with a stroke. He had residual aphasia at discharge. He was "
                 "transferred to a rehabilitation centre. He was then lost to follow-up.")
    assert ("sequela", "present", "residual aphasia") in ev
    assert any(e[0] == "discharge" and e[2] and "rehabilitation" in e[2] for e in ev)
    assert ("follow_up", "present", "lost to follow-up") in ev


def test_words_that_only_name_the_outcome_are_not_events() -> None:
    ev = _events("A 50-year-old woman was admitted. High-resolution CT showed nodules. Staphylococcus was recovered "
                 "from blood cultures. The recovery room was busy.")
    assert not any(e[0] in ("recovery", "improvement") for e in ev)


@pytest.mark.parametrize(("text", "expected"), [
    ("A 52-year-old man was admitted. He improved at first. He died of sepsis on day 20.", "died"),
    ("A 33-year-old woman was admitted. She made a full recovery and was discharged home in good condition.",
     "recovered"),
    ("A 33-year-old woman was admitted. Her fever subsided and she was discharged.", "improved"),
    ("A 40-year-old woman was admitted. At follow-up she remained asymptomatic. There was no relapse at 2 years.",
     "remission"),
    ("A 40-year-old woman was admitted. Her fever subsided. Two months later the disease relapsed.", "relapse"),
    ("A 66-year-old man was admitted. He had persistent hemiparesis at discharge.", "alive with disease"),
    ("A 24-year-old man was admitted with a headache and treated with paracetamol.", "unknown"),
])
def test_course_outcome_rule(text: str, expected: str) -> None:
    data = _outcome(text)
    assert data["outcome"] == expected
    assert bool(data["evidence"]) == (expected != "unknown")


def test_outcome_in_fhir_and_header() -> None:
    course = analyze_text("A 61-year-old man was admitted on 2 May 2021. He died of septic shock on 9 May 2021.")
    data = next(a for a in course.assessments if a.rule == "outcome").data
    assert data["outcome"] == "died" and data["last_information"] == "2021-05-09"
    obs = [r for r in (e["resource"] for e in bundle_dict(course)["entry"])
           if r["resourceType"] == "Observation" and r["code"].get("text") == "outcome"]
    assert len(obs) == 1 and obs[0]["valueString"] == "died"
    line = outcome_line(course)
    assert line and line.startswith("Outcome: died") and "septic shock" in line
    json.dumps(obs)


def test_not_before_the_verb_and_statistics_are_not_outcomes() -> None:
    ev = _events("A 58-year-old man underwent surgery. His symptoms had not recurred at 6 months. Treatment gives an "
                 "improvement in overall survival. A rapid response team was called.")
    assert ("relapse", "negated", None) in ev
    assert not any(e[0] == "relapse" and e[1] == "present" for e in ev)
    assert not any(e[0] == "improvement" for e in ev)


@pytest.mark.parametrize("sentence", ["IVIG was repeated with poor clinical improvement.",
                                      "Steroids gave little response.", "Her fever failed to improve.",
                                      "There was minimal improvement on methotrexate."])
def test_a_cue_that_carries_its_denial_is_a_negated_improvement(sentence: str) -> None:
    ev = [e for e in _events("A 30-year-old man was admitted. " + sentence) if e[0] == "improvement"]
    assert ev and all(e[1] == "negated" for e in ev)


def test_a_partial_or_slight_improvement_is_still_one() -> None:
    ev = _events("A 30-year-old man was admitted. He showed a partial response. The rash improved slightly.")
    assert [e[1] for e in ev if e[0] == "improvement"] == ["present", "present"]


def test_the_patients_possessive_is_not_part_of_what_improved() -> None:
    ev = _events("A 30-year-old man was admitted. The patient's symptoms improved gradually. The patient’s fever "
                 "subsided.")
    assert [e[2] for e in ev if e[0] == "improvement"] == ["symptoms", "fever"]


@pytest.mark.parametrize(("text", "kind", "detail"), [
    ("She died of respiratory failure five days after readmission.", "death", "respiratory failure"),
    ("The patient died due to sepsis on postoperative day 22.", "death", "sepsis"),
    ("He died from septic shock a week later.", "death", "septic shock"),
    ("Ultrasound showed further resolution of the abscess cavity measuring 1.9 cm.", "recovery", "abscess cavity"),
    ("During the ICU stay, the patient's condition never improved.", "improvement", None),
    ("Her echocardiogram normalised and the patient is fully recovered.", "recovery", None),
    ("Despite improved blood counts, the diarrhoea continued.", "improvement", None),
])
def test_an_outcomes_detail_stops_at_times_measures_and_the_patient(text: str, kind: str, detail: str | None) -> None:
    events = analyze_text("Case presentation\n" + text, assess=False).events
    assert [e.detail for e in events if e.type == kind] == [detail]


def test_an_outcomes_subject_is_found_past_its_auxiliaries() -> None:
    events = analyze_text("Case presentation\nAfter 2 months of transfusions, his anemia had not improved.",
                          assess=False).events
    assert [(e.type, e.assertion.value, e.detail) for e in events] == [("improvement", "negated", "anemia")]


@pytest.mark.parametrize(("text", "detail"), [
    ("Repeat echocardiography showed improved LVEF of 45%.", "LVEF"),
    ("He was discharged with improved renal function and no fever.", "renal function"),
    ("The clinical condition of the woman started to improve.", None),
    ("She did not show improvement in clinical symptoms even after meropenem.", "clinical symptoms"),
])
def test_an_improvements_detail_is_what_improved(text: str, detail: str | None) -> None:
    events = analyze_text("Case presentation\n" + text, assess=False).events
    assert [e.detail for e in events if e.type == "improvement"] == [detail]


def test_a_finding_told_as_resolved_in_a_list_is_no_new_finding() -> None:
    c = analyze_text("Case presentation\nA 30-year-old woman presented with intermittent fever and a malar rash on "
                     "2 May 2020. Within two weeks, her fever and rash had resolved.", assess=False)
    assert sorted(f.name for f in c.findings) == ["intermittent fever", "malar rash"]
    assert [e.type for e in c.events].count("recovery") >= 1


def test_a_fever_gone_is_an_improvement_and_an_isolate_recovered_is_no_recovery() -> None:
    ev = _events("A 30-year-old man was admitted with fever. Anakinra was started. Within 48 hours he became "
                 "afebrile. By day 5 his joint pain had settled.")
    assert [e[:2] for e in ev if e[0] == "improvement"] == [("improvement", "present")] * 2
    ev = _events("A 30-year-old man was admitted with fever. A second strain recovered from an unrelated patient "
                 "served as a control. On admission he was afebrile.")
    assert not [e for e in ev if e[0] in ("recovery", "improvement")]


def test_an_episode_told_again_with_its_own_time_is_a_second_episode() -> None:
    c = analyze_text("A 6-year-old boy with nephrotic syndrome was treated with prednisolone in April 2020. He "
                     "relapsed in October 2020, and again in February 2021. He remained in remission at 2 years.",
                     assess=False)
    assert [e.time.point for e in c.events if e.type == "relapse"] == ["2020-10", "2021-02"]
    c = analyze_text("A 6-year-old boy with nephrotic syndrome relapsed in October 2020, and again he was admitted.",
                     assess=False)
    assert len([e for e in c.events if e.type == "relapse"]) == 1
