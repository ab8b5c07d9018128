"""`casecourse corpus cohort ... --html OUT.html`: the cohort as one self-contained evidence-synthesis page.

The page states the question, how the conditions and the drug were matched, the counts (documents searched, with
the conditions, exposed to the drug), one outcome-table row per patient and the outcome tallies, then each patient's
timeline: the figure `casecourse.report.static.render_static` draws (the same SVG as `casecourse analyze --format
svg`), embedded as a data: image so the page needs no network and the figures' internal ids cannot clash. The store
keeps facts, not whole courses, so each figure is drawn by reading the document again from the path the store
recorded, only when its bytes still hash to the stored id (else the page says why there is no figure). Same cohort
and files -> byte-identical page (no clock, no absolute temp paths beyond what the store recorded).
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from typing import Any

from casecourse import __version__
from casecourse.corpus.render import event_label

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1280px;color:#222;
padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}
h3{font-size:15px;margin:18px 0 6px}.muted{color:#666}.rule{background:#f6f6f6;padding:8px 10px;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;
text-align:left}th{background:#f0f0f0}td ul{margin:0;padding-left:16px}.counts td:last-child{text-align:right}
.outcome-died{color:#a00;font-weight:600}.outcome-relapse-on-it{color:#b35a00}.outcome-remission-on-it{color:#176b2c}
figure{margin:8px 0;overflow-x:auto}figure img{max-width:none;border:1px solid #eee}
.nofig{color:#a00}
"""
_JS = """
// sort the outcome table by a column on click (no network, no libraries)
document.querySelectorAll('table.sortable th').forEach((th, i) => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0];
  const rows = Array.from(body.rows);
  const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
  rows.sort((a, b) => dir * a.cells[i].innerText.localeCompare(b.cells[i].innerText, undefined, {numeric: true}));
  rows.forEach(r => body.appendChild(r));
}));
"""


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:g}"


def _exposure(x: dict[str, Any]) -> str:
    doses = []
    for d in x["doses"]:
        dose, freq = d.get("dose"), d.get("frequency")
        txt = f"{dose} ({freq})" if dose and freq and freq not in dose else dose or freq
        if txt:
            when = f" from {d['start']}" if d.get("start") else ""
            doses.append(txt + (f", {d['route']}" if d.get("route") and d["route"] != x["route"] else "") + when)
    end = x["end"] or ("ongoing" if x["status"] == "active" else "?")
    parts = [f"<b>{escape(x['evidence'] or x['drug'])}</b>",
             "dose: " + escape("; ".join(doses) if doses else "not stated"),
             "route: " + escape(x["route"] or "not stated"),
             f"dates: {escape(x['start'] or '?')} to {escape(end)}"]
    if x["stop_reason"]:
        parts.append("stopped: " + escape(x["stop_reason"]))
    return "<br>".join(parts)


def _anchor(p: dict[str, Any]) -> str:
    return "pt-" + p["doc_id"][:16].replace(":", "-")


def timeline_svg(path: str, doc_id: str) -> tuple[bytes | None, str | None]:
    """(SVG bytes, None) for the stored document at `path`, or (None, why not)."""
    from casecourse.api import analyze_text
    from casecourse.ingest.text import InputError, document_from_bytes
    from casecourse.report.static import render_static

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, f"the source file cannot be read ({exc.strerror or type(exc).__name__})"
    if hashlib.sha256(data).hexdigest() != doc_id:
        return None, "the source file has changed since it was stored (its SHA-256 differs)"
    try:
        doc = document_from_bytes(data, path)
        return render_static(analyze_text(doc.text, doc.source), "svg"), None
    except (InputError, ValueError) as exc:
        return None, f"the document could not be drawn ({exc})"


def _counts(c: dict[str, Any]) -> str:
    rows = [("documents searched (read without error)", c["documents"]),
            ("with " + " and ".join(c["conditions"]), c["with_conditions"]),
            (f"of these, exposed to {c['drug']}", c["exposed"])]
    return "<table id=\"counts\" class=\"counts\"><tbody>" + "".join(
        f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in rows) + "</tbody></table>"


