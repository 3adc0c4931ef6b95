"""Configuration: ``.cleaner.toml`` or ``[tool.cleaner]`` in ``pyproject.toml``.

The nearest one above a file applies to it (``.cleaner.toml`` wins over ``pyproject.toml`` in the
same folder); ``--config FILE`` names one for every file. Paths in a config file are relative to
that file. Unknown keys are errors: a typo must not silently turn a setting off.

Keys: ``rules`` (extra rule packs), ``gazetteers`` (extra gazetteer files or folders),
``select`` / ``ignore`` (rule ids or prefixes), ``min-confidence``, ``unsafe-fixes``,
``include`` / ``exclude`` (gitignore-style globs), ``grammar`` (run the LanguageTool pass),
``languagetool-url`` (the server it talks to), ``accept`` (the accept list; by default
``.cleaner/accept.txt`` next to the config file, if there is one) and ``[[per-path]]`` tables::

    [[per-path]]                 # in pyproject.toml: [[tool.cleaner.per-path]]
    paths = ["archive/**"]       # gitignore-style globs, relative to the config file
    ignore = ["CAP"]             # rules, gazetteers and ignore add to the top-level lists;
    min-confidence = 0.9         # select, min-confidence and unsafe-fixes replace them

Every entry whose ``paths`` match a file applies to it, in the order they are written.
Each value remembers where it came from (``Config.origins``), for ``cleaner config``.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Mapping

from ..base import tomlfile
from ..base.errors import CleanerError

KEYS = {"rules", "select", "ignore", "min-confidence", "unsafe-fixes", "include", "exclude",
        "grammar", "languagetool-url", "gazetteers", "accept", "per-path"}
PER_PATH_KEYS = {"paths", "rules", "gazetteers", "select", "ignore", "min-confidence", "unsafe-fixes"}
#: Lists that a per-path entry (and the command line) adds to, rather than replaces.
EXTENDING = ("rules", "gazetteers", "ignore")
ACCEPT_DEFAULT = os.path.join(".cleaner", "accept.txt")
DEFAULT = "default"


@lru_cache(maxsize=256)
def _spec(lines: tuple[str, ...]):
    import pathspec  # lazy: pathspec only when a config has per-path settings

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _relative(file: str, root: str) -> str | None:
    """``file`` relative to ``root`` with / separators, or None when it is outside ``root``."""
    rel = os.path.relpath(os.path.abspath(file), root).replace(os.sep, "/")
    return None if rel == ".." or rel.startswith("../") else rel


@dataclass(frozen=True)
class PerPath:
    """One ``[[per-path]]`` table: settings for the files its ``paths`` globs match."""

    paths: tuple[str, ...]
    number: int  # 1-based position in its file, for messages and `cleaner config`
    rules: tuple[str, ...] = ()
    gazetteers: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None  # None: not set here
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None
    unsafe_fixes: bool | None = None

    def matches(self, rel: str) -> bool:
        return _spec(self.paths).match_file(rel)


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


@dataclass(frozen=True)
class Config:
    path: str | None = None
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None
    unsafe_fixes: bool | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    grammar: bool | None = None
    languagetool_url: str | None = None
    gazetteers: tuple[str, ...] = ()
    accept: str | None = None  # the accept list's path (absolute), if there is one
    per_path: tuple[PerPath, ...] = ()
    #: key -> where its value came from (config file, per-path entry); not part of equality
    origins: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _spec: object = field(default=None, compare=False, repr=False)

    @property
    def root(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    def excludes(self, file: str) -> bool:
        """Is ``file`` left out by this config's include/exclude globs?"""
        return self.exclusion(file) is not None

    def exclusion(self, file: str) -> str | None:
        """Why ``file`` is left out by this config's include/exclude globs (the setting and the
        config file, for a message), or None when it is not."""
        if not (self.include or self.exclude):
            return None
        rel = _relative(file, self.root)
        if rel is None:
            return None
        where = self.path or "the configuration"
        if self.exclude and _spec(self.exclude).match_file(rel):
            return f"excluded by exclude = {_toml_list(self.exclude)} in {where}"
        if self.include and not _spec(self.include).match_file(rel):
            return f"not matched by include = {_toml_list(self.include)} in {where}"
        return None

    def matching(self, file: str) -> list[PerPath]:
        """The ``[[per-path]]`` entries whose globs match ``file``, in order."""
        rel = _relative(file, self.root) if self.per_path else None
        return [entry for entry in self.per_path if rel is not None and entry.matches(rel)]

    def for_file(self, file: str) -> "Config":
        """This config with the ``[[per-path]]`` entries that match ``file`` merged in."""
        if not self.per_path:
            return self
        matching = self.matching(file)
        if not matching:
            return replace(self, per_path=())
        values: dict[str, Any] = {
            "rules": self.rules, "gazetteers": self.gazetteers, "ignore": self.ignore,
            "select": self.select, "min_confidence": self.min_confidence, "unsafe_fixes": self.unsafe_fixes,
        }
        origins = {k: tuple(v) for k, v in self.origins.items()}
        for entry in matching:
            label = f"{self.path} [per-path #{entry.number}: {', '.join(entry.paths)}]"
            for key in values:
                value = getattr(entry, key)
                name = key.replace("_", "-")
                if key in EXTENDING and value:
                    values[key] = tuple(values[key]) + tuple(value)
                    origins[name] = origins.get(name, ()) + (label,)
                elif key not in EXTENDING and value is not None:
                    values[key] = value
                    origins[name] = (label,)
        return replace(self, per_path=(), origins=origins, **values)


