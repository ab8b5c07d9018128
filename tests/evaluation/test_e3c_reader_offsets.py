"""E3C XMI: an annotation with bad offsets is a clear error naming the file, the element and its id."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lxml")

from casecourse.evaluation.gold import CorpusError  # noqa: E402
from casecourse.evaluation.readers.e3c import read_xmi  # noqa: E402

_XMI = ('<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" '
        'xmlns:cas="http:///uima/cas.ecore" xmlns:custom="http:///webanno/custom.ecore">'
        '<cas:Sofa xmi:id="1" sofaString="Fever for two days."/>{el}</xmi:XMI>')


def test_bad_offsets_name_the_element(tmp_path: Path) -> None:
    path = tmp_path / "EN1.xml"
    path.write_text(_XMI.format(el='<custom:CLINENTITY xmi:id="5" begin="0" end="x"/>'), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"EN1\.xml: CLINENTITY xmi:id=5 has bad offsets"):
        read_xmi(path)


def test_a_clinical_entity_keeps_its_cui_and_not_the_discontinuous_flag(tmp_path: Path) -> None:
    path = tmp_path / "EN2.xml"
    path.write_text(_XMI.format(el='<custom:CLINENTITY xmi:id="5" begin="0" end="5" discontinuous="DISCONTINUOUS"/>'
                                   '<custom:CLINENTITY xmi:id="6" begin="0" end="5" discontinuous="C0015967"/>'),
                    encoding="utf-8")
    cuis = [s.attr("cui") for s in read_xmi(path).spans]
    assert cuis == ["", "C0015967"]
