"""Smoke checks of the readers on the real corpora in ../shared (skipped when absent)."""
from __future__ import annotations

import pytest
from eval_helpers import SHARED_CORPORA

from casecourse.evaluation.readers import load_corpus

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not SHARED_CORPORA.is_dir(),
                                 reason=f"shared corpora not found at {SHARED_CORPORA}")]


@pytest.mark.parametrize(("corpus", "docs", "label"), [
    ("maccrobat", 200, "Sign_symptom"), ("ada", 53, "finding"),
    ("e3c", 48, "DURATION"), ("gscplus", 206, "phenotype")])
def test_reads_real_corpus(corpus, docs, label):
    gold = load_corpus(corpus, SHARED_CORPORA)
    assert len(gold) == docs
    assert any(s.label == label for d in gold for s in d.spans)
    for d in gold:
        for s in d.spans:
            assert 0 <= s.start < s.end <= len(d.text)


def test_maccrobat_spans_match_ann_text():
    """For continuous brat spans, the .ann text column equals the slice of the .txt."""
    root = SHARED_CORPORA / "maccrobat2020" / "data"
    for ann in sorted(root.glob("*.ann"))[:40]:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            f = line.split("\t")
            if line.startswith("T") and ";" not in f[1]:
                _, a, b = f[1].split(" ")
                assert text[int(a):int(b)] == f[2], (ann.name, line)


def test_maccrobat_polarity_reaches_spans():
    gold = load_corpus("maccrobat", SHARED_CORPORA)
    neg = sum(s.attr("polarity") == "NEG" for d in gold for s in d.spans)
    assert neg > 900  # SOURCE.md counts 1,049 POLARITY NEG attributes


def test_e3c_values_present():
    gold = load_corpus("e3c", SHARED_CORPORA)
    values = [s.attr("value") for d in gold for s in d.spans if s.label != "CLINENTITY"]
    assert sum(v is not None for v in values) > len(values) // 2


def test_e3c_clinical_entities_carry_their_cui():
    gold = load_corpus("e3c", SHARED_CORPORA)
    entities = [s for d in gold for s in d.spans if s.label == "CLINENTITY"]
    assert len(entities) > 400
    assert sum(bool(s.attr("cui")) for s in entities) > 0.9 * len(entities)  # a few were left without a CUI
