"""Word knowledge the entity passes need: how common an English word is, and name variants.

Both tables are data files under rules/lexicon/, built at dev time by scripts/build_lexicon.py,
and searched in place (see SortedTable): nothing is loaded up front.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ..base.resources import rules_dir


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: "Pëtr" -> "petr"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class SortedTable:
    """A two-column tab-separated table, sorted by its first column, searched in place.

    Building a dict of the 100,000 rows takes ~90 ms per table, on every run of the pre-commit
    hook; a binary search over the file's bytes costs nothing up front and ~20 comparisons a
    look-up (~10 µs). A long run (a folder) switches to the dict after
    :attr:`SEARCHES_BEFORE_LOADING` searches. Lines starting with ``#`` open the file; the rest
    must be sorted by key in code-point order (UTF-8 byte order), which
    ``scripts/build_lexicon.py`` writes and ``tests/test_lexicon.py`` checks.

    The table is a file (``path``, read on the first look-up) or a string (``text``, e.g. a name
    index table from the compiled cache, see :func:`pack_table`).
    """

    #: After this many searches a table is read into a dict (~90 ms), which a folder of articles
    #: repays many times over; one article (the pre-commit case) never gets there.
    SEARCHES_BEFORE_LOADING = 3000

    def __init__(self, path: Path | None = None, *, text: str | None = None) -> None:
        self.path = path
        self._data: bytes | str | None = text
        self._body = 0
        self._searches = 0
        self._dict: dict[str, str] | None = None
        if text is not None:
            self._skip_header()

    def load(self) -> None:
        """Read the whole table into a dict: faster look-ups from now on."""
        if self._dict is None:
            self._dict = dict(row.split("\t", 1) if "\t" in row else (row, "") for row in self._rows())

    def keys(self) -> list[str]:
        """Every key, in order (without building the dict)."""
        return [row.split("\t", 1)[0] for row in self._rows()]

    def _rows(self) -> list[str]:
        body = self._load()[self._body:]
        return [row for row in (body.decode("utf-8") if isinstance(body, bytes) else body).splitlines() if row]

    def _load(self) -> bytes | str:
        if self._data is None:
            self._data = self.path.read_bytes()
            self._skip_header()
        return self._data

    def _skip_header(self) -> None:
        data, body = self._data, 0
        hash_, newline = (b"#", b"\n") if isinstance(data, bytes) else ("#", "\n")
        while data.startswith(hash_, body):  # the header: comment lines
            body = data.find(newline, body) + 1 or len(data)
        self._body = body

    def get(self, key: str) -> str | None:
        """The second column of the row whose first column is ``key``, or None."""
        if self._dict is None:
            self._searches += 1
            if self._searches > self.SEARCHES_BEFORE_LOADING:
                self.load()
        if self._dict is not None:
            return self._dict.get(key)
        data = self._load()
        if isinstance(data, bytes):
            wanted, newline, tab = key.encode("utf-8"), b"\n", b"\t"
        else:
            wanted, newline, tab = key, "\n", "\t"
        lo, hi = self._body, len(data)  # lo is always the start of a line
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(data.rfind(newline, lo, mid) + 1, lo)
            end = data.find(newline, start, hi)
            if end < 0:
                end = hi
            at = data.find(tab, start, end)
            found = data[start:end if at < 0 else at]
            if found < wanted:
                lo = end + 1
            elif found > wanted:
                hi = start
            else:
                if at < 0:
                    return ""
                value = data[at + 1:end]
                return (value.decode("utf-8") if isinstance(value, bytes) else value).rstrip("\r")
        return None


def pack_table(table: dict[str, str]) -> str:
    """``table`` as the text of a :class:`SortedTable`: one ``key<TAB>value`` line per key, in
    code-point order (keys must hold no tab or line break)."""
    return "".join(f"{key}\t{table[key]}\n" for key in sorted(table))


@lru_cache(maxsize=None)
def _table(name: str) -> SortedTable:
    return SortedTable(rules_dir() / "lexicon" / name)


# Word-frequency cut-offs (Zipf: "the" is 7.7, "manual" 4.3, 0 for a word not in the table): every
# comparison of a zipf() value in cleaner is against one of these.
NOT_A_WORD = 2.0  # below: not an English word (a capitalized token this rare is a name)
ATTESTED = 2.5  # at least: in use as written (Kinsey); pivot damage rarely is
COMMON = 3.0  # at least: a common English word (a capitalized one is probably a word, not a name)
WORD_NOT_NAME = 3.5  # at least: a word, not a damaged name, when name matching weighs a token
FREQUENT = 4.0  # below: rare enough that a known-name token or a spelling variant counts as a name
EVERYDAY = 5.0  # at least: an everyday word even when it is also a name ("Will", "May")


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (0 if rare or unknown; "the" is 7.7, "manual" 4.3)."""
    value = _table("english-words.txt").get(fold(word))
    return float(value) if value else 0.0


def preload() -> None:
    """Read both tables into memory now (before forking workers, which then share them)."""
    for name in ("english-words.txt", "name-variants.txt"):
        _table(name).load()


def is_common_word(word: str, threshold: float = COMMON) -> bool:
    return zipf(word) >= threshold


@lru_cache(maxsize=100_000)
def _variant_groups(folded: str) -> frozenset[str]:
    """The numbers of the name groups a folded spelling belongs to (empty if none)."""
    groups = _table("name-variants.txt").get(folded)
    return frozenset(groups.split()) if groups else frozenset()


def are_variants(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` spellings of the same given name or surname (Peter / Petr / Pyotr)?"""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    return not _variant_groups(fa).isdisjoint(_variant_groups(fb))


def is_known_name(word: str) -> bool:
    """Is ``word`` a known given name or surname in any spelling?"""
    return bool(_variant_groups(fold(word)))
