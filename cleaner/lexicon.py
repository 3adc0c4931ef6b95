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


def _read_table(name: str) -> dict[str, str]:
    """A two-column tab-separated data file as a dict (values left as text: parsed on use)."""
    text = (rules_dir() / "lexicon" / name).read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, str]:
    return _read_table("english-words.txt")


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 if rare or unknown; "the" is 7.7, "manual" 4.3)."""
    value = _zipf_table().get(fold(word))
    return float(value) if value else 0.0


def is_common_word(word: str, threshold: float = 3.0) -> bool:
    return zipf(word) >= threshold


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, str]:
    return _read_table("name-variants.txt")  # spelling -> space-separated group numbers


def are_variants(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` spellings of the same given name or surname (Peter / Petr / Pyotr)?"""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    groups = _variant_groups()
    ga, gb = groups.get(fa), groups.get(fb)
    return bool(ga and gb and set(ga.split()) & set(gb.split()))


def is_known_name(word: str) -> bool:
    """Is ``word`` a known given name or surname in any spelling?"""
    return fold(word) in _variant_groups()
