"""Quick GSC+ score of the phenotype matcher (for tuning; `casecourse evaluate` is the official run).

Mention level: a predicted HPO mention is a true positive when a gold mention has the same HPO id
(after alt-id redirection) and the same span (strict) or an overlapping span (lenient); recall
counts gold mentions matched the same way. Conditions that carry an `hpo` attr count as HPO
mentions. Also times the matcher on t2s2 case-report bodies when `--speed DIR` is given.

    PYTHONPATH=src .venv/bin/python benchmarks/gscplus_quick.py [--nested] [--errors 30]
"""
from __future__ import annotations

import argparse
import collections
import statistics
import sys
import time
from pathlib import Path

from casecourse.reading.lexicon_index import obo_path
from casecourse.reading.lexicon_obo import read_obo, redirects
from casecourse.reading.phenotypes import find_phenotypes

GOLD = Path("/work/shared/corpora/hpo_gscplus/GSC/GSCplus_test_gold.tsv")


def read_gold(path: Path) -> list[tuple[str, str, list[tuple[int, int, str, str]]]]:
    docs = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.split("\n")
        anns = [(int(a), int(b), m, h) for a, b, m, h in (ln.split("\t") for ln in lines[2:])]
        docs.append((lines[0], lines[1], anns))
    return docs


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p, r = tp_p / max(n_p, 1), tp_g / max(n_g, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--nested", action="store_true", help="also emit matches nested in longer ones")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent FP and FN")
    ap.add_argument("--speed", type=Path, help="directory of .txt case reports to time")
    a = ap.parse_args()
    if not a.gold.exists():
        print(f"gold file {a.gold} not found", file=sys.stderr)
        return 2
    redirect = redirects(read_obo(obo_path()))
    t0 = time.perf_counter()
    find_phenotypes("warm up")
    print(f"index load {time.perf_counter() - t0:.2f} s")
    n = {"pred": 0, "gold": 0, "sp": 0, "sg": 0, "lp": 0, "lg": 0}
    fp: collections.Counter = collections.Counter()
    fn: collections.Counter = collections.Counter()
    for _pmid, text, anns in read_gold(a.gold):
        gold = [(s, e, m, redirect.get(h, h)) for s, e, m, h in anns]
        pred = [(m.start, m.end, m.text, str(m.attrs["hpo"]))
                for m in find_phenotypes(text, nested=a.nested) if m.attrs.get("hpo")]
        pred = sorted(set(pred))
        n["pred"] += len(pred)
        n["gold"] += len(gold)
        for p in pred:
            n["sp"] += any(g[:2] == p[:2] and g[3] == p[3] for g in gold)
            ok = any(g[0] < p[1] and p[0] < g[1] and g[3] == p[3] for g in gold)
            n["lp"] += ok
            if not ok:
                fp[(p[2].lower(), p[3])] += 1
        for g in gold:
            n["sg"] += any(g[:2] == p[:2] and g[3] == p[3] for p in pred)
            ok = any(g[0] < p[1] and p[0] < g[1] and g[3] == p[3] for p in pred)
            n["lg"] += ok
            if not ok:
                fn[(g[2].lower(), g[3])] += 1
    print(f"gold {n['gold']} predicted {n['pred']} nested={a.nested}")
    for name, tp_p, tp_g in (("strict", n["sp"], n["sg"]), ("lenient", n["lp"], n["lg"])):
        p, r, f = prf(tp_p, n["pred"], tp_g, n["gold"])
        print(f"{name:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if a.errors:
        print("top FP:", fp.most_common(a.errors))
        print("top FN:", fn.most_common(a.errors))
    if a.speed:
        files = sorted(a.speed.glob("*.txt"))[:200]
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
        words = sum(len(t.split()) for t in texts)
        for label in ("cold word cache", "warm"):
            t = time.perf_counter()
            for text in texts:
                find_phenotypes(text)
            el = time.perf_counter() - t
            median = statistics.median(len(x.split()) for x in texts)
            print(f"speed ({label}): {len(texts)} docs, median {median} words, "
                  f"{el / len(texts) * 1000:.2f} ms/doc, {el / words * 1600 * 1000:.2f} ms per 1,600 words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
