"""Amount-plus-unit expressions, read by their context: durations ("for 14 days", "a 2-week course"),
relative times ("fourteen months later", "3 days before admission", "within three months",
"at 6-month follow-up"), ages ("a 26-year-old") and event ages ("at 6 months old").

The mention span follows TIMEX3/THYME practice: a leading signal preposition ("for", "within",
"after") and a trailing anchor event ("after surgery") are left out, while "later", "ago",
"earlier" and a bare final "before"/"after" are kept. The full phrase is in `phrase_start`/`phrase_end`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from casecourse.reading.rx_first import anchored
from casecourse.reading.timex_lexicon import (
    AMOUNT,
    ANCHOR,
    NUMBER,
    STAY_PERIOD_NOUNS,
    UNIT,
    alternation,
    anchor_keyword,
    parse_amount,
)
from casecourse.reading.timex_scan import matches
from casecourse.reading.timex_values import duration_value, relative_attrs, unit_of, unit_precision

Cand = tuple[int, int, int, str, dict]
#: "three and four months": a bare amount coordinated with the amount the match begins with
_ELLIPSIS = anchored(rf"(?<!between\s)\b(?P<n>{NUMBER})\s+and\s+\Z", re.I)

_ADJ_NO_NUM = {
    "last",
    "past",
    "first",
    "initial",
    "coming",
    "next",
    "following",
    "previous",
    "preceding",
    "subsequent",
    "ensuing",
}
_RX = re.compile(
    r"\b(?P<det>(?:the|a|an|his|her|their)\s+)?"
    r"(?P<adj>(?:last|past|previous|preceding|next|following|first|initial|subsequent|ensuing|further|"
    r"additional|another|coming|a\s+total\s+of|total\s+of|a\s+period\s+of|period\s+of)\s+)?"
    r"(?P<approx>(?:about|approximately|approx\.|around|nearly|almost|more\s+than|less\s+than|"
    r"at\s+least|up\s+to|roughly|some|~)\s*)?"
    rf"(?P<num>{AMOUNT})?(?:\s*[-‐]\s*|\s*)"
    r"(?P<more>(?:more|further|additional|consecutive|extra|long|whole|full|complete|completed)\s+)?"
    rf"(?P<unit>{UNIT})\b(?!-\d|/)"
    r"(?P<comp>(?<=ks|ek)\s+(?:and\s+)?\d\s*(?:days?|d)\b)?",
    re.I,
)
_SHORT_UNITS = {
    "d",
    "h",
    "y",
    "mo",
    "mos",
    "min",
    "mins",
    "sec",
    "secs",
    "hr",
    "hrs",
    "yr",
    "yrs",
    "wk",
    "wks",
}
_PRE = anchored(
    r"\b(?P<prep>within|for|after|over|during|in|at|by|until|till|since|from|before|around|"
    r"lasting|throughout|following|of|aged|age)\s+(?:the\s+|a\s+|an\s+)?$",
    re.I,
)
_POST = re.compile(
    r"(?:(?P<old>[- ]?(?:years?[- ])?old\b)"
    r"|\s+(?P<ofage>of\s+age)\b"
    r"|\s*(?P<gest>['’]?\s*(?:of\s+)?(?:gestation(?:al)?|pregnancy|amenorrh?o?ea)\b|['’]?\s*pregnant\b)"
    r"|\s+(?P<rel>later|earlier|ago|previously|afterwards?|thereafter|beforehand|back|before|after|"
    r"prior(?:\s+to)?|following|from|post|into|since|preceding|on)\b(?![-‐])"
    rf"(?:\s+(?:the\s+|his\s+|her\s+|their\s+|this\s+|that\s+|its\s+|initial\s+|first\s+)?(?P<anchor>{ANCHOR})\b)?"
    r"|\s*[-‐]?\s*(?P<postop>post[- ]?operative(?:ly)?|postop|post[- ]?surgery|post[- ]?partum|"
    r"post[- ]?transplant(?:ation)?|post[- ]?discharge|post[- ]?delivery|post[- ]?treatment|"
    r"post[- ]?injury)\b"
    r"|\s+of\s+(?:the\s+|his\s+|her\s+|this\s+)?(?P<of>life|admission|hospitali[sz]ation|hospital\s+stay|"
    r"(?:ICU|PICU|NICU|intensive\s+care(?:\s+unit)?)\s+stay|"
    r"illness|treatment|therapy|follow[- ]?up|symptoms?|disease|observation|chemotherapy|radiotherapy)\b"
    r"|\s+(?:in|at)\s+(?:the\s+|our\s+|a\s+)?(?P<stay>hospital|ICU|PICU|NICU|intensive\s+care(?:\s+unit)?)\b"
    # (a kind of visit may stand between: "at his 3-month outpatient follow-up", "at the 6-month clinic visit")
    r"|\s*[-‐]?\s*(?:(?:outpatient|out-patient|clinic|office|telephone|ambulatory|routine|clinical|scheduled)\s+)?"
    r"(?P<fu>follow[- ]?up|visit|review|control|check[- ]?up|evaluation)\b"
    r"|(?P<poss>['’]s?\s+(?:duration|time)\b)"
    r"|\s*(?P<hist>(?:['’]s?\s+)?(?:history|duration|course|interval|period|stay|hospitali[sz]ation)\b)"
    r")",
    re.I,
)
_REL_DIR = {
    "later": "after",
    "afterwards": "after",
    "afterward": "after",
    "thereafter": "after",
    "after": "after",
    "following": "after",
    "from": "after",
    "post": "after",
    "into": "after",
    "since": "after",
    "on": "after",
    "earlier": "before",
    "previously": "before",
    "beforehand": "before",
    "before": "before",
    "prior": "before",
    "prior to": "before",
    "preceding": "before",
    "ago": "dct",
    "back": "dct",
}
_KEEP_REL = {
    "later",
    "earlier",
    "ago",
    "previously",
    "afterwards",
    "afterward",
    "thereafter",
    "beforehand",
    "back",
}
_NEXT_ANCHOR = re.compile(
    rf"\s+(?:the\s+|his\s+|her\s+|their\s+|this\s+)?(?:\w+\s+){{0,2}}?(?P<a>{ANCHOR})\b", re.I
)
_OF_ANCHOR = {
    "life": "birth",
    "admission": "admission",
    "hospitalisation": "admission",
    "hospitalization": "admission",
    "hospital stay": "admission",
    "icu stay": "admission",  # "after 1 month of ICU stay" (timeline.unit_admission: from the ICU admission)
    "picu stay": "admission",
    "nicu stay": "admission",
    "intensive care stay": "admission",
    "intensive care unit stay": "admission",
    "illness": "onset",
    "symptom": "onset",
    "symptoms": "onset",
    "disease": "onset",
    "treatment": "treatment",
    "therapy": "treatment",
    "chemotherapy": "treatment",
    "radiotherapy": "treatment",
    "follow-up": "treatment",
    "followup": "treatment",
    "follow up": "treatment",
    "observation": "previous",
}
_RATE = re.compile(r"/\s*\S?$")
_TEST_NAME = re.compile(
    r"[-\s]+(?:urine|urinary|walk(?:ing)?\s+(?:test|distance)|walk\b|tape|holter|(?:ambulatory\s+)?(?:ECG|EEG|"
    r"blood\s+pressure)\s+(?:monitoring|recording)|collection)",
    re.I,
)
_APGAR = anchored(r"\bApgar\b(?:(?!\.\s).)*$", re.I)
#: "a mass of 30 weeks size", "a 16-week-sized uterus": a size measured in weeks of pregnancy, not a time
_SIZE = re.compile(r"[-\s]+(?:sized?|size)\b", re.I)
#: what may follow "a minute" used as a time ("for a minute.", "a minute later"); any other word makes
#: "minute" the adjective ("a minute ampullary tumour", "a minute nodule")
_MINUTE_TIME = re.compile(
    r"\s*(?:[^\w\s]|$|(?:later|earlier|ago|after|before|or|and|of|to|each|per|in|at|on|with|for|from|while|"
    r"when|until|till|then|the|a|an|long|more|less|his|her|their)\b)",
    re.I,
)
_TOTAL_OF = re.compile(r"(?:a\s+)?total\s+of\Z")
#: "was discharged after 11 days", "discharged home after a 3-week period": the length of the stay, from its start
#: (timeqa8: counted on from the last time told, a report's discharge after a 141-day stay fell on day 159)
_DISCHARGED_BEFORE = re.compile(r"\bdischarged(?:\s+home|\s+from\s+(?:the\s+|our\s+)?hospital)?\s+$", re.I)
_BORN_BEFORE = re.compile(r"\b(?:born|delivered|birth|delivery|gestational age|gestation)\s+"
                          r"(?:(?!and\b|then\b|but\b)[\w-]+\s+){0,3}$", re.I)
#: "at 27 weeks and 6 days of gestation", "29 weeks + 3 days' gestation": the weeks of a gestational age told with
#: its days
_GEST_DAYS_AFTER = re.compile(r"\s*(?:and|\+|,)\s*(?:\d+|[a-z]+)\s+days?\s*['’]?\s*(?:of\s+)?"
                              r"(?:gestation(?:al)?|pregnancy|amenorrh?o?ea)\b", re.I)
_LENGTH_PREPS = {"for", "over", "during", "lasting", "throughout"}
_OF_SOMETHING = re.compile(r"\s+of\s+(?!age\b|life\b|gestation|pregnancy|amenorr)", re.I)
# "discharged after a 7-month period of hospitalization": the stay itself, its length (timeqa10)
_OF_THE_STAY = re.compile(rf"\s+of\s+(?:(?:his|her|their|the)\s+)?(?:{alternation(STAY_PERIOD_NOUNS, escape=False)})\b",
                          re.I)
_TIME_PREPS = {"within", "after", "at", "by", "following"}
_FOLLOWED = re.compile(r"\b(?:followed|succeeded)\s+$", re.I)
_BARE_PREPS = {"within", "for", "over", "during", "after", "lasting"}
_PERSON = re.compile(
    r"[- \u00a0]+(?:old\s+)?(?:man|woman|male|female|boy|girl|lady|gentleman|patient|child|"
    r"infant|baby|person|individual|caucasian|african|asian|white|black|hispanic)\b",
    re.I,
)


def _age_years(lo: float, unit: str) -> float:
    return round(lo * {"year": 1, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}.get(unit, 0), 3)


def amounts(text: str, doc_date: str | None, starts: list[int]) -> Iterator[Cand]:
    """Candidate durations, relative times and ages built on an amount and a unit."""
    for m in matches(_RX, text, starts):
        num, unit_w, adj = m.group("num"), m.group("unit"), (m.group("adj") or "").strip().lower()
        unit = unit_of(unit_w)
        det = (m.group("det") or "").strip().lower()
        if num is None and det in ("a", "an") and not adj:
            num = det  # "a week before": the article is the amount
        bare = _PRE.search(text, max(0, m.start("unit") - 24), m.start("unit")) if num is None else None
        if (
            num is None
            and not det
            and not adj
            and unit_w.lower().endswith("s")
            and len(unit_w) > 3
            and bare
            and bare.group("prep").lower() in _BARE_PREPS
        ):
            num = "several"  # "within months", "lasting for hours": an unstated number of units
        if num is None:
            if not m.group("det") and adj in ("last", "next"):
                continue  # "last year": relative to the writing time (timex_relative.dct_refs)
            if adj not in _ADJ_NO_NUM or (
                not unit_w.lower().endswith("s") and adj not in ("last", "past", "first", "initial", "coming")
            ):
                continue
            plural = unit_w.lower().endswith("s")
            lo, hi, vague = (2.0, 6.0, True) if plural else (1.0, 1.0, False)
        else:
            if unit_w.lower() in _SHORT_UNITS and not num[:1].isdigit():
                continue
            if len(unit_w) == 1 and (unit_w.isupper() or (unit_w == "d" and m.start("unit") == m.end("num"))):
                continue  # "Fig. 2D", "3D imaging", "2d": labels, not durations
            if unit == "second" and num.lower() in ("a", "an"):
                continue  # "a second operation"
            if unit == "minute" and num.lower() in ("a", "an") and not _MINUTE_TIME.match(text, m.end("unit")):
                continue  # "a minute nodule": the adjective
            if _RATE.search(text, max(0, m.start() - 3), m.start("num") + 1):
                continue  # "mg/24 h", "mL/12h": the denominator of a rate
            parsed = parse_amount(num)
            if parsed is None:
                continue
            lo, hi, vague = parsed
            if m.group("comp") and unit == "week":
                extra = float(re.search(r"\d", m.group("comp")).group()) / 7
                lo, hi = round(lo + extra, 1), round(hi + extra, 1)
        if _TEST_NAME.match(text, m.end("unit")) or _APGAR.search(text, max(0, m.start() - 60), m.start()):
            continue  # "24-hour urine", "6-minute walk test", "Apgar 9 at 5 minutes": part of a test's name
        if unit == "week" and _SIZE.match(text, m.end("unit")):
            continue  # "a uterus of 30 weeks size": a size
        if not vague and lo == hi and (first := _ELLIPSIS.search(text, max(0, m.start() - 24), m.start())):
            yield from _coordinated(text, m, first, unit, _classify(text, m, lo, hi, vague, unit, adj, doc_date))
            continue
        yield from _classify(text, m, lo, hi, vague, unit, adj, doc_date)


def _coordinated(text: str, m: re.Match, first: re.Match, unit: str, cands: Iterator[Cand]) -> Iterator[Cand]:
    """ "in three and four months' time": the bare first amount is a duration of the second's unit too
    (not a range: "between 2 and 4 weeks" is read by the range rule and skipped here)."""
    for cand in cands:
        yield cand
        parsed = parse_amount(first.group("n"))
        if cand[3] != "duration" or cand[4].get("kind") != "duration" or parsed is None or parsed[2]:
            continue
        dur = duration_value(parsed[0], parsed[1], False, unit)
        attrs = {**cand[4], "value": dur, "duration": dur, "signal": None,
                 "phrase_start": first.start("n"), "phrase_end": first.end("n")}
        yield first.start("n"), first.end("n"), cand[2], "duration", attrs


@dataclass(slots=True)
class _Amount:
    """An amount of time as `_classify` reads it: its match, the expression's span (s, e), the preposition before it
    (`prep`, at `ps`), what follows it (`post`, its groups `g`) and the attributes every reading of it starts from."""

    text: str
    m: re.Match
    lo: float
    hi: float
    vague: bool
    unit: str
    adj: str
    s: int
    e: int
    prep: str
    ps: int
    post: re.Match | None
    g: dict
    base: dict


def _classify(
    text: str, m: re.Match, lo: float, hi: float, vague: bool, unit: str, adj: str, doc_date: str | None
) -> Iterator[Cand]:
    """The candidate an amount of time is: an age, a gestational age, a time counted from an event (before or after
    it), an amount after an operation or delivery, or a length."""
    a = _amount(text, m, lo, hi, vague, unit, adj)
    cand = _as_age(a) or _as_gestational_age(a)
    if cand is None and a.g.get("rel"):
        cand = _as_relative(a, doc_date)
    if cand is None and a.g.get("postop"):
        cand = _as_postop(a)
    yield cand or _as_amount(a)


def _amount(text: str, m: re.Match, lo: float, hi: float, vague: bool, unit: str, adj: str) -> _Amount:
    """The expression's span, the preposition before it and what follows it; the attributes every reading shares."""
    s = m.start("approx") if m.group("approx") else m.start("num") if m.group("num") else m.start("unit")
    if m.group("adj"):
        s = m.start()
    if m.group("det") and m.group("det").strip().lower() in ("a", "an") and not m.group("adj"):
        s = m.start("approx") if m.group("approx") else m.start("num") if m.group("num") else m.start()
    e = m.end() if m.group("comp") and unit == "week" else m.end("unit")
    pre = _PRE.search(text, max(0, s - 24), s)
    if pre is not None and pre.group("prep").lower() == "by" and _FOLLOWED.search(text, max(0, pre.start() - 16),
                                                                                  pre.start()) \
            and _OF_SOMETHING.match(text, e):
        pre = None  # "followed by 4 weeks of oral X": the 'by' is the verb's; "4 weeks of X" a length (expqa10)
    if _TOTAL_OF.match(adj) and m.group("num"):
        # "for a total of 6 weeks": the TIMEX3 is "6 weeks"; the signal and phrase still begin at "for"
        s = m.start("approx") if m.group("approx") else m.start("num")
    prep = pre.group("prep").lower() if pre else ""
    ps = pre.start() if pre else s
    post = _POST.match(text, e)
    g = post.groupdict() if post else {}
    dur = duration_value(lo, hi, vague, unit)
    base = {
        "value": dur,
        "precision": unit_precision(unit),
        "duration": dur,
        "signal": prep or None,
        "phrase_start": ps,
        "phrase_end": e,
    }
    if m.group("approx"):
        base["mod"] = {
            "more than": "MORE_THAN",
            "less than": "LESS_THAN",
            "at least": "EQUAL_OR_MORE",
            "up to": "EQUAL_OR_LESS",
        }.get(m.group("approx").strip().lower(), "APPROX")
    return _Amount(text=text, m=m, lo=lo, hi=hi, vague=vague, unit=unit, adj=adj, s=s, e=e, prep=prep, ps=ps,
                   post=post, g=g, base=base)


