"""Quick scorer: `find_labs` lab_value spans against MACCROBAT2020 `Lab_value` annotations.

Usage: python benchmarks/maccrobat_labs_quick.py [DATA_DIR] [--show N]
Strict = exact span; lenient = any character overlap. P counts predicted spans (deduplicated), R
gold spans. A discontinuous gold span is scored by its outer extent. Prints ms/doc too.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from casecourse.reading.labs import find_labs

DEFAULT = Path(__file__).resolve().parents[2] / "shared/corpora/maccrobat2020/data"


def gold_spans(ann: Path, label: str = "Lab_value") -> set[tuple[int, int]]:
    spans = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, *_ = line.split("\t")
        kind, _, offsets = info.partition(" ")
        if kind != label:
            continue
        nums = [int(x) for part in offsets.split(";") for x in part.split()]
        spans.add((min(nums), max(nums)))
    return spans


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--types", default="lab_value",
                    help="comma-separated mention types scored as Lab_value (e.g. lab_value,test_result)")
    ap.add_argument("--no-compound", action="store_true",
                    help="leave out single-word findings (anaemia...) that MACCROBAT types as signs/diseases")
    ap.add_argument("--show", type=int, default=0, help="print N random false positives/negatives")
    args = ap.parse_args()
    types = set(args.types.split(","))
    files = sorted(Path(args.data).glob("*.ann"))
    if not files:
        raise SystemExit(f"no .ann files under {args.data}")
    n_pred = n_gold = strict = len_p = len_g = 0
    fps: list[str] = []
    fns: list[str] = []
    elapsed = 0.0
    for ann in files:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        t0 = time.perf_counter()
        mentions = find_labs(text)
        elapsed += time.perf_counter() - t0
        pred = {(m.start, m.end) for m in mentions if m.type in types
                and not (args.no_compound and m.attrs.get("rule") == "compound")}
        gold = gold_spans(ann)
        n_pred += len(pred)
        n_gold += len(gold)
        strict += len(pred & gold)
        for s, e in pred:
            if any(s < ge and gs < e for gs, ge in gold):
                len_p += 1
            else:
                fps.append(f"{ann.stem}: ...{text[max(0, s - 40):s]}[{text[s:e]}]{text[e:e + 30]}...")
        for s, e in gold:
            if any(s < pe and ps < e for ps, pe in pred):
                len_g += 1
            else:
                fns.append(f"{ann.stem}: ...{text[max(0, s - 40):s]}[{text[s:e]}]{text[e:e + 30]}...")
    sp, sr, sf = _prf(strict, n_pred, strict, n_gold)
    lp, lr, lf = _prf(len_p, n_pred, len_g, n_gold)
    print(f"docs {len(files)}  gold {n_gold}  pred {n_pred}")
    print(f"strict  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"lenient P {lp:.3f}  R {lr:.3f}  F1 {lf:.3f}")
    print(f"{1000 * elapsed / len(files):.2f} ms/doc (find_labs only, first call includes table loading)")
    if args.show:
        rng = random.Random(0)
        for title, items in (("FALSE POSITIVES", fps), ("FALSE NEGATIVES", fns)):
            print(f"\n{title} ({len(items)})")
            for line in rng.sample(items, min(args.show, len(items))):
                print(" ", line.replace("\n", " "))


if __name__ == "__main__":
    main()
