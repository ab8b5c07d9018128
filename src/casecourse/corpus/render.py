"""Printing query results and cohorts: a rich table on a terminal, or CSV / JSON for other programs."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v) if abs(v) < 1e15 else v
    return v


def event_label(e: dict[str, Any]) -> str:
    """An event after a drug's start as a clinician reads it: "recovery (rash)", "no relapse", "death (sepsis)"."""
    return e["type"] + (f" ({e['detail']})" if e.get("detail") else "")


def print_rows(cols: list[str], rows: list[tuple], fmt: str, console: Console) -> None:
    if fmt == "json":
        data = [{c: _plain(v) for c, v in zip(cols, r, strict=True)} for r in rows]
        sys.stdout.write(json.dumps(data, indent=1, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if v is None else ("|".join(map(str, v)) if isinstance(v, list) else _plain(v)) for v in r])
    else:
        t = Table(*cols, show_lines=False)
        for r in rows:
            t.add_row(*("" if v is None else str(_plain(v)) for v in r))
        console.print(t)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim")


def _dose(d: dict[str, Any]) -> str | None:
    dose, freq = d.get("dose"), d.get("frequency")
    return f"{dose} ({freq})" if dose and freq and freq not in dose else dose or freq


def print_cohort(c: dict[str, Any], console: Console) -> None:
    console.print(f"[bold]{' + '.join(c['conditions'])}[/bold] treated with [bold]{c['drug']}[/bold]: "
                  f"{c['with_conditions']} of {c['documents']} documents have the conditions, {c['exposed']} the drug",
                  highlight=False)
    for m in c["matched_by"]:
        console.print(f"  matched {m}", style="dim", highlight=False, markup=False)
    t = Table("document", "age/sex", "exposure", "line", "after start", "outcome", show_lines=True)
    for p in c["patients"]:
        age = f"{_plain(p['age_years'])}" if p["age_years"] is not None else "?"
        xs, lines, after = [], [], []
        for x in p["exposures"]:
            dose = "; ".join(filter(None, (_dose(d) for d in x["doses"]))) or "dose not stated"
            xs.append(f"{x['evidence'] or x['drug']}: {dose}, {x['route'] or 'route ?'}, "
                      f"{x['start'] or '?'} to {x['end'] or ('ongoing' if x['status'] == 'active' else '?')}"
                      + (f", stopped: {x['stop_reason']}" if x["stop_reason"] else ""))
            lines.append(str(x["line"]) if x["line"] else "-")
            after += [f"{event_label(e)} {e['time'] or '(time ?)'}" for e in x["after_start"]]
        if p.get("last_follow_up"):
            after.append(f"last follow-up {p['last_follow_up']}")
        t.add_row(p["name"], f"{age} {p['sex'] or '?'}", "\n".join(xs), ", ".join(lines), "\n".join(after) or "-",
                  p["outcome"])
    console.print(t)
    console.print("outcomes: " + (", ".join(f"{k} {v}" for k, v in c["outcomes"].items()) or "none"), highlight=False)
    console.print(f"rule: {c['outcome_rule']}", style="dim", highlight=False, markup=False)
