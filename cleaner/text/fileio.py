"""Reading and writing article files without ever losing or half-writing one.

Reading keeps what writing needs to restore the file exactly: its encoding, its byte-order mark,
its line endings (the text keeps them as they are) and its final newline. Writing goes to a
temporary file in the same folder, is flushed to disk, gets the original's permissions, and then
replaces the original in one rename: a crash leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import codecs
import os
import stat
import time
from dataclasses import dataclass
from typing import Iterator

from ..base import atomic
from ..base.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
TEMP_SUFFIX = ".cleaner-tmp"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class TextFile:
    path: str
    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, path: str, encoding: str | None = None) -> TextFile:
    """Bytes to text, or an InputError naming the file and line of the first bad byte."""
    bom = b""
    if encoding is None:
        for mark, enc in _BOMS:
            if data.startswith(mark):
                bom, encoding = mark, enc
                break
        else:
            encoding = "utf-8"
        if not bom and b"\x00" in data:
            nul = data.index(b"\x00")
            line = data[:nul].count(b"\n") + 1
            head = data[:256]
            if len(head) >= 8 and max(head[1::2].count(0), head[0::2].count(0)) >= 0.75 * (len(head) // 2):
                hint = "looks like UTF-16 without a byte-order mark (use --encoding utf-16-le or utf-16-be)"
            else:
                hint = "binary file (NUL byte), not text"
            raise InputError(f"{hint}; left alone", path=path, line=line)
    body = data[len(bom):]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid {encoding} (byte 0x{body[exc.start]:02x}); left alone "
            "(use --encoding to name the file's encoding)", path=path, line=line) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    return TextFile(path, text, encoding, bom)


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _require_regular(mode: int, path: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise InputError(f"{kind}, not a regular file; left alone", path=path)


def read_text(path: str, encoding: str | None = None) -> TextFile:
    return decode(read_bytes(path), path, encoding)


def read_bytes(path: str) -> bytes:
    """Read a regular file. Anything else (a named pipe that would block forever, a device that
    never ends, a socket) is an InputError, checked on the opened file so nothing can swap it in."""
    return read_snapshot(path)[0]


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: its identity (device, inode), size and change time.
    ``replace_if_unchanged`` compares it, and the bytes, before replacing the file."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> "Snapshot":
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_snapshot(path: str) -> tuple[bytes, Snapshot]:
    """``read_bytes``, with the file's Snapshot taken on the opened file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        try:  # a socket cannot even be opened: say what it is
            _require_regular(os.stat(path).st_mode, path)
        except OSError:
            pass
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        st = os.fstat(fd)
        _require_regular(st.st_mode, path)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)
    return data, Snapshot.of(st)


class ChangedOnDisk(InputError):
    """The file changed (or was replaced) on disk since it was read: it is not overwritten."""


def is_read_only(path: str) -> bool:
    """No write permission bit set (a 0444 file): what its owner said about changing it."""
    try:
        return not stat.S_IMODE(os.stat(path).st_mode) & 0o222
    except OSError:
        return False


def replace_if_unchanged(path: str, data: bytes, snapshot: Snapshot, original: bytes) -> None:
    """Replace ``path`` (a file read as ``original`` with ``snapshot``) with ``data``, unless it
    changed on disk meanwhile: then ChangedOnDisk, and the file is left as it is now.

    The check is made after the new content is written and synced to its temporary file, just
    before the rename, so the window in which an edit can be lost is as short as a rename.
    """

    def unchanged(target: str) -> None:
        try:
            now, snap = read_snapshot(target)
        except InputError:
            now, snap = None, None
        if snap != snapshot or now != original:
            raise ChangedOnDisk("changed on disk while it was being cleaned; left as it is now "
                                "(run fix again to clean the new version)", path=path)

    write_atomic(path, data, check=unchanged)


