"""Episodes of the course: one admission per stay, references to an episode are not new episodes."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.events import find


def _kinds(text: str) -> list[str]:
    return [e.type for e in analyze_text(text, assess=False).events]


def test_reference_words_are_marked_as_references() -> None:
    roles = {m.text.lower(): m.attrs["role"] for m in find(
        "On admission his ferritin was high. Admission laboratory tests showed anaemia. "
        "On day 3 of admission he was intubated. The cause of death was sepsis. He died on day 9.")}
    assert roles["on admission"] == "at"
    assert roles["admission laboratory"] == "reference"
    assert roles["day 3 of admission"] == "reference"
    assert roles["cause of death"] == "reference"
    assert roles["died"] == "occurrence"


def test_one_stay_named_many_times_is_one_admission() -> None:
    text = ("A 44-year-old woman was admitted with fever. On admission her platelets were low. "
            "During the admission she developed a rash. On day 5 of admission she was transferred to intensive care. "
            "She was discharged two weeks later.")
    assert _kinds(text).count("admission") == 1
    assert _kinds(text).count("discharge") == 1


def test_admission_after_discharge_and_readmission_are_new_episodes() -> None:
    text = ("A 30-year-old man was admitted with arthritis. He was discharged after a week. "
            "Two months later he was admitted with pericarditis. He was discharged on prednisone. "
            "He was readmitted one year later with a flare.")
    assert _kinds(text).count("admission") == 3


def test_an_at_admission_reference_implies_the_admission_when_none_is_stated() -> None:
    text = "A 25-year-old woman had fever and rash. On admission her haemoglobin was 8 g/dL."
    assert _kinds(text).count("admission") == 1


def test_negated_and_reference_deaths_are_not_deaths() -> None:
    assert "death" not in _kinds("A 70-year-old man had sepsis, a frequent cause of death. He recovered.")
    kinds = _kinds("A 70-year-old man had sepsis. He died on day 4. His death was attributed to shock.")
    assert kinds.count("death") == 1


def test_an_episode_takes_the_date_of_its_own_clause() -> None:
    course = analyze_text("A 60-year-old man was admitted in March 2019 with sepsis. He was discharged in April 2019. "
                          "He was readmitted in June 2019 and died in July 2019.", assess=False)
    assert [(e.type, e.time.point) for e in course.events] == [
        ("admission", "2019-03"), ("discharge", "2019-04"), ("admission", "2019-06"), ("death", "2019-07")]


def test_fhir_stays_end_at_discharge_and_death_marks_the_patient() -> None:
    from casecourse.export.fhir import bundle_dict

    course = analyze_text("A 60-year-old man was admitted in March 2019 with sepsis. He was discharged in April 2019. "
                          "He was readmitted in June 2019 and died in July 2019.", assess=False)
    resources = [e["resource"] for e in bundle_dict(course)["entry"]]
    stays = [r["period"] for r in resources if r["resourceType"] == "Encounter"]
    assert stays == [{"start": "2019-03", "end": "2019-04"}, {"start": "2019-06", "end": "2019-07"}]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    assert patient["deceasedDateTime"] == "2019-07"


def test_an_undated_death_is_a_fact_without_a_date() -> None:
    from casecourse.export.fhir import bundle_dict

    course = analyze_text("A 70-year-old woman presented with fever. She died on the fourth day.", assess=False)
    patient = next(e["resource"] for e in bundle_dict(course)["entry"] if e["resource"]["resourceType"] == "Patient")
    assert patient.get("deceasedBoolean") is True and "deceasedDateTime" not in patient


def test_a_readmission_named_as_the_anchor_of_a_time_is_no_new_admission() -> None:
    c = analyze_text("Case presentation\nShe was discharged on 2 March 2020. She was readmitted on 9 March 2020 "
                     "with confusion. She died of pneumonia five days after readmission.")
    assert [e.type for e in c.events].count("readmission") + [e.type for e in c.events].count("admission") == 1


def test_stays_named_as_times_or_settings_are_no_new_episodes() -> None:
    roles = {m.text: m.attrs["role"] for m in find(
        "Four months after her first admission she opened her eyes. After a week at the admission ward she "
        "developed arrhythmia. She went home after 60 days of hospitalization. She was discharged from the ICU on "
        "day 12. Heparin was given until ICU discharge. Follow-up results are listed in Table 3.")}
    assert roles == {"after her first admission": "reference", "admission ward": "reference",
                     "of hospitalization": "reference", "discharged from the ICU": "reference",
                     "until ICU discharge": "reference", "Follow-up results": "reference"}


def test_a_discharge_after_days_of_hospitalization_keeps_the_days_as_its_time() -> None:
    c = analyze_text("Case presentation\nA 3-week-old boy was admitted on 1 March 2021 with vomiting. He was "
                     "discharged home after 60 days of hospitalization.")
    assert [(e.type, e.time.point) for e in c.events] == [("admission", "2021-03-01"), ("discharge", "2021-04-30")]


def test_purposes_general_statements_and_continuations_are_no_episodes() -> None:
    roles = {m.text: (m.norm, m.attrs["role"], m.assertion.value) for m in find(
        "The cannula was removed to improve perfusion. Clindamycin was added to include toxin inhibition and improve "
        "penetration. Delay can result in death or chronic neurological sequelae. She continued to remain febrile. "
        "Vancomycin gave minimal symptomatic improvement.")}
    assert roles["to improve"][1] == "reference"
    assert roles["to include toxin inhibition and improve"][1] == "reference"
    assert roles["or chronic neurological sequelae"][1] == "reference"
    assert roles["continued to remain"][1] == "reference"
    assert roles["minimal symptomatic improvement"] == ("improvement", "occurrence", "negated")


def test_continuing_to_improve_is_an_improvement() -> None:
    found = [(m.norm, m.attrs["role"]) for m in find("The patient's status continued to improve.")]
    assert found == [("improvement", "occurrence")]


def test_a_follow_up_heading_or_plan_is_no_follow_up_visit() -> None:
    found = [(m.text, m.attrs["role"]) for m in find("Follow-up: repeat chest radiograph in 6 weeks. The follow-up "
                                                         "plan was a CT in 3 months. At follow-up she was well.")]
    assert found == [("Follow-up", "reference"), ("follow-up plan", "reference"), ("follow-up", "occurrence")]


def test_secretions_repeat_tests_and_plans_are_no_episodes() -> None:
    roles = {m.text: m.attrs["role"] for m in find(
        "The discharge subsided after 2 weeks. Follow-up labs showed a low count. He was discharged after 8 days of "
        "hospital admission for an outpatient cardiology follow-up.")}
    assert roles == {"The discharge subsided": "reference", "Follow-up labs": "reference", "discharged": "occurrence",
                     "of hospital admission": "reference", "for an outpatient cardiology follow-up": "reference"}


def test_a_tests_negative_result_does_not_deny_the_improvement_before_it() -> None:
    c = analyze_text("Case presentation\nA man was admitted with sepsis. After 48 h of antibiotics, clinical "
                     "improvement was observed, and repeat blood cultures were negative.", assess=False)
    assert [(e.type, e.assertion.value) for e in c.events if e.type == "improvement"] == [("improvement", "present")]


def test_an_exacerbation_of_a_symptom_is_no_flare() -> None:
    found = [(m.norm, m.attrs["role"]) for m in find("She had an exacerbation of respiratory distress. He had an "
                                                         "exacerbation of COPD.")]
    assert found == [("flare", "reference"), ("flare", "occurrence")]


def test_advice_to_follow_up_is_a_plan_not_a_visit() -> None:
    found = [(m.text, m.attrs["role"]) for m in find("She was advised to follow up at 30 days. He was scheduled to "
                                                         "follow-up in clinic.")]
    assert found == [("advised to follow up", "reference"), ("scheduled to follow-up", "reference")]
