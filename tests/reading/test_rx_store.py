"""rx_store: patterns compiled from the kept program equal `re.compile`'s, and derivations come back from disk."""
import os
import re

import pytest

from casecourse.reading import rx_first, rx_store

PATTERNS = [
    (r"(?P<a>x|y[0-9]+)\b(?=z)", 0),
    (r"(?i)\b(?:fever|pyrexia)s?\b", 0),
    (r"a b # comment", re.X),
    (r"[^\W\d_]+(?:['’`´][sS]\b)?|\d+", re.I),
    (r"(?<![\w-])(?:no|without)\s+(?P<what>\w+)", re.I | re.M),
    (r"(\d+)\s*(?:mg|g)\b(?!/)", 0),
]


@pytest.fixture()
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CASECOURSE_CACHE", str(tmp_path))
    monkeypatch.setattr(rx_store, "_entries", None)
    monkeypatch.setattr(rx_store, "_added", False)
    return tmp_path


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_compile_equals_re_compile(fresh_store, pattern, flags):
    made = rx_store.compile(pattern, flags)
    want = re.compile(pattern, flags)
    assert made == want  # CPython compares patterns by pattern, flags and program
    assert (made.groups, made.groupindex) == (want.groups, want.groupindex)
    text = "No fever, pyrexias; 5 mg without rash x12 z x12z"
    assert [m.span() for m in made.finditer(text)] == [m.span() for m in want.finditer(text)]


def test_compile_raises_as_re_does(fresh_store):
    with pytest.raises(re.error):
        rx_store.compile(r"(unclosed")


def test_kept_on_disk_and_reused(fresh_store, monkeypatch):
    rx = re.compile(r"\b(?:Severe|mild)\s+(?P<x>anaemia|anemia)\b", re.I)
    twin = rx_first.lowered(rx)
    assert twin is not None
    rx_store._save()
    assert list(fresh_store.rglob("regex-*.pkl"))
    monkeypatch.setattr(rx_store, "_entries", None)  # a new process: the derivation must not run again
    monkeypatch.setattr(rx_first, "_lowered_source", lambda _rx: pytest.fail("derived again"))
    monkeypatch.setattr(rx_first, "_LOWERED", {})
    again = rx_first.lowered(rx)
    assert again == twin and again.groupindex == rx.groupindex
    low = "she had severe anaemia."
    assert again.search(low).span() == rx.search("She had Severe ANAEMIA.").span()


def test_an_untrusted_file_is_dropped(fresh_store, monkeypatch):
    rx_store.compile(r"abc")
    rx_store._save()
    path = next(fresh_store.rglob("regex-*.pkl"))
    import pickle

    entries = pickle.loads(path.read_bytes())
    key = ("sre", (rx_store._PROBE, 0))  # written with every file: the next process checks the file by it
    entries[key] = (*entries[key][:2], [*entries[key][2][:-1], 0], *entries[key][3:])  # another program
    entries[("lowered", ("q", 34))] = ("bogus", 32)
    path.write_bytes(pickle.dumps(entries))
    monkeypatch.setattr(rx_store, "_entries", None)
    assert not rx_store.has("lowered", ("q", 34))


def test_eager_derives_at_first_use(fresh_store, monkeypatch):
    monkeypatch.setattr(rx_first, "_DEFERRED", {})
    monkeypatch.setattr(rx_first, "_LOWERED", {})
    late = re.compile(r"\b(?:pleural|pericardial)\s+effusions?\b", re.I)
    assert rx_first.deferred_twin(late, 1, 10**9) is None  # deferred: not derived yet, nothing on disk
    eager = re.compile(r"\b(?:ascites|oedema)\b", re.I)
    monkeypatch.setattr(rx_store, "EAGER", [True])
    twin = rx_first.deferred_twin(eager, 1, 10**9)
    assert twin is not None and twin.search("gross ascites").span() == eager.search("gross Ascites").span()
    monkeypatch.setattr(rx_store, "EAGER", [False])
    monkeypatch.setattr(rx_first, "_DEFERRED", {})
    assert rx_first.deferred_twin(eager, 1, 10**9) is not None  # kept: no longer deferred in a later process


def test_a_new_package_state_gets_a_new_file_and_the_old_one_goes(fresh_store, monkeypatch):
    rx_store.compile(r"old state")
    rx_store._save()
    (old,) = fresh_store.rglob("regex-*.pkl")
    week = rx_store._STALE_AFTER_S
    os.utime(old, (old.stat().st_atime, old.stat().st_mtime - week - 60))  # last written over a week ago
    monkeypatch.setattr(rx_store, "_state", lambda: "0123456789abcdef")  # a rule file was edited
    monkeypatch.setattr(rx_store, "_entries", None)
    assert not rx_store.has("sre", ("old state", 0))  # nothing of the old state is read
    rx_store.compile(r"new state")
    rx_store._save()
    (new,) = fresh_store.rglob("regex-*.pkl")
    assert new != old and new.name.endswith("0123456789abcdef.pkl")


def test_a_recent_file_of_another_state_is_kept(fresh_store, monkeypatch):
    rx_store.compile(r"one checkout")
    rx_store._save()
    (other,) = fresh_store.rglob("regex-*.pkl")  # written just now: another checkout sharing the cache uses it
    monkeypatch.setattr(rx_store, "_state", lambda: "fedcba9876543210")
    monkeypatch.setattr(rx_store, "_entries", None)
    rx_store.compile(r"another checkout")
    rx_store._save()
    assert other.exists() and len(list(fresh_store.rglob("regex-*.pkl"))) == 2


def test_the_state_covers_the_package_data(tmp_path):
    package = tmp_path / "pkg"
    (package / "reading").mkdir(parents=True)
    (package / "data").mkdir()
    for name in ("rx_first.py", "rx_store.py"):
        (package / "reading" / name).write_text("# code\n")
    rules = package / "data" / "rules.json"
    rules.write_text('["no"]')
    before = rx_store.tree_hash(package)
    assert rx_store.tree_hash(package) == before  # stable while nothing changes
    (package / "reading" / "__pycache__").mkdir()
    (package / "reading" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert rx_store.tree_hash(package) == before  # compiled bytecode is no state
    rules.write_text('["no", "denies"]')
    assert rx_store.tree_hash(package) != before  # a rules file edited
