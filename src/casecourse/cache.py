"""A small on-disk cache for indexes built from shipped data (drug lexicon, HPO index).

Built once per machine and package version, then loaded in milliseconds; the key includes the
source file's size and mtime so an upgraded package rebuilds. Set CASECOURSE_CACHE to move it.
"""
from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from casecourse import __version__


def cache_dir() -> Path:
    base = os.environ.get("CASECOURSE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "casecourse")
    return Path(base) / __version__


def file_key(*paths: Path | str) -> str:
    h = hashlib.sha256()
    for p in paths:
        st = os.stat(p)
        h.update(f"{p}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:16]


def settle() -> None:
    """Move every object alive now (the loaded indexes: ~1M objects) out of the garbage collector's
    sight. A full collection would otherwise walk them all again and again while documents are read,
    ~2 ms per document; they live as long as the process anyway."""
    gc.freeze()


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file `lock` (created if absent) while the block runs: for a library's cache that
    is written in place rather than atomically, so that processes started together do not read it half written."""
    with open(lock, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def announce_build(what: str) -> None:
    """Tell a person at a terminal why this first run is slow (the indexes take ~10 s to build once after an
    install or upgrade; `make setup` builds them ahead). Silent when stderr is not a terminal."""
    if sys.stderr.isatty():
        sys.stderr.write(f"casecourse: building the {what} once (cached in {cache_dir()}) ...\n")


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """Return the cached object `name` for `key`, building and storing it when absent."""
    path = cache_dir() / f"{name}-{key}.pkl"
    try:
        with open(path, "rb") as f:
            obj = pickle.load(f)
        settle()
        return obj
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    announce_build(name.replace("_", " ").replace("-", " "))
    obj = build()
    settle()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _drop_stale(path)
    except OSError:
        pass  # a read-only home still works, just slower
    return obj


def _drop_stale(current: Path) -> None:
    """Remove the other builds of the same index (older keys), so the cache does not grow with every edit."""
    name = current.name.rsplit("-", 1)[0]
    for old in current.parent.glob(f"{name}-*.pkl"):
        if old != current and old.name.rsplit("-", 1)[0] == name:
            try:
                old.unlink()
            except OSError:
                pass
