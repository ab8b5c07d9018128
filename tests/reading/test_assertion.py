"""ConText assertion: the cue matcher and the scope rules, on invented sentences."""
import re

import pytest

from casecourse.model import Mention
from casecourse.reading import assertion
from casecourse.reading.pipeline import read


def _full_alternation() -> re.Pattern:
    """The reference matcher: every cue rule in one alternation, longest rule first."""
    cues = assertion._rules()
    return re.compile(r"(?<![\w-])(?:" + "|".join(p for p, _, _ in cues.parts) + r")(?![\w-])")


SENTENCES = [
    "there was no evidence of pericardial effusion, and she denied chest pain.",
    "fever, rule out endocarditis; may be ruled out for sepsis.",
    "x,  rule out    lymphoma (  rule the patient out for lupus).",
    "his mother and two sisters had thyroid disease but he did not.",
    "if the rash recurs, prednisone should be restarted.",
    "history of nephritis, no longer on treatment; negative for dsdna.",
    "non-tender, no-show, anti-no: hyphenated words are not cues.",
    "possible vasculitis versus infection was considered",
    "",
    "   ",
    "no",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_cue_dispatch_matches_the_full_alternation(sentence: str) -> None:
    ref = [(m.start(), m.end(), m.lastgroup) for m in _full_alternation().finditer(sentence)]
    got = [(m.start(), m.end(), m.lastgroup) for m in assertion._rules().finditer(sentence)]
    assert got == ref


def test_cue_dispatch_on_generated_text() -> None:
    """Random sequences of cue words, fillers and punctuation: same matches as the full alternation."""
    import random

    words = sorted(set(re.findall(r"[a-z']+", _full_alternation().pattern)) | {"fever", "rash", "-", ",", "("})
    seps = [" ", "  ", "", ", ", "-", "\n", ". ", " ("]
    rnd = random.Random(11)
    full, cues = _full_alternation(), assertion._rules()
    for _ in range(3000):
        s = "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(1, 10)))
        assert [m.span() for m in cues.finditer(s)] == [m.span() for m in full.finditer(s)], s


def test_leading_optional_token_can_start_at_whitespace() -> None:
    # "rule out" has an optional modal before it: the match may begin at the space before "rule"
    spans = [m.span() for m in assertion._rules().finditer("x, rule out sepsis")]
    assert spans and spans[0][0] in (2, 3)
    assert spans == [m.span() for m in _full_alternation().finditer("x, rule out sepsis")]


def _assert(text: str, word: str) -> str:
    start = text.index(word)
    m = Mention(type="finding", start=start, end=start + len(word), text=word)
    assertion.assign(text, [(0, len(text))], [m])
    return m.assertion.value


def test_forward_negation_within_scope() -> None:
    assert _assert("She had no fever.", "fever") == "negated"
    assert _assert("She had fever.", "fever") == "present"


def test_with_ends_a_forward_scope_but_not_a_backward_one() -> None:
    assert _assert("She had no rash with fever.", "fever") == "present"
    assert _assert("Pneumonia with pleural effusion was suspected.", "Pneumonia") == "suspected"
    assert _assert("Arthritis with tenosynovitis was ruled out.", "Arthritis") == "negated"


def test_a_cue_with_an_optional_first_word_matches_after_a_word() -> None:
    # medspaCy's "(may) rule out" and "(can) be ruled out" open with an optional word: the cue must also match
    # when that word is absent and another word stands before it, not only after punctuation
    assert _assert("An angiogram was done to rule out vasculitis.", "vasculitis") == "suspected"
    assert _assert("Sarcoidosis cannot be ruled out.", "Sarcoidosis") == "suspected"
    assert _assert("Cough, rule out pertussis.", "pertussis") == "suspected"
    assert _assert("Pertussis was ruled out.", "Pertussis") == "negated"


def test_suspicion_phrasings_of_case_reports() -> None:
    # a suspicion told as 'potential X', 'concerns for X', 'was suspected of having X'
    assert _assert("Cultures were drawn for a potential bacterial infection.", "bacterial infection") == "suspected"
    assert _assert("The skin findings raised concerns for Kawasaki disease.", "Kawasaki disease") == "suspected"
    assert _assert("He was initially suspected of having tuberculosis.", "tuberculosis") == "suspected"
    assert _assert("She was suspected of pertussis.", "pertussis") == "suspected"
    # ... but not the disease whose potential complications are watched, nor a complaint the patient voiced
    assert _assert("We watched for potential complications of the pancreatitis.", "pancreatitis") == "present"
    assert _assert("On waking she expressed concerns about double vision.", "double vision") == "present"


def test_seronegative_for_denies() -> None:
    assert _assert("The patient was seronegative for syphilis.", "syphilis") == "negated"


def test_a_forward_cue_reaches_through_a_list_of_findings() -> None:
    # the scope's word limit counts the words between the listed findings, not the findings' own words
    text = ("He reported no exertional chest pain, shortness of breath, orthopnea, paroxysmal nocturnal dyspnea, "
            "peripheral edema, palpitations, or syncope.")
    spans = ["exertional chest pain", "shortness of breath", "orthopnea", "paroxysmal nocturnal dyspnea",
             "peripheral edema", "palpitations", "syncope"]
    ms = [Mention(type="finding", start=text.index(w), end=text.index(w) + len(w), text=w) for w in spans]
    assertion.assign(text, [(0, len(text))], ms)
    assert [m.assertion.value for m in ms] == ["negated"] * len(spans)
    # ... but not through other words
    far = "No " + " ".join(["word"] * (assertion.MAX_SCOPE_WORDS + 1)) + ", cough or fever."
    assert _assert(far, "fever") == "present"


def test_a_negative_result_denies_every_disease_its_test_list_names() -> None:
    text = "Brucellosis, Q fever, hepatitis A, B and C, and human immunodeficiency virus serologies were all negative."
    spans = ["Brucellosis", "Q fever", "human immunodeficiency virus"]
    ms = [Mention(type="condition", start=text.index(w), end=text.index(w) + len(w), text=w) for w in spans]
    assertion.assign(text, [(0, len(text))], ms)
    assert [m.assertion.value for m in ms] == ["negated"] * 3
    # other words between keep the word limit: the cue does not reach back through a clause
    clause = ("Brucellosis was treated with doxycycline for six weeks before the patient moved abroad and her "
              "serologies were all negative.")
    assert _assert(clause, "Brucellosis") == "present"


def test_scope_is_limited_in_words() -> None:
    far = "No " + " ".join(["word"] * (assertion.MAX_SCOPE_WORDS + 1)) + " fever."
    near = "No " + " ".join(["word"] * (assertion.MAX_SCOPE_WORDS - 1)) + " fever."
    assert _assert(far, "fever") == "present"
    assert _assert(near, "fever") == "negated"


def test_family_and_hypothetical_cues() -> None:
    assert _assert("Her mother had a stroke.", "stroke") == "family"
    assert _assert("Return if rash develops.", "rash") == "hypothetical"


def test_negation_cues_are_reported_once_per_sentence_with_targets() -> None:
    r = read("There was no fever. Without a rash or arthritis, the picture was mild.")
    cues = [m.text.lower() for m in r.mentions if m.type == "negation_cue"]
    assert cues == ["no", "without"]


def test_negative_for_negates_what_follows_even_after_was() -> None:
    from casecourse.reading.pipeline import read

    r = read("Echocardiography was negative for endocarditis but showed a pericardial effusion.")
    got = {m.norm: m.assertion.value for m in r.mentions if m.type in ("condition", "finding")}
    assert got["endocarditis"] == "negated"
    assert got.get("pericardial effusion", "present") == "present"


def test_a_duration_before_history_of_is_the_present_illness() -> None:
    from casecourse.reading.pipeline import read

    for text in ("She presented with a 3-day history of fever.", "She presented with a two-week history of fever."):
        got = {m.norm: m.assertion.value for m in read(text).mentions if m.type == "finding"}
        assert got["fever"] == "present", text
    got = {m.norm: m.assertion.value for m in read("She had a history of fever.").mentions if m.type == "finding"}
    assert got["fever"] == "historical"


def test_past_medical_history_items_are_past_diagnoses() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 21-year-old woman with a past medical history of asthma and depression presented "
                          "with a 2-day history of cough.", assess=False)
    assert {c.name for c in course.conditions} >= {"asthma", "depression"}
    assert "cough" in {f.name for f in course.findings}


