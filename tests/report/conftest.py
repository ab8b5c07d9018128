"""Fixtures for the report tests: small fictional courses built by hand."""
from __future__ import annotations

from pathlib import Path

import pytest
from report_fixtures import build_course, build_day_course

from casecourse.model import Course


@pytest.fixture
def course() -> Course:
    return build_course()


@pytest.fixture
def day_course() -> Course:
    return build_day_course()


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `make browser` installs Debian's chromium (needs root and apt)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright's Python client is not installed (`make browser`)")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=FLAGS, headless=True,
            viewport={"width": 1680, "height": 1000})
        yield context
        context.close()
