"""Episode words: admissions, discharges, relapses, flares, remission, death, follow-up."""
from __future__ import annotations

import re

from casecourse.model import Mention

# Source: casecourse authors, from the language of case reports. Order matters: first match wins.
_EVENTS = [
    ("readmission", r"re-?admitted|re-?admission|re-?hospitali[sz](?:ed|ation)"),
    ("admission", r"hospitali[sz](?:ed|ation)|admitted|admission|transferred to (?:the )?(?:icu|intensive care)"),
    ("discharge", r"discharged?"),
    ("relapse", r"relapse[sd]?|relapsing|recurrences?|recurred|recurrent (?:episode|disease)"),
    ("flare", r"flares?|flared|exacerbations?"),
    ("remission", r"remission|remains? (?:free of|asymptomatic|well)|free of (?:\w+ )?(?:flares?|relapses?|symptoms)"),
    ("death", r"died|death|passed away|deceased|succumbed"),
    ("follow_up", r"follow-?up|last (?:visit|review)|remains?\b"),
]
_REGEX = re.compile("|".join(f"(?P<{name}>\\b(?:{pat})\\b)" for name, pat in _EVENTS), re.I)


def find(text: str) -> list[Mention]:
    return [Mention(type="event", start=m.start(), end=m.end(), text=m.group(0), norm=m.lastgroup)
            for m in _REGEX.finditer(text)]
