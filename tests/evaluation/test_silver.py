"""The T2S2 silver timeline comparison (evaluation/silver.py, silver_run.py, readers/t2s2.py).

Texts and timelines are invented for these tests; only the last test reads the shared corpus, and skips
when it is absent (it checks that the copy there has the layout the reader expects)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_helpers import SHARED_CORPORA
from rich.console import Console

from casecourse.evaluation.readers.t2s2 import SAMPLE, SilverEvent, parse_bsv, read_t2s2
from casecourse.evaluation.runner import evaluate_command
from casecourse.evaluation.silver import TimedFact, match, order_counts, words
from casecourse.evaluation.silver_run import LABEL, evaluate_silver, stats

STORY = ("A 61-year-old man was admitted with fever and cough. He had been diagnosed with gout 4 years ago. "
         "Three days later he developed a rash. Two weeks later he was discharged.")
TIMELINE = ("fever | 0\ncough | 0\ngout | -35064\nskin rash | 72\ndischarged | 408\n"
            "a line with arithmetic | 32*24\n")


def _corpus(root: Path, docs: dict[str, tuple[str, str]]) -> Path:
    (root / "t2s2" / "body").mkdir(parents=True)
    (root / "t2s2" / "l33_70b_annotations").mkdir()
    for doc_id, (text, bsv) in docs.items():
        (root / "t2s2" / "body" / f"{doc_id}_body.txt").write_text(text, encoding="utf-8")
        (root / "t2s2" / "l33_70b_annotations" / f"{doc_id}_body.bsv").write_text(bsv, encoding="utf-8")
    return root


def _fact(name: str, days: float, start: int) -> TimedFact:
    return TimedFact(kind="finding", name=name, surface=name, days=days, start=start, sentence="",
                     time_text=None, derivation="relative")


def test_bsv_lines_that_are_not_text_bar_number_are_skipped_and_counted() -> None:
    events, skipped = parse_bsv("fever | -48\n\nrash|12.5\n43 years old | 0male | 0\nonset | -120 months\n")
    assert [(e.text, e.hours, e.line) for e in events] == [("fever", -48.0, 0), ("rash", 12.5, 1)]
    assert skipped == 2


def test_a_fact_matches_a_line_holding_all_its_words_one_to_one() -> None:
    assert words("Elevated white blood cells") >= words("white blood cell")  # 5-letter stems: cells ~ cell
    events = [SilverEvent("fever", -48, 0), SilverEvent("fever resolved", 72, 1), SilverEvent("male", 0, 2)]
    facts = [_fact("fever", -2, 10), _fact("fever", 3, 900)]
    pairs = match(facts, events, 1000)
    # both lines hold 'fever': each takes the fact nearest its place, and no fact is used twice
    assert [(e.text, f.days) for e, f in pairs] == [("fever", -2), ("fever resolved", 3)]
    assert match([_fact("night sweats", 0, 0)], [SilverEvent("sweats", 0, 0)], 10) == []


def test_order_counts_concordant_discordant_and_ties_only_beyond_24_hours() -> None:
    def pair(hours: float, days: float) -> tuple[SilverEvent, TimedFact]:
        return SilverEvent("x", hours, 0), _fact("x", days, 0)

    pairs = [pair(0, 0), pair(12, 5), pair(48, 3), pair(100, 3)]
    # (0,12) silver within 24 h: not counted; (0,48) C; (0,100) C; (12,48) D; (12,100) D; (48,100) tie in ours
    assert order_counts(pairs) == (2, 2, 1)
    s = stats([{"silver": 6, "timed": 4, "aligned": True, "order": (2, 2, 1),
                "pairs": [{"days": 1.0, "hours": 0.0}, {"days": 40.0, "hours": 0.0}]}])
    assert s["coverage"] == pytest.approx(2 / 6) and s["concordance"] == 0.5 and s["tau"] == 0.0
    assert s["within_7d"] == 0.5 and s["within_30d"] == 0.5


def test_evaluate_silver_on_an_invented_corpus(tmp_path: Path) -> None:
    root = _corpus(tmp_path, {"PMC2": (STORY, TIMELINE),
                              "PMC1": ("The woman presented with headache.", "headache | 0\n")})
    result = evaluate_silver(root, Console(stderr=True), errors_half="all", workers=1)
    assert result["label"] == LABEL and result["documents"] == 2 and result["skipped_silver_lines"] == 1
    assert result["dev"]["documents"] == 1 and result["test"]["documents"] == 1  # PMC1 dev, PMC2 test
    part = result["all"]
    assert part["silver_events"] == 6 and part["matched"] >= 4
    assert part["concordance"] == 1.0  # gout before fever before rash before discharge, as the story says
    gout = next(e for e in result["errors"]["items"] if e["silver"] == "gout")
    assert abs(gout["days"] + 4 * 365.25) < 30


def test_cli_json_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setenv("CASECOURSE_EVAL_WORKERS", "1")
    root = _corpus(tmp_path, {"PMC9": (STORY, TIMELINE)})
    err = Console(stderr=True, record=True, width=200)
    assert evaluate_command("t2s2", root, True, None, err) == 0
    assert json.loads(capsys.readouterr().out)["label"] == LABEL
    assert evaluate_command("t2s2", root, False, "time", err, "dev") == 0
    assert "silver (LLM), not gold" in capsys.readouterr().out
    assert evaluate_command("t2s2", root, True, "Medication", err) == 2
    assert evaluate_command("t2s2", tmp_path / "none", True, None, err) == 2


@pytest.mark.skipif(not (SHARED_CORPORA / "t2s2").is_dir(), reason="the shared T2S2 copy is not on this machine")
def test_shared_t2s2_sample_layout() -> None:
    docs = read_t2s2(SHARED_CORPORA / "t2s2")
    assert len(docs) == SAMPLE and [d.id for d in docs] == sorted(d.id for d in docs)
    assert sum(len(d.events) for d in docs) > 20 * SAMPLE
