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

from rapidfuzz.distance import Levenshtein

from ..base.lazyre import lazy
from .gazetteer import Entity, Gazetteer
from .lexicon import (ATTESTED, EVERYDAY, WORD_NOT_NAME, SortedTable, are_variants, fold, is_known_name, pack_table,
                      zipf)

# Order matters: longer sequences first.
_DIGRAPHS = [
    ("tsch", "ch"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"),
    ("th", "t"), ("ck", "k"), ("qu", "k"), ("tz", "z"), ("ts", "z"), ("cz", "ch"), ("sz", "sh"),
    ("gh", "g"), ("dj", "j"),
]
_LETTERS = str.maketrans({
    "p": "b", "v": "f", "w": "f", "c": "k", "q": "k", "j": "i", "y": "i", "e": "i", "o": "u",
})
_SOFT_C = lazy(r"c(?=[eiy])")
_NOT_LETTER = lazy(r"[^a-z0-9]+")
_ARTICLE = lazy(r"^(?:al|el|ul|il|ad|ar|as|ash|at|az|an|ad|ed|es)[-‐ ](?=\w)")
_REPEAT = lazy(r"(.)\1+")
_VOWELS = lazy(r"(?<=.)[aiu]+")
_LOOSE = str.maketrans({"r": "l", "h": "g", "f": "b", "z": "s"})

#: Statuses of one token compared with one gazetteer token, from closest to loosest.
EXACT, CASE, VARIANT, KEY, LOOSE, SKELETON = "exact", "case", "variant", "key", "loose", "skeleton"


@lru_cache(maxsize=200_000)
def pivot_key(token: str) -> str:
    """The spelling with every pivot-made difference erased: "Witkoff" and "Witkov" -> "fitkuf"."""
    s = _ARTICLE.sub("", fold(token))  # al-Sharaa, El-Sharaa and Sharaa differ only in the article
    s = _SOFT_C.sub("s", s.replace("x", "ks"))
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    s = s.translate(_LETTERS)
    s = _NOT_LETTER.sub("", s)
    return _REPEAT.sub(r"\1", s)


@lru_cache(maxsize=200_000)
def loose_key(token: str) -> str:
    """The pivot key with the merges only some pivots make: l/r (Chinese, Japanese, Korean),
    h/g (Cyrillic: Gassan for Hassan), ch/sh (Arabic), b/f (so p, b, v, w and f are one), z/s."""
    # (pivot_key has made every c a k, so an Arabic "sh" for "ch" meets it as "kh": a "kh" the
    # pivot key kept came from "ch", as the key turns a written "kh" into "h")
    return _REPEAT.sub(r"\1", pivot_key(token).replace("kh", "sh").translate(_LOOSE))


def skeleton(token: str, *, loose: bool = False) -> str:
    """A key without vowels after the first letter: "Rutte" and "Ruti" -> "rt"."""
    return _VOWELS.sub("", loose_key(token) if loose else pivot_key(token))


#: A word glued to a capitalized function word at a lost link boundary ("Al-MashatThe"): the glue
#: pass splits it; it is no damaged spelling of the name alone (that would drop "The").
_GLUED_FUNCTION_WORD = lazy(r"\p{Ll}(?:The|An?|He|She|They|It|We|At|In|On|From|With|For|To|Of|By|And|But|Or)\Z")


def token_status(candidate: str, correct: str) -> str | None:
    """How ``candidate`` relates to the correct token ``correct``; None when it is not a pivot form."""
    if candidate == correct:
        return EXACT
    if fold(candidate) == fold(correct):
        return CASE
    if _GLUED_FUNCTION_WORD.search(candidate) and not _GLUED_FUNCTION_WORD.search(correct):
        return None
    if are_variants(candidate, correct):
        return VARIANT
    kc, kf = pivot_key(candidate), pivot_key(correct)
    if len(kc) < 2 or len(kf) < 2:
        return None  # a key of one letter tells nothing: "Zhiyi" and "Yi" both reduce to "i"
    if kc == kf:
        return KEY
    lc, lf = loose_key(candidate), loose_key(correct)
    if lc == lf:
        return LOOSE
    if skeleton(candidate, loose=True) == skeleton(correct, loose=True) and Levenshtein.distance(lc, lf) <= 2:
        return SKELETON
    return None


def vowel_change_is_small(candidate: str, correct: str) -> bool:
    """A vowel dropped or added in a name of four letters or more, or swapped in one of five or more
    ("Tusak" for Tusk, "Mohammad" for Mohammed; but not "Ruto" for Rutte)."""
    kc, kf = loose_key(candidate), loose_key(correct)
    distance = Levenshtein.distance(kc, kf)
    if distance != 1:
        return False
    return len(kf) >= 4 if len(kc) != len(kf) else len(kf) >= 5


@dataclass(frozen=True)
class Match:
    """A candidate span is a damaged spelling of ``form`` (a correct form of ``entity``)."""

    entity: Entity
    form: str
    tier: str  # "exact" | "misspelling" | "case" | "pivot" | "near" | "guess"
    detail: str  # what differs, for the one-line reason


def _split(form: str) -> tuple[str, ...]:
    return tuple(form.split())


#: The tables of a name index: each maps a key to the numbers of the forms indexed under it.
#: ("designations": folded forms with a digit, "SU-57" for Su-57; only they are matched by case.)
TABLES = ("last_key", "last_loose", "last_skeleton", "joined", "joined_loose", "designations")


def index_tables(gazetteer: Gazetteer) -> dict:
    """What a :class:`NameIndex` is made of, as plain JSON data: ``forms`` (every correct form)
    with the ``positions`` of their entities in ``gazetteer.entities``, one table per key in
    :data:`TABLES` (key -> form numbers) and ``acronyms`` (key -> form number). Computing the
    keys is most of building an index (~0.15 s for the bundled gazetteer), so the compiled cache
    stores this (``gazetteer_cache.load_index``) and a run loads it as it is."""
    forms: list[str] = []
    positions: list[int] = []
    tables: dict[str, dict[str, list[int]]] = {name: {} for name in TABLES}
    acronyms: dict[str, int] = {}
    for position, entity in enumerate(gazetteer):
        for form in entity.forms:
            tokens = _split(form)
            if not tokens:
                continue
            number, last = len(forms), tokens[-1]
            forms.append(form)
            positions.append(position)
            keys = (pivot_key(last), loose_key(last), skeleton(last, loose=True),
                    "".join(pivot_key(t) for t in tokens), _joined_loose(tokens),
                    fold(form) if any(ch.isdigit() for ch in form) else None)
            for name, key in zip(TABLES, keys):
                if key is not None:
                    tables[name].setdefault(key, []).append(number)
            if len(tokens) == 1 and form.isupper() and form.isalpha() and len(form) >= 4:
                acronyms.setdefault(pivot_key(form), number)
    return {"forms": forms, "positions": positions, "tables": tables, "acronyms": acronyms}


def packed_tables(tables: dict[str, dict[str, list[int]]]) -> dict[str, str] | None:
    """The tables of :func:`index_tables` as sorted text (``lexicon.pack_table``; a key's form
    numbers separated by spaces), as the compiled cache stores them: a run reads six strings
    and searches them in place, instead of decoding ~25,000 JSON lists it mostly never asks
    for. None if a key holds a tab or a line break (a designation could): then not cached."""
    if any("\t" in key or "\n" in key or "\r" in key for table in tables.values() for key in table):
        return None
    return {name: pack_table({key: " ".join(map(str, numbers)) for key, numbers in table.items()})
            for name, table in tables.items()}


class NameIndex:
    """The gazetteer's correct forms, indexed for pivot-aware lookups.

    ``tables`` are :func:`index_tables` of the same gazetteer (from the compiled cache, with
    each table packed by :func:`packed_tables`); without them they are computed.
    """

    def __init__(self, gazetteer: Gazetteer, tables: dict | None = None) -> None:
        self.gazetteer = gazetteer
        self.exact = gazetteer.by_form
        self.misspellings = gazetteer.by_misspelling
        data = index_tables(gazetteer) if tables is None else tables
        self._forms: list[str] = data["forms"]
        self._positions: list[int] = data["positions"]
        if len(self._forms) != len(self._positions):
            raise ValueError("an index needs one entity position per form")
        self._tables: dict[str, dict[str, list[int]] | SortedTable] = {
            name: SortedTable(text=table) if isinstance(table, str) else table
            for name, table in ((name, data["tables"][name]) for name in TABLES)}
        self.acronyms: dict[str, tuple[str, Entity]] = {
            key: self._pair(number) for key, number in data["acronyms"].items()}
        #: every word of every correct form (the glue and consistency passes ask on every text)
        self.name_tokens: set[str] = {token for form in self._forms for token in form.split()}
        self._cache: dict[tuple[str, ...], Match | None] = {}
        self._not_acronyms: set[str] = set()  # lower-case words known not to key an acronym

    def _pair(self, number: int) -> tuple[str, Entity]:
        return self._forms[number], self.gazetteer.entities[self._positions[number]]

    def _block(self, table: str, key: str) -> list[tuple[str, Entity]]:
        """The forms indexed under ``key`` in ``table``, with their entities."""
        numbers = self._tables[table].get(key)
        if not numbers:
            return []
        if isinstance(numbers, str):  # a packed table's row
            numbers = map(int, numbers.split())
        return [self._pair(number) for number in numbers]

    def acronym_keyed(self, words: set[str]) -> list[str]:
        """Those of the lower-case ``words`` whose pivot key is an acronym's ("relus": RELOS).
        A folder's articles share most words: the ones found not to be are remembered, and the
        next text's are told apart by a set difference."""
        found = []
        for word in words - self._not_acronyms:
            if pivot_key(word) in self.acronyms:
                found.append(word)
            else:
                self._not_acronyms.add(word)
        if len(self._not_acronyms) > 500_000:
            self._not_acronyms.clear()
        return found

    def table_keys(self, table: str) -> list[str]:
        """Every key of ``table`` (for tests and tools)."""
        found = self._tables[table]
        return found.keys() if isinstance(found, SortedTable) else list(found)

    def preload(self) -> None:
        """Packed tables into dicts now (a folder run, before forking workers that share them)."""
        for table in self._tables.values():
            if isinstance(table, SortedTable):
                table.load()

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
            return Match(entity, entity.name, "misspelling", f"{text} -> {entity.name}")
        designations = self._block("designations", fold(text))
        if len({e.name for _, e in designations}) == 1:
            form, entity = designations[0]
            return Match(entity, form, "case", f"{form} is written with this case")
        if any(len(t) < 2 or (t.isupper() and not _is_regnal(t)) for t in tokens) or any(ch.isdigit() for ch in text):
            return None  # initials, acronyms, headings in capitals and designations: exact or nothing
        block: dict[str, Entity] = {}
        last = tokens[-1]
        for table, key in (("last_key", pivot_key(last)), ("last_loose", loose_key(last)),
                           ("last_skeleton", skeleton(last, loose=True)),
                           ("joined", "".join(pivot_key(t) for t in tokens)), ("joined_loose", _joined_loose(tokens))):
            for form, ent in self._block(table, key):
                block[form] = ent
        best: list[tuple[int, float, str, Entity, str]] = []
        for form, ent in block.items():
            if form.isupper() or ent.kind == "place":
                continue  # acronyms only from their lower-case spelling; places only from misspellings
            graded = _grade(tokens, _split(form), ent)
            if graded is None:
                continue
            tier, detail = graded
            rank = {"pivot": 0, "near": 1, "guess": 2}[tier]
            sim = Levenshtein.normalized_similarity("".join(map(pivot_key, tokens)),
                                                     "".join(map(pivot_key, _split(form))))
            # among an entity's forms, the one closest to what is written ("Arévalu" -> "Arévalo")
            closeness = Levenshtein.normalized_similarity(text, form)
            best.append((rank, -sim, -closeness, form != ent.name, form, ent, detail))
        if not best:
            return None
        best.sort(key=lambda b: b[:5])
        top = best[0]
        rivals = {b[5].name for b in best if b[0] == top[0] and b[1] == top[1]}
        if len(rivals) > 1:
            return None  # two entities fit equally well: not ours to choose
        tier = ("pivot", "near", "guess")[top[0]]
        return Match(top[5], top[4], tier, top[6])




def _is_regnal(token: str) -> bool:
    """A regnal number of two letters or more ("II", "XIV"): capitals, but no acronym. It takes
    part in a name's match ("Queen Margrithe II") only written exactly as the gazetteer has it."""
    return len(token) >= 2 and not token.strip("IVXL")


def _joined_loose(tokens) -> str:
    return _REPEAT.sub(r"\1", "".join(loose_key(t) for t in tokens))


def _grade(candidate: tuple[str, ...], correct: tuple[str, ...], entity: Entity) -> tuple[str, str] | None:
    """Tier of ``candidate`` as a damaged ``correct`` form, with what differs; None if unrelated."""
    if len(candidate) == len(correct) + 1 and len(correct) >= 2:
        # one word split in two ("Ndayishi Miye"): join it back when another word anchors the name
        for k in range(len(correct)):
            joined = candidate[:k] + (candidate[k] + candidate[k + 1].lower(),) + candidate[k + 2:]
            if joined == correct and any(zipf(c) < EVERYDAY or is_known_name(c)
                                         for i, c in enumerate(correct) if i != k):
                # "Emmanuel Mac Ron": the split alone is the damage, and a name anchors it ("The
                # Guard Ian" is no split "The Guardian": "The" anchors nothing)
                return "near", f"{candidate[k]} {candidate[k + 1]} -> {correct[k]}"
            graded = _grade(joined, correct, entity)
            if graded is not None and graded[0] != "guess":
                return "near", f"{candidate[k]} {candidate[k + 1]} -> {correct[k]}; " + graded[1]
    if len(candidate) != len(correct):
        if len(candidate) > len(correct) and len("".join(correct)) >= 6 \
                and _joined_loose(candidate) == _joined_loose(correct):
            return "guess", "syllables split apart"  # "Lu Xun" is not a split "Luxon": only suggested
        return None
    statuses = []
    for c, f in zip(candidate, correct):
        status = token_status(c, f)
        if status is None or (status != EXACT and _is_regnal(c)):
            return None  # (a regnal number only as written: "Leo XIII" is another pope than "Leo XIV")
        if status in (LOOSE, SKELETON) and zipf(c) >= WORD_NOT_NAME:
            return None  # "Mark Rule" is not a damaged "Mark Rutte", "The Bell" not "The Wire"
        if status == KEY and zipf(c) >= WORD_NOT_NAME and not is_known_name(c):
            return None
        statuses.append(status)
    if all(s in (EXACT, CASE) for s in statuses):
        return None  # same letters: case alone is house style, not damage
    changed = [f"{c} -> {f}" for c, f, s in zip(candidate, correct, statuses) if s != EXACT]
    detail = ", ".join(changed)
    respelled = [c for c, s in zip(candidate, statuses) if s in (KEY, LOOSE, SKELETON)]
    kept = [c for c, s in zip(candidate, statuses) if s not in (KEY, LOOSE, SKELETON)]
    if respelled and kept and all(zipf(c) >= ATTESTED for c in respelled) \
            and all(zipf(c) >= WORD_NOT_NAME and not is_known_name(c) for c in kept):
        # "Kinsey Institute" is no damaged "Quincy Institute": the respelled word is in use as
        # written, and what matches exactly is an ordinary word, no evidence for this entity
        return "guess", detail
    if all(s in (EXACT, CASE, VARIANT) for s in statuses):
        return "guess", detail  # "Michael Johnson" for "Mike Johnson": both are real names; suggest only
    if all(s in (EXACT, CASE, VARIANT, KEY) for s in statuses):
        return "pivot", detail
    anchored = any(s in (EXACT, VARIANT, KEY) and (zipf(c) < EVERYDAY or is_known_name(c))
                   for c, s in zip(candidate, statuses))
    if len(candidate) > 1 and not anchored:
        return "guess", detail  # only "The" or "King" matched exactly: no anchor for a near match
    if SKELETON in statuses:
        worst = [(c, f) for c, f, s in zip(candidate, correct, statuses) if s == SKELETON]
        close = all(vowel_change_is_small(c, f) for c, f in worst)
        return ("near" if close else "guess"), detail
    return "near", detail