def _as_age(a: _Amount) -> Cand | None:
    """ "6 years old", "at 3 months of age", "aged 40 years", "a 2-month-old boy": an age (a time after birth after
    "at", "since", "by", ...)."""
    g, post, prep, base = a.g, a.post, a.prep, a.base
    person = a.unit in ("year", "month", "week", "day") and not post and _PERSON.match(a.text, a.e)
    if not (g.get("old") or g.get("ofage") or prep in ("aged", "age") or person):
        return None
    end = post.end() if g.get("old") or g.get("ofage") else a.e  # type: ignore[union-attr]
    base.update(phrase_end=end, age_years=_age_years(a.lo, a.unit), value=base["value"])
    if prep in ("at", "since", "by", "until", "till", "from", "before", "after", "around"):
        base.update(
            relative_attrs(a.lo, a.hi, a.unit, "after", "birth", a.vague, exact_tol=True),
            age_span=True,
            kind="relative",
            timex_type="DATE",
        )
        return a.s, end, 2, "time", base
    return a.s, end, 2, "age", {**base, "kind": "age", "timex_type": "DURATION"}


def _as_gestational_age(a: _Amount) -> Cand | None:
    """ "at 34 weeks of gestation"; "born at 38 weeks", "delivered at 36 weeks": a gestational age, not a time."""
    g, text, ps, e = a.g, a.text, a.ps, a.e
    if not (g.get("gest") or a.unit == "week" and (_BORN_BEFORE.search(text, max(0, ps - 48), ps) or
                                                   _GEST_DAYS_AFTER.match(text, e))):
        return None
    a.base.update(phrase_end=a.post.end() if g.get("gest") else e, gestational=True, kind="age",  # type: ignore[union-attr]
                  timex_type="DURATION")
    return a.s, e, 2, "age", a.base


