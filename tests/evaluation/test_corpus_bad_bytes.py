"""A corpus file that is not UTF-8 is a CorpusError naming it, not a UnicodeDecodeError traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.readers.brat import read_brat_doc
from casecourse.evaluation.readers.gsc import parse_gsc


def test_gsc_file_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "gold.tsv"
    f.write_bytes(b"123\nFever and \xff rash.\n")
    with pytest.raises(CorpusError, match=r"gold\.tsv: not UTF-8 text"):
        parse_gsc(f)


def test_brat_annotation_not_utf8(tmp_path: Path) -> None:
    txt = tmp_path / "d.txt"
    txt.write_text("Fever.")
    txt.with_suffix(".ann").write_bytes(b"T1\tSign_symptom 0 5\tFev\xe9r\n")
    with pytest.raises(CorpusError, match=r"d\.ann: not UTF-8 text"):
        read_brat_doc(txt)
