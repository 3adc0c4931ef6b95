"""SHA-256 digests of files, remembered by their stat, as git's index remembers them.

Every run keys its caches on the bytes of cleaner's code and data: ~3 MB (word tables, gazetteer,
rule packs) hashed anew each time was ~8 ms of a one-article run. A file's digest is now kept in
``digests.json`` in the compiled cache (``compiled.cache_dir``) with its size, mtime, ctime
and inode, and hashed again only when one of them changed. A file changed less than
:data:`RACY_SECONDS` ago is never remembered (its next change could keep the same mtime: git's
"racily clean" case). Without a cache folder every digest is computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time

from .compiled import cache_dir, write_json

RACY_SECONDS = 2
FILE = "digests.json"
FORMAT = 1
MAX_ENTRIES = 4096

_memo: dict[str, list] | None = None
_dirty = False


def _folder():
    return cache_dir()


def _load() -> dict[str, list]:
    global _memo
    if _memo is None:
        _memo = {}
        folder = _folder()
        if folder is not None:
            try:
                with open(folder / FILE, encoding="utf-8") as handle:
                    data = json.load(handle)
                if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict):
                    _memo = data["files"]
            except (OSError, ValueError):
                pass  # none yet, or damaged: start afresh
    return _memo


def file_digest(path: str | os.PathLike) -> str | None:
    """The SHA-256 (hex) of the file's bytes; None if it cannot be read."""
    global _dirty
    name = os.path.abspath(path)
    try:
        st = os.stat(name)
    except OSError:
        return None
    signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    memo = _load()
    entry = memo.get(name)
    if isinstance(entry, list) and entry[:4] == signature and isinstance(entry[-1], str):
        return entry[-1]
    try:
        with open(name, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_SECONDS * 1_000_000_000:
        memo[name] = signature + [digest]
        _dirty = True
    return digest


def save() -> None:
    """Write the remembered digests if any were added (atomically; any trouble: not this time)."""
    global _dirty
    folder = _folder()
    if not _dirty or folder is None or _memo is None:
        return
    _dirty = False
    files = _memo
    if len(files) > MAX_ENTRIES:  # files long gone pile up: keep the ones looked at last
        files = dict(list(files.items())[-MAX_ENTRIES:])
    write_json(folder / FILE, {"format": FORMAT, "files": files})
