"""T2S2: real case-report bodies with a SILVER timeline per text, written by an LLM (Llama-3.3-70B).

Layout (`../shared/corpora/t2s2/SOURCE.md`): `body/PMC<id>_body.txt` and `l33_70b_annotations/PMC<id>_body.bsv`,
one line per event, `event text | hours relative to admission` (negative = before admission). The timelines are
machine output, not a reference: they are used to compare ordering and coverage, never to call a reading right.

A line is read only when it is exactly `text | number` (a few files glue two lines together or write arithmetic,
"32*24", or words, "-120 months", as the time): such lines are skipped and counted, never repaired.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from casecourse.evaluation.gold import CorpusError
from casecourse.ingest.text import InputError, decode

SAMPLE = 400  # the default fixed sample: the first 400 ids of the id-sorted list
_LINE = re.compile(r"^([^|]+?)\s*\|\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class SilverEvent:
    text: str
    hours: float
    line: int  # 0-based position among the file's readable lines (the model wrote them roughly in text order)


@dataclass
class SilverDoc:
    id: str
    text: str
    events: list[SilverEvent] = field(default_factory=list)
    skipped_lines: int = 0


def parse_bsv(raw: str) -> tuple[list[SilverEvent], int]:
    """The readable `text | hours` lines of one timeline, and how many non-empty lines were skipped."""
    events: list[SilverEvent] = []
    skipped = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        m = _LINE.match(line.strip())
        if m is None:
            skipped += 1
            continue
        events.append(SilverEvent(text=m.group(1).strip(), hours=float(m.group(2)), line=len(events)))
    return events, skipped


def _text(data: bytes, name: str) -> str:
    """Decoded as `casecourse analyze` decodes a file (UTF-8, else Latin-1); undecodable bytes replaced."""
    try:
        return decode(data, name)[0]
    except InputError:
        return data.decode("utf-8", errors="replace")


def t2s2_ids(root: Path) -> list[str]:
    """Ids (`PMC<id>`) with both a body and a timeline, sorted."""
    body, ann = root / "body", root / "l33_70b_annotations"
    if not body.is_dir() or not ann.is_dir():
        raise CorpusError(f"{root}: expected folders body/ and l33_70b_annotations/")
    bodies = {p.name[: -len("_body.txt")] for p in body.glob("*_body.txt")}
    timelines = {p.name[: -len("_body.bsv")] for p in ann.glob("*_body.bsv")}
    return sorted(bodies & timelines)


def read_t2s2(root: Path, split: str | None = None) -> list[SilverDoc]:
    """The fixed sample (first `SAMPLE` sorted ids) or, with `split="all"`, every document."""
    ids = t2s2_ids(root)
    if split not in (None, "sample", "all"):
        raise CorpusError(f"--split {split!r}: t2s2 has no published split (use all, or nothing for the sample)")
    if split != "all":
        ids = ids[:SAMPLE]
    docs = []
    for doc_id in ids:
        text = _text((root / "body" / f"{doc_id}_body.txt").read_bytes(), doc_id)
        events, skipped = parse_bsv((root / "l33_70b_annotations" / f"{doc_id}_body.bsv")
                                    .read_text(encoding="utf-8", errors="replace"))
        docs.append(SilverDoc(id=doc_id, text=text, events=events, skipped_lines=skipped))
    return docs
