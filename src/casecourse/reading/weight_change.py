"""Body weight told as a change by a verb: "she had lost 6 kg over two months", "he had lost weight", "she gained
10 pounds". HPO names the nouns ("weight loss"); the verbs are in `knowledge/weight_change.csv`. A mention spans the
verb and its object (the weight, or the amount with its unit), as the noun phrase would.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Assertion, Mention
from casecourse.reading.rx_first import anchored

_AMOUNT = (r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|roughly|some|an?\s+additional)\s+)?"
           r"\d+(?:[.,]\d+)?\s*(?:-\s*)?(?:kg|kilo(?:gram)?s?|lbs?|pounds?|stones?)\b(?:\s+(?:of\s+)?(?:body\s+)?weight)?")


@cache
def _regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    rows = table("weight_change.csv")
    groups = {f"g{i}": (r["name"], r["label"], r["hpo"]) for i, r in enumerate(rows)}
    space = r"\s+"
    verbs = "|".join(f"(?P<g{i}>{'|'.join(v.replace(' ', space) for v in r['verbs'].split('|'))})"
                     for i, r in enumerate(rows))
    # behind a lookahead of its first two characters (rx_first.anchored): `re` skips to them in C
    return anchored(rf"\b(?:{verbs})\s+(?:(?:some|a\s+lot\s+of|significant|considerable|much)\s+)?"
                    rf"(?:weight\b|{_AMOUNT})", re.I), groups


def find(text: str) -> list[Mention]:
    """Finding mentions of a weight change told by a verb."""
    if "los" not in text and "gain" not in text and "put" not in text:
        return []
    regex, groups = _regex()
    out = []
    for m in regex.finditer(text):
        name, label, hpo = groups[m.lastgroup or ""]
        out.append(Mention.model_construct(
            type="finding", start=m.start(), end=m.end(), text=m.group(0), norm=name, zone="narrative",
            assertion=Assertion.present, attrs={"label": label, "source": "weight_change", "hpo": hpo}))
    return out


@cache
def _amount_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(v.replace(" ", r"\s+") for r in table("weight_change.csv") for v in r["verbs"].split("|"))
    before = re.compile(rf"\b(?:{verbs})\s+(?:(?:about|around|approximately|nearly|almost|over|more\s+than|roughly|"
                        rf"some|an?\s+additional)\s+)?$", re.I)
    after = re.compile(r"\s*(?:of\s+)?(?:(?:body\s+)?weight\s+)?(?:loss|gain)\b", re.I)
    return before, after


def is_amount(text: str, start: int, end: int) -> bool:
    """Whether the mass written at [start, end) is a weight change, not the weight: "she had lost 13 kg", "has gained
    2 kg", "12 kg of weight loss" (the amount after the verb of `knowledge/weight_change.csv` or before the noun)."""
    before, after = _amount_regexes()
    return bool(before.search(text, max(0, start - 40), start) or after.match(text, end)
                or _UP_DOWN.search(text, max(0, start - 20), start))


# "her weight is 78 kg, up 3 kg (since May)", "down by 4 kg": the change since the last weight (docqa6)
_UP_DOWN = re.compile(r"\b(?:up|down)(?:\s+by)?\s+(?:(?:about|around|approximately|nearly|almost)\s+)?$", re.I)
