"""Configuration: ``.cleaner.toml`` or ``[tool.cleaner]`` in ``pyproject.toml``.

The nearest one above a file applies to it (``.cleaner.toml`` wins over ``pyproject.toml`` in the
same folder); ``--config FILE`` names one for every file. Paths in a config file are relative to
that file. Unknown keys are errors: a typo must not silently turn a setting off.

Keys: ``rules`` (extra rule packs), ``select`` / ``ignore`` (rule ids or prefixes),
``min-confidence``, ``unsafe-fixes``, ``include`` / ``exclude`` (gitignore-style globs),
``grammar`` (run the LanguageTool pass) and ``languagetool-url`` (the server it talks to).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import CleanerError

KEYS = {"rules", "select", "ignore", "min-confidence", "unsafe-fixes", "include", "exclude",
        "grammar", "languagetool-url"}


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
    _spec: object = field(default=None, compare=False, repr=False)

    @property
    def root(self) -> str:
        return os.path.dirname(self.path) if self.path else os.getcwd()

    def excludes(self, file: str) -> bool:
        """Is ``file`` left out by this config's include/exclude globs?"""
        if not (self.include or self.exclude):
            return False
        import pathspec

        rel = os.path.relpath(os.path.abspath(file), self.root).replace(os.sep, "/")
        if rel.startswith("../"):
            return False
        if self.exclude and pathspec.GitIgnoreSpec.from_lines(self.exclude).match_file(rel):
            return True
        if self.include and not pathspec.GitIgnoreSpec.from_lines(self.include).match_file(rel):
            return True
        return False


def load_config(path: str) -> Config:
    """Read one config file; ``pyproject.toml`` without ``[tool.cleaner]`` gives an empty config."""
    try:
        with open(path, "rb") as handle:
            source = handle.read().decode("utf-8")
        data = tomllib.loads(source)
    except OSError as exc:
        raise CleanerError(f"cannot read config: {exc.strerror}", path=path) from None
    except UnicodeDecodeError:
        raise CleanerError("config is not valid UTF-8", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        import re

        m = re.search(r"line (\d+)", str(exc))
        raise CleanerError(f"invalid TOML: {exc}", path=path, line=int(m.group(1)) if m else None) from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
        prefix = "[tool.cleaner] "
    else:
        prefix = ""
    unknown = set(data) - KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise CleanerError(f"{prefix}unknown key {key!r} (known: {', '.join(sorted(KEYS))})", path=path,
                           line=_key_line(source, key, after="[tool.cleaner]" if prefix else None))
    base = os.path.dirname(os.path.abspath(path))

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CleanerError(f"{prefix}{key} must be a list of strings", path=path)
        return tuple(value)

    mc = data.get("min-confidence")
    if mc is not None and (not isinstance(mc, (int, float)) or isinstance(mc, bool) or not 0 <= mc <= 1):
        raise CleanerError(f"{prefix}min-confidence must be a number from 0 to 1", path=path)
    uf = data.get("unsafe-fixes")
    if uf is not None and not isinstance(uf, bool):
        raise CleanerError(f"{prefix}unsafe-fixes must be true or false", path=path)
    grammar = data.get("grammar")
    if grammar is not None and not isinstance(grammar, bool):
        raise CleanerError(f"{prefix}grammar must be true or false", path=path)
    lt_url = data.get("languagetool-url")
    if lt_url is not None and (not isinstance(lt_url, str) or not lt_url.strip()):
        raise CleanerError(f"{prefix}languagetool-url must be a URL such as \"http://localhost:8010\"", path=path)
    return Config(
        path=os.path.abspath(path),
        rules=tuple(os.path.join(base, r) for r in strings("rules")),
        select=strings("select"), ignore=strings("ignore"),
        min_confidence=None if mc is None else float(mc), unsafe_fixes=uf,
        include=strings("include"), exclude=strings("exclude"),
        grammar=grammar, languagetool_url=lt_url,
    )


def _key_line(source: str, key: str, after: str | None = None) -> int | None:
    """The line where ``key = ...`` is set (below the ``after`` table header, if given)."""
    import re

    start = source.find(after) if after else 0
    m = re.compile(r"^[ \t]*[\"']?" + re.escape(key) + r"[\"']?[ \t]*=", re.M).search(source, max(start, 0))
    return source.count("\n", 0, m.start()) + 1 if m else None


@lru_cache(maxsize=256)
def find_config(folder: str) -> Config:
    """The config that applies to files in ``folder``: the nearest one above it, or none."""
    folder = os.path.abspath(folder)
    while True:
        candidate = os.path.join(folder, ".cleaner.toml")
        if os.path.isfile(candidate):
            return load_config(candidate)
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_tool_cleaner(candidate):
            return load_config(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return Config()
        folder = parent


def _has_tool_cleaner(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return "cleaner" in tomllib.load(handle).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
