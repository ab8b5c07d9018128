"""The four corpus readers parse their fixture formats: offsets, labels, polarity, values, splits."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_helpers import FIXTURES

from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.readers import load_corpus
from casecourse.evaluation.readers.ada import read_ada
from casecourse.evaluation.readers.brat import read_brat_doc
from casecourse.evaluation.readers.e3c import read_e3c
from casecourse.evaluation.readers.gsc import parse_gsc, read_gscplus


def _by_text(doc):
    return {s.text: s for s in doc.spans}


def test_brat_offsets_events_and_polarity():
    [doc] = load_corpus("maccrobat", FIXTURES)
    spans = _by_text(doc)
    for s in doc.spans:
        assert doc.text[s.start:s.end] == s.text
    assert spans["prednisone"].label == "Medication"
    assert spans["40 mg"].label == "Dosage"
    assert spans["rash"].attr("polarity") == "NEG"  # attribute on the event E2 -> T5
    assert spans["dyspnea"].attr("polarity") == "NEG"  # attribute directly on a T id
    assert spans["fever"].attr("polarity") is None
    assert spans["fever"].attr("trend") == "INC"
    # a discontinuous span keeps its outer extent
    chest = spans["Chest pain"]
    assert (chest.label, chest.end - chest.start) == ("Sign_symptom", len("Chest pain"))


def test_brat_bad_line_names_file(tmp_path: Path):
    (tmp_path / "1.txt").write_text("abc", encoding="utf-8")
    (tmp_path / "1.ann").write_text("T1\tSign_symptom x y\tabc\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"1\.ann:1"):
        read_brat_doc(tmp_path / "1.txt")


def test_ada_passage_offset_and_modifier_relation():
    [doc] = load_corpus("ada", FIXTURES)
    spans = _by_text(doc)
    assert doc.text[spans["fever"].start:spans["fever"].end] == "fever"
    assert spans["fever"].label == "finding" and spans["fever"].attr("modifier") == "no"
    assert spans["no"].label == "modifier"
    assert spans["migraine"].label == "condition"
    assert spans["male"].label == "factor"
    assert doc.window() == (doc.text.index("30-year-old"), doc.text.index("migraine") + len("migraine"))


def test_ada_copies_at_one_location_are_one_span(tmp_path: Path):
    """Two findings sharing a fragment are stored as two annotations at one location: one gold span."""
    text = "Swelling and tenderness over the left knee."
    site = text.index("left knee")

    def ann(i: str, kind: str, start: int, word: str) -> dict:
        return {"id": i, "infons": {"entityType": kind}, "locations": {"offset": start, "length": len(word)},
                "text": word}

    anns = [ann("1", "finding", 0, "Swelling"), ann("2", "finding", site, "left knee"),
            ann("3", "finding", site, "left knee"), ann("4", "factor", site, "left knee")]
    rels = [{"infons": {"type": "modifies"}, "nodes": [{"refid": "9", "role": "Governor"},
                                                       {"refid": "3", "role": "Dependent"}]}]
    anns.append(ann("9", "modifier", text.index("tenderness"), "tenderness"))
    passage = {"offset": 0, "text": text, "annotations": anns, "relations": rels}
    (tmp_path / "CaseReportCorpus.bioc.json").write_text(
        json.dumps({"documents": [{"id": "d1", "passages": [passage]}]}), encoding="utf-8")
    [doc] = read_ada(tmp_path)
    at_site = [s for s in doc.spans if s.start == site]
    assert sorted(s.label for s in at_site) == ["factor", "finding"]  # the two findings are one; the factor stays
    [finding] = [s for s in at_site if s.label == "finding"]
    assert finding.attr("modifier") == "tenderness"  # the copy carrying a relation speaks for the span
    assert len(doc.spans) == 4


def test_e3c_test_split_values_and_utf16_offsets():
    docs = load_corpus("e3c", FIXTURES)
    assert [d.id for d in docs] == ["EN900001"]  # EN900002 is listed as training
    assert [d.id for d in read_e3c(FIXTURES / "e3c_en", split="train")] == ["EN900002"]
    doc = docs[0]
    spans = _by_text(doc)
    assert set(spans) == {"3 months", "August 2014", "daily", "postoperatively"}
    assert spans["August 2014"].attr("value") == "2014-08"  # after the non-BMP character
    assert spans["August 2014"].attr("timex_class") == "DATE"
    assert spans["3 months"].attr("value") == "P3M"
    assert spans["daily"].label == "SET"


def test_gsc_blocks_crlf_and_splits():
    docs = load_corpus("gscplus", FIXTURES)
    assert [d.id for d in docs] == ["111", "222"]
    spans = _by_text(docs[0])
    assert spans["hypoplastic nails"].attr("hpo") == "HP:0001792"
    assert docs[0].text.endswith("seizures.")  # no stray carriage return
    assert [d.id for d in read_gscplus(FIXTURES / "hpo_gscplus", split="dev")] == ["333"]


def test_gsc_offset_mismatch_names_file(tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\nSome text.\n0\t4\tText\tHP:0000001\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.tsv"):
        parse_gsc(bad)


def test_missing_corpus_folder(tmp_path: Path):
    with pytest.raises(CorpusError, match="maccrobat2020"):
        load_corpus("maccrobat", tmp_path)
