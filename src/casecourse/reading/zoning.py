"""Document zoning: which parts of a narrative may speak about *this* patient.

Zones: `narrative` (the case), `summary` (abstract, "we report a case of..."), `background`
(introduction), `discussion` (discussion, conclusion, and paragraphs about other patients or
trials), `literature` (a sentence citing other work), `title`, `authors` (names, affiliations,
correspondence), `frontmatter` (a flattened web page's header before its first section), `backmatter` (funding,
consent, copyright, competing interests), `references`. A teaching box's heading ("Key teaching points", zone `box`
in `knowledge/section_headings.csv`) makes its bulleted lines `discussion`; the text after them returns to the zone
before the box.
Only `narrative` and `summary` yield patient facts; everything else is kept as mentions.
Tab-separated table lines are `table` (a table of this patient's data: its lab results become
facts) or `table_other` (a table whose caption speaks of other cases, criteria or the literature).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casecourse.knowledge import table
from casecourse.reading.rx_first import anchored, finditer, lower_text
from casecourse.reading.rx_keys import may_hold, search_lowered
from casecourse.reading.timex_lexicon import alternation

PATIENT_ZONES = frozenset({"narrative", "summary"})

_PATIENT_CUE = anchored(
    # the word for the patient, also capitalised at a sentence's start ("The patient had ...")
    r"\b(?:(?:[Tt]he|[Oo]ur|[Tt]his|[Ii]ndex) (?:patient|case|man|woman|boy|girl|child|infant)|"
    r"[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|\d+[- ](?:year|month|week|day)[- ]old|"
    r"was (?:admitted|hospitali[sz]ed|readmitted|discharged)|"
    r"presented|we report|we describe|we present)\b")
_LITERATURE_CUE = anchored(
    r"\((?:\d+(?:[-–,] ?\d+)*)\)|\[\d+(?:[-–,] ?\d+)*\]|\b(?:stud(?:y|ies)|trials?|literature|"
    r"patients with|cases? (?:has|have) been (?:reported|described)|reported cases|et al|cohort|"
    r"mechanism|pathogenesis|(?:case )?reports (?:have )?(?:also )?(?:suggested|shown|described|reported)|"
    # "X has been reported in patients with Y", "infections have been reported, such as ...", "it has been
    # described that ...": what others have reported (not "no recurrence has been reported at follow-up")
    r"(?:has|have) (?:(?:also|not|so far|\w+ly) )?been (?:\w+ly )?(?:reported|described)"
    r"(?=,? (?:in|as|with|among|such as|after|following|that|to)\b)|"
    r"it (?:has been|is) (?:\w+ly )?(?:reported|described|suggested|shown) that|"
    # "only 4 previously published case reports of X", "published cases of X": others' patients
    r"previously published|published (?:case )?(?:reports?|cases?|series|literature)|"
    # what the literature holds, told in the present: "there is a single case report of X", "there have been few
    # reports of X" (condition QA round condqa9; not "there was a ...": a past event of the story)
    r"there (?:is|are|has been|have been) (?:(?:a|an|one|only|single|few|several|two|three|rare|some|other|previous|"
    r"similar|isolated|very|limited|no|many|numerous)\s+)*(?:case reports?|reports?|cases?)\s+(?:of|describing))\b|"
    # "... may precipitate the hemorrhage.15": a superscript citation flattened onto the sentence's end
    r"(?<=[a-z]{2})(?<!fig)(?<!figs)(?<!vol)(?<!eq)\.\d{1,3}(?:[-–,]\d{1,3})*(?=\s|$)", re.I)
# Another report's patient told in the case's own words: "Smith et al. reported X in a 30-year-old woman", "a recent
# case report described a patient who developed X". The words for a patient ("a 30-year-old woman", "she") are then
# the cited patient's, so the sentence is literature unless it also names this case (`_OWN_CASE`).
_CITED_CASE = anchored(
    # (a reference number may stand glued to "et al", a superscript flattened: "Fallon et al9 described")
    r"\bet\s+al(?:\b\.?|\d+(?:[-–,]\d+)*),?\s*(?:\(\d{4}\)\s*|\[\d+(?:[-–,]\s?\d+)*\]\s*)?"
    r"(?:also\s+|previously\s+|recently\s+)?"
    r"(?:reported|described|presented|documented|published)\b|"
    r"\b(?:a|one|another|an\s+earlier)\s+(?:(?:recent|previous|prior|similar|published|single)\s+)?"
    r"(?:case\s+report|case\s+series|report)\s+(?:\(\d+\)\s*|\[\d+(?:[-–,]\s?\d+)*\]\s*)?(?:has\s+|had\s+)?"
    r"(?:also\s+)?(?:described|reported|presented|documented)\b", re.I)
# one of them is in every match of _CITED_CASE, lower-cased: the verb both alternatives end with (not "et al",
# which a no-break space or a line break may split)
_CITED_CASE_WORDS = ("reported", "described", "presented", "documented", "published")
_OWN_CASE = anchored(
    r"\b(?:our|this|the\s+present|the\s+current|the\s+index)\s+(?:patient|case|man|woman|boy|girl|child|infant)\b|"
    r"\bwe\b|\bin\s+our\b", re.I)
# A general statement about a disease, not a fact of this case: "X is a rare autosomal recessive disorder",
# "X is characterised by ...", "X affects mainly young women". Case reports tell the patient's story in the past
# tense, so a sentence with such a cue, no past-tense story verb and no word for the patient is background.
_GENERIC_CUE = anchored(
    # (what treatment a condition takes, in general: "the choice of X vs. Y depends on", "X remains the first-line
    # therapy", "the aneurysm can be treated with a covered stent")
    r"\bchoice\s+(?:of|between)\b[^;]{0,160}?\bdepends\s+on\b|"
    r"\b(?:remains?|is|are)\s+the\s+(?:first[- ]line|second[- ]line|mainstay|standard|preferred|treatment)\b|"
    r"\b(?:can|may|could|should)\s+be\s+(?:treated|managed|considered|used|offered)\s+(?:with|by|as|in|for)\b|"
    # (and what is known of it: "Surgical intervention is not well described", "X is poorly understood")
    r"(?<!\bwhich )(?<!\bthat )\b(?:is|are)\s+(?:not\s+)?(?:well|poorly|rarely|seldom|incompletely)\s+(?:described|"
    r"understood|established|documented|defined|characteri[sz]ed)\b|"
    r"(?<!\bwhich )(?<!\bthat )\b(?:is|are)\s+(?:an?\s+|the\s+)?(?:(?:very|extremely|relatively|exceedingly|"
    r"exceptionally|particularly|increasingly|highly|most|more|less|least)\s+)?"
    r"(?:rare|uncommon|unusual|common|"
    r"frequent|infrequent|well[- ]known|known|recogni[sz]ed|important|major|leading|heterogeneous|benign|malignant|"
    r"chronic|acute|systemic|autoimmune|inflammatory|genetic|hereditary|inherited|congenital|idiopathic|"
    r"multisystem(?:ic)?|life[- ]threatening|potentially|progressive|neurodegenerative|autosomal|distinct|"
    r"clinical|group|spectrum|family|form|type|subtype|variant)\b|"
    r"(?<!\bwhich )(?<!\bthat )\b(?:is|are)\s+(?:(?:usually|often|generally|commonly|typically|mainly)\s+)?"
    r"(?:characteri[sz]ed|"
    r"defined|caused|classified|considered|thought|believed|known|associated|regarded|divided|transmitted|inherited)"
    r"\s+(?:by|as|to|in|with|into|through)\b|"
    r"\b(?:occurs|affects|arises)\s+(?:in\s+)?(?:\d|about|approximately|around|up to|less|more|mainly|mostly|"
    r"predominantly|primarily|typically|usually|commonly|frequently|rarely|young|older|elderly|women|men|children|"
    r"adults|infants|individuals|people|patients|persons|males|females|all ages)|"
    r"\b(?:accounts for|make up|makes up|comprises|results from|is most common|are most common)\b|"
    # a definition: "X (XY) is a gastrointestinal disease that ...", "X is the most common cause of ..."
    r"(?<!\bwhich )(?<!\bthat )\b(?:is|are)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:disease|disorder|syndrome|condition|"
    r"eruption|dermatosis|infection|infestation|tumou?r|neoplasm|malignancy|entity|malformation|anomaly)s?\s+"
    r"(?:that|which|characteri[sz]ed|caused|affecting)\b|"
    # a statement framed by a disease, not by the patient: "In anti-GBM disease, C3 may stay normal"
    r"^in\s+(?:[\w-]+\s+){0,3}(?:disease|disorder|syndrome)s?,|"
    r"(?<!\bwhich )(?<!\bthat )\b(?:is|are)\s+the\s+most\s+(?:\w+ly\s+)?(?:common|frequent|prevalent|recogni[sz]ed|"
    r"important)\b", re.I)
# Advice to the reader, not a fact of this case: "Clinicians should consider X whenever they see Y", "suspicion should
# be raised whenever a physician meets Y", "X should be considered in any patient with Y". A modal statement for
# every patient; unless the sentence names this patient, it is background (docqa9).
_ADVICE = anchored(
    r"\b(?:clinicians|physicians|doctors|practitioners|surgeons|providers|"
    r"(?:a|the|any|every)\s+(?:clinician|physician|doctor|practitioner|surgeon))\s+(?:should|must|need\s+to|ought\s+to)\b|"
    r"\b(?:suspicion|awareness|vigilance|index\s+of\s+suspicion)\s+(?:should|must)\b|"
    r"\bshould\s+(?:always\s+)?be\s+(?:considered|suspected|ruled\s+out|excluded|kept\s+in\s+mind|borne\s+in\s+mind)"
    r"\s+(?:whenever|in\s+(?:any|all|every))\b|"
    r"\bwhenever\s+(?:a|an|the)\s+(?:physician|clinician|doctor|practitioner|surgeon)\b", re.I)
_STORY_VERB = anchored(
    # ("developed countries", "the developing world": an adjective, no story; "can be treated": a modal's passive)
    r"(?<!\bbe\s)\b(?:was|were|had|did|showed|revealed|demonstrated|developed(?!\s+(?:countries|nations|world|economies))|"
    r"presented|received|underwent|complained|denied|"
    r"reported|started|began|improved|remained|confirmed|diagnosed|found|noted|observed|performed|treated|"
    r"admitted|given|prompted|aroused|raised)\b", re.I)
_AUTHOR_LINE = re.compile(
    r"@|\bORCID\b|\bE-?mail\b|\b(?-i:MD|PhD|MBBS|MSc|FRCP)\b|\bcorrespondence\b|\bDepartment\b.*\b(?:Hospital|"
    r"University|Spain|USA|Street|Calle)\b|^[-•*]?\s*[A-Z]\.(?:\s?[A-Z]\.)*\s+[A-Z][A-Za-zÀ-ÿ'-]+(?:-[A-Z].*)?,",
    re.I)
_BACKMATTER_LINE = anchored(
    r"^\s*(?:©|\(c\)\s|copyright\b|competing interests?\b|conflicts? of interest\b|funding\b|"
    r"received\s*:|accepted\s*:|published\s*:|doi\s*:|https?://|keywords?\s*:)", re.I)
_REFERENCES_START = re.compile(r"^\s*(?:references?|bibliography)\s*:?\s*$", re.I)
# a short line of words alone in its paragraph, without a number, colon or full stop: a sub-heading
_SUBHEADING = re.compile(r"\s*[A-Z][A-Za-z'’-]*(?:[ ,/&-]+[A-Za-z'’-]+){0,5}\s*")
# a heading glued to the end of a paragraph's last sentence, as PMC flattens a box set beside the text ("... on
# mechanical ventilation.Learning Objectives"): no space after the sentence's end
_GLUED_HEADING = re.compile(r"(?<=[a-z0-9)\]])[.!?)]([A-Z][A-Za-z -]{2,40})\s*$")
_BULLETS = frozenset("•·▪●◦-–")
_TITLE_LINE = re.compile(r"^\s*(?:letters? to the editors?|sirs,?|dear (?:editor|sirs?),?)\s*$", re.I)
_WE_REPORT = anchored(r"\bwe (?:(?:herein|here|hereby) )?(?:report|describe|present)\b", re.I)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")
_TABLE_CAPTION = re.compile(r"^\s*(?:supplementary\s+)?table\s+[0-9IVX]+[a-z]?\b", re.I)
_OTHER_TABLE = re.compile(
    r"\b(?:cases|review|literature|reported|published|previous|studies|series|criteria|classification|"
    r"definitions?|comparison|differential|guidelines?|trials?|patients)\b", re.I)


@dataclass(frozen=True)
class Zone:
    start: int
    end: int
    zone: str


@cache
def _headings() -> dict[str, str]:
    return {r["heading"]: r["zone"] for r in table("section_headings.csv")}


@cache
def _record_field_rx() -> re.Pattern[str]:
    """A line opening with a field of a clinical record's header ("Admission Date: ...", "Sex: F"),
    `knowledge/record_header_labels.csv`."""
    # the encounter's date too ("Clinic date:")
    labels = [r["label"] for name in ("record_header_labels.csv", "encounter_date_labels.csv") for r in table(name)]
    return re.compile(rf"\s*(?:{alternation(labels)})\s*:", re.I)


@cache
def _salutation_rx() -> re.Pattern[str]:
    """A clinical letter's salutation alone on its line ("Dear Dr Patel,", "Dear Colleague"),
    `knowledge/letter_salutations.csv`: the letter's body after it is the patient's story."""
    alt = alternation([re.escape(r["addressee"]) for r in table("letter_salutations.csv")], escape=False)
    return re.compile(rf"\s*dear\s+(?:{alt})\b\.?[^\n.!?]{{0,60}}[,:]?\s*$", re.I)


@cache
def soap_labels() -> dict[str, str]:
    """A SOAP note's labels -> the part they open ("p" -> "plan"), `knowledge/soap_labels.csv`."""
    return {r["label"]: r["section"] for r in table("soap_labels.csv")}


