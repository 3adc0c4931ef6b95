"""Strict TOML files: every reader of a TOML file (rule packs, gazetteers, the grammar policy,
config) reports the same three troubles the same way, as one error naming the file (and line)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import CleanerError

_LINE = re.compile(r"line (\d+)")


def read_source(path: Path | str, what: str, error: type[CleanerError]) -> str:
    """The file's text; ``error`` "cannot read {what}" or "{what} is not valid UTF-8"."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path=str(path)) from None
    return decode(raw, path, what, error)


def decode(raw: bytes, path: Path | str, what: str, error: type[CleanerError]) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{what} is not valid UTF-8", path=str(path)) from None


def parse(source: str, path: Path | str, error: type[CleanerError]) -> dict:
    """The TOML document ``source``; ``error`` "invalid TOML: ..." at the line TOML names."""
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"invalid TOML: {exc}", path=str(path), line=error_line(exc)) from None


def error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    m = _LINE.search(str(exc))
    return int(m.group(1)) if m else None


def load(path: Path | str, what: str, error: type[CleanerError]) -> tuple[str, dict]:
    """The file's text and its TOML document, or ``error`` naming the file (and line)."""
    source = read_source(path, what, error)
    return source, parse(source, path, error)
