"""Invented case narratives for the corpus tests (written for these tests; no corpus text)."""
from __future__ import annotations

from pathlib import Path

REMISSION = (
    "A 24-year-old woman with systemic lupus erythematosus diagnosed in 2018 was admitted in March 2021 with fever, "
    "splenomegaly and pancytopenia. Ferritin was 12,400 ng/mL and triglycerides 4.1 mmol/L. A bone marrow aspirate "
    "showed hemophagocytosis and she was diagnosed with hemophagocytic lymphohistiocytosis. Methylprednisolone 1 g "
    "daily for 3 days was given. Anakinra 100 mg subcutaneously twice daily was started on 12 March 2021. Her fever "
    "resolved within 48 hours. By June 2021 she was in complete remission and anakinra was continued. At her last "
    "follow-up in March 2022 she remained well.\n")
RELAPSE = (
    "A 31-year-old man with SLE presented in January 2020 with high fever, hepatosplenomegaly and cytopenias. "
    "Ferritin was 25,000 ng/mL. Hemophagocytic lymphohistiocytosis was diagnosed. Intravenous anakinra 2 mg/kg daily "
    "was started in January 2020 together with prednisolone 1 mg/kg/day. In April 2020 he had a relapse of HLH while "
    "on anakinra. Anakinra was stopped in May 2020 because of inefficacy and emapalumab was started.\n")
NO_DRUG = (
    "A 45-year-old woman with systemic lupus erythematosus developed haemophagocytic lymphohistiocytosis in 2019. "
    "She was treated with etoposide and dexamethasone according to the HLH-94 protocol. She required "
    "mechanical ventilation and hemodialysis. She died in August 2019 of "
    "septic shock.\n")
OTHER = (
    "A 60-year-old man with rheumatoid arthritis was treated with methotrexate 15 mg weekly from 2015. Anakinra was "
    "added in 2017 and stopped in 2018 because of injection site reactions.\n")
SUSPECTED = (
    "A 19-year-old woman with systemic lupus erythematosus was admitted in May 2022 with fever and cytopenias. "
    "Hemophagocytic lymphohistiocytosis was suspected but not confirmed. Anakinra 100 mg daily was started in May "
    "2022.\n")
GOOD = {"a_remission.txt": REMISSION, "b_relapse.txt": RELAPSE, "c_no_drug.txt": NO_DRUG, "d_other.txt": OTHER,
        "g_suspected.txt": SUSPECTED}
# bad documents and the problem their error row must name
BAD = {"e_empty.txt": "empty file", "f_binary.txt": "binary file", "h_encoding.txt": "undecodable text"}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "e_empty.txt").write_bytes(b"")
    (folder / "f_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00payload")
    (folder / "h_encoding.txt").write_bytes(b"Fever " + bytes(range(0x80, 0xA0)) * 8 + b" and rash")
    (folder / "notes.md").write_text("not a .txt file: a folder input reads only .txt files\n")
    return folder


def crash_on_crash_txt(doc_id: str, path: str, data: bytes):
    """A worker function that kills its process on a file named crash*.txt (a worker dying mid-document)."""
    import os

    from casecourse.corpus.work import analyze_document

    if Path(path).name.startswith("crash"):
        os._exit(3)
    return analyze_document(doc_id, path, data)


def slow_on_slow_txt(doc_id: str, path: str, data: bytes):
    """A worker function that hangs on a file named slow*.txt (a document the reader never finishes)."""
    import time

    from casecourse.corpus.work import analyze_document

    if Path(path).name.startswith("slow"):
        time.sleep(600)
    return analyze_document(doc_id, path, data)


def fail_on_flaky_txt(doc_id: str, path: str, data: bytes):
    """A worker function whose reading of flaky*.txt fails (an error row a later --retry-errors fixes)."""
    from casecourse.corpus.work import analyze_document, error_result

    if Path(path).name.startswith("flaky"):
        return error_result(doc_id, path, len(data), f"{path}: could not be analysed (RuntimeError: flaky)")
    return analyze_document(doc_id, path, data)


# ICD-10 hierarchy: lupus nephritis (an M32 subcode) without the words "lupus erythematosus"; a D76 histiocytosis
# that is not HLH
NEPHRITIS = (
    "A 28-year-old woman with biopsy-proven lupus nephritis class IV presented in February 2021 with fever and "
    "pancytopenia. Ferritin was 18,000 ng/mL. Hemophagocytic lymphohistiocytosis was diagnosed on bone marrow. "
    "Anakinra 100 mg daily was started on 3 February 2021. She achieved remission in April 2021.\n")
ROSAI = (
    "A 35-year-old man with systemic lupus erythematosus presented in June 2020 with massive cervical "
    "lymphadenopathy. A lymph node biopsy showed Rosai-Dorfman disease. Anakinra 100 mg daily was started in July "
    "2020. The nodes regressed by October 2020.\n")
