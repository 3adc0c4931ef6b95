"""Pivot-aware name matching against the gazetteer.

A name that went through Arabic loses p and v (Peter -> Beter, Witkoff -> Witkov), its short
vowels (Rutte -> Ruti) and its letter case (RELOS -> relus); through Cyrillic it gains kh, zh and
-iy (Zelenskiy); through Chinese, Japanese or Korean l and r merge and syllables split. Each
spelling is reduced to a *pivot key* that erases exactly those differences: two spellings with
the same key differ only in ways a pivot produces. A *skeleton* (the key without vowels) is the
looser key for vowels dropped or added.

Matching is sublinear in the gazetteer: forms are indexed by the key of their last token, by its
skeleton and by the key of all tokens joined, and only that block is compared. Results are
cached per distinct span, so a folder of articles pays once per name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from .gazetteer import Entity, Gazetteer
from .lexicon import are_variants, fold, zipf

# Order matters: longer sequences first.
_DIGRAPHS = [
    ("tsch", "ch"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"),
    ("th", "t"), ("ck", "k"), ("qu", "k"), ("tz", "z"), ("ts", "z"), ("cz", "ch"), ("sz", "sh"),
    ("gh", "g"), ("dj", "j"),
]
_LETTERS = str.maketrans({
    "p": "b", "v": "f", "w": "f", "c": "k", "q": "k", "j": "i", "y": "i", "e": "i", "o": "u",
})
_NOT_LETTER = regex.compile(r"[^a-z0-9]+")
_REPEAT = regex.compile(r"(.)\1+")
_VOWELS = regex.compile(r"(?<=.)[aiu]+")
_EAST = str.maketrans({"r": "l"})

#: Statuses of one token compared with one gazetteer token, from closest to loosest.
EXACT, CASE, VARIANT, KEY, EAST, SKELETON = "exact", "case", "variant", "key", "east", "skeleton"


@lru_cache(maxsize=200_000)
def pivot_key(token: str) -> str:
    """The spelling with every pivot-made difference erased: "Witkoff" and "Witkov" -> "fitkuf"."""
    s = fold(token)
    s = s.replace("x", "ks")
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    s = s.translate(_LETTERS)
    s = _NOT_LETTER.sub("", s)
    return _REPEAT.sub(r"\1", s)


def east_key(token: str) -> str:
    """The pivot key with l and r merged, as Chinese, Japanese and Korean transcriptions do."""
    return _REPEAT.sub(r"\1", pivot_key(token).translate(_EAST))


def skeleton(token: str) -> str:
    """The pivot key without vowels after the first letter: "Rutte" and "Ruti" -> "rt"."""
    return _VOWELS.sub("", pivot_key(token))


def token_status(candidate: str, correct: str) -> str | None:
    """How ``candidate`` relates to the correct token ``correct``; None when it is not a pivot form."""
    if candidate == correct:
        return EXACT
    if fold(candidate) == fold(correct):
        return CASE
    if are_variants(candidate, correct):
        return VARIANT
    kc, kf = pivot_key(candidate), pivot_key(correct)
    if kc == kf:
        return KEY
    if east_key(candidate) == east_key(correct):
        return EAST
    if skeleton(candidate) == skeleton(correct) and Levenshtein.distance(kc, kf) <= 2:
        return SKELETON
    return None


@dataclass(frozen=True)
class Match:
    """A candidate span is a damaged spelling of ``form`` (a correct form of ``entity``)."""

    entity: Entity
    form: str
    tier: str  # "exact" | "misspelling" | "case" | "pivot" | "near" | "guess"
    detail: str  # what differs, for the one-line reason


def _split(form: str) -> tuple[str, ...]:
    return tuple(form.split())


class NameIndex:
    """The gazetteer's correct forms, indexed for pivot-aware lookups."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.exact = gazetteer.by_form
        self.misspellings = gazetteer.by_misspelling
        self._by_last_key: dict[str, list[tuple[str, Entity]]] = {}
        self._by_last_skeleton: dict[str, list[tuple[str, Entity]]] = {}
        self._by_joined: dict[str, list[tuple[str, Entity]]] = {}
        self._by_fold: dict[str, list[tuple[str, Entity]]] = {}
        self.acronyms: dict[str, tuple[str, Entity]] = {}
        self.name_tokens: set[str] = set()
        for entity in gazetteer:
            for form in entity.forms:
                tokens = _split(form)
                if not tokens:
                    continue
                last = tokens[-1]
                self._by_last_key.setdefault(pivot_key(last), []).append((form, entity))
                self._by_last_skeleton.setdefault(skeleton(last), []).append((form, entity))
                self._by_joined.setdefault("".join(pivot_key(t) for t in tokens), []).append((form, entity))
                self._by_fold.setdefault(_NOT_LETTER.sub("", fold(form)), []).append((form, entity))
                if len(tokens) == 1 and form.isupper() and form.isalpha() and len(form) >= 4:
                    self.acronyms.setdefault(pivot_key(form), (form, entity))
                self.name_tokens.update(tokens)
        self._cache: dict[tuple[str, ...], Match | None] = {}

    def __len__(self) -> int:
        return len(self.gazetteer)

    def lookup(self, tokens: tuple[str, ...]) -> Match | None:
        """The best match for a span of name tokens, or None (cached per distinct span)."""
        if tokens in self._cache:
            return self._cache[tokens]
        result = self._lookup(tokens)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[tokens] = result
        return result

    def _lookup(self, tokens: tuple[str, ...]) -> Match | None:
        text = " ".join(tokens)
        entity = self.exact.get(text)
        if entity is not None:
            return Match(entity, text, "exact", "")
        entity = self.misspellings.get(text)
        if entity is not None:
            return Match(entity, entity.name, "misspelling", f"a known misspelling of {entity.name}")
        folded = _NOT_LETTER.sub("", fold(text))
        designations = [(f, e) for f, e in self._by_fold.get(folded, ()) if any(ch.isdigit() for ch in f)]
        if len({e.name for _, e in designations}) == 1:
            form, entity = designations[0]
            return Match(entity, form, "case", f"{form} is written with this case and hyphen")
        block: dict[str, Entity] = {}
        last = tokens[-1]
        for source in (self._by_last_key.get(pivot_key(last), ()), self._by_last_skeleton.get(skeleton(last), ()),
                       self._by_joined.get("".join(pivot_key(t) for t in tokens), ())):
            for form, ent in source:
                block[form] = ent
        best: list[tuple[int, float, str, Entity, str]] = []
        for form, ent in block.items():
            graded = _grade(tokens, _split(form), ent)
            if graded is None:
                continue
            tier, detail = graded
            rank = {"pivot": 0, "near": 1, "guess": 2}[tier]
            sim = Levenshtein.normalized_similarity("".join(map(pivot_key, tokens)),
                                                     "".join(map(pivot_key, _split(form))))
            best.append((rank, -sim, form, ent, detail))
        if not best:
            return None
        best.sort(key=lambda b: (b[0], b[1], b[2]))
        top = best[0]
        rivals = {b[3].name for b in best if b[0] == top[0] and b[1] == top[1]}
        if len(rivals) > 1:
            return None  # two entities fit equally well: not ours to choose
        tier = ("pivot", "near", "guess")[top[0]]
        return Match(top[3], top[2], tier, top[4])


