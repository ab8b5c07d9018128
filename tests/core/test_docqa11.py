"""Clinical letters and discharge summaries read as a clinician reads them (docqa11; invented documents, no corpus
text): a UK rheumatology clinic letter, a US discharge summary, a haematology letter on HLH and an ICU transfer note."""
from __future__ import annotations

from casecourse.api import analyze_text

RHEUMATOLOGY_LETTER = """Department of Rheumatology
Northgate General Hospital

Clinic date: 12/03/2025
Consultant: Dr H. Patel

Dear Dr Okafor,

Re: Margaret Ellison, DOB 04/09/1961, NHS No 485 777 3456

Diagnoses:
1. Seropositive rheumatoid arthritis (diagnosed 2019)
2. Osteoporosis
3. Hypertension

Current medications:
- Methotrexate 15 mg once weekly (orally)
- Folic acid 5 mg once weekly
- Prednisolone 7.5 mg once daily
- Amlodipine 5 mg once daily
- Alendronic acid 70 mg once weekly

I reviewed Mrs Ellison, a 63-year-old retired teacher, in the rheumatology clinic today. She reports three months of worsening pain and early morning stiffness lasting two hours in both hands and wrists. On examination she had synovitis of the right second and third MCP joints and both wrists; DAS28-CRP was 5.1. Her blood tests today showed CRP 38 mg/L, ESR 52 mm/hr, haemoglobin 112 g/L, ALT 24 U/L and eGFR 71 mL/min/1.73m2. Her mother had systemic lupus erythematosus. She has no history of tuberculosis. Despite methotrexate she has active disease, and she now meets the criteria for biologic therapy.

Plan:
1. Increase methotrexate to 20 mg once weekly, switching to subcutaneous injection.
2. Reduce prednisolone to 5 mg once daily for four weeks, then stop.
3. Start adalimumab 40 mg subcutaneously every other week once screening (QuantiFERON, hepatitis B and C serology, HIV test and chest X-ray) is back and satisfactory.
4. Repeat FBC, U&E and LFTs in 6 weeks.

I will see her again in clinic in three months.

Yours sincerely,

Dr H. Patel
Consultant Rheumatologist
"""

DISCHARGE_SUMMARY = """DISCHARGE SUMMARY

Patient: Robert J. Alvarez     MRN: 00482917     Sex: M     Age: 72
Admission Date: 02/11/2024     Discharge Date: 02/18/2024
Attending: Susan Whitfield, MD
Service: Internal Medicine

Principal Diagnosis: Sepsis due to Escherichia coli urinary tract infection
Secondary Diagnoses: Acute kidney injury on chronic kidney disease stage 3a; type 2 diabetes mellitus; atrial fibrillation

History of Present Illness:
Mr. Alvarez is a 72-year-old man with type 2 diabetes, CKD stage 3a, atrial fibrillation on apixaban and benign prostatic hyperplasia who presented to the ED with two days of fever, rigors, dysuria and confusion. In the ED he was febrile to 39.4 C, HR 118, BP 86/50 and lactate was 4.1 mmol/L. His brother has prostate cancer.

Hospital Course:
#1 Sepsis secondary to E. coli urinary tract infection: He received a 30 mL/kg bolus of crystalloid and was started on IV piperacillin-tazobactam 4.5 g every 8 hours. Blood and urine cultures grew E. coli sensitive to ceftriaxone, and on hospital day 3 he was narrowed to IV ceftriaxone 1 g daily. He defervesced by hospital day 4. He was transitioned to oral cefalexin 500 mg every 12 hours on 02/16 to complete a 10-day course of antibiotics.
#2 Acute kidney injury on CKD 3a: Creatinine peaked at 2.6 mg/dL on admission from a baseline of 1.4 mg/dL; this was felt to be prerenal in the setting of sepsis. Lisinopril and metformin were held. Creatinine improved to 1.5 mg/dL at discharge. Lisinopril was not restarted given borderline blood pressures.
#3 Atrial fibrillation: Rate controlled on home metoprolol. Apixaban was continued at a reduced dose of 2.5 mg twice daily while creatinine was elevated and was increased back to 5 mg twice daily at discharge.
#4 Type 2 diabetes mellitus: HbA1c 8.9%. Metformin was held during the admission and the patient was managed on insulin sliding scale. He was started on insulin glargine 10 units at bedtime. Metformin was resumed at discharge.
#5 Delirium: Resolved with treatment of infection. No focal neurological deficit; CT head was negative for acute intracranial hemorrhage.

Pertinent Results:
02/11/2024 WBC 18.2 (H) [4.0-11.0 K/uL]
02/11/2024 Hemoglobin 12.1 (L) [13.5-17.5 g/dL]
02/11/2024 Creatinine 2.6 (H) [0.7-1.3 mg/dL]
02/11/2024 Lactate 4.1 (H) [0.5-2.2 mmol/L]
02/11/2024 Procalcitonin 12.4 (H) [<0.5 ng/mL]
02/14/2024 Potassium 3.2 (L) [3.5-5.1 mmol/L]
02/17/2024 Creatinine 1.5 (H) [0.7-1.3 mg/dL]

Discharge Medications:
1. Cefalexin 500 mg PO every 12 hours through 02/20/2024 (NEW)
2. Insulin glargine 10 units subcutaneously at bedtime (NEW)
3. Apixaban 5 mg PO twice daily (CHANGED - dose returned to home dose)
4. Metoprolol succinate 50 mg PO daily
5. Metformin 500 mg PO twice daily
6. Tamsulosin 0.4 mg PO daily
7. Lisinopril 10 mg PO daily (STOPPED - low blood pressure)

Discharge Condition: Stable, afebrile, ambulating independently.
Follow-up: PCP in 1 week with BMP.
"""

