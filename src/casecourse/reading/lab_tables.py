"""Lab results in tables: `find_table_labs(text)` -> `lab_value` mentions, one per result cell.

Full-text case reports flatten their tables to lines of tab-separated cells. A table is a run of
such lines; its first line is the header when it holds no result value. A row is a lab row when its
first cell names a test of the lab catalogue ("Hemoglobin", "C3, mg/dL", "Serum C4 (mg/dL)"); the
other cells are results, except a column headed as the unit ("Unit", "Units") or as the reference
interval ("Reference values", "Normal range"). The unit is taken, in this order, from the cell
itself ("26 mg/dL"), the unit column, or the row label (", mg/dL" or "(mg/dL)"); it is kept as
written. A cell holding only a dash is no result. The column header ("Day 5", "On admission",
"12/03/2019") is kept in `attrs["column"]`, so the time of each value can be told apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import lab_fluids
from casecourse.reading.lab_flags import flag_at_end
from casecourse.reading.labs import fits, value_mention
from casecourse.reading.labs_catalogue import LabTest, catalogue, expand, find_tests
from casecourse.reading.labs_qualitative import interpretation
from casecourse.reading.labs_values import find_values

_UNIT_HEADER = re.compile(r"^\s*units?\s*$", re.I)
# a column headed only as the result ("Result", "Value", "Patient"): it names no time of its own
_RESULT_HEADER = re.compile(r"^\s*(?:results?|values?|patient(?:'s)? (?:results?|values?)|patient|findings?|measured|"
                            r"observed|level)\s*$", re.I)
# a reference cell: "70-99 mg/dL", "3.5–5.0", "<0.6 mmol/L", "> 60"
# (the unit may stand in brackets, "4.8-10.8 (×109/L)"; a number may be written with a decimal comma, "0,7-1,15", or
# grouped thousands, "150 000–450 000")
_REF_NUM = r"\d{1,3}(?:[ ,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_REFERENCE_CELL = re.compile(rf"^\s*(?:(?P<cmp>[<>≤≥])\s*(?P<bound>{_REF_NUM})|"
                             rf"(?P<lo>{_REF_NUM})\s*(?:[-–—~]|to)\s*(?P<hi>{_REF_NUM}))\s*"
                             r"(?:\((?P<punit>[^()]+)\)|(?P<unit>\S.*?))?\s*$")
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


def _ref_unit(ref: re.Match[str]) -> str | None:
    """The unit written with a reference interval, in brackets or not."""
    return ref.group("unit") or ref.group("punit")


def _ref_num(written: str) -> float:
    """A number of a reference interval: "11 300" and "1,000" grouped in thousands, "0,7" and "0,045" with a decimal
    comma (no thousands begin with 0)."""
    written = written.replace(" ", "")
    if "," in written:
        written = written.replace(",", "") if _THOUSANDS.fullmatch(written) else written.replace(",", ".")
    return float(written)
_REFERENCE_HEADER = re.compile(r"\b(?:reference|normal|ref\.?|range|interval|limits?|ULN|RV|NV)\b", re.I)
_EMPTY = re.compile(r"^\s*(?:[-–—−/]+|n\.?\s?a\.?|nd|not done|not (?:available|measured|tested))?\s*$", re.I)
_SPACED_THOUSANDS = re.compile(r"^(?P<cmp>[<>≤≥]\s?)?\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
# (a percent sign alone after the name: "Neutrophil %", round labqa12)
_LABEL_UNIT = re.compile(r"(?:,\s*|\s*\(|\s+in\s+|\s+(?=[×x]\s?10[\d^])|\s+(?=%\s*$))(?P<unit>[^,()]{1,20}?)\)?\s*$")
_LABEL_UNIT_BEFORE = re.compile(r"^\s*,?\s*|\s+$")  # what stands around a unit between a row's name and interval
_LABEL_INTERVAL = re.compile(r"\s*\((?P<ref>[^()]{1,30})\)\s*$")  # a bracket closing a row label
# a percentage named by its short form in a row label: "Neutrophils (NEU%)", "Lymphocytes (LYMPH%)"
_PERCENT_NAMED = re.compile(r"^[A-Za-z]{2,6}(?=%$)")
_NUMERIC_CELL = re.compile(r"^\s*[<>≤≥]?\s*[\d.,\s–\-]+\s*$")
# a number and its unit in one cell ("15.9 g/dL", "7.5 × 109/mL"); a time after a number heads a column ("6 h", "Day 3")
_VALUE_UNIT_CELL = re.compile(r"^\s*[<>≤≥]?\s*\d[\d.,]*\s?(?:[×xX]\s?10\S*\s?)?[A-Za-zµμ%/][^\s]*\s*$")
_TIME_CELL = re.compile(
    r"^\s*\d[\d.,]*\s?(?:h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?|y|yrs?|years?|mins?|minutes?)\.?\s*$", re.I)
# a table cell may state a result in one word the running text rarely uses alone
_INTERP_EXTRA = {"absent": "NEG", "present": "POS", "neg": "NEG", "pos": "POS", "+": "POS", "-ve": "NEG", "+ve": "POS"}
# label words that may precede the test name in a row label
_LABEL_LEAD = 12


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for raw in text.split("\n"):
        yield pos, raw
        pos += len(raw) + 1


def _cells(start: int, line: str) -> list[Cell]:
    out: list[Cell] = []
    pos = start
    for raw in line.split("\t"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        out.append(Cell(pos + lead, pos + lead + len(body), body))
        pos += len(raw) + 1
    while out and not out[-1].text:
        out.pop()
    return out


def _tables(text: str) -> Iterator[list[list[Cell]]]:
    """Runs of consecutive lines that contain a tab (a blank line does not end a table)."""
    block: list[list[Cell]] = []
    for start, line in _lines(text):
        if "\t" in line:
            cells = _cells(start, line)
            if len(cells) >= 2:
                block.append(cells)
        elif line.strip() and block:
            yield block
            block = []
    if block:
        yield block


def _is_header(row: list[Cell]) -> bool:
    """A first row with no result value; one whose label names a test and whose cell is a number with its unit
    ("Haemoglobin | 15.9 g/dL", a table with no header) is a lab row, not a header ("Test | 6 h | 24 h" stays one)."""
    if any(_NUMERIC_CELL.match(_unflagged(c.text)) for c in row[1:] if c.text):
        return False
    return not (any(_VALUE_UNIT_CELL.match(c.text) and not _TIME_CELL.match(c.text) for c in row[1:] if c.text)
                and _row_test(row[0]) is not None)


def _unflagged(cell: str) -> str:
    """A cell without the laboratory's flag closing it ("2100 (L)" -> "2100")."""
    flag = flag_at_end(cell) if cell.endswith((")", "]")) else None
    return cell[:flag[1]] if flag is not None else cell


