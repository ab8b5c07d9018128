"""Score predicted mentions against gold documents, row by row of the corpus mapping."""
from __future__ import annotations

from dataclasses import dataclass

from casecourse.evaluation.gold import GoldDoc, GoldSpan
from casecourse.evaluation.hpo_ids import as_of_release, normalize_hpo
from casecourse.evaluation.mapping import CorpusMapping, Row
from casecourse.evaluation.metrics import Counts, Item, counts_for, match_lenient, match_strict
from casecourse.model import Mention


@dataclass
class RowMatch:
    """One document's gold and predicted items of one row, with their strict and lenient pairs."""

    doc: GoldDoc
    gold: list[GoldSpan]
    pred: list[Mention]
    strict: list[tuple[int, int]]
    lenient: list[tuple[int, int]]


def _key(value: object, key: str | None, release: str | None = None) -> str | None:
    if key is None or value is None:
        return None
    if key != "hpo":
        return str(value)
    return as_of_release(normalize_hpo(str(value)), release) if release else normalize_hpo(str(value))


def pred_hpo(m: Mention, release: str | None = None) -> str | None:
    """A prediction's HPO id as a row scores it: primary id, of the corpus's HPO release where the row names one."""
    return _key(m.attrs.get("hpo"), "hpo", release)


def in_scope(mentions: list[Mention], doc: GoldDoc, scope: str, zones: frozenset[str] | None = None,
             unless_followed_by: tuple[tuple[str, str], ...] = ()) -> list[Mention]:
    """The mentions a corpus scores: all, or those inside its annotated window; with `zones`, only those the
    reader placed in one of these zones (a corpus that annotates only what the case has); with `unless_followed_by`
    ((zone, later zone) pairs), a mention of the first zone only when no mention of the later zone follows it (an
    abstract told before the case's own section)."""
    for zone, later in unless_followed_by:
        last = max((m.start for m in mentions if m.zone == later), default=-1)
        mentions = [m for m in mentions if m.zone != zone or m.start > last]
    if zones is not None:
        mentions = [m for m in mentions if m.zone in zones]
    if scope != "annotated_window":
        return list(mentions)
    lo, hi = doc.window()
    return [m for m in mentions if m.start < hi and m.end > lo]


def match_row(doc: GoldDoc, mentions: list[Mention], row: Row) -> RowMatch:
    gold = [g for g in doc.spans if g.label in row.gold]
    candidates = [m for m in mentions if m.type in row.pred and (row.key is None or m.attrs.get(row.key))
                  and row.admits(m.type, m.attrs, m.assertion.value, m.zone)]
    candidates.sort(key=lambda m: (m.start, m.end, m.type, m.text, m.assertion.value))
    # The reader may give one span twice (e.g. an age both as demographic and as timex): a row's
    # predictions are a set of (span, key), so identical ones count once.
    pred: list[Mention] = []
    p_items: list[Item] = []
    seen: set[Item] = set()
    for m in candidates:
        item = (m.start, m.end, _key(m.attrs.get(row.key) if row.key else None, row.key, row.hpo_release))
        if item not in seen:
            seen.add(item)
            pred.append(m)
            p_items.append(item)
    g_items: list[Item] = [(g.start, g.end, _key(g.attr(row.key) if row.key else None, row.key))
                           for g in gold]
    return RowMatch(doc, gold, pred, match_strict(g_items, p_items), match_lenient(g_items, p_items))


def match_corpus(docs: list[GoldDoc], predictions: list[list[Mention]],
                 mapping: CorpusMapping) -> dict[str, list[RowMatch]]:
    if len(docs) != len(predictions):
        raise ValueError(f"{len(docs)} documents but {len(predictions)} predictions")
    matches: dict[str, list[RowMatch]] = {row.name: [] for row in mapping.rows}
    for doc, mentions in zip(docs, predictions, strict=True):
        scoped = in_scope(mentions, doc, mapping.scope, mapping.zones, mapping.unless_followed_by)
        for row in mapping.rows:
            matches[row.name].append(match_row(doc, scoped, row))
    return matches


def row_counts(matches: list[RowMatch]) -> tuple[Counts, Counts]:
    strict, lenient = Counts(), Counts()
    for m in matches:
        strict.add(counts_for(len(m.gold), len(m.pred), m.strict))
        lenient.add(counts_for(len(m.gold), len(m.pred), m.lenient))
    return strict, lenient


def summarize(matches: dict[str, list[RowMatch]]) -> tuple[dict, dict]:
    """Per-row strict/lenient scores, plus micro and macro averages over the rows.

    Rows with neither gold nor predictions in the whole corpus are left out of the macro average.
    """
    types, micro_s, micro_l, macro_s, macro_l = {}, Counts(), Counts(), [], []
    for name, row_matches in matches.items():
        s, l_ = row_counts(row_matches)
        types[name] = {"strict": s.prf(), "lenient": l_.prf()}
        micro_s.add(s)
        micro_l.add(l_)
        if not s.empty:
            macro_s.append(types[name]["strict"]["f1"])
            macro_l.append(types[name]["lenient"]["f1"])
    averages = {
        "micro": {"strict": micro_s.prf(), "lenient": micro_l.prf()},
        "macro_f1": round(sum(macro_s) / len(macro_s), 4) if macro_s else 0.0,
        "macro_f1_lenient": round(sum(macro_l) / len(macro_l), 4) if macro_l else 0.0,
    }
    return types, averages