@cache
def _soap_rx() -> re.Pattern[str]:
    return re.compile(rf"[ \t]*({alternation(soap_labels())})[ \t]*:", re.I)


def _soap_labels(lines: list[tuple[int, int, str]]) -> dict[int, int]:
    """Index of each line a SOAP label opens -> the label's end in the line, where the note labels at least three of
    its four parts (subjective, objective, assessment, plan): "S: Seen for ...", "O: BP 138/84", "A:", "P:". The
    label is the part's heading and the rest of its line the part's text."""
    found: dict[int, int] = {}
    parts: set[str] = set()
    for k, (_, _, raw) in enumerate(lines):
        if ":" not in raw[:24] or (m := _soap_rx().match(raw)) is None:
            continue
        found[k] = m.end()
        parts.update(soap_labels()[re.sub(r"\s+", " ", m.group(1).lower())].split(" and "))
    return found if len(parts) >= 3 else {}


def _heading_zone(line: str) -> str | None:
    s = _NUMBERING.sub("", line.strip()).rstrip(":. ").lower()
    if len(s) > 60 or not s:
        return None
    return _headings().get(s)


# A web page flattened to one line ("... Keywords X Y Introduction In the developing world ... woman. Case
# presentation A 53-year-old ...") keeps its section headings inline. A line this long is a page, not a paragraph
# (T2S2 paragraphs reach 10,000 characters, but their inline "Follow-up CT showed" is no heading: see below).
_LONG_LINE = 2000


