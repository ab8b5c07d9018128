"""Cohort matching follows the ICD-10 hierarchy: a condition named in words matches the documents coded under its
branch (SLE, M32.9 -> M32: lupus nephritis M32.14 is SLE), a specific code only its own subcodes (HLH, D76.1, is not
Rosai-Dorfman, D76.3), and code queries still match by prefix."""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import GOOD, NEPHRITIS, ROSAI
from rich.console import Console

from casecourse.corpus.build import build
from casecourse.corpus.cohort import cohort
from casecourse.corpus.match import icd10_branch


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("icd")
    for name, text in {"a_remission.txt": GOOD["a_remission.txt"], "n_nephritis.txt": NEPHRITIS,
                       "r_rosai.txt": ROSAI, "d_other.txt": GOOD["d_other.txt"]}.items():
        (root / name).write_text(text)
    build([root], root / "store", console=Console(stderr=True, quiet=True))
    return root / "store"


def _names(r: dict) -> set[str]:
    return {p["name"] for p in r["patients"]}


def test_branch_of_a_code() -> None:
    assert (icd10_branch("M32.9"), icd10_branch("m32.14"), icd10_branch("D76.1"), icd10_branch("M32")) == \
        ("M32", "M32.14", "D76.1", "M32")


def test_named_condition_matches_its_icd10_branch(store: Path) -> None:
    sle = cohort(store, ["systemic lupus erythematosus"], "anakinra")
    assert _names(sle) == {"a_remission.txt", "n_nephritis.txt", "r_rosai.txt"}
    assert any("M32 and its subcodes" in m for m in sle["matched_by"]), sle["matched_by"]
    neph = next(p for p in sle["patients"] if p["name"] == "n_nephritis.txt")
    assert neph["conditions"] == ["lupus nephritis"]  # the patient's row says which condition matched
    # the abbreviation resolves through the synonym table to the same branch
    assert _names(cohort(store, ["SLE"], "anakinra")) == _names(sle)
    # a specific code is not widened to its category: HLH (D76.1) is not Rosai-Dorfman (D76.3)
    hlh = cohort(store, ["SLE", "HLH"], "anakinra")
    assert _names(hlh) == {"a_remission.txt", "n_nephritis.txt"}
    assert any("D76.1 and its subcodes" in m for m in hlh["matched_by"])
    # a more specific name stays specific: lupus nephritis is M32.14 and its subcodes, not all of M32
    assert _names(cohort(store, ["lupus nephritis"], "anakinra")) == {"n_nephritis.txt"}


def test_code_queries_keep_matching_by_prefix(store: Path) -> None:
    assert _names(cohort(store, ["M32"], "anakinra")) == {"a_remission.txt", "n_nephritis.txt", "r_rosai.txt"}
    assert _names(cohort(store, ["M32.14"], "anakinra")) == {"n_nephritis.txt"}
    assert _names(cohort(store, ["D76"], "anakinra")) == {"a_remission.txt", "n_nephritis.txt", "r_rosai.txt"}
    assert _names(cohort(store, ["D76.3"], "anakinra")) == {"r_rosai.txt"}
