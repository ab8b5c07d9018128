"""The scorer on hand-made items: perfect is 1.0, empty is 0.0, a shifted span is lenient only."""
from __future__ import annotations

from casecourse.evaluation.metrics import Counts, counts_for, match_lenient, match_strict, set_counts

GOLD = [(0, 5, None), (10, 20, None), (30, 35, None)]


def _scores(gold, pred):
    s = counts_for(len(gold), len(pred), match_strict(gold, pred)).prf()
    le = counts_for(len(gold), len(pred), match_lenient(gold, pred)).prf()
    return s, le


def test_perfect_prediction_scores_one():
    s, le = _scores(GOLD, list(GOLD))
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)
    assert le["f1"] == 1.0 and (s["tp"], s["fp"], s["fn"]) == (3, 0, 0)


def test_empty_prediction_scores_zero():
    s, le = _scores(GOLD, [])
    assert (s["precision"], s["recall"], s["f1"], s["fn"]) == (0.0, 0.0, 0.0, 3)
    assert le["f1"] == 0.0


def test_shifted_span_is_lenient_not_strict():
    s, le = _scores([(10, 20, None)], [(12, 22, None)])
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 1)
    assert (le["tp"], le["fp"], le["fn"]) == (1, 0, 0)


def test_adjacent_spans_do_not_overlap():
    _, le = _scores([(10, 20, None)], [(20, 25, None)])
    assert le["tp"] == 0


def test_matching_is_one_to_one():
    # two predictions inside one gold span: one tp, one fp
    _, le = _scores([(0, 10, None)], [(0, 4, None), (5, 10, None)])
    assert (le["tp"], le["fp"], le["fn"]) == (1, 1, 0)
    # duplicate exact predictions: the second is a false positive
    s, _ = _scores([(0, 10, None)], [(0, 10, None), (0, 10, None)])
    assert (s["tp"], s["fp"]) == (1, 1)


def test_lenient_prefers_exact_then_largest_overlap():
    gold = [(0, 10, None), (8, 12, None)]
    pred = [(8, 12, None), (2, 9, None)]
    assert match_lenient(gold, pred) == [(0, 1), (1, 0)]


def test_key_must_agree():
    s, le = _scores([(0, 5, "HP:1")], [(0, 5, "HP:2")])
    assert s["tp"] == 0 and le["tp"] == 0


def test_mixed_counts_and_prf_arithmetic():
    c = Counts(tp=2, fp=1, fn=3)
    assert c.prf() == {"precision": 0.6667, "recall": 0.4, "f1": 0.5, "tp": 2, "fp": 1, "fn": 3}


def test_document_sets():
    c = set_counts({"HP:1", "HP:2"}, {"HP:2", "HP:3"})
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)


def rm(doc_id: str, hit: bool):
    """One document of a one-span row: its gold word found (`hit`) or missed."""
    from casecourse.evaluation.gold import GoldDoc, GoldSpan
    from casecourse.evaluation.scoring import RowMatch
    from casecourse.model import Mention

    gold = [GoldSpan(label="X", start=0, end=4, text="word")]
    pred = [Mention(type="x", start=0, end=4, text="word")] if hit else []
    pairs = [(0, 0)] if hit else []
    return RowMatch(doc=GoldDoc(id=doc_id, text="word"), gold=gold, pred=pred, strict=pairs, lenient=pairs)


def test_halves_split_documents_by_id_parity_and_score_each_half() -> None:
    from casecourse.evaluation.evaluate import halves

    # ids sorted: a, b, c, d -> dev = a, c (both found); test = b, d (both missed), whatever the input order
    got = halves({"X": [rm("d", False), rm("a", True), rm("c", True), rm("b", False)]})
    assert got["dev"]["documents"] == 2 and got["test"]["documents"] == 2
    assert got["dev"]["types"]["X"]["lenient_f1"] == 1.0
    assert got["test"]["types"]["X"]["lenient_f1"] == 0.0


def test_target_macro_averages_only_the_named_rows_overall_and_per_half() -> None:
    """Ada's headline is the macro lenient F1 over finding, condition and modifier (the corpus paper's rows): the
    factor row is left out, and each fixed half gets its own average."""
    from casecourse.evaluation.extras import target_macro

    matches = {"finding": [rm("a", True), rm("b", True)], "condition": [rm("a", True), rm("b", False)],
               "factor": [rm("a", False), rm("b", False)]}
    got = target_macro(matches, ["finding", "condition"])
    assert abs(got["target_macro_f1_lenient"] - (1.0 + 2 / 3) / 2) < 1e-3  # condition: P 1, R 1/2
    assert got["target_macro_f1_lenient_dev"] == 1.0 and got["target_macro_f1_lenient_test"] == 0.5
    assert target_macro(matches, []) == {}


def test_a_corpus_scoring_only_the_patients_zones_ignores_mentions_elsewhere() -> None:
    from casecourse.evaluation.gold import GoldDoc, GoldSpan
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.evaluation.scoring import in_scope
    from casecourse.model import Mention

    doc = GoldDoc(id="a", text="x" * 100, spans=[GoldSpan("finding", 10, 20, "x" * 10),
                                                 GoldSpan("finding", 80, 90, "x" * 10)])
    story = Mention(type="finding", start=30, end=35, text="x" * 5, zone="narrative")
    background = Mention(type="finding", start=40, end=45, text="x" * 5, zone="background")
    outside = Mention(type="finding", start=92, end=95, text="x" * 3, zone="narrative")
    zones = frozenset({"narrative", "summary"})
    assert in_scope([story, background, outside], doc, "annotated_window", zones) == [story]
    assert in_scope([story, background], doc, "full") == [story, background]
    # Ada annotates only what the case has: its row scores the reader's patient zones
    assert load_mapping("ada").zones is not None and "background" not in load_mapping("ada").zones
    assert load_mapping("maccrobat").zones is None


def test_an_abstract_told_before_the_case_section_is_not_scored_where_the_corpus_says_so() -> None:
    """Ada annotates the presentation of the case, "found in a dedicated section or the abstract": a summary before
    the case's own section is left out, a summary with no story after it (an abstract-only page) is scored."""
    from casecourse.evaluation.gold import GoldDoc, GoldSpan
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.evaluation.scoring import in_scope
    from casecourse.model import Mention

    doc = GoldDoc(id="a", text="x" * 100, spans=[GoldSpan("condition", 0, 5, "x" * 5),
                                                 GoldSpan("condition", 90, 95, "x" * 5)])
    abstract = Mention(type="condition", start=10, end=15, text="x" * 5, zone="summary")
    story = Mention(type="condition", start=40, end=45, text="x" * 5, zone="narrative")
    closing = Mention(type="condition", start=60, end=65, text="x" * 5, zone="summary")
    zones = frozenset({"narrative", "summary"})
    follow = (("summary", "narrative"),)
    assert in_scope([abstract, story, closing], doc, "annotated_window", zones, follow) == [story, closing]
    assert in_scope([abstract], doc, "annotated_window", zones, follow) == [abstract]
    assert in_scope([abstract, story], doc, "annotated_window", zones) == [abstract, story]
    assert load_mapping("ada").unless_followed_by == follow
    assert load_mapping("maccrobat").unless_followed_by == ()


def test_ada_modifier_row_scores_only_normal_or_negative_results() -> None:
    """Ada's modifier negates a finding: "normal"/"negative" results do, "increased" does not; cues always count."""
    from casecourse.evaluation.gold import GoldDoc, GoldSpan
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.evaluation.scoring import match_row
    from casecourse.model import Mention

    row = load_mapping("ada").row("modifier")
    assert row is not None
    text = "Exam normal. CRP increased. No fever."
    doc = GoldDoc(id="a", text=text, spans=[GoldSpan("modifier", 5, 11, "normal"), GoldSpan("modifier", 28, 30, "No")])
    normal = Mention(type="test_result", start=5, end=11, text="normal", attrs={"interpretation": "N"})
    high = Mention(type="test_result", start=17, end=26, text="increased", attrs={"interpretation": "H"})
    cue = Mention(type="negation_cue", start=28, end=30, text="No")
    got = match_row(doc, [normal, high, cue], row)
    assert [m.text for m in got.pred] == ["normal", "No"]
    assert len(got.strict) == 2
    assert row.admits("lab_value", {"interpretation": "NEG"}) and not row.admits("lab_value", {"interpretation": None})
    # the MACCROBAT rows have no such condition: a row without it admits any attributes
    lab = load_mapping("maccrobat").row("Lab_value")
    assert lab is not None and lab.admits("test_result", {"interpretation": "H"})