def _line_finder(source: str, pyproject: bool):
    """Functions giving the line of a top-level key, and of the Nth per-path table, if found."""
    start = 0
    if pyproject:
        m = re.search(r"(?m)^[ \t]*\[[ \t]*tool\.cleaner[ \t]*\]", source)
        start = m.start() if m else 0
    tables = [m.start() for m in re.finditer(r"(?m)^[ \t]*\[\[[ \t]*(?:tool\.cleaner\.)?\"?per-path\"?[ \t]*\]\]", source)]

    def line_at(pos: int) -> int:
        return source.count("\n", 0, pos) + 1

    header = re.compile(r"(?m)^[ \t]*\[")

    def key_line(key: str, table: int | None = None) -> int | None:
        if table is None:
            lo = start
            if pyproject:  # skip the [tool.cleaner] line itself
                lo = source.find("\n", start) + 1 if "\n" in source[start:] else len(source)
        elif table - 1 < len(tables):
            lo = tables[table - 1]
            if key == "":
                return line_at(lo)
            lo = source.find("\n", lo) + 1 if "\n" in source[lo:] else len(source)
        else:
            return None
        nxt = header.search(source, lo)
        hi = nxt.start() if nxt else len(source)
        m = re.compile(rf"(?m)^[ \t]*\"?{re.escape(key)}\"?[ \t]*=").search(source, lo, hi)
        return line_at(m.start()) if m else None

    return key_line