@cache
def _inline_heading_rx() -> re.Pattern[str]:
    """A heading inside a long line: written as a heading (Capitalised, Title Case or UPPER CASE), after the end of a
    sentence, a double space or the line's start, and followed by a capitalised word or a number (the section's
    first sentence, or the next heading of a table of contents); "Abstract", "Introduction", "Discussion",
    "Background", "Conclusion(s)" and the case's own headings ("Case presentation") also after any word (a keyword
    list runs into "Introduction") when a sentence follows ("Introduction In the developing world", "Abstract A
    75-year-old", "Case presentation A 75-year-old"). "Keywords:" and the like may end with a colon. Only headings
    that open a part of the article count: a story sub-heading ("Treatment", "Follow-up", "History") also opens
    sentences ("Follow-up CT showed ..."), a "References" heading inside a line is a table of contents more often
    than the bibliography, and of the back matter only "Keywords" opens the article's body ("Abbreviations: IV,
    intravenous" ends a figure legend inside a paragraph; the back matter after the discussion needs no zone of its
    own)."""
    strong, weak = [], []
    for heading, zone in _headings().items():
        if zone == "references" or (zone == "narrative" and "case" not in heading and "presentation" not in heading) \
                or (zone == "backmatter" and not heading.startswith("key")):
            continue
        forms = {heading[0].upper() + heading[1:], heading.title(), heading.upper()}
        # the main parts: one-word headings of the article's frame, and the case's own ("Case presentation")
        main = " " not in heading if zone != "narrative" else " " in heading
        (strong if zone in ("background", "discussion", "summary", "narrative") and main else weak).extend(forms)
    alt = lambda words: "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # noqa: E731
    # "(?=[A-Z])" first: most positions of a long line fail there at once
    return re.compile(rf"(?=[A-Z])(?:(?:(?<=[.!?:;)\]]\s)|(?<=\s\s)|^)(?:{alt(weak + strong)}):?(?=\s+[A-Z0-9])|"
                      rf"(?<=\s)(?:{alt(strong)})(?=\s+[A-Z][a-z]*,?\s+[a-z0-9]))")