def test_ada_scores_a_negated_disease_as_a_finding() -> None:
    """Ada's negation modifiers modify findings only, so a denied disease is annotated as a finding."""
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.model import Assertion

    m = load_mapping("ada")
    finding, condition = m.row("finding"), m.row("condition")
    assert finding is not None and condition is not None
    for assertion, in_finding in ((Assertion.negated, True), (Assertion.present, False), (Assertion.historical, False)):
        assert finding.admits("condition", {}, assertion.value) is in_finding
        assert condition.admits("condition", {}, assertion.value) is not in_finding
    assert finding.admits("finding", {}, "negated") and finding.admits("finding", {}, "present")


def test_a_row_also_admits_a_type_when_an_also_when_holds() -> None:
    """Ada's finding row takes a condition when denied or when an examination showed it; the condition row then not."""
    from casecourse.evaluation.mapping import load_mapping

    rows = {r.name: r for r in load_mapping("ada").rows}
    finding, condition = rows["finding"], rows["condition"]
    seen = {"seen_on": "imaging"}
    assert finding.admits("condition", seen, "present") and not condition.admits("condition", seen, "present")
    assert not finding.admits("condition", {}, "present") and condition.admits("condition", {}, "present")
    assert finding.admits("condition", {}, "negated") and not condition.admits("condition", {}, "negated")


def test_ada_finding_row_leaves_out_words_naming_the_class_of_findings() -> None:
    """'symptoms', 'complications', 'no abnormality' name no sign (Ada: "a sign or symptom a patient shows");
    the reader marks them `finding_class`, a named sign ('mass', 'fever') is no class word."""
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.reading.pipeline import read_mentions

    found = {m.text.lower(): bool(m.attrs.get("finding_class")) for m in read_mentions(
        "Her symptoms worsened, with fever and a neck mass. There were no complications and the radiograph "
        "showed no abnormality; side effects were mild.") if m.type == "finding"}
    assert found["symptoms"] and found["complications"] and found["abnormality"] and found["side effects"]
    assert found["fever"] is False and found["mass"] is False
    finding = load_mapping("ada").row("finding")
    assert finding is not None
    assert not finding.admits("finding", {"finding_class": True}, "present")
    assert finding.admits("finding", {}, "present")
    sign = load_mapping("maccrobat").row("Sign_symptom")
    assert sign is not None and sign.admits("finding", {"finding_class": True}, "present")


def test_ada_modifier_row_leaves_out_a_cue_that_denies_only_a_test() -> None:
    """'negative for thyroglobulin' denies a stain's target, no finding the patient shows; 'no fever' denies one."""
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.reading.pipeline import read_mentions

    cues = {m.text: m.attrs.get("negates") for m in read_mentions(
        "The tumour cells were positive for chromogranin but negative for thyroglobulin. There was no fever.")
        if m.type == "negation_cue"}
    assert cues == {"negative for": "lab_test", "no": "finding"}
    modifier = load_mapping("ada").row("modifier")
    assert modifier is not None
    assert not modifier.admits("negation_cue", {"negates": "lab_test"})
    assert modifier.admits("negation_cue", {"negates": "finding"}) and modifier.admits("negation_cue", {})