@cache
def _short_labels() -> dict[str, LabTest]:
    """Row labels that name a test only as a whole table cell (knowledge/lab_table_labels.csv)."""
    tests = catalogue()
    return {r["label"]: tests[r["test"]] for r in table("lab_table_labels.csv")}


def _row_test(label: Cell) -> tuple[LabTest, str | None, str, str | None] | None:
    """The test a row label names, the unit the label states (if any), the name as written and the reference interval
    the label states in its brackets, if any ("Sodium (135-145 mEq/L)": unit mEq/L, interval 135-145 mEq/L)."""
    hits = [h for h in find_tests(label.text) if h.start <= _LABEL_LEAD]
    if not hits and (short := _short_labels().get(label.text)) is not None:
        return short, None, label.text, None  # "K", "Ht": a whole label only tables abbreviate so
    if not hits or _ANTI_BEFORE.search(label.text, 0, hits[0].start) or (
            hits[0].start > 0 and hits[0].test.name.startswith("immunoglobulin ") and _ANTI_LABEL.match(label.text)):
        # "Anti TG Ab": an antibody to the test's analyte, not the analyte; "Anti-HSV IgM": an antibody class to what
        # the label names before it, not the total IgM ("Anti-HIV" stays the HIV serology)
        return None
    test = hits[0].test
    if test.members:
        members = expand(test)
        if len(members) != 1:
            return None
        test = members[0]
    elif test.kind == "anchor":
        return None  # "A-a gradient": a word values follow that names no test of its own (knowledge/labs.csv)
    rest = label.text[hits[0].end:]
    if _NUMBER_AFTER_NAME.match(rest):
        return None  # "IgG 4": a lone digit after the name names a subclass, not the test
    unit = None
    name = label.text
    interval = None
    m = _LABEL_UNIT.search(rest)
    if m and (written := _PERCENT_NAMED.sub("", m.group("unit").strip())) and _unit_codes(written)[0] is not None \
            and (written[0] not in "×x" or _label_unit_fits(test, written)):
        # "Hemoglobin, g/dL", "C3 (mg/dL)", "Leukocytes × 109/L" (a count's power of ten after the name, no comma)
        unit = written
        name = label.text[:hits[0].end + m.start()]
    elif (bracket := _LABEL_INTERVAL.search(rest)) and (ref := _REFERENCE_CELL.match(bracket.group("ref"))):
        # "Sodium (135-145 mEq/L)", "WBC count (<5 cells/mcl)": the row's interval, and the unit written with it
        interval = bracket.group("ref")
        name = label.text[:hits[0].end + bracket.start()]
        if _ref_unit(ref) and _unit_codes(str(_ref_unit(ref)))[0] is not None:
            unit = _ref_unit(ref)
        elif (written := _LABEL_UNIT_BEFORE.sub("", rest[:bracket.start()])) and _unit_codes(written)[0] is not None:
            # "Hemoglobin, g/dL (12-16)", "LDH IU/L (120-250)": the unit between the name and the bracketed interval
            unit = written
            name = label.text[:hits[0].end]
    return test, unit, name.strip(" ,:"), interval


