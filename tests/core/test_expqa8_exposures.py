"""Drug exposures, eighth round (expqa8): drugs switched after a bracketed susceptibility result, a gapped stop ("X
was discontinued after 7 days, Y after 14 days"), "remained on X for a total of N weeks", a drug told before "died on
day N", and organisms of a culture named like allergen extracts. Sentences written for this test."""
from __future__ import annotations

from exposure_view import exposures

from casecourse.api import analyze_text

_exposures = exposures  # drug -> [(status, first start, last end)] (tests/core/exposure_view.py)


def test_drugs_replaced_after_a_bracketed_susceptibility_are_stopped() -> None:
    got = _exposures("A 58-year-old man with bacteremia received cefepime and linezolid. Guided by the culture "
                     "(sensitive to ampicillin and ceftriaxone; resistant to clindamycin), linezolid and cefepime "
                     "were replaced with ampicillin.")
    assert got["linezolid"][-1][0] == "stopped" and got["cefepime"][-1][0] == "stopped"
    assert "clindamycin" not in got  # the antibiogram's entries stay no exposure


def test_gapped_stop_ends_the_second_drug() -> None:
    got = _exposures("A 45-year-old woman with meningitis was admitted. Ceftriaxone and vancomycin were started on "
                     "day 1. Vancomycin was discontinued after 4 days, ceftriaxone after 14 days.")
    assert got["vancomycin"][-1][0] == "stopped" and got["vancomycin"][-1][2] == (4.0, 4.0)
    assert got["ceftriaxone"][-1][0] == "stopped" and got["ceftriaxone"][-1][2] == (14.0, 14.0)
    assert got["ceftriaxone"][-1][1] == (0.0, 0.0)  # its start stays day 1, not "after 14 days"


def test_remained_on_for_a_total_of_is_the_whole_course() -> None:
    got = _exposures("A 61-year-old man with a spinal abscess was admitted. Daptomycin was started on day 3. He was "
                     "discharged on day 10. He remained on daptomycin for a total of 6 weeks.")
    assert got["daptomycin"][-1][0] == "completed"
    assert got["daptomycin"][-1][2] == (44.0, 44.0)  # 42 days from its start (day 3), not from the discharge


def test_remains_on_for_years_stays_active() -> None:
    got = _exposures("A 70-year-old woman has been on warfarin for a total of 8 years.")
    assert got["warfarin"][-1][0] == "active"


def test_drug_before_a_death_day_is_not_dated_by_the_death() -> None:
    got = _exposures("A 52-year-old woman with leukemia was admitted. On day 2, fever developed. Micafungin was "
                     "given at once, but she died on day 6.")
    assert got["micafungin"][0][1] == (1.0, 1.0)  # told on day 2; day 6 is the death's


def test_culture_organisms_are_no_exposures() -> None:
    names = {e.drug for e in analyze_text("A 40-year-old man had sinusitis. Cultures of the sinus grew Aspergillus "
                                          "flavus and Enterococcus faecium.", assess=False).exposures}
    assert not names


def test_drug_of_a_device_is_no_exposure() -> None:
    names = {e.drug for e in analyze_text("A 66-year-old man with an infected aortic graft underwent reconstruction "
                                          "with a rifampin-soaked polyester graft. A vancomycin antibiotic-loaded "
                                          "cement spacer was placed.", assess=False).exposures}
    assert "rifampin" not in names and "vancomycin" not in names


def test_drug_given_besides_a_device_stays() -> None:
    names = {e.drug for e in analyze_text("A 66-year-old man received a paclitaxel-eluting stent and was given "
                                          "clopidogrel 75 mg daily.", assess=False).exposures}
    assert names == {"clopidogrel"}


def test_list_length_after_its_start_day() -> None:
    got = _exposures("A 3-day-old boy with suspected sepsis was admitted. He was started on ampicillin and "
                     "cefotaxime on day 1 for 10 days.")
    assert got["ampicillin"][-1][2] == (10.0, 10.0) and got["cefotaxime"][-1][2] == (10.0, 10.0)


def test_added_drug_keeps_its_length() -> None:
    got = _exposures("A 30-year-old man with an open fracture was admitted. He was continued on cefazolin for 5 days "
                     "with gentamicin added for 3 days.")
    assert got["gentamicin"][-1][0] == "completed" and got["gentamicin"][-1][2] == (3.0, 3.0)