def test_gscplus_row_leaves_out_short_forms() -> None:
    """GSC+ annotates the phenotype's name, not its short form (none of the 173 spans of the 22 development
    abstracts is one): a use of a defined short form is not scored, the long form is."""
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.reading.pipeline import read_mentions

    row = load_mapping("gscplus").row("phenotype")
    assert row is not None
    text = "He developed squamous cell carcinomas (SCCs) on the scalp. Two SCCs were excised."
    mentions = [m for m in read_mentions(text) if m.attrs.get("hpo")]
    scored = [m.text for m in mentions if row.admits(m.type, m.attrs, m.assertion.value)]
    assert "squamous cell carcinomas" in scored
    assert sum(m.text == "SCCs" for m in mentions) == 2 and "SCCs" not in scored
    # a list gives several prefixes of one attribute; a single string still works (MACCROBAT's Z codes)
    assert not row.admits("condition", {"source": "defined_short_form"})
    assert row.admits("finding", {"source": "lexicon"})
    dd = load_mapping("maccrobat").row("Disease_disorder")
    assert dd is not None and not dd.admits("condition", {"icd10": "Z94.0"})


def test_ada_modifier_row_leaves_out_summary_cues() -> None:
    """In the summary zone (abstract, "we present a case of ...") a negation cue denies history or outcome ("with no
    history of asthma", "no recurrence"); the case presentation's own are scored. The row's `zone` condition asks the
    mention's zone."""
    from casecourse.evaluation.gold import GoldDoc, GoldSpan
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.evaluation.scoring import match_row
    from casecourse.model import Mention

    modifier = load_mapping("ada").row("modifier")
    assert modifier is not None
    assert modifier.admits("negation_cue", {"negates": "finding"}, "present", "narrative")
    assert not modifier.admits("negation_cue", {"negates": "finding"}, "present", "summary")
    assert modifier.admits("test_result", {"interpretation": "N"}, "present", "summary")
    text = "We report a man with no history of asthma. He had no fever."
    doc = GoldDoc(id="z", text=text, spans=[GoldSpan("modifier", 47, 49, "no")])
    cues = [Mention(type="negation_cue", start=24, end=26, text="no", zone="summary"),
            Mention(type="negation_cue", start=47, end=49, text="no", zone="narrative")]
    got = match_row(doc, cues, modifier)
    assert [m.start for m in got.pred] == [47] and len(got.strict) == 1


def test_ada_finding_row_scores_a_positive_result_and_the_modifier_row_a_negative_one() -> None:
    """A result the reader ties to its test states a finding when positive or abnormal ("cultures grew Klebsiella
    pneumoniae", "the NBT test was abnormal") and denies one when negative or normal; a raised or lowered level
    ("elevated CRP") is part of the finding its test names, and a number alone is neither."""
    from casecourse.evaluation.mapping import load_mapping

    rows = load_mapping("ada")
    finding, modifier = rows.row("finding"), rows.row("modifier")
    assert finding is not None and modifier is not None
    for interp, in_finding in (("POS", True), ("A", True), ("H", False), ("L", False), ("N", False), (None, False)):
        assert finding.admits("lab_value", {"interpretation": interp}) is in_finding
    assert modifier.admits("lab_value", {"interpretation": "NEG"})
    assert not modifier.admits("lab_value", {"interpretation": "POS"})


def test_a_cue_that_is_a_negative_results_own_word_is_one_modifier() -> None:
    """'the serology was negative', 'revealed no abnormality': the reader reads the normal or negative result and a
    negation cue over the same words; the cue is marked `result_word` and Ada's modifier row counts the result only,
    while a cue of its own ('no fever') stays."""
    from casecourse.evaluation.mapping import load_mapping
    from casecourse.reading.pipeline import read_mentions

    got = read_mentions("The HIV serology was negative. Examination of the chest revealed no abnormality. "
                        "There was no fever.")
    cues = {(m.text, bool(m.attrs.get("result_word"))) for m in got if m.type == "negation_cue"}
    assert cues == {("was negative", True), ("no", True), ("no", False)}
    modifier = load_mapping("ada").row("modifier")
    assert modifier is not None
    assert not modifier.admits("negation_cue", {"negates": "finding", "result_word": True})
    assert modifier.admits("negation_cue", {"negates": "finding"})