def _label_unit_fits(test: LabTest, unit: str) -> bool:
    """Whether a unit written after a row's name without a comma or bracket suits the test: "Hemoglobin × 1012/L" (a
    count's unit under a concentration) is left for the cells to state."""
    probe = find_values(f"1.0 {unit}")
    return bool(probe) and (test.unit_kind is None or fits(test, probe[0]))


def _unit_codes(unit: str) -> tuple[str | None, object]:
    """UCUM code and unit info of a unit written alone; a flattened count unit ("103/µL") reads as 10^3/µL."""
    # "1.0", not "1": "1 103/µL" would read as 1,103/µL (a space grouping thousands before a count unit)
    for probe in (f"1.0 {unit}", f"1.0 ×{unit}" if unit[:2] == "10" else None):
        if probe:
            found = find_values(probe)
            if found and found[0].ucum:
                return found[0].ucum, found[0].info
    return None, None


def _cell_mention(text: str, cell: Cell, test: LabTest, unit: str | None, column: str | None,
                  written_test: str, unit_cell: Cell | None = None,
                  scale: tuple[float, float] | None = None) -> Mention | None:
    if _EMPTY.match(cell.text):
        return None
    interp = _INTERP_EXTRA.get(cell.text.lower()) or interpretation(cell.text)
    if interp is not None:
        return Mention(type="lab_value", start=cell.start, end=cell.end, text=cell.text, norm=test.name,
                       attrs={"test": test.name, "interpretation": interp, "loinc": test.loinc, "table": True,
                              "test_text": written_test,
                              **({"column": column} if column else {})})
    written = _FOOTNOTE.sub("", cell.text)  # "128#", "43*": a footnote's mark after the number
    if (flag := flag_at_end(written)) is not None:  # "304 (H)", "3.4 (L)": the laboratory's own flag
        written = written[:flag[1]]
    spaced = _SPACED_THOUSANDS.match(written)
    if spaced:  # "21 400": a thousands separator, not two numbers
        written = written.replace(" ", "")
    values = find_values(written)
    if not values or values[0].start > 2:
        return None
    v = values[0]
    if v.end < len(written.rstrip(_ARROWS).rstrip()) and v.unit is None and not spaced:
        return None  # a cell with more than a value: not a result cell
    if (v.extra or {}).get("bare_pressure") and test.ucum != "mm[Hg]" \
            and "/" not in _BRACKETED.sub("", written_test):
        # "WBC distribution (L/N) | 70/30": two shares, no count of 70 (a pair the label names, "SGOT/SGPT | 93/70",
        # keeps its first value)
        return None
    end = cell.end
    if v.ucum is None and unit_cell is not None and _unit_cell(unit_cell.text):
        # the unit in a cell of its own after the value: "0.68 | × 10^9/L", "308×10^4 | /µL"
        joined = find_values(f"{written} {unit_cell.text}")
        if joined and joined[0].start == values[0].start and joined[0].ucum is not None:
            v, end = joined[0], unit_cell.end
    if v.unit is None and unit is not None and (scale is None or v.value is None or v.value == 0
                                                 or scale[0] <= abs(v.value) <= scale[1]):
        v.unit, v.ucum, v.info = unit, *_unit_codes(unit)
    if v.info is not None and test.unit_kind is not None and not fits(test, v):
        return None  # "PT% | 42 | %": a percentage is no prothrombin time in seconds (the row names another test)
    v.start, v.end = cell.start, end
    mention = value_mention(text, v, test)
    if (arrow := cell.text.rstrip()[-1:]) in _ARROWS:  # "354 IU/L↑": the table's own flag
        mention.attrs["interpretation"] = "H" if arrow == "↑" else "L"
    elif flag is not None:
        mention.attrs["interpretation"] = flag[0]
    mention.attrs["table"] = True
    mention.attrs["test_text"] = written_test
    if column:
        mention.attrs["column"] = column
    return mention


