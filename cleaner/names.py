"""Finding the spans of text that may be names: runs of capitalized tokens, acronyms, designations.

"Indian Prime Minister Narendra Modi" is one run of five tokens; "Ursula von der Leyen" one run of
four (lower-case particles are kept inside a run, never at its ends). Runs stop at punctuation and
line breaks, and a possessive "’s" is not part of the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

import regex

PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "la", "le",
    "bin", "ibn", "al", "el", "ben", "bint", "y", "zu", "ter", "ten", "af",
})
_CAP = r"(?:\p{Lu}\p{L}{0,4}-?\d+[\p{L}\d]*|(?:\p{Lu}|\p{Ll}{1,3}-\p{Lu})[\p{L}\p{M}]*(?:[-'’]\p{Lu}[\p{L}\p{M}]*|-\p{Ll}[\p{L}\p{M}]*)*)"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
RUN = regex.compile(
    r"(?<![\p{L}\p{M}\d'’-])" + _CAP + r"(?: (?:" + _PARTICLE + r" )*" + _CAP + r")*(?![\p{L}\p{M}\d])"
)
TOKEN = regex.compile(_CAP + "|" + _PARTICLE + r"(?= )")  # one token of a run (what split(" ") gives)
SENTENCE_START = regex.compile(r"(?:\A|[.!?…:][\"'”’»)]*\s+|\n\s*)\Z")


class Token(NamedTuple):
    """One word of a run. (A tuple: made ~85,000 times a megabyte, a frozen dataclass costs.)"""

    text: str
    start: int
    end: int

    @property
    def is_particle(self) -> bool:
        return self.text in PARTICLES


@dataclass(frozen=True)
class Run:
    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def runs(text: str) -> Iterator[Run]:
    """Every run of name-like tokens in ``text``."""
    if len(text) > 2000:
        return iter(_runs_cached(text))
    return _runs(text)


@lru_cache(maxsize=8)
def _runs_cached(text: str) -> tuple[Run, ...]:
    # Several rules of one pass walk the runs of the same document: find them once.
    return tuple(_runs(text))


def _runs(text: str) -> Iterator[Run]:
    for m in RUN.finditer(text):
        # RUN joins its tokens with single spaces, so its tokens are the pieces between them (the
        # same as TOKEN.finditer over the run, in a fifth of the time; tests/test_names.py)
        tokens = []
        position = m.start()
        for piece in m.group().split(" "):
            tokens.append(Token(piece, position, position + len(piece)))
            position += len(piece) + 1
        yield Run(tuple(tokens))


def at_sentence_start(text: str, offset: int) -> bool:
    """Is ``offset`` the first word of a sentence (or of a line)?"""
    return bool(SENTENCE_START.search(text[max(0, offset - 6):offset]))


@lru_cache(maxsize=4096)
def looks_like_given_name(token: str) -> bool:
    from .lexicon import is_known_name, zipf

    return is_known_name(token) and zipf(token) < 5.0
