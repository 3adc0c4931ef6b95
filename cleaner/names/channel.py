"""A transliteration channel for names: how likely is the spelling ``observed`` to be what a
pivot language made of the name ``canonical``?

    score(observed, canonical, pivot=None) -> float   # natural-log probability, <= 0
    best(observed, candidates, pivot=None, k=3) -> [(candidate, score), ...]
    decide(observed, candidates, pivot=None) -> (candidate or None, ranked)  # calibrated rule
    explain(observed, canonical, pivot=None) -> [(canonical_piece, observed_piece, cost), ...]

The model is a weighted edit distance whose weights are learned, not written: each edit rewrites
a piece of the canonical spelling (0-2 letters) as a piece of the observed spelling (0-2
letters), and costs -ln P(observed piece | canonical piece, pivot family), estimated by
scripts/build_name_channel.py from real name pairs (Wikidata name groups shipped by rigour:
the same name in Arabic, Persian, Hebrew, Cyrillic, Greek, Georgian, Armenian, Devanagari, Thai,
Korean, Japanese and Chinese script, romanized by independent romanizers, and its spellings in
other Latin alphabets).  A spelling's score is the cost of the cheapest sequence of edits
(Viterbi), negated.  Both strings are folded first (lower case, accents dropped); names of the
same number of words are compared word by word; a shorter mention also against the candidate's
last words (a surname alone); otherwise as one string without spaces.

pivot: one of FAMILIES, or None for the model pooled over all pivots (a mixture learned from
all pairs at once).  The tables are in rules/names/channel.tsv.

Pure Python: a comparison of two 8-letter words is a 9x9 table with up to eight edits per cell
(~0.1-0.3 ms); word scores are cached, and ``best`` runs the channel only on the candidates that
a cheap rapidfuzz pre-filter keeps (see ``prefilter``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FAMILIES = (
    "arabic", "persian", "hebrew", "cyrillic", "greek", "georgian", "armenian",
    "devanagari", "thai", "korean", "japanese", "chinese", "latin",
)
POOLED = "all"
MAX_PIECE = 2
# Decision thresholds on relative scores (score - leave_it): the rules with the most recall at
# >= 99 % precision in bench/name_channel.py (held-out single name words from 13 pivot families,
# 6,500 real names to choose from, mixed 1:1 with near-different real names): with a pivot
# family's table, score >= -4 and margin >= 16 (recall 11 %, false repairs 0.1 %); pooled
# (pivot unknown), margin >= 18 (recall 8 %, none).  Conservative: calibrated on one word;
# a full name's margin adds up over its words.
FLOOR, MARGIN = -4.0, 16.0
FLOOR_POOLED, MARGIN_POOLED = -math.inf, 18.0

_SPECIAL = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
    "þ": "th", "ħ": "h", "ŀ": "l", "ŋ": "ng", "ə": "a", "ǝ": "e", "ʻ": "", "ʼ": "", "ʿ": "",
    "ʾ": "", "'": "", "’": "", "‘": "", "`": "", "´": "", "ʹ": "", "ʺ": "",
})
_DROP = re.compile(r"[^a-z \-]")
_SPLIT = re.compile(r"[ \-]+")


def fold(s: str) -> str:
    """Lower-case a-z, space and hyphen only: accents dropped, apostrophes removed."""
    s = s.lower().translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _DROP.sub("", s)
    return re.sub(r"\s+", " ", s).strip(" -")


def words(s: str) -> tuple[str, ...]:
    return tuple(w for w in _SPLIT.split(fold(s)) if w)


def _raw_words(s: str) -> list[str]:
    """Lower-case words with their accents (Ozel and Özel differ here, not in ``words``)."""
    return [w for w in _SPLIT.split(unicodedata.normalize("NFC", s.lower()).strip()) if w]


def _same_name(a: str, b: str) -> bool:
    """One is the other's last words (a surname alone, or a name without its given name)."""
    wa, wb = words(a), words(b)
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return bool(wa) and wa == wb[len(wb) - len(wa):]


