"""Helpers for the evaluation tests: fixture corpora and readers that stand in for the pipeline."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import casecourse.evaluation.predict as predict
from casecourse.evaluation.gold import GoldDoc
from casecourse.evaluation.mapping import load_mapping
from casecourse.evaluation.readers import load_corpus
from casecourse.model import Assertion, Mention

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def oracle_mentions(corpus: str, doc: GoldDoc, shift: int = 0) -> list[Mention]:
    """What a perfect reader would return for `doc` under the corpus mapping (spans moved by `shift`)."""
    mapping = load_mapping(corpus)
    out = []
    for row in mapping.rows:
        # a type the row takes whatever its attributes (Ada's finding row takes a condition only when negated)
        mtype = min((t for t in row.pred if all(c[0] != t for c in row.only_when)), default=min(row.pred))
        for g in doc.spans:
            if g.label not in row.gold:
                continue
            # the attributes the row asks of this type (Ada's modifier row takes a result only when normal)
            attrs: dict = {k: min(v) for t, k, v in row.only_when if t == mtype and k not in ("assertion", "zone")}
            if g.attr("hpo"):
                attrs["hpo"] = g.attr("hpo")
            if g.attr("value"):
                attrs["value"] = g.attr("value")
                attrs["timex_type"] = g.attr("timex_class")
            negated = g.attr("polarity") == "NEG"
            start, end = g.start + shift, g.end + shift
            out.append(Mention(type=mtype, start=start, end=end, text=doc.text[start:end], attrs=attrs,
                               assertion=Assertion.negated if negated else Assertion.present))
    return out


@pytest.fixture
def use_reader(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[str], list[Mention]]], None]:
    """Install a stand-in for `read_mentions`, run in-process."""
    monkeypatch.setenv("CASECOURSE_EVAL_WORKERS", "1")

    def install(fn: Callable[[str], list[Mention]]) -> None:
        monkeypatch.setattr(predict, "load_reader", lambda: fn)

    return install


def oracle_reader(corpus: str, shift: int = 0) -> Callable[[str], list[Mention]]:
    by_text = {d.text: oracle_mentions(corpus, d, shift) for d in load_corpus(corpus, FIXTURES)}
    return lambda text: by_text[text]