def test_provisional_and_concern_phrasing_is_suspected() -> None:
    from casecourse.reading.pipeline import read

    for text in ("He was admitted with a provisional diagnosis of septic shock.",
                 "The CT scan was concerning for pancreatitis.", "A working diagnosis of sepsis was made."):
        got = [m.assertion.value for m in read(text).mentions if m.type == "condition"]
        assert got and set(got) == {"suspected"}, text


def test_combined_cue_scan_finds_what_the_per_position_scan_finds():
    """The one-pattern scan of the cues (`_Cues.combined`) is a speed-up only: same cues, same rules."""
    import dataclasses

    from casecourse.reading.assertion import _rules

    cues = _rules()
    assert cues.combined is not None
    # every rule can be rewritten behind its first character (a rule that cannot, e.g. one opening on a look-behind,
    # drops the scan to its slower form: 1.5 -> 3.5 ms per report)
    bodies = [re.sub(r"^\(\?P<r\d+>", "(?:", p) for p, _, _ in cues.parts]
    assert assertion._literal_branches(list(cues.parts), bodies) is not None
    slow = dataclasses.replace(cues, combined=None, by_char={})
    for sentence in ("no fever, chills or night sweats were reported and she denied any rash.",
                     "there was no evidence of recurrence; a history of lupus in her mother was noted.",
                     "if symptoms recur, rule out infection - possible sepsis versus flare.",
                     "family history: father with colon cancer but no prior hospitalisations.",
                     "we suspected ttp, a rare disorder characterized by fever; a disease marked by rash."):
        assert [(m.span(), m.lastgroup) for m in cues.finditer(sentence)] == \
               [(m.span(), m.lastgroup) for m in slow.finditer(sentence)]
        assert any(True for _ in cues.finditer(sentence))