def _patient_row(p: dict[str, Any]) -> str:
    xs = p["exposures"]
    lines = ", ".join(str(x["line"]) for x in xs if x["line"]) or "-"
    after = [f"{escape(event_label(e))} {escape(e['time'] or '(time ?)')}" for x in xs for e in x["after_start"]]
    if p.get("last_follow_up"):
        after.append(f"last follow-up {escape(p['last_follow_up'])}")
    cls = "outcome-" + p["outcome"].split(" for ")[0].replace(" ", "-")
    return (f"<tr><td><a href=\"#{_anchor(p)}\">{escape(p['name'])}</a><br><span class=\"muted\">"
            f"{escape(', '.join(p['conditions']))}</span></td>"
            f"<td>{_num(p['age_years'])} {escape(p['sex'] or '?')}</td>"
            f"<td>{'<hr>'.join(_exposure(x) for x in xs)}</td><td>{escape(lines)}</td>"
            f"<td>{'<br>'.join(after) or '-'}</td><td class=\"{escape(cls)}\">{escape(p['outcome'])}</td></tr>")


def _timeline(p: dict[str, Any], embed: bool) -> str:
    head = (f"<h3 id=\"{_anchor(p)}\">{escape(p['name'])} <span class=\"muted\">({_num(p['age_years'])} "
            f"{escape(p['sex'] or '?')}; {escape(p['outcome'])})</span></h3>"
            f"<p class=\"muted\">{escape(p['path'])} · SHA-256 {p['doc_id'][:16]}…</p>")
    if not embed:
        return head
    svg, why = timeline_svg(p["path"], p["doc_id"])
    if svg is None:
        return head + f"<p class=\"nofig\">No timeline: {escape(why or '')}.</p>"
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return head + (f"<figure><img alt=\"Timeline of {escape(p['name'])}\" src=\"{uri}\">"
                   f"<figcaption class=\"muted\">Drawn by casecourse {escape(__version__)} from the source document "
                   "(casecourse.report).</figcaption></figure>")


def render_cohort_html(c: dict[str, Any], store: Path | None = None, timelines: bool = True) -> str:
    """The whole page for a `cohort()` result."""
    conds = " and ".join(c["conditions"])
    question = f"What happened to patients with {conds} who were given {c['drug']}?"
    suspected = ("suspected, provisional and differential diagnoses were counted too" if c["include_suspected"]
                 else "only diagnoses asserted as present or historical and confirmed were counted")
    tally = "".join(f"<tr><td class=\"outcome-{escape(k.split(' for ')[0].replace(' ', '-'))}\">{escape(k)}</td>"
                    f"<td>{v}</td></tr>" for k, v in c["outcomes"].items())
    parts = [
        "<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{escape(question)}</title>", f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(question)}</h1>",
        f"<p class=\"muted\">Evidence synthesis from case reports by casecourse {escape(__version__)}"
        + (f"; store {escape(str(store))}" if store else "") + ". One case report = one patient.</p>",
        "<h2>Matching rule</h2><ul id=\"matching\">"
        + "".join(f"<li>matched {escape(m)}</li>" for m in c["matched_by"])
        + f"<li>{escape(suspected)}; a patient must have every condition; the drug counts when given (present or "
        "historical, not 'not taken')</li></ul>",
        "<h2>Counts</h2>" + _counts(c),
        "<h2>Outcomes</h2><table id=\"tally\"><thead><tr><th>outcome</th><th>patients</th></tr></thead><tbody>"
        + (tally or "<tr><td>none</td><td>0</td></tr>") + "</tbody></table>",
        f"<p class=\"rule\"><b>Outcome rule.</b> {escape(c['outcome_rule'])}</p>",
        "<h2>Patients</h2><table id=\"patients\" class=\"sortable\"><thead><tr><th>document</th><th>age/sex</th>"
        "<th>exposure (dose, route, dates)</th><th>line of therapy</th><th>events after start</th><th>outcome</th>"
        "</tr></thead><tbody>" + "".join(_patient_row(p) for p in c["patients"]) + "</tbody></table>",
        "<h2>Timelines</h2>" + ("".join(_timeline(p, timelines) for p in c["patients"])
                                or "<p>No patient in the cohort.</p>"),
        f"<script>{_JS}</script></body></html>", ""]
    return "\n".join(parts)


def write_cohort_html(c: dict[str, Any], out: Path, store: Path | None = None) -> int:
    """Write the page; returns its size in bytes."""
    data = render_cohort_html(c, store).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)
