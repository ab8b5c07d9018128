"""The founding letter (../shared, never copied here) through `casecourse analyze --format html`.

Writes out/letter_report.html and out/report_letter_screenshot.png; skips without ../shared.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_browser import open_page

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT.parent / "shared" / "seed" / "letter.txt"
OUT = ROOT / "out"

pytestmark = [pytest.mark.shared, pytest.mark.browser]


def test_letter_report_in_browser(browser):
    if not LETTER.exists():
        pytest.skip("../shared/seed/letter.txt is not here (shared data is absent)")
    cli = shutil.which("casecourse", path=str(ROOT / ".venv/bin")) or shutil.which("casecourse")
    if cli is None:
        pytest.skip("the casecourse CLI is not installed")
    OUT.mkdir(exist_ok=True)
    html = OUT / "letter_report.html"
    run = subprocess.run([cli, "analyze", str(LETTER), "--format", "html", "-o", str(html)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-500:]
    assert html.stat().st_size < 2_000_000
    page, external, errors = open_page(browser, html)
    drugs = page.eval_on_selector_all("g.drug-lane", "els => els.map(e => e.dataset.drug)")
    assert len(drugs) == len(set(drugs)) >= 1
    # click the first bar that is on top at its own centre (bars of one drug may overlap)
    fact = page.evaluate("""() => {
      for (const g of document.querySelectorAll('g.bar')) {
        const r = g.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2);
        if (hit && hit.closest('g.bar') === g) { return g.dataset.fact; }
      }
      return null; }""")
    assert fact, "no bar can be clicked"
    page.locator(f'g.bar[data-fact="{fact}"]').first.click()
    assert page.locator("#detail").get_attribute("data-selected") == fact
    assert page.locator("#detail .sentence mark").count() >= 1
    page.mouse.move(5, 5)
    page.screenshot(path=str(OUT / "report_letter_screenshot.png"), full_page=True)
    assert not external and not errors
    page.close()
