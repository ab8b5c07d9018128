"""Episodes (admissions, relapses, flares), their windows, HLH context and attribution.

An episode's window runs from the earliest day its event allows to the latest plus `EPISODE_DAYS`,
cut short at the next episode when the two cannot overlap. Facts whose TimeRef is anchored to an
episode's event belong to it whatever their dates say.
"""

from __future__ import annotations

from dataclasses import dataclass

from casecourse.model import Assertion, Event, Fact
from casecourse.rules.concepts import classify, mentions
from casecourse.rules.evidence import View
from casecourse.rules.timeaxis import Window

EPISODE_TYPES = ("admission", "readmission", "relapse", "flare")
EPISODE_DAYS = 30.0
_HLH_WORDS = ("hlh", "hemophagocytic", "haemophagocytic", "macrophage activation", "mas")


@dataclass
class Episode:
    event: Event
    window: Window


def episodes(view: View) -> list[Episode]:
    cached = getattr(view, "_episodes", None)
    if cached is None:
        cached = view._episodes = _episodes(view)  # type: ignore[attr-defined]
    return cached


def _episodes(view: View) -> list[Episode]:
    evs = [e for e in view.course.events if e.type in EPISODE_TYPES and e.assertion != Assertion.negated]
    spans = {e.id: view.axis.span(e.time) for e in evs}
    evs.sort(key=lambda e: (*(spans[e.id] or (float("inf"), float("inf"))), e.id))
    ids = frozenset(e.id for e in evs)
    out = []
    for i, e in enumerate(evs):
        s = spans[e.id]
        lo, hi = (s[0], s[1] + EPISODE_DAYS) if s else (None, None)
        nxt = next((spans[n.id] for n in evs[i + 1 :] if spans[n.id]), None)
        if s and nxt and nxt[0] > s[1]:
            hi = min(hi, nxt[0] - 1)  # type: ignore[type-var]
        label = e.id if s is None else None
        win = Window(label or e.id, lo, hi, episode=e.id, other_episodes=ids - {e.id})
        if s is None:  # undated episode: only facts anchored to it belong
            win = Window(e.id, float("inf"), float("-inf"), episode=e.id, other_episodes=ids - {e.id})
        out.append(Episode(e, win))
    return out


def has_hlh_context(view: View, ep: Episode) -> bool:
    """An admission/relapse is an HLH episode when HLH/MAS is named in it (condition, trigger,
    a drug started for it) or haemophagocytosis is found in it."""
    if any(mentions(ep.event.trigger, w) for w in _HLH_WORDS):
        return True
    for f in view.facts("hlh", "hemophagocytosis"):
        if (
            f.assertion.value in ("present", "historical", "suspected")
            and getattr(f, "status", "confirmed") != "refuted"
            and ep.window.contains(view.axis, f.time)
        ):
            return True
    for x in view.course.exposures:
        if x.start_reason and any(mentions(x.start_reason, w) for w in _HLH_WORDS):
            if ep.window.contains(view.axis, x.time):
                return True
    return False


def hlh_episodes(view: View) -> list[Episode]:
    eps = episodes(view)
    hlh = [e for e in eps if has_hlh_context(view, e)]
    return hlh or [e for e in eps if e.event.type in ("admission", "readmission")]


def whole_course() -> Window:
    return Window(None, None, None)


def attributed_elsewhere(view: View, fact: Fact, cause_keys=("hlh", "infection")) -> bool | None:
    """Is this fact better explained by HLH/MAS or infection (so SLE instruments skip it)?

    True when it lies inside an HLH episode or a documented infection; None when it may (timing
    uncertain); False otherwise. Conditions and events anchor the judgement, never the fact's name.
    """
    verdicts: list[bool | None] = []
    hlh = getattr(view, "_hlh_eps", None)
    if hlh is None:
        hlh = view._hlh_eps = [e for e in episodes(view) if has_hlh_context(view, e)]  # type: ignore[attr-defined]
    for ep in hlh if "hlh" in cause_keys else []:
        verdicts.append(ep.window.contains(view.axis, fact.time))
    for f in view.facts(*[k for k in cause_keys if k != "hlh"]):
        if f.assertion.value == "present" and getattr(f, "status", "confirmed") == "confirmed":
            s = view.axis.span(f.time)
            if s:
                verdicts.append(Window(f.id, s[0], s[1] + EPISODE_DAYS).contains(view.axis, fact.time))
    if any(v is True for v in verdicts):
        return True
    if any(v is None for v in verdicts):
        return None
    return False


def is_concept(fact: Fact, key: str) -> bool:
    return classify(getattr(fact, "name", None) or getattr(fact, "test", None)) == key
