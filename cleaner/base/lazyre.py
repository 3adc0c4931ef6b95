"""Regular expressions compiled on first use.

The ``regex`` module compiles in Python, ~0.5–7 ms a pattern; cleaner has some sixty, and one
article of a pre-commit run needs a third of them (a rule whose ``requires`` words are not in the
text never runs). :class:`LazyPattern` stands in for a compiled pattern and compiles on the first
call. Only patterns that cannot fail to compile are made lazy: cleaner's own, patterns built from
escaped words, and the patterns of a rule pack whose exact text compiled before
(``packs.loading.load_pack``); a pack not seen before is still compiled, and its errors reported, at load.
"""

from __future__ import annotations

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A ``regex.Pattern`` that compiles itself when first used; then its methods are the
    compiled pattern's own (bound into the instance: no indirection after the first call)."""

    __slots__ = ("source", "flags_", "_compiled") + _METHODS

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags_, self._compiled = source, flags, None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            pattern = regex.compile(self.source, self.flags_)
            for name in _METHODS:
                object.__setattr__(self, name, getattr(pattern, name))
            self._compiled = pattern
        return self._compiled

    def __getattr__(self, name: str):
        # only reached for attributes not set yet: the methods before the first use, and the
        # compiled pattern's other attributes (groupindex, groups, pattern...)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return LazyPattern, (self.source, self.flags_)

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r}, {self.flags_!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """``regex.compile(source, flags)``, deferred to the first use (``source`` must be valid)."""
    return LazyPattern(source, flags)
