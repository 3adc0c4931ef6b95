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
Each value remembers where it came from (``Config.origins``), for ``cleaner config``. The rule
settings (rules, gazetteers, select, ignore, min-confidence, unsafe-fixes) are a
``base.settings.Settings`` in ``Config.settings`` and ``PerPath.settings``; :func:`resolve`
puts the command line's on top.
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
from ..base.settings import SettingError, Settings

#: The rule settings (base/settings.py), as a config file spells them.
SETTING_KEYS = set(Settings.keys())
KEYS = SETTING_KEYS | {"include", "exclude", "grammar", "languagetool-url", "accept", "per-path"}
PER_PATH_KEYS = SETTING_KEYS | {"paths"}
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
    settings: Settings = Settings()  # what it sets (on top of the top level's, see Settings.then)

    def matches(self, rel: str) -> bool:
        return _spec(self.paths).match_file(rel)


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


@dataclass(frozen=True)
class Config:
    path: str | None = None
    settings: Settings = Settings(select=())  # the rule settings it sets (select: () when not set)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    grammar: bool | None = None
    languagetool_url: str | None = None
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
        settings = self.settings
        origins = {k: tuple(v) for k, v in self.origins.items()}
        for entry in matching:
            label = f"{self.path} [per-path #{entry.number}: {', '.join(entry.paths)}]"
            settings = settings.then(entry.settings)
            for key in entry.settings.given():
                name = key.replace("_", "-")
                origins[name] = (origins.get(name, ()) if key in Settings.EXTENDING else ()) + (label,)
        return replace(self, per_path=(), origins=origins, settings=settings)


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

    def settings(table: Mapping[str, Any], number: int | None = None) -> Settings:
        """A table's rule settings (per-path: ``select`` None when not set, top level: ())."""
        found = Settings(rules=files(table, "rules", number), gazetteers=files(table, "gazetteers", number),
                         select=strings(table, "select", number) if "select" in table or number is None else None,
                         ignore=strings(table, "ignore", number), min_confidence=table.get("min-confidence"))
        try:
            found.check()
        except SettingError as exc:
            raise fail(exc.reason, exc.key, number) from None
        mc = found.min_confidence
        return replace(found, min_confidence=None if mc is None else float(mc), unsafe_fixes=flag(table, number))

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
        entries.append(PerPath(paths=paths, number=number, settings=settings(entry, number)))

    origins = {key: (full,) for key in data if key != "per-path"}
    if accept is not None and "accept" not in data:
        origins["accept"] = (f"{DEFAULT} location next to {full}",)
    return Config(
        path=full, settings=settings(data),
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
class Setting:
    value: Any
    sources: tuple[str, ...]  # "default", a config file (or its per-path entry), "--option"


#: The command-line option of each rule setting (a source in ``cleaner config``).
FLAGS = {"rules": "--rules", "gazetteers": "--gazetteer", "select": "--select", "ignore": "--ignore",
         "min-confidence": "--min-confidence", "unsafe-fixes": "--unsafe-fixes"}


def check_cli(cli: Settings) -> None:
    """Command-line values that would silently turn checking off are errors (Settings.check),
    said as the option that gave them."""
    try:
        cli.check()
    except SettingError as exc:
        raise CleanerError(exc.as_option()) from None


def _from_cli(cli: Settings) -> Settings:
    check_cli(cli)
    return replace(cli, select=cli.select or None, unsafe_fixes=cli.unsafe_fixes or None)  # it cannot turn them off


def resolve(config: Config, cli: Settings = Settings()) -> Settings:
    """The rule settings a file is cleaned with: ``config`` (already ``for_file``-merged), then
    the command line's ``cli`` on top (Settings.then), every field set. The one place that says
    how the command line combines with config files."""
    return config.settings.then(_from_cli(cli)).resolved()


def effective(config: Config, cli: Settings = Settings()) -> dict[str, Setting]:
    """Every setting a file is cleaned with (the rule settings as :func:`resolve` gives them),
    and where each came from."""

    def src(key: str) -> tuple[str, ...]:
        return tuple(config.origins.get(key, ())) or (DEFAULT,)

    final = resolve(config, cli)
    cli = _from_cli(cli)
    mine, theirs = set(config.settings.given()), set(cli.given())
    out = {}
    for field, key in zip(Settings.__dataclass_fields__, Settings.keys()):
        if field in Settings.EXTENDING:  # where each part of the list came from
            sources = (src(key) if field in mine else ()) + ((FLAGS[key],) if field in theirs else ())
        else:
            sources = (FLAGS[key],) if field in theirs else src(key)
        out[key] = Setting(getattr(final, field), sources or (DEFAULT,))
    out["include"] = Setting(config.include, src("include"))
    out["exclude"] = Setting(config.exclude, src("exclude"))
    out["grammar"] = Setting(bool(config.grammar), src("grammar"))
    out["languagetool-url"] = Setting(config.languagetool_url, src("languagetool-url"))
    out["accept"] = Setting(config.accept, src("accept"))
    return out
