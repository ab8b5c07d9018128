"""Quick scorer for `casecourse.reading.timex` on E3C English layer 1 (TIMEX3) and MACCROBAT 2020.

    .venv/bin/python benchmarks/e3c_timex_quick.py [--corpora /work/shared/corpora] [--errors N]

E3C: TIMEX3 span P/R/F1, strict (same offsets) and lenient (overlap, one-to-one), and value
accuracy on leniently matched spans whose gold value is usable (not empty / NO_VALUE). Values
compare after light normalisation: `2013-04-__` = `2013-04`; durations by amount (P1D = PT24H,
P6W = P42D, P1Y = P12M); a gold calendar value for a relative span ("Two days later") is compared
with our expression resolved (`resolve`) from the last calendar date found before it in the same
document, truncated to the gold precision. E3C's gold resolves many relative expressions against a
document time that is not in the text; those are reported separately ("needs DCT").
Patient ages are not TIMEX3 in E3C (only gestational ages are), so type `age` is left out there.

MACCROBAT: lenient and strict F1 per type, with our types mapped as Date <- date + time (minus
hour/minute-level offsets, THYME pre/post expressions and times without a stated amount or date
such as "at that time" or "shortly after", which MACCROBAT rarely marks), Time <- hour/minute-level
times, Duration <- duration (minus second-level measurements), Frequency <- frequency,
Age <- age (not gestational).
"""

from __future__ import annotations

import argparse
import glob
import re
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from casecourse.reading.timex import find_timexes, resolve

NS = {"cas": "http:///uima/cas.ecore", "custom": "http:///webanno/custom.ecore"}
_DUR = re.compile(r"^P(?:T)?(\d+(?:\.\d+)?)(Y|M|W|D|H|S)$")
_HAS_CAL = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b"
)


def _dur(v: str) -> tuple[str, float] | None:
    """Canonical (dimension, amount) of a duration value; months and days are kept apart."""
    m = _DUR.match(v.upper().replace("PT", "PT"))
    if not m:
        return None
    n, u = float(m.group(1)), m.group(2)
    is_t = v.upper().startswith("PT")
    if u == "M" and is_t:
        return "h", n / 60
    return {
        "Y": ("m", n * 12),
        "M": ("m", n),
        "W": ("h", n * 168),
        "D": ("h", n * 24),
        "H": ("h", n),
        "S": ("h", n / 3600),
    }[u]


def _norm_date(v: str) -> str:
    return re.sub(r"(?:-(?:__|XX|X))+$", "", v.strip().upper())


def read_e3c(root: Path) -> list[tuple[str, str, list[tuple[int, int, str, str | None]]]]:
    docs = []
    for f in sorted(glob.glob(str(root / "data_annotation/English/layer1/*.xml"))):
        t = etree.parse(f)
        text = t.find(".//cas:Sofa", NS).get("sofaString")
        gold = [
            (int(e.get("begin")), int(e.get("end")), e.get("timex3Class"), e.get("value"))
            for e in t.findall(".//custom:TIMEX3", NS)
        ]
        docs.append((Path(f).stem, text, gold))
    return docs


def read_maccrobat(root: Path) -> list[tuple[str, str, list[tuple[int, int, str, None]]]]:
    docs = []
    for f in sorted(glob.glob(str(root / "data/*.ann"))):
        text = Path(f[:-4] + ".txt").read_text(encoding="utf-8")
        gold = []
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            p = line.split("\t")
            if len(p) < 2 or not p[0].startswith("T"):
                continue
            typ, *rest = p[1].split(" ")
            if typ in ("Date", "Duration", "Time", "Frequency", "Age"):
                gold.append((int(rest[0]), int(rest[-1].split(";")[-1]), typ, None))
        docs.append((Path(f).stem, text, gold))
    return docs


