"""E3C English layer 1: UIMA CAS XMI exported by WebAnno, read with lxml.

The text is the `sofaString` of `cas:Sofa`; each `custom:TIMEX3` element has `begin`/`end`,
`timex3Class` (DATE, DURATION, TIME, SET, QUANTIFIER, PREPOSTEXP) and `value` (TIMEX3/ISO-8601); each
`custom:CLINENTITY` (a disorder or a sign or symptom, with its UMLS CUI in `entityID`) becomes a `CLINENTITY` span.
UIMA offsets count UTF-16 code units; they are converted to Python string indices.
Only the test split is read: `documentation/train_test_split.txt` lists the English *training*
documents, and every English layer-1 document not listed there is a test document.

Each document's `custom:METADATA/@docTime` (the publication date the annotators resolved
"5 years ago" against) becomes `GoldDoc.reference_date`, passed to the reader like a TempEval DCT.

Gold values are written in several notations for one meaning (`2012-10-__` for `2012-10`, `21DD`
for `P21D`, `P48H` for `PT48H`); `canonical_value` rewrites them to TIMEX3 form (the raw value is
kept as `value_raw`), and `values_equal` also accepts two durations of exactly the same length
(`P3W` = `P21D`, `PT24H` = `P1D`). Nothing else is forgiven: `2014-01` is not `2014-01-05`.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from casecourse.evaluation.gold import CorpusError, GoldDoc, GoldSpan, read_utf8
from casecourse.model import Mention

CAS = "http:///uima/cas.ecore"
CUSTOM = "http:///webanno/custom.ecore"
LAYER1 = Path("data_annotation/English/layer1")
SPLIT = Path("documentation/train_test_split.txt")


def _utf16_to_index(text: str) -> list[int]:
    """Map each UTF-16 offset to a string index (identity when the text is all in the BMP)."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.extend([i] * (2 if ord(ch) > 0xFFFF else 1))
    table.append(len(text))
    return table


_UNDERSCORES = re.compile(r"(?:-_+)+$")
_BARE_DURATION = re.compile(r"(\d+(?:\.\d+)?)(D|W|M|Y|H)\2?")
_DURATION = re.compile(r"P(T?)(\d+(?:\.\d+)?)([SMHDWY])")
_EXACT_SECONDS = {("T", "S"): 1, ("T", "M"): 60, ("T", "H"): 3600, ("", "D"): 86400, ("", "W"): 604800}


def canonical_value(value: str) -> str:
    """A gold TIMEX3 value in canonical notation (see the module docstring)."""
    v = _UNDERSCORES.sub("", value.strip())
    if m := _BARE_DURATION.fullmatch(v):
        n, u = m.groups()
        return f"PT{n}H" if u == "H" else f"P{n}{u}"
    if m := re.fullmatch(r"P(\d+(?:\.\d+)?)([HS])\2?", v):
        return f"PT{m.group(1)}{m.group(2)}"
    return v


def _seconds(value: str) -> float | None:
    m = _DURATION.fullmatch(value)
    if not m or (m.group(1), m.group(3)) not in _EXACT_SECONDS:
        return None
    return float(m.group(2)) * _EXACT_SECONDS[(m.group(1), m.group(3))]


def values_equal(gold: str, pred: str) -> bool:
    """Gold and predicted TIMEX3 values mean the same: equal in canonical notation, or two
    durations of exactly the same length in seconds, minutes, hours, days or weeks."""
    g, p = canonical_value(gold), canonical_value(pred)
    if g == p:
        return True
    gs, ps = _seconds(g), _seconds(p)
    return gs is not None and gs == ps


def _doc_time(root: etree._Element) -> str | None:
    meta = root.find(f"{{{CUSTOM}}}METADATA")
    value = meta.get("docTime") if meta is not None else None
    return value if value and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value) else None


_CUI = re.compile(r"C\d{7}")


def _offsets(el: etree._Element, index: list[int], path: Path) -> tuple[int, int]:
    """An annotation's begin/end as string indices (UIMA counts UTF-16 code units)."""
    try:
        return index[int(el.get("begin"))], index[int(el.get("end"))]
    except (TypeError, ValueError, IndexError) as e:
        tag = etree.QName(el).localname
        raise CorpusError(f"{path}: {tag} xmi:id={el.get('{http://www.omg.org/XMI}id')} has bad offsets ({e})") from e


def read_xmi(path: Path) -> GoldDoc:
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as e:
        raise CorpusError(f"{path}: not well-formed XML ({e})") from e
    sofa = root.find(f"{{{CAS}}}Sofa")
    if sofa is None or sofa.get("sofaString") is None:
        raise CorpusError(f"{path}: no cas:Sofa with a sofaString")
    text = sofa.get("sofaString")
    index = _utf16_to_index(text)
    spans = []
    for el in root.iter(f"{{{CUSTOM}}}TIMEX3"):
        start, end = _offsets(el, index, path)
        cls = el.get("timex3Class") or "UNKNOWN"
        attrs = {"timex_class": cls}
        if el.get("value"):
            attrs["value"] = canonical_value(el.get("value"))
            attrs["value_raw"] = el.get("value")
        spans.append(GoldSpan(cls, start, end, text[start:end], tuple(sorted(attrs.items()))))
    for el in root.iter(f"{{{CUSTOM}}}CLINENTITY"):
        start, end = _offsets(el, index, path)
        # the CUI is in entityID; a discontinuous entity may carry it in `discontinuous` instead (else "DISCONTINUOUS")
        cui = next((v for v in (el.get("entityID"), el.get("discontinuous")) if v and _CUI.fullmatch(v)), "")
        spans.append(GoldSpan("CLINENTITY", start, end, text[start:end], (("cui", cui),)))
    spans.sort(key=lambda g: (g.start, g.end, g.label))
    return GoldDoc(id=path.stem, text=text, spans=spans, reference_date=_doc_time(root))


