"""Writing a file in one rename: readers see the old bytes or the new, never a half-written file.

The one way cleaner replaces a file: users' articles (text/fileio.write_atomic: durable, keeping
the file's permissions), the results cache (app/cache.py) and the compiled cache
(base/compiled.write_json).
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable


def write_bytes(path: str | os.PathLike, data: bytes, *, prefix: str, suffix: str, durable: bool = False,
                prepare: Callable[[str], None] | None = None) -> None:
    """Write ``data`` to a temporary file ``prefix*suffix`` beside ``path`` and rename it over
    ``path``. ``durable``: synced to disk, and the rename too; ``prepare(tmp)`` runs before the
    rename (permissions). On any error the temporary file is removed and the error raised."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if prepare is not None:
            prepare(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        try:  # make the rename itself durable
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass
