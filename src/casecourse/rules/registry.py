"""The rule registry: name -> pure function Course -> list[Assessment]."""

from __future__ import annotations

from collections.abc import Callable

from casecourse.model import Assessment, Course
from casecourse.rules.evidence import shared_views
from casecourse.rules.hlh import hlh2004, hscore
from casecourse.rules.lines import lines_of_therapy
from casecourse.rules.mas import mas2016, mas_jsle2009
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
}


def assess_course(course: Course, rules: list[str] | None = None) -> list[Assessment]:
    """Run the registry (or the named rules) in registry order; output is deterministic."""
    out: list[Assessment] = []
    with shared_views():  # the rules read one concept index of the course, built once
        for name, fn in REGISTRY.items():
            if rules is None or name in rules:
                out.extend(fn(course))
    return out
