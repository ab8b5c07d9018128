"""Which files a build reads, in a fixed order, and their content hashes (the document ids)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from casecourse.ingest.text import MAX_BYTES

_NARRATIVE_SUFFIXES = (".txt", ".xml", ".nxml")


@dataclass(frozen=True)
class Input:
    path: str
    doc_id: str
    data: bytes | None  # None: not sent to a worker (error already known)
    error: str | None = None
    size: int | None = None


def expand(inputs: list[Path]) -> list[Path]:
    """Files as given, folders as their narrative files (.txt, and JATS/BioC .xml and .nxml; recursively, sorted); a
    path that does not exist is kept so that it becomes an error row. A folder's .json files are not taken: courses
    written by `casecourse analyze` are JSON too (a BioC JSON file is read when named)."""
    out: list[Path] = []
    for p in inputs:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in _NARRATIVE_SUFFIXES and f.is_file()))
        else:
            out.append(p)
    seen: set[str] = set()
    return [p for p in out if not (str(p) in seen or seen.add(str(p)))]


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(path: Path) -> Input:
    """The document id is the SHA-256 of the file's bytes; a file that cannot be read is identified by its path."""
    name = str(path)
    try:
        if path.is_dir():
            raise IsADirectoryError
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Input(name, _hash_file(path), None, f"{name}: too large ({size:,} bytes; limit {MAX_BYTES:,})", size)
        data = path.read_bytes()
        return Input(name, hashlib.sha256(data).hexdigest(), data, None, len(data))
    except FileNotFoundError:
        problem = "no such file"
    except IsADirectoryError:
        problem = "is a directory, not a narrative file"
    except OSError as exc:
        problem = f"cannot read ({exc.strerror})"
    return Input(name, "unreadable:" + hashlib.sha256(name.encode()).hexdigest(), None, f"{name}: {problem}")
