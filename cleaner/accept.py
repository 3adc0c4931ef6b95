"""The accept list: forms an editor has accepted as correct, which no rule may change.

Minimal version for ``cleaner review`` (which appends to it); the issue-5 work brings the full one
(config key ``accept``, the runner applying it to check and fix) with this same API and format.

Format: ``.cleaner/accept.txt`` next to the config file; UTF-8, one accepted form per line, as it
appears in articles; blank lines and lines starting with ``#`` are comments (a form starting with
``#`` is written ``\\#...``). An edit that would change any part of an accepted form, where the
form appears on word boundaries, is not proposed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import regex

from .errors import CleanerError

COMMENT = "#"
FILENAME = os.path.join(".cleaner", "accept.txt")


def load(path: str | os.PathLike) -> tuple[str, ...]:
    """The accepted forms in ``path``, in file order, without duplicates."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CleanerError(f"cannot read accept list: {exc.strerror or exc}", path=str(path)) from None
    except UnicodeDecodeError:
        raise CleanerError("accept list is not valid UTF-8", path=str(path)) from None
    forms = []
    for line in text.splitlines():
        form = line.strip()
        if not form or form.startswith(COMMENT):
            continue
        forms.append(form[1:] if form.startswith("\\" + COMMENT) else form)
    return tuple(dict.fromkeys(forms))


def append(path: str | os.PathLike, forms: Iterable[str]) -> list[str]:
    """Add the ``forms`` that ``path`` does not list yet (creating it if need be); returns them."""
    path = Path(path)
    wanted = []
    for form in forms:
        form = form.strip()
        if not form or "\n" in form or "\r" in form:
            raise ValueError(f"an accepted form is one non-blank line of text, not {form!r}")
        wanted.append(form)
    existing = set(load(path)) if path.exists() else set()
    new = [f for f in dict.fromkeys(wanted) if f not in existing]
    if not new:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = ""
    if path.exists() and path.stat().st_size:
        with open(path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) not in (b"\n", b"\r"):
                prefix = "\n"
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write(prefix + "".join(("\\" + f if f.startswith(COMMENT) else f) + "\n" for f in new))
    return new


def path_for(config, file: str | None = None) -> str:
    """Where accepted forms for ``file`` live: the config's accept list, else ``.cleaner/accept.txt``
    next to the config file, else at the top of the git repository holding ``file`` (else here)."""
    if getattr(config, "accept", None):
        return config.accept
    if config.path:
        return os.path.join(os.path.dirname(config.path), FILENAME)
    folder = os.path.dirname(os.path.abspath(file)) if file else os.getcwd()
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.join(os.getcwd(), FILENAME)
        folder = parent
    return os.path.join(folder, FILENAME)


class AcceptList:
    """Finds the accepted forms in a text and says whether an edit would change one."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = tuple(dict.fromkeys(f for f in forms if f))
        self._pattern = None
        if self.forms:
            parts = []
            for form in sorted(self.forms, key=len, reverse=True):
                left = r"(?<!\w)" if regex.match(r"\w", form) else ""
                right = r"(?!\w)" if regex.search(r"\w\Z", form) else ""
                parts.append(left + regex.escape(form) + right)
            self._pattern = regex.compile("|".join(parts))

    def __bool__(self) -> bool:
        return bool(self.forms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._pattern.finditer(text, overlapped=True)] if self._pattern else []

    def covers(self, text: str, start: int, end: int) -> bool:
        """Would replacing [start, end) change an accepted form (share a character with one, or
        insert strictly inside one)?"""
        for s, e in self.spans(text):
            if (s < start < e) if start == end else (s < end and start < e):
                return True
        return False
