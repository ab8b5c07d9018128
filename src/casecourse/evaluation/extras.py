"""Corpus-specific measures beyond span F1: negation, TIMEX3 values, document-level HPO sets."""
from __future__ import annotations

from casecourse.evaluation.gold import GoldDoc
from casecourse.evaluation.hpo_ids import normalize_hpo, one_is_a_step
from casecourse.evaluation.mapping import CorpusMapping, Row
from casecourse.evaluation.metrics import Counts, set_counts
from casecourse.evaluation.readers.e3c import values_equal
from casecourse.evaluation.scoring import RowMatch, match_row, pred_hpo, row_counts
from casecourse.model import Assertion, Mention

NO_VALUE = {"", "NO_VALUE"}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def negation(matches: dict[str, list[RowMatch]], rows: list[str]) -> dict:
    """On lenient-matched spans of `rows`: gold POLARITY=NEG vs. our `negated` assertion.

    Only POLARITY NEG counts as negated gold; UNCERTAIN / MAYBE_* count as not negated.
    Besides accuracy (dominated by the affirmed majority), negation is scored as a class.
    """
    right = total = 0
    cls = Counts()
    for name in rows:
        for m in matches.get(name, []):
            for i, j in m.lenient:
                gold_neg = m.gold[i].attr("polarity") == "NEG"
                pred_neg = m.pred[j].assertion == Assertion.negated
                total += 1
                right += gold_neg == pred_neg
                cls.tp += gold_neg and pred_neg
                cls.fp += pred_neg and not gold_neg
                cls.fn += gold_neg and not pred_neg
    return {"negation_accuracy": _ratio(right, total), "negation_matched": total,
            "negation_class": cls.prf()}


def timex(matches: list[RowMatch], class_of_type: dict[str, str]) -> dict:
    """On lenient-matched TIMEX3 spans: normalised value equal to gold (where gold has a value),
    timex class equal, and per gold class how many were found."""
    value_right = value_total = class_right = 0
    pairs = 0
    by_class: dict[str, dict[str, int]] = {}
    for m in matches:
        strict_gold = {i for i, _ in m.strict}
        lenient_gold = {i for i, _ in m.lenient}
        for i, g in enumerate(m.gold):
            entry = by_class.setdefault(g.label, {"gold": 0, "found_strict": 0, "found_lenient": 0})
            entry["gold"] += 1
            entry["found_strict"] += i in strict_gold
            entry["found_lenient"] += i in lenient_gold
        for i, j in m.lenient:
            g, p = m.gold[i], m.pred[j]
            pairs += 1
            cls = p.attrs.get("timex_type") or class_of_type.get(p.type)
            class_right += cls == g.attr("timex_class")
            gold_value = g.attr("value") or ""
            if gold_value not in NO_VALUE:
                value_total += 1
                value_right += values_equal(gold_value, str(p.attrs.get("value") or ""))
    return {"timex_value_accuracy": _ratio(value_right, value_total), "timex_value_pairs": value_total,
            "timex_class_accuracy": _ratio(class_right, pairs),
            "by_class": dict(sorted(by_class.items()))}


def documents(matches: list[RowMatch], release: str | None = None) -> dict:
    """Document-level HPO sets: micro-averaged over documents (summed set tp/fp/fn)."""
    total = Counts()
    for m in matches:
        gold = {normalize_hpo(g.attr("hpo")) for g in m.gold} - {None}
        pred = {pred_hpo(p, release) for p in m.pred} - {None}
        total.add(set_counts(gold, pred))
    scores = total.prf()
    return {"document_f1": scores["f1"], "document": scores}


def is_a_lenient(matches: list[RowMatch], release: str | None = None) -> dict:
    """A diagnostic beside the headline, never instead of it: the lenient pairs, plus an overlapping gold span
    and prediction left unpaired whose HPO ids are parent and child (one `is_a` step, either way: the phrase
    coded with a term where the annotators chose its parent or child). It says how many errors are a choice of
    level in the ontology rather than a missed or wrong phenotype."""
    total = Counts()
    for m in matches:
        used_g = {i for i, _ in m.lenient}
        used_p = {j for _, j in m.lenient}
        cands = []
        for i, g in enumerate(m.gold):
            if i in used_g:
                continue
            gh = normalize_hpo(g.attr("hpo"))
            for j, p in enumerate(m.pred):
                overlap = min(g.end, p.end) - max(g.start, p.start)
                if j not in used_p and overlap > 0 and one_is_a_step(gh, pred_hpo(p, release)):
                    cands.append((-overlap, i, j))
        for _, i, j in sorted(cands):
            if i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
        total.add(Counts(tp=len(used_g), fp=len(m.pred) - len(used_p), fn=len(m.gold) - len(used_g)))
    scores = total.prf()
    return {"is_a_lenient_f1": scores["f1"], "is_a_lenient": scores}


def span_only(docs: list[GoldDoc], predictions: list[list[Mention]], row: Row) -> dict:
    """The row scored on spans alone: every mention of its types, codes ignored."""
    plain = Row(row.name, row.gold, row.pred, None, row.not_prefixed)
    s, l_ = row_counts([match_row(d, p, plain) for d, p in zip(docs, predictions, strict=True)])
    return {"strict": s.prf(), "lenient": l_.prf()}


def corpus_extras(mapping: CorpusMapping, matches: dict[str, list[RowMatch]],
                  docs: list[GoldDoc], predictions: list[list[Mention]]) -> dict:
    if mapping.corpus == "maccrobat":
        return negation(matches, mapping.extra.get("negation_rows", []))
    if mapping.corpus == "e3c":
        return timex(matches["TIMEX3"], mapping.extra.get("timex_class_of_type", {}))
    if mapping.corpus == "gscplus":
        row = mapping.rows[0]
        return {**documents(matches[row.name], row.hpo_release), **is_a_lenient(matches[row.name], row.hpo_release),
                "span_only": span_only(docs, predictions, row)}
    if mapping.corpus == "ada":
        return target_macro(matches, mapping.extra.get("target_rows", []))
    return {}


def target_macro(matches: dict[str, list[RowMatch]], rows: list[str]) -> dict:
    """The macro lenient F1 over the rows the corpus paper reports (Ada: finding, condition, modifier; Schulz et
    al. 2020 give 0.59 for their best system), on all documents and on each fixed half."""
    if not rows:
        return {}
    f1 = [row_counts(matches[r])[1].prf()["f1"] for r in rows]
    out = {"target_rows": rows, "target_macro_f1_lenient": round(sum(f1) / len(f1), 4)}
    any_row = matches[rows[0]]
    order = sorted(range(len(any_row)), key=lambda i: any_row[i].doc.id)
    for part, parity in (("dev", 0), ("test", 1)):
        keep = {i for rank, i in enumerate(order) if rank % 2 == parity}
        part_f1 = [row_counts([m for i, m in enumerate(matches[r]) if i in keep])[1].prf()["f1"] for r in rows]
        out[f"target_macro_f1_lenient_{part}"] = round(sum(part_f1) / len(part_f1), 4)
    return out
