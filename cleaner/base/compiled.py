"""The compiled cache folder (``compiled`` in the user cache folder, e.g. ``~/.cache/cleaner/compiled``) and how a file is written there.

The compiled gazetteer and name index (names/gazetteer_cache.py), the parsed rule packs
(packs/loading.py) and the remembered file digests (digests.py) all live in this folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import atomic

KEEP = 8  # cache files kept (different sets of gazetteers: bundled alone, with a repo's own...)
_disabled = False


def disable() -> None:
    """No cache read or written for the rest of this process."""
    global _disabled
    _disabled = True


def user_cache_root() -> Path:
    """cleaner's folder in the system's user cache folder (platformdirs): ``$XDG_CACHE_HOME/cleaner``
    or ``~/.cache/cleaner`` on Linux, ``~/Library/Caches/cleaner`` on macOS,
    ``%LOCALAPPDATA%\\cleaner\\Cache`` on Windows."""
    import platformdirs  # lazy: only when a cache is read or written

    return Path(platformdirs.user_cache_dir("cleaner", appauthor=False))


def cache_dir() -> Path | None:
    """``compiled`` in :func:`user_cache_root`; None when caching is off."""
    if _disabled or os.environ.get("CLEANER_NO_CACHE", "").strip() not in ("", "0"):
        return None
    return user_cache_root() / "compiled"


def write_json(path: Path, payload: dict, *, prefix: str | None = None, keep: int = KEEP) -> bool:
    """Write ``payload`` as JSON to ``path`` in the compiled cache, atomically, and keep only the
    ``keep`` most recently used files named ``prefix*.json`` beside it. False if it could not be
    written (a read-only home, a value JSON cannot hold): no cache this time, the result stands."""
    folder = path.parent
    try:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, text.encode("utf-8"), prefix=".tmp-", suffix=".json")
        if prefix is not None:
            _prune(folder, keep_path=path, prefix=prefix, keep=keep)
        return True
    except (OSError, TypeError, ValueError):
        return False


def _prune(folder: Path, keep_path: Path, prefix: str, keep: int) -> None:
    entries = sorted(folder.glob(prefix + "*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in entries if p != keep_path][keep - 1:]:
        try:
            old.unlink()
        except OSError:
            pass
