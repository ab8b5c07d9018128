"""Documents QA, fifteenth round (docqa15): long specialist courses on one page. Three invented documents of our own
(`documents_docqa15/`), each following one patient over years through many drugs, read whole; the errors found were
fixed by rules of general clinical language, each tested here with our own sentences (each fails on the base
`faf58c4` unless marked as a guard).

The course a specialist expects of each document (written before the reader was run):

gpa_letter.txt - UK rheumatology clinic letter, 14/10/2024; woman born 03/07/1968 (51 at diagnosis).
  Conditions: granulomatosis with polyangiitis, PR3-ANCA, diagnosed 02/2020 (renal, ENT, lung), relapse 03/2022
  (scleritis, haemoptysis, creatinine 198 umol/L; trigger: steroid withdrawal 01/2022 and mycophenolate reduced
  02/2022), remission (BVAS 0) since 09/2022; CKD 3b; steroid-induced diabetes; osteopenia; drug-induced cholestatic
  hepatitis 09/2020 (azathioprine).
  Drugs (start -> stop, dose, stop reason):
    methylprednisolone IV 500 mg daily x3, 12/02/2020 -> 14/02/2020 (completed);
    prednisolone 60 mg daily (1 mg/kg) from ~15/02/2020, tapered to 5 mg by 06/2021, withdrawn 01/2022;
    cyclophosphamide IV 10 mg/kg (reduced from 15 mg/kg), 6 pulses 15/02/2020 -> 05/05/2020 (completed);
    plasma exchange x7 (02/2020);
    azathioprine 2 mg/kg (150 mg daily) 01/06/2020 -> 18/09/2020, stopped for hepatitis (adverse effect);
    mycophenolate mofetil 1 g bd 20/10/2020, 500 mg bd from 02/2022 (diarrhoea), stopped 22/03/2022 (relapse);
    methylprednisolone IV 250 mg daily x3 from 21/03/2022 (completed);
    prednisolone 30 mg daily from 21/03/2022, 5 mg by 07/2022, ongoing 5 mg;
    rituximab 1 g on 22/03/2022 and 05/04/2022, then 500 mg every 6 months from 10/10/2022, ongoing (last 26/08/2024);
    avacopan 30 mg bd 28/03/2022 -> 27/03/2023 (completed, 12 months);
    co-trimoxazole 480 mg od, alendronic acid 70 mg weekly, ramipril 2.5 mg od: current.
  Labs: creatinine 287 -> 164 (05/2020) -> 198 (03/2022) -> 138 umol/L (today), PR3-ANCA 118 -> 9 -> 86 -> 4 IU/mL,
  CRP 146 mg/L then < 5 mg/L, IgG 8.9 g/L (2022) -> 5.6 g/L (today), eGFR 37.
  Rules: steroid exposure in prednisone-equivalents: pulses 3 x 625 and 3 x 312.5 mg/day (methylprednisolone x1.25),
  then oral 60 -> 5 mg/day, 30 -> 5 mg/day; never 625 mg/day for two years. Lines: induction cyclophosphamide (+GC,
  PLEX) -> maintenance azathioprine (AE) -> mycophenolate -> relapse: rituximab (+avacopan, GC) -> rituximab
  maintenance (one course, ongoing).

aosd_mas_report.txt - US case report; woman of 34.
  AOSD 06/2021 (Yamaguchi), flare 02/2022, MAS 01/2023 (admitted 01/09/2023 = hospital day 1), remission 01/2024.
  Drugs: prednisone 60 mg daily (1 mg/kg) 06/2021, 10 mg by 12/2021, 7.5 mg 02/2022, off by 07/2022;
    methotrexate 15 mg weekly 06/2021, 20 mg from 08/2021 (no stop told);
    anakinra 100 mg SC daily 02/14/2022 -> 11/2022 (injection-site reactions);
    canakinumab 150 mg SC every 4 weeks 11/2022 -> 01/2023 (stopped at MAS);
    methylprednisolone 1 g IV daily x3 (01/2023); dexamethasone 10 mg/m2 daily;
    anakinra 2 mg/kg IV every 6 hours from 01/2023, then 100 mg SC daily from discharge (day 24), ongoing;
    cyclosporine 3 mg/kg/day from day 3, 150 mg twice daily (oral) at discharge, stopped ~05/2023 (hypertension,
    creatinine 1.6 mg/dL); etoposide 100 mg/m2 on days 5 and 12; emapalumab 6 mg/kg day 8 then 3 mg/kg every 3 days
    x4; prednisone 40 mg daily at discharge, off by 09/2023.
  Labs at MAS: WBC 2.1 x10^9/L, ANC 0.8 x10^9/L, Hb 8.4 g/dL, platelets 62,000/mm3, ferritin 48,200 ng/mL,
    TG 412 mg/dL, fibrinogen 110 mg/dL, AST 356 U/L, sCD25 8,400 U/mL, NK activity low; marrow haemophagocytosis.
    At diagnosis 2021: ferritin 6,850 ng/mL, WBC 18.4 x10^9/L, 89% neutrophils, ANA and RF negative.
  Rules: HLH-2004 8/8 met; HScore 337 (319 without the immunosuppression item).

ra_discharge.txt - US discharge summary, admitted 03/02/2025, discharged 03/19/2025; woman of 58.
  Seropositive erosive RA diagnosed ~2016 (nine years before admission); disseminated zoster (rash from 02/25/2025,
  spread 02/28/2025); acyclovir AKI, resolved; methotrexate pneumonitis ~2018.
  Drugs: methotrexate 10 -> 20 mg weekly ~2016 -> ~2018 (pneumonitis); leflunomide 20 mg daily one year;
    etanercept 50 mg SC weekly ~2019 -> ~2021 (secondary failure); adalimumab 40 mg every other week ~2021 -> 18
    months later (lack of efficacy); tocilizumab 162 mg SC weekly ~2022 -> 14 months later (neutropenia); abatacept
    125 mg SC weekly one year (no response); baricitinib 4 mg daily ~07/2024 -> held at admission, stopped
    permanently; prednisone 5 mg daily for four years, ongoing; acyclovir 10 mg/kg IV q8h from admission to day 9;
    valacyclovir 1 g tid from day 9; rituximab planned. No time after the discharge date.
"""
from __future__ import annotations