def test_then_after_a_stated_length_starts_the_next_drug_at_its_end() -> None:
    got = _exposures("A 70-year-old woman with pyelonephritis was admitted. She received ceftriaxone for 4 days, "
                     "then oral cefuroxime for 6 days.")
    assert got["cefuroxime"][-1][1] == (4.0, 4.0) and got["cefuroxime"][-1][2] == (10.0, 10.0)


def test_antimicrobials_widened_to_switch_the_class() -> None:
    got = _exposures("A 48-year-old woman with an epidural abscess was given ceftriaxone. On day 2, antimicrobials "
                     "were widened to vancomycin and meropenem.")
    assert got["ceftriaxone"][-1][0] == "stopped" and got["meropenem"][-1][0] != "stopped"


def test_antimicrobials_modified_to_switch_the_class() -> None:
    got = _exposures("A 33-year-old man with polytrauma received amikacin and cefazolin. On day 5, empiric "
                     "antimicrobials were modified to cefepime and linezolid.")
    assert got["amikacin"][-1][0] == "stopped" and got["cefazolin"][-1][0] == "stopped"


def test_regimen_broadened_to_include_adds_and_stops_nothing() -> None:
    got = _exposures("A 48-year-old woman with febrile neutropenia was given cefepime and vancomycin. On day 3, her "
                     "antibiotics were broadened to include metronidazole.")
    assert got["cefepime"][-1][0] != "stopped" and got["vancomycin"][-1][0] != "stopped"
    assert "metronidazole" in got


def test_bracketed_day_after_each_list_member_dates_it() -> None:
    got = _exposures("A 40-year-old woman was admitted with purpura. Plasma exchange was started on hospital day 2. "
                     "Because of refractory disease, she received prednisone (hospital day 9), rituximab (hospital "
                     "day 15), and bortezomib (hospital day 20).")
    assert got["prednisone"][0][1] == (8.0, 8.0) and got["rituximab"][0][1] == (14.0, 14.0)
    assert got["bortezomib"][0][1] == (19.0, 19.0)


def test_legend_of_capitalised_abbreviations_starts_no_drug() -> None:
    got = _exposures("A 40-year-old woman was admitted with purpura. On hospital day 3, tests were sent.\n\nFigure 1 "
                     "Platelet count during the stay. The graph also shows the counts after PEX started and PEX "
                     "combined with other immunomodulatory therapies. RTX: Rituximab, VCR: Vincristine, PEX: Plasma "
                     "exchange therapy\n\nFigure 2 Creatinine during the stay.\n\nOn hospital day 5, she became "
                     "aphasic. She then received vincristine (hospital day 12).")
    assert "rituximab" not in got and got["vincristine"][0][1] == (11.0, 11.0)


def test_pronoun_stop_in_a_sentence_naming_nothing() -> None:
    got = _exposures("A 71-year-old man with heart failure was started on intravenous torsemide. After torsemide had "
                     "been started, he developed acute kidney injury. It had to be stopped.")
    assert got["torsemide"][-1][0] == "stopped"


def test_hormone_agonist_is_a_class_not_the_hormone() -> None:
    got = _exposures("A 70-year-old man with prostate cancer had been treated with a GnRH agonist (leuprolide) for "
                     "eight months. A somatostatin analogue was started for his diarrhoea.")
    assert "gonadotropin-releasing hormone" not in got and "somatostatin" not in got and "leuprolide" in got


def test_shared_resistance_and_binding_proteins_are_no_exposures() -> None:
    names = {e.drug for e in analyze_text("A 19-year-old woman had meningitis. Cultures grew ampicillin and "
                                          "ciprofloxacin-resistant Salmonella. Mannose-binding lectin levels were "
                                          "low. She was given ceftriaxone.", assess=False).exposures}
    assert names == {"ceftriaxone"}


def test_dose_in_million_units() -> None:
    c = analyze_text("A 64-year-old man with neurosyphilis was given intravenous penicillin G 4 million units every "
                     "4 hours.", assess=False)
    seg = next(e for e in c.exposures if e.drug == "penicillin g").segments[0]
    assert seg.dose is not None and seg.dose.value == 4e6 and seg.dose.unit == "U"
