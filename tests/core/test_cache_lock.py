"""The pint registry's disk cache is written in place by pint: processes started together on an empty cache must
wait for the first one instead of reading its half-written files (an EOFError seen on `make score` with a fresh
cache)."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys

from casecourse.cache import exclusive


def test_exclusive_holds_the_lock_only_inside_the_block(tmp_path):
    lock = tmp_path / ".lock"
    with exclusive(lock), open(lock) as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            taken = True
        except BlockingIOError:
            taken = False
        assert not taken
    with open(lock) as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again: raises if still held


def test_processes_started_together_on_an_empty_cache_all_convert(tmp_path):
    code = "from casecourse.units import _registry; print(_registry().Quantity(5, 'mg/dL').to('g/L').magnitude)"
    env = {**os.environ, "CASECOURSE_CACHE": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err[-300:] for _, err in outs]
    assert all(abs(float(out) - 0.05) < 1e-12 for out, _ in outs)