_ARROWS = "↑↓"
_BRACKETED = re.compile(r"\([^()]*\)")
_TRAIL_PUNCT = ".:"
_SCALE = 500.0  # a result may lie this many times beyond its interval (ALT 20,000 U/L against 7–56 U/L), not more
_ANTI_BEFORE = re.compile(r"\banti[\s-]*$", re.I)
_ANTI_LABEL = re.compile(r"\s*anti\b", re.I)
_NUMBER_AFTER_NAME = re.compile(r"\s?\d\s*$")
_FOOTNOTE = re.compile(r"(?<=\d)\s?[*#@†‡]+$")


def _scale(ref: re.Match[str]) -> tuple[float, float]:
    """The magnitudes a value may have to take the unit of its row's interval: never "Leukocytes | 4.4–11.3 × 10^3/mm3
    | 20,400" (a count written in full is not in thousands)."""
    lo, hi = (_ref_num(ref.group("lo")), _ref_num(ref.group("hi"))) if ref.group("lo") \
        else (0.0, _ref_num(ref.group("bound")))
    return lo / _SCALE, max(hi, lo) * _SCALE


def _unit_cell(cell: str) -> bool:
    """Whether a cell holds only a unit ("× 109/L", "/µL", "mmol/L"); never a name opening with a unit's letters
    ("C. pneumoniae IgA" is no °C)."""
    if not cell or cell[0].isdigit() or _unit_codes(cell)[0] is None:
        return False
    for probe in (f"1.0 {cell}", f"1.0 ×{cell}" if cell[:2] == "10" else None):
        found = find_values(probe) if probe else None
        if found and found[0].ucum and found[0].end >= len(probe.rstrip(_TRAIL_PUNCT)):
            return True
    return False


def _side_label(cell: Cell) -> bool:
    """Whether a cell inside a row is a label: no number, no result word, no unit, beginning with a letter."""
    t = cell.text
    return bool(t) and t[0].isalpha() and t[:2] not in ("x1", "×1") and not _NUMERIC_CELL.match(t) \
        and interpretation(t) is None and t.lower() not in _INTERP_EXTRA and not _unit_cell(t)


def _flag(mention: Mention, reference: str) -> str | None:
    """H / L / N of a table result against its row's reference cell, written with no unit or the result's own."""
    m = _REFERENCE_CELL.match(reference)
    a = mention.attrs
    x = a.get("value")
    if m is None or not isinstance(x, int | float) or a.get("value_high") is not None:
        return None
    unit = _ref_unit(m)
    if unit and unit.replace(" ", "").lower() != str(a.get("unit") or "").replace(" ", "").lower():
        return None
    comparator = a.get("comparator")
    if m.group("cmp"):
        if comparator:
            return None
        bound = _ref_num(m.group("bound"))
        if m.group("cmp") in "<≤":
            return "H" if x > bound or (x == bound and m.group("cmp") == "<") else "N"
        return "L" if x < bound or (x == bound and m.group("cmp") == ">") else "N"
    lo, hi = _ref_num(m.group("lo")), _ref_num(m.group("hi"))
    if lo > hi or hi >= 1000 and _DOT_THOUSANDS.fullmatch(mention.text.strip()):
        return None  # "17.460" against "4100–11,800": the point may group thousands (17,460); no flag either way
    if comparator:  # a bound of the result: known low or high only when all it allows is outside
        return "L" if comparator in "<≤" and x <= lo else "H" if comparator in ">≥" and x >= hi else None
    return "L" if x < lo else "H" if x > hi else "N"