from pathlib import Path

from casecourse.api import analyze_text

_DOCS = Path(__file__).parent / "documents_docqa15"


def _read(name: str):  # noqa: ANN202 - a Course
    return analyze_text((_DOCS / name).read_text(encoding="utf-8"))


def _courses(course, drug: str):  # noqa: ANN001, ANN202 - Exposures
    return [e for e in course.exposures if e.drug == drug]


def _one(text: str, drug: str):  # noqa: ANN202 - an Exposure
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


def _point(t) -> str | None:  # noqa: ANN001
    return t.point if t is not None else None


# --- "N years before admission" counts back from the stay, also after the story moved on ---

def test_before_admission_counts_back_from_the_stay_after_a_later_step() -> None:
    text = ("A 61-year-old man was admitted on 10 April 2024 with a flare of Crohn's disease. He was diagnosed "
            "ten years before this admission. Two years later he needed a resection. Infliximab was started five "
            "years before admission.")
    assert _point(_one(text, "infliximab").time) == "2019"


def test_two_days_before_admission_in_a_list_of_history_counts_from_the_stay() -> None:
    text = ("A 44-year-old woman was admitted on 10 April 2024. Vedolizumab was begun six years later than her "
            "diagnosis, in 2026. Five days before admission she developed a cough, and two days before admission "
            "a rash appeared.")
    c = analyze_text(text)
    rash = next(f for f in c.findings if f.name == "rash")
    assert rash.time.point == "2024-04-08"


