"""Fixtures for the evaluation tests (helpers live in eval_helpers.py)."""
from eval_helpers import use_reader  # noqa: F401