def load_config(path: str) -> Config:
    """Read one config file; ``pyproject.toml`` without ``[tool.cleaner]`` gives an empty config."""
    source, data = tomlfile.load(path, "config", CleanerError)
    pyproject = os.path.basename(path) == "pyproject.toml"
    if pyproject:
        data = data.get("tool", {}).get("cleaner", {})
        prefix = "[tool.cleaner] "
    else:
        prefix = ""
    key_line = _line_finder(source, pyproject)
    full = os.path.abspath(path)
    base = os.path.dirname(full)

    def fail(message: str, key: str, table: int | None = None) -> CleanerError:
        where = prefix + (f"per-path #{table}: " if table else "")
        return CleanerError(where + message, path=path, line=key_line(key, table))

    def check_keys(table: Mapping[str, Any], known: set[str], number: int | None = None) -> None:
        unknown = sorted(set(table) - known)
        if unknown:
            raise fail(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})", unknown[0], number)

    def strings(table: Mapping[str, Any], key: str, number: int | None = None) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key} must be a list of strings", key, number)
        return tuple(value)

    def ids(table: Mapping[str, Any], key: str, number: int | None = None) -> tuple[str, ...]:
        value = strings(table, key, number)
        bad = next((v for v in value if not v.strip() or v != v.strip()), None)
        if bad is not None:
            raise fail(f"{key}: {bad!r} is not a rule id or prefix (an empty one would match every rule)",
                       key, number)
        return value

    def confidence(table: Mapping[str, Any], number: int | None = None) -> float | None:
        mc = table.get("min-confidence")
        if mc is not None and (not isinstance(mc, (int, float)) or isinstance(mc, bool) or not 0 <= mc <= 1):
            raise fail("min-confidence must be a number from 0 to 1", "min-confidence", number)
        return None if mc is None else float(mc)

    def flag(table: Mapping[str, Any], number: int | None = None) -> bool | None:
        uf = table.get("unsafe-fixes")
        if uf is not None and not isinstance(uf, bool):
            raise fail("unsafe-fixes must be true or false", "unsafe-fixes", number)
        return uf

    def files(table: Mapping[str, Any], key: str, number: int | None = None) -> tuple[str, ...]:
        out = []
        for rel in strings(table, key, number):
            resolved = os.path.normpath(os.path.join(base, rel))
            if key == "gazetteers" and not os.path.exists(resolved):
                raise fail(f"gazetteers: {rel!r} not found (looked for {resolved})", key, number)
            out.append(resolved)
        return tuple(out)

    check_keys(data, KEYS)
    grammar = data.get("grammar")
    if grammar is not None and not isinstance(grammar, bool):
        raise fail("grammar must be true or false", "grammar")
    lt_url = data.get("languagetool-url")
    if lt_url is not None and (not isinstance(lt_url, str) or not lt_url.strip()):
        raise fail("languagetool-url must be a URL such as \"http://localhost:8010\"", "languagetool-url")
    accept_value = data.get("accept")
    if accept_value is not None:
        if not isinstance(accept_value, str) or not accept_value.strip():
            raise fail("accept must be the path of a text file", "accept")
        accept = os.path.normpath(os.path.join(base, accept_value))
        if not os.path.isfile(accept):
            raise fail(f"accept list {accept_value!r} not found (looked for {accept}); "
                       "create it (an empty file will do) or remove the key", "accept")
    else:
        candidate = os.path.join(base, ACCEPT_DEFAULT)
        accept = candidate if os.path.isfile(candidate) else None

    raw_entries = data.get("per-path", [])
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise fail("per-path must be [[per-path]] tables", "per-path")
    entries = []
    for number, entry in enumerate(raw_entries, start=1):
        check_keys(entry, PER_PATH_KEYS, number)
        paths = strings(entry, "paths", number)
        if not paths:
            raise fail("paths must list at least one glob", "paths" if "paths" in entry else "", number)
        entries.append(PerPath(
            paths=paths, number=number, rules=files(entry, "rules", number),
            gazetteers=files(entry, "gazetteers", number),
            select=ids(entry, "select", number) if "select" in entry else None,
            ignore=ids(entry, "ignore", number),
            min_confidence=confidence(entry, number), unsafe_fixes=flag(entry, number),
        ))

    origins = {key: (full,) for key in data if key != "per-path"}
    if accept is not None and "accept" not in data:
        origins["accept"] = (f"{DEFAULT} location next to {full}",)
    return Config(
        path=full,
        rules=files(data, "rules"), gazetteers=files(data, "gazetteers"),
        select=ids(data, "select"), ignore=ids(data, "ignore"),
        min_confidence=confidence(data), unsafe_fixes=flag(data),
        include=strings(data, "include"), exclude=strings(data, "exclude"),
        grammar=grammar, languagetool_url=lt_url, accept=accept, per_path=tuple(entries), origins=origins,
    )