# --- a three-day pulse is over when a later "withdrawal of steroids" is told ---

def test_a_pulse_over_at_its_length_keeps_its_end_against_a_later_class_stop() -> None:
    text = ("She presented in March 2019 with glomerulonephritis. She received methylprednisolone 1 g daily for "
            "three days from 05/03/2019. In May 2021 she relapsed. The relapse followed the withdrawal of steroids.")
    mp = _one(text, "methylprednisolone")
    assert mp.end.point == "2019-03-08"
    assert mp.status == "completed"


# --- a letter's "Current medication:" list ---

def test_a_current_medication_heading_in_the_singular_is_a_list() -> None:
    text = ("Clinic date: 02/05/2024\n\nDear Dr Lee,\n\nCurrent medication:\nHydroxychloroquine 200 mg once daily\n"
            "Amlodipine 5 mg once daily\n\nI saw Mr Shah today; he has lupus and is well.\n")
    assert _one(text, "amlodipine").status == "active"


def test_a_listed_course_the_story_dates_is_one_course_still_taken() -> None:
    text = ("Clinic date: 02/05/2024\n\nDear Dr Lee,\n\nCurrent medication:\nRituximab 500 mg intravenously every 6 "
            "months (last dose 01/03/2024)\nAmlodipine 5 mg once daily\n\nShe relapsed in June 2021. She was given "
            "prednisolone 40 mg daily, and received rituximab 1 g on 07/06/2021 and 21/06/2021. She has received "
            "rituximab 500 mg every six months since 01/12/2021.\n")
    ritux = _courses(analyze_text(text), "rituximab")
    assert len(ritux) == 1
    assert ritux[0].status == "active"
    assert ritux[0].time.point == "2021-06-07"


# --- a drug of a clause dated at its start by the first of two dates ---

def test_a_drug_given_on_two_dates_starts_on_the_first() -> None:
    text = ("She relapsed in May 2020. She was given prednisolone 40 mg daily for two weeks from 02/05/2020, and "
            "received rituximab 1 g on 04/05/2020 and 18/05/2020.")
    assert _one(text, "rituximab").time.point == "2020-05-04"


# --- a list member told whole keeps its own route ---

def test_the_last_members_route_is_not_shared_by_members_with_their_own_frequency() -> None:
    text = ("She was discharged on prednisone 20 mg daily, tacrolimus 2 mg twice daily and enoxaparin 40 mg "
            "subcutaneously daily.")
    assert _one(text, "tacrolimus").route is None
    assert _one(text, "prednisone").route is None
    assert _one(text, "enoxaparin").route == "subcutaneous"


def test_guard_a_list_of_bare_doses_shares_its_tail() -> None:
    # guard (passes on the base too): "A 600 mg, B 300 mg and C 1100 mg orally daily" each oral, daily
    text = "He received rifampicin 600 mg, isoniazid 300 mg and ethambutol 1100 mg orally daily."
    assert _one(text, "isoniazid").route == "oral"


# --- a test told with its percentage takes no result word of the tests after it ---

def test_a_percentage_named_test_is_not_negative_with_the_antibodies_after_it() -> None:
    text = "Her white cell count was 14.1 x10^9/L with 82% neutrophils, and ANA and anti-CCP were negative."
    labs = [(x.test, x.interpretation) for x in analyze_text(text).labs]
    assert ("neutrophils", "NEG") not in labs
    assert ("antinuclear antibodies", "NEG") in labs


# --- "diagnosed in June after three weeks of fever": the diagnosis's time ---

def test_a_diagnosis_after_weeks_of_illness_stays_at_its_date() -> None:
    text = ("A 41-year-old woman was diagnosed with sarcoidosis in March 2018 after six weeks of cough and "
            "fevers. She was treated with prednisone 40 mg daily.")
    assert _point(_one(text, "prednisone").time) == "2018-03"


