"""One active moiety, one exposure (invented sentences): a salt or ester named once and the base drug named later
are one course; the mention keeps the product as written. Mycophenolate mofetil and mycophenolic acid (enteric-coated
mycophenolate sodium) stay two drugs: their doses are not equivalent mg for mg."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.drugs import find


@pytest.mark.parametrize(("written", "moiety"), [
    ("lithium carbonate", "lithium"),
    ("lithium citrate", "lithium"),
    ("methylprednisolone sodium succinate", "methylprednisolone"),
    ("methylprednisolone acetate", "methylprednisolone"),
    ("prednisolone acetate", "prednisolone"),
    ("prednisolone sodium phosphate", "prednisolone"),
    ("hydroxychloroquine sulfate", "hydroxychloroquine"),
    ("triamcinolone acetonide", "triamcinolone"),
    ("mycophenolate sodium", "mycophenolic acid"),
    ("Depo-Medrol", "methylprednisolone"),
    ("Solu-Cortef", "hydrocortisone"),
    ("Priadel", "lithium"),
])
def test_a_salt_or_ester_reads_as_its_moiety(written: str, moiety: str) -> None:
    ms = [m for m in find(f"She was given {written} 10 mg daily.", {}) if m.type == "drug"]
    assert [(m.text, m.norm) for m in ms][:1] == [(written, moiety)]


def test_salt_then_base_name_is_one_exposure() -> None:
    c = analyze_text("A 40-year-old man with bipolar disorder was started on lithium carbonate 300 mg twice daily in "
                     "March 2020. Lithium was stopped in May 2020 because of tremor.", assess=False)
    assert [(x.drug, x.status) for x in c.exposures] == [("lithium", "stopped")]
    assert c.exposures[0].provenance.spans[0].text == "lithium carbonate"  # the product as written


def test_pulse_ester_counts_as_methylprednisolone() -> None:
    c = analyze_text("A 30-year-old woman with lupus nephritis received methylprednisolone sodium succinate 1 g daily "
                     "for 3 days in June 2021, then methylprednisolone 40 mg daily.", assess=False)
    assert [x.drug for x in c.exposures] == ["methylprednisolone"]
    assert [s.dose.value for s in c.exposures[0].segments if s.dose] == [1.0, 40.0]


def test_mofetil_and_mycophenolic_acid_stay_two_drugs() -> None:
    c = analyze_text("A 35-year-old kidney transplant recipient took mycophenolate mofetil 1000 mg twice daily; in "
                     "May 2019 it was switched to enteric-coated mycophenolate sodium 720 mg twice daily.",
                     assess=False)
    drugs = {x.drug: [s.dose.value for s in x.segments if s.dose] for x in c.exposures}
    assert drugs.get("mycophenolate mofetil") == [1000.0]
    assert drugs.get("mycophenolic acid") == [720.0]