def test_a_semicolon_ends_the_scope_of_a_negation() -> None:
    text = "Case presentation\nThere was no lymphadenopathy; the spleen was palpable 3 cm below the costal margin."
    found = {m.attrs.get("hpo"): m.assertion.value for m in read(text).mentions if m.type == "finding"}
    assert found.get("HP:0002716") == "negated"  # lymphadenopathy
    assert found.get("HP:0001744") == "present"  # splenomegaly


def test_what_a_treatment_prevents_or_a_concern_names_has_not_happened() -> None:
    from casecourse.reading.pipeline import read_mentions

    def asserted(text: str) -> dict[str, str]:
        return {m.text: m.assertion.value for m in read_mentions(text) if m.type in ("finding", "condition")}

    assert asserted("Fresh frozen plasma was given to prevent bleeding.")["bleeding"] == "hypothetical"
    assert asserted("He took prophylaxis against Pneumocystis pneumonia.")["Pneumocystis pneumonia"] == "hypothetical"
    got = asserted("Heparin was begun to prevent thrombosis, but she developed a pulmonary embolism.")
    assert got["thrombosis"] == "hypothetical" and got["pulmonary embolism"] == "present"
    assert asserted("Despite prophylaxis, she developed a deep vein thrombosis.")["deep vein thrombosis"] == "present"
    # what a treatment keeps from spreading or progressing is there
    assert asserted("Debridement was repeated to prevent the spread of infection.")["infection"] == "present"
    assert asserted("Rituximab was added to prevent further progression of nephritis.")["nephritis"] == "present"


def test_what_a_disease_is_defined_by_in_an_apposition_is_not_the_patients() -> None:
    from casecourse.reading.pipeline import read_mentions

    text = ("We first suspected thrombotic thrombocytopenic purpura, a rare disorder characterized by "
            "microangiopathic haemolytic anaemia, fever and renal failure.")
    got = {m.text: m for m in read_mentions(text) if m.type in ("finding", "condition")}
    for feature in ("fever", "renal failure"):
        assert got[feature].assertion.value == "hypothetical" and got[feature].attrs.get("defining")
    # without the apposition, the patient's own syndrome has the features
    own = {m.text: m.assertion.value for m in read_mentions("She developed a syndrome characterized by fever and "
                                                           "a rash.") if m.type in ("finding", "condition")}
    assert own["fever"] == "present"