def _as_relative(a: _Amount, doc_date: str | None) -> Cand | None:
    """An amount told with its relation ("ago", "before", "after", "later", "prior to"): a time counted from the
    event it names (or the time told before, or the document's date), or a length placed after an event. None for
    a bare "on" with no event named (read as an amount)."""
    g, post, base, s, e, prep, text = a.g, a.post, a.base, a.s, a.e, a.prep, a.text
    assert post is not None
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    direction = _REL_DIR[rel]
    anchor = anchor_keyword(g["anchor"]) if g.get("anchor") else "previous"
    if direction == "dct":
        base.update(
            relative_attrs(a.lo, a.hi, a.unit, "before", "presentation", a.vague),
            kind="relative",
            timex_type="DATE",
            dct_relative=True,
            phrase_end=post.end(),
        )
        if doc_date:
            base["value"], base["precision"] = _from_doc_date(base, doc_date)
        return s, post.end(), 2, "time", base
    if rel == "on" and not g.get("anchor"):
        return None
    if rel in _KEEP_REL or (not g.get("anchor") and re.match(r"\s*(?:[,.;:)]|and\b|$)", text[post.end() :])):
        base.update(
            relative_attrs(a.lo, a.hi, a.unit, direction, anchor, a.vague),
            kind="relative",
            timex_type="DATE",
            phrase_end=post.end(),
        )
        return s, post.end(), 2, "time", base
    if not g.get("anchor"):
        nxt = _NEXT_ANCHOR.match(text, post.end())
        if nxt is None and prep in _LENGTH_PREPS:
            # "for 3 days from his general practitioner": a length; what follows 'from' is no time
            base.update(kind="duration", timex_type="DURATION", vague=a.vague)
            return s, e, 2, "duration", base
        anchor = anchor_keyword(nxt.group("a")) if nxt else "previous"
    base.update(
        relative_attrs(a.lo, a.hi, a.unit, direction, anchor, a.vague),
        kind="relative",
        timex_type="DURATION",
        phrase_end=post.end(),
    )
    # "for two months following surgery": how long, placed after an event; "four weeks post
    # discharge" is one expression like "2 weeks postoperatively"
    end = post.end() if rel == "post" and g.get("anchor") and prep not in _LENGTH_PREPS else e
    return s, end, 2, "duration" if prep in _LENGTH_PREPS else "time", base


