"""Consistency scan of the courses casecourse builds from real case reports (counts only).

    python benchmarks/scan_courses.py --half dev|test [-n N] [--shared ../shared]

Reads the T2S2 case-report bodies (../shared/corpora/t2s2/body; development half = even positions of the
sorted files, held-out half = odd positions) and counts, per half:
- lab values outside any physiological range: over 60 times the catalogue's upper reference limit or under 1/60 of
  its lower one, after conversion to the catalogue's unit (a misread number, unit or test; or a real extreme value:
  CRP 400 mg/L, CK 150,000 U/L);
- lab values marked implausible: those the course itself marks (`LabResult.implausible`, outside the limits of
  knowledge/physiological_limits.csv: a unit the authors wrote wrong, or a misread left);
- values of blood tests (leukocytes, platelets, glucose, ...) in a sentence that names CSF, urine or another fluid
  (a heuristic: the blood value may be right; the count falls when fluid values are read as fluid tests);
- facts dated before 1900 or after 2026;
- exposures (and dose segments) whose end lies before their start, and stop times the assembly read before the
  start and so left unknown (two times read on different clocks: "day 6" of a later admission counted from day 0);
- HTML reports that fail to render.
It prints one JSON object. Read errors only on the development half; count the held-out half.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

_FLUID = re.compile(r"\b(CSF|cerebrospinal|lumbar puncture|pleural fluid|ascitic|pericardial fluid|urinary|urine)\b",
                    re.I)
_BLOOD_TESTS = ("leukocytes", "platelets", "erythrocytes", "glucose", "albumin", "neutrophils", "lymphocytes")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("dev", "test"), required=True)
    ap.add_argument("-n", type=int, default=500, help="first N reports of the half")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    body = args.shared / "corpora" / "t2s2" / "body"
    if not body.is_dir():
        sys.stderr.write(f"{body}: not found (the T2S2 corpus of ../shared)\n")
        return 2
    from importlib import resources

    from casecourse.api import analyze_text
    from casecourse.assembly.exposure_courses import _stopped_before_start
    from casecourse.model import BEFORE_ADMISSION
    from casecourse.report.html import render_html
    from casecourse.units import convert

    with resources.files("casecourse.knowledge").joinpath("labs.csv").open(encoding="utf-8") as f:
        rows = {r["name"]: r for r in csv.DictReader(line for line in f if not line.startswith("#"))}
    files = sorted(body.glob("*.txt"))[0 if args.half == "dev" else 1::2][:args.n]
    counts: Counter[str] = Counter()
    for path in files:
        course = analyze_text(path.read_text(encoding="utf-8", errors="replace"))
        try:
            render_html(course)
        except Exception:  # noqa: BLE001 - counted, the scan goes on
            counts["report failures"] += 1
        for fact in [*course.conditions, *course.findings, *course.labs, *course.exposures, *course.events]:
            years = [v[:4] for v in (fact.time.point, fact.time.earliest, fact.time.latest) if v]
            if any(y < "1900" or y > "2026" for y in years):
                counts["facts dated before 1900 or after 2026"] += 1
        for exp in course.exposures:  # each exposure counted once
            pairs = [(exp.time, exp.end), *((s.start, s.end) for s in exp.segments)]
            if any(e is not None and e.derivation == "unknown" and e.text and e.text != BEFORE_ADMISSION
                   for _s, e in pairs):
                counts["exposures with a stop read before the start (left unknown)"] += 1
            if any(e is not None and s.known and e.known and _stopped_before_start(e, s) for s, e in pairs):
                counts["exposures with a period ending before it starts"] += 1
        for lab in course.labs:
            if lab.value is None:
                continue
            counts["valued lab results"] += 1
            if lab.implausible:
                counts["lab values marked implausible"] += 1
            sentence = lab.provenance.sentence.text if lab.provenance.sentence else ""
            if lab.test in _BLOOD_TESTS and _FLUID.search(sentence):
                counts["blood tests in a fluid sentence"] += 1
            r = rows.get(lab.test)
            if not r or not r["ref_low"] or not r["ref_high"] or not r["ucum"] or not lab.ucum:
                continue
            low, high = float(r["ref_low"]), float(r["ref_high"])
            value = lab.value if lab.ucum == r["ucum"] else convert(
                lab.value, lab.ucum, r["ucum"], float(r["molar_mass"]) if r["molar_mass"] else None)
            if value is not None and (value > 60 * max(high, 1e-9) or low > 0 and value < low / 60):
                counts["lab values outside any physiological range"] += 1
    print(json.dumps({"half": args.half, "reports": len(files), **dict(sorted(counts.items()))}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
