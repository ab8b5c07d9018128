"""`corpus cohort --html`: one self-contained page (no network) with the question, the rule, the counts, one row per
patient, the tallies and each patient's timeline figure from casecourse.report; byte-identical when rebuilt."""
from __future__ import annotations

import base64
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from corpus_docs import write_corpus
from rich.console import Console

from casecourse.corpus.build import build
from casecourse.corpus.cohort import cohort
from casecourse.corpus.evidence import render_cohort_html


class _Page(HTMLParser):
    """Table rows by table id (cell texts), the img sources, and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.table: str | None = None
        self.cell: list[str] | None = None
        self.imgs: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ("src", "href"):
            if a.get(k) and not (a[k].startswith("#") or a[k].startswith("data:")):
                self.external.append(a[k])
        if tag in ("link", "iframe", "object"):
            self.external.append(tag)
        if tag == "script" and a.get("src"):
            self.external.append(a["src"])
        if tag == "table":
            self.table = a.get("id")
            self.tables.setdefault(self.table, [])
        elif tag == "tr" and self.table:
            self.tables[self.table].append([])
        elif tag in ("td", "th") and self.table:
            self.cell = []
        elif tag == "img":
            self.imgs.append(a.get("src", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.table:
            self.tables[self.table][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data + " ")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evidence")
    build([write_corpus(root / "in")], root / "store", console=Console(stderr=True, quiet=True))
    return root / "store"


def test_page_rows_tallies_and_figures(store: Path) -> None:
    c = cohort(store, ["systemic lupus erythematosus", "hemophagocytic lymphohistiocytosis"], "anakinra")
    page = render_cohort_html(c, store)
    assert page == render_cohort_html(c, store)  # deterministic
    p = _Page()
    p.feed(page)
    assert not p.external, p.external  # nothing fetched from the network or the disk
    assert "What happened to patients with systemic lupus erythematosus and hemophagocytic" in page
    counts = {r[0]: int(r[1]) for r in p.tables["counts"]}
    assert counts == {"documents searched (read without error)": 5,
                      "with systemic lupus erythematosus and hemophagocytic lymphohistiocytosis": 3,
                      "of these, exposed to anakinra": 2}
    rows = p.tables["patients"]
    header, body = rows[0], rows[1:]
    assert header == ["document", "age/sex", "exposure (dose, route, dates)", "line of therapy",
                      "events after start", "outcome"]
    assert len(body) == c["exposed"] == 2
    by_doc = {r[0].split()[0]: r for r in body}
    assert set(by_doc) == {"a_remission.txt", "b_relapse.txt"}
    a, b = by_doc["a_remission.txt"], by_doc["b_relapse.txt"]
    assert a[1] == "24 female" and a[5] == "remission on it" and "2021-03-12" in a[2] and "100 mg" in a[2]
    assert "remission" in a[4]
    assert b[1] == "31 male" and b[5] == "relapse on it" and "2 mg/kg" in b[2] and "stopped" in b[2]
    tally = {r[0]: int(r[1]) for r in p.tables["tally"][1:]}
    assert tally == c["outcomes"] == {"relapse on it": 1, "remission on it": 1}
    assert "matched systemic lupus erythematosus: ICD-10 M32 and its subcodes" in page
    # one embedded timeline per patient: the report's SVG
    assert len(p.imgs) == 2
    for src in p.imgs:
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1]).decode()
        assert "<svg" in svg and 'class="course-figure"' in svg and "anakinra" in svg.lower()


def test_changed_source_gives_no_figure_and_says_why(store: Path, tmp_path: Path) -> None:
    c = cohort(store, ["rheumatoid arthritis"], "anakinra")
    assert c["exposed"] == 1
    c["patients"][0]["path"] = str(tmp_path / "gone.txt")
    p = _Page()
    page = render_cohort_html(c, store)
    p.feed(page)
    assert not p.imgs and "No timeline: the source file cannot be read" in page
    assert len(p.tables["patients"]) == 2


def test_cli_writes_the_page(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = subprocess.run([sys.executable, "-m", "casecourse.cli", "corpus", "cohort", "--store", str(store), "-c", "SLE",
                        "-c", "HLH", "-d", "anakinra", "--html", str(out), "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.is_file() and "wrote" in r.stderr and "2 patient row(s)" in r.stderr
    first = out.read_bytes()
    subprocess.run([sys.executable, "-m", "casecourse.cli", "corpus", "cohort", "--store", str(store), "-c", "SLE",
                    "-c", "HLH", "-d", "anakinra", "--html", str(out)], capture_output=True, check=True)
    assert out.read_bytes() == first