def _as_postop(a: _Amount) -> Cand:
    """ "2 weeks postoperatively", "four weeks post discharge", "3 days postpartum": THYME marks the amount and its
    pre/post word as one expression, valued as the offset (P2W)."""
    post, word = a.post, a.g["postop"]
    assert post is not None
    anchor = (
        "birth"
        if re.search(r"partum|delivery", word, re.I)
        else "discharge"
        if "discharge" in word.lower()
        else "treatment"
        if "treatment" in word.lower()
        else "surgery"
    )
    a.base.update(
        relative_attrs(a.lo, a.hi, a.unit, "after", anchor, a.vague),
        kind="relative",
        timex_type="DURATION",
        phrase_end=post.end(),
    )
    return a.s, post.end(), 2, "time", a.base


def _as_amount(a: _Amount) -> Cand:
    """An amount with no relation told: a follow-up time, a time after or within the event it counts from (of
    the stay, the treatment, ...), or a length."""
    anchor = _anchor_of_amount(a)
    g, post, base, s, e, prep = a.g, a.post, a.base, a.s, a.e, a.prep
    if g.get("fu"):
        base.update(
            relative_attrs(a.lo, a.hi, a.unit, "after", "treatment", a.vague),
            kind="relative",
            timex_type="DURATION",
            phrase_end=post.end(),  # type: ignore[union-attr]
            follow_up=True,
        )
        return s, e, 2, "time", base
    if prep in _TIME_PREPS and not g.get("hist") and not g.get("poss"):
        direction = "within" if prep == "within" else "after"
        base.update(
            relative_attrs(a.lo, a.hi, a.unit, direction, anchor, a.vague), kind="relative", timex_type="DURATION"
        )
        # "after 6 weeks of treatment": the length of what came before, ending at this time
        of_what = prep in ("after", "following") and _OF_SOMETHING.match(a.text, e)
        return s, e, 2, "duration" if of_what else "time", base
    base.update(kind="duration", timex_type="DURATION", vague=a.vague)
    if a.adj in ("next", "following", "subsequent", "ensuing", "coming"):
        base.update(rel_direction="after", rel_anchor="previous")
    elif a.adj in ("last", "past", "previous", "preceding"):
        base.update(rel_direction="before", rel_anchor="presentation")
    if g.get("hist"):
        base["phrase_end"] = post.end()  # type: ignore[union-attr]
    if g.get("poss"):
        e = base["phrase_end"] = post.end()  # type: ignore[union-attr]  # "a week's duration", "four months' time"
    return s, e, 2, "duration", base


# the words after a length that tell it as the stay's own ("discharged after a 3-week period / stay / hospitalization")
_STAY_HIST = frozenset({"period", "stay", "hospitalization", "hospitalisation"})


def _anchor_of_amount(a: _Amount) -> str:
    """What an amount with no relation told counts from: the event named after "of" ("after 6 weeks of
    treatment"), the stay ("after 5 days in the ICU", "After a total of 75 days", "discharged after 11 days": then
    `stay_length`, and its "period" no longer a length of history), or the time told before."""
    g, post, base, text, prep, ps = a.g, a.post, a.base, a.text, a.prep, a.ps
    if g.get("of"):
        base["phrase_end"] = post.end()  # type: ignore[union-attr]
        return _OF_ANCHOR.get(re.sub(r"\s+", " ", g["of"].lower()), "previous")
    if g.get("stay"):
        base["phrase_end"] = post.end()  # type: ignore[union-attr]
        return "admission"  # "died after 100 days in the hospital", "after 5 days in the ICU": of the stay (timeqa7)
    if _TOTAL_OF.match(a.adj) and prep in ("after", "following"):
        return "admission"  # "After a total of 75 days, she was discharged": the whole stay, from its start (timeqa7)
    if prep == "after" and not g.get("poss") and (not g.get("hist") or g["hist"].strip().lower() in _STAY_HIST) \
            and (not _OF_SOMETHING.match(text, post.end() if g.get("hist") else a.e)  # type: ignore[union-attr]
                 or g.get("hist") and _OF_THE_STAY.match(text, post.end())) \
            and _DISCHARGED_BEFORE.search(text, max(0, ps - 40), ps):
        # "discharged after 11 days", "after a 3-week period": the stay's length, from the stay told last (timeqa8);
        # not "after 60 days of inpatient rehabilitation", the length of something else
        base["stay_length"] = True
        a.g = {**g, "hist": None}
        return "admission"
    return "previous"


def _from_doc_date(attrs: dict, doc_date: str) -> tuple[str, str]:
    from casecourse.model import Mention
    from casecourse.reading.timex_resolve import resolve

    probe = Mention(type="time", start=0, end=0, text="", attrs={**attrs, "vague": False})
    _, _, point, precision = resolve(probe, doc_date)
    return (point or attrs["value"]), precision
