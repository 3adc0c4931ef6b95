"""Real name-variant pairs for the transliteration channel (dev time only; not shipped).

Source: rigour 1.8.2, rigour/data/names/persons.txt (MIT licence; Wikidata name groups, CC0):
one line per given name or surname, ``form, form, ... => QID``, each form lower-cased, in many
scripts.  For every group we pick one canonical Latin spelling (the English one where we can tell,
see ``canonical``) and pair it with

* every non-Latin form, romanized by an independent romanizer chosen per script by measurement
  (``python3 scripts/build_name_channel.py --measure`` prints the table the choice came from);
  the pivot family is the script (Arabic script with Persian letters is "persian");
* every other Latin spelling of the same name (Selenskyj, Zelenskyj, Zelenszkij), accents folded
  the way English copy loses them: family "latin".

A second source, ``pairs_from_cldr``: CLDR's city names (babel 2.x; BSD-3, CLDR data under the
Unicode licence v3), each time zone's exemplar city in English and 45 other locales.

Pairs are split by group (the Wikidata QID, or the time zone) into train and held-out with a
hash, so no name is in both.  Everything here is deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FAMILIES = (
    "arabic", "persian", "hebrew", "cyrillic", "greek", "georgian", "armenian",
    "devanagari", "thai", "korean", "japanese", "chinese", "latin",
)

# the runtime's own fold: the learned tables and the scorer must fold names the same way
from cleaner.names.channel import fold  # noqa: E402


def script_of(form: str) -> str | None:
    """The pivot family of a form, from the Unicode names of its letters; None if mixed/unknown."""
    kinds = set()
    persian = False
    for ch in form:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            kinds.add("latin")
        elif name.startswith("ARABIC"):
            kinds.add("arabic")
            if ch in "پچژگکی":
                persian = True
        elif name.startswith("HEBREW"):
            kinds.add("hebrew")
        elif name.startswith("CYRILLIC"):
            kinds.add("cyrillic")
        elif name.startswith("GREEK"):
            kinds.add("greek")
        elif name.startswith("GEORGIAN"):
            kinds.add("georgian")
        elif name.startswith("ARMENIAN"):
            kinds.add("armenian")
        elif name.startswith("DEVANAGARI"):
            kinds.add("devanagari")
        elif name.startswith("THAI"):
            kinds.add("thai")
        elif name.startswith("HANGUL"):
            kinds.add("korean")
        elif name.startswith(("HIRAGANA", "KATAKANA")):
            kinds.add("kana")
        elif name.startswith("CJK"):
            kinds.add("han")
        else:
            kinds.add("other:" + name.split(" ")[0])
    if kinds == {"han"}:
        return "chinese"
    if kinds and kinds <= {"kana", "han"}:
        return "japanese"
    if len(kinds) != 1:
        return None
    (kind,) = kinds
    if kind == "arabic" and persian:
        return "persian"
    return None if kind.startswith("other:") else kind


# ---------------------------------------------------------------------------------------------
# Romanizers.  Each takes one name form and returns a Latin string (folded afterwards).


@lru_cache(maxsize=1)
def _uroman():
    import uroman

    return uroman.Uroman()


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def r_anyascii(s: str) -> str:
    import anyascii

    return anyascii.anyascii(s)


def r_unidecode(s: str) -> str:
    import unidecode

    return unidecode.unidecode(s)


def r_uroman(s: str) -> str:
    return _uroman().romanize_string(s)


def r_pykakasi(s: str) -> str:
    return "".join(part["hepburn"] for part in _kakasi().convert(s))


def r_pypinyin(s: str) -> str:
    import pypinyin

    return "".join(pypinyin.lazy_pinyin(s))


def r_korean_romanizer(s: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(s).romanize()


def r_indic_iast(s: str) -> str:
    from indic_transliteration import sanscript

    out = sanscript.transliterate(s, sanscript.DEVANAGARI, sanscript.IAST)
    # Hindi drops the inherent final schwa that Sanskrit transliteration writes ("ṭrampa").
    return re.sub(r"a\b", "", out) if len(out) > 3 else out


ROMANIZERS = {
    "anyascii": r_anyascii,
    "unidecode": r_unidecode,
    "uroman": r_uroman,
    "pykakasi": r_pykakasi,
    "pypinyin": r_pypinyin,
    "korean-romanizer": r_korean_romanizer,
    "indic-iast": r_indic_iast,
}

# Which romanizers are candidates for which script (script-specific ones only where they apply).
CANDIDATES = {
    "arabic": ["anyascii", "unidecode", "uroman"],
    "persian": ["anyascii", "unidecode", "uroman"],
    "hebrew": ["anyascii", "unidecode", "uroman"],
    "cyrillic": ["anyascii", "unidecode", "uroman"],
    "greek": ["anyascii", "unidecode", "uroman"],
    "georgian": ["anyascii", "unidecode", "uroman"],
    "armenian": ["anyascii", "unidecode", "uroman"],
    "devanagari": ["anyascii", "unidecode", "uroman", "indic-iast"],
    "thai": ["anyascii", "unidecode", "uroman"],
    "korean": ["anyascii", "unidecode", "uroman", "korean-romanizer"],
    "japanese": ["anyascii", "unidecode", "uroman", "pykakasi"],
    "chinese": ["anyascii", "unidecode", "uroman", "pypinyin"],
}

# The choice per script, from `build_name_channel.py --measure` (mean normalized edit
# similarity of the romanized form to the group's canonical Latin spelling, on a fixed sample).
CHOSEN = {
    "arabic": "uroman",
    "persian": "uroman",
    "hebrew": "unidecode",
    "cyrillic": "unidecode",
    "greek": "uroman",
    "georgian": "anyascii",
    "armenian": "uroman",
    "devanagari": "indic-iast",
    "thai": "uroman",
    "korean": "korean-romanizer",
    "japanese": "uroman",
    "chinese": "pypinyin",
}


# ---------------------------------------------------------------------------------------------
# Groups and canonical forms


def persons_path() -> Path:
    import rigour

    return Path(rigour.__file__).parent / "data" / "names" / "persons.txt"


def read_groups(path: Path | None = None) -> list[tuple[str, list[str]]]:
    """(qid, forms) for each line of persons.txt, in file order."""
    path = path or persons_path()
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        forms, sep, qid = line.rpartition(" => ")
        if not sep:
            continue
        groups.append((qid.strip(), [f.strip() for f in forms.split(",") if f.strip()]))
    return groups


@lru_cache(maxsize=1)
def english_zipf() -> dict[str, float]:
    """Spelling -> Zipf frequency in English (rules/lexicon/english-words.txt, from wordfreq)."""
    table = {}
    path = REPO / "rules" / "lexicon" / "english-words.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, z = line.partition("\t")
            table[word] = float(z)
    return table


def canonical(latin_forms: list[str], zipf: dict[str, float] | None = None) -> str | None:
    """The group's English spelling: plain-ASCII forms only; the one English text uses most
    (wordfreq), else the medoid (closest on average to the group's other spellings)."""
    from rapidfuzz.distance import Levenshtein

    zipf = english_zipf() if zipf is None else zipf
    plain = sorted({f for f in latin_forms if re.fullmatch(r"[a-z][a-z \-]*[a-z]", f)})
    if not plain:
        return None
    known = [f for f in plain if f in zipf]
    if known:
        return max(known, key=lambda f: (zipf[f], -len(f), f))
    folded = [fold(f) for f in latin_forms]
    return min(plain, key=lambda f: (sum(Levenshtein.distance(f, g) for g in folded), f))


def is_heldout(qid: str, percent: int = 20) -> bool:
    return int(hashlib.sha1(qid.encode()).hexdigest()[:8], 16) % 100 < percent


def pairs_from_groups(groups, chosen=None, min_similarity: float = 0.3, zipf=None):
    """Yield (observed, canonical, family, qid, source_form) for each usable pair.

    A romanized form that shares almost nothing with the canonical spelling (normalized
    Levenshtein similarity < min_similarity) is dropped: it is most often a different reading
    (a Japanese name's kanji read as Chinese, a translated rather than transliterated name).
    """
    from rapidfuzz.distance import Levenshtein

    chosen = CHOSEN if chosen is None else chosen
    for qid, forms in groups:
        latin = [f for f in forms if script_of(f) == "latin"]
        canon = canonical(latin, zipf)
        if canon is None:
            continue
        seen = set()
        for form in forms:
            family = script_of(form)
            if family is None:
                continue
            if family == "latin":
                observed = fold(form)
            else:
                try:
                    observed = fold(ROMANIZERS[chosen[family]](form))
                except Exception:  # a romanizer failing on one odd form drops that form only
                    continue
            if len(observed) < 2 or observed == canon or (observed, family) in seen:
                continue
            if Levenshtein.normalized_similarity(observed, canon) < min_similarity:
                continue
            seen.add((observed, family))
            yield observed, canon, family, qid, form


# ---------------------------------------------------------------------------------------------
# A second, independent source: CLDR's city names (babel; CLDR data under the Unicode licence,
# babel BSD-3).  Each time zone's exemplar city in English and in the locales below.

CLDR_LOCALES = (
    "ar", "fa", "ur", "he", "ru", "uk", "bg", "sr", "mk", "be", "kk", "el", "ka", "hy", "hi", "mr",
    "ne", "th", "ko", "ja", "zh", "de", "fr", "es", "it", "pl", "tr", "pt", "nl", "cs", "hu", "ro",
    "sv", "fi", "et", "lv", "lt", "hr", "sk", "sl", "sq", "az", "uz", "vi", "id",
)


def cldr_groups() -> list[tuple[str, str, list[str]]]:
    """(qid, English city name, [forms in other locales]) for every CLDR time-zone city."""
    from babel import Locale

    english = Locale.parse("en").time_zones
    zones = sorted(Locale.parse("fr").time_zones)
    locales = [Locale.parse(code) for code in CLDR_LOCALES]
    out = []
    for zone in zones:
        en = (english.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if zone.startswith("Etc/") or not re.fullmatch(r"[A-Za-z .'\-]+", en):
            continue
        forms = []
        for loc in locales:
            city = (loc.time_zones.get(zone) or {}).get("city")
            if city and city not in forms:
                forms.append(city)
        out.append(("cldr:" + zone, en, forms))
    return out


def pairs_from_cldr(chosen=None, min_similarity: float = 0.3):
    """Like pairs_from_groups, for CLDR city names; the canonical is the English name."""
    from rapidfuzz.distance import Levenshtein

    chosen = CHOSEN if chosen is None else chosen
    for qid, en, forms in cldr_groups():
        canon = fold(en)
        seen = set()
        for form in forms:
            family = script_of(form)
            if family is None:
                continue
            try:
                observed = fold(form if family == "latin" else ROMANIZERS[chosen[family]](form))
            except Exception:
                continue
            if len(observed) < 2 or observed == canon or (observed, family) in seen:
                continue
            if Levenshtein.normalized_similarity(observed, canon) < min_similarity:
                continue
            seen.add((observed, family))
            yield observed, canon, family, qid, form
