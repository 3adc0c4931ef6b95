"""Finding the spans of text that may be names: runs of capitalized tokens, acronyms, designations.

"Indian Prime Minister Narendra Modi" is one run of five tokens; "Ursula von der Leyen" one run of
four (lower-case particles are kept inside a run, never at its ends). Runs stop at punctuation and
line breaks, and a possessive "’s" is not part of the name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..base.lazyre import lazy
from .lexicon import EVERYDAY, is_known_name, zipf

PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "la", "le",
    "bin", "ibn", "al", "el", "ben", "bint", "y", "zu", "ter", "ten", "af",
})
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"


def _cap(lu: str, ll: str, letter: str, mark: str, digit: str) -> str:
    """A capitalized token ("Putin", "al-Sudani", "Su-57"), given the contents of the character
    classes for upper-case and lower-case letters, letters, combining marks and digits."""
    return (rf"(?:[{lu}][{letter}]{{0,4}}-?[{digit}]+[{letter}{digit}]*"
            rf"|(?:[{lu}]|[{ll}]{{1,3}}-[{lu}])[{letter}{mark}]*(?:[-'’][{lu}][{letter}{mark}]*|-[{ll}][{letter}{mark}]*)*)")


def _run(lu: str, ll: str, letter: str, mark: str, digit: str) -> str:
    cap = _cap(lu, ll, letter, mark, digit)
    return (rf"(?<![{letter}{mark}{digit}'’-])" + cap + r"(?: (?:" + _PARTICLE + r" )*" + cap
            + rf")*(?![{letter}{mark}{digit}])")


_UNICODE = (r"\p{Lu}", r"\p{Ll}", r"\p{L}", r"\p{M}", r"\d")
_CAP = _cap(*_UNICODE)
RUN = lazy(_run(*_UNICODE))
#: RUN for a text whose letters, marks and digits are all ASCII (most English copy, even with curly
#: quotes and dashes): the same matches there, from the stdlib re, which scans ~3.5x faster.
ASCII_RUN = re.compile(_run("A-Z", "a-z", "A-Za-z", "", "0-9"))
TOKEN = lazy(_CAP + "|" + _PARTICLE + r"(?= )")  # one token of a run (what split(" ") gives)


def letters_are_ascii(text: str) -> bool:
    """Are all the letters, marks and digits of ``text`` ASCII? (Its punctuation may not be.)"""
    return text.isascii() or all(c.isascii() or unicodedata.category(c)[0] not in "LMN" for c in set(text))
SENTENCE_START = lazy(r"(?:\A|[.!?…:][\"'”’»)]*\s+|\n\s*)\Z")


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
    for m in (ASCII_RUN if letters_are_ascii(text) else RUN).finditer(text):
        # RUN joins its tokens with single spaces, so its tokens are the pieces between them (the
        # same as TOKEN.finditer over the run, in a fifth of the time; tests/test_names.py)
        found = m.group()
        position = m.start()
        if " " not in found:  # most runs are one word
            yield Run((Token(found, position, position + len(found)),))
            continue
        tokens = []
        for piece in found.split(" "):
            tokens.append(Token(piece, position, position + len(piece)))
            position += len(piece) + 1
        yield Run(tuple(tokens))


def at_sentence_start(text: str, offset: int) -> bool:
    """Is ``offset`` the first word of a sentence (or of a line)?"""
    return bool(SENTENCE_START.search(text[max(0, offset - 6):offset]))


@lru_cache(maxsize=4096)
def looks_like_given_name(token: str) -> bool:
    return is_known_name(token) and zipf(token) < EVERYDAY


def first_lowered(word: str) -> str:
    """``word`` with its first letter in lower case: the form to look up for a name that a
    sentence's start capitalized ("Al-Sharaa" for "al-Sharaa")."""
    return word[:1].lower() + word[1:]
