"""Curating gazetteers: add an entity to a file in place, and mine articles for names to add.

``add_entity`` edits the TOML with tomlkit so the file keeps its comments, order and layout; the
result is validated (as ``cleaner gazetteer check`` would) before it replaces the file.
``suggest`` finds clusters of near-identical names that no gazetteer knows (Witkoff / Witkov /
Uitkoff) and prints TOML entries for a human to curate: it never writes a gazetteer itself.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from ..base.errors import RuleError
from ..text.fileio import iter_files, read_text, write_atomic
from .gazetteer import KINDS, Gazetteer, load_file, load_gazetteers
from .lexicon import COMMON, is_known_name, zipf
from .matching import pivot_key, skeleton
from .runs import runs


def add_entity(path: Path | str, name: str, kind: str, *, gender: str | None = None,
               aliases: Sequence[str] = (), misspellings: Sequence[str] = (),
               others: Sequence[Path | str] = ()) -> None:
    """Append an ``[[entity]]`` to ``path`` (created if missing), keeping its comments and order.

    ``others`` are gazetteers the new entity must not clash with (the bundled one, say).
    """
    import tomlkit  # lazy: tomlkit only when `gazetteer add` edits a file

    path = Path(path)
    existing = [*others, *([path] if path.exists() else [])]
    if existing:
        # loading merges the same entity listed twice; adding one that is already listed is
        # still refused, so that `gazetteer add` says where it is instead of writing a copy
        listed = load_gazetteers(existing).by_form.get(name)
        if listed is not None:
            raise RuleError(f"entity {name!r} is already listed as {listed.name!r} ({listed.where()})",
                            path=str(path))
    source = path.read_text(encoding="utf-8") if path.exists() else ""
    doc = tomlkit.parse(source)
    table = tomlkit.table()
    table.add("name", name)
    table.add("kind", kind)
    if gender:
        table.add("gender", gender)
    if aliases:
        table.add("aliases", list(aliases))
    if misspellings:
        table.add("misspellings", list(misspellings))
    entities = doc.get("entity")
    if entities is None:
        entities = tomlkit.aot()
        doc.append("entity", entities)
    entities.append(table)
    new_source = tomlkit.dumps(doc)
    # Validate before writing: the file alone, then with the others it is used with.
    tmp = path.with_name(f".{path.name}.check.toml")
    try:
        tmp.write_text(new_source, encoding="utf-8")
        load_file(tmp)
        load_gazetteers([*others, tmp])  # strict: a new entry must not clash with what exists
    except RuleError as exc:
        raise RuleError(exc.message.replace(str(tmp), str(path)), path=str(path), line=exc.line) from None
    finally:
        tmp.unlink(missing_ok=True)
    write_atomic(str(path), new_source.encode("utf-8"))


@dataclass
class Cluster:
    spellings: Counter
    files: dict[str, set[str]]

    @property
    def best(self) -> str:
        # The most frequent spelling; ties go to the one with more distinct files, then the longest.
        return max(self.spellings, key=lambda s: (self.spellings[s], len(self.files[s]), len(s), s))


def suggest(paths: Iterable[str], gazetteer: Gazetteer, *, min_count: int = 2) -> list[Cluster]:
    """Clusters of near-identical names, unknown to ``gazetteer``, found in the files under ``paths``."""
    counts: Counter = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    known = set(gazetteer.by_form) | set(gazetteer.by_misspelling)
    known_tokens = {t for form in known for t in form.split()}
    for path in paths:
        files = iter_files(path) if os.path.isdir(path) else [path]
        for file in files:
            text = read_text(file).text
            for run in runs(text):
                for tok in run.tokens:
                    word = tok.text
                    if tok.is_particle or len(word) < 4 or word.isupper() or word in known_tokens:
                        continue
                    if zipf(word) >= COMMON or not word[0].isupper():
                        continue
                    counts[word] += 1
                    where[word].add(file)
    # Block by skeleton and first consonant frame, then join spellings within a small distance.
    blocks: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        blocks[skeleton(word)[-3:]].append(word)
    parent = {w: w for w in counts}

    def root(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    for words in blocks.values():
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                ka, kb = pivot_key(a), pivot_key(b)
                if ka == kb or (Levenshtein.distance(ka, kb) <= 2 and min(len(ka), len(kb)) >= 5):
                    parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        groups[root(word)].append(word)
    clusters = []
    for words in groups.values():
        if len(words) < 2 or sum(counts[w] for w in words) < min_count:
            continue
        clusters.append(Cluster(Counter({w: counts[w] for w in words}), {w: where[w] for w in words}))
    clusters.sort(key=lambda c: (-sum(c.spellings.values()), c.best))
    return clusters


def cluster_toml(cluster: Cluster) -> str:
    """A commented ``[[entity]]`` entry for a human to curate."""
    best = cluster.best
    others = [w for w, _ in cluster.spellings.most_common() if w != best]
    counts = ", ".join(f"{w} ×{n}" for w, n in cluster.spellings.most_common())
    files = sorted({f for fs in cluster.files.values() for f in fs})
    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    kind = "person" if is_known_name(best) or best.endswith(("ov", "off", "sky", "ski", "ez", "son")) else "thing"
    quoted = ", ".join(f'"{w}"' for w in others)
    return (f"# seen: {counts} (in {shown}); check the spelling and the kind before adding\n"
            f"[[entity]]\nname = \"{best}\"\nkind = \"{kind}\"\nmisspellings = [{quoted}]\n")


__all__ = ["KINDS", "add_entity", "cluster_toml", "suggest"]
