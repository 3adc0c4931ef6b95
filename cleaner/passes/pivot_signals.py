"""What an article says about its pivot: the countries it names, and so the languages its names
and titles went through. Read by the media and acronym passes (rules/vocab/*.toml).

"The World" is El Mundo in an article about Spain and Le Monde in one about France; "AB" is the
EU in an article about Turkey and a blood type elsewhere. The signal is plain counting: how often
the article names each country (its name, demonym, capital and the places and institutions the
news names with it, from rules/vocab/countries.toml).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache

import regex

from ..text.document import Document
from ..base.resources import rules_dir


@lru_cache(maxsize=None)
def _vocab(name: str) -> dict:
    with open(rules_dir() / "vocab" / name, "rb") as f:
        return tomllib.load(f)


def vocab(name: str) -> dict:
    """A table of rules/vocab/ (parsed once)."""
    return _vocab(name)


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, tuple[str, ...]], regex.Pattern]:
    data = vocab("countries.toml")
    owner: dict[str, str] = {}
    shared: set[str] = set()
    for code, table in data.items():
        for word in table["words"]:
            if word in owner and owner[word] != code:
                shared.add(word)  # a word two countries claim says nothing
            owner[word] = code
    for word in shared:
        del owner[word]
    languages = {code: tuple(table["languages"]) for code, table in data.items()}
    words = sorted(owner, key=len, reverse=True)
    pattern = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(regex.escape(w) for w in words) + r")(?![\p{L}\p{M}])")
    return owner, languages, pattern


def country_counts(doc: Document) -> Counter:
    """How often ``doc`` names each country (keys of countries.toml)."""
    if "pivot-countries" not in doc.cache:
        owner, _, pattern = _countries()
        doc.cache["pivot-countries"] = Counter(owner[m.group()] for m in pattern.finditer(doc.text))
    return doc.cache["pivot-countries"]


def country_languages(code: str) -> tuple[str, ...]:
    return _countries()[1].get(code, ())


def language_scores(doc: Document) -> Counter:
    """For each language, how often ``doc`` names a country whose press writes in it."""
    if "pivot-languages" not in doc.cache:
        scores: Counter = Counter()
        for code, n in country_counts(doc).items():
            for lang in country_languages(code):
                scores[lang] += n
        doc.cache["pivot-languages"] = scores
    return doc.cache["pivot-languages"]


def main_languages(doc: Document) -> set[str]:
    """The languages of the country (or countries, on a tie) the article names most."""
    counts = country_counts(doc)
    if not counts:
        return set()
    top = max(counts.values())
    return {lang for code, n in counts.items() if n == top for lang in country_languages(code)}