def _split_inline_headings(start: int, raw: str) -> list[tuple[int, int, str]]:
    """A long line cut at its inline headings: the heading alone, then its text, as if each stood on its own line."""
    if len(raw) <= _LONG_LINE:
        return [(start, start + len(raw), raw)]
    parts: list[tuple[int, int, str]] = []
    pos = 0
    for m in _inline_heading_rx().finditer(raw):
        if m.start() > pos:
            parts.append((start + pos, start + m.start(), raw[pos:m.start()]))
        parts.append((start + m.start(), start + m.end(), m.group()))
        pos = m.end()
    parts.append((start + pos, start + len(raw), raw[pos:]))
    return parts


def zone_lines(text: str) -> list[Zone]:
    """Split the text into lines and give each its zone."""
    zoner = _Zoner(text)
    for k, (start, end, raw) in enumerate(zoner.lines):
        if raw.strip():
            zoner.line(k, start, end, raw)
    return zoner.finish()


class _Zoner:
    """Gives each line of a text its zone in order (`line`), carrying the zone of the section it is in (`current`)
    and what the text has shown so far (headings of the story, an abstract's frame, a flattened page's title, a box of
    learning objectives, a letter's salutation); `finish` then corrects the zones a later line told of."""

    def __init__(self, text: str) -> None:
        self.text = text
        lines: list[tuple[int, int, str]] = []
        pos = 0
        for raw in text.split("\n"):
            lines.extend(_split_inline_headings(pos, raw))
            pos += len(raw) + 1
        self.lines = lines
        self.heads = heads = [_heading_zone(raw) for _, _, raw in lines]  # each line's zone as a heading, or None
        self.soap = soap = _soap_labels(lines) if ":" in text else {}
        for k in soap:
            heads[k] = heads[k] or "narrative"
        self.has_headings = has_headings = any(h in PATIENT_ZONES for h in heads)
        # a case report (it has a discussion) with no heading of the story anywhere: the case is told under another
        # heading ("Introduction", "Materials and methods", "Clinical presentation") and starts at its opening
        # sentence; a review without a discussion tells other authors' cases in its sections ("Jones et al.
        # described a 61-year-old woman ...")
        self.story_unheaded = "narrative" not in heads and any(
            h == "discussion" and _NUMBERING.sub("", raw.strip()).lower().startswith("discussion")
            for h, (_, _, raw) in zip(heads, lines, strict=True))
        # a flattened page opens with its title, navigation and often the abstract before any inline heading: that
        # stretch stays where an unheaded text starts (the story), not in the background
        self.inline = inline = len(lines) > text.count("\n") + 1
        self.current = "background" if has_headings and not inline and not _record_opening(lines, heads) \
            else "narrative"
        self.zones: list[Zone] = []
        self.in_refs = False
        self.story_headed = False  # a heading of the story ("Case presentation") seen
        # flattened pages: indices in `zones` of story parts under a story heading that follows an abstract's or an
        # introduction's heading (not a journal's "CASE REPORT" label atop the page), and of the first "Keywords"
        # heading
        self.headed_story: list[int] = []
        self.framed = self.framed_story = False
        self.keywords_at: int | None = None
        self.first_heading: int | None = None  # index in `zones` of a flattened page's first heading after its opening
        self.table_zone: str | None = None  # the zone of the table under the last caption, until prose resumes
        self.page_title = ""  # a flattened page's title, once read
        # index in `zones` of the first heading when it is a sub-heading of the story ("Past Medical History"), else -1
        self.opening_sub: int | None = None
        self.box: str | None = None  # the zone of a box (learning objectives) whose heading a paragraph's end holds
        self.box_return: str | None = None  # after a teaching box's own heading line: the zone its bullets interrupt
        self.sections: dict[str, str] = {}  # a numbered section ("2 Case presentation") -> its zone
        self.zones_headed = False  # a section heading seen: record header fields come before it
        self.clinical_letter = False  # a clinical letter's salutation seen: its whole body is about its patient

    def line(self, k: int, start: int, end: int, raw: str) -> None:
        """Give line `k` (not blank) its zone, or its zones when it opens with a label, a title or the case."""
        self.zones_headed = self.zones_headed or self.heads[k] is not None
        if "\t" in raw and not self.in_refs:
            zone = self.table_zone or ("table" if self.current in PATIENT_ZONES else self.current)
            self.zones.append(Zone(start, end, zone))
            return
        caption = _TABLE_CAPTION.match(raw)
        self.table_zone = ("table_other" if _OTHER_TABLE.search(raw) else "table") if caption else None
        hz = self._heading(k, raw) if self.heads[k] is not None or self.box_return is not None else None
        if hz and self.page_title and k + 1 < len(self.lines) and self.lines[k + 1][2].lstrip().startswith(
                self.page_title):
            # "PMID: 123 Case Report: <the page's title> ...": the title's label printed again, no heading
            self.zones.append(Zone(start, end, "title"))
            return
        if _REFERENCES_START.match(raw):
            self.in_refs = True
        start, zone = self._zone_of(k, start, raw, hz)
        zone = self._in_box(raw, zone, hz)
        if hz:
            self._note_heading(raw, hz)
        if self.inline or self.story_unheaded:  # (no other text opens its case before a heading of the story)
            start, zone = self._opening(start, raw, zone, hz)
        if self.inline and self.story_headed and zone == "narrative" and not hz and self.framed_story:
            self.headed_story.append(len(self.zones))
        self.zones.append(Zone(start, end, zone))

    def _heading(self, k: int, raw: str) -> str | None:
        """The zone line `k` opens as a heading (a box's heading opens a discussion; a numbered section keeps its
        zone), None for none; after a box's bullets, back to the zone before the box."""
        hz = self.heads[k]
        if hz == "box":
            self.box_return, hz = (self.box_return or self.current), "discussion"
        elif hz:
            self.box_return = None
            hz = _in_section(raw, hz, self.sections)
        elif self.box_return is not None and raw.lstrip()[:1] not in _BULLETS:
            # the box's bullets have ended: the text goes on where it was
            self.current, self.box_return = self.box_return, None
        return hz

    def _zone_of(self, k: int, start: int, raw: str, hz: str | None) -> tuple[int, str]:
        """The line's zone (and where it starts, past a SOAP label): references, a heading's title (its section
        becomes `current`), a letter's salutation, a record's header field, a sub-heading, back matter, authors, or
        the section's own."""
        if self.in_refs:
            return start, "references"
        if hz:
            self.current = hz
            zone = "title"
            if k in self.soap and raw[self.soap[k]:].strip():
                # "S: Seen for follow-up ...": the label is the heading, the rest of its line the part's text
                self.zones.append(Zone(start, start + self.soap[k], "title"))
                start, zone = start + self.soap[k], hz
            return start, zone
        if not self.inline and _salutation_rx().match(raw):
            self.current = "narrative"  # "Dear Dr Patel,": the letter's body tells its patient's story
            self.clinical_letter = True
            return start, "title"
        if not self.zones_headed and _record_field_rx().match(raw):
            return start, "narrative"  # a record's header field before its first section: the stay, sex, age
        if _TITLE_LINE.match(raw) or (start == 0 and len(raw) < 200 and not raw.rstrip().endswith(".")) or (
                self.has_headings and self.current in PATIENT_ZONES and _SUBHEADING.fullmatch(raw)
                and self.text[max(0, start - 2):start] == "\n\n"):
            # a sub-heading of the story ("Relapse and outcome", "Stevens-Johnson syndrome"): it names a section,
            # it tells no event
            return start, "title"
        if _BACKMATTER_LINE.match(raw):
            return start, "backmatter"
        if len(raw) < 300 and _AUTHOR_LINE.search(raw) and not _STORY_VERB.search(raw):
            # (a line telling the story is no author's line, whatever department or hospital it names: "presented to
            # the emergency department of a district hospital")
            return start, "authors"
        return start, self.current

    def _in_box(self, raw: str, zone: str, hz: str | None) -> str:
        """The bulleted lines after a box's heading glued to a paragraph are the box's; the first other line ends it.
        A paragraph that ends with such a heading ("... on mechanical ventilation.Learning Objectives") opens one."""
        if self.box is not None:
            if zone == self.current and raw.lstrip()[:1] in _BULLETS:
                zone = self.box
            else:
                self.box = None
        if not hz and zone == self.current and (glued := _GLUED_HEADING.search(raw)) is not None:
            box = _heading_zone(glued.group(1))
            self.box = "discussion" if box == "box" else box
        return zone

    def _note_heading(self, raw: str, hz: str | None) -> None:
        """What a heading tells of the text for the lines after it and for `finish`: the story's heading (framed by
        an abstract or an introduction before it), a flattened page's first heading, a story's sub-heading first, the
        keywords."""
        if hz == "narrative":
            self.story_headed, self.framed_story = True, self.framed
        self.framed = self.framed or hz in ("background", "summary")
        if self.inline and hz and self.first_heading is None and any(z.zone != "title" for z in self.zones):
            self.first_heading = len(self.zones)
        if hz and self.opening_sub is None:
            self.opening_sub = len(self.zones) if hz == "narrative" and _story_subheading(raw) else -1
        if self.inline and hz == "backmatter" and self.keywords_at is None and raw.strip()[:3].lower() == "key":
            self.keywords_at = len(self.zones)

    def _opening(self, start: int, raw: str, zone: str, hz: str | None) -> tuple[int, str]:
        """Where the story starts in a line that opens the case before any heading of the story (the words before it
        keep their zone), and a flattened page's title at its start (its own zone)."""
        inline = self.inline
        opening = _case_opening(raw) if inline and not self.story_headed and zone in (
            "background", "discussion", "backmatter") or not inline and self.story_unheaded and not hz \
            and zone == "background" and self.current == "background" else None
        if opening is not None:
            # before any heading of the story, the case told under a heading we do not know after the introduction (or
            # after a table of contents ending in "Discussion"): the story starts at its opening sentence
            if opening:
                self.zones.append(Zone(start, start + opening, zone))
            start, zone = start + opening, "narrative"
            self.current = zone
        zones = self.zones
        if inline and zone == "narrative" and (start == 0 or len(zones) == 1 and zones[0] == Zone(0, start, "title")):
            # the page's title, also after a label opening the page ("Case Report: <title> ...")
            title = _PAGE_TITLE_END.search(raw, 0, 300)
            if title and title.start() > 0:
                zones.append(Zone(start, start + title.start(), "title"))
                self.page_title = raw[:title.start()].strip()
                start += title.start()
        return start, zone

    def finish(self) -> list[Zone]:
        """The zones, corrected by what the whole text showed: a case restated after the keywords, a flattened page's
        header, an unheaded opening of the story, a discussion without a heading."""
        text, zones = self.text, self.zones
        if self.keywords_at is not None:
            _restated_case(zones, self.headed_story, self.keywords_at)
        if self.inline and self.first_heading is not None:
            _page_header(zones, self.first_heading)
        if not self.inline and self.opening_sub is not None and self.opening_sub > 0:
            _unheaded_opening(text, zones, self.opening_sub)
        if not self.has_headings and not self.clinical_letter:
            _mark_unheaded_discussion(text, zones)
        return zones


