"""The store's tables: their columns and Arrow types (fixed, so an empty batch still has a typed file)."""
from __future__ import annotations

import pyarrow as pa

_T = {"s": pa.string(), "f": pa.float64(), "i": pa.int64(), "b": pa.bool_(), "ls": pa.list_(pa.string())}


def _time(prefix: str) -> list[tuple[str, str]]:
    """A TimeRef as columns; `_day_lo/_day_hi` put it on the document's own day axis (calendar ordinals when the
    story has a calendar day 0, else days from day 0): comparable within one document only."""
    return [(f"{prefix}_text", "s"), (f"{prefix}_point", "s"), (f"{prefix}_earliest", "s"), (f"{prefix}_latest", "s"),
            (f"{prefix}_precision", "s"), (f"{prefix}_derivation", "s"), (f"{prefix}_offset_min", "f"),
            (f"{prefix}_offset_max", "f"), (f"{prefix}_day_lo", "f"), (f"{prefix}_day_hi", "f")]


_FACT = [("doc_id", "s"), ("id", "s"), ("assertion", "s")]
_SPAN = [("span_start", "i"), ("span_end", "i"), ("evidence", "s"), ("rule", "s")]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [("doc_id", "s"), ("path", "s"), ("name", "s"), ("status", "s"), ("error", "s"), ("bytes", "i"),
                  ("chars", "i"), ("words", "i"), ("encoding", "s"), ("casecourse_version", "s"),
                  ("schema_version", "s"), *_time("anchor")],
    "patients": [*_FACT, ("sex", "s"), ("age_years", "f"), *_time("age_at"), ("birth_year_min", "i"),
                 ("birth_year_max", "i"), *_SPAN],
    "conditions": [*_FACT, ("name", "s"), ("text", "s"), ("status", "s"), ("icd10", "s"), ("hpo", "s"),
                   ("codes", "ls"), *_time("time"), *_SPAN],
    "findings": [*_FACT, ("name", "s"), ("hpo", "s"), ("codes", "ls"), *_time("time"), *_SPAN],
    "labs": [*_FACT, ("test", "s"), ("test_text", "s"), ("loinc", "s"), ("codes", "ls"), ("value", "f"),
             ("value_high", "f"), ("comparator", "s"), ("unit", "s"), ("ucum", "s"), ("value_si", "f"),
             ("unit_si", "s"), ("interpretation", "s"), ("diastolic", "f"), ("implausible", "s"), *_time("time"),
             *_SPAN],
    "exposures": [*_FACT, ("drug", "s"), ("drugbank", "s"), ("atc", "s"), ("codes", "ls"), ("drug_class", "s"),
                  ("route", "s"), ("status", "s"), ("start_reason", "s"), ("stop_reason", "s"), ("regimen", "s"),
                  ("line", "i"), ("line_outcomes", "ls"), ("segments", "i"), *_time("start"), *_time("end"),
                  *_SPAN],
    "dose_segments": [*_FACT, ("exposure_id", "s"), ("seq", "i"), ("drug", "s"), ("dose_value", "f"),
                      ("dose_value_high", "f"), ("dose_unit", "s"), ("dose_per", "s"), ("dose_text", "s"),
                      ("frequency", "i"), ("period", "f"), ("period_unit", "s"), ("timing_text", "s"), ("route", "s"),
                      ("length_days", "f"), *_time("start"), *_time("end"), *_SPAN],
    "events": [*_FACT, ("type", "s"), ("trigger", "s"), ("detail", "s"), *_time("time"), *_SPAN],
    "procedures": [*_FACT, ("name", "s"), ("text", "s"), ("category", "s"), ("status", "s"), ("reason", "s"),
                   ("sessions", "i"), ("sessions_unit", "s"), ("codes", "ls"), *_time("time"), *_time("end"),
                   *_SPAN],
    "assessments": [*_FACT, ("rule", "s"), ("at", "s"), ("status", "s"), ("score_json", "s"), ("items_json", "s"),
                    ("unknown", "ls"), ("notes", "ls"), ("facts", "ls"), ("data_json", "s")],
}
TABLES = list(COLUMNS)
FACT_TABLES = TABLES[1:]


def schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(name, _T[kind]) for name, kind in COLUMNS[table]])
