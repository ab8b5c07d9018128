"""The narrative inside a structured file: a PubMed Central article (JATS XML) or a BioC collection (XML or JSON).

Case reports are published as JATS XML (PubMed Central's `.nxml`) and distributed as BioC (PubTator, the PMC BioC
service). casecourse reads the story from them as plain text laid out as full-text case reports are: the title, then
each section heading and paragraph as a block of its own, tables as lines of tab-separated cells (what
`reading/lab_tables` reads), figure and table captions as paragraphs. Which elements and sections are read is data
(`knowledge/structured_inputs.json`). A JATS article's abstract is read only when the article has no body: it retells
the case the body tells, and its facts would be counted twice. The course's character offsets point into this text
(`Course.text`).

XML is parsed with entities left unresolved and no network or DTD access, so a file cannot make the reader open
other files. A file that is not what it claims, or holds more than one document, is refused with a message that
names the file and the problem (`InputError`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from casecourse.ingest.errors import InputError

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml|!DOCTYPE|(?:[\w.-]+:)?"
                        rb"(?:article|collection|pmc-articleset)\b)")
_XML_SUFFIXES = (".xml", ".nxml", ".bioc")


@cache
def _vocabulary() -> dict[str, Any]:
    with resources.files("casecourse.knowledge").joinpath("structured_inputs.json").open(encoding="utf-8") as f:
        return json.load(f)


def sniff(data: bytes, name: str) -> str | None:
    """'xml' or 'json' when the file is one by its name or its first bytes; None for a plain-text narrative."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in _XML_SUFFIXES or _XML_START.match(data[:512]):
        return "xml"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    return None


def narrative(data: bytes, name: str, kind: str) -> tuple[str, str, str]:
    """(text, encoding, format) of the one document in `data`; format is 'jats-xml', 'bioc-xml' or 'bioc-json'."""
    if kind == "xml":
        return _from_xml(data, name)
    return _from_json(data, name)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _join(blocks: Iterable[str], name: str) -> str:
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise InputError(f"{name}: no narrative text in the document")
    return text + "\n"


# --- XML ---------------------------------------------------------------------------------------------------------

