"""GSC+ (HPO phenotype gold, as shipped by PhenoTagger): one block per abstract.

A block is the PMID line, the text line, then `start<TAB>end<TAB>mention<TAB>HP:id` lines; blocks
are separated by blank lines. Offsets index the text line. The test file is the default split.
"""
from __future__ import annotations

import re
from pathlib import Path

from casecourse.evaluation.gold import CorpusError, GoldDoc, GoldSpan, read_utf8

FILES = {"test": "GSC/GSCplus_test_gold.tsv", "dev": "GSC/GSCplus_dev_gold.tsv"}


def parse_gsc(path: Path) -> list[GoldDoc]:
    if not path.is_file():
        raise CorpusError(f"{path}: file not found")
    raw = read_utf8(path).replace("\r\n", "\n")
    docs = []
    for block in re.split(r"\n[ \t]*\n", raw):
        lines = block.strip("\n").split("\n")
        if not lines or not lines[0].strip():
            continue
        if len(lines) < 2:
            raise CorpusError(f"{path}: block {lines[0]!r} has no text line")
        pmid, text = lines[0].strip(), lines[1]
        spans = []
        for line in lines[2:]:
            parts = line.split("\t")
            if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
                raise CorpusError(f"{path}: PMID {pmid}: bad annotation line {line!r}")
            start, end = int(parts[0]), int(parts[1])
            if text[start:end] != parts[2]:
                raise CorpusError(f"{path}: PMID {pmid}: offsets {start}-{end} do not give {parts[2]!r}")
            spans.append(GoldSpan("phenotype", start, end, parts[2], (("hpo", parts[3].strip()),)))
        spans.sort(key=lambda g: (g.start, g.end, g.attr("hpo") or ""))
        docs.append(GoldDoc(id=pmid, text=text, spans=spans))
    if not docs:
        raise CorpusError(f"{path}: no abstracts found")
    return docs


def read_gscplus(root: Path, split: str = "test") -> list[GoldDoc]:
    """The 206 test abstracts by default; `split="dev"` gives the 22 development abstracts."""
    if split not in FILES:
        raise CorpusError(f"{root}: unknown GSC+ split {split!r}")
    return parse_gsc(root / FILES[split])
