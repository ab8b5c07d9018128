"""Fixtures for the report tests: small fictional courses built by hand."""
from __future__ import annotations

import pytest
from report_fixtures import build_course, build_day_course

from casecourse.model import Course


@pytest.fixture
def course() -> Course:
    return build_course()


@pytest.fixture
def day_course() -> Course:
    return build_day_course()
