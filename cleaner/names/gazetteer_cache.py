"""A compiled cache of the gazetteers in the user's cache folder: start-up skips the TOML.

Parsing and validating the bundled gazetteer takes ~150 ms, on every run of the pre-commit hook;
reading it back from the cache takes ~20 ms. :func:`load_cached` is a drop-in for
``gazetteer.load_gazetteers``: same arguments (``paths`` over the ``base`` layer), same result,
same errors. What is stored is the merged gazetteer, rebuilt entity by entity with
``Gazetteer.add`` (after a merge every form belongs to one entity, so that gives the same maps).

What is cached is data, never code: a JSON file of plain lists (each entity's fields), rebuilt
through ``Gazetteer.add``. The cache lives in ``<user cache folder>/cleaner/compiled``
(``~/.cache/cleaner/compiled``; the results cache is next to it), never in the content repository, and nothing executable is ever loaded from either.

The key covers everything the result depends on: cleaner's version, the source of
``gazetteer.py`` (its merge rules) and the fields of ``Entity``, and for each file its layer,
resolved path and SHA-256 (remembered by stat, see digests.py). A gazetteer that does
not load is never cached (its error is raised as usual). Any trouble with the cache (unwritable
folder, a damaged or foreign file) falls back to parsing. ``CLEANER_NO_CACHE=1`` turns it off,
and so does :func:`disable` (the runner calls it for ``--no-cache``: no cache read or written).

Next to each gazetteer, :func:`load_index` keeps its name index (``matching.index_tables``):
computing its keys is the other ~150 ms of start-up. Its key adds the source of ``matching.py``
and ``lexicon.py``, which define the keys.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..base import version
from ..base.compiled import KEEP, cache_dir, disable, write_json  # noqa: F401  (KEEP, disable: this module's API)
from ..base.digests import file_digest, save
from . import gazetteer as module
from . import lexicon, matching
from .gazetteer import Entity, Gazetteer, load_gazetteers
from .matching import TABLES

FORMAT = 2  # 2: the name index's tables packed as sorted text, with their digest
PREFIX = "gazetteer-"
INDEX_PREFIX = "index-"  # the name index (matching.index_tables) of a cached gazetteer
def _files(paths: Iterable[Path | str]) -> list[Path]:
    """The files ``load_gazetteers`` reads, in its order (a folder is its ``*.toml``, sorted)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        out.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    return out


def _key(layers: dict[str, list[Path]]) -> str | None:
    code = file_digest(module.__file__) if module.__file__ else None
    if code is None:
        return None
    parts: list[Any] = [FORMAT, version.__version__, code, [f.name for f in dataclasses.fields(Entity)]]
    for layer, files in layers.items():
        for file in files:
            digest = file_digest(file)
            if digest is None:
                return None  # let the loader report it
            parts.append([layer, str(file.resolve()), digest])
    save()
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _frozen(value: Any) -> Any:
    if value.__class__ is not list:
        return value
    if any(v.__class__ is list for v in value):
        return tuple([_frozen(v) for v in value])
    return tuple(value)


def _read(path: Path, key: str):
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        fields = dataclasses.fields(Entity)
        if data.get("fields") != [f.name for f in fields]:
            return None
        positional = all(f.init and not f.kw_only for f in fields)
        entities = []
        width = len(fields)
        for row in data["entities"]:
            if len(row) != width:
                return None
            # lists back to tuples (a nested list, which no field holds today, the long way)
            values = [v if v.__class__ is not list else tuple(v) if not any(x.__class__ is list for x in v)
                      else _frozen(v) for v in row]
            if positional:
                entities.append(Entity(*values))
            else:
                entities.append(Entity(**{f.name: v for f, v in zip(fields, values)}))
        return Gazetteer.from_merged(entities)
    except Exception:  # a damaged, truncated or foreign file is a miss, never an error
        return None


def _write(folder: Path, path: Path, key: str, gazetteer) -> None:
    names = [f.name for f in dataclasses.fields(Entity)]
    try:
        rows = [[_plain(getattr(e, n)) for n in names] for e in gazetteer.entities]
    except TypeError:
        return  # a field JSON cannot hold: no cache this time
    write_json(path, {"format": FORMAT, "key": key, "fields": names, "entities": rows}, prefix=PREFIX)


def _touch(path: Path) -> None:
    try:
        os.utime(path)  # recently used: kept by _prune
    except OSError:
        pass


def load_cached(paths: Iterable[Path | str], *, base: Iterable[Path | str] = ()):
    """``load_gazetteers(paths, base=base)``, from the cache when none of the files changed."""

    paths, base = list(paths), list(base)
    folder = cache_dir()
    key = _key({"paths": _files(paths), "base": _files(base)}) if folder is not None else None
    if key is None:
        return load_gazetteers(paths, base=base)
    path = folder / f"{PREFIX}{key[:40]}.json"
    cached = _read(path, key) if path.is_file() else None
    if cached is not None:
        _touch(path)
        cached.cache_key = key
        return cached
    gazetteer = load_gazetteers(paths, base=base)
    _write(folder, path, key, gazetteer)
    gazetteer.cache_key = key
    return gazetteer


def load_index(gazetteer):
    """``NameIndex(gazetteer)``, its tables read from the cache when ``gazetteer`` came through
    :func:`load_cached` and the matching code is unchanged (~25 ms instead of ~150 ms)."""

    folder = cache_dir()
    base = getattr(gazetteer, "cache_key", None)
    if folder is None or base is None:
        return matching.NameIndex(gazetteer)

    code = [file_digest(m.__file__) if m.__file__ else None for m in (matching, lexicon)]
    if None in code:
        return matching.NameIndex(gazetteer)
    key = hashlib.sha256(json.dumps([FORMAT, base, code]).encode()).hexdigest()
    path = folder / f"{INDEX_PREFIX}{key[:40]}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") == FORMAT and data.get("key") == key and _fits(data["index"], gazetteer):
            index = matching.NameIndex(gazetteer, data["index"])
            _touch(path)
            return index
    except Exception:  # missing, damaged, truncated or foreign: build it
        pass
    tables = matching.index_tables(gazetteer)
    packed = matching.packed_tables(tables["tables"])
    if packed is not None:
        stored = dict(tables, tables=packed, digest=_digest(packed))
        write_json(path, {"format": FORMAT, "key": key, "index": stored}, prefix=INDEX_PREFIX)
    return matching.NameIndex(gazetteer, tables)


def _digest(packed: dict[str, str]) -> str:
    return hashlib.sha256("\0".join(packed[name] for name in TABLES).encode()).hexdigest()


def _fits(tables: dict, gazetteer) -> bool:
    """Is the cached index whole, and does it name only forms and entities that exist? (Its key
    says it is this gazetteer's; this keeps a damaged file from failing later, in a look-up. The
    packed tables are checked against the digest written with them: they are read only row by
    row, when asked.)"""
    forms, positions = tables["forms"], tables["positions"]
    if len(forms) != sum(len(entity.forms) for entity in gazetteer) or len(positions) != len(forms):
        return False
    if positions and not (min(positions) >= 0 and max(positions) < len(gazetteer)):
        return False

    packed = tables["tables"]
    if not all(isinstance(packed.get(name), str) for name in TABLES) or tables.get("digest") != _digest(packed):
        return False
    numbers = list(tables["acronyms"].values())
    return not numbers or (min(numbers) >= 0 and max(numbers) < len(forms))