@pytest.mark.parametrize(("text", "expected"), [
    ("Lymphoma was not detected.", {"lymphoma": "negated"}),
    ("Fever, cough, and rash were not present.", {"fever": "negated", "cough": "negated", "rash": "negated"}),
    ("Hepatomegaly and splenomegaly were absent.", {"hepatomegaly": "negated", "splenomegaly": "negated"}),
    # a singular verb has one subject; one comma before "and" opens a new clause
    ("He presented with fever and weight loss, and lymphoma was not detected.",
     {"fever": "present", "weight loss": "present", "lymphoma": "negated"}),
    ("She presented with fever, and vegetations were not seen.", {"fever": "present", "vegetations": "negated"}),
    ("She never developed fever.", {"fever": "negated"}),
    ("The rash never resolved and she had arthritis.", {"rash": "present", "arthritis": "present"}),
])
def test_negations_after_their_targets_and_never(text: str, expected: dict[str, str]) -> None:
    got = {m.text.lower(): m.assertion.value for m in read("Case presentation\n" + text).mentions
           if m.type in ("condition", "finding")}
    assert {k: got.get(k) for k in expected} == expected


def test_a_test_never_positive_or_neither_positive_is_negative() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nA 50-year-old woman was admitted. Blood cultures were never positive. "
                          "Neither ANA nor ANCA was positive.")
    assert {(lab.test, lab.interpretation) for lab in course.labs} == {
        ("blood culture", "NEG"), ("antinuclear antibodies", "NEG"), ("anca", "NEG")}


def test_a_denial_is_a_cue_even_when_nothing_it_denies_was_read() -> None:
    """A cue in a sentence the reader found no target in is still a negation cue, denying nothing known."""
    from casecourse.reading.pipeline import read

    r = read("He denied any trips abroad. There was no fever. The road was long.")
    cues = {m.text.lower(): m.attrs.get("negates") for m in r.mentions if m.type == "negation_cue"}
    assert cues == {"denied": None, "no": "finding"}


def test_a_cue_denying_that_an_examination_was_done_denies_the_examination_which_keeps_its_assertion() -> None:
    from casecourse.reading.pipeline import read

    r = read("No echocardiogram was performed. There was no fever.")
    cues = [(m.start, m.attrs.get("negates")) for m in r.mentions if m.type == "negation_cue"]
    assert cues == [(0, "examination"), (43, "finding")]
    exams = [m for m in r.mentions if m.type == "examination"]
    assert exams and all(m.assertion.value == "present" for m in exams)


def test_free_inside_a_test_or_finding_name_denies_nothing() -> None:
    """'free' names the test ('free T4') or the finding ('free fluid'); 'pain free' still denies the pain."""
    r = read("Her levels of free T4 and free T3 were normal. Ultrasound showed ascites and free fluid.")
    asserted = {m.text: m.assertion.value for m in r.mentions if m.type in ("lab_test", "lab_value", "finding")}
    assert asserted and set(asserted.values()) == {"present"}, asserted
    assert not [m for m in r.mentions if m.type == "negation_cue"]
    r = read("After the operation he was pain free.")
    assert {m.text: m.assertion.value for m in r.mentions if m.type == "finding"} == {"pain": "negated"}
    assert [m.text for m in r.mentions if m.type == "negation_cue"] == ["free"]


def test_a_cue_before_a_verb_of_doing_denies_an_action_not_a_finding() -> None:
    """'was not performed', 'were not requested', 'could not be done': a test or a procedure not done; Ada's
    modifier row leaves such cues out, and 'no fever' or 'was not found' still deny what was looked for."""
    from casecourse.evaluation.mapping import load_mapping

    r = read("A gene analysis was not performed. Stool cultures were not requested. A biopsy could not be done. "
             "There was no fever. The variant was not found.")
    cues = [(m.text, m.attrs.get("negates")) for m in r.mentions if m.type == "negation_cue"]
    assert [n for t, n in cues[:3]] == ["action", "action", "action"], cues
    assert cues[3] == ("no", "finding") and cues[4][1] != "action", cues
    modifier = load_mapping("ada").row("modifier")
    assert modifier is not None and not modifier.admits("negation_cue", {"negates": "action"})


