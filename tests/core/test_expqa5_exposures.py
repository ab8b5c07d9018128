"""Drug exposures, fifth round: "changed X to Y" (no "from") is a switch; a start told with its length ("was started
for a period of 10 days") ends the course; a figure legend's follow-up times do not move the story on; dictionary
corrections (gentamycin, sodium thiosulfate, the dental "panorex"). Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str) -> dict[str, tuple[str, list[tuple[str | None, object, object]]]]:
    return {e.drug: (e.status, [(s.dose.text if s.dose else None, s.start.point or s.start.offset_days,
                                 (s.end.point or s.end.offset_days) if s.end else None) for s in e.segments])
            for e in analyze_text(text, assess=False).exposures}


def test_changing_one_drug_to_another_stops_the_first_and_starts_the_second() -> None:
    for told in ("we changed cefepime to meropenem", "fever persisted in spite of changing cefepime to meropenem",
                 "the team switched cefepime to meropenem"):
        got = _exposures("A 61-year-old man was admitted on 2 March 2023 with sepsis and started on cefepime. "
                         f"On 6 March 2023 {told}.")
        assert got["cefepime"][0] == "stopped" and got["cefepime"][1][-1][2] == "2023-03-06"
        assert got["meropenem"][0] != "stopped" and got["meropenem"][1][0][1] == "2023-03-06"


def test_changed_without_a_second_drug_stops_nothing() -> None:
    got = _exposures("A 61-year-old man was admitted on 2 March 2023 and started on cefepime. On 6 March 2023 we "
                     "changed cefepime dosing to the renal function.")
    assert got["cefepime"][0] != "stopped"


def test_a_start_told_with_its_length_ends_the_course() -> None:
    got = _exposures("A 47-year-old woman was admitted on 3 June 2021 with a pancreatic fistula. Octreotide was "
                     "started for a period of 10 days.")
    assert got["octreotide"][0] == "completed"
    assert got["octreotide"][1][0][1:] == ("2021-06-03", "2021-06-13")


def test_a_figure_legend_follow_up_time_does_not_date_the_story_after_it() -> None:
    text = ("A 70-year-old woman presented with dyspnea. She was admitted to the intensive care unit.\n\n"
            "Figure 1. Electrocardiograms on admission, at the 6-month follow-up and at 1 year.\n\n"
            "Intravenous furosemide and heparin were administered. On day 10, she underwent surgery.")
    got = _exposures(text)
    assert got["furosemide"][1][0][1] == (0.0, 0.0)  # the day of admission, not a year later
    assert got["heparin"][1][0][1] == (0.0, 0.0)


def test_dictionary_corrections_of_round_expqa5() -> None:
    got = _exposures("A 52-year-old man with sepsis received gentamycin. Intravenous sodium thiosulfate was "
                     "started for calciphylaxis. A panorex showed a periapical abscess.")
    assert "gentamicin" in got and "sodium thiosulfate" in got
    assert "edrecolomab" not in got  # Panorex is also a brand of edrecolomab; here a dental radiograph


def test_a_drug_taken_for_a_stated_time_up_to_the_story_started_that_long_before() -> None:
    got = _exposures("A 74-year-old man was admitted on 3 May 2022 for hernia repair. He had been treated with "
                     "amlodipine and rosuvastatin for two years.")
    for drug in ("amlodipine", "rosuvastatin"):
        status, segs = got[drug]
        assert status != "completed" and segs[0][1] == "2020-05" and segs[0][2] is None  # still taken, no end
    got = _exposures("A 52-year-old woman was admitted on 10 August 2019 with ascites. For 3 months, the patient had "
                     "been given spironolactone.")
    assert got["spironolactone"][1][0][1:] == ("2019-05", None)


def test_a_length_told_before_the_drug_or_before_its_bracketed_dose_ends_the_course() -> None:
    got = _exposures("A 45-year-old woman was admitted on 3 June 2021 with a wound infection and received cefazolin, "
                     "clindamycin and linezolid. Over the next 2 weeks, treatment with cefazolin, clindamycin, and "
                     "linezolid was continued.")
    assert got["cefazolin"] == ("completed", [(None, "2021-06-03", "2021-06-17")])
    assert got["clindamycin"][0] == "completed" and got["linezolid"][0] == "completed"
    got = _exposures("A 47-year-old woman was admitted on 3 June 2021 with a pancreatic fistula. Octreotide was "
                     "introduced for a period of 10 days (0.1 mg tid).")
    assert got["octreotide"] == ("completed", [("0.1 mg tid", "2021-06-03", "2021-06-13")])


def test_a_fronted_length_of_another_clause_gives_no_length() -> None:
    got = _exposures("A 45-year-old woman was admitted on 3 June 2021. For 3 days she had fever; cefazolin was "
                     "started.")
    assert got["cefazolin"][0] != "completed"


def test_a_discussion_and_conclusion_heading_opens_the_discussion() -> None:
    text = ("Case report\nA 61-year-old man was admitted with pneumonia and treated with levofloxacin.\n\n"
            "3 Discussion & conclusion\nRecommended regimens include doxycycline 100 mg twice daily or "
            "moxifloxacin 400 mg daily.\n")
    got = _exposures(text)
    assert "levofloxacin" in got and "doxycycline" not in got and "moxifloxacin" not in got


def test_a_class_changed_to_a_list_keeps_the_running_members_it_names_again() -> None:
    course = analyze_text("A 60-year-old man was admitted on 3 May 2022 with cellulitis. Intravenous antibiotics "
                          "(vancomycin, meropenem and clindamycin) were started. On 5 May 2022, antibiotics were "
                          "changed to meropenem, clindamycin and linezolid.", assess=False)
    by_drug: dict[str, list[str]] = {}
    for e in course.exposures:
        by_drug.setdefault(e.drug, []).append(e.status)
    assert by_drug["vancomycin"] == ["stopped"]
    # one course each, not stopped and started anew
    assert len(by_drug["meropenem"]) == 1 and by_drug["meropenem"][0] != "stopped"
    assert len(by_drug["clindamycin"]) == 1 and "linezolid" in by_drug


def test_an_isolate_multisensitive_notably_to_drugs_names_no_exposure() -> None:
    got = _exposures("A 54-year-old man was admitted on 3 May 2022 with appendicitis and received ceftriaxone. The "
                     "isolate was multisensitive, notably to ciprofloxacin and amikacin.")
    assert "ceftriaxone" in got and "ciprofloxacin" not in got and "amikacin" not in got


def test_a_drug_started_after_a_provisional_diagnosis_was_made_is_given() -> None:
    course = analyze_text("A 22-year-old woman was admitted on 3 May 2022. A provisional diagnosis of mucormycosis was "
                          "made, and liposomal amphotericin B (5 mg/kg) was immediately started.", assess=False)
    assert [e.drug for e in course.exposures] == ["amphotericin b"]
    assert course.exposures[0].segments[0].dose.text == "5 mg/kg"
    assert {c.name: c.status for c in course.conditions}["mucormycosis"] == "provisional"  # the diagnosis stays so


def test_adenosine_given_is_a_drug_and_adenosine_deaminase_is_not() -> None:
    got = _exposures("A 45-year-old woman was admitted on 3 May 2022 with tachycardia. Escalating doses of intravenous "
                     "adenosine failed to affect the tachycardia. Adenosine deaminase in the pleural fluid was 80 U/L.")
    assert list(got) == ["adenosine"]


def test_a_frequency_in_brackets_after_a_dotted_route_is_the_drugs() -> None:
    course = analyze_text("A 55-year-old woman was admitted on 3 May 2022. Meropenem 500 mg I.V. (three times a day) "
                          "was commenced.", assess=False)
    seg = course.exposures[0].segments[0]
    assert seg.route == "intravenous" and seg.timing is not None and seg.timing.frequency == 3


def test_a_drug_the_patient_received_after_a_suspicion_clause_is_given() -> None:
    course = analyze_text("A 57-year-old man was admitted on 3 May 2022 unconscious. Due to the suspicion of "
                          "pneumonia, the patient received intravenous meropenem.", assess=False)
    assert [e.drug for e in course.exposures] == ["meropenem"]
    assert {c.name: c.status for c in course.conditions}["pneumonia"] == "provisional"  # still a suspicion


def test_an_interval_written_as_hours_over_hours_is_a_frequency() -> None:
    course = analyze_text("A 42-year-old woman was admitted on 3 May 2022 with a neck abscess. Antibiotic therapy was "
                          "initiated with ceftriaxone 1 g 12/12 h and metronidazole 500 mg 8/8h. Blood pressure was "
                          "120/80 mmHg.", assess=False)
    timing = {e.drug: e.segments[0].timing for e in course.exposures}
    assert (timing["ceftriaxone"].frequency, timing["ceftriaxone"].period, timing["ceftriaxone"].period_unit) == \
        (1, 12.0, "h")
    assert timing["metronidazole"].period == 8.0


def test_drugs_prescribed_before_a_transfer_to_intensive_care_are_not_home_drugs() -> None:
    got = _exposures("A 14-year-old girl was admitted on 3 May 2022 with ketoacidosis. On 4 May 2022, dexamethasone "
                     "and mannitol were prescribed and the patient was admitted to the intensive care unit.")
    assert got["dexamethasone"][1][0][1] == "2022-05-04" and got["mannitol"][1][0][1] == "2022-05-04"
    got = _exposures("A 60-year-old man treated with azathioprine was admitted on 3 May 2022 with fever.")
    assert analyze_text("A 60-year-old man treated with azathioprine was admitted on 3 May 2022 with fever.",
                        assess=False).exposures[0].segments[0].start.text == "before admission"


def test_stopped_getting_a_drug_stops_it() -> None:
    course = analyze_text("A 29-year-old woman was admitted on 3 May 2022. She started receiving infliximab infusions "
                          "monthly in 2020. In November 2021, she stopped getting the infliximab infusions due to "
                          "financial concerns.", assess=False)
    exp = course.exposures[0]
    assert exp.status == "stopped" and exp.end is not None and exp.end.point == "2021-11"


def test_a_route_before_a_class_therapy_and_a_dosed_list_is_each_members() -> None:
    course = analyze_text("A 42-year-old woman was admitted on 3 May 2022. Intravenous antibiotic therapy was "
                          "initiated with ceftriaxone 1 g 12/12 h, metronidazole 500 mg 8/8 h, and clindamycin 600 mg "
                          "8/8 h.", assess=False)
    assert {e.drug: e.route for e in course.exposures} == {"ceftriaxone": "intravenous", "metronidazole": "intravenous",
                                                          "clindamycin": "intravenous"}
    course = analyze_text("A 46-year-old man was admitted on 3 May 2022. Empiric intravenous antimicrobial therapy "
                          "with vancomycin and meropenem was instituted.", assess=False)
    assert {e.route for e in course.exposures} == {"intravenous"}
    course = analyze_text("A 42-year-old woman was admitted on 3 May 2022. She received ceftriaxone 2 g daily, oral "
                          "metronidazole 500 mg and vancomycin.", assess=False)
    assert {e.drug: e.route for e in course.exposures}["vancomycin"] is None  # the list's route is not told


def test_an_inhaled_anaesthetic_in_a_list_keeps_its_own_route() -> None:
    course = analyze_text("A 65-year-old man was admitted on 3 May 2022. Anesthesia was induced with intravenous "
                          "thiopental sodium 350 mg, atracurium 30 mg, and sevoflurane.", assess=False)
    routes = {e.drug: e.route for e in course.exposures}
    assert routes["atracurium"] == "intravenous" and routes["sevoflurane"] is None


def test_a_drug_started_and_then_changed_to_another_is_stopped() -> None:
    got = _exposures("A 19-year-old man was admitted on 3 May 2022. Piperacillin was started and then changed to "
                     "ceftriaxone after blood cultures grew Haemophilus. Vancomycin and cefepime were initiated and "
                     "later switched to linezolid.")
    assert got["piperacillin"][0] == "stopped" and got["ceftriaxone"][0] != "stopped"
    assert got["vancomycin"][0] == "stopped" and got["cefepime"][0] == "stopped" and got["linezolid"][0] != "stopped"
    assert got["piperacillin"][1][0][2] is None  # when it was changed the text does not say
    got = _exposures("A 70-year-old man was admitted on 3 May 2022. Prednisone was started and then changed to 10 mg "
                     "daily.")
    assert got["prednisone"][0] != "stopped"  # a new dose, no other drug


def test_the_one_drug_of_a_sentence_stopped_by_a_pronoun_or_not_taken_is_stopped() -> None:
    from casecourse.api import analyze_text as _analyze

    def by(text: str) -> dict:
        return {e.drug: e for e in _analyze("Case presentation\n" + text, assess=False).exposures}

    got = by("Allopurinol was started, but it was discontinued because of a rash.")
    assert (got["allopurinol"].status, got["allopurinol"].stop_reason) == ("stopped", "rash")
    got = by("He was prescribed apixaban; however, he had not been taking the medication for months.")
    assert got["apixaban"].status == "stopped"
    got = by("He was started on allopurinol. He stopped taking it because of nausea.")
    assert got["allopurinol"].status == "stopped"


def test_caffeine_given_is_a_drug_and_caffeine_drunk_is_not() -> None:
    from casecourse.api import analyze_text as _analyze

    def drugs(text: str) -> list[str]:
        return [e.drug for e in _analyze("Case presentation\n" + text, assess=False).exposures]

    assert drugs("The preterm infant was started on caffeine citrate 20 mg/kg for apnea.") == ["caffeine"]
    assert drugs("He drank large amounts of caffeine every day.") == []


def test_low_molecular_weight_heparin_is_not_unfractionated_heparin() -> None:
    from casecourse.api import analyze_text as _analyze

    c = _analyze("Case presentation\nShe received low-molecular-weight heparin 1 mg/kg twice daily. Later, LMWH "
                 "was stopped and an unfractionated heparin infusion was started.", assess=False)
    assert {e.drug for e in c.exposures} == {"low molecular weight heparin", "heparin"}