def default_table() -> Path:
    try:
        from cleaner.base.resources import rules_dir
    except ImportError:  # the layout before cleaner/base/
        from cleaner.resources import rules_dir

    return rules_dir() / "names" / "channel.tsv"


class Channel:
    """Learned edit costs per pivot family; see the module docstring."""

    def __init__(self, rows, defaults):
        # rows: iterable of (family, canonical_piece, observed_piece, cost)
        # defaults: {family: (substitution, insertion, deletion, copy)} cost of a one-letter
        # edit never seen in training (copy: a letter written as itself).
        self.defaults = dict(defaults)
        tables: dict[str, dict[str, dict[str, float]]] = {}
        for family, c, o, cost in rows:
            tables.setdefault(family, {}).setdefault(c, {})[o] = cost
        pooled = tables.get(POOLED, {})
        self.tables: dict[str, dict[str, dict[str, float]]] = {POOLED: pooled}
        for family in FAMILIES:
            merged = {c: dict(os) for c, os in pooled.items()}
            for c, os in tables.get(family, {}).items():
                merged.setdefault(c, {}).update(os)
            self.tables[family] = merged
        self._word = lru_cache(maxsize=200_000)(self._word_cost)

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Channel":
        path = Path(path) if path else default_table()
        rows, defaults = [], {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            family, c, o, cost = line.split("\t")
            if c == "*default*":
                values = [float(x) for x in cost.split(",")]
                defaults[family] = tuple(values + values[:1])[:4] if len(values) == 3 else tuple(values)
                continue
            rows.append((family, "" if c == "-" else c, "" if o == "-" else o, float(cost)))
        return cls(rows, defaults)

    # -- scoring ---------------------------------------------------------------------------

    def _family(self, pivot: str | None) -> str:
        if pivot is None:
            return POOLED
        if pivot not in self.tables:
            raise ValueError(f"unknown pivot family {pivot!r}; one of {', '.join(FAMILIES)}")
        return pivot

    def _dp(self, obs: str, can: str, family: str, keep_path: bool = False):
        table = self.tables[family]
        sub_d, ins_d, del_d, copy_d = self.defaults.get(family) or self.defaults[POOLED]
        n, m = len(can), len(obs)
        inf = math.inf
        cost = [[inf] * (m + 1) for _ in range(n + 1)]
        back = [[None] * (m + 1) for _ in range(n + 1)] if keep_path else None
        cost[0][0] = 0.0
        ins_table = table.get("", {})
        for i in range(n + 1):
            row = cost[i]
            # canonical pieces starting at i, with their outcome tables
            pieces = []
            for cl in range(1, MAX_PIECE + 1):
                if i + cl <= n:
                    piece = can[i:i + cl]
                    outs = table.get(piece)
                    if outs is not None or cl == 1:
                        pieces.append((cl, piece, outs or {}))
            for j in range(m + 1):
                here = row[j]
                if here == inf:
                    continue
                # insertions: observed letters with no canonical counterpart
                for ol in range(1, MAX_PIECE + 1):
                    if j + ol > m:
                        break
                    o = obs[j:j + ol]
                    c = ins_table.get(o)
                    if c is None:
                        if ol > 1:
                            continue
                        c = ins_d
                    v = here + c
                    if v < row[j + ol]:
                        row[j + ol] = v
                        if keep_path:
                            back[i][j + ol] = (i, j, "", o, c)
                for cl, piece, outs in pieces:
                    target = cost[i + cl]
                    # deletion of the canonical piece
                    c = outs.get("")
                    if c is None and cl == 1:
                        c = del_d
                    if c is not None:
                        v = here + c
                        if v < target[j]:
                            target[j] = v
                            if keep_path:
                                back[i + cl][j] = (i, j, piece, "", c)
                    for ol in range(1, MAX_PIECE + 1):
                        if j + ol > m:
                            break
                        o = obs[j:j + ol]
                        c = outs.get(o)
                        if c is None:
                            if cl > 1 or ol > 1:
                                continue
                            c = copy_d if o == piece else sub_d
                        v = here + c
                        if v < target[j + ol]:
                            target[j + ol] = v
                            if keep_path:
                                back[i + cl][j + ol] = (i, j, piece, o, c)
        if not keep_path:
            return cost[n][m]
        path, i, j = [], n, m
        while (i, j) != (0, 0):
            pi, pj, c, o, c_cost = back[i][j]
            path.append((c, o, c_cost))
            i, j = pi, pj
        return cost[n][m], path[::-1]

    def _word_cost(self, obs: str, can: str, family: str) -> float:
        return self._dp(obs, can, family)

    def cost(self, observed: str, canonical: str, pivot: str | None = None) -> float:
        family = self._family(pivot)
        ow, cw = words(observed), words(canonical)
        if len(ow) == len(cw):
            return sum(self._word(o, c, family) for o, c in zip(ow, cw))
        whole = self._word("".join(ow), "".join(cw), family)
        if 0 < len(ow) < len(cw):
            # a short mention of a longer name: the surname(s) alone ("Scholz" for "Olaf Scholz")
            tail = cw[len(cw) - len(ow):]
            return min(whole, sum(self._word(o, c, family) for o, c in zip(ow, tail)))
        return whole

    def score(self, observed: str, canonical: str, pivot: str | None = None) -> float:
        """ln P(observed | canonical, pivot) under the Viterbi alignment (<= 0; higher = likelier)."""
        return -self.cost(observed, canonical, pivot)

    def explain(self, observed: str, canonical: str, pivot: str | None = None):
        """The edits of the best alignment: (canonical piece, observed piece, cost) in order."""
        family = self._family(pivot)
        ow, cw = words(observed), words(canonical)
        if len(ow) != len(cw):
            whole = self._word("".join(ow), "".join(cw), family)
            if 0 < len(ow) < len(cw) and self.cost(observed, canonical, pivot) < whole:
                cw = cw[len(cw) - len(ow):]
            else:
                ow, cw = ("".join(ow),), ("".join(cw),)
        out = []
        for o, c in zip(ow, cw):
            out.extend(self._dp(o, c, family, keep_path=True)[1])
        return out

    def leave_it(self, observed: str, pivot: str | None = None) -> float:
        """The score of leaving the spelling as it is (the copy-only alignment): the baseline
        that ``relative`` scores and the decision rule compare against."""
        return self.score(observed, observed, pivot)

    def decide(self, observed: str, candidates, pivot: str | None = None,
               floor: float | None = None, margin: float | None = None):
        """(candidate or None, ranked): the best candidate when it is both close enough to
        "leave it" (score - leave_it >= floor) and ahead of the runner-up by ``margin``;
        ranked = best(..., relative=True).  The defaults are the thresholds that gave >= 99 %
        precision on held-out real pairs against near-different real names (bench/name_channel.py).
        A name the caller knows is real (in a name list, the lexicon, or spelled so elsewhere in
        the document) should be left alone before this is asked."""
        if floor is None:
            floor = FLOOR if pivot else FLOOR_POOLED
        if margin is None:
            margin = MARGIN if pivot else MARGIN_POOLED
        ranked = self.best(observed, candidates, pivot, k=8, relative=True)
        if not ranked:
            return None, ranked
        ow, cw = _raw_words(observed), _raw_words(ranked[0][0])
        if ow == cw[len(cw) - len(ow):]:  # already spelled so (whole name or its last words)
            return None, ranked[:2]
        # the runner-up is the best *other* name: "Scholz" is not a rival of "Olaf Scholz"
        rivals = [r for r in ranked[1:] if not _same_name(r[0], ranked[0][0])]
        ranked = ranked[:1] + rivals[:1]
        s1 = ranked[0][1]
        s2 = ranked[1][1] if len(ranked) > 1 else -math.inf
        if s1 >= floor and s1 - s2 >= margin:
            return ranked[0][0], ranked
        return None, ranked

    def best(self, observed: str, candidates, pivot: str | None = None, k: int = 3,
             prefilter: int | None = 60, relative: bool = False):
        """The k likeliest candidates as (candidate, score), best first; with ``relative``,
        scores minus ``leave_it(observed)`` (0 = as likely as leaving it, lower = less likely).

        With ``prefilter`` (default 60), only that many candidates, the closest to ``observed``
        by rapidfuzz similarity of the folded forms and of their consonant skeletons, are
        scored by the channel; None scores every candidate.  ``candidates`` may be an ``Index``
        (built once for a gazetteer: faster than passing the list each time)."""
        if isinstance(candidates, Index):
            candidates = (shortlist(observed, candidates, prefilter) if prefilter is not None
                          else list(candidates.names))
        else:
            candidates = list(candidates)
            if prefilter is not None and len(candidates) > prefilter:
                candidates = shortlist(observed, candidates, prefilter)
        base = self.leave_it(observed, pivot) if relative else 0.0
        scored = [(cand, self.score(observed, cand, pivot) - base) for cand in candidates]
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return scored[:k]


# -- pre-filter ----------------------------------------------------------------------------

_VOWELS = str.maketrans("", "", "aeiouy -")


def skeleton(s: str) -> str:
    """Folded consonants only, repeats collapsed: a key that survives vowel changes."""
    out = []
    for ch in fold(s).translate(_VOWELS):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


class Index:
    """Candidates pre-processed once for ``shortlist``: whole names, and their last words (a
    surname mentioned alone has to find the full name)."""

    def __init__(self, candidates):
        self.names = list(candidates)
        self.folded = [fold(c) for c in self.names]
        self.skel = [skeleton(c) for c in self.names]
        self.multi = [i for i, c in enumerate(self.names) if len(words(c)) > 1]
        self.last = [words(self.names[i])[-1] for i in self.multi]
        self.last_skel = [skeleton(w) for w in self.last]


@lru_cache(maxsize=8)
def _index(key: tuple) -> Index:
    return Index(key)


def shortlist(observed: str, candidates, limit: int = 60) -> list[str]:
    """Up to ``limit`` candidates: the best by normalized Indel similarity of folded forms,
    and the best by the same on consonant skeletons (half each, union, in candidate order); for
    a one-word observed form, another limit/2: the same two keys on multi-word candidates' last
    words."""
    from rapidfuzz import fuzz, process

    index = candidates if isinstance(candidates, Index) else _index(tuple(candidates))
    half = max(1, limit // 2)
    keep = set()
    for query, choices in ((fold(observed), index.folded), (skeleton(observed), index.skel)):
        for _, _, pos in process.extract(query, choices, scorer=fuzz.ratio, limit=half):
            keep.add(pos)
    if len(words(observed)) == 1 and index.multi:  # a lone word: also the last words of names
        quarter = max(1, limit // 4)
        for query, choices in ((fold(observed), index.last), (skeleton(observed), index.last_skel)):
            for _, _, pos in process.extract(query, choices, scorer=fuzz.ratio, limit=quarter):
                keep.add(index.multi[pos])
    return [index.names[p] for p in sorted(keep)]


@lru_cache(maxsize=1)
def channel() -> Channel:
    return Channel.load()


def score(observed: str, canonical: str, pivot: str | None = None) -> float:
    return channel().score(observed, canonical, pivot)


def best(observed: str, candidates, pivot: str | None = None, k: int = 3):
    return channel().best(observed, candidates, pivot, k)


def explain(observed: str, canonical: str, pivot: str | None = None):
    return channel().explain(observed, canonical, pivot)


def decide(observed: str, candidates, pivot: str | None = None):
    return channel().decide(observed, candidates, pivot)