def _blocks(header: list[Cell] | None, width: int) -> list[tuple[int, int]]:
    """Column blocks of a table set side by side: a header that repeats its first cell ("Exam  Result  RV  Exam
    Result  RV") starts a block of its own at each repeat, whose first column names the test of its row."""
    if header is None or not header[0].text:
        return [(0, width)]
    first = header[0].text.lower()
    starts = [0] + [i for i, c in enumerate(header) if i and c.text.lower() == first]
    return list(zip(starts, [*starts[1:], width], strict=True))


def find_table_labs(text: str) -> list[Mention]:
    """One `lab_value` per result cell of every lab row of every table in `text`."""
    if "\t" not in text:
        return []
    out: list[Mention] = []
    for rows in _tables(text):
        header = rows[0] if _is_header(rows[0]) else None
        width = max(len(r) for r in rows)
        blocks = _blocks(header, width)
        unit_cols: dict[int, int] = {}  # block start -> its unit column
        skip: set[int] = {s for s, _e in blocks}
        columns: dict[int, str] = {}
        ref_cols: dict[int, int] = {}  # block start -> its reference column
        side_refs: tuple[int, ...] = ()  # every column headed as a reference interval
        if header is not None:
            for s, e in blocks:
                for i in range(s + 1, min(e, len(header))):
                    c = header[i]
                    if _UNIT_HEADER.match(c.text):
                        unit_cols[s] = i
                        skip.add(i)
                    elif _REFERENCE_HEADER.search(c.text):
                        skip.add(i)
                        ref_cols.setdefault(s, i)
                        side_refs += (i,)
                    elif c.text and not _RESULT_HEADER.match(c.text):
                        columns[i] = c.text
        last_ref = header is not None and _merged_header(header, rows[1:], ref_cols.get(0))
        if last_ref:
            columns = {}  # a header cell spanning several columns: which column each name heads is not known
        found: list[Mention] = []
        body = rows[1:] if header is not None else rows
        side_by_side = len(blocks) == 1 and sum(len(_label_starts(r)) > 1 for r in body) > 1
        for row in body:
            if side_by_side and _row_test(row[0]) is None and (starts := [i for i in _label_starts(row) if i]):
                # a table of blocks set side by side whose row opens with no test of its own (an empty cell, a
                # section's name "Hematology", a label the catalogue does not know "Seg"): its blocks after it
                found.extend(_block_mentions(text, row, starts[0], len(row), skip, {}, None,
                                             next((r for r in side_refs if r > starts[0]), None), side_refs))
                continue
            for s, e in blocks:
                if s >= len(row):
                    continue
                row_skip, ref_col = skip, ref_cols.get(s)
                if last_ref and ref_col is not None and (last := _last_filled(row)) > ref_col \
                        and _REFERENCE_CELL.match(row[last].text):
                    row_skip, ref_col = (skip - {ref_col}) | {last}, last  # the interval closes the row
                found.extend(_block_mentions(text, row, s, min(len(row), e, width), row_skip, columns,
                                             unit_cols.get(s), ref_col, () if last_ref else side_refs))
        if found and (specimen := lab_fluids.table_specimen(_caption(text, rows[0][0].start))
                      or (lab_fluids.table_specimen(header[0].text) if header is not None else None)) is not None:
            # the caption's fluid, or the one the header's first cell names ("CSF characteristics | Day 7 | Day 13")
            for m in found:  # "Table 2 Cerebrospinal fluid analysis": its glucose is no blood glucose
                lab_fluids.refile(m, specimen)
        out.extend(found)
    return out