def _record_opening(lines: list[tuple[int, int, str]], heads: list[str | None]) -> bool:
    """Whether a clinical record's header fields ("Patient: ...", "Date: ...", "Re: ...") open the text before its
    first heading: a treatment or discharge summary, whose text before that heading is the patient's story, not an
    article's introduction (documents QA round docqa5)."""
    for (_, _, raw), head in zip(lines, heads, strict=True):
        if head is not None:
            return False
        if _record_field_rx().match(raw):
            return True
    return False


@cache
def _diagnosis_label_rx() -> re.Pattern[str]:
    """A paragraph opening with the label of a list of the patient's diagnoses ("Final diagnoses:", "Diagnosis:"),
    `knowledge/diagnosis_list_headings.csv`."""
    return re.compile(rf"\s*(?:{alternation([r['heading'] for r in table('diagnosis_list_headings.csv')])})\s*:", re.I)


_SECTION_NUMBER = re.compile(r"^\s*(\d+)(?:\.(\d+))?\.?\s")


def _in_section(raw: str, hz: str, sections: dict[str, str]) -> str:
    """A numbered sub-section takes its section's story zone: "2.1 Background" under "2 Case presentation" is the
    patient's background, not the article's introduction."""
    m = _SECTION_NUMBER.match(raw)
    if m is None:
        return hz
    if m.group(2) is None:
        sections[m.group(1)] = hz
        return hz
    return "narrative" if hz == "background" and sections.get(m.group(1)) == "narrative" else hz


