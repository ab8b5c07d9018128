"""The Ada Health case-report corpus as BioC JSON (`CaseReportCorpus.bioc.json`).

Read with the standard `json` module: the `bioc` package's JSON decoder rejects this conversion
(its sentences carry no `offset`, and `locations` is one object rather than a list). Each document
has one passage; annotation offsets are passage-relative after subtracting the passage offset.
A `modifies` relation (modifier → finding) is recorded on the finding as attribute `modifier`.

Annotations of one type at the same location are one gold span. The release holds such copies (949 of
its 3,248 findings, 39 conditions, 10 factors): a fragment several discontinuous findings share ("swelling
... [left sternoclavicular joint area]", "tenderness ... [left sternoclavicular joint area]") is stored once
per finding, and the release lacks the paper's `discontinuous` relation that would join the fragments. A
span-level score counts a span once (the paper's baselines tag tokens with BIO labels, which cannot hold a
span twice), so one prediction cannot match the copies and each copy was an unmatchable miss.
"""
from __future__ import annotations

import json
from pathlib import Path

from casecourse.evaluation.gold import CorpusError, GoldDoc, GoldSpan, read_utf8

FILE = "CaseReportCorpus.bioc.json"


def _locations(ann: dict) -> list[tuple[int, int]]:
    locs = ann["locations"]
    if isinstance(locs, dict):
        locs = [locs]
    return [(int(loc["offset"]), int(loc["length"])) for loc in locs]


def _read_passage(doc_id: str, passage: dict) -> GoldDoc:
    text = passage["text"]
    base = int(passage.get("offset", 0))
    by_id: dict[str, tuple[str, int, int]] = {}
    for ann in passage.get("annotations", []):
        label = ann["infons"]["entityType"]
        locs = _locations(ann)
        start = min(o for o, _ in locs) - base
        end = max(o + n for o, n in locs) - base
        by_id[ann["id"]] = (label, start, end)
    modified: dict[str, str] = {}
    for rel in passage.get("relations", []):
        if rel.get("infons", {}).get("type") != "modifies":
            continue
        roles = {node["role"]: node["refid"] for node in rel["nodes"]}
        gov, dep = roles.get("Governor"), roles.get("Dependent")
        if gov in by_id and dep in by_id:
            _, s, e = by_id[gov]
            modified[dep] = text[s:e].strip()
    first: dict[tuple[str, int, int], str] = {}  # (label, start, end) -> the id of its first annotation
    for i, key in by_id.items():
        if key not in first or i in modified and first[key] not in modified:
            first[key] = i  # a copy carrying a modifier speaks for the span
    spans = [GoldSpan(label, s, e, text[s:e], (("modifier", modified[i]),) if i in modified else ())
             for (label, s, e), i in first.items()]
    spans.sort(key=lambda g: (g.start, g.end, g.label))
    return GoldDoc(id=doc_id, text=text, spans=spans)


def read_ada(root: Path) -> list[GoldDoc]:
    """All 53 documents (the corpus defines no split; the paper used 5-fold cross-validation)."""
    path = root / FILE
    if not path.is_file():
        raise CorpusError(f"{path}: file not found")
    try:
        data = json.loads(read_utf8(path))
        docs = [_read_passage(str(d["id"]), d["passages"][0]) for d in data["documents"]]
    except (KeyError, IndexError, TypeError, ValueError) as e:
        raise CorpusError(f"{path}: not the expected BioC JSON layout ({e!r})") from e
    return docs