def _label_starts(row: list[Cell]) -> list[int]:
    """Where a row's cells name a test whose result the next filled cell gives ("WBC | 2,500 | /µL | TP | 5.3")."""
    out = []
    for i, c in enumerate(row[:-1]):
        if not c.text or not c.text[0].isalpha() or _NUMERIC_CELL.match(c.text):
            continue
        nxt = next((d.text for d in row[i + 1:] if d.text), "")
        if nxt[:1].isdigit() or nxt[:1] in "<>≤≥" and nxt[1:].strip()[:1].isdigit():
            if _row_test(c) is not None:
                out.append(i)
    return out


def _last_filled(row: list[Cell]) -> int:
    return max((i for i, c in enumerate(row) if c.text), default=-1)


def _merged_header(header: list[Cell], rows: list[list[Cell]], ref_col: int | None) -> bool:
    """Whether the header's last cell is the reference column of rows wider than the header: a header cell spans
    several columns ("Test | Trend over the stay | On discharge | Reference range" over rows of nine cells), so the
    interval is each row's last cell, not the cell under the header's."""
    return ref_col is not None and ref_col == _last_filled(header) \
        and any(_last_filled(r) > ref_col for r in rows)


def _caption(text: str, start: int) -> str:
    """The line right before a table (its caption, where it has one; never a line of cells)."""
    end = text.rfind("\n", 0, start)
    if end <= 0:
        return ""
    line = text[text.rfind("\n", 0, end) + 1:end]
    return "" if "\t" in line else line


def _interval_unit(row: list[Cell], unit: str | None, ref_col: int | None,
                   label_ref: str | None) -> tuple[str | None, tuple[float, float] | None]:
    """The unit of a row's results and the magnitudes a value may have to take it, from the row's interval where
    the label states no unit."""
    if unit is None and ref_col is not None and ref_col < len(row) and (
            ref := _REFERENCE_CELL.match(row[ref_col].text)) is not None and _ref_unit(ref) \
            and _unit_codes(str(_ref_unit(ref)))[0] is not None:
        return _ref_unit(ref), _scale(ref)  # "Sodium | 134–145 mmol/L | 128": the unit written with the interval
    if label_ref is not None and unit is not None and (ref := _REFERENCE_CELL.match(label_ref)) is not None:
        return unit, _scale(ref)  # "Sodium (135-145 mEq/L) | 128": the unit written with the label's interval
    return unit, None


def _block_mentions(text: str, row: list[Cell], s: int, e: int, skip: set[int], columns: dict[int, str],
                    unit_col: int | None, ref_col: int | None, side_refs: tuple[int, ...] = ()) -> list[Mention]:
    """The results of one row in the columns s..e-1, the test named in column s; `side_refs`, the columns the header
    heads as reference intervals, give a second block of the row its own ("ALT | 20 | 9-36 U/L" beside "Bands | 0 |
    1-5%" under "RV ... RV")."""
    found = _row_test(row[s])
    if found is None:
        return []
    test, unit, written, label_ref = found
    if unit_col is not None and unit_col < len(row) and row[unit_col].text:
        unit = row[unit_col].text
    unit, scale = _interval_unit(row, unit, ref_col, label_ref)
    out: list[Mention] = []
    side = False  # past a second test named in the row: its cells are no longer under the header's columns
    read = False  # a cell of the row read as a value (or its unit) before
    i = s + 1
    while i < e:
        if i in skip:
            i += 1
            continue
        if read and _side_label(row[i]):
            # a second block of results set beside the first with no header to say so ("WBC | 0.68 | × 10^9/L |
            # Urea | 8.8 | mmol/L"): the label names the test of the cells after it; one the catalogue does not know
            # names a test of its own, and its cells are no result of the row's first test
            named = _row_test(row[i])
            side = True
            i += 1
            if named is None:
                # a label the catalogue does not know ("SP-A | 84.9 | ng/mL", or a unit no table reads, "47.2 |
                # second"): its cells are results of no test read here; the row's next known label starts again
                while i < e and not (i not in skip and _side_label(row[i]) and _row_test(row[i]) is not None):
                    i += 1
                continue
            test, unit, written, label_ref = named
            ref_col = next((r for r in side_refs if i <= r < e), None)  # the side block's own interval column
            unit, scale = _interval_unit(row, unit, ref_col, label_ref)
            continue
        nxt = row[i + 1] if i + 1 < e and i + 1 not in skip else None
        m = _cell_mention(text, row[i], test, unit, None if side else columns.get(i), written, nxt, scale)
        read = read or bool(row[i].text)
        if m is not None:
            if ref_col is not None and ref_col < len(row) and "interpretation" not in m.attrs and (
                    flag := _flag(m, row[ref_col].text)) is not None:
                m.attrs["interpretation"] = flag  # the row's own reference interval
            elif label_ref is not None and "interpretation" not in m.attrs \
                    and (flag := _flag(m, label_ref)) is not None:
                m.attrs["interpretation"] = flag  # the interval its label states: "Sodium (135-145 mEq/L) | 128"
            out.append(m)
            if nxt is not None and m.end == nxt.end:
                i += 1  # the unit's cell
        i += 1
    return out


