"""The one error a file that cannot be read as a narrative raises."""
from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a narrative; the message names the file and the problem."""
