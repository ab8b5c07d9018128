"""One reader per gold corpus, each returning `GoldDoc`s from the corpus folder under `--corpora`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from casecourse.evaluation.gold import CorpusError, GoldDoc
from casecourse.evaluation.readers.ada import read_ada
from casecourse.evaluation.readers.brat import read_maccrobat
from casecourse.evaluation.readers.e3c import read_e3c
from casecourse.evaluation.readers.gsc import read_gscplus

# corpus name -> (folder under --corpora, reader)
READERS: dict[str, tuple[str, Callable[[Path], list[GoldDoc]]]] = {
    "maccrobat": ("maccrobat2020", read_maccrobat),
    "ada": ("ada_case_reports", read_ada),
    "e3c": ("e3c_en", read_e3c),
    "gscplus": ("hpo_gscplus", read_gscplus),
}


def load_corpus(name: str, corpora: Path, split: str | None = None) -> list[GoldDoc]:
    """Gold documents of `name`; `split` ("test", "train", "all") only for a corpus with a published
    split (E3C), where the default is its test split."""
    if name not in READERS:
        raise CorpusError(f"unknown corpus {name!r}; choose from {', '.join(READERS)}")
    folder, reader = READERS[name]
    root = corpora / folder
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus folder not found")
    if split is not None:
        if name != "e3c":
            raise CorpusError(f"--split {split!r}: only e3c has a published train/test split")
        return read_e3c(root, split=split)
    return reader(root)