# --- a treatment told after a dated diagnosis, and the later steps of that history ---

def test_a_treatment_after_a_dated_diagnosis_goes_on_in_its_history() -> None:
    text = ("Admission date: 05/10/2024\n\nHistory of present illness:\nShe has psoriatic arthritis diagnosed eight "
            "years before this admission. Sulfasalazine was started at 1 g daily. Three years later she developed "
            "neutropenia and sulfasalazine was stopped.")
    ssz = _one(text, "sulfasalazine")
    assert ssz.end is not None and ssz.end.point == "2019"


def test_a_stop_later_in_a_piece_of_history_is_dated() -> None:
    text = ("Admission date: 05/10/2024\n\nShe has ankylosing spondylitis. Secukinumab was started four years "
            "before admission and stopped twenty months later because of candidiasis.")
    sec = _one(text, "secukinumab")
    assert sec.end is not None and sec.end.point == "2022"


# --- the dose a course was changed from ---

def test_a_dose_reduced_from_another_is_the_dose_given() -> None:
    text = "She was given cyclophosphamide 500 mg/m2, reduced from 750 mg/m2 for her age, every two weeks."
    seg = [s.dose.value for s in _one(text, "cyclophosphamide").segments if s.dose]
    assert seg == [500.0]


def test_guard_a_change_told_from_and_to_keeps_both() -> None:
    # guard (passes on the base too): "reduced from 40 to 20 mg" is one step told whole
    text = "Prednisone 40 mg daily was reduced from 40 to 20 mg daily."
    assert len(_one(text, "prednisone").segments) == 2


# --- what the patient developed, its results in brackets, stops the drug for that reason ---

def test_an_onset_with_its_results_in_brackets_is_the_stop_reason() -> None:
    text = ("He was started on leflunomide in 2019. In March 2020 he developed hepatitis (ALT 310 U/L) and "
            "leflunomide was stopped.")
    assert _one(text, "leflunomide").stop_reason == "hepatitis"


# --- a class word named as another drug's aim is no course of it ---

def test_a_steroid_taper_as_the_aim_of_another_drug_is_no_steroid_course() -> None:
    text = "Avacopan 30 mg twice daily was added to allow a faster steroid taper and was given for six months."
    names = {e.drug for e in analyze_text(text).exposures}
    assert not any("glucocorticoid" in n for n in names)


# --- the three documents read whole ---

def test_the_vasculitis_letter_reads_its_pulses_lists_and_switches() -> None:
    c = _read("gpa_letter.txt")
    pulses = _courses(c, "methylprednisolone")
    assert [(p.time.point, p.end.point, p.status) for p in pulses] == [
        ("2020-02-12", "2020-02-15", "completed"), ("2022-03-21", "2022-03-24", "completed")]
    ritux = _courses(c, "rituximab")
    assert len(ritux) == 1 and ritux[0].status == "active" and ritux[0].time.point == "2022-03-22"
    pred = _courses(c, "prednisolone")
    assert pred[-1].status == "active"
    assert all(e.time.point != "2024-10-14" for e in c.exposures)  # no course begins at the clinic's date
    cyc = _courses(c, "cyclophosphamide")[0]
    assert [s.dose.value for s in cyc.segments if s.dose] == [10.0] and cyc.end.point == "2020-05-05"
    # round left16: the plasma exchange given together with the pulses begins with them, not at their last date
    assert next(p for p in c.procedures if p.name == "plasma exchange").time.point == "2020-02-15"
    aza = _courses(c, "azathioprine")[0]
    assert aza.end.point == "2020-09-18" and aza.stop_reason and "hepatitis" in aza.stop_reason
    assert _courses(c, "ramipril")[0].status == "active"
    steroid = next(a for a in c.assessments if a.rule == "steroid_exposure")
    assert max(x["prednisone_eq_mg_day"]["max"] for x in steroid.data["curve"]
               if x["drug"] == "methylprednisolone" and x["end"] > "2021") < 400
    # round docqa16: how it ended is the remission the list of diagnoses dates latest, seen at the clinic's date; the
    # avacopan course's last day, today's IgG and the relapse's trigger are read
    outcome = next(a for a in c.assessments if a.rule == "outcome")
    assert outcome.data["outcome"] == "remission" and outcome.data["last_information"] == "2024-10-14"
    ava = _courses(c, "avacopan")[0]
    assert ava.end is not None and ava.end.point == "2023-03-27" and ava.status == "completed"
    igg = next(x for x in c.labs if x.test == "immunoglobulin g" and x.value == 5.6)
    assert igg.time.point == "2024-10-14"
    relapse = next(e for e in c.events if e.type == "relapse")
    assert relapse.trigger is not None and "withdrawal of steroids" in relapse.trigger


