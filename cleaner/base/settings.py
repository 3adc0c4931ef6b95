"""The rule settings: which rules run and what ``fix`` applies, declared once.

:class:`Settings` is the one declaration of ``rules``, ``gazetteers``, ``select``, ``ignore``,
``min-confidence`` and ``unsafe-fixes``, with their check (:meth:`Settings.check`) and the rule
by which settings given later combine with those given before (:meth:`Settings.then`). The
command line (``--select`` ...), config files (top level and ``[[per-path]]`` tables), the API
(``Cleaner(select=...)``, ``cleaner.clean``) and the archive jobs all build one.

    >>> Settings(ignore=["CAP"], min_confidence=0.8).then(Settings(ignore=["DASH"])).ignore
    ('CAP', 'DASH')
    >>> Settings().resolved().min_confidence
    0.75

A field at its default is "not set": the lists add nothing, ``None`` leaves the value to the
settings before (and, at the end, to the default: every rule, ``DEFAULT_MIN_CONFIDENCE``, safe
fixes only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Sequence

from .errors import CleanerError

#: Edits less confident than this are reported, not applied (``min-confidence``).
DEFAULT_MIN_CONFIDENCE = 0.75


class SettingError(CleanerError):
    """A setting that would silently turn checking off: an empty (or padded) rule id matches every
    rule; a NaN confidence fails every comparison. ``key`` (as in a config file) and ``value``
    name it; :meth:`as_option` says it as the command line's option."""

    def __init__(self, key: str, value, reason: str, message: str | None = None) -> None:
        super().__init__(message or reason)
        self.key, self.value, self.reason = key, value, reason

    def as_option(self) -> str:
        if self.key in ("select", "ignore"):
            return (f"--{self.key} {self.value!r}: not a rule id or prefix (an empty one would match every rule); "
                    "name a rule such as DASH001 or a prefix such as DASH")
        return f"--{self.message}"


def _paths(values: Sequence) -> tuple[str, ...]:
    return tuple(os.fspath(v) for v in values)


@dataclass(frozen=True)
class Settings:
    """Which rules run and what ``fix`` applies (see the module's docstring)."""

    rules: tuple[str, ...] = ()  # extra rule packs (files or folders), after the bundled ones
    gazetteers: tuple[str, ...] = ()  # extra gazetteer files or folders
    select: tuple[str, ...] | None = None  # only these rule ids or prefixes (None: not set; every rule)
    ignore: tuple[str, ...] = ()  # skip these rule ids or prefixes
    min_confidence: float | None = None  # apply only edits at least this confident (None: not set)
    unsafe_fixes: bool | None = None  # apply suggestions too (None: not set; no)

    #: The lists that settings given later add to (the others they replace).
    EXTENDING = ("rules", "gazetteers", "ignore")

    def __post_init__(self) -> None:
        for name in ("rules", "gazetteers"):
            object.__setattr__(self, name, _paths(getattr(self, name)))
        for name in ("select", "ignore"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):  # a string is refused by check()
                object.__setattr__(self, name, tuple(value))

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """The settings' names as config files and ``cleaner config`` spell them."""
        return tuple(f.name.replace("_", "-") for f in fields(cls))

    def given(self) -> tuple[str, ...]:
        """The fields set here (a list with entries, a value that is not None)."""
        return tuple(f.name for f in fields(self)
                     if (getattr(self, f.name) if f.name in self.EXTENDING else getattr(self, f.name) is not None))

    def then(self, later: "Settings") -> "Settings":
        """These settings with ``later`` ones on top: its lists (rules, gazetteers, ignore) added to
        these, its other values, where set, replacing these."""
        changes = {}
        for name in later.given():
            value = getattr(later, name)
            changes[name] = getattr(self, name) + value if name in self.EXTENDING else value
        return replace(self, **changes)

    def resolved(self) -> "Settings":
        """Every field set: what is not set takes its default."""
        return replace(self, select=self.select or (),
                       min_confidence=DEFAULT_MIN_CONFIDENCE if self.min_confidence is None else self.min_confidence,
                       unsafe_fixes=bool(self.unsafe_fixes))

    def check(self) -> "Settings":
        """Refuse (SettingError) a setting that would silently turn checking off: an empty or
        padded rule id in ``select`` or ``ignore`` (it matches every rule, or none), a confidence
        that is not a number from 0 to 1 (NaN fails every comparison). Returns these settings."""
        for name in ("select", "ignore"):
            values = getattr(self, name)
            if values is None:
                continue
            if isinstance(values, str):
                raise SettingError(name, values, f"{name} must be a list of rule ids, not the string {values!r}")
            bad = next((v for v in values if not isinstance(v, str) or not v.strip() or v != v.strip()), None)
            if bad is not None:
                raise SettingError(name, bad, f"{name}: {bad!r} is not a rule id or prefix "
                                              "(an empty one would match every rule)")
        mc = self.min_confidence
        if mc is not None and (isinstance(mc, bool) or not isinstance(mc, (int, float)) or not 0 <= mc <= 1):
            raise SettingError("min-confidence", mc, "min-confidence must be a number from 0 to 1",
                               f"min-confidence must be a number from 0 to 1 (got {mc!r})")
        return self