def named_in_cell(text: str, m: Mention) -> bool:
    """Whether a value read from running text inside a table has its test named before it in its own cell: a table
    whose cells are short sentences ("WCC 8.4 × 10^9/L (6–16) | Cr 57 µmol/L (55–77)", "Total WBC 540/µL (neutrophil
    28%, ...)"), which the grid reading above does not read."""
    if "\t" in text[m.start:m.end] or "\n" in text[m.start:m.end]:
        return False
    cell_start = max(text.rfind("\t", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    cell_end = min(x for x in (text.find("\t", m.end), text.find("\n", m.end), len(text)) if x >= 0)
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end) % (len(text) + 1)
    if m.attrs.get("comparator") or _BULLET.match(text, cell_start) \
            or sum(1 for c in text[line_start:line_end].split("\t") if c.strip()) > _MAX_SENTENCE_CELLS:
        # a bound ("Elevated creatine kinase level >200 U/L"), a listed item, or a row of many columns (a table of
        # published cases: "USA | 19 | F | Blood | ... | Fever, WBC 14.8 × 10^9/L"): no result of the patient's
        return False
    test = m.attrs.get("test")
    hits = [h for h in find_tests(text[cell_start:cell_end]) if h.test.name == test]
    if not hits or not m.attrs.get("unit") and hits[0].test.ucum not in (None, "", "1"):
        return False  # a bare number of a test with units: "provided ALT below 5N" (a criterion's threshold)
    before = [cell_start + h.end for h in hits if cell_start + h.end <= m.start]
    after = [cell_start + h.start for h in hits if cell_start + h.start >= m.end]
    if before:  # the name, then its value: "Hb 97 g/L (115–160)"
        lo, hi = before[-1], m.start
        if hi - lo > _NAME_GAP:
            return False  # "1% blasts with hypocellular marrow with a cellularity of 30%": another measure's
        # a unit or an interval in brackets or after a comma right after the name, closing the cell, labels a row or a
        # column: "WBC count (<5 cells/µL)", "Platelet count (10^3/µL)", "Glucose (40–80 mg/dL)", "White cell count,
        # 10^3/µL"
        if _OPEN_ONLY.fullmatch(text, lo, hi) and _CLOSE_ONLY.fullmatch(text, m.end, cell_end):
            return False
    elif after:  # the value, then what it counts: "with 90% neutrophils"
        lo, hi = m.end, after[0]
    else:
        return False
    # a number in brackets the name is not in is the name's interval: "... 92.7% neutrophils (4.5–11.0 × 10^9/L)"
    return text.count("(", lo, hi) == text.count(")", lo, hi)

_BULLET = re.compile(r"\s*[•●▪◦·\-–]\s")
_MAX_SENTENCE_CELLS = 4  # non-empty cells of a row of results written as sentences (more: a table of cases)
_NAME_GAP = 25  # characters at most from a test's name to its value in a cell
_OPEN_ONLY = re.compile(r"\s*(?:[(\[,]|\bin\b)\s*")
_CLOSE_ONLY = re.compile(r"\s*[)\]]?\s*")


__all__ = ["find_table_labs", "named_in_cell"]