@lru_cache(maxsize=256)
def find_config(folder: str) -> Config:
    """The config that applies to files in ``folder``: the nearest one above it, or none.

    With no config file, an accept list at the top of the git repository still applies.
    """
    folder = os.path.abspath(folder)
    start = folder
    while True:
        candidate = os.path.join(folder, ".cleaner.toml")
        if os.path.isfile(candidate):
            return load_config(candidate)
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_tool_cleaner(candidate):
            return load_config(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            top = repository_top(start)
            accept = os.path.join(top, ACCEPT_DEFAULT) if top else None
            if accept and os.path.isfile(accept):
                return Config(accept=accept, origins={"accept": (f"{DEFAULT} location at the repository top",)})
            return Config()
        folder = parent


def repository_top(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that holds ``.git``, if any."""
    folder = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_cleaner(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return "cleaner" in tomllib.load(handle).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


@dataclass(frozen=True)
class Overrides:
    """What the command line sets on top of the config files."""

    rules: tuple[str, ...] = ()
    gazetteers: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None
    unsafe_fixes: bool = False


def check_overrides(cli: Overrides) -> None:
    """Command-line values that would silently turn checking off are errors: an empty (or padded)
    rule id in --select/--ignore matches every rule or none; NaN passes every comparison test."""
    for flag, values in (("--select", cli.select), ("--ignore", cli.ignore)):
        bad = next((v for v in values if not v.strip() or v != v.strip()), None)
        if bad is not None:
            raise CleanerError(f"{flag} {bad!r}: not a rule id or prefix (an empty one would match every "
                               "rule); name a rule such as DASH001 or a prefix such as DASH")
    mc = cli.min_confidence
    if mc is not None and not (isinstance(mc, (int, float)) and 0 <= mc <= 1):  # NaN fails both
        raise CleanerError(f"--min-confidence must be a number from 0 to 1 (got {mc!r})")


@dataclass(frozen=True)
class Setting:
    value: Any
    sources: tuple[str, ...]  # "default", a config file (or its per-path entry), "--option"


def effective(config: Config, cli: Overrides = Overrides()) -> dict[str, Setting]:
    """The settings a file is cleaned with (``config`` already ``for_file``-merged), and where
    each came from. The one place that says how the command line combines with config files."""
    from ..engine.core import DEFAULT_MIN_CONFIDENCE  # lazy: `cleaner config` does not load the engine and its passes

    def src(key: str) -> tuple[str, ...]:
        return tuple(config.origins.get(key, ())) or (DEFAULT,)

    check_overrides(cli)

    def extended(key: str, mine: tuple[str, ...], flag: str, theirs: tuple[str, ...] = ()) -> Setting:
        sources = src(key) if mine else ()
        if theirs:
            sources += (flag,)
        return Setting(tuple(mine) + tuple(theirs), sources or (DEFAULT,))

    out = {
        "rules": extended("rules", config.rules, "--rules", cli.rules),
        "gazetteers": extended("gazetteers", config.gazetteers, "--gazetteer", cli.gazetteers),
        "select": Setting(cli.select, ("--select",)) if cli.select else Setting(config.select, src("select")),
        "ignore": extended("ignore", config.ignore, "--ignore", cli.ignore),
    }
    if cli.min_confidence is not None:
        out["min-confidence"] = Setting(cli.min_confidence, ("--min-confidence",))
    elif config.min_confidence is not None:
        out["min-confidence"] = Setting(config.min_confidence, src("min-confidence"))
    else:
        out["min-confidence"] = Setting(DEFAULT_MIN_CONFIDENCE, (DEFAULT,))
    if cli.unsafe_fixes:
        out["unsafe-fixes"] = Setting(True, ("--unsafe-fixes",))
    else:
        out["unsafe-fixes"] = Setting(bool(config.unsafe_fixes), src("unsafe-fixes"))
    out["include"] = Setting(config.include, src("include"))
    out["exclude"] = Setting(config.exclude, src("exclude"))
    out["grammar"] = Setting(bool(config.grammar), src("grammar"))
    out["languagetool-url"] = Setting(config.languagetool_url, src("languagetool-url"))
    out["accept"] = Setting(config.accept, src("accept"))
    return out
