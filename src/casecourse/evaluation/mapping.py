"""Load and check `mappings.json`: the rows each corpus is scored on (see docs/evaluation.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from casecourse.evaluation.gold import CorpusError

SCOPES = ("full", "annotated_window")


@dataclass(frozen=True)
class Row:
    name: str
    gold: frozenset[str]
    pred: frozenset[str]
    key: str | None = None
    # predictions left out by an attribute's prefix: {"icd10": "Z"} (a health status such as "kidney transplant
    # recipient", ICD-10-CM chapter XXI, is no disorder); a list gives several prefixes of one attribute
    not_prefixed: tuple[tuple[str, str], ...] = ()
    # predictions of a type kept only when an attribute has one of the values: {"test_result": {"interpretation":
    # ["N", "NEG"]}} (Ada's modifier negates a finding: a normal or negative result does, "increased" does not);
    # the keys `assertion` and `zone` ask the mention's assertion and zone instead of an attribute
    only_when: tuple[tuple[str, str, frozenset[str]], ...] = ()
    # predictions of a type also kept, whatever `only_when` says, when one of these holds: {"condition": {"seen_on":
    # ["imaging"]}} (Ada's finding row takes a condition an examination showed, besides a denied one)
    also_when: tuple[tuple[str, str, frozenset[str]], ...] = ()
    # the HPO release ("YYYY-MM") the corpus was annotated with: a predicted term created after it is scored as the
    # term of that release which carried its phrase (`hpo_ids.as_of_release`)
    hpo_release: str | None = None

    def admits(self, mention_type: str, attrs: dict, assertion: str | None = None, zone: str = "narrative") -> bool:
        """The row scores this prediction: no prefix excluded, and every condition on its type met (the keys
        `assertion` and `zone` are the mention's own, any other an attribute), or one of its `also_when` met."""
        if any(str(attrs.get(k) or "").startswith(v) for k, v in self.not_prefixed):
            return False
        own = {"assertion": assertion, "zone": zone}

        def value(k: str) -> str:
            return str(own[k] if k in own else attrs.get(k))

        if any(t == mention_type and value(k) in values for t, k, values in self.also_when):
            return True
        return all(value(k) in values for t, k, values in self.only_when if t == mention_type)


@dataclass(frozen=True)
class CorpusMapping:
    corpus: str
    scope: str
    rows: tuple[Row, ...]
    extra: dict
    zones: frozenset[str] | None = None
    # a zone scored only where no mention of another zone follows it: {"summary": "narrative"} (Ada annotates the
    # presentation of the case, "found in a dedicated section or the abstract": an abstract before the case section
    # restates it and is left unannotated)
    unless_followed_by: tuple[tuple[str, str], ...] = ()

    def row(self, name_or_type: str) -> Row | None:
        """The row named `name_or_type`, or the row scoring that casecourse type (case-insensitive)."""
        want = name_or_type.lower()
        for row in self.rows:
            if row.name.lower() == want:
                return row
        for row in self.rows:
            if want in {p.lower() for p in row.pred}:
                return row
        return None


def load_mapping(corpus: str, path: Path | None = None) -> CorpusMapping:
    if path is None:
        source = resources.files("casecourse.evaluation").joinpath("mappings.json")
        name, raw = "casecourse/evaluation/mappings.json", source.read_text(encoding="utf-8")
    else:
        name, raw = str(path), path.read_text(encoding="utf-8")
    try:
        spec = json.loads(raw)[corpus]
        scope = spec.get("scope", "full")
        if scope not in SCOPES:
            raise ValueError(f"scope {scope!r} not in {SCOPES}")
        rows = tuple(Row(n, frozenset(r["gold"]), frozenset(r["pred"]), r.get("key"),
                         tuple(sorted((k, p) for k, v in (r.get("not_prefixed") or {}).items()
                                      for p in ([v] if isinstance(v, str) else v))),
                         tuple(sorted((t, k, frozenset(v)) for t, cond in (r.get("only_when") or {}).items()
                                      for k, v in cond.items())),
                         tuple(sorted((t, k, frozenset(v)) for t, cond in (r.get("also_when") or {}).items()
                                      for k, v in cond.items())),
                         r.get("hpo_release"))
                     for n, r in spec["types"].items())
        zones = frozenset(spec["zones"]) if "zones" in spec else None
        followed = tuple(sorted((str(z), str(f)) for z, f in (spec.get("unless_followed_by") or {}).items()))
    except (KeyError, TypeError, ValueError) as e:
        raise CorpusError(f"{name}: bad or missing mapping for corpus {corpus!r} ({e!r})") from e
    extra = {k: v for k, v in spec.items() if k not in ("scope", "types", "zones", "unless_followed_by")}
    return CorpusMapping(corpus, scope, rows, extra, zones, followed)
