"""`casecourse corpus cohort` and `corpus query` on an invented corpus: who had the conditions, who got the drug,
what followed and the outcome rule."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_docs import write_corpus
from rich.console import Console

from casecourse.corpus.build import build
from casecourse.corpus.cohort import cohort, outcome


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cohort")
    build([write_corpus(root / "in")], root / "store", workers=2, console=Console(stderr=True, quiet=True))
    return root / "store"


def _by_name(result: dict) -> dict[str, dict]:
    return {p["name"]: p for p in result["patients"]}


def test_sle_hlh_anakinra_cohort(store: Path) -> None:
    r = cohort(store, ["systemic lupus erythematosus", "hemophagocytic lymphohistiocytosis"], "anakinra")
    # SLE + HLH: the remission, relapse and untreated stories (the suspected HLH is not counted); the RA story has
    # anakinra but not the conditions
    assert r["with_conditions"] == 3 and r["exposed"] == 2
    pts = _by_name(r)
    assert set(pts) == {"a_remission.txt", "b_relapse.txt"}
    a, b = pts["a_remission.txt"], pts["b_relapse.txt"]
    assert (a["sex"], a["age_years"], b["sex"], b["age_years"]) == ("female", 24, "male", 31)
    assert a["outcome"] == "remission on it" and b["outcome"] == "relapse on it"
    xa, xb = a["exposures"][0], b["exposures"][0]
    assert xa["start"] == "2021-03-12" and "remission" in [e["type"] for e in xa["after_start"]]
    # what recovered is kept with the event ("her fever resolved"), in the store and in the cohort
    assert ("recovery", "fever") in [(e["type"], e["detail"]) for e in xa["after_start"]]
    assert xb["stop_reason"] and "effic" in xb["stop_reason"] and xb["end"] == "2020-05"
    assert any(d["dose"] and "2 mg/kg" in d["dose"] for d in xb["doses"])
    assert r["outcomes"] == {"relapse on it": 1, "remission on it": 1}
    assert a["last_follow_up"] == "2022-03" and b["last_follow_up"] is None


def test_matching_by_written_form_code_and_suspected(store: Path) -> None:
    by_abbrev = cohort(store, ["SLE", "haemophagocytic lymphohistiocytosis"], "ANAKINRA")
    by_code = cohort(store, ["M32", "D76.1"], "L04AC")
    names = {"a_remission.txt", "b_relapse.txt"}
    assert set(_by_name(by_abbrev)) == names == set(_by_name(by_code))
    with_suspected = cohort(store, ["SLE", "HLH"], "anakinra", include_suspected=True)
    assert "g_suspected.txt" in _by_name(with_suspected)
    assert cohort(store, ["SLE", "HLH"], "emapalumab")["exposed"] == 1
    assert cohort(store, ["rheumatoid arthritis"], "anakinra")["exposed"] == 1
    assert cohort(store, ["no such disease"], "anakinra")["exposed"] == 0


def _x(**kw) -> dict:
    return {"start_day_lo": 100.0, "end_day_hi": None, "status": "active", "stop_reason": None, **kw}


def _e(kind: str, day: float | None) -> dict:
    return {"type": kind, "time_day_lo": day}


def test_outcome_rule() -> None:
    assert outcome(_x(), [_e("remission", 150), _e("death", 300)])[0] == "died"
    assert outcome(_x(), [_e("remission", 150), _e("flare", 200)])[0] == "relapse on it"
    assert outcome(_x(), [_e("flare", 150), _e("remission", 200)])[0] == "remission on it"
    # events before the start, or without a time, say nothing about it
    assert outcome(_x(), [_e("remission", 50), _e("relapse", None)])[0] == "unknown"
    stopped = _x(status="stopped", end_day_hi=120.0, stop_reason="infection")
    assert outcome(stopped, [_e("relapse", 200)])[0] == "stopped for infection"
    assert outcome(_x(status="stopped", end_day_hi=120.0), [_e("remission", 200)])[0] == "remission after it"
    assert outcome(_x(start_day_lo=None), [_e("remission", 200)])[0] == "unknown"


def test_an_event_the_start_does_not_order_counts_when_told_after_the_start() -> None:
    # a drug started "on day 4" of a month-dated stay; the presenting flare of that month is told before the start
    x = _x(start_day_lo=100.0, start_day_hi=130.0, span_start=900)
    month = {"time_day_lo": 100.0, "time_day_hi": 130.0}
    presenting = {"type": "flare", **month, "span_start": 700}
    later = {"type": "flare", **month, "span_start": 1200}
    assert outcome(x, [presenting])[0] == "unknown"
    assert outcome(x, [presenting, later])[0] == "relapse on it"
    # certainly after the start's interval: counted wherever it is told
    assert outcome(x, [{"type": "remission", "time_day_lo": 160.0, "time_day_hi": 160.0, "span_start": 10}])[0] \
        == "remission on it"
    # a death told before the start in the same month is no death on the drug
    assert outcome(x, [{"type": "death", **month, "span_start": 500}])[0] == "unknown"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casecourse.cli", "corpus", *args], capture_output=True, text=True)


def test_query_and_cohort_commands(store: Path) -> None:
    sql = "SELECT name, status FROM documents ORDER BY name"
    rows = json.loads(_cli("query", "--store", str(store), sql, "--json").stdout)
    assert [r["status"] for r in rows].count("error") == 3 and rows[0]["name"] == "a_remission.txt"
    table = list(csv.reader(io.StringIO(_cli("query", "--store", str(store), sql, "--csv").stdout)))
    assert table[0] == ["name", "status"] and len(table) == len(rows) + 1
    assert "a_remission.txt" in _cli("query", "--store", str(store), sql).stdout
    bad = _cli("query", "--store", str(store), "SELECT nope FROM documents")
    assert bad.returncode == 2 and "nope" in bad.stderr
    out = _cli("cohort", "--store", str(store), "-c", "SLE", "-c", "HLH", "--drug", "anakinra", "--json")
    got = json.loads(out.stdout)
    assert got["exposed"] == 2 and "outcome_rule" in got
    text = _cli("cohort", "--store", str(store), "-c", "SLE", "-c", "HLH", "--drug", "anakinra").stdout
    assert "remission on it" in text and "relapse on it" in text
    assert _cli("query", "--store", str(store / "nowhere"), "SELECT 1").returncode == 2


def test_days_from_day_0_are_shown_to_the_day_or_to_tenths_near_day_0() -> None:
    from casecourse.corpus.cohort import when

    def row(lo: float, hi: float) -> dict[str, float]:
        return {"start_offset_min": lo, "start_offset_max": hi}

    assert when(row(-9.5, -2.5), "start") == "day -10..-2"  # an interval widens outwards: it still holds the time
    assert when(row(62.9375, 70.2), "start") == "day +62..+71"
    assert when(row(62.6, 62.6), "start") == "day +63"
    assert when(row(0.5, 0.5), "start") == "day +0.5"
    assert when(row(0.0, 0.0), "start") == "day 0"
    assert when(row(-0.04, 0.04), "start") == "day 0"


def test_a_class_code_finds_named_agents_and_courses_told_by_class_alone(tmp_path: Path) -> None:
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "named.txt").write_text("A 30-year-old woman with systemic lupus erythematosus was given prednisolone "
                                    "40 mg daily in 2019.\n", encoding="utf-8")
    (docs / "unnamed.txt").write_text("A 52-year-old man with systemic lupus erythematosus was treated with "
                                      "intravenous steroids in 2020.\n", encoding="utf-8")
    build([docs], tmp_path / "store", workers=1, console=Console(stderr=True, quiet=True))
    r = cohort(tmp_path / "store", ["systemic lupus erythematosus"], "H02AB")
    assert set(_by_name(r)) == {"named.txt", "unnamed.txt"}
    drugs = {p["name"]: p["exposures"][0]["drug"] for p in r["patients"]}
    assert drugs == {"named.txt": "prednisolone", "unnamed.txt": "glucocorticoid (agent not stated)"}
