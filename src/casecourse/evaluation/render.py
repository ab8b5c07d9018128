"""Show results: a rich table per corpus, a markdown summary, and error listings."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def result_table(result: dict) -> Table:
    t = Table(title=f"{result['corpus']}: {result['documents']} documents, {result['extra']['split']}"
                        " (P/R/F1/tp/fp/fn strict)")
    t.add_column("type", no_wrap=True)
    for col in ("P", "R", "F1", "lenient F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right", no_wrap=True)
    rows = list(result["types"].items()) + [("micro", result["extra"]["micro"])]
    for name, s in rows:
        st, le = s["strict"], s["lenient"]
        t.add_row(name, fmt(st["precision"]), fmt(st["recall"]), fmt(st["f1"]), fmt(le["f1"]),
                  str(st["tp"]), str(st["fp"]), str(st["fn"]))
    return t


def halves_table(result: dict) -> Table | None:
    """Lenient F1 on the fixed dev and test halves, for a corpus without a split."""
    halves = result["extra"].get("halves")
    if not halves:
        return None
    t = Table(title=f"{result['corpus']}: lenient F1 on fixed halves (dev = even, test = odd positions by id)")
    t.add_column("type", no_wrap=True)
    t.add_column(f"dev ({halves['dev']['documents']})", justify="right")
    t.add_column(f"test ({halves['test']['documents']})", justify="right")
    for name in result["types"]:
        t.add_row(name, fmt(halves["dev"]["types"][name]["lenient_f1"]),
                  fmt(halves["test"]["types"][name]["lenient_f1"]))
    return t


def headline_line(result: dict) -> str:
    return f"{result['corpus']}: " + " | ".join(f"{k} {fmt(v)}" for k, v in headline(result).items())


def report_failures(result: dict, err: Console) -> bool:
    """Warn about documents the reader failed on; False when it failed on every document."""
    failures = result["extra"]["reader_failures"]
    if not failures:
        return True
    first_id, first = next(iter(failures.items()))
    if len(failures) == result["documents"]:
        err.print(f"error: the reader failed on all {len(failures)} {result['corpus']} documents, "
                  f"e.g. {first_id}: {first}", markup=False, highlight=False)
        return False
    err.print(f"warning: the reader failed on {len(failures)} of {result['documents']} "
              f"{result['corpus']} documents (scored as empty), e.g. {first_id}: {first}",
              markup=False, highlight=False)
    return True


def headline(result: dict) -> dict[str, float | None]:
    """The corpus-specific numbers shown under each table and in the summary."""
    e = result["extra"]
    out = {"macro_f1": e["macro_f1"], "macro_f1_lenient": e["macro_f1_lenient"]}
    for key in ("negation_accuracy", "timex_value_accuracy", "timex_class_accuracy", "document_f1",
                "is_a_lenient_f1", "target_macro_f1_lenient", "target_macro_f1_lenient_dev",
                "target_macro_f1_lenient_test"):
        if key in e:
            out[key] = e[key]
    return out


def markdown_summary(results: list[dict]) -> str:
    lines = ["| corpus | docs | type | strict P | strict R | strict F1 | lenient F1 | tp | fp | fn |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        for name, s in [*r["types"].items(), ("**micro**", r["extra"]["micro"])]:
            st, le = s["strict"], s["lenient"]
            lines.append(f"| {r['corpus']} | {r['documents']} | {name} | {fmt(st['precision'])} | "
                         f"{fmt(st['recall'])} | {fmt(st['f1'])} | {fmt(le['f1'])} | "
                         f"{st['tp']} | {st['fp']} | {st['fn']} |")
    lines += ["", "| corpus | measure | value |", "| --- | --- | ---: |"]
    for r in results:
        lines += [f"| {r['corpus']} | {k} | {fmt(v)} |" for k, v in headline(r).items()]
    halved = [r for r in results if r["extra"].get("halves")]
    if halved:
        lines += ["", "Fixed halves of the corpora without a split (dev = even positions of the id-sorted list, "
                  "test = odd): lenient F1.", "",
                  "| corpus | type | dev | test |", "| --- | --- | ---: | ---: |"]
        for r in halved:
            h = r["extra"]["halves"]
            lines += [f"| {r['corpus']} | {name} | {fmt(h['dev']['types'][name]['lenient_f1'])} | "
                      f"{fmt(h['test']['types'][name]['lenient_f1'])} |" for name in r["types"]]
    return "\n".join(lines) + "\n"


def print_errors(console: Console, errors: dict) -> None:
    items = errors["items"]
    console.print(f"\n[bold]{errors['type']}[/bold]: {len(items)} errors "
                  "(FN missed, FP spurious, BOUNDARY overlap but not exact, VALUE wrong normalised value)")
    for e in items:
        if e["kind"] in ("BOUNDARY", "VALUE"):  # gold and predicted span, each with its own offsets
            line = (f"gold [{e['start']}:{e['end']}] {e['gold']!r} | pred [{e['pred_start']}:{e['pred_end']}] "
                    f"{e['pred']!r}")
            if e["kind"] == "VALUE":
                line += f" | value gold {e['gold_attrs'].get('value')!r} pred {e.get('pred_value')!r}"
        else:
            shown = e["gold"] if e["kind"] == "FN" else e["pred"]
            line = f"[{e['start']}:{e['end']}] {shown!r}"
        console.print(f"{e['kind']:<8} {e['doc']} {line}", markup=False, highlight=False)
        console.print(f"         {e['sentence']}", markup=False, highlight=False)
