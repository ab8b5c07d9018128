"""Span matching and precision/recall/F1.

Matching is one-to-one. Strict pairs need the same `[start, end)` (and the same key, e.g. an HPO
id, when the row has one). Lenient pairs need overlapping spans and the same key; exact pairs are
taken first, then the remaining overlapping pairs greedily by largest overlap, ties broken by
position, so the result is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass

Item = tuple[int, int, str | None]  # start, end, key (e.g. an HPO id)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    def prf(self) -> dict[str, float | int]:
        """Precision, recall and F1; each is 0.0 when its denominator is 0 (nothing to credit)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _overlap(a: Item, b: Item) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def match_strict(gold: list[Item], pred: list[Item]) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index) with identical span and key."""
    free: dict[Item, list[int]] = {}
    for j, p in enumerate(pred):
        free.setdefault(p, []).append(j)
    pairs = []
    for i, g in enumerate(gold):
        if free.get(g):
            pairs.append((i, free[g].pop(0)))
    return pairs


def match_lenient(gold: list[Item], pred: list[Item]) -> list[tuple[int, int]]:
    """Pairs (gold index, pred index) whose spans overlap by at least one character, same key."""
    pairs = match_strict(gold, pred)
    used_g = {i for i, _ in pairs}
    used_p = {j for _, j in pairs}
    candidates = []
    for i, g in enumerate(gold):
        if i in used_g:
            continue
        for j, p in enumerate(pred):
            if j not in used_p and g[2] == p[2] and _overlap(g, p) > 0:
                candidates.append((-_overlap(g, p), i, j))
    for _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def counts_for(n_gold: int, n_pred: int, pairs: list[tuple[int, int]]) -> Counts:
    return Counts(tp=len(pairs), fp=n_pred - len(pairs), fn=n_gold - len(pairs))


def set_counts(gold: set[str], pred: set[str]) -> Counts:
    """Document-level counts of two sets of codes."""
    return Counts(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
