"""Errors a user can act on: each names the file (and line or rule) in one line."""

from __future__ import annotations


class CleanerError(Exception):
    """A usage or input error: reported as one line, exit status 2, nothing written."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class RuleError(CleanerError):
    """A rule pack or gazetteer file that cannot be loaded."""


class InputError(CleanerError):
    """A file that cannot be read as text (binary, undecodable, unreadable)."""


class ConvergenceError(CleanerError):
    """The passes kept changing the text past the fixed-point bound."""


class RuleTimeout(CleanerError):
    """A rule's pattern ran past its time limit on one text (it backtracks catastrophically).
    ``rule``: its id (the engine then cleans that text without it)."""

    def __init__(self, message: str, *, rule: str | None = None, **where) -> None:
        super().__init__(message, **where)
        self.rule = rule
