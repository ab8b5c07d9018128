"""The rule registry: name -> pure function Course -> list[Assessment]."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from importlib import resources

from casecourse.model import Assessment, Course
from casecourse.rules.evidence import View, polarity, shared_views
from casecourse.rules.hlh import hlh2004, hscore
from casecourse.rules.lines import lines_of_therapy
from casecourse.rules.mas import mas2016, mas_jsle2009
from casecourse.rules.outcome import outcome
from casecourse.rules.remission import doris, lldas
from casecourse.rules.sle import sle_eular_acr_2019
from casecourse.rules.sledai import sledai2k
from casecourse.rules.steroids import steroid_exposure

Rule = Callable[[Course], list[Assessment]]

REGISTRY: dict[str, Rule] = {
    "hlh2004": hlh2004,
    "hscore": hscore,
    "mas2016": mas2016,
    "mas_jsle2009": mas_jsle2009,
    "sle_eular_acr_2019": sle_eular_acr_2019,
    "sledai2k": sledai2k,
    "lldas": lldas,
    "doris": doris,
    "steroid_exposure": steroid_exposure,
    "lines_of_therapy": lines_of_therapy,
    "outcome": outcome,
}


@cache
def _applicability() -> dict[str, tuple[tuple[str, ...], bool, str]]:
    """rule -> (concepts, whether they must be affirmed, reason when absent), from data/applicability.csv."""
    with resources.files("casecourse.rules").joinpath("data/applicability.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["rule"]: (tuple(r["concepts"].split("|")), r["mention"] == "affirmed", r["reason"]) for r in rows}


def not_called_for(course: Course, name: str) -> str | None:
    """Why the course does not call for rule `name` (data/applicability.csv), or None when it does."""
    need = _applicability().get(name)
    if need is None:
        return None
    keys, affirmed, reason = need
    facts = View(course).facts(*keys)
    if any(polarity(f) is not False for f in facts) if affirmed else facts:
        return None
    return reason


def assess_course(course: Course, rules: list[str] | None = None) -> list[Assessment]:
    """Run the registry (or the named rules) in registry order; output is deterministic. A rule the course does
    not call for gives one "not applicable" assessment saying why."""
    out: list[Assessment] = []
    with shared_views():  # the rules read one concept index of the course, built once
        for name, fn in REGISTRY.items():
            if rules is None or name in rules:
                reason = not_called_for(course, name)
                out.extend(fn(course) if reason is None else
                           [Assessment(rule=name, status="not applicable", notes=[reason])])
    return out
