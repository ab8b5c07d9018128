"""Read a narrative file into text, detecting its encoding (or its structure: `ingest.structured`), and refuse what is
not a narrative."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from casecourse.ingest import structured
from casecourse.ingest.errors import InputError
from casecourse.model import Source

MAX_BYTES = 5_000_000  # a case report is ~10-50 kB; 5 MB is a book, not a narrative


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    source: Source


#: byte-order marks that name a UTF-16 encoding unambiguously (a Windows "Unicode" text file)
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _controls(text: str) -> int:
    return sum(1 for ch in text if "\x80" <= ch <= "\x9f" or (ch < " " and ch not in "\n\r\t\f"))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (with or without BOM), UTF-16 with a BOM, else Latin-1, or Windows-1252 when
    its 0x80-0x9f bytes are punctuation (curly quotes, dashes), when it reads as text."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom) and not data.startswith(b"\xff\xfe\x00\x00"):
            try:
                text = data[2:].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding.upper()} text ({exc.reason} at byte {exc.start + 2})") \
                    from exc
            if not text.strip():
                raise InputError(f"{name}: empty file")
            if "\x00" in text[:8192]:
                raise InputError(f"{name}: binary file (NUL characters), not a text narrative")
            return text, encoding
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not a text narrative (UTF-16 text needs its byte-order "
                         "mark; or save it as UTF-8)")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-8 after its UTF-8 byte-order mark ({exc.reason} at byte "
                             f"{exc.start + 3})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = data.decode("latin-1")
    # Latin-1 decodes any byte; C1 control characters (0x80-0x9f) betray that it was not Latin-1. Windows-1252 is
    # Latin-1 with printable punctuation there; it is tried only then, so a Latin-1 file reads as before.
    limit = max(2, len(text) // 200)
    controls = _controls(text)
    if controls <= limit:
        return text, "latin-1"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in Windows-1252
        pass
    else:
        if _controls(text) <= limit:
            return text, "cp1252"
    raise InputError(f"{name}: undecodable text (not UTF-8: {utf8_error.reason} at byte "
                     f"{utf8_error.start}; not Latin-1 or Windows-1252 either)")


def read_document(path: Path | str) -> Document:
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not a narrative file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{name}: too large ({size:,} bytes; limit {MAX_BYTES:,})")
    try:
        with path.open("rb") as fh:  # bounded: a pipe or device (/dev/zero) has no size to check and may never end
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (more than {MAX_BYTES:,} bytes)")
    return document_from_bytes(data, name)


def document_from_bytes(data: bytes, name: str) -> Document:
    """The narrative of a file's bytes: plain text, or the story inside JATS XML or BioC (`ingest.structured`)."""
    kind = structured.sniff(data, name)
    form = None
    if kind is None:
        text, encoding = decode(data, name)
    elif not data.strip():
        raise InputError(f"{name}: empty file")
    else:
        text, encoding, form = structured.narrative(data, name, kind)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: no text")
    src = Source(name=Path(name).name, sha256=hashlib.sha256(data).hexdigest(), chars=len(text),
                 encoding=encoding, format=form)
    return Document(name=name, text=text, source=src)
