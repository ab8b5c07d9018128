"""A tab-separated result table with a reference column and a 'Result' header (invented tables)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Source

_TABLE = ("Hyponatraemia and ketosis\n\nA 50-year-old man was admitted on 4 June 2024 with vomiting. His first results "
          "were as follows:\n"
          "Test\tResult\tReference range\n"
          "Sodium\t124 mmol/L\t135-145 mmol/L\n"
          "Potassium\t4.1 mmol/L\t3.5-5.0\n"
          "Beta-hydroxybutyrate\t5.2 mmol/L\t<0.6 mmol/L\n"
          "Glucose\t<1.0 mmol/L\t3.9-5.5 mmol/L\n"
          "Creatinine\t140 µmol/L\t0.7-1.3 mg/dL\n")


def _labs(text: str):
    return analyze_text(text, Source(name="t", sha256="0", chars=len(text), encoding="utf-8")).labs


def test_the_reference_column_flags_each_row() -> None:
    got = {x.test: x.interpretation for x in _labs(_TABLE)}
    assert got["sodium"] == "L" and got["potassium"] == "N" and got["beta-hydroxybutyrate"] == "H"
    assert got["glucose"] == "L"  # a bound below the interval
    assert got["creatinine"] is None  # the interval is in another unit: nothing compared


def test_a_result_header_is_no_time_and_an_announced_table_is_at_the_storys_time() -> None:
    assert {x.time.point for x in _labs(_TABLE)} == {"2024-06-04"}
    unannounced = _TABLE.replace("His first results were as follows:", "He was treated with fluids.")
    assert {x.time.point for x in _labs(unannounced)} == {None}
