"""How a run writes: the one place ``fix`` and the archive jobs replace or create a file.

Every write is atomic (a temporary file beside the target, synced, renamed over it: a crash
leaves the old file or the new one, never a mix; see ``text/fileio.write_atomic``), and checked:

- in place (:func:`write_in_place`): a read-only file is left alone unless forced, and a file
  that changed on disk since it was read (an editor saved it mid-run) is not replaced;
- a copy in an output folder (:func:`write_copy`): never through a symbolic link, nor outside
  the folder (each folder on the way is checked, see ``text/fileio.safe_output_path``); and,
  when the writer looked at the copy's place before (:func:`look`), not over a file that
  appeared or changed there meanwhile.

A write that fails (a read-only folder, a full disk) is an InputError naming the file, which
keeps its old content. :func:`sweep_temps` removes what killed writers left behind.
"""

from __future__ import annotations

import os
from typing import Iterable

from ..base.errors import InputError
from ..text.fileio import (ChangedOnDisk, Snapshot, TextFile, is_read_only, remove_stale_temps, replace_if_unchanged,
                           safe_output_path, write_atomic)


def fixed_bytes(source: TextFile, text: str, data: bytes) -> bytes:
    """The bytes of a cleaned file: its cleaned ``text`` in the file's own encoding and
    byte-order mark, or the bytes it was read as (``data``) when cleaning changed nothing."""
    return source.encode(text) if text != source.text else data


def mode_of(path: str) -> int | None:
    """``path``'s permission bits (a copy gets its original's), None when it cannot be seen."""
    try:
        return os.stat(path).st_mode
    except OSError:
        return None


def write_in_place(path: str, data: bytes, snapshot: Snapshot, original: bytes, *, force: bool = False) -> None:
    """Replace ``path``, read as ``original`` with ``snapshot``, with ``data``. A read-only file
    is left alone unless ``force``; a file that changed on disk meanwhile is left as it is now
    (ChangedOnDisk). Either way an InputError says why, and nothing is written."""
    if not force and is_read_only(path):
        raise InputError("read-only; left as it was (--force writes it)", path=path)
    try:
        replace_if_unchanged(path, data, snapshot, original)
    except OSError as exc:
        raise _cannot_write(exc, path) from None


#: ``write_copy(seen=...)`` default: the copy's place was not looked at before (no check).
NOT_LOOKED = object()


def look(path: str) -> Snapshot | None:
    """What is at ``path`` now, without following a link: its Snapshot, or None if nothing.
    Given to :func:`write_copy` as ``seen``, it stops a write over what appeared meanwhile."""
    try:
        return Snapshot.of(os.lstat(path))
    except FileNotFoundError:
        return None


def write_copy(root: str, path: str, data: bytes, *, mode: int | None = None, seen=NOT_LOOKED) -> str:
    """Write ``data`` to ``path``, a file under the output folder ``root`` (its missing folders
    created); returns the path written. Refused with an InputError: a symbolic link, or anything
    but a folder, on the way or at ``path``, and a ``path`` outside ``root``. ``mode``: the
    permission bits to give it. ``seen``: what :func:`look` found at ``path`` before the work
    began; if the place holds something else just before the rename (another writer, a user),
    it is left as it is (ChangedOnDisk)."""
    try:
        target = safe_output_path(root, path)  # no link on the way
        check = None
        if seen is not NOT_LOOKED:
            def check(place: str) -> None:
                if look(place) != seen:
                    raise ChangedOnDisk("written by someone else while it was being cleaned; left as it is now",
                                        path=path)
        write_atomic(target, data, mode=mode, follow=False, check=check)
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    return target


def _cannot_write(exc: OSError, path: str) -> InputError:
    return InputError(f"cannot write: {exc.strerror or exc}; left as it was", path=path)


def sweep_temps(files: Iterable[str]) -> int:
    """Remove the temporary files a run killed mid-write (SIGKILL, power loss) left beside
    ``files`` (each folder once), before this run writes there; how many were removed."""
    folders = (os.path.dirname(os.path.realpath(f)) for f in files)
    return sum(len(remove_stale_temps(folder)) for folder in dict.fromkeys(folders))