def _story_subheading(raw: str) -> bool:
    """A heading of a part of the story that does not open it ("Past Medical History", "Investigations"), unlike "Case
    report" or "History of present illness"."""
    s = raw.strip().lower()
    return "case" not in s and "present" not in s


def _unheaded_opening(text: str, zones: list[Zone], first: int) -> None:
    """A case told from the first line with no heading of its own, its first heading a part of the story ("A 23-year-old
    man presented with ... | Past Medical History | ..."; the JACC: Case Reports template as PMC prints it without its
    "History of Presentation"): the text before that heading is the story from its opening sentence, not an
    introduction."""
    for i in range(first):
        z = zones[i]
        if z.zone != "background":
            continue
        opening = _case_opening(text[z.start:z.end])
        if opening is None:
            continue
        if opening:
            zones[i] = Zone(z.start, z.start + opening, "background")
            zones.insert(i + 1, Zone(z.start + opening, z.end, "narrative"))
            first += 1
            i += 1
        for j in range(i, first):
            if zones[j].zone == "background":
                zones[j] = Zone(zones[j].start, zones[j].end, "narrative")
        return


def _page_header(zones: list[Zone], first: int) -> None:
    """A flattened page's header (navigation, journal and author lines, the title printed again, at times an unheaded
    abstract or introduction) runs from its title to the first inline heading: where that heading opens the abstract,
    the introduction or the case, the header is `frontmatter`, not the story. A page whose first heading is its
    discussion keeps its start as the story (the case told without a heading)."""
    if not any(z.zone in ("summary", "background", "narrative") for z in zones[first + 1:first + 2]):
        return
    for i in range(first):
        if zones[i].zone == "narrative":
            zones[i] = Zone(zones[i].start, zones[i].end, "frontmatter")


def _restated_case(zones: list[Zone], headed_story: list[int], keywords_at: int) -> None:
    """A structured abstract tells the case under its own "Case presentation" heading before the keywords, and the
    article tells it again in its case section after them: where a story heading follows the keywords, the story
    parts before them are the abstract's summary of the case (real facts, told again with their times later)."""
    if any(i > keywords_at for i in headed_story):
        for i in headed_story:
            if i < keywords_at:
                zones[i] = Zone(zones[i].start, zones[i].end, "summary")


# A flattened page opens with its title, ended by the site's separator ("Title | Journal", "Title - PubMed") or a gap;
# an en dash is the title's own ("Psoas abscess – an unusual cause of groin pain"), no separator
_PAGE_TITLE_END = re.compile(r" [|-] |\s{2,}| Warning:")


# A sentence that tells this patient's story: the patient named ("the patient", "our patient", "a 53-year-old
# woman"), admitted or referred, or the case announced ("we present a case of ...")
_STORY_OPENING = re.compile(
    r"\b(?:(?:the|our|this|index) (?:patient|case|man|woman|boy|girl|child|infant|neonate)\b|"
    r"(?:\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]{3,5}teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?)[- ](?:years?|months?|weeks?|days?)[- ]old\b|"
    r"(?:was|were) (?:admitted|hospitali[sz]ed|referred)\b|"
    r"[Ww]e (?:report|describe|present)\b)")
