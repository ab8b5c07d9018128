"""Gold annotations as every corpus reader returns them: documents holding typed character spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class CorpusError(Exception):
    """A corpus file is missing or malformed; the message names the file."""


def read_utf8(path: Path) -> str:
    """A corpus file's text; one not in UTF-8 is a CorpusError naming it and the first bad byte, not a traceback."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from exc


@dataclass(frozen=True)
class GoldSpan:
    """One gold annotation. `label` is the corpus's own type name (e.g. `Sign_symptom`, `DATE`).

    Discontinuous annotations (brat `0 5;9 12`) are kept as their outer extent `[start, end)`.
    `attrs` carries what a corpus adds: `polarity` (MACCROBAT), `value`/`timex_class` (E3C),
    `hpo` (GSC+).
    """

    label: str
    start: int
    end: int
    text: str
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str) -> str | None:
        return dict(self.attrs).get(key)


@dataclass
class GoldDoc:
    """`reference_date`: the document creation time a corpus supplies (E3C `docTime`), passed to the
    reader as TempEval-style evaluations pass the DCT; None when the corpus has none."""

    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    reference_date: str | None = None

    def window(self) -> tuple[int, int]:
        """The stretch of text the annotators covered: first gold start to last gold end."""
        if not self.spans:
            return (0, 0)
        return (min(s.start for s in self.spans), max(s.end for s in self.spans))
