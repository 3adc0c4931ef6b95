"""Word knowledge the entity passes need: how common an English word is, and name variants.

Both tables are data files under rules/lexicon/, built at dev time by scripts/build_lexicon.py,
and loaded on first use (a clean ASCII file with no names never pays for them).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .resources import rules_dir


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: "Pëtr" -> "petr"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    table: dict[str, float] = {}
    with open(rules_dir() / "lexicon" / "english-words.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            word, _, z = line.rstrip("\n").partition("\t")
            table[word] = float(z)
    return table


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 if rare or unknown; "the" is 7.7, "manual" 4.3)."""
    return _zipf_table().get(fold(word), 0.0)


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    return zipf(word) >= threshold


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    with open(rules_dir() / "lexicon" / "name-variants.txt", encoding="utf-8") as handle:
        index = 0
        for line in handle:
            if line.startswith("#"):
                continue
            for form in line.rstrip("\n").split(", "):
                groups.setdefault(form, set()).add(index)
            index += 1
    return {form: frozenset(ids) for form, ids in groups.items()}


def are_variants(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` spellings of the same given name or surname (Peter / Petr / Pyotr)?"""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    groups = _variant_groups()
    ga, gb = groups.get(fa), groups.get(fb)
    return bool(ga and gb and ga & gb)


def is_known_name(word: str) -> bool:
    """Is ``word`` a known given name or surname in any spelling?"""
    return fold(word) in _variant_groups()