_ANNOUNCED = frozenset({"report", "escribe", "present"})  # "we report", "we describe", "we present" (last 7 letters)
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)(?=[A-Z0-9])")


def _case_opening(raw: str) -> int | None:
    """Where the story starts in a stretch read as introduction: its first sentence about this patient, told in the
    past tense or announced ("we present"), that cites no other work."""
    starts = [m.end() for m in _SENTENCE_START.finditer(raw)] + [len(raw)]
    for s, e in zip(starts, starts[1:], strict=False):
        sentence = raw[s:e]
        cue = _STORY_OPENING.search(sentence)
        if cue and (cue.group()[-7:] in _ANNOUNCED or _STORY_VERB.search(sentence)) and not _cites(sentence):
            return s
    return None


def _mark_unheaded_discussion(text: str, zones: list[Zone]) -> None:
    """In a letter without headings, paragraphs before the first and after the last paragraph that
    speaks of the patient are background and discussion."""
    idx = [i for i, z in enumerate(zones) if z.zone == "narrative"]
    cued = [i for i in idx if len(_PATIENT_CUE.findall(text[zones[i].start:zones[i].end])) >= 1]
    if not cued:
        return
    first, last = cued[0], cued[-1]
    for i in idx:
        if i < first and not _record_field_rx().match(text, zones[i].start):
            # (a record's header field, "Admission Date: X" / "Sex: M", stays the patient's)
            zones[i] = Zone(zones[i].start, zones[i].end, "background")
        elif i > last and not _diagnosis_label_rx().match(text, zones[i].start):
            # (a closing list of the patient's diagnoses, "Final diagnoses: X; Y", stays the patient's)
            zones[i] = Zone(zones[i].start, zones[i].end, "discussion")


# a value with its unit before a parenthesised number range: "IgM 27 mg/dL (35–242)" gives a reference interval
_VALUE_BEFORE = re.compile(r"\d\s*(?:[A-Za-zµμ]*/[\w.µμ]+|[A-Za-zµμ%]{1,5})?\s*$")  # "7.8 g/dL (", "85.8 fL ("


# "study" as a test of this patient's specimen, stated with its result ("a rearrangement study of the pleural
# fluid was positive", "the conduction study showed slowing"), not a study of others ("a study showed that")
_DIAGNOSTIC_STUDY = re.compile(
    r"stud(?:y|ies)(?:\s+of\s+(?:the|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:(?:was|were)\s+(?:positive|"
    r"negative|normal|abnormal|unremarkable|non-?diagnostic)|(?:showed|revealed|demonstrated|detected)\s+(?!that\b))",
    re.I)


# "Laboratory studies: ...", "imaging studies were notable for ...": a study named by the kind of test it is, the
# patient's workup, not a study of others (unless it is said to have shown something general: "studies have shown")
_WORKUP_STUDY = re.compile(
    r"(?:laboratory|lab|blood|serum|serologic(?:al)?|imaging|radiologic(?:al)?|coagulation|urine|microbiologic(?:al)?|"
    r"metabolic|hormonal|endocrine|hematologic(?:al)?|haematologic(?:al)?|biochemical|initial|admission|"
    r"diagnostic|further|additional|repeat|follow-up)\s+$", re.I)
_GENERAL_FINDING = re.compile(r"stud(?:y|ies)\s+(?:have|has|had|suggest|show|indicate|report)\b", re.I)


_YEAR_IN_BRACKETS = re.compile(r"\((?:19|20)\d\d\)")
_AUTHOR_BEFORE = re.compile(r"\b[A-Z][a-z’'-]+\s$")  # a surname right before the year
# an item number of an enumeration, at the sentence's start or after a list mark, before its item's words: "(1) acute
# aortic dissection; (2) acute kidney injury" (a final-diagnosis list), not a citation "(12)" after the words it backs
_ENUMERATOR = re.compile(r"(?:^|[:;,]\s*|\b(?:and|or)\s+)\((\d{1,2})\)(?=\s*[A-Za-z])")


def _enumerated(sentence: str, m: re.Match[str]) -> bool:
    """The "(n)" at `m` numbers an item of an enumeration whose next or previous item number the sentence also holds
    (condition QA round condqa13)."""
    items = {x.end(): int(x.group(1)) for x in _ENUMERATOR.finditer(sentence)}
    n = items.get(m.end())
    return n is not None and (n + 1 in items.values() or n - 1 in items.values())


def _dated_list_item(sentence: str, start: int, end: int) -> bool:
    """A short item of a history list ending with its year in brackets ("2. Hypertension (2015)", "Gout (2019)."):
    a capitalised diagnosis before the year, not an author, as nothing follows the year (a citation goes on: "Saif
    (2005) found ...")."""
    return not sentence[end:].strip(" \t\n.;,") and len(sentence[:start].split()) <= 5


# a reference number in brackets or flattened from a superscript: what backs a sentence, not what it tells
_REFERENCE_NUMBER = re.compile(r"[(\[]\d+(?:[-–,] ?\d+)*[)\]]|\.\d{1,3}(?:[-–,]\d{1,3})*")
# the care of this case told with its verb ("lopinavir was administered as per protocol [13]", "the PCR confirmed
# COVID-19 [9]"): the reference backs the protocol or the method, the facts are the patient's
_CARE_VERB = re.compile(
    r"\b(?:was|were)\s+(?:(?:\w+ly|also|then|immediately)\s+)?(?:administered|given|started|initiated|commenced|"
    r"performed|intubated|transfused|discharged|treated|transferred)\b|"
    r"\b(?:confirmed|revealed|underwent)\b", re.I)


