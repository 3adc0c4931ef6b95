"""Entity repair: damaged names repaired against the gazetteer and against the document itself.

One analysis per text finds every name-like run and grades each span (``matching.NameIndex``):

- exact: a correct form; protected, and evidence that the entity is in this article;
- misspelling: listed in the gazetteer as a wrong form;
- designation: a military designation in the wrong case ("SU-57" for "Su-57");
- pivot: differs only in ways a pivot produces ("Mark Ruti", "Peter Topichkanov");
- near: a vowel dropped or added, l for r... ("LaPais" beside "Lapayese");
- anchored: a person's name with one word as the gazetteer writes it and the other a pivot
  spelling of the gazetteer's word ("Kaja Kalasi" for Kaja Kallas), when the channel alone would
  not decide: the word written correctly anchors the other;
- guess: anything looser, only ever suggested.

A single word is weak evidence (a real "Ruti" exists), so a one-token match is repaired only when
the same entity is named in full elsewhere in the article; otherwise it is a suggestion. Longer
runs are matched longest-first, and a sub-span is never matched when that would cut a given name
off its surname ("Jonas Rutten" is not a damaged "Rutte"). The rules in rules/entities.toml pick
which grades they report, with what confidence and safety.

``document-consistency`` unifies names the gazetteer does not know: a spelling used at least twice
wins over a pivot variant of it used once ("Witkov" beside two "Witkoff").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

import regex
from rapidfuzz.distance import Levenshtein

from ..base.lazyre import lazy
from ..base.resources import bundled_gazetteers
from ..names.context import context_of
from ..names.lexicon import COMMON, FREQUENT, NOT_A_WORD, fold, is_known_name, zipf
from ..names.matching import EXACT, LOOSE, SKELETON, pivot_key, token_status, vowel_change_is_small
from ..names.runs import Run, Token, letters_are_ascii, runs
from ..text.document import Document
from ..text.edits import Edit
from .common import occurrences
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

GRADES = ("misspelling", "designation", "pivot", "near", "anchored", "linked", "order", "guess", "channel",
          "channel-guess", "diacritics")
MAX_RUN = 6
_NOT_LETTER = lazy(r"[^\p{L}]+")
_NOT_LATIN = lazy(r"[^\P{L}\p{Latin}]")
_LOWER_WORD = lazy(r"(?<![\p{L}\p{M}\d'’-])\p{Ll}{4,}(?![\p{L}\p{M}\d])")
_LOWER_RUN = lazy(r"\p{Ll}{4,}")
_ASCII_LOWER_RUN = re.compile(r"[a-z]{4,}")  # the same where every letter is ASCII (names.letters_are_ascii)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    replacement: str
    original: str
    grade: str
    reason: str


def _trimmed(tokens: tuple[Token, ...], correct: str, text: str) -> tuple[int, int, str] | None:
    """The smallest span (whole tokens) that changes: "Mark Ruti" -> ("Ruti", "Rutte")."""
    new = correct.split()
    old = [t.text for t in tokens]
    if len(new) != len(old):
        return tokens[0].start, tokens[-1].end, correct
    lo, hi = 0, len(old)
    while lo < hi and old[lo] == new[lo]:
        lo += 1
    while hi > lo and old[hi - 1] == new[hi - 1]:
        hi -= 1
    if lo == hi:
        return None
    start, end = tokens[lo].start, tokens[hi - 1].end
    return start, end, " ".join(new[lo:hi])


def _cuts_a_name(run: Run, i: int, j: int) -> bool:
    """Would matching tokens i..j-1 alone cut a given name or surname off the run?"""
    for k in (i - 1, j):
        if 0 <= k < len(run.tokens):
            tok = run.tokens[k].text
            if not run.tokens[k].is_particle and zipf(tok) < FREQUENT and (is_known_name(tok) or zipf(tok) < NOT_A_WORD):
                return True
    return False


def _own_given_name(before: Token, entity) -> bool:
    """Is ``before`` a given name that none of ``entity``'s names starts with, nor a variant of one
    ("Maria" before "Callas": another person than Kaja Kallas, not her damaged name)?"""
    if before.is_particle or not is_known_name(before.text):
        return False
    return all(token_status(before.text, form.split()[0]) is None for form in entity.forms if " " in form)


def analyse(doc: Document) -> list[Finding]:
    """Every entity finding in ``doc`` (cached on the document for the rules of this pass)."""
    if "entities" in doc.cache:
        return doc.cache["entities"]
    index = context_of(doc).index
    text = doc.text
    evidence: set[str] = set()
    full: list[tuple[tuple[Token, ...], object]] = []
    single: list[tuple[tuple[Token, ...], object]] = []
    consumed: set[int] = set()  # token starts already explained (exact or matched)
    named_apart: set[str] = set()  # words this article writes beside a name of their own ("Maria Callas")
    names: list[tuple[int, int]] = []  # spans of correct names (exact forms), kept from other passes' edits

    lookup = index.lookup
    for run in runs(text):
        toks = run.tokens
        n = len(toks)
        if n == 1:  # most runs are one word ("The", "Congress"): the loop below, in short
            tok = toks[0]
            match = None if tok.is_particle else lookup((tok.text,))
            if match is None:
                continue
            if match.tier == "exact":
                if match.form == match.entity.name:
                    evidence.add(match.entity.name)
                consumed.add(tok.start)
                names.append((tok.start, tok.end))
            else:
                single.append(((tok,), match))
            continue
        used = [False] * n
        for length in range(min(n, MAX_RUN), 0, -1):
            for i in range(0, n - length + 1):
                j = i + length
                if any(used[i:j]) or toks[i].is_particle or toks[j - 1].is_particle:
                    continue
                span = tuple(toks[i:j])
                match = lookup(tuple(t.text for t in span))
                if match is None:
                    continue
                if match.tier == "exact":
                    if len(span) > 1 or match.form == match.entity.name:
                        evidence.add(match.entity.name)  # named in full, not by a one-word alias
                elif j - i < n and _cuts_a_name(run, i, j):
                    continue
                elif length == 1 and i > 0 and _own_given_name(toks[i - 1], match.entity):
                    named_apart.add(toks[i].text)  # "Maria Callas" is not Kaja Kallas
                    continue
                elif len(span) == 1 or match.entity.kind == "place":
                    single.append((span, match))
                else:
                    full.append((span, match))
                    if match.tier in ("misspelling", "pivot", "near"):
                        evidence.add(match.entity.name)
                for k in range(i, j):
                    used[k] = True
                if match.tier == "exact" or len(span) > 1:
                    consumed.update(t.start for t in span)
                if match.tier == "exact":
                    names.append((span[0].start, span[-1].end))

    findings: list[Finding] = []

    def add(span: tuple[Token, ...], match, grade: str, why: str) -> None:
        trimmed = _trimmed(span, match.form, text)
        if trimmed is None:
            return
        start, end, replacement = trimmed
        if grade not in ("misspelling", "designation") and _romanization_variant(text[start:end], replacement):
            return  # "Sergey Shoygu" is Sergei Shoigu in another romanization, not damaged
        findings.append(Finding(start, end, replacement, text[start:end], grade, why))

    for span, match in full:
        grade = "designation" if match.tier == "case" else match.tier
        observed = text[span[0].start:span[-1].end]
        same_letters = _NOT_LETTER.sub("", fold(observed)) == _NOT_LETTER.sub("", fold(match.form))
        if grade in ("near", "guess") and _anchored(observed, match, evidence):
            add(span, match, "anchored", f"{_tier_words(match.tier)} of {match.entity.name} ({match.detail}); "
                                         "the other words of the name are written as the gazetteer writes them")
            continue
        if grade == "near" and not same_letters and not _channel_agrees(doc, observed, match.entity.name):
            # a near spelling by the hand-made key, that the learned channel does not back: "Toomas
            # Varek" is a real Estonian, not Thomas Barrack (issue 18 defect 2)
            add(span, match, "guess", f"may be {_tier_words(match.tier)} of {match.entity.name} ({match.detail}); "
                                      "the name channel does not back it")
            continue
        if grade in ("pivot", "near") and _same_romanization(observed, match.form):
            # both read as one language's syllables: "Li Qizhang" is another Chinese person, not Li Qiang
            add(span, match, "guess", f"may be {_tier_words(match.tier)} of {match.entity.name} ({match.detail}); "
                                      "both spellings are names of that language")
            continue
        add(span, match, grade, f"{_tier_words(match.tier)} of {match.entity.name} ({match.detail})")
    for span, match in single:
        word = span[0].text
        if len(span) == 1 and any(word in form.split() for form in match.entity.forms):
            continue  # a word of one of the entity's correct forms ("Alimi" of "Rashad Alimi")
        if match.tier in ("misspelling", "case"):
            grade = "designation" if match.tier == "case" else "misspelling"
            add(span, match, grade, f"{_tier_words(match.tier)} of {match.entity.name} ({match.detail})")
        elif len(span) == 1 and (len(word) < 5 or zipf(word) >= COMMON or is_known_name(word)):
            continue  # a short word, an English word or a given name in its own right
        elif match.entity.kind == "place":
            continue  # places are repaired only from their listed misspellings
        elif len(span) == 1 and word in named_apart:
            continue  # the article names "Maria Callas": her "Callas" is no damaged Kallas
        elif _contrasted(text, span[0].start, match.form):
            continue  # "Khartoum, also spelled Khartum": both spellings in one sentence, on purpose
        elif len(span) == 1 and token_status(word, match.form) == LOOSE:
            continue  # one word is too little for the loose merges: "Hooghly" is no damaged "Google"
        elif match.entity.name in evidence and match.tier != "guess":
            add(span, match, match.tier,
                f"{_tier_words(match.tier)} of {match.entity.name}, named in full in this article ({match.detail})")
        elif match.tier == "pivot" and match.entity.kind == "media" and _media_slot(text, span[0].start, span[-1].end):
            add(span, match, match.tier,
                f"{_tier_words(match.tier)} of {match.entity.name}, in the place of an outlet ({match.detail})")
        elif match.tier == "pivot":
            add(span, match, "guess", f"may be {_tier_words(match.tier)} of {match.entity.name} ({match.detail}); "
                                      "a single word, and the article does not name it in full")

    linked = list(_linked_names(doc, consumed))
    findings = [f for f in findings if not any(l.start <= f.start < l.end for l in linked)] + linked
    consumed.update(f.start for f in findings)
    findings.extend(_name_order(doc, {f.start for f in findings}, names))
    consumed.update(f.start for f in findings)
    findings.extend(_channel_repairs(doc, consumed, {f.start for f in findings}))
    consumed.update(f.start for f in findings)
    plain = list(_respelled_names(doc, names, {f.start for f in findings if f.grade not in ("guess", "channel-guess")}))
    findings = [f for f in findings if not any(p.start <= f.start < p.end for p in plain)] + plain
    consumed.update(f.start for f in findings)
    findings.extend(_document_tokens(doc, evidence, consumed))
    findings.extend(_lowercase_acronyms(doc, evidence))
    findings.extend(_lowercased_names(doc, {f.start for f in findings}))
    doc.cache["entities"] = findings
    doc.cache["names"] = names
    return findings


def alters_a_name(doc: Document, edit: Edit) -> bool:
    """Would ``edit`` change a correct name the gazetteer knows ("Vietnam's leader – To Lam": the dash
    rule's "To" -> "to")? Passes other than this one may insert beside a name or remove it whole
    (layout debris), but not change it: only the entity rules, which grade names, may."""
    if edit.replacement.replace(" ", "") == edit.original and edit.original:
        return False  # spaces put between glued words change no name's letters ("Grossisaid")
    if "names" not in doc.cache:
        analyse(doc)
    for start, end in doc.cache["names"]:
        if edit.start == edit.end:
            if start < edit.start < end:
                return True
        elif edit.start < end and start < edit.end:
            whole = edit.start <= start and end <= edit.end
            if not (whole and (not edit.replacement or doc.text[start:end] in edit.replacement)):
                return True
    return False


def _consonants(word: str) -> str:
    return regex.sub(r"[aeiouy]", "", _NOT_LETTER.sub("", fold(word)))


_OUTLET_BEFORE = re.compile(
    r"(?i:\b(?:according\s+to|told|(?:reported|quoted|cited|carried|published|broadcast)\s+by|"
    r"(?:newspaper|daily|weekly|agency|broadcaster|channel|outlet|website|magazine|portal|news\s+site)|"
    r"(?:wrote|reported|said|published)\s+in)\s+(?:the\s+)?\[?)$")
_OUTLET_AFTER = re.compile(r"^\]?(?:\([^)\n]*\))?,?\s+(?:has\s+|had\s+|also\s+)?(?:reported|reports|wrote|writes|"
                           r"quoted|quotes|cited|cites|published|publishes|broadcast|aired|ran|carried|headlined)\b")


def _media_slot(text: str, start: int, end: int) -> bool:
    """Does the word at [start, end) stand where an outlet's name stands ("told Armenpres",
    "according to Hetk", "the daily Sport-Ekspress", "Armenpres reported")? A person does not
    "report" or get "quoted by" as often: with that, one word that a pivot could have made of a
    media name in the gazetteer is that name."""
    return bool(_OUTLET_BEFORE.search(text[max(0, start - 40):start])
                or _OUTLET_AFTER.match(text[end:end + 60]))


def _contrasted(text: str, offset: int, correct: str) -> bool:
    """Is ``correct`` written in the same sentence as the variant at ``offset``?"""
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset), 0)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    end = min(ends) if ends else len(text)
    return correct in text[start:end]


def _tier_words(tier: str) -> str:
    return {"misspelling": "a known misspelling", "case": "the wrong case", "pivot": "a pivot spelling",
            "near": "a near pivot spelling", "guess": "a loose spelling"}[tier]


def _channel_index(gazetteer):
    """The channel's pre-filtered index of every multi-word person, organization and media form
    (built once per gazetteer)."""
    return gazetteer.derived("channel-index", _build_channel_index)


def _build_channel_index(gazetteer):
    from ..names.channel import Index  # lazy: the learned tables load only when a run needs them

    # the generated companies list (rules/gazetteer/companies.toml) stays out: the channel's margins
    # were calibrated without its 1,500 names, which only add runners-up far from any person-shaped
    # run ("Air Liquide" against "Maikl Lyuis" cost Michael Lewis his repair)
    generated = {str(p) for p in bundled_gazetteers() if p.name == "companies.toml"}
    forms = {f: e.name for e in gazetteer.entities if e.kind in ("person", "organization", "media")
             and str(e.path) not in generated for f in e.forms if len(f.split()) > 1}
    return Index(sorted(forms)), forms


# romanization systems whose spellings are names in their own right: when both the run and the
# gazetteer name read as one system's syllables (Takashi Toriya / Takeshi Iwaya, Li Qizhang / Li
# Qiang, Kim Min-suk / Kim Min-seok), the run is another person of that language, not pivot damage
_ROMANIZATIONS = tuple(regex.compile(p) for p in (
    # Hepburn (Japanese)
    r"^(?:(?:kk|ss|tt|pp|cch|tch)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|[kgsztdnhbpmyrwjf])?[aeiou]|n)+$",
    # Hanyu Pinyin (Chinese)
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou"
    r"|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))+$",  # (no "v" for ü: an input method's, not news'
    # spelling; with it "Yariv" and "Levin" read as Pinyin and every Hebrew name was "Chinese")
    # Revised Romanization (Korean)
    r"^(?:(?:kk|tt|pp|ss|jj|ch|[gndrmbsjkthp])?(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|[aeiou])"
    r"(?:ng|[kntlmp](?![aeiouy]))?)+$",
))


def _same_romanization(a: str, b: str) -> bool:
    """Do both names read as syllables of one romanization system (Hepburn, Pinyin, RR)?"""
    words_a = [w for w in regex.split(r"[\s-]+", fold(a)) if w]
    words_b = [w for w in regex.split(r"[\s-]+", fold(b)) if w]
    return any(all(p.match(w) for w in words_a + words_b) for p in _ROMANIZATIONS)


CHANNEL_FLOOR = -40.0  # below: too unlike the name to be its spelling, whatever the margin
# above: an edit real transliterations almost never make (a dozen nats and more): the run is
# another name, not a pivot's spelling of this one
CHANNEL_MAX_EDIT = 11.0
# A name one edit away from a gazetteer name is as likely another person (Haat / Haas, Makonso /
# Makosso, Rutter / Rutte) as the pivot, unless that one edit is of a kind transliteration makes: a
# vowel, h, y or w added, dropped or changed (Gorossi, Klingbayl, Grandi), or one of the consonant
# merges of the pivot scripts (p/b, v/f/w, k/c/q, s/z, l/r, h/kh/gh, ch/sh, t/th, d/dh, j/zh/dj).
_WEAK_LETTERS = frozenset("aeiouyhw'-")
_PIVOT_MERGES = frozenset(frozenset(p) for p in (
    ("p", "b"), ("v", "f"), ("v", "w"), ("f", "w"), ("v", "b"), ("k", "c"), ("k", "q"), ("c", "q"),
    ("s", "z"), ("c", "s"), ("l", "r"), ("g", "k"), ("ch", "sh"), ("ch", "c"), ("ch", "k"), ("kh", "k"),
    ("j", "zh"), ("j", "dj"), ("j", "y"), ("ts", "z"), ("tz", "z"), ("ts", "c"), ("x", "ks"), ("d", "t"),
    ("p", "f"), ("ph", "f"),  # one letter in Hebrew (pe/fe) and Persian script; Greek phi
))
# Greek writes d as ντ and b as μπ: "Mendoni" comes back as "Medoni", "Lambrakis" as "Labrakis"
_NASAL_BEFORE = {"n": "d", "m": "b"}


def _pivot_kind_of_edit(a: str, b: str) -> bool:
    """Is rewriting ``a`` as ``b`` an edit of a kind transliteration makes?"""
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if set(a + b) <= _WEAK_LETTERS:
        return True
    strip = lambda x: "".join(ch for ch in x if ch not in "h")  # noqa: E731 (t/th, k/kh, d/dh)
    return frozenset((a, b)) in _PIVOT_MERGES or strip(a) == strip(b) or \
        frozenset((strip(a), strip(b))) in _PIVOT_MERGES


def _anchored(observed: str, match, evidence: set[str]) -> bool:
    """Is ``observed`` a person's name with every word but the damaged ones written exactly as the
    gazetteer form, and each damaged word a transliteration's spelling of the form's word?

    "Kaja Kalasi" (Georgian adds -i and drops the double l) for Kaja Kallas; "Marta Kosi" for Marta
    Kos. Not when both read as one romanization's syllables ("Li Qizhang" is not Li Qiang, "Kim
    Min-suk" not Kim Min-seok), nor when the damaged word is common enough in English text to be a
    word or a name in its own right ("John Smyth" is another man than John Smith), unless this
    article names the gazetteer's person in full elsewhere ("Yariv Levin ... Yariv Lewin"). (The
    lexicon's real-name list cannot guard here: it holds the pivots' spellings too, "Qavelashvili".)"""
    entity = match.entity
    if entity.kind != "person" or not observed[:1].isupper():
        return False
    seen, wanted = observed.split(), match.form.split()
    if len(seen) != len(wanted) or len(seen) < 2 or _same_romanization(observed, match.form):
        return False
    differing = [(a, b) for a, b in zip(seen, wanted) if fold(a) != fold(b)]
    if not differing or len(differing) == len(seen):
        return False
    named = entity.name in evidence
    for a, b in differing:
        if len(a) < 3 or not a[:1].isupper() or not _plausible_edits(a, b):
            return False
        if not named and zipf(a) >= NOT_A_WORD:
            return False  # an English word or a common name in its own right
    return True


def _gemination(word: str, i: int) -> bool:
    """Is ``word[i]`` one of a doubled letter ("ll" of Kallas)? Scripts without a written double
    consonant (Arabic without shadda, Persian, Georgian, Japanese and Korean romanizations) drop it."""
    return (i > 0 and word[i - 1] == word[i]) or (i + 1 < len(word) and word[i + 1] == word[i])


_SHORT_I_END = lazy(r"(?:iy|ii|yi|ij|yj)$")


def _romanization_variant(observed: str, form: str) -> bool:
    """Are ``observed`` and ``form`` one Cyrillic name in two romanizations that English news
    both uses: й and ы as y or i ("Sergey"/"Sergei", "Shoygu"/"Shoigu", "Dmitriy"/"Dmitry",
    "Zelenskiy"/"Zelensky")? Neither is damage: a newsroom or a translator chose one (the
    WMT21 human translations write "Shoygu"), and test writers leave such pairs alone."""
    def key(text: str) -> str:
        return " ".join(_SHORT_I_END.sub("y", w).replace("y", "i").replace("j", "i") for w in fold(text).split())
    return observed != form and fold(observed) != fold(form) and key(observed) == key(form)


def _aspirate_dropped(word: str, i: int) -> bool:
    """Is ``word[i]`` the k, c or g of a kh, ch or gh (which pivots write h)?"""
    return word[i] in "kcg" and word[i + 1:i + 2] == "h"


def _nasal_dropped(word: str, i: int) -> bool:
    """Is ``word[i]`` an n before d or an m before b (which Greek spelling hides)?"""
    return word[i + 1:i + 2] == _NASAL_BEFORE.get(word[i], "#")


_PLAIN = str.maketrans("ıłŁøØđĐħ", "ilLoOdDh")


def _plain(text: str) -> str:
    """``text`` with its accented letters written plain, one letter for one ("Hatimoğulları" ->
    "Hatimogullari"): the marks dropped and the letters without a decomposition mapped."""
    return "".join(c for c in unicodedata.normalize("NFD", text.translate(_PLAIN))
                   if not unicodedata.combining(c))


def _only_diacritics_lost(observed: str, form: str) -> bool:
    """Is ``observed`` ``form`` with some of its accented letters written plain, and nothing else
    changed ("Tulay Hatimogullari" for Tülay Hatimoğulları, "Tunc" for Tunç)?"""
    if observed == form or len(observed) != len(form):
        return False
    return all(o == f or (o.isascii() and not f.isascii() and _plain(f) == o) for o, f in zip(observed, form))


def _correct_words(gazetteer) -> frozenset[str]:
    """Every word of every correct form (built once)."""
    return gazetteer.derived("correct-words", lambda g: frozenset(w for f in g.by_form for w in f.split()))


def _accented_forms(gazetteer) -> dict[str, str]:
    """Plain spelling -> the accented form, for every name, place, organization and outlet
    written with accents whose plain spelling is no correct form of its own (built once)."""
    return gazetteer.derived("accented-forms", _build_accented_forms)


def _build_accented_forms(gazetteer) -> dict[str, str]:
    out: dict[str, str] = {}
    for entity in gazetteer.entities:
        if entity.kind not in ("person", "place", "organization", "media"):
            continue
        for form in entity.forms:
            if not form.isascii() and len(form) == len(_plain(form)):
                plain = _plain(form)
                if plain not in gazetteer.by_form:
                    out.setdefault(plain, form)
    return out


_JOINTS = str.maketrans("", "", " '’ʼʻ`")
_APOSTROPHE_NAME = lazy(r"(?<![\p{L}\p{M}'’ʼ])\p{Lu}[\p{Ll}\p{M}]*(?:['’ʼ]\p{Ll}+)+[\p{Ll}\p{M}]*"
                        r"(?: \p{Lu}[\p{Ll}\p{M}]*(?:['’ʼ]\p{Ll}+)*){0,3}(?![\p{L}\p{M}])"
                        r"|(?<![\p{L}\p{M}'’ʼ])\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*(?:['’ʼ]\p{Ll}+)+)+(?![\p{L}\p{M}])")


def _squashed(text: str) -> str:
    """``text`` without its word breaks and apostrophes, in lower case: "Ali Reza Zakani" and
    "Alireza Zakani", "Irak'li K'obakhidze" and "Irakli Kobakhidze" squash alike (hyphens stay:
    "Kim Jong-un" and "Kim Jong Un" are two house styles, not a damage)."""
    return text.translate(_JOINTS).casefold()


def _joint_forms(gazetteer) -> dict[str, str]:
    """Squashed spelling -> the form, for the multi-word names of persons and places (built once);
    a squashed spelling two forms share is left out."""
    return gazetteer.derived("joint-forms", _build_joint_forms)


def _build_joint_forms(gazetteer) -> dict[str, str]:
    out: dict[str, str] = {}
    seen: Counter = Counter()
    for entity in gazetteer.entities:
        if entity.kind not in ("person", "place"):
            continue
        for form in entity.forms:
            if " " in form:
                key = _squashed(form)
                if out.get(key, form) != form:
                    seen[key] += 1
                out[key] = form
    return {k: v for k, v in out.items() if not seen[k]}


def _respelled_names(doc: Document, names: list[tuple[int, int]], taken: set[int]) -> Iterable[Finding]:
    """Known names respelled in ways a letter-by-letter match misses: other word breaks or a
    romanization's apostrophes ("Ali Reza Zakani", "Irak'li K'obakhidze": grade anchored, ENT010),
    a romanization's macrons added ("Narges Abyār") or accented letters written plain in an article
    that writes accents in names ("Tulay Hatimogullari"): grade diacritics, ENT013."""
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    forms, joints = _accented_forms(gazetteer), _joint_forms(gazetteer)
    if "'" in text or "’" in text or "ʼ" in text:
        # ejectives marked by apostrophes (Georgian, Armenian scholarly romanization): the runs
        # end at an apostrophe, so these names are read whole here
        covered = 0
        for m in _APOSTROPHE_NAME.finditer(text, overlapped=True):  # "Minister Irak'li ..." and "Irak'li ..."
            observed = m.group()
            form = joints.get(_squashed(observed))
            if form is not None and observed.casefold() != form.casefold() and observed not in gazetteer.by_form \
                    and m.start() not in taken and m.start() >= covered:
                taken.add(m.start())
                covered = m.end()
                yield Finding(m.start(), m.end(), form, observed, "anchored",
                              f"{form} written with a transliteration's apostrophes")
    for run in runs(text):
        toks = run.tokens
        i = 0
        while i < len(toks):
            for j in range(min(len(toks), i + 4), i, -1):
                start, end = toks[i].start, toks[j - 1].end
                observed = text[start:end]
                if any(t.start in taken for t in toks[i:j]):
                    continue
                form = joints.get(_squashed(observed))
                if form is not None and observed != form and observed not in gazetteer.by_form \
                        and observed[:1].isupper() and observed.casefold() != form.casefold() \
                        and j - i >= 2 and set(observed.split()) & set(form.split()):
                    # two words or more, one of them the name's own ("Zakani"): "Alain" is no "Al Ain"
                    yield Finding(start, end, form, observed, "anchored",
                                  f"{form} written with other word breaks or apostrophes (a transliteration's)")
                    i = j - 1
                    break
                plain = _plain(observed)
                if plain != observed and plain in gazetteer.by_form and observed not in gazetteer.by_form \
                        and _scholarly_marks_added(observed, plain):
                    yield Finding(start, end, plain, observed, "diacritics",
                                  f"{plain} with a romanization's macrons or underdots added")
                    i = j - 1
                    break
                form = forms.get(plain)
                if form is None or not _only_diacritics_lost(observed, form):
                    continue
                if all(w in _correct_words(gazetteer) for w in observed.split()):
                    continue  # "Sejourne" is a word of a correct form ("Stephane Sejourne"): written so
                if _writes_diacritics(text, observed, names):
                    trimmed = _trimmed(tuple(toks[i:j]), form, text)
                    if trimmed is not None:
                        s, e, replacement = trimmed
                        yield Finding(s, e, replacement, text[s:e], "diacritics",
                                      f"{form} with its accented letters written plain, in an article that writes them")
                i = j - 1
                break
            i += 1


#: marks of scholarly romanization (macrons, underdots, the ʿayn and hamza signs), which no
#: English news text writes in a name the gazetteer writes plain
_SCHOLARLY = frozenset("āēīōūȳĀĒĪŌŪḥṣṭḍẓḤṢṬḌẒ")


def _scholarly_marks_added(observed: str, form: str) -> bool:
    """Is ``observed`` the gazetteer's plain ``form`` with a romanization's macrons or underdots
    added ("Narges Abyār" for Narges Abyar, "Rōki" for Roki), and nothing else changed?"""
    if observed == form or len(observed) != len(form):
        return False
    return all(o == f or (o in _SCHOLARLY and f.isascii() and _plain(o) == f) for o, f in zip(observed, form))


def _writes_diacritics(text: str, observed: str, names: list[tuple[int, int]]) -> bool:
    """Does this article write accented letters in names: in the name itself ("Yılmaz Tunc") or
    in a name it writes exactly as the gazetteer does? An English house style that drops them
    everywhere ("Erdogan", "Hatimogullari") is left alone."""
    return not observed.isascii() or any(not text[s:e].isascii() for s, e in names)


def _plausible_edits(observed: str, name: str) -> bool:
    from ..names.channel import channel  # lazy: see _channel_index

    changed = [(a, b, cost) for a, b, cost in channel().explain(observed, name) if a != b]
    if not changed or max(cost for *_, cost in changed) > CHANNEL_MAX_EDIT:
        return False
    seen, wanted = fold(observed), fold(name)
    ops = Levenshtein.editops(seen, wanted)
    if len(ops) <= 2:  # one or two letters apart: each must be a transliteration's kind of edit
        for tag, i, j in ops:  # ("Vučićer" adds an r no script adds)
            a = seen[i] if tag != "insert" else ""
            b = wanted[j] if tag != "delete" else ""
            if tag == "insert" and _gemination(wanted, j) or tag == "delete" and _gemination(seen, i):
                continue  # a double letter written single, or a single one doubled
            if tag == "insert" and _nasal_dropped(wanted, j) or tag == "delete" and _nasal_dropped(seen, i):
                continue  # Greek's ντ / μπ read as d / b
            if tag == "insert" and _aspirate_dropped(wanted, j) or tag == "delete" and _aspirate_dropped(seen, i):
                continue  # kh, ch, gh written h: Arabic and Hebrew kh, Greek chi ("Haled", "Zaharaki")
            if not _pivot_kind_of_edit(a, b):
                return False
    return True


def _channel_agrees(doc: Document, observed: str, entity_name: str) -> bool:
    """Does the name channel pick the same entity for ``observed``, with plausible edits only?"""
    from ..names.channel import channel  # lazy: see _channel_index

    index, forms = _channel_index(context_of(doc).gazetteer)
    choice, _ = channel().decide(observed, index)
    return choice is not None and forms.get(choice) == entity_name and _plausible_edits(observed, choice)


def _channel_repairs(doc: Document, consumed: set[int], found: set[int]) -> Iterable[Finding]:
    """Runs of two or more capitalized words that no gazetteer form matched ("Bidro Shanshez",
    "Donarudo Toranpu"), scored by the name channel learned from real name pairs in a dozen
    scripts (cleaner/names/channel.py). A run is repaired only when the best gazetteer name beats
    leaving it as written and the runner-up by the calibrated margins (>= 99 % precision on
    held-out real pairs against different real people with close names); a close second is a
    suggestion. A run made of words the lexicon knows as English words or as real given names
    and surnames is a real name the gazetteer lacks ("Toomas Varek", "Li Qizhang"), never repaired."""
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    index = None
    for run in runs(text):
        toks = [t for t in run.tokens if not t.is_particle]
        if len(run.tokens) < 2 or any(t.start in consumed or t.start in found for t in run.tokens):
            continue
        # a leading title or other English word ("President Donarudo Toranpu") is not part of the name
        while toks and zipf(toks[0].text) >= COMMON and not is_known_name(toks[0].text):
            toks = toks[1:]
        if len(toks) < 2 or len(toks) > 4 or any(zipf(t.text) >= COMMON for t in toks):
            continue
        if not any(zipf(t.text) < NOT_A_WORD and not is_known_name(t.text) for t in toks):
            continue  # every word is a real name or word: a person the gazetteer does not list
        if index is None:
            from ..names.channel import channel  # lazy: see _channel_index

            index, forms = _channel_index(gazetteer)
            model = channel()
        start, end = toks[0].start, toks[-1].end
        observed = text[start:end]
        if observed in forms or _NOT_LATIN.search(observed):
            continue  # a correct form; or a run in another script (a quoted Russian title), no romanization
        choice, ranked = model.decide(observed, index)
        if not ranked:
            continue
        best, score = ranked[0]
        if set(observed.split()) <= set(best.split()) or text.startswith(best, start):
            continue  # part of a correct name ("Ulisses Correia" of "Ulisses Correia e Silva")
        runner = ranked[1] if len(ranked) > 1 else None
        margin = score - runner[1] if runner else float("inf")
        why = (f"the name channel's best gazetteer name is {forms[best]} "
               f"(score {score:.1f} against leaving it, {margin:.1f} ahead of the next)")
        if score < CHANNEL_FLOOR:
            continue
        # a run that names fewer words than the name ("Sassou Nguessor" after "Denis") is compared
        # with, and repaired to, the name's last words only
        n = len(observed.split())
        pick = choice if choice is not None else best
        target = pick if len(pick.split()) <= n else " ".join(pick.split()[-n:])
        canonical = forms[pick] if target == pick else target
        if choice is not None and not _same_romanization(observed, target) and _plausible_edits(observed, target):
            yield Finding(start, end, canonical, observed, "channel", why)
        elif score >= -20 and (choice is not None or margin >= 3 or (runner and forms[runner[0]] == forms[best])):
            # not safe: a guard above failed, the lead is small, or the next name is the same
            # person's other form ("Donald J. Trump"), which the margins were not calibrated for
            yield Finding(start, end, canonical, observed, "channel-guess", why)


# an inline Markdown link: [text](target "title")
_LINK = lazy(r"(?<!!)\[([^\[\]\n]{1,80})\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_SLUG_CUT = lazy(r"[-_+\s]+")


def _slug_index(gazetteer) -> dict[str, object]:
    """Each person's and organization's forms as a URL slug folds them ("mark carney"), built once."""
    return gazetteer.derived("slug-index", _build_slug_index)


def _build_slug_index(gazetteer) -> dict[str, object]:
    index: dict[str, object] = {}
    for e in gazetteer.entities:
        if e.kind in ("person", "organization", "party", "media"):
            for form in e.forms:
                key = _SLUG_CUT.sub(" ", fold(form)).strip()
                if len(key.split()) >= 2:
                    index.setdefault(key, e)
    return index


def _slug_of(url: str) -> str:
    """The last path segment of ``url`` as words: ".../people/mark-carney" and
    "en.wikipedia.org/wiki/Mark_Carney" give "mark carney"."""
    from urllib.parse import unquote

    path = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    last = unquote(path.rsplit("/", 1)[-1])
    last = regex.sub(r"\.(?:html?|php|aspx?)$", "", last)
    return _SLUG_CUT.sub(" ", fold(last)).strip()


def _linked_names(doc: Document, consumed: set[int]) -> Iterable[Finding]:
    """A Markdown link whose text is a damaged spelling of the name its own target names: the
    link "[Make Kani](https://example.org/people/mark-carney)" or "[Kir Starmar](
    https://en.wikipedia.org/wiki/Keir_Starmer)" says who is meant, in the writer's own markup. The
    text is repaired to the gazetteer's form of that entity when it is a name-like run of about as
    many words, each word either no common English word or a near spelling of the name's word in its
    place: "[Prime Minister](.../mark-carney)" or "[the Canadian leader](...)" are left alone."""
    if not doc.markdown or "](" not in doc.text:
        return
    text = doc.text
    slugs = _slug_index(context_of(doc).gazetteer)
    for m in _LINK.finditer(text):
        label, url = m.group(1), m.group(2)
        start, end = m.start(1), m.end(1)
        if not doc.is_protected(m.start(2), m.end(2)) or doc.is_protected(start, end):
            continue  # not a link the parser sees (code, or a target only)
        slug = _slug_of(url)
        entity = slugs.get(slug)
        if entity is None:
            continue
        observed = label.strip()
        start += len(label) - len(label.lstrip())
        end = start + len(observed)
        if observed in entity.forms or _SLUG_CUT.sub(" ", fold(observed)).strip() in (
                slug, *(_SLUG_CUT.sub(" ", fold(f)).strip() for f in entity.forms)):
            continue  # the name itself, or written with other accents or hyphens ("Péter Szijjártó")
        if any(regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(f) + r"(?![\p{L}\p{M}])", observed)
               for f in entity.forms):
            continue  # the name with a title or a word more: "[Catholicos Aram I](.../aram-i)"
        words, target = observed.split(), entity.name.split()
        if not words or abs(len(words) - len(target)) > 1 or not regex.fullmatch(r"[\p{L}\p{M}’'. -]+", observed):
            continue
        capitalized = all(w[:1].isupper() for w in words)
        if not capitalized and not all(w.islower() and zipf(w) < COMMON for w in words):
            continue  # a description ("the minister"), not a name
        if not all(zipf(w) < COMMON or any(Levenshtein.distance(fold(w), fold(t)) <= max(1, len(t) // 3)
                                           for t in target) for w in words):
            continue  # a common word that is no near spelling of a word of the name ("Prime Minister")
        if _NOT_LATIN.search(observed):
            continue
        yield Finding(start, end, entity.name, observed, "linked",
                      f"the link's target names {entity.name} ({slug})")


def _hepburn_key(word: str) -> str:
    """A Japanese name's word with its long vowels written one way: macrons off, "oh" before a
    consonant, "ou", "oo", "uu" and "aa" made single ("Ōtani", "Ohtani", "Ootani" -> "otani")."""
    key = _plain(word).casefold()
    key = regex.sub(r"oh(?![aeiouy])", "o", key)
    return regex.sub(r"(?:ou|oo)", "o", key).replace("uu", "u").replace("aa", "a")


def _hepburn_forms(gazetteer) -> dict[str, str]:
    """Two-word persons' forms by their words' Hepburn keys (built once); a key two forms share is
    left out."""
    return gazetteer.derived("hepburn-forms", _build_hepburn_forms)


def _build_hepburn_forms(gazetteer) -> dict[str, str]:
    out: dict[str, str] = {}
    shared: set[str] = set()
    for entity in gazetteer.entities:
        if entity.kind != "person":
            continue
        for form in entity.forms:
            words = form.split()
            if len(words) == 2:
                key = f"{_hepburn_key(words[0])} {_hepburn_key(words[1])}"
                if out.get(key, form) != form:
                    shared.add(key)
                out[key] = form
    return {k: v for k, v in out.items() if k not in shared}


def _name_order(doc: Document, found: set[int], names: list[tuple[int, int]]) -> Iterable[Finding]:
    """Two capitalized words that are a gazetteer person's name in the other order: Japanese and
    Hungarian put the family name first ("Ishiba Shigeru", "Orbán Viktor"), and a pivot that keeps
    that order gives a name English news writes given name first. Only when the reversed pair is
    exactly a form of one person and the pair as written is no form of anyone (Chinese and Korean
    names are listed as they are written, family name first)."""
    index = context_of(doc).index
    hepburn = _hepburn_forms(context_of(doc).gazetteer)
    text = doc.text
    for run in runs(text):
        toks = [t for t in run.tokens if not t.is_particle]
        for a, b in zip(toks, toks[1:]):
            if a.start in found or b.start in found or text[a.end:b.start] != " ":
                continue
            if any(s0 <= a.start and b.end <= e0 for s0, e0 in names):
                continue  # inside a longer correct name
            if index.lookup((a.text, b.text)) is not None:
                continue
            if zipf(a.text) >= COMMON or zipf(b.text) >= COMMON:
                continue  # "Grace Kelly" beside a "Kelly Grace": ordinary words both ways
            match = index.lookup((b.text, a.text))
            if match is not None and match.tier == "exact" and match.entity.kind == "person":
                yield Finding(a.start, b.end, f"{b.text} {a.text}", text[a.start:b.end], "order",
                              f"{match.entity.name} with the family name first, as the source language writes it")
                continue
            form = hepburn.get(f"{_hepburn_key(b.text)} {_hepburn_key(a.text)}") if hepburn else None
            if form is not None and f"{b.text} {a.text}" != form:
                yield Finding(a.start, b.end, form, text[a.start:b.end], "order",
                              f"{form} with the family name first and its long vowels written another way "
                              "(Hepburn's macrons, oh, ou, oo), as the source language writes it")


def _document_tokens(doc: Document, evidence: set[str], consumed: set[int]) -> Iterable[Finding]:
    """Single tokens close to a token of an entity this article names in full ("LaPais" ~ "Lapayese")."""
    if not evidence:
        return
    index = context_of(doc).index
    known: dict[str, str] = {}  # token -> entity name
    for name in evidence:
        entity = index.gazetteer.by_form.get(name)
        if entity is None or entity.kind == "place":  # places are repaired only from their own variants
            continue
        for form in entity.forms:
            for tok in form.split():
                if len(tok) >= 4 and zipf(tok) < COMMON:
                    known.setdefault(tok, entity.name)
    text = doc.text
    for run in runs(text):
        if len(run.tokens) != 1:
            continue
        tok = run.tokens[0]
        if tok.start in consumed or len(tok.text) < 4 or zipf(tok.text) >= COMMON or tok.text in index.exact:
            continue
        if tok.text in known:
            continue  # a word of a correct form ("Andriy's" beside the alias "Andrii Yermak"): a
            # correct spelling is never moved to another correct spelling, which would flip back
        best = None
        for correct, entity_name in known.items():
            status = token_status(tok.text, correct)
            if status in (None, EXACT, LOOSE) or status == "case":
                continue  # one word is too little for the loose merges: "Hooghly" is no damaged "Google"
            if status == SKELETON and (not vowel_change_is_small(tok.text, correct) or is_known_name(tok.text)):
                continue  # "Petro" is a name in its own right, not a damaged "Petare"
            grade = "near" if status == SKELETON else "pivot"
            if best is not None and best[0] != correct:
                best = ("", "", "")  # two tokens fit: ambiguous
                break
            best = (correct, entity_name, grade)
        if best and best[0] and not _contrasted(text, tok.start, best[0]):
            correct, entity_name, grade = best
            yield Finding(tok.start, tok.end, correct, tok.text, grade,
                          f"{_tier_words(grade)} of {correct} ({entity_name}, named in full in this article)")


# the lexicon's frequencies count "Strasbourg" and "strasbourg" alike (3.2): below this, a word is
# a name more than a word; above it, "cork", "derby", "chad", "java" are words too
_LOWER_NAME_ZIPF = 3.5
_LOCATIVE = lazy(r"(?i:\b(?:in|to|from|at|near|across|outside|inside|around|via)) \Z")


def _lower_names(gazetteer) -> dict[str, tuple[str, str]]:
    """Lower-case spelling -> (form, kind) of the one-word places and persons' surnames the
    gazetteer lists, that are no English word (built once): "strasbourg", "kobakhidze"."""
    return gazetteer.derived("lower-names", _build_lower_names)


def _build_lower_names(gazetteer) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    clash: set[str] = set()
    for entity in gazetteer.entities:
        if entity.kind not in ("place", "person"):
            continue
        for form in entity.forms:
            if " " in form or len(form) < 4 or not form[:1].isupper() or not form[1:].islower() \
                    or not form.isalpha() or zipf(form.lower()) >= _LOWER_NAME_ZIPF:
                continue
            key = form.lower()
            if key in out and out[key][0] != form:
                clash.add(key)
            out[key] = (form, entity.kind)
    return {k: v for k, v in out.items() if k not in clash}


def _lowercased_names(doc: Document, taken: set[int]) -> Iterable[Finding]:
    """A place or a surname in lower case ("the court in strasbourg"): scripts without capitals
    (Georgian, Arabic, Chinese, Thai...) give none. Only a form the gazetteer lists that is no English
    word, never inside a web address, a hashtag or a file name; safe when the article writes it
    capitalized elsewhere or it is a place after "in", "to", "from"...; left alone otherwise."""
    text = doc.text
    names = _lower_names(context_of(doc).gazetteer)
    if not names:
        return
    scan = _ASCII_LOWER_RUN if letters_are_ascii(text) else _LOWER_RUN
    if not any(w in names for w in set(scan.findall(text))):
        return
    for m in _LOWER_WORD.finditer(text):
        word = m.group()
        hit = names.get(word)
        if hit is None or m.start() in taken:
            continue
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
        if before in ("#", "@", "/", ".", "_") or after in (".", "/", "@", "_") and \
                regex.match(r"[./@_]\p{L}", text[m.end():m.end() + 2]):
            continue  # a hashtag, a handle, a path or a domain
        form, kind = hit
        mentioned = regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(form) + r"(?![\p{L}\p{M}])", text) is not None
        located = kind == "place" and _LOCATIVE.search(text[max(0, m.start() - 12):m.start()]) is not None
        if not (mentioned or located):
            continue  # "a glass of bordeaux": a word too; left alone
        yield Finding(m.start(), m.end(), form, word, "pivot",
                      f"{form} lost its capital letter" + (", and is written capitalized elsewhere in this article"
                                                           if mentioned else ""))


def _lowercase_acronyms(doc: Document, evidence: set[str]) -> Iterable[Finding]:
    """Acronyms that lost their case on the way ("relus" for RELOS)."""
    index = context_of(doc).index
    if not index.acronyms:
        return
    hits = {}
    # candidates from the cheaper scan for lower-case runs (a superset of _LOWER_WORD's words);
    # the exact scan below runs only when one is an acronym
    scan = _ASCII_LOWER_RUN if letters_are_ascii(doc.text) else _LOWER_RUN
    for word in index.acronym_keyed(set(scan.findall(doc.text))):
        if zipf(word) < NOT_A_WORD:
            hits[word] = index.acronyms[pivot_key(word)]
    if not hits:
        return
    for m in _LOWER_WORD.finditer(doc.text):
        word = m.group()
        if word not in hits:
            continue
        form, entity = hits[word]
        if _contrasted(doc.text, m.start(), form):
            continue
        mentioned = entity.name in evidence or form in doc.text
        grade = "pivot" if mentioned else "guess"
        why = (f"the acronym {form} ({entity.name}) lost its case" +
               (", and is written correctly elsewhere in this article" if mentioned else ""))
        yield Finding(m.start(), m.end(), form, word, grade, why)


def _compile_grade(rule: Rule):
    grades = rule.params["grades"]
    if not isinstance(grades, list) or not grades or any(g not in GRADES for g in grades):
        raise rule.error(f"grades must be a list of {', '.join(GRADES)}", "grades")
    return frozenset(grades)


def _find_graded(rule: Rule, doc: Document) -> Iterable[Edit]:
    for f in analyse(doc):
        if f.grade in rule.compiled:
            yield rule.edit(f.start, f.end, f.replacement, f.original, message=f"{rule.message}: {f.reason}")


# --- document consistency: names no gazetteer knows -------------------------------------------


def _find_consistency(rule: Rule, doc: Document) -> Iterable[Edit]:
    index = context_of(doc).index
    text = doc.text
    occurrences: dict[str, list[Token]] = defaultdict(list)
    before: dict[str, set[str]] = defaultdict(set)
    for run in runs(text):
        for k, tok in enumerate(run.tokens):
            word = tok.text
            if tok.is_particle or len(word) < 4 or zipf(word) >= COMMON or word in index.name_tokens:
                continue
            if "-" in word and any(zipf(part) >= COMMON for part in word.split("-")):
                continue  # Meta-analysis, Seventy-eight: compounds of words, not names
            if not word[0].isupper() or word.isupper():
                continue
            occurrences[word].append(tok)
            if k > 0:
                before[word].add(run.tokens[k - 1].text)
    groups: dict[str, list[str]] = defaultdict(list)
    for word in occurrences:
        groups[pivot_key(word)].append(word)
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        letters = {_NOT_LETTER.sub("", fold(w)) for w in spellings}
        if len(letters) < len(spellings):
            continue  # Iguazú / Iguazu, Latin-American / LatinAmerican: accents and hyphens are style
        counts = Counter({w: len(occurrences[w]) for w in spellings})
        (winner, top), *rest = counts.most_common()
        if top < 2 or any(c == top for _, c in rest):
            continue
        for word, count in rest:
            if count != 1:
                continue
            if fold(word)[0] != fold(winner)[0] or _consonants(word) == _consonants(winner):
                continue  # Yeongjo / Jeongjo, Boötes / Boötis: other names or grammatical forms
            if before[word] - before[winner] - {""} and not before[word] <= before[winner]:
                # "Olga Kushnir" beside "Jared Kushner": another first name, another person
                if any(zipf(b) < FREQUENT for b in before[word] - before[winner]):
                    continue
            for tok in occurrences[word]:
                if _contrasted(text, tok.start, winner):
                    continue  # "Uyghurs, also spelled Uighurs": both on purpose
                yield rule.edit(tok.start, tok.end, winner, word,
                                message=f"{rule.message}: spelled {winner} {top} times in this article")


KINDS.append(Kind("entity-repair", "entities", frozenset({"grades"}), frozenset({"grades"}),
                   _compile_grade, _find_graded))
KINDS.append(Kind("document-consistency", "entities", frozenset(), frozenset(),
                   lambda rule: None, _find_consistency))


# --- a passive participle that lost its "by" ----------------------------------------------------


def _compile_agent(rule: Rule):
    nouns, participles = rule.words("nouns"), rule.words("participles")
    rule.requires = rule.requires or tuple(participles)  # no participle in a text: nothing to scan for
    pattern = lazy(r"\b(?:" + "|".join(map(regex.escape, nouns)) + r") (?:"
                   + "|".join(map(regex.escape, participles)) + r") (?=\p{Lu})")
    return pattern, tuple(f" {p} " for p in participles), max(map(len, nouns))


def _agent_windows(text: str, participles: tuple[str, ...], reach: int) -> list[tuple[int, int]]:
    """Where a match can be: around each " participle " (a match is a noun, that, and a capital),
    merged. Scanning these instead of the whole text finds the same matches: they never overlap,
    and the pattern's look-behind and \b still see the text before a window."""
    longest = max(map(len, participles))
    merged: list[tuple[int, int]] = []
    for at in occurrences(text, participles):
        lo, hi = max(0, at - reach), min(len(text), at + longest + 1)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _find_agent(rule: Rule, doc: Document) -> Iterable[Edit]:
    index = context_of(doc).index
    text = doc.text
    pattern, participles, reach = rule.compiled
    for lo, hi in _agent_windows(text, participles, reach):
        for m in pattern.finditer(text, lo, hi):
            run = next(runs(text[m.end():m.end() + 80]), None)
            if run is None or run.start != 0 or len(run.tokens) < 2:
                continue
            words = [t.text for t in run.tokens]
            for j in range(len(words), 1, -1):
                entity = index.exact.get(" ".join(words[:j]))
                if entity is not None and entity.kind == "person" \
                        and text[m.end() + run.tokens[j - 1].end:][:2] not in ("’s", "'s"):
                    yield rule.edit(m.end(), m.end(), "by ", "",
                                    message=f"{rule.message}: {entity.name} is the agent")
                    break


KINDS.append(Kind("missing-agent", "entities", frozenset({"nouns", "participles"}),
                   frozenset({"nouns", "participles"}), _compile_agent, _find_agent))
