"""Derived regular expressions kept on disk, so a process does not derive and compile them again.

`rx_first` rewrites big patterns into faster twins (lower-cased, literal-led, word-led scans). Deriving and
compiling them costs ~2.5 ms per document over a process's first hundred reports (parse trees walked in Python,
`re`'s own compiler), every process again. Here a derivation's result (a pattern's source and flags) and the
compiled program of a pattern (`re`'s sre code, what `re.compile` hands to `_sre.compile`) are kept in one file
under the cache directory (`cache.cache_dir`), loaded at first use and written back at exit when it grew.

The same pattern objects come back: `compile` builds the program exactly as `re._compiler.compile` does, and a
pattern loaded from the file is checked equal to a fresh one (CPython compares patterns by flags and program) before
the file is trusted. The file is named by the Python build (the program format) and a hash of the package's state
(see `_path`), so an edit of a derivation or of a rule never reuses an old result, and a file of an older state is
deleted when a new one is written and it has not been written for a week.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

try:  # the interpreter's own compiler and engine: without them every pattern is compiled by `re.compile`
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other interpreters
    _sre = None  # type: ignore[assignment]

_T = TypeVar("_T")
_entries: dict[tuple, Any] | None = None  # (kind, key) -> value; None until first use
_added = False  # whether this process added entries (written back at exit)
# derive twins at first use, not after `rx_first`'s deferral thresholds (`api.prepare` fills the file this way)
EAGER = [False]
# compiled both ways once per process: the file's programs are trusted only if the two are equal
_PROBE = r"(?P<a>x|y[0-9]+)\b(?=z)"
_STALE_AFTER_S = 7 * 86400  # a file of another package state is deleted once unused (unwritten) this long


def _prefix() -> str:
    return f"regex-{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}-"


@cache
def _state() -> str:
    """A hash of this state of the package. The patterns are built from the whole package's code and data (rules
    files, vocabularies), so it covers the deriving code's bytes and every package file's name, size and modification
    time: an edited rule gets a new file instead of adding its patterns to an old one (which had grown to 22 MB over a
    development session, +70 MB of memory in every process that loaded it)."""
    return tree_hash(Path(__file__).parent.parent)


def tree_hash(package: Path) -> str:
    """The hash `_state` keys on, of the package rooted at `package`."""
    h = hashlib.sha256()
    for name in ("rx_first.py", "rx_store.py"):
        h.update((package / "reading" / name).read_bytes())
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            st = os.stat(path)
            h.update(f"{os.path.relpath(path, package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _path() -> Path:
    from casecourse.cache import cache_dir

    return cache_dir() / f"{_prefix()}{_state()}.pkl"


def _load() -> dict[tuple, Any]:
    global _entries
    if _entries is None:
        _entries = {}
        try:
            with open(_path(), "rb") as f:
                got = pickle.load(f)
            if isinstance(got, dict):
                _entries = got
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass
        if _entries and _sre is not None:  # a program of the file must build the pattern `re` builds
            probe = _entries.get(("sre", (_PROBE, 0)))
            try:
                ok = probe is not None and _sre.compile(*probe) == re.compile(_PROBE)
            except Exception:  # noqa: BLE001 - an unreadable entry: start afresh
                ok = False
            if not ok:
                _entries = {}
        atexit.register(_save)
    return _entries


def derived(kind: str, key: tuple, build: Callable[[], _T]) -> _T:
    """`build()`, a pure function of `key` (a tuple of strings and numbers) under the deriving code, kept on disk."""
    entries = _load()
    k = (kind, key)
    if k in entries:
        return entries[k]
    global _added
    value = entries[k] = build()
    _added = True
    return value


def has(kind: str, key: tuple) -> bool:
    """Whether `derived(kind, key, ...)` is known without building (kept on disk or derived in this process)."""
    return (kind, key) in _load()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - `re.compile`'s twin
    """`re.compile(pattern, flags)` (raises re.error as it does), its program kept on disk."""
    if _sre is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    entries = _load()
    k = ("sre", (pattern, flags))
    args = entries.get(k)
    if args is not None:
        try:
            return _sre.compile(*args)
        except (RuntimeError, TypeError, ValueError):  # a damaged entry: compiled afresh below
            args = None
    if args is None:
        # as re._compiler.compile: parse, generate the program, map the group names both ways
        p = _parser.parse(pattern, flags)
        code = list(map(int, _compiler._code(p, flags)))  # plain ints (the opcodes are an int subclass): picklable
        groupindex = p.state.groupdict
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (pattern, flags | p.state.flags, code, p.state.groups - 1, dict(groupindex), tuple(indexgroup))
        global _added
        entries[k] = args
        _added = True
    return _sre.compile(*args)


def save() -> None:
    """Write the entries back now (as at exit) when this process added any."""
    global _added
    _save()
    _added = False


def _save() -> None:
    """Write the entries back (merged with the file as it is now: another process may have added some) when this
    process added any; atomically, so a reader never sees half a file."""
    if not _added or _entries is None:
        return
    try:
        compile(_PROBE)  # kept with the others: the next process checks the file by it
        path = _path()
        merged: dict[tuple, Any] = {}
        try:
            with open(path, "rb") as f:
                got = pickle.load(f)
            if isinstance(got, dict):
                merged = got
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass
        merged.update(_entries)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(merged, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # other states of the package, unused for a week: another checkout or install sharing the cache may still
        # read its own file (deleting at once made two of them rebuild each other's in turn)
        week_ago = time.time() - _STALE_AFTER_S
        for stale in path.parent.glob(f"{_prefix()}*.pkl"):
            if stale != path and stale.stat().st_mtime < week_ago:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