HAEMATOLOGY_LETTER = """Department of Haematology
Riverside University Hospital

Date: 21 May 2024

Dear Dr Lindqvist,

Re: Daniel Cho, DOB 17/01/1989

Diagnosis: Secondary haemophagocytic lymphohistiocytosis (HLH), EBV-driven, diagnosed 2 April 2024

I saw Mr Cho, a 35-year-old man, in the haematology clinic today for review of his HLH, now in week 7 of treatment on the HLH-94 protocol. He was admitted on 30 March 2024 with fever, splenomegaly and pancytopenia, and fulfilled 6 of 8 HLH-2004 criteria; bone marrow showed haemophagocytosis. EBV DNA was 85,000 copies/mL at diagnosis. His father had non-Hodgkin lymphoma.

Treatment started on 3 April 2024 with etoposide 150 mg/m2 twice weekly for two weeks, then once weekly from week 3, and dexamethasone 10 mg/m2 daily for the first two weeks, halved to 5 mg/m2 daily in weeks 3-4 and to 2.5 mg/m2 daily in weeks 5-6. He is now on dexamethasone 1.25 mg/m2 daily (week 7) with a plan to stop at the end of week 8. Ciclosporin was added on 17 April 2024 at 3 mg/kg twice daily, aiming for a trough level of 200 microgram/L; the trough levels were 145 microgram/L on 24 April, 210 microgram/L on 8 May and 265 microgram/L on 20 May. Given the last level and a creatinine of 118 umol/L (baseline 82 umol/L) I have reduced the ciclosporin to 2.5 mg/kg twice daily. He also received rituximab 375 mg/m2 weekly for four doses, completed on 1 May 2024.

His ferritin has fallen steadily: 28,400 ug/L on 2 April, 9,850 ug/L on 16 April, 2,100 ug/L on 30 April and 640 ug/L on 20 May. Today his haemoglobin is 118 g/L, platelets 164 x10^9/L, neutrophils 2.1 x10^9/L and triglycerides 2.3 mmol/L. EBV DNA is now undetectable. He has had no fever since mid-April and the spleen is no longer palpable.

He continues co-trimoxazole 480 mg once daily on Mondays, Wednesdays and Fridays, fluconazole 50 mg daily and aciclovir 400 mg twice daily as prophylaxis.

Plan: complete week 8 of etoposide and dexamethasone, then stop both if ferritin continues to fall; recheck ciclosporin trough and renal function in one week.

Yours sincerely,

Dr Amara Mensah
Consultant Haematologist
"""

ICU_TRANSFER_NOTE = """MICU TRANSFER NOTE
Date: 09/14/2023  Time: 03:40

Pt is a 67 yo M w/ hx of COPD, HFrEF (EF 30%), DM2 and ESRD on HD (MWF), s/p L AVF creation 2019, admitted 09/12/2023 to medicine for RLL pneumonia, started on IV abx (vancomycin 1 g IV q12h and cefepime 2 g IV q8h). Overnight pt c/o worsening SOB and was noted to be more somnolent. On RRT evaluation: T 38.9, HR 124, SBP 85 after 1 L NS, RR 30, SpO2 86% on 4L NC, GCS 13 (E3V4M6). ABG 7.21/68/58 on 6L. Lactate 3.8. WBC 21.4. No chest pain. Denies abdominal pain. Wife at bedside reports pt's mother died of MI at 60.

Started on BiPAP 14/6 w/ improvement in SpO2 to 92%. Norepinephrine started peripherally at 0.05 mcg/kg/min for MAP < 65. Vancomycin changed to linezolid 600 mg IV BID given concern for MRSA and recent VRE colonization. Cefepime continued. Home metoprolol and lisinopril held. Heparin SQ 5000 units q8h for DVT ppx continued.

A/P: 67M w/ septic shock 2/2 RLL PNA, acute on chronic hypercarbic respiratory failure. Transfer to MICU for pressors and NIV; low threshold for intubation. Renal aware, plan for CRRT if remains hypotensive. Will f/u blood cx and MRSA nares swab. Code status: full code.
"""

