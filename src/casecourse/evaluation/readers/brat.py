"""MACCROBAT2020 in brat standoff: `data/<id>.txt` with `data/<id>.ann`.

Lines used: `T` (text-bound: `T1<TAB>Label 10 20;25 30<TAB>text`), `E` (event: `E1<TAB>Label:T1`)
and `A` (attribute: `A1<TAB>POLARITY E1 NEG`). Attributes point at events or text-bound ids; both
are resolved to the text-bound span. Relations (`R`, `*`) are not needed for span scoring.
"""
from __future__ import annotations

from pathlib import Path

from casecourse.evaluation.gold import CorpusError, GoldDoc, GoldSpan, read_utf8


def read_brat_doc(txt: Path) -> GoldDoc:
    ann = txt.with_suffix(".ann")
    if not ann.is_file():
        raise CorpusError(f"{ann}: missing annotation file for {txt.name}")
    text = read_utf8(txt)
    spans: dict[str, tuple[str, int, int, str]] = {}
    events: dict[str, str] = {}
    attrs: dict[str, dict[str, str]] = {}
    for n, line in enumerate(read_utf8(ann).splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            kind = fields[0][0]
            if kind == "T":
                label, _, locs = fields[1].partition(" ")
                pieces = [tuple(int(x) for x in p.split()) for p in locs.split(";")]
                start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
                spans[fields[0]] = (label, start, end, text[start:end])
            elif kind == "E":
                trigger = fields[1].split()[0].partition(":")[2]
                events[fields[0]] = trigger
            elif kind in "AM":
                name, target, *value = fields[1].split()
                attrs.setdefault(target, {})[name.lower()] = value[0] if value else "true"
        except (IndexError, ValueError) as e:
            raise CorpusError(f"{ann}:{n}: cannot parse brat line {line!r} ({e})") from e
    merged: dict[str, dict[str, str]] = {}
    for target, values in attrs.items():
        tid = events.get(target, target)
        merged.setdefault(tid, {}).update(values)
    gold = [GoldSpan(label, s, e, t, tuple(sorted(merged.get(tid, {}).items())))
            for tid, (label, s, e, t) in spans.items()]
    gold.sort(key=lambda g: (g.start, g.end, g.label))
    return GoldDoc(id=txt.stem, text=text, spans=gold)


def read_maccrobat(root: Path) -> list[GoldDoc]:
    """All documents of `root/data` (the corpus defines no split: all 200 are scored)."""
    data = root / "data"
    txts = sorted(data.glob("*.txt"))
    if not txts:
        raise CorpusError(f"{data}: no brat .txt files found")
    return [read_brat_doc(t) for t in txts]