# what still speaks of others' work or of a cited edition beside a reference number: "in these 20 case reports",
# "as previously described [8]", "according to 2012 CLSI breakpoints (1)", "Banff 2007 classification"
_OTHERS_WORK = re.compile(r"\b(?:cases?|reports?|reported|described|series|(?:19|20)\d\d)\b", re.I)


def _reference_only(sentence: str) -> bool:
    """Whether every literature cue of a sentence is a reference number and nothing else in it speaks of others'
    work or names a year (a cited guideline's edition, not a date of the story)."""
    return all(_REFERENCE_NUMBER.fullmatch(m.group()) for m in finditer(_LITERATURE_CUE, sentence)) \
        and not _OTHERS_WORK.search(sentence)


def _cites(sentence: str) -> bool:
    """A literature cue, other than a lab value's reference interval in parentheses, an enumeration's item number or
    a diagnostic study's result."""
    for m in finditer(_LITERATURE_CUE, sentence):  # rx_first: the same matches, by the lowered twin
        if m.group().startswith("(") and (_VALUE_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
                                          or m.group()[1:-1].isdigit() and _enumerated(sentence, m)):
            continue
        if _YEAR_IN_BRACKETS.fullmatch(m.group()) and (not _AUTHOR_BEFORE.search(sentence, 0, m.start())
                                                       or _dated_list_item(sentence, m.start(), m.end())):
            continue  # "diabetes mellitus (2001)": a date of the history; "Saif (2005) found": a citation
        if m.group()[:4].lower() == "stud" and (_DIAGNOSTIC_STUDY.match(sentence, m.start()) or (
                _WORKUP_STUDY.search(sentence[max(0, m.start() - 20):m.start()])
                and not _GENERAL_FINDING.match(sentence, m.start()))):
            continue
        return True
    return False


# one entry of an abbreviation glossary: "HIV, human immunodeficiency virus", "AA: aplastic anemia", "ESC indicates
# eat, sleep, console" (an abbreviation with two capitals, then its expansion, without a number, from the same letter)
_GLOSSARY_ENTRY = re.compile(
    r"\s*(?:[Aa]bbreviations?(?:\s+used)?\s*:\s*)?(?P<abbr>[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*(?:/[A-Za-z0-9-]+)?)"
    r"\s*(?:[:,=]|\s+indicates)\s+"
    r"(?P<exp>[A-Za-z][^;\d]*?)\s*\.?\s*")


# where the next "ABBR: expansion" entry of a comma-separated key begins (the abbreviation may join two with a slash)
_COLON_ENTRY_START = re.compile(r",\s+(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*(?:/[A-Za-z0-9-]+)?\s*:\s)")


def _glossary(sentence: str) -> bool:
    """A run of abbreviations with their expansions ("LAD, left anterior descending; MI, myocardial infarction"),
    told apart from a list of lab results ("WBC, 12 000/mm3; Hb, 9 g/dL") by the expansion's letters: nothing the
    patient had. Its entries must make up most of the sentence (a table read as one sentence keeps its zone)."""
    parts = sentence.split(";")
    if len(parts) < 2:
        # a caption's key told with colons and commas: "PSL: prednisolone, MMF: mycophenolate mofetil, AMPC/CVA:
        # amoxicillin/clavulanate" (documents QA round docqa12: "CVA" there had been a stroke)
        parts = _COLON_ENTRY_START.split(sentence)
        if len(parts) < 3:
            return False
    hits = covered = 0
    for part in parts:
        m = _GLOSSARY_ENTRY.fullmatch(part)
        if m and m.group("abbr")[0].lower() == m.group("exp")[0].lower():
            hits += 1
            covered += len(part)
    # most of the sentence: not a table flattened into one sentence with its glossary at the end
    return hits >= 2 and 3 * covered >= 2 * len(sentence)


def sentence_zone(sentence: str, line_zone: str) -> str:
    """Refine a sentence's zone: a narrative sentence citing other work, without speaking of the
    patient, is `literature`; a summary-style "we report a case" sentence is `summary`; a general statement about
    a disease, without the patient or a story verb, is `background`."""
    if (";" in sentence or ":" in sentence) and line_zone not in ("title", "references") and _glossary(sentence):
        return "glossary"
    if line_zone in ("narrative", "background", "summary"):
        if _cites(sentence) and not _PATIENT_CUE.search(sentence) and not (
                # the story's own care backed by a reference (documents QA round docqa13)
                line_zone == "narrative" and _CARE_VERB.search(sentence) and _reference_only(sentence)):
            return "literature"
        low = lower_text(sentence)  # the case-insensitive cues are searched by their lowered twins (same answers)
        # a cue is searched only where the lower-cased sentence holds a word every match of it holds (`may_hold`):
        # most sentences cite no report and do not say "we"
        end = len(sentence)
        if may_hold(low, 0, end, _CITED_CASE_WORDS) and search_lowered(_CITED_CASE, sentence, low) \
                and not search_lowered(_OWN_CASE, sentence, low):
            return "literature"
        if may_hold(low, 0, end, ("we ",)) and search_lowered(_WE_REPORT, sentence, low):
            return "summary"  # the case in one sentence: its facts are real but undated
        # the story verb and the patient first: the story's sentences have one, found near their start, where the
        # generic cue (which most sentences lack) would be searched to the end
        if line_zone != "summary" and not search_lowered(_STORY_VERB, sentence, low) \
                and not _PATIENT_CUE.search(sentence) and search_lowered(_GENERIC_CUE, sentence, low):
            return "background"
        if line_zone != "summary" and may_hold(low, 0, end, ("should", "must", "need", "ought", "whenever")) \
                and not _PATIENT_CUE.search(sentence) and search_lowered(_ADVICE, sentence, low):
            return "background"
    return line_zone
