"""Evaluate one corpus: read gold, run the reader, score, and gather the result object."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console

from casecourse.evaluation.errors import row_errors
from casecourse.evaluation.extras import corpus_extras
from casecourse.evaluation.gold import CorpusError
from casecourse.evaluation.mapping import load_mapping
from casecourse.evaluation.predict import Predictor
from casecourse.evaluation.readers import load_corpus
from casecourse.evaluation.readers.e3c import adapt_predictions
from casecourse.evaluation.scoring import RowMatch, match_corpus, summarize

SPLITS = {"maccrobat": "all 200 documents (no split defined; halves below)",
          "ada": "all 53 documents (no split defined; halves below)",
          "e3c": "English layer-1 test split",
          "gscplus": "GSC+ test file"}

SPLIT_NAMES = {"test": "English layer-1 test split", "train": "English layer-1 TRAIN split (for tuning)",
               "all": "all English layer-1 documents (train + test)"}


# Corpora without a published split are also scored on two fixed halves of their documents, so that a
# rule tuned while reading errors of one half can be checked on the other: `dev` is the documents at even
# positions of the id-sorted list, `test` those at odd positions. Tune on dev, report test.
HALVED = ("maccrobat", "ada")


def halves(matches: dict[str, list[RowMatch]]) -> dict[str, dict]:
    """Lenient and strict F1 per row on the dev and test halves (same predictions, no re-reading)."""
    any_row = next(iter(matches.values()))
    order = sorted(range(len(any_row)), key=lambda i: any_row[i].doc.id)
    out: dict[str, dict] = {}
    for part, parity in (("dev", 0), ("test", 1)):
        keep = {i for rank, i in enumerate(order) if rank % 2 == parity}
        types, averages = summarize({row: [m for i, m in enumerate(ms) if i in keep] for row, ms in matches.items()})
        out[part] = {"documents": len(keep), "macro_f1": averages["macro_f1"],
                     "types": {row: {"strict_f1": t["strict"]["f1"], "lenient_f1": t["lenient"]["f1"]}
                               for row, t in types.items()}}
    return out


def evaluate_corpus(corpus: str, corpora: Path, predictor: Predictor, console: Console,
                    errors: str | None = None, errors_half: str | None = None, split: str | None = None) -> dict:
    """The `--json` object for `corpus`; with `errors`, also an `errors` list for that row (with
    `errors_half` "dev" or "test", only from that half of a corpus without a split). `split` chooses
    the documents of a corpus with a published split (E3C: "test" by default, "train" for tuning, "all")."""
    mapping = load_mapping(corpus)
    error_row = None
    if errors is not None:
        error_row = mapping.row(errors)
        if error_row is None:
            names = ", ".join(r.name for r in mapping.rows)
            raise CorpusError(f"--errors {errors!r}: no such type for {corpus} (choose from {names})")
    docs = load_corpus(corpus, corpora, split)
    refs = [d.reference_date for d in docs]
    predictions, failures = predictor.predict([d.id for d in docs], [d.text for d in docs],
                                              console, f"reading {corpus}", refs if any(refs) else None)
    if corpus == "e3c":  # E3C's TIMEX3 span conventions over the reader's mentions (readers/e3c.py)
        predictions = [adapt_predictions(d.text, ms, d.reference_date) for d, ms in zip(docs, predictions, strict=True)]
    matches = match_corpus(docs, predictions, mapping)
    types, averages = summarize(matches)
    mismatched = sum(1 for d, ms in zip(docs, predictions, strict=True) for m in ms
                     if d.text[m.start:m.end] != m.text)
    extra = {**corpus_extras(mapping, matches, docs, predictions), **averages,
             "split": SPLIT_NAMES.get(split, SPLITS[corpus]) if split else SPLITS[corpus], "scope": mapping.scope,
             "mentions_with_text_mismatch": mismatched,
             "reader_failures": dict(sorted(failures.items()))}
    if corpus in HALVED:
        extra["halves"] = halves(matches)
    result = {"corpus": corpus, "documents": len(docs), "types": types, "extra": extra}
    if error_row is not None:
        row = matches[error_row.name]
        if errors_half in ("dev", "test") and corpus in HALVED:
            ids = sorted(m.doc.id for m in row)
            keep = set(ids[0 if errors_half == "dev" else 1::2])
            row = [m for m in row if m.doc.id in keep]
        result["errors"] = {"type": error_row.name, "items": row_errors(row), "half": errors_half or "all"}
    return result
