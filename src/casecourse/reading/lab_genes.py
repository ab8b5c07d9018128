"""Genetic tests read as qualitative lab results: "JAK2 V617F mutation was negative", "negative for the
CALR mutation", "the DNA assay for the loci of the gene HFE showed no mutations" -> one `lab_value` mention per
test, named by the gene ("HFE gene mutations"), NEG or POS. A variant found in the patient ("a homozygous JAK2
mutation") stays the finding reading/diseases.py reads; only a result word or a test that found none makes a result.
"""
from __future__ import annotations

import re

from casecourse.model import Mention
from casecourse.reading.rx_first import anchored
from casecourse.reading.rx_keys import starting_with

# a gene symbol (upper case, maybe with digits), not a molecule or method written in capitals
_GENE = r"(?!(?:DNA|RNA|PCR|NGS|FISH)\b)[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,3})?"
_CHANGE = r"(?:[A-Z]\d{2,4}[A-Z]|p\.[A-Za-z0-9*>_+-]+|c\.[A-Za-z0-9*>_+-]+)"
_NOUN = r"(?:mutations?|variants?)"
# "JAK2 V617F mutation was negative", "HFE gene mutations were not detected"
_SUBJECT = anchored(rf"(?<![\w.-])(?P<name>(?P<gene>{_GENE})(?:\s+gene)?(?:\s+{_CHANGE})?\s+{_NOUN})"
                    rf"(?:\s+(?:testing|analysis|screen(?:ing)?|status))?\s+(?:was|were|is|are|came back|returned)\s+"
                    rf"(?:(?:also|again|both)\s+)?(?P<res>negative|positive|not detected|detected|absent)\b")
# "negative for the JAK2 mutation", "tested positive for a BRCA1 mutation"
_FOR = anchored(rf"\b(?P<res>negative|positive)\s+for\s+(?:the\s+|an?\s+|any\s+)?"
                rf"(?P<name>(?P<gene>{_GENE})(?:\s+gene)?(?:\s+{_CHANGE})?\s+{_NOUN})")
# "testing of the HFE gene showed no mutations", "the assay for ... of the gene HFE revealed no pathogenic variant"
# behind a lookahead of the first two letters of its first words (their classes, case-folded): `re` tries the rest
# only there (`rx_first.anchored` does this for a pattern without inline flags)
_FOUND_NONE = re.compile(
    rf"(?=(?i:[agst][cens]))\b(?i:assays?|test(?:s|ing)?|analys[ie]s|sequencing|screening|genotyping)\b[^.;]{{0,80}}?"
    rf"(?:\bgene\s+(?P<gene>{_GENE})|(?P<gene2>{_GENE})\s+gene)\b[^.;]{{0,40}}?"
    rf"\b(?:showed|revealed|found|detected|identified|demonstrated)\s+no\s+(?:(?:pathogenic|disease-causing|known|"
    rf"significant)\s+)?(?P<noun>{_NOUN})")

_TEST_WORDS = ("assay", "test", "analys", "sequencing", "screening", "genotyping")  # how every _FOUND_NONE begins


def find(text: str) -> list[Mention]:
    if "utation" not in text and "ariant" not in text:
        return []
    out: list[Mention] = []
    # (every match of _FOR begins with its result word: that pattern is tried only where one begins, rx_keys)
    for found in (_SUBJECT.finditer(text), starting_with(_FOR, text, ("negative", "positive"))):
        for m in found:
            res = m.group("res")
            interp = "NEG" if res in ("negative", "not detected", "absent") else "POS"
            out.append(_result(text, m.start("res"), m.end("res"), " ".join(m.group("name").split()),
                               m.start("name"), m.end("name"), interp))
    # every match holds "gene" (case-sensitive) and begins with a test's word (any case): tried only where one begins
    for m in starting_with(_FOUND_NONE, text, _TEST_WORDS, lower=True) if "gene" in text else ():
        gene = m.group("gene") or m.group("gene2")
        s, e = m.start("noun") - 3, m.end("noun")  # "no mutations"
        g = m.start("gene") if m.group("gene") else m.start("gene2")
        out.append(_result(text, s, e, f"{gene} gene {m.group('noun')}", g, g + len(gene), "NEG"))
    return out


def _result(text: str, s: int, e: int, test: str, item_start: int, item_end: int, interp: str) -> Mention:
    return Mention(type="lab_value", start=s, end=e, text=text[s:e], norm=test,
                   attrs={"test": test, "test_text": test, "interpretation": interp, "loinc": None, "workup": True,
                          "item_start": item_start, "item_end": item_end})
