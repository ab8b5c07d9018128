"""`casecourse evaluate --corpus t2s2`: our course timeline against an LLM's SILVER timeline (not gold).

Each text is analysed into a course (no rule assessments) in a pool of worker processes; only the comparison
leaves a worker. Figures are given on the whole sample and on two fixed halves (dev = even positions of the
id-sorted sample, test = odd): read `--errors time --half dev` while tuning, report test.
"""
from __future__ import annotations

import multiprocessing
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.predict import default_workers
from casecourse.evaluation.readers.t2s2 import SAMPLE, SilverDoc, read_t2s2
from casecourse.evaluation.render import fmt
from casecourse.evaluation.silver import match, order_counts, timed_facts

LABEL = "silver (LLM), not gold"
FOLDER = "t2s2"


def compare_one(item: tuple[str, str, list]) -> dict:
    """One document's comparison (runs in a worker): matched pairs, counts, or the reader's error."""
    doc_id, text, events = item
    try:
        from casecourse.api import analyze_text

        facts, aligned = timed_facts(analyze_text(text, assess=False))
    except Exception as e:  # noqa: BLE001 - one bad document must not stop the evaluation
        return {"id": doc_id, "error": f"{type(e).__name__}: {e}", "silver": len(events), "timed": 0, "pairs": []}
    pairs = match(facts, events, len(text))
    return {"id": doc_id, "silver": len(events), "timed": len(facts), "aligned": aligned,
            "order": order_counts(pairs),
            "pairs": [{"silver": e.text, "hours": e.hours, **asdict(f)} for e, f in pairs]}


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def stats(docs: list[dict]) -> dict:
    silver = sum(d["silver"] for d in docs)
    matched = sum(len(d["pairs"]) for d in docs)
    c = sum(d.get("order", (0, 0, 0))[0] for d in docs)
    dis = sum(d.get("order", (0, 0, 0))[1] for d in docs)
    ties = sum(d.get("order", (0, 0, 0))[2] for d in docs)
    gaps = [abs(p["days"] - p["hours"] / 24) for d in docs if d.get("aligned") for p in d["pairs"]]
    return {"documents": len(docs), "silver_events": silver, "timed_facts": sum(d["timed"] for d in docs),
            "matched": matched, "coverage": _ratio(matched, silver),
            "pairs_concordant": c, "pairs_discordant": dis, "pairs_tied_ours": ties,
            "concordance": _ratio(c, c + dis), "tau": _ratio(c - dis, c + dis),
            "tie_share": _ratio(ties, c + dis + ties),
            "aligned_matched": len(gaps), "within_7d": _ratio(sum(g <= 7 for g in gaps), len(gaps)),
            "within_30d": _ratio(sum(g <= 30 for g in gaps), len(gaps))}


def worst(docs: list[dict], limit: int = 80, per_doc: int = 3) -> list[dict]:
    """The matched facts farthest from the silver time (aligned documents only), largest first; at most
    `per_doc` from one document, so that one misplaced story does not fill the list."""
    items = []
    for d in docs:
        if d.get("aligned"):
            mine = sorted(({"doc": d["id"], **p, "gap_days": p["days"] - p["hours"] / 24} for p in d["pairs"]),
                          key=lambda p: (-abs(p["gap_days"]), p["start"]))
            items += mine[:per_doc]
    items.sort(key=lambda p: (-abs(p["gap_days"]), p["doc"], p["start"]))
    return items[:limit]


def evaluate_silver(corpora: Path, console: Console, split: str | None = None,
                    errors_half: str | None = None, workers: int | None = None) -> dict:
    root = corpora / FOLDER
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus folder not found")
    docs: list[SilverDoc] = read_t2s2(root, split)
    items = [(d.id, d.text, d.events) for d in docs]
    workers = workers or default_workers()
    if workers > 1:
        compare_one(("warm-up", "The patient had a fever for 3 days.", []))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = list(pool.imap(compare_one, items, chunksize=4))
    else:
        results = [compare_one(it) for it in items]
    halves = {"dev": results[0::2], "test": results[1::2]}
    scope = "all documents" if split == "all" else f"fixed sample: first {SAMPLE} ids, sorted"
    out = {"corpus": "t2s2", "label": LABEL, "documents": len(docs), "split": scope,
           "skipped_silver_lines": sum(d.skipped_lines for d in docs),
           "reader_failures": {d["id"]: d["error"] for d in results if "error" in d},
           "all": stats(results), "dev": stats(halves["dev"]), "test": stats(halves["test"])}
    if errors_half is not None:
        out["errors"] = {"half": errors_half, "items": worst(halves.get(errors_half, results))}
    return out


_ROWS = (("coverage", "coverage (silver events matched)"), ("concordance", "order concordance (>24 h apart)"),
         ("tau", "tau-like (C-D)/(C+D)"), ("tie_share", "pairs tied in ours (excluded)"),
         ("within_7d", "within +-7 days"), ("within_30d", "within +-30 days"))


def silver_table(result: dict) -> Table:
    t = Table(title=f"t2s2 timeline vs {LABEL}: {result['documents']} documents, {result['split']} "
                    "(dev = even positions, test = odd)")
    t.add_column("measure", no_wrap=True)
    for part in ("all", "dev", "test"):
        t.add_column(f"{part} ({result[part]['documents']})", justify="right")
    for key, label in _ROWS:
        t.add_row(label, *(fmt(result[p][key]) for p in ("all", "dev", "test")))
    for key in ("silver_events", "timed_facts", "matched", "aligned_matched"):
        t.add_row(key, *(str(result[p][key]) for p in ("all", "dev", "test")))
    return t


def silver_markdown(result: dict) -> str:
    lines = [f"Timeline against a {LABEL} (T2S2, {result['documents']} documents, {result['split']}; "
             "dev = even positions, test = odd):", "", "| measure | all | dev | test |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {label} | " + " | ".join(fmt(result[p][key]) for p in ("all", "dev", "test")) + " |"
              for key, label in _ROWS]
    return "\n".join(lines) + "\n"


def print_silver_errors(console: Console, errors: dict) -> None:
    console.print(f"\nworst disagreements ({LABEL}), {errors['half']} documents: ours - silver in days",
                  markup=False, highlight=False)
    for e in errors["items"]:
        console.print(f"{e['gap_days']:+9.1f} {e['doc']} {e['kind']} {e['surface']!r} ours {e['days']:+.1f} d "
                      f"({e['derivation']}, {e['time_text']!r}) | silver {e['silver']!r} {e['hours']:+.0f} h",
                      markup=False, highlight=False)
        console.print(f"          {e['sentence']}", markup=False, highlight=False)
