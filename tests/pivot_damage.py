"""Deterministic generator of pivot-translation damage to NAMES.

When English news is machine-translated through a pivot language (Spanish ->
Arabic -> English, Russian -> English, Japanese -> English ...) proper names
come back re-transliterated: "Rutte" -> "Ruti", "Witkoff" -> "Witkov",
"Gazapo Lapayese" -> "Gazabo Labaiese", "Petr Topychkanov" -> "Peter
Topichkanov", the acronym "RELOS" -> "relus".  This module imitates that, so
benchmarks can plant realistic misspellings of names whose correct form is
known.

Public API (pure stdlib, all randomness from the ``random.Random`` passed in,
so a seeded generator always produces the same output)::

    damage(name, pivot, rng, max_tries=50) -> str | None
    damage_any(name, rng, max_tries=50) -> str | None
    glue(name, next_word) -> str            # "Narendra ModiAt"
    stray_pronoun(name, gender, rng=None) -> str   # "Vladimir Putin She"
    PIVOTS = ("arabic", "cyrillic", "east_asian", "given_name")

Guarantees of :func:`damage`:

* the result always differs from ``name`` (up to ``max_tries`` attempts;
  ``None`` if no transform of that pivot applies, e.g. an acronym such as
  "NATO" is only damaged by the ``arabic`` pivot);
* it stays plausible: at most 2 name tokens are touched, each by 1 transform
  if it has <= 4 letters, 2 if <= 7, 3 otherwise, and the letter-level edit
  distance of the whole name (not counting a whole given-name swap from the
  variants table) is at most 4;
* name particles ("von", "der", "bin", "Jr." ...) are never altered, and
  capitalisation of each token's first letter is kept (except for acronyms,
  whose case loss is itself one of the Arabic transforms).

Each transform is a small function ``(word, rng) -> word`` that changes ONE
site chosen at random, or returns ``word`` unchanged when it does not apply.

Run ``python tests/pivot_damage.py [--seed N] [NAME ...]`` to print 20
examples per pivot.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Callable, Optional, Sequence

__all__ = [
    "PIVOTS",
    "TRANSFORMS",
    "GIVEN_NAME_VARIANTS",
    "damage",
    "damage_any",
    "glue",
    "stray_pronoun",
    "edit_distance",
]

PIVOTS = ("arabic", "cyrillic", "east_asian", "given_name")

Transform = Callable[[str, random.Random], str]

_VOWELS = "aeiouàáâãäåèéêëìíîïòóôõöùúûüæœ"
_DIGRAPHS = ("th", "sh", "ch", "ph", "gh", "kh", "zh", "ck", "ng", "qu", "wh")
_PARTICLES = (
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos",
    "la", "le", "bin", "bint", "ibn", "abu", "al", "el", "y", "ter", "ten",
    "jr.", "sr.", "jr", "sr", "ii", "iii", "iv",
)
# Arabic article prefixes written attached to a surname ("al-Sudani").
_ARTICLE_RE = re.compile(r"^(?P<art>[AaEe]l|[Aa][dnrst]|[Aa]sh)-(?=[A-Z])")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def edit_distance(a: str, b: str) -> int:
    """Plain Levenshtein distance (insert / delete / substitute = 1)."""
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _match_case(src: str, repl: str) -> str:
    """Give ``repl`` the case pattern of the matched text ``src``."""
    if not repl:
        return repl
    if len(src) > 1 and src.isupper():
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl.lower()


def _sub_one(word: str, pattern: str, repl, rng: random.Random) -> str:
    """Replace ONE random match of ``pattern`` (case-insensitive) in ``word``.

    ``repl`` is a string or a function ``(match, rng) -> str`` returning the
    lower-case replacement; the case of the matched text is transferred.
    """
    matches = list(re.finditer(pattern, word, flags=re.IGNORECASE))
    if not matches:
        return word
    m = rng.choice(matches)
    new = repl(m, rng) if callable(repl) else repl
    new = _match_case(m.group(0), new)
    return word[: m.start()] + new + word[m.end():]


def _is_vowel(ch: str) -> bool:
    return ch.lower() in _VOWELS


def _is_cons(ch: str) -> bool:
    return ch.isalpha() and not _is_vowel(ch)


def _is_acronym(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.isupper()


# --------------------------------------------------------------------------
# Arabic pivot: Arabic script has no p, v, short e/o (written a/i/u or not at
# all), no doubled consonant letters and no letter case.
# --------------------------------------------------------------------------

def ar_p_to_b(word: str, rng: random.Random) -> str:
    """p -> b (no /p/ in Arabic): Gazapo -> Gazabo, Lapayese -> Labayese."""
    return _sub_one(word, r"p(?!h)", "b", rng)


def ar_v_to_f(word: str, rng: random.Random) -> str:
    """v -> f (no /v/ in Arabic): Volodin -> Folodin, Rivas -> Rifas."""
    return _sub_one(word, r"v", "f", rng)


def ar_e_i(word: str, rng: random.Random) -> str:
    """e <-> i (one kasra for both): Rutte -> Rutti, Merz -> Mirz."""
    return _sub_one(
        word, r"(?<![aeiouy])[ei](?![aeiou])",
        lambda m, r: "i" if m.group(0).lower() == "e" else "e", rng,
    )


def ar_o_u(word: str, rng: random.Random) -> str:
    """o <-> u (one damma for both): Volodin -> Voludin, Rubio -> Robio."""
    return _sub_one(
        word, r"(?<![aeiouy])[ou](?![aeiou])",
        lambda m, r: "u" if m.group(0).lower() == "o" else "o", rng,
    )


def ar_drop_vowel(word: str, rng: random.Random) -> str:
    """Drop an unwritten short vowel in V C _V_ C V: Lapayese -> Lapyese.

    Only where the result has a two-consonant cluster between vowels, never
    in the first two letters.
    """
    sites = [
        i for i in range(2, len(word) - 1)
        if _is_vowel(word[i]) and _is_cons(word[i - 1]) and _is_cons(word[i + 1])
        and _is_vowel(word[i - 2]) and i + 2 < len(word) and _is_vowel(word[i + 2])
        and word[i - 1].lower() != word[i + 1].lower()
    ]
    if not sites:
        return word
    i = rng.choice(sites)
    return word[:i] + word[i + 1:]


def ar_add_vowel(word: str, rng: random.Random) -> str:
    """Epenthetic vowel breaking a consonant cluster: Blinken -> Bilinken.

    Inserts i/a before l, r, m, n following another consonant (not a
    digraph, not a double letter), or inside a word-final 2-consonant cluster
    (Merz -> Meriz).
    """
    low = word.lower()
    sites = []
    for i in range(1, len(word)):
        a, b = low[i - 1], low[i]
        if not (_is_cons(a) and _is_cons(b)) or a == b or (a + b) in _DIGRAPHS:
            continue
        if i >= 2 and _is_cons(low[i - 2]):
            continue
        final = i == len(word) - 1
        if b in "lrmn" or final:
            sites.append(i)
    if not sites:
        return word
    i = rng.choice(sites)
    return word[:i] + rng.choice("ia") + word[i:]


def ar_collapse_double(word: str, rng: random.Random) -> str:
    """Doubled letter written once (shadda dropped): Rutte -> Rute, Kallas -> Kalas."""
    return _sub_one(word, r"([a-z])\1", lambda m, r: m.group(1), rng)


def ar_ff_final(word: str, rng: random.Random) -> str:
    """Final -ff -> -f or -v: Witkoff -> Witkof / Witkov."""
    return _sub_one(word, r"ff$", lambda m, r: r.choice(("f", "v")), rng)


def ar_y_to_i(word: str, rng: random.Random) -> str:
    """Intervocalic y -> i (ya written as a vowel): Lapayese -> Lapaiese."""
    return _sub_one(word, r"(?<=[aeiou])y(?=[aeiou])", "i", rng)


def ar_ch_to_sh(word: str, rng: random.Random) -> str:
    """ch -> sh (no /tS/ in standard Arabic): Blanchard -> Blanshard."""
    return _sub_one(word, r"(?<!s)ch", "sh", rng)


def c_to_k_s(word: str, rng: random.Random) -> str:
    """Hard c -> k, soft c -> s: Macron -> Makron, Vance -> Vanse."""
    return _sub_one(
        word, r"c(?![hk])",
        lambda m, r: "s" if word[m.end():m.end() + 1].lower() in ("e", "i", "y") else "k",
        rng,
    )


def ar_acronym(word: str, rng: random.Random) -> str:
    """Acronym loses its case and gets re-vowelled: RELOS -> relus, SIPRI -> sibri."""
    if not _is_acronym(word):
        return word
    low = word.lower()
    for fn in rng.sample((ar_o_u, ar_e_i, ar_p_to_b), 3):
        new = fn(low, rng)
        if new != low:
            return new
    return low


def ar_article(word: str, rng: random.Random) -> str:
    """'Al-' article noise: al-Sudani -> Al Sudani / Alsudani / El-Sudani / al-sudani."""
    m = _ARTICLE_RE.match(word)
    if not m:
        return word
    art, rest = m.group("art"), word[m.end():]
    options = [
        f"{art.capitalize()} {rest}",
        f"{art.capitalize()}{rest.lower()}",
        f"{'El' if art.lower() == 'al' else 'Al'}-{rest}",
        f"{art}-{rest.lower()}",
        f"{'al' if art[0].isupper() else 'Al'}-{rest}",
    ]
    options = [o for o in options if o != word]
    return rng.choice(options)


# --------------------------------------------------------------------------
# Cyrillic pivot (Russian / Ukrainian romanisation)
# --------------------------------------------------------------------------

def cy_w_to_v(word: str, rng: random.Random) -> str:
    """w -> v (Cyrillic в): Witkoff -> Vitkoff, Wadephul -> Vadephul."""
    return _sub_one(word, r"w(?!h)", "v", rng)


def cy_j(word: str, rng: random.Random) -> str:
    """j -> y or dzh (й / дж): Jared -> Yared / Dzhared, Benjamin -> Bendzhamin."""
    return _sub_one(word, r"j", lambda m, r: r.choice(("y", "dzh")), rng)


def cy_h(word: str, rng: random.Random) -> str:
    """h -> kh or g (х / г): Hegseth -> Khegseth / Gegseth."""
    return _sub_one(
        word, r"(?<![sctpgkzw])h", lambda m, r: r.choice(("kh", "g")), rng,
    )


def cy_sky_ski(word: str, rng: random.Random) -> str:
    """-sky <-> -ski / -skiy / -skyi: Zelensky -> Zelenski / Zelenskyi."""
    m = re.search(r"sk(y|i|iy|yi|ij)$", word, flags=re.IGNORECASE)
    if not m:
        return word
    options = [e for e in ("y", "i", "iy", "yi") if e != m.group(1).lower()]
    return word[: m.start(1)] + _match_case(m.group(1), rng.choice(options))


def cy_y_i(word: str, rng: random.Random) -> str:
    """Vowel y <-> i (ы / и / і): Topychkanov -> Topichkanov, Volodymyr -> Volodimir."""
    return _sub_one(
        word, r"(?<=[^aeiouyi\W])[yi](?![aeiouyi])",
        lambda m, r: "i" if m.group(0).lower() == "y" else "y", rng,
    )


def cy_e_ye(word: str, rng: random.Random) -> str:
    """Initial e, or e after a/o, -> ye (е): Elena -> Yelena, Rafael -> Rafayel."""
    return _sub_one(word, r"(?:^|(?<=[ao]))e", "ye", rng)


def cy_z_ts(word: str, rng: random.Random) -> str:
    """German z -> ts (ц) after a consonant or at the end: Merz -> Merts, Scholz -> Scholts."""
    return _sub_one(word, r"(?<![dz])(?:(?<=[^aeiou\W])z|z$)(?!h)", "ts", rng)


def cy_sch_sh(word: str, rng: random.Random) -> str:
    """sch -> sh (ш): Scholz -> Sholz, Schulze -> Shulze."""
    return _sub_one(word, r"sch", "sh", rng)


def cy_th_t(word: str, rng: random.Random) -> str:
    """th -> t (no /θ/): Hegseth -> Hegset, Thompson -> Tompson."""
    return _sub_one(word, r"th", "t", rng)


def cy_x_ks(word: str, rng: random.Random) -> str:
    """x <-> ks: Alexander -> Aleksander, Aleksei -> Alexei."""
    return _sub_one(
        word, r"x|ks", lambda m, r: "ks" if m.group(0).lower() == "x" else "x", rng,
    )


def cy_off_ov(word: str, rng: random.Random) -> str:
    """Final -off <-> -ov, -eff <-> -ev: Witkoff -> Witkov, Lavrov -> Lavroff."""
    table = {"off": "ov", "ov": "off", "eff": "ev", "ev": "eff"}
    return _sub_one(word, r"(?:off|ov|eff|ev)$", lambda m, r: table[m.group(0).lower()], rng)


# --------------------------------------------------------------------------
# East Asian pivot (Japanese / Korean / Chinese syllabaries)
# --------------------------------------------------------------------------

def ea_l_r(word: str, rng: random.Random) -> str:
    """l <-> r (one liquid, a double counts as one): Rutte -> Lutte, Kallas -> Karras."""
    return _sub_one(
        word, r"ll|rr|l|r",
        lambda m, r: m.group(0).lower().translate(str.maketrans("lr", "rl")), rng,
    )


def ea_split(word: str, rng: random.Random) -> str:
    """Split at a syllable boundary with a space or hyphen: Jinping -> Jin Ping / Jin-ping.

    Only words of 6+ letters, both halves at least 3 letters; the half after a
    space is capitalised, the half after a hyphen is not.
    """
    if len(word) < 6 or not word.isalpha():
        return word
    low = word.lower()

    def vow(ch: str) -> bool:   # y counts as a vowel for syllabification
        return ch in "aeiouy"

    def cons(ch: str) -> bool:
        return ch.isalpha() and not vow(ch)

    sites = []
    for k in range(3, len(word) - 2):
        a, b, c = low[k - 1], low[k], low[k + 1]
        if vow(a) and cons(b) and vow(c):                               # V.CV
            sites.append(k)
        elif (cons(a) and cons(b) and a != b and vow(c)
              and (a + b) not in _DIGRAPHS and vow(low[k - 2])):        # VC.CV
            sites.append(k)
    if not sites:
        return word
    k = rng.choice(sites)
    head, tail = word[:k], word[k:]
    if rng.random() < 0.5:
        return f"{head} {tail[:1].upper()}{tail[1:]}"
    return f"{head}-{tail.lower()}"


def ea_final_vowel(word: str, rng: random.Random) -> str:
    """Final consonant gets an echo vowel: Trump -> Trumpu, Witkoff -> Witkoffu, Merz -> Merzu.

    -o after t/d, -i after ch/sh/j/ge, -u otherwise; never after n (allowed
    finally in Japanese) or a vowel.
    """
    if not word or not word[-1].isalpha() or not _is_cons(word[-1]) or word[-1].lower() in "nyw":
        return word
    low = word.lower()
    if low.endswith(("t", "d")):
        v = "o"
    elif low.endswith(("ch", "sh", "j", "dge")):
        v = "i"
    else:
        v = "u"
    return word + (v.upper() if word.isupper() else v)


def ea_v_b(word: str, rng: random.Random) -> str:
    """v -> b (no /v/ in Japanese/Korean): Volodymyr -> Bolodymyr, Vance -> Bance."""
    return _sub_one(word, r"v", "b", rng)


# --------------------------------------------------------------------------
# given_name pivot: variant of the given name and/or a transliterated surname
# --------------------------------------------------------------------------

GIVEN_NAME_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Peter", "Petr", "Pyotr", "Piotr"),
    ("Alexander", "Aleksandr", "Alexandr", "Aleksander", "Oleksandr"),
    ("Alexei", "Alexey", "Aleksei", "Aleksey", "Oleksiy"),
    ("Mohammed", "Muhammad", "Mohammad", "Mohamed", "Muhammed", "Mohamad"),
    ("Joseph", "Iosif", "Josef", "Yosef"),
    ("Michael", "Mikhail", "Michal", "Mykhailo"),
    ("Sergei", "Sergey", "Serguei", "Sergiy", "Serhiy"),
    ("Dmitry", "Dmitri", "Dmitriy", "Dimitri"),
    ("Yuri", "Yury", "Yuriy", "Iouri"),
    ("Vladimir", "Volodymyr", "Wladimir", "Vladimer"),
    ("Nikolai", "Nikolay", "Nicolai", "Mykola"),
    ("Andrei", "Andrey", "Andriy", "Andrii"),
    ("Yevgeny", "Evgeny", "Yevgeniy", "Evgeni", "Eugene"),
    ("Vyacheslav", "Viacheslav", "Vyacheslaw"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Hassan", "Hasan"),
    ("Hussein", "Husayn", "Hussain", "Husein"),
    ("Abdullah", "Abdallah", "Abdulla"),
    ("Omar", "Umar"),
    ("Youssef", "Yusuf", "Yousef", "Yussef"),
    ("Ibrahim", "Ebrahim", "Ibragim"),
    ("Mahmoud", "Mahmud", "Mahmood"),
    ("Khalid", "Khaled"),
    ("Faisal", "Feisal", "Faysal"),
    ("Mustafa", "Moustafa", "Mostafa"),
    ("Yahya", "Yehia", "Yahia"),
    ("Abdel", "Abdul", "Abd"),
    ("Recep", "Redzhep", "Rejep"),
    ("Tayyip", "Tayyib"),
    ("Elena", "Yelena", "Olena", "Alena"),
    ("Tatiana", "Tatyana", "Tatjana"),
    ("Natalia", "Natalya", "Nataliya"),
    ("Maria", "Mariya", "Mariia"),
    ("Yekaterina", "Ekaterina", "Katerina"),
    ("Yulia", "Yuliya", "Iuliia", "Julia"),
    ("Olga", "Olha"),
    ("Boris", "Borys"),
    ("Viktor", "Victor", "Wiktor"),
    ("Grigory", "Grigoriy", "Hryhoriy"),
    ("Kirill", "Kyrylo", "Cyril"),
    ("Pavel", "Pavlo", "Pawel"),
    ("Oleg", "Oleh"),
    ("Emmanuel", "Emanuel", "Immanuel"),
    ("Friedrich", "Fridrikh", "Frederick"),
    ("Antonio", "António", "Antoniu"),
    ("Benjamin", "Binyamin", "Benyamin", "Veniamin"),
    ("Stephen", "Stefan", "Stepan"),
    ("Ursula", "Urszula"),
    ("Kaja", "Kaya", "Kaia"),
    ("Jacob", "Yakov", "Yaakov", "Iakov"),
    ("George", "Georgy", "Georgiy"),
    ("Matthew", "Matvei", "Matvey"),
    ("Rafael", "Raphael"),
    ("Hakan", "Khakan"),
    ("Tamim", "Tameem"),
    ("Rustem", "Rustam"),
    ("Masoud", "Masud", "Massoud"),
)

_GIVEN_INDEX: dict[str, tuple[str, ...]] = {}
for _group in GIVEN_NAME_VARIANTS:
    for _v in _group:
        _GIVEN_INDEX.setdefault(_v.lower(), _group)


def gn_swap(word: str, rng: random.Random) -> str:
    """Given name -> another spelling of it from GIVEN_NAME_VARIANTS: Petr -> Peter / Pyotr."""
    group = _GIVEN_INDEX.get(word.lower())
    if not group:
        return word
    options = [v for v in group if v.lower() != word.lower()]
    return _match_case(word, rng.choice(options))


def gn_ck_k(word: str, rng: random.Random) -> str:
    """ck -> k: Kubicki -> Kubiki, Rickert -> Rikert."""
    return _sub_one(word, r"ck", "k", rng)


def gn_ie_i(word: str, rng: random.Random) -> str:
    """ie -> i / ye (German or Slavic vowel spelling): Friedrich -> Fridrich, Dieter -> Dyeter."""
    return _sub_one(word, r"ie", lambda m, r: r.choice(("i", "ye")), rng)


# --------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------

TRANSFORMS: dict[str, tuple[Transform, ...]] = {
    "arabic": (
        ar_p_to_b, ar_v_to_f, ar_e_i, ar_o_u, ar_drop_vowel, ar_add_vowel,
        ar_collapse_double, ar_ff_final, ar_y_to_i, ar_ch_to_sh, c_to_k_s,
    ),
    "cyrillic": (
        cy_w_to_v, cy_j, cy_h, cy_sky_ski, cy_y_i, cy_e_ye, cy_z_ts,
        cy_sch_sh, cy_th_t, cy_x_ks, cy_off_ov, c_to_k_s,
    ),
    "east_asian": (ea_l_r, ea_split, ea_final_vowel, ea_v_b),
    # surname transliteration used by the given_name pivot
    "given_name": (
        cy_y_i, cy_x_ks, cy_off_ov, cy_w_to_v, gn_ck_k, gn_ie_i, cy_sch_sh,
        ar_collapse_double, cy_sky_ski,
    ),
}

# Weighting: transforms a pivot most often produces come first and are
# tried more often (weights parallel to TRANSFORMS[pivot]).
_WEIGHTS: dict[str, tuple[int, ...]] = {
    "arabic": (4, 3, 4, 4, 1, 1, 3, 3, 2, 1, 1),
    "cyrillic": (3, 3, 3, 3, 3, 2, 2, 2, 1, 2, 2, 2),
    "east_asian": (5, 2, 3, 2),
    "given_name": (3, 2, 2, 2, 1, 1, 1, 2, 1),
}

MAX_NAME_DISTANCE = 4


def _budget(word: str) -> int:
    """How many transforms one token may receive."""
    n = sum(ch.isalpha() for ch in word)
    return 1 if n <= 4 else 2 if n <= 7 else 3


def _is_particle(tok: str) -> bool:
    return tok.lower() in _PARTICLES


def _split_article(tok: str) -> tuple[str, str]:
    m = _ARTICLE_RE.match(tok)
    if m:
        return tok[: m.end()], tok[m.end():]
    return "", tok


def _damage_token(tok: str, pivot: str, rng: random.Random, nsteps: int) -> str:
    """Apply up to ``nsteps`` applicable transforms of ``pivot`` to one token."""
    if _is_acronym(tok):
        return ar_acronym(tok, rng) if pivot == "arabic" else tok
    prefix, core = _split_article(tok)
    fns = list(TRANSFORMS[pivot])
    weights = list(_WEIGHTS[pivot])
    if pivot == "arabic" and prefix and rng.random() < 0.5:
        tok = ar_article(tok, rng)
        nsteps -= 1
        prefix, core = "", tok          # article already mangled, keep as is
        if nsteps <= 0:
            return tok
    for _ in range(nsteps):
        applicable = [(f, w) for f, w in zip(fns, weights) if f(core, random.Random(0)) != core]
        if not applicable:
            break
        f = rng.choices([a[0] for a in applicable], [a[1] for a in applicable])[0]
        new = f(core, rng)
        # keep the token's initial capital (splitting may add an inner one)
        if core[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        core = new
        # do not reuse the same transform twice on a token
        idx = fns.index(f)
        del fns[idx], weights[idx]
    return prefix + core


def _targets(tokens: Sequence[str]) -> tuple[Optional[int], Optional[int]]:
    """(given-name index, surname index) among name tokens, skipping particles."""
    idx = [i for i, t in enumerate(tokens) if not _is_particle(t) and any(c.isalpha() for c in t)]
    if not idx:
        return None, None
    if len(idx) == 1:
        return None, idx[0]
    return idx[0], idx[-1]


def _plausible(orig: str, new: str, swapped_given: Optional[tuple[str, str]]) -> bool:
    if new == orig or not new.strip():
        return False
    a, b = orig, new
    if swapped_given:
        # a whole given-name swap is one "operation": measure the rest only
        a = a.replace(swapped_given[0], "\0", 1)
        b = b.replace(swapped_given[1], "\0", 1)
    # case-insensitive, so an acronym's lost case (RELOS -> relus) is free
    return edit_distance(a.lower(), b.lower()) <= MAX_NAME_DISTANCE


def damage(name: str, pivot: str, rng: random.Random, max_tries: int = 50) -> Optional[str]:
    """Return ``name`` as it might come back through ``pivot``, or None.

    ``pivot`` is one of :data:`PIVOTS`.  The result always differs from
    ``name``; ``None`` means no transform of that pivot could change it
    within the plausibility limits after ``max_tries`` attempts.
    """
    if pivot not in PIVOTS:
        raise ValueError(f"unknown pivot {pivot!r}; expected one of {PIVOTS}")
    tokens = name.split(" ")
    gi, si = _targets(tokens)
    if si is None:
        return None
    for _ in range(max_tries):
        out = list(tokens)
        swapped = None
        if pivot == "given_name":
            can_swap = gi is not None and tokens[gi].lower() in _GIVEN_INDEX
            if si is not None and gi is None and tokens[si].lower() in _GIVEN_INDEX:
                # a lone given name ("Sergei")
                can_swap, gi = True, si
            r = rng.random()
            do_swap = can_swap and r < 0.8
            do_sur = (not do_swap) or r < 0.35
            if do_swap:
                new = gn_swap(tokens[gi], rng)
                out[gi] = new
                swapped = (tokens[gi], new)
            if do_sur and si is not None and si != gi:
                out[si] = _damage_token(tokens[si], pivot, rng, rng.randint(1, min(2, _budget(tokens[si]))))
        else:
            r = rng.random()
            if gi is None or r < 0.65:
                chosen = [si]
            elif r < 0.85:
                chosen = [gi]
            else:
                chosen = [gi, si]
            for i in chosen:
                steps = rng.randint(1, _budget(_split_article(tokens[i])[1]))
                if len(chosen) == 2:
                    steps = 1
                out[i] = _damage_token(tokens[i], pivot, rng, steps)
        result = " ".join(out)
        if _plausible(name, result, swapped):
            return result
    return None


def damage_any(name: str, rng: random.Random, max_tries: int = 50) -> Optional[str]:
    """Damage ``name`` through a random pivot; other pivots are tried if it fails."""
    order = list(PIVOTS)
    rng.shuffle(order)
    for pivot in order:
        out = damage(name, pivot, rng, max_tries=max_tries)
        if out is not None:
            return out
    return None


# --------------------------------------------------------------------------
# boundary damage
# --------------------------------------------------------------------------

def glue(name: str, next_word: str) -> str:
    """Glue a name to the following word, as lost link boundaries do.

    ``glue("Narendra Modi", "at") -> "Narendra ModiAt"``: the space after the
    (formerly hyperlinked) name disappears and the next word is capitalised,
    as in the seed article ("Emmanuel MacronThe", "Steve WitkoffFrom").
    """
    if not next_word:
        return name
    return name + next_word[:1].upper() + next_word[1:]


def stray_pronoun(name: str, gender: Optional[str], rng: Optional[random.Random] = None) -> str:
    """Name followed by a stray subject pronoun: "Vladimir Putin She".

    Pivot translation through pro-drop languages re-inserts a capitalised
    subject pronoun after the name, often with the wrong gender (Arabic
    verb agreement).  Without ``rng`` the pronoun is the mismatched one
    ("She" for ``gender="male"``, "He" for "female", "He" otherwise); with
    ``rng`` it is mismatched 70% of the time and matching ("He"/"She") or
    "They" otherwise.
    """
    g = (gender or "").lower()
    wrong = "She" if g == "male" else "He"
    right = "He" if g == "male" else "She" if g == "female" else "They"
    if rng is None:
        return f"{name} {wrong}"
    return f"{name} {rng.choices((wrong, right, 'They'), (7, 2, 1))[0]}"


# --------------------------------------------------------------------------
# demo
# --------------------------------------------------------------------------

_DEMO_NAMES = (
    "Mark Rutte", "Steve Witkoff", "Manuel Gazapo Lapayese", "Petr Topychkanov",
    "Volodymyr Zelensky", "Friedrich Merz", "Emmanuel Macron", "Jared Kushner",
    "Xi Jinping", "Pete Hegseth", "Kaja Kallas", "Mohammed Shia al-Sudani",
    "Recep Tayyip Erdogan", "Antony Blinken", "Sergei Lavrov", "RELOS",
)


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    seed = 0
    if len(args) >= 2 and args[0] == "--seed":
        seed = int(args[1])
        args = args[2:]
    names = args or list(_DEMO_NAMES)
    rng = random.Random(seed)
    for pivot in PIVOTS:
        print(f"== {pivot}")
        shown = 0
        for k in range(20 * 5):
            if shown == 20:
                break
            name = names[k % len(names)]
            out = damage(name, pivot, rng)
            if out is None:
                continue
            print(f"  {name:28} -> {out}")
            shown += 1
    print("== glue / stray_pronoun")
    print("  " + glue("Narendra Modi", "at"))
    print("  " + stray_pronoun("Vladimir Putin", "male"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