def write_atomic(path: str, data: bytes, *, mode: int | None = None, follow: bool = True,
                 check=None) -> None:
    """Replace ``path``'s content with ``data`` in one rename, keeping its permissions.

    A symbolic link is followed: the file it points to is replaced, the link stays (``follow=False``:
    ``path`` is written as named, see ``safe_output_path``). ``mode``, when given, sets the
    permission bits (a cleaned copy gets its original's); a new file otherwise gets what the umask
    allows. ``check(target)``, when given, runs just before the rename and may raise to cancel it.
    """
    target = os.path.realpath(path) if follow else path
    try:
        st = os.stat(target) if follow else os.lstat(target)
    except FileNotFoundError:
        st = None

    def prepare(tmp: str) -> None:
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        elif st is None:  # a new file: what open() would have given it
            umask = os.umask(0o22)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if st is not None:
            if hasattr(os, "chown"):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:
                    pass
        if check is not None:
            check(target)

    # ".<name>.<pid>.<random>.cleaner-tmp": the pid tells a later run whether its writer is gone
    atomic.write_bytes(target, data, prefix=f".{os.path.basename(target)}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                       durable=True, prepare=prepare)


def safe_output_path(root: str, path: str) -> str:
    """Make ready to write ``path``, a file under the output folder ``root``: create its missing
    folders one by one, and refuse (InputError) a symbolic link or anything but a folder on the
    way, or a link or non-regular file at ``path`` itself. A link already in the output folder
    would otherwise take the write, or the folders created, outside it. Returns ``path``."""
    base = os.path.realpath(root)
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    parts = rel.split(os.sep)
    if rel.startswith(os.pardir) or os.path.isabs(rel):
        raise InputError(f"would be written outside the output folder {root}; left alone", path=path)
    os.makedirs(base, exist_ok=True)
    folder = base
    for part in parts[:-1]:
        folder = os.path.join(folder, part)
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            os.mkdir(folder)
            continue
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a folder"
            raise InputError(f"{folder} in the output folder is {kind}; nothing written through it",
                             path=path)
    target = os.path.join(folder, parts[-1])
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISLNK(st.st_mode):
        raise InputError("the copy's place in the output folder is a symbolic link; nothing written "
                         "through it", path=target)
    _require_regular(st.st_mode, target)
    return target


def remove_stale_temps(folder: str) -> list[str]:
    """Delete the temporary files a killed run left in ``folder``; return their names.

    Only ours (hidden, ending in TEMP_SUFFIX, regular files), and only those whose writer is gone:
    its process no longer exists, or is this one (call this before writing), or the file is older
    than STALE_AFTER seconds. A live run's temporary file in the same folder (a parallel worker,
    another hook) is left to it.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    removed = []
    for name in names:
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode):
                continue
            if _writer_alive(name) and time.time() - st.st_mtime < STALE_AFTER:
                continue
            os.unlink(path)
            removed.append(name)
        except OSError:
            pass
    return removed


#: A temporary file this old is stale whoever wrote it (a write takes milliseconds).
STALE_AFTER = 3600.0


def _writer_alive(name: str) -> bool:
    parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # not written by this version: no pid to wait for
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: let it be
    return not _exiting(pid)


def _exiting(pid: int) -> bool:
    """A killed worker that has not been reaped yet (a zombie, or dying): it writes no more."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state in (b"Z", b"X", b"x")


def link_leaves(path: str, root: str | None = None) -> str | None:
    """Where ``path`` leads if a symbolic link takes it out of ``root``, else None.

    ``root`` defaults to the repository ``path`` is in (the nearest folder above it with a
    ``.git``), or its own folder outside a repository. A link inside the tree is followed as
    before; one that leaves it (``notes.txt -> ~/.bashrc`` committed to a content repository)
    would let the repository's rules rewrite, or its reports reveal, a file that is not its own.
    """
    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    if real == absolute:
        return None
    if root is None:
        root = folder = os.path.dirname(absolute)
        while True:
            if os.path.exists(os.path.join(folder, ".git")):
                root = folder
                break
            up = os.path.dirname(folder)
            if up == folder:
                break
            folder = up
    base = os.path.realpath(root)
    if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return real


def iter_files(root: str, *, suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[str]:
    """The article files under ``root``, sorted, skipping what .gitignore files ignore.

    Hidden folders (.git, .venv) are skipped; symbolic links to folders are not followed, so a
    link loop cannot trap the walk.
    """
    import pathspec  # lazy: pathspec only when a folder is walked

    root_path = os.path.abspath(root)
    specs: list[tuple[str, "pathspec.PathSpec"]] = []
    # .gitignore files above the root, up to the repository top, apply too.
    parent = root_path
    above = []
    while True:
        above.append(parent)
        if os.path.exists(os.path.join(parent, ".git")):
            break
        up = os.path.dirname(parent)
        if up == parent:
            above = [root_path]
            break
        parent = up
    for folder in reversed(above[1:]):
        spec = _load_gitignore(folder)
        if spec is not None:
            specs.append((folder, spec))

    def ignored(path: str, is_dir: bool) -> bool:
        for base, spec in specs:
            if path.startswith(base + os.sep):
                rel = os.path.relpath(path, base).replace(os.sep, "/")
                if spec.match_file(rel + ("/" if is_dir else "")):
                    return True
        return False

    for folder, dirs, files in os.walk(root_path):
        spec = _load_gitignore(folder)
        specs = [(b, s) for b, s in specs if folder == b or folder.startswith(b + os.sep)]
        if spec is not None:
            specs.append((folder, spec))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not ignored(os.path.join(folder, d), True))
        for name in sorted(files):
            full = os.path.join(folder, name)
            if name.lower().endswith(suffixes) and not name.endswith(TEMP_SUFFIX) and not ignored(full, False):
                yield os.path.relpath(full) if not os.path.isabs(root) else full


def _load_gitignore(folder: str):
    import pathspec  # lazy: pathspec only when a folder is walked

    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return None
