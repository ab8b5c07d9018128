"""The on-disk index cache: built once per key, older builds of the same index removed."""
from __future__ import annotations

from pathlib import Path

import pytest

from casecourse import cache


def test_a_new_key_replaces_the_old_build_and_leaves_other_indexes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECOURSE_CACHE", str(tmp_path))
    calls: list[str] = []
    assert cache.cached("lexicon", "k1", lambda: calls.append("k1") or {"v": 1}) == {"v": 1}
    assert cache.cached("lexicon", "k1", lambda: calls.append("again") or {"v": 9}) == {"v": 1}  # loaded
    cache.cached("lexicon_extra", "k1", lambda: 3)
    assert cache.cached("lexicon", "k2", lambda: {"v": 2}) == {"v": 2}
    names = sorted(p.name for p in cache.cache_dir().glob("*.pkl"))
    assert names == ["lexicon-k2.pkl", "lexicon_extra-k1.pkl"]
    assert calls == ["k1"]
