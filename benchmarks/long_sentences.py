"""Time of one very long sentence (no full stop) of repeated clinical phrases, to see that it grows about linearly
with the sentence's length (bad input must never stall a batch). Not part of `make bench`.

    python benchmarks/long_sentences.py [--kinds drugs,labs,findings,changes] [--sizes 10,40,100,200] [--timeout 300]

Each (kind, size) runs in a child process (a size that runs past --timeout is reported as such): CPU seconds to
read and assemble the course (`analyze_text`), then to write its JSON (`course_json`), and the JSON's size. Every
fact's provenance carries its sentence, so the JSON of one long sentence grows with (facts) x (sentence length).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

KINDS = {
    "drugs": "prednisone 10 mg daily, methotrexate 15 mg weekly, ",
    "labs": "hemoglobin 9.2 g/dL, platelets 45 x 10^9/L, ",
    "findings": "fever on day 3, rash on day 5, ",
    "denials": "she denied fever, chills, night sweats, weight loss, cough, or rash, and ",
    "tested": "malaria, dengue, hepatitis A, B, C and HIV tests were all negative, ",
    "changes": "prednisone was started and stopped on day 3, methotrexate 15 mg was increased to 20 mg weekly, ",
}

CHILD = """
import json, sys, time
from casecourse.api import analyze_text, course_json
unit, size = sys.argv[1], int(sys.argv[2])
analyze_text("She had a fever. " + unit)  # indexes loaded before timing
text = unit * (size * 1000 // len(unit))
t0 = time.process_time()
course = analyze_text(text)
t1 = time.process_time()
out = course_json(course)
t2 = time.process_time()
print(json.dumps({"analyze_s": round(t1 - t0, 2), "json_s": round(t2 - t1, 2), "json_mb": round(len(out) / 1e6, 1)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--sizes", default="10,40,100,200", help="kB, comma-separated")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()
    rows = []
    for kind in args.kinds.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            try:
                done = subprocess.run([sys.executable, "-c", CHILD, KINDS[kind], str(size)], capture_output=True,
                                      text=True, timeout=args.timeout, check=True)
                row = {"kind": kind, "kB": size, **json.loads(done.stdout.strip().splitlines()[-1])}
            except subprocess.TimeoutExpired:
                row = {"kind": kind, "kB": size, "timeout_s": args.timeout}
            except subprocess.CalledProcessError as e:
                row = {"kind": kind, "kB": size, "error": e.stderr.strip().splitlines()[-1:]}
            rows.append(row)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