def _from_xml(data: bytes, name: str) -> tuple[str, str, str]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(f"{name}: malformed XML at line {line} column {column}: {exc.msg}") from exc
    encoding = (root.getroottree().docinfo.encoding or "UTF-8").lower()
    tag = _local(root.tag)
    if tag == "pmc-articleset":
        articles = [a for a in root if _local(a.tag) == "article"]
        if len(articles) != 1:
            raise InputError(f"{name}: a PubMed Central article set with {len(articles)} articles; casecourse reads "
                             "one narrative per file (save each article as a file of its own)")
        root, tag = articles[0], "article"
    if tag == "article":
        return _join(_jats(root), name), encoding, "jats-xml"
    if tag == "collection":
        docs = [d for d in root if _local(d.tag) == "document"]
        _one_document(len(docs), name)
        passages = [(_infons(p), _bioc_text(p)) for p in docs[0] if _local(p.tag) == "passage"]
        return _join(_bioc_blocks(passages), name), encoding, "bioc-xml"
    raise InputError(f"{name}: XML whose root element is <{tag}>, neither a JATS article (PubMed Central) nor a BioC "
                     "collection")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inline(el: Any, blocks: frozenset[str], skip: frozenset[str]) -> str:
    """The text of `el` and its inline children (citations, superscripts, italics), not of the blocks inside it."""
    parts = [el.text or ""]
    for child in el:
        tag = _local(child.tag)
        if tag not in blocks and tag not in skip and tag:
            parts.append(_inline(child, blocks, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _rows(table: Any, cell_text: Callable[[Any], str]) -> str:
    """A table as lines of tab-separated cells (what `reading/lab_tables` reads); empty rows left out."""
    rows = ["\t".join(_norm(cell_text(c)) for c in tr if _local(c.tag) in ("td", "th"))
            for tr in table.iter("{*}tr", "tr")]
    return "\n".join(r for r in rows if r.strip())


def _jats(article: Any) -> list[str]:
    v = _vocabulary()["jats"]
    skip, blocks, texts = frozenset(v["skip"]), frozenset(v["blocks"]), frozenset(v["text_blocks"])
    skip_secs, skip_abstracts = frozenset(v["skip_sec_types"]), frozenset(v["skip_abstract_types"])
    out: list[str] = []

    def caption(el: Any) -> str:
        parts = [_inline(c, blocks, skip) for c in el if _local(c.tag) == "label"]
        for cap in (c for c in el if _local(c.tag) == "caption"):
            parts += [_inline(c, blocks, skip) for c in cap if _local(c.tag) in texts]
        return _norm(". ".join(p.strip().rstrip(".") for p in parts if p.strip()) + ".") if parts else ""

    def walk(el: Any) -> None:
        tag = _local(el.tag)
        if tag in skip or (tag == "sec" and el.get("sec-type") in skip_secs):
            return
        if tag == "table":
            out.append(_rows(el, lambda cell: _inline(cell, blocks, skip)))
            return
        if tag in ("fig", "table-wrap"):
            out.append(caption(el))
            for child in el:
                if _local(child.tag) not in ("label", "caption"):
                    walk(child)
            return
        if tag in texts:
            out.append(_norm(_inline(el, blocks, skip)))
        for child in el:
            if tag not in texts or _local(child.tag) in blocks:
                walk(child)

    meta = next(article.iter("{*}article-meta", "article-meta"), None)
    title = next(meta.iter("{*}article-title", "article-title"), None) if meta is not None else None
    if title is not None:
        out.append(_norm(_inline(title, blocks, skip)))
    body = [c for c in article if _local(c.tag) == "body"]
    if body:
        for b in body:
            walk(b)
    elif meta is not None:
        for abstract in meta.iter("{*}abstract", "abstract"):
            if abstract.get("abstract-type") not in skip_abstracts:
                walk(abstract)
    for floats in (c for c in article if _local(c.tag) == "floats-group"):
        walk(floats)
    return out


def _infons(passage: Any) -> dict[str, str]:
    return {i.get("key", ""): (i.text or "") for i in passage if _local(i.tag) == "infon"}


def _bioc_text(passage: Any) -> str:
    text = next((c.text or "" for c in passage if _local(c.tag) == "text"), None)
    if text is None:  # a passage given as sentences
        text = " ".join(s.findtext("text") or "" for s in passage if _local(s.tag) == "sentence")
    return text


# --- BioC (both encodings) -----------------------------------------------------------------------------------------

def _one_document(n: int, name: str) -> None:
    if n == 0:
        raise InputError(f"{name}: a BioC collection with no document")
    if n > 1:
        raise InputError(f"{name}: a BioC collection with {n} documents; casecourse reads one narrative per file "
                         "(save each document as a file of its own)")


def _bioc_blocks(passages: list[tuple[dict[str, str], str]]) -> list[str]:
    """A passage is a block, its text kept as written (a passage may hold a whole document, its paragraphs apart by
    line breaks); a table passage with its XML (PMC BioC's `xml` infon) is read as rows of cells."""
    v = _vocabulary()["bioc"]
    out: list[str] = []
    for infons, text in passages:
        if infons.get("section_type") in v["skip_section_types"] or infons.get("type") in v["skip_types"]:
            continue
        rows = _table_rows(infons.get("xml", "")) if infons.get("type") == "table" else None
        out.append(rows if rows else text.strip())
    return out


def _table_rows(xml: str) -> str | None:
    if "<tr" not in xml:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    try:
        root = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    return _rows(root, lambda cell: "".join(cell.itertext())) or None


def _from_json(data: bytes, name: str) -> tuple[str, str, str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: JSON that is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if isinstance(obj, list) and len(obj) == 1 and isinstance(obj[0], dict):  # the PMC BioC service's answer
        obj = obj[0]
    if isinstance(obj, dict) and "passages" in obj:  # one bare document
        docs: Any = [obj]
    elif isinstance(obj, dict) and isinstance(obj.get("documents"), list):
        docs = obj["documents"]
    else:
        raise InputError(f"{name}: JSON but not a BioC collection (expected \"documents\" holding \"passages\"); "
                         "casecourse reads narratives as plain text, JATS XML or BioC")
    _one_document(len(docs), name)
    passages = docs[0].get("passages") if isinstance(docs[0], dict) else None
    if not isinstance(passages, list):
        raise InputError(f"{name}: a BioC document without a list of \"passages\"")
    read: list[tuple[dict[str, str], str]] = []
    for p in passages:
        if not isinstance(p, dict):
            raise InputError(f"{name}: a BioC passage that is not an object")
        infons = {str(k): str(v) for k, v in (p.get("infons") or {}).items()}
        body = p.get("text")
        if body is None:
            body = " ".join(str(s.get("text", "")) for s in p.get("sentences") or [] if isinstance(s, dict))
        read.append((infons, str(body)))
    return _join(_bioc_blocks(read), name), "utf-8", "bioc-json"
