"""Drugs listed under a heading of the medications at discharge ("Discharge Medications:", "Medications on
discharge"): the patient leaves hospital taking them, so each such drug's course is active at the end of the stay
unless the story has stopped or completed it (`knowledge/discharge_medication_headings.csv`)."""
from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from casecourse.model import Exposure, Mention
from casecourse.reading.zoning import Zone

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")


@cache
def _headings() -> frozenset[str]:
    with resources.files("casecourse.knowledge").joinpath("discharge_medication_headings.csv").open(
            encoding="utf-8") as f:
        return frozenset(r["heading"] for r in csv.DictReader(line for line in f if not line.startswith("#")))


def _sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each part of the text under a discharge-medication heading, to the next heading."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for z in zones:
        if z.zone != "title":
            continue
        if start is not None:
            out.append((start, z.start))
            start = None
        if _NUMBERING.sub("", text[z.start:z.end].strip()).rstrip(":. ").lower() in _headings():
            start = z.end
    if start is not None:
        out.append((start, len(text)))
    return out


def mark_discharge_medications(text: str, zones: list[Zone], mentions: list[Mention],
                               exposures: list[Exposure]) -> None:
    """Set `active` on the last course of each drug a discharge list names, where the story left its status
    unknown."""
    sections = _sections(text, zones)
    if not sections:
        return
    listed = {m.norm for m in mentions if m.type == "drug" and m.norm and m.assertion.value == "present"
              and any(lo <= m.start < hi for lo, hi in sections)}
    last: dict[str, Exposure] = {}
    for e in exposures:
        if e.status != "not-taken":
            last[e.drug] = e
    for name in sorted(listed):
        e = last.get(name)
        if e is not None and e.status == "unknown":
            e.status = "active"
