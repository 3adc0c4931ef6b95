"""A cache of results, so that a file cleaned before is not cleaned again.

An entry is keyed by what decides a file's result: its bytes, whether it is read as Markdown, the
encoding asked for, and a *fingerprint* of everything else — cleaner's version and code, every rule
pack and gazetteer file, the config file, the effective options and the accept list. Change any of
them and the key changes, so a stale entry is never used; it is simply never looked up again.

Entries are plain JSON (never pickle: the cache folder is a file anyone can write) in
``<cache dir>/v1/<2 hex>/<sha256>.json``, written atomically (temporary file + rename). An entry
that cannot be read or does not fit the file it claims to describe is a miss, never an error.
The cache folder can be deleted at any time; entries not used for 30 days are deleted by the next
run (looked for at most once a day). Default folder: the system's user cache folder (platformdirs:
``$XDG_CACHE_HOME/cleaner`` or ``~/.cache/cleaner`` on Linux, ``~/Library/Caches/cleaner`` on macOS); ``--cache-dir`` names another, ``--no-cache`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Iterable

from ..base import atomic
from ..base.compiled import user_cache_root
from ..base.digests import file_digest, save
from ..base.version import __version__
from ..text.edits import APPLICABILITIES, Edit

FORMAT = "v1"
PRUNE_AFTER_DAYS = 30  # an entry not used for this long is deleted (checked at most once a day)
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by cleaner.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def default_cache_dir() -> str:
    """Where this system keeps a user's caches (platformdirs): ``$XDG_CACHE_HOME/cleaner`` or
    ``~/.cache/cleaner`` on Linux, ``~/Library/Caches/cleaner`` on macOS,
    ``%LOCALAPPDATA%\\cleaner\\Cache`` on Windows."""
    return str(user_cache_root())


def _hash_files(h, paths: Iterable[Path]) -> None:
    """Each file's name and the digest of its bytes (remembered by stat: cleaner/base/digests.py)."""

    for path in paths:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        h.update((file_digest(path) or "<unreadable>").encode() + b"\0")
    save()


_code_digest: str | None = None


def code_digest() -> str:
    """A digest of cleaner's own version and source: a changed engine never reuses old results."""
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256(f"cleaner {__version__}\0".encode())
        package = Path(__file__).resolve().parent.parent  # the cleaner package (this file is in cleaner/app/)
        _hash_files(h, sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts))
        _code_digest = h.hexdigest()
    return _code_digest


def fingerprint(*, files: Iterable[str | Path], options: object) -> str:
    """The digest of a configuration: cleaner's code, the given data files' bytes, the options' repr."""
    h = hashlib.sha256(code_digest().encode())
    _hash_files(h, sorted({Path(f) for f in files}, key=str))
    h.update(repr(options).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def entry_key(fingerprint_: str, data: bytes, *, markdown: bool, encoding: str | None) -> str:
    h = hashlib.sha256(fingerprint_.encode())
    h.update(f"\0{int(markdown)}\0{encoding or ''}\0".encode())
    h.update(data)
    return h.hexdigest()


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _edit_to_json(e: Edit) -> list:
    return [e.start, e.end, e.replacement, e.rule, e.confidence, e.applicability, e.message, e.original]


def _edit_from_json(item: list, text: str) -> Edit:
    start, end, replacement, rule, confidence, applicability, message, original = item
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
            and isinstance(replacement, str) and isinstance(rule, str) and isinstance(message, str)
            and isinstance(confidence, (int, float)) and applicability in APPLICABILITIES
            and original == text[start:end]):
        raise ValueError("entry does not fit the text")
    return Edit(start, end, replacement, rule, float(confidence), applicability, message, original)


class Cache:
    def __init__(self, folder: str) -> None:
        self.folder = os.path.join(folder, FORMAT)
        self._root = folder

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".json")

    def get(self, key: str, text: str, content: bytes | None = None) -> tuple[list[Edit], list[Edit]] | None:
        """The (edits, suggestions) stored for ``key``, checked against ``text`` and (when given)
        the digest of the ``content`` they were made from; None on any miss. An entry copied under
        another file's key (an empty one would hide that file's fixes) names other bytes: a miss."""
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                data = json.load(handle)
            if content is not None and data.get("content") != content_digest(content):
                return None
            edits = [_edit_from_json(i, text) for i in data["edits"]]
            suggestions = [_edit_from_json(i, text) for i in data["suggestions"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        try:
            os.utime(self._path(key))  # last used now: pruning keeps it
        except OSError:
            pass
        return edits, suggestions

    def prune(self, *, max_age_days: float = PRUNE_AFTER_DAYS, now: float | None = None) -> int:
        """Delete entries not used for ``max_age_days``, at most once a day; returns how many."""
        now = time.time() if now is None else now
        marker = os.path.join(self.folder, "last-prune")
        try:
            if now - os.stat(marker).st_mtime < 86400:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        removed = 0
        try:
            os.makedirs(self.folder, exist_ok=True)
            with open(marker, "w", encoding="ascii") as handle:
                handle.write("the last time old entries were deleted\n")
            os.utime(marker, (now, now))
            for sub in os.scandir(self.folder):
                if not sub.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(sub.path):
                    if entry.name.endswith((".json", ".tmp")) and now - entry.stat().st_mtime > max_age_days * 86400:
                        os.unlink(entry.path)
                        removed += 1
        except OSError:
            pass
        return removed

    def put(self, key: str, edits: list[Edit], suggestions: list[Edit], content: bytes | None = None) -> None:
        """Store an entry (with the digest of the ``content`` it was made from); a cache that
        cannot be written is silently not used."""
        path = self._path(key)
        data = json.dumps({"content": content_digest(content) if content is not None else None,
                           "edits": [_edit_to_json(e) for e in edits],
                           "suggestions": [_edit_to_json(e) for e in suggestions]}, ensure_ascii=False)
        try:
            folder = os.path.dirname(path)
            if not os.path.isdir(folder):
                os.makedirs(folder, exist_ok=True)
                self._tag()
            atomic.write_bytes(path, data.encode("utf-8"), prefix="tmp", suffix=".tmp")
        except OSError:
            pass

    def _tag(self) -> None:
        tag = os.path.join(self._root, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            try:
                with open(tag, "w", encoding="ascii") as handle:
                    handle.write(_TAG)
            except OSError:
                pass
