"""File digests remembered by stat (cleaner/base/digests.py): never a stale digest for changed bytes."""

import hashlib
import json
import os
import time

import pytest

from cleaner.base import digests


@pytest.fixture
def store(compiled_cache, monkeypatch):
    monkeypatch.setattr(digests, "_memo", None)
    monkeypatch.setattr(digests, "_dirty", False)
    # the files here were written a moment ago (their ctime is now, whatever their mtime): with
    # the real margin none would be remembered; test_a_file_changed_just_now uses it
    monkeypatch.setattr(digests, "RACY_SECONDS", 0)
    return compiled_cache / digests.FILE


def _old_file(path, data: bytes):
    path.write_bytes(data)
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def _fresh_process(monkeypatch):
    monkeypatch.setattr(digests, "_memo", None)  # as a new run would start: read from the store


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_digest_is_remembered_and_reused(tmp_path, store, monkeypatch):
    path = _old_file(tmp_path / "rules.toml", b"one")
    assert digests.file_digest(path) == sha(b"one")
    digests.save()
    assert str(path) in json.loads(store.read_text())["files"]
    _fresh_process(monkeypatch)
    expected = sha(b"one")
    monkeypatch.setattr(digests.hashlib, "sha256", lambda data: pytest.fail("hashed again"))
    assert digests.file_digest(path) == expected


def test_changed_bytes_are_hashed_again_even_with_the_old_size_and_mtime(tmp_path, store, monkeypatch):
    path = _old_file(tmp_path / "rules.toml", b"one")
    digests.file_digest(path)
    digests.save()
    before = os.stat(path)
    path.write_bytes(b"two")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime: the ctime moved
    _fresh_process(monkeypatch)
    assert digests.file_digest(path) == sha(b"two")


def test_a_file_changed_just_now_is_not_remembered(tmp_path, store, monkeypatch):
    monkeypatch.setattr(digests, "RACY_SECONDS", 2)
    path = tmp_path / "new.toml"
    path.write_bytes(b"fresh")
    assert digests.file_digest(path) == sha(b"fresh")
    digests.save()
    assert not store.exists() or str(path) not in json.loads(store.read_text())["files"]


def test_without_a_cache_nothing_is_stored(tmp_path, store, monkeypatch):
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    path = _old_file(tmp_path / "rules.toml", b"one")
    assert digests.file_digest(path) == sha(b"one")
    digests.save()
    assert not store.parent.exists()


def test_a_damaged_store_is_ignored_and_a_missing_file_has_no_digest(tmp_path, store, monkeypatch):
    store.parent.mkdir(parents=True)
    path = _old_file(tmp_path / "rules.toml", b"one")
    for bad in ("{not json", "[]", json.dumps({"format": 1, "files": {str(path): [1, 2]}})):
        store.write_text(bad)
        _fresh_process(monkeypatch)
        assert digests.file_digest(path) == sha(b"one")
    assert digests.file_digest(tmp_path / "missing") is None