_COMMON = 3.5  # a token this common in English is a word, not a damaged name


def _grade(candidate: tuple[str, ...], correct: tuple[str, ...], entity: Entity) -> tuple[str, str] | None:
    """Tier of ``candidate`` as a damaged ``correct`` form, with what differs; None if unrelated."""
    if len(candidate) != len(correct):
        if len(candidate) > len(correct) and "".join(map(pivot_key, candidate)) == "".join(map(pivot_key, correct)):
            return "pivot", "syllables split apart"
        return None
    statuses = []
    for c, f in zip(candidate, correct):
        status = token_status(c, f)
        if status is None:
            return None
        if status in (KEY, EAST, SKELETON) and zipf(c) >= _COMMON:
            return None  # "Mark Rule" is not a damaged "Mark Rutte"
        statuses.append(status)
    if all(s in (EXACT, CASE) for s in statuses):
        return None  # same letters: case alone is house style, not damage
    if entity.kind == "place" and any(s in (EAST, SKELETON) for s in statuses):
        return None  # places are repaired only from their own pivot spellings
    changed = [f"{c} -> {f}" for c, f, s in zip(candidate, correct, statuses) if s != EXACT]
    detail = ", ".join(changed)
    if all(s in (EXACT, CASE, VARIANT, KEY) for s in statuses):
        return "pivot", detail
    if SKELETON in statuses:
        worst = [(c, f) for c, f, s in zip(candidate, correct, statuses) if s == SKELETON]
        close = all(Levenshtein.distance(pivot_key(c), pivot_key(f)) <= 1 and len(pivot_key(f)) >= 5
                    for c, f in worst)
        return ("near" if close else "guess"), detail
    return "near", detail