def match(gold: list, pred: list) -> tuple[int, list[tuple[int, int]]]:
    """Strict count and a one-to-one lenient matching (gold index, pred index) by largest overlap."""
    strict = len({(g[0], g[1]) for g in gold} & {(p.start, p.end) for p in pred})
    pairs = sorted(
        (
            (min(g[1], p.end) - max(g[0], p.start), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if min(g[1], p.end) > max(g[0], p.start)
        ),
        reverse=True,
    )
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return strict, out


def prf(tp: int, n_gold: int, n_pred: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (gold {n_gold}, pred {n_pred}, match {tp})"


def _our_value(mention, mentions: list, text: str) -> str | None:
    """Our value, resolved from the last calendar date before it when the expression is relative."""
    a = mention.attrs
    if a.get("kind") != "relative" or a.get("dct_relative"):
        return mention.norm
    anchor = None
    for other in mentions:
        if other.start >= mention.start:
            break
        if (
            other.attrs.get("kind") == "absolute"
            and not str(other.norm or "").startswith("XXXX")
            and re.match(r"\d{4}(?:-\d\d){0,2}$", str(other.norm or ""))
        ):
            anchor = other.norm
    if anchor is None or a.get("rel_amount_min") is None:
        return None
    try:
        _, _, point, _ = resolve(mention, anchor)
    except ValueError:
        return None
    return point


def value_ok(gold_v: str, gold_text: str, m, mentions: list, text: str) -> tuple[bool, str]:
    """(correct, class) where class is duration / calendar / needs-dct."""
    gd = _dur(gold_v)
    if gd is not None:
        mine = [m.norm, m.attrs.get("duration")]
        return any(v and _dur(v) == gd for v in mine), "duration"
    g = _norm_date(gold_v)
    if not re.match(r"\d{3,4}", g):
        return (m.norm or "").upper() == g, "other"
    if _HAS_CAL.search(gold_text) or m.attrs.get("kind") == "absolute":
        return _norm_date(m.norm or "") == g, "calendar"
    ours = _our_value(m, mentions, text)
    return (ours is not None and ours[: len(g)] == g), "needs-dct"


def score_e3c(root: Path, test_ids: set[str] | None, errors: int) -> None:
    docs = read_e3c(root)
    if test_ids is not None:
        docs = [d for d in docs if d[0] in test_ids]
    n_gold = n_pred = strict = lenient = 0
    val = Counter()
    misses, fps, bad = [], [], []
    for _, text, gold in docs:
        pred = [m for m in find_timexes(text) if m.type != "age" or m.attrs.get("gestational")]
        s, pairs = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        strict += s
        lenient += len(pairs)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        misses += [
            (text[max(0, g[0] - 30) : g[0]], text[g[0] : g[1]], g[2])
            for i, g in enumerate(gold)
            if i not in mg
        ]
        fps += [
            (text[max(0, p.start - 30) : p.start], p.text, p.type) for i, p in enumerate(pred) if i not in mp
        ]
        for gi, pi in pairs:
            gv = gold[gi][3]
            if not gv or gv in ("NO_VALUE", "None"):
                continue
            ok, cls = value_ok(gv, text[gold[gi][0] : gold[gi][1]], pred[pi], pred, text)
            val[cls, ok] += 1
            if not ok:
                bad.append((cls, text[gold[gi][0] : gold[gi][1]], gv, pred[pi].text, pred[pi].norm))
    tot = sum(val.values())
    ok = sum(v for (c, k), v in val.items() if k)
    det = sum(v for (c, k), v in val.items() if c != "needs-dct")
    ok_det = sum(v for (c, k), v in val.items() if k and c != "needs-dct")
    label = "test split" if test_ids is not None else "all 84 docs"
    print(f"E3C layer 1 TIMEX3, {label}: {len(docs)} docs")
    print("  strict  ", prf(strict, n_gold, n_pred))
    print("  lenient ", prf(lenient, n_gold, n_pred))
    print(f"  value accuracy, all matched with a gold value: {ok}/{tot} = {ok / max(tot, 1):.3f}")
    print(
        f"  value accuracy, text-determinable (duration/set/calendar): {ok_det}/{det}"
        f" = {ok_det / max(det, 1):.3f}"
    )
    for cls in ("duration", "calendar", "needs-dct", "other"):
        a, b = val[cls, True], val[cls, True] + val[cls, False]
        print(f"    {cls:10} {a}/{b}")
    if errors:
        for title, rows in (("missed", misses), ("false positive", fps), ("wrong value", bad)):
            print(f"  -- {title} ({len(rows)})")
            for row in rows[:errors]:
                print("    ", row)


_MAC_TIME_UNITS = {"hour", "minute", "second"}


def mac_type(m) -> str | None:
    a = m.attrs
    if m.type == "duration":
        return None if a.get("value", "").endswith("S") else "Duration"  # seconds: measurements
    if m.type == "frequency":
        return "Frequency"
    if m.type == "age":
        return None if a.get("gestational") else "Age"
    if m.type == "date":
        return "Date"
    if a.get("timex_type") == "PREPOSTEXP" or m.norm is None:
        return None  # MACCROBAT marks times with a stated amount or date, not "at that time", "shortly after"
    return "Time" if a.get("rel_unit") in _MAC_TIME_UNITS else "Date"


def score_maccrobat(root: Path, errors: int) -> None:
    docs = read_maccrobat(root)
    stats = Counter()
    misses: dict[str, list] = {}
    fps: dict[str, list] = {}
    for _, text, gold in docs:
        pred = [m for m in find_timexes(text) if mac_type(m)]
        for typ in ("Date", "Duration", "Time", "Frequency", "Age"):
            g = [x for x in gold if x[2] == typ]
            p = [m for m in pred if mac_type(m) == typ]
            s, pairs = match(g, p)
            stats[typ, "gold"] += len(g)
            stats[typ, "pred"] += len(p)
            stats[typ, "strict"] += s
            stats[typ, "lenient"] += len(pairs)
            mg, mp = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
            misses.setdefault(typ, []).extend(
                (text[max(0, x[0] - 30) : x[0]], text[x[0] : x[1]]) for i, x in enumerate(g) if i not in mg
            )
            fps.setdefault(typ, []).extend(
                (text[max(0, x.start - 30) : x.start], x.text) for i, x in enumerate(p) if i not in mp
            )
    print(f"MACCROBAT 2020: {len(docs)} docs")
    for typ in ("Date", "Duration", "Time", "Frequency", "Age"):
        g, p = stats[typ, "gold"], stats[typ, "pred"]
        print(f"  {typ:9} lenient {prf(stats[typ, 'lenient'], g, p)}")
        print(f"  {'':9} strict  {prf(stats[typ, 'strict'], g, p)}")
    if errors:
        for typ in ("Date", "Duration"):
            print(f"  -- {typ} missed ({len(misses[typ])})")
            for row in misses[typ][:errors]:
                print("    ", row)
            print(f"  -- {typ} false positive ({len(fps[typ])})")
            for row in fps[typ][:errors]:
                print("    ", row)


def _test_ids(root: Path) -> set[str] | None:
    path = root / "documentation/train_test_split.txt"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    block = text.split("ENGLISH", 1)[1].split("\n\n", 2)[0] if "ENGLISH" in text else ""
    train = set(re.findall(r"EN\d+", block))
    ids = {Path(f).stem for f in glob.glob(str(root / "data_annotation/English/layer1/*.xml"))}
    return ids - train


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    args = ap.parse_args()
    e3c, mac = args.corpora / "e3c_en", args.corpora / "maccrobat2020"
    if not e3c.is_dir() and not mac.is_dir():
        print(f"no corpora under {args.corpora}; nothing to score", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    if e3c.is_dir():
        score_e3c(e3c, None, args.errors)
        score_e3c(e3c, _test_ids(e3c), 0)
    if mac.is_dir():
        score_maccrobat(mac, args.errors)
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
