"""Vocabularies and tables as data files (each names its source); `table()` reads one CSV."""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV under knowledge/, skipping '#' comment lines at the top."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as f:
        return tuple(csv.DictReader(line for line in f if not line.startswith("#")))
