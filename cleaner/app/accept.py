"""The accept list: forms an editor has accepted as correct, which no rule may change.

The file (``.cleaner/accept.txt`` next to the config file by default, or ``accept = "path"``) is
read by ``check`` and ``fix`` and appended to by tools that record an editor's decisions (such as
an interactive review): use :func:`load` and :func:`append` rather than writing it by hand.

Format: UTF-8 text, one accepted form per line, written exactly as it appears in articles (case
matters; surrounding spaces are ignored). Blank lines and lines starting with ``#`` are comments;
a form that itself starts with ``#`` is written with a backslash before it (``\\#hashtag``)::

    # names that are right, whatever the gazetteer thinks
    Manuel Gazapo Lapayese
    Ruti

A finding is dropped (neither applied nor reported) when it would change any part of an accepted
form where the form appears in the text: the form itself, a part of it, or a longer span that
includes it. Forms are found on word boundaries ("Ruti" is not found in "Rutin"); an insertion
at the edge of a form (a space after it) does not change it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import regex

from ..base.errors import CleanerError
from .config import repository_top

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.core import Cleaner
    from .config import Config

COMMENT = "#"
FILENAME = os.path.join(".cleaner", "accept.txt")


def _decode_line(line: str) -> str | None:
    form = line.strip()
    if not form or form.startswith(COMMENT):
        return None
    if form.startswith("\\" + COMMENT):
        form = form[1:]
    return form


def _encode_form(form: str) -> str:
    return "\\" + form if form.startswith(COMMENT) else form


def load(path: str | os.PathLike) -> tuple[str, ...]:
    """The accepted forms in ``path``, in file order, without duplicates."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CleanerError(f"cannot read accept list: {exc.strerror or exc}", path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CleanerError("accept list is not valid UTF-8", path=str(path), line=line) from None
    forms = (_decode_line(line) for line in text.splitlines())
    return tuple(dict.fromkeys(f for f in forms if f))


def append(path: str | os.PathLike, forms: Iterable[str]) -> list[str]:
    """Add ``forms`` that ``path`` does not list yet (creating the file and its folder if need be);
    returns the forms added. A form must be one line of text, not blank."""
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
        handle.write(prefix + "".join(_encode_form(f) + "\n" for f in new))
    return new


def path_for(config: "Config", file: str | None = None) -> str:
    """Where accepted forms for ``file`` are read from and appended to: the config's accept list;
    without one, ``.cleaner/accept.txt`` next to the config file, else at the top of the git
    repository holding ``file`` (else in the current folder). The file need not exist yet."""

    if config.accept:
        return config.accept
    if config.path:
        return os.path.join(os.path.dirname(config.path), FILENAME)
    start = os.path.dirname(os.path.abspath(file)) if file else os.getcwd()
    return os.path.join(repository_top(start) or os.getcwd(), FILENAME)


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
        self._last: tuple[str, list[tuple[int, int]]] | None = None

    def __bool__(self) -> bool:
        return bool(self.forms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        if self._last is None or self._last[0] is not text:
            found = [m.span() for m in self._pattern.finditer(text, overlapped=True)]
            self._last = (text, found)
        return self._last[1]

    def covers(self, text: str, start: int, end: int) -> bool:
        """Would replacing [start, end) of ``text`` change an accepted form (share a character
        with one, or insert strictly inside one)?"""
        for s, e in self.spans(text):
            if (s < start < e) if start == end else (s < end and start < e):
                return True
        return False


class _Accepting:
    """A pass whose edits that would change an accepted form are dropped; otherwise the pass itself."""

    def __init__(self, inner, accepted: AcceptList) -> None:
        self._inner = inner
        self._accepted = accepted

    def __getattr__(self, name: str):
        return getattr(self._inner, name)

    def find(self, doc):
        for edit in self._inner.find(doc):
            if not self._accepted.covers(doc.text, edit.start, edit.end):
                yield edit


def accepting(cleaner: "Cleaner", forms: Iterable[str]) -> "Cleaner":
    """Make ``cleaner`` leave ``forms`` alone: no edit that would change one is applied or reported."""
    accepted = AcceptList(forms)
    if accepted:
        cleaner.passes = [_Accepting(p, accepted) for p in cleaner.passes]
    return cleaner
