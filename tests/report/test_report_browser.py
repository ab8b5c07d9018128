"""The report in a real browser (Debian's chromium driven by Playwright): lanes, click → source.

`make test` installs chromium and Playwright first (`make browser`); without them these tests
skip and say why. Playwright's own browser download is never used (it fails offline).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import build_course

from casecourse.model import Course
from casecourse.report.html import render_html

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
EXAMPLE = ROOT / "src/casecourse/examples/lupus_course.txt"


def _open(browser, course: Course, name: str, tmp_path: Path):
    path = tmp_path / name
    path.write_text(render_html(course), encoding="utf-8")
    return open_page(browser, path)


def open_page(browser, path: Path):
    """Load a report; collect any request that leaves the file and any script error."""
    page = browser.new_page()
    external: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, external, errors


def _check_lanes_and_click(page, course: Course) -> None:
    for drug in {e.drug.strip().lower() for e in course.exposures}:
        assert page.locator(f'g.drug-lane[data-drug="{drug}"]').count() == 1, drug
    exp = next(e for e in course.exposures if e.provenance.spans)
    bar = page.locator(f'g.bar[data-drug="{exp.drug.lower()}"]').first
    fact_id = bar.get_attribute("data-fact")
    bar.hover()
    assert page.locator("#tip").is_visible()
    bar.click()
    assert page.locator("#detail").get_attribute("data-selected") == fact_id
    shown = page.locator("#detail .sentence").inner_text()
    sentence = exp.provenance.sentence.text if exp.provenance.sentence else exp.provenance.spans[0].text
    assert exp.provenance.spans[0].text in shown or sentence.split()[0] in shown
    assert page.locator("#detail .sentence mark").count() >= 1
    assert page.locator("#text mark.active").count() >= 1


def test_fixture_report_in_browser(browser, tmp_path):
    course = build_course()
    page, external, errors = _open(browser, course, "report.html", tmp_path)
    _check_lanes_and_click(page, course)
    seg = page.locator('g.bar[data-fact="e5"]')
    seg.click()
    detail = page.locator("#detail").inner_text()
    assert "Azathioprine 100 mg daily was started in April 2020" in detail
    assert page.locator("#detail .sentence mark").inner_text() == "Azathioprine 100 mg daily"
    page.locator('#text mark[data-fact="ev3"]').click()
    assert "relapsed" in page.locator("#detail .sentence mark").inner_text()
    OUT.mkdir(exist_ok=True)
    page.locator('g.bar[data-drug="prednisolone"]').first.click()
    page.mouse.move(5, 5)
    page.screenshot(path=str(OUT / "report_screenshot.png"), full_page=True)
    assert not external, f"the page fetched something: {external}"
    assert not errors, errors
    page.close()


def test_bundled_example_in_browser(browser, tmp_path):
    """The bundled example read by the real pipeline (skips until the reader and example exist)."""
    cli = shutil.which("casecourse", path=str(ROOT / ".venv/bin")) or shutil.which("casecourse")
    if not EXAMPLE.exists() or cli is None:
        pytest.skip(f"bundled example {EXAMPLE.relative_to(ROOT)} or the casecourse CLI is not there yet")
    out = tmp_path / "course.json"
    run = subprocess.run([cli, "analyze", str(EXAMPLE), "--format", "json", "-o", str(out)],
                         capture_output=True, text=True, timeout=600, env={**os.environ})
    if run.returncode != 0 or not out.exists():
        pytest.skip(f"the reader cannot analyze the example yet (exit {run.returncode}): {run.stderr[-300:]}")
    course = Course.model_validate(json.loads(out.read_text(encoding="utf-8")))
    if not course.exposures:
        pytest.skip("the reader found no drug exposures in the example yet")
    page, external, errors = _open(browser, course, "example.html", tmp_path)
    _check_lanes_and_click(page, course)
    OUT.mkdir(exist_ok=True)
    page.mouse.move(5, 5)
    page.screenshot(path=str(OUT / "report_example_screenshot.png"), full_page=True)
    assert not external and not errors
    page.close()