def test_the_still_disease_report_reads_its_routes_and_results() -> None:
    c = _read("aosd_mas_report.txt")
    assert all(e.route != "subcutaneous" for e in c.exposures if e.drug in ("cyclosporine", "prednisone"))
    assert not any(x.test == "neutrophils" and x.interpretation == "NEG" for x in c.labs)
    assert _courses(c, "prednisone")[0].time.point == "2021-06"
    assert _courses(c, "methotrexate")[0].time.point == "2021-06"
    mtx = _courses(c, "methotrexate")[0]
    assert mtx.end is None and mtx.status != "stopped"  # no stop told (docqa16)
    rules = {a.rule: a for a in c.assessments}
    assert rules["hlh2004"].score["min"] == 8 and rules["hscore"].score["min"] == 337
    # round left16: the fresh frozen plasma given is a transfusion, as the platelets are
    assert {"platelet transfusion", "plasma transfusion"} <= {p.name for p in c.procedures}


def test_the_discharge_summary_keeps_its_history_in_the_past() -> None:
    c = _read("ra_discharge.txt")
    mtx = _courses(c, "methotrexate")[0]
    assert mtx.time.point == "2016" and mtx.end.point == "2018" and mtx.stop_reason == "adverse effect"
    assert _courses(c, "etanercept")[0].time.point == "2019"
    toci = _courses(c, "tocilizumab")[0]
    assert toci.time.point == "2022" and toci.end.point == "2023"
    assert _courses(c, "baricitinib")[0].time.point == "2024-07"
    dates = {f.name: f.time.point for f in c.findings}
    assert dates["rash"] == "2025-02-25" and dates["vesicles"] == "2025-02-28"
    # round docqa16: the drug told on after etanercept's two years, its stop eighteen months later; nothing after the
    # discharge date; acyclovir begins within the stay
    ada = _courses(c, "adalimumab")[0]
    assert ada.time.point == "2021" and ada.end is not None and ada.end.point in ("2022", "2023")
    assert ada.stop_reason == "inefficacy"
    assert _courses(c, "leflunomide")[0].time.point == "2018"
    aba = _courses(c, "abatacept")[0]
    assert aba.time.point == "2023" and aba.end is not None and aba.end.point == "2024"
    assert all((t.latest or t.point or "") <= "2025-03-19" for f in c.facts()
               for t in (getattr(f, "time", None), getattr(f, "end", None)) if t is not None)
    acv = _courses(c, "acyclovir")[0]
    assert acv.time.earliest == "2025-03-02" and acv.end.point == "2025-03-10"
    # round left16: etanercept's "lost its effect" is its stop reason; the plan's rituximab is intended, not taken
    assert _courses(c, "etanercept")[0].stop_reason == "inefficacy"
    assert _courses(c, "rituximab")[0].status == "not-taken"
    # the switch to adalimumab stops etanercept (its class), not leflunomide, which keeps its stated year
    lef = _courses(c, "leflunomide")[0]
    assert lef.status == "completed" and lef.end is not None and lef.end.point == "2019"
