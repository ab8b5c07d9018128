"""One Aho-Corasick pass over a document for the dictionary readers that scan its lower-cased text.

Twelve readers (examinations, body sites, specimens, organisms, procedures, the lab catalogue, work-up, result
verbs and words, qualitative compounds, scores, time triggers) each ran their own automaton over the same
lower-cased document: twelve passes of ~12,000 characters. `hits(auto, lower)` gives what `auto.iter(lower)`
gives, read from one pass of an automaton holding every member's keys (each key's value lists the members that
hold it, with their values), the hits sorted out per member and kept for the last documents.

The same hits in the same order: at each end position an automaton reports the keys that end there, longest
first (its output chain); the combined automaton reports the union of the members' keys that way, so a member's
own hits, in order, are its subsequence. An automaton that is no member, and a short text (a table cell, a
window), are scanned by the automaton itself.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

import ahocorasick

# the members: "module:function", each function cached and returning an automaton its reader runs over `lower_of`
MEMBERS = (
    "casecourse.reading.examinations:_automaton",
    "casecourse.reading.body_sites:_automaton",
    "casecourse.reading.body_sites:_specimen_automaton",
    "casecourse.reading.organisms:_automaton",
    "casecourse.reading.procedures:_automaton",
    "casecourse.reading.labs_catalogue:_automaton",
    "casecourse.reading.workup:_automaton",
    "casecourse.reading.scores:_automaton",
    "casecourse.reading.labs_results:_verbs",
    "casecourse.reading.labs_results:_standalone",
    "casecourse.reading.labs_qualitative:_compound_automaton",
    "casecourse.reading.timex_scan:_automaton",
)

#: characters below which a text is scanned by the member's own automaton (one short pass beats sorting all members')
MIN_CHARS = 1000
_KEEP = 2  # documents whose hits are kept (a reader may read a long table between two reads of the document)


@cache
def _combined() -> tuple[ahocorasick.Automaton, dict[int, int], tuple[ahocorasick.Automaton, ...]]:
    """(the automaton of every member's keys, id(member automaton) -> member number, the member automata)."""
    members = []
    for spec in MEMBERS:
        module, func = spec.split(":")
        members.append(getattr(importlib.import_module(module), func)())
    values: dict[str, list[tuple[int, object]]] = {}
    for i, auto in enumerate(members):
        for key, value in auto.items():
            values.setdefault(key, []).append((i, value))
    combined = ahocorasick.Automaton()
    for key, held in values.items():
        combined.add_word(key, tuple(held))
    combined.make_automaton()
    return combined, {id(a): i for i, a in enumerate(members)}, tuple(members)


_DONE: list[tuple[str, list[list[tuple[int, object]]]]] = []  # (lower-cased text, each member's hits), newest last


def hits(auto: ahocorasick.Automaton, lower: str) -> Iterable[tuple[int, object]]:
    """`auto.iter(lower)`: (end index, value) of every key of `auto` found in `lower`."""
    if len(lower) < MIN_CHARS:
        return auto.iter(lower)
    combined, number, members = _combined()
    i = number.get(id(auto))
    if i is None or members[i] is not auto:
        return auto.iter(lower)
    for text, lists in _DONE:
        if text is lower or text == lower:
            return iter(lists[i])
    lists = [[] for _ in members]
    for end, held in combined.iter(lower):
        for j, value in held:
            lists[j].append((end, value))
    _DONE.append((lower, lists))
    del _DONE[:-_KEEP]
    return iter(lists[i])
