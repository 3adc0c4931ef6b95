"""What a rule is: a Rule read from a pack, the Kind that runs it, and the helpers both share.

A pass module (cleaner/passes/*.py) implements one or more kinds and lists them in its ``KINDS``;
cleaner/passes/registry.py gathers those lists, and cleaner/packs/loading.py checks each
``[[rule]]`` of a pack against its kind there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import regex

from ..base.errors import RuleError
from ..base.lazyre import LazyPattern
from ..text.edits import Edit

MATCH_TIMEOUT = 2.0  # seconds one rule may spend on one text before it is reported as runaway


@dataclass
class Example:
    input: str
    output: str | None  # None: a correct text that must stay unchanged
    markdown: bool = False  # read as Markdown (links, code), as a .md file is
    entities: tuple = ()  # gazetteer entries the example needs beyond the bundled gazetteer


@dataclass
class Kind:
    """How a rule kind is checked and run; passes register the kinds they implement."""

    name: str
    pass_name: str
    keys: frozenset[str]
    required: frozenset[str]
    compile: Callable[["Rule"], Any]
    find: Callable[["Rule", Any], Iterable[Edit]]  # (rule, Document) -> edits


@dataclass
class Rule:
    id: str
    name: str
    kind: str
    message: str
    applicability: str
    confidence: float
    explanation: str
    scope: str
    unless: list[regex.Pattern]
    examples: list[Example]
    params: dict[str, Any]
    path: Path
    line: int
    compiled: Any = None
    source: str = field(default="", repr=False)
    #: words or phrases one of which must occur in a text for the rule to run (a cheap necessary
    #: condition: a substring test instead of a scan of the whole text by the rule's pattern)
    requires: tuple[str, ...] = ()
    #: the pack's exact text loaded before without error: its patterns compile on first use and
    #: the checks that need a compiled pattern are skipped (see ``lazyre`` and ``_verified``)
    verified: bool = False

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def words(self, key: str, *, required: bool = True) -> list[str]:
        """The rule's ``key`` parameter, checked to be a list of non-empty strings."""
        value = self.params.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value) \
                or (required and not value):
            raise self.error(f"{key} must be a {'non-empty ' if required else ''}list of words", key)
        return value

    def error(self, message: str, key: str | None = None) -> RuleError:
        """An error about this rule, pointing at ``key``'s line when given."""
        line = _line_of_key(self.source, key, after=self.line) if key else self.line
        return RuleError(f"rule {self.id}: {message}", path=str(self.path), line=line)

    def edit(self, start: int, end: int, replacement: str, original: str, *, message: str | None = None,
             confidence: float | None = None) -> Edit:
        return Edit(start, end, replacement, self.id, self.confidence if confidence is None else confidence,
                    self.applicability, message or self.message, original)


@dataclass
class Pack:
    name: str
    description: str
    path: Path
    rules: list[Rule] = field(default_factory=list)


def compile_regex(pattern: str, fail: Callable[[str, str | None], RuleError], key: str, *,
                  lazy: bool = False) -> regex.Pattern | LazyPattern:
    """A rule's pattern, compiled now (an error names the rule's ``key``), or on first use when
    ``lazy`` (the pack is known to compile)."""
    if lazy:
        return LazyPattern(pattern, regex.V0)
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise fail(f"invalid regular expression in {key}: {exc}", key) from None


def _line_of_key(source: str, key: str | None, after: int = 1) -> int:
    if key is None:
        return after
    lines = source.split("\n")
    pat = regex.compile(r"^\s*(?:\[\[?\s*(?:rule\.)?)?" + regex.escape(key) + r"\b")
    for i in range(max(after - 1, 0), len(lines)):
        if pat.match(lines[i]):
            return i + 1
    return after