def english_training_ids(split_file: Path) -> set[str]:
    if not split_file.is_file():
        raise CorpusError(f"{split_file}: split list not found")
    lines = read_utf8(split_file).splitlines()
    for i, line in enumerate(lines):
        if line.strip().upper() == "ENGLISH" and i + 1 < len(lines):
            return set(re.findall(r"'([A-Z]{2}\d+)'", lines[i + 1]))
    raise CorpusError(f"{split_file}: no ENGLISH section")


def read_e3c(root: Path, split: str = "test") -> list[GoldDoc]:
    """Layer-1 English documents of `split` ("test", "train" or "all")."""
    folder = root / LAYER1
    files = sorted(folder.glob("*.xml"))
    if not files:
        raise CorpusError(f"{folder}: no XMI files found")
    if split != "all":
        train = english_training_ids(root / SPLIT)
        files = [f for f in files if (f.stem in train) == (split == "train")]
    return [read_xmi(f) for f in files]


# -- E3C span conventions over the reader's mentions ------------------------------------------------------
# The reader serves the course timeline; E3C (THYME/ISO-TimeML) draws some time expressions differently.
# `adapt_predictions` maps one onto the other for scoring only (see docs/evaluation.md); the product is unchanged.
_AT_THE_TIME = re.compile(r"(?:at|by)\s+((?:that|the|this)\s+time)\Z", re.I)
#: "on the same day", "that day": a day of the story named without an amount, a TIMEX3 DATE like "that time"
_SAME_DAY = re.compile(r"(?:the\s+same|that(?:\s+same)?)\s+(?:day|night)", re.I)
#: "she died soon after." (an adverb closing its clause; "soon after surgery" is a relation to an event)
_SOON_AFTER = re.compile(r"(?:soon|shortly)\s+(?:after|afterwards?|thereafter)\Z", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$)")
_NOT_TIME_UNITS = {"cycle", "course", "session", "dose", "infusion", "round"}


def _moved(m: Mention, text: str, start: int, end: int, typ: str, **extra: object) -> Mention:
    return Mention.model_construct(type=typ, start=start, end=end, text=text[start:end], norm=m.norm,
                                   attrs={**m.attrs, **extra}, assertion=m.assertion, zone=m.zone)


def adapt_predictions(text: str, mentions: list[Mention], reference_date: str | None = None) -> list[Mention]:
    """The reader's mentions as E3C TIMEX3 spans:

    - an age at an event ("at the age of 14 months", "at age 3") is dropped: THYME/E3C annotate no ages;
    - an offset counted in treatment cycles, courses or sessions ("after four cycles") is dropped: not a
      time unit in ISO-TimeML;
    - a gestational age ("at 27 weeks' gestation", an `age` mention over "27 weeks") is a DURATION;
    - "at that time" / "at the time" (a `time_relation`) is the TIMEX3 "that time" (the preposition is out),
      a DATE whose value the reader does not resolve (`XXXX-XX-XX`);
    - "the same day" / "that day" (a `time_relation`) is a DATE whose value the reader does not resolve;
    - "soon after" / "shortly thereafter" closing a clause (an adverb, not a relation to a named event) is a
      DATE with an unknown value;
    - a frequency the dose reading absorbed ("60 mg daily", "1 g every 8 hours") is the TIMEX3 SET the time
      reader finds inside that dose span, except a rate's denominator ("3 g per day", "mg/day"), which the
      guidelines count as part of a complex measure ("30 mcg/kg/hr" has no TIMEX3).
    """
    out: list[Mention] = []
    for m in mentions:
        a = m.attrs
        if m.type == "time" and (a.get("age_span") or a.get("rel_unit") in _NOT_TIME_UNITS):
            continue
        if m.type == "age" and a.get("gestational"):
            out.append(_moved(m, text, m.start, m.end, "duration", timex_type="DURATION"))
            continue
        if m.type == "time_relation" and (t := _AT_THE_TIME.fullmatch(m.text)) \
                and not re.match(r"\s+of\b", text[m.end:]):
            out.append(_moved(m, text, m.start + t.start(1), m.end, "time", value="XXXX-XX-XX"))
            continue
        if m.type == "time_relation" and _SAME_DAY.fullmatch(m.text):
            out.append(_moved(m, text, m.start, m.end, "time", value="XXXX-XX-XX"))
            continue
        if m.type == "time_relation" and _SOON_AFTER.fullmatch(m.text) and _CLAUSE_END.match(text, m.end):
            out.append(_moved(m, text, m.start, m.end, "time", value="XXXX-XX-XX"))
            continue
        out.append(m)
    doses = [m for m in mentions if m.type == "dose"]
    if doses:
        from casecourse.reading.timex import find_timexes

        taken = [(m.start, m.end) for m in out if m.type in ("date", "time", "duration", "frequency", "prepost")]
        for f in find_timexes(text, reference_date):
            if f.type != "frequency" or f.text.lower().startswith(("per", "/")):
                continue
            if any(d.start <= f.start and f.end <= d.end for d in doses) \
                    and not any(s < f.end and f.start < e for s, e in taken):
                out.append(f)
    out.sort(key=lambda m: (m.start, -m.end, m.type))
    return out