def test_no_before_a_number_is_the_number_sign() -> None:
    """"Vol. 12 No. 3", "patient no.2": the abbreviation of "number" denies nothing; "no rash" still does."""
    got = {m.text: m.assertion.value for m in read("Vol. 12 No. 3 Lichen planus in a girl. Patient no.2 had no "
                                                   "rash.").mentions if m.type in ("condition", "finding")}
    assert got["Lichen planus"] == "present"
    assert got["rash"] == "negated"


def test_a_sentence_of_few_cues_reads_them_as_the_position_index_does() -> None:
    """A sentence of a few cues is read without the index of positions (`assertion._Scope`): same reach."""
    from casecourse.reading.pipeline import read_mentions

    findings = ["fever", "chills", "cough", "rash", "headache", "nausea", "vomiting", "diarrhoea", "dysuria",
                "haematuria", "syncope", "palpitations", "dyspnoea", "wheeze", "arthralgia", "myalgia", "pruritus",
                "jaundice", "epistaxis", "seizures", "tremor", "ataxia", "dysphagia", "hoarseness", "photophobia"]
    listed = "She denied " + ", ".join(f"{f} {f} {f}" for f in findings) + "."  # 75 words of findings
    padded = listed[:-1] + ", and " + " and ".join(["no sputum"] * 9) + "."  # more cues: the index is used

    def denied(text: str) -> list[str]:
        return [m.text for m in read_mentions(text) if m.type == "finding" and m.assertion.value == "negated"
                and m.text in findings]

    few, many = denied(listed), denied(padded)
    assert few == many and "fever" in few and "photophobia" not in few  # the list is reached, up to its reach


def test_an_imaging_technique_without_contrast_denies_nothing() -> None:
    from casecourse.reading.pipeline import read

    found = {m.text: m.assertion.value for m in read(
        "CT of the chest without contrast showed basilar opacities and a small pleural effusion.").mentions
        if m.type in ("finding", "condition")}
    assert found["opacities"] == "present" and found["pleural effusion"] == "present"


def test_the_child_of_a_childs_report_is_the_patient_and_her_child_a_relative() -> None:
    from casecourse.reading.pipeline import read

    def assertions(text: str) -> dict[str, str]:
        return {m.text: m.assertion.value for m in read(text).mentions if m.type in ("finding", "condition")}

    assert assertions("The child had hypotonia and seizures.") == {"hypotonia": "present", "seizures": "present"}
    assert assertions("Her child had asthma.")["asthma"] == "family"


def test_a_new_predicate_or_participle_clause_ends_a_denial() -> None:
    from casecourse.reading.pipeline import read

    def assertions(text: str) -> dict[str, str]:
        return {m.text: m.assertion.value for m in read(text).mentions if m.type in ("finding", "condition")}

    found = assertions("He remained free of vegetation regrowth and showed only mild tricuspid regurgitation.")
    assert found["tricuspid regurgitation"] == "present"
    assert assertions("He had no fever and had a productive cough.")["productive cough"] == "present"
    assert assertions("The absence of pharyngitis, having lymphopenia, argued against it.")["lymphopenia"] == "present"
    assert assertions("She had no fever, cough or dyspnea.")["dyspnea"] == "negated"


def test_and_was_opens_a_new_predicate_after_a_denial() -> None:
    from casecourse.reading.pipeline import read

    found = {m.text: m.assertion.value for m in read("He had no fever and was tachycardic.").mentions
             if m.type in ("finding", "condition")}
    assert found == {"fever": "negated", "tachycardic": "present"}


def test_a_surgical_exclusion_of_an_aneurysm_denies_nothing() -> None:
    from casecourse.reading.pipeline import read

    found = {m.text: m.assertion.value for m in read(
        "The team decided to exclude the pseudoaneurysm with an endovascular stent graft.").mentions
        if m.type in ("finding", "condition")}
    assert found["pseudoaneurysm"] == "present"


def test_an_outcome_told_unlikely_does_not_deny_the_disease() -> None:
    from casecourse.reading.pipeline import read

    def assertions(text: str) -> dict[str, str]:
        return {m.text: m.assertion.value for m in read(text).mentions if m.type in ("finding", "condition")}

    assert assertions("The septic shock was unlikely to respond to further treatment.")["septic shock"] == "present"
    assert assertions("Pneumonia was unlikely.")["Pneumonia"] == "negated"
