"""Calques a pivot leaves around names: honorifics and particles, and case suffixes glued to names.

``honorific``: forms of address that the source language puts before a name (Shri, Janab, Bapak,
Kyrios, Gospodin, Khun, Herr), after it (Sahib, Bey, Hanım, Efendi), glued to it with a hyphen
(-nim, -ssi, -san, -sama, -ji, -senshu), and titles that Korean and Japanese put after the name
(Daetongnyeong, Shusho), which English puts before it. English news writes none of them. The
honorific goes only where the evidence says it stands beside a person: the name next to it is a
person the gazetteer knows ("Shri Narendra Modi"), and the honorific with the name is not itself
a name the gazetteer knows ("Khun Sa"). Without that evidence a run of capitalised words that look
like a name is only a suggestion ("Shri Ram College" stays). A title moves in front of the name;
a surname alone whose person the article never introduces is given the full name, as a first
mention in English needs ("Takaichi Shusho" -> "Prime Minister Sanae Takaichi").

``case-suffix``: Turkish (and other agglutinating languages) glue the case ending to a proper
name with an apostrophe: "İmamoğlu'nun avukatı" (İmamoğlu's lawyer), "Ankara'da" (in Ankara).
The ending obeys vowel harmony (its vowel follows the last vowel of the name) and takes a buffer
consonant after a vowel ("Ankara'ya", "İmamoğlu'nun"), which is the evidence it is a suffix and
not an apostrophe that belongs to the name (Qur'an, Sana'a, Hawai'i, O'Neill). The genitive
becomes an English "'s" and the accusative goes (English marks neither); the locative becomes
"in X" for a place the gazetteer knows; dative and ablative ("to X", "from X") depend on the verb
and are only suggested.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..text.document import Document
from ..text.edits import SUGGEST, Edit
from ..base.lazyre import lazy
from ..names.context import context_of
from ..names.lexicon import fold, is_known_name, zipf
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_L = r"[\p{L}\p{M}]"
_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}'’-]*"
_TOKEN = lazy(r"\p{Lu}[\p{L}\p{M}'’.-]*")
#: prepositions after which a locative needs no "in" of its own
_PREPOSITIONS = {"in", "at", "to", "from", "into", "near", "inside", "outside", "across", "around", "of", "on"}


def _words(rule: Rule, key: str) -> list[str]:
    return rule.words(key, required=False) if key in rule.params else []


def _compile_honorific(rule: Rule):
    before = _words(rule, "before")
    after = _words(rule, "after")
    suffixes = _words(rule, "suffixes")
    titles = rule.params.get("titles", {})
    if not isinstance(titles, dict) or not all(isinstance(v, str) and v for v in titles.values()):
        raise rule.error("titles must be a table of words and the English titles they stand for", "titles")
    if not (before or after or suffixes or titles):
        raise rule.error("an honorific rule needs before, after, suffixes or titles", "before")
    alt = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    pats = {}
    if before:
        # "Shri Narendra Modi", "Smt. Nirmala", "Speaker Janab Ayaz Sadiq"
        pats["before"] = lazy(r"(?<![\p{L}\p{M}'’.-])(?P<hon>" + alt(before) + r")(?P<dot>\.?) (?P<run>"
                              + _NAME_TOKEN + r"(?: " + _NAME_TOKEN + r"){0,3})")
    post = list(after) + list(titles)
    if post:
        # "Aurangzeb Sahib", "Devlet Bahçeli Bey", "Lee Jae-myung Daetongnyeong-nim"
        pats["after"] = lazy(r"(?P<run>" + _NAME_TOKEN + r"(?: " + _NAME_TOKEN + r"){0,3}) (?P<hon>" + alt(post)
                             + r")(?P<nim>-(?:nim|sama|san|ssi))?(?![\p{L}\p{M}-])")
    if suffixes:
        # "Park Min-su-ssi", "Yamamoto-senshu", "Modi-ji"
        pats["suffix"] = lazy(r"(?P<run>" + _NAME_TOKEN + r"(?: " + _NAME_TOKEN + r"){0,3}?)-(?P<hon>"
                              + alt(suffixes) + r")(?![\p{L}\p{M}-])")
    return pats, {k.casefold(): v for k, v in titles.items()}


def _person(gazetteer, form: str):
    """The person ``form`` names: a form or known misspelling of one, or the surname of exactly one
    person the gazetteer knows ("Androulakis" for Nikos Androulakis)."""
    entity = gazetteer.by_form.get(form) or gazetteer.by_misspelling.get(form)
    if entity is None and " " not in form:
        found = _surnames(gazetteer).get(form, ())
        entity = found[0] if len(found) == 1 else None
    return entity if entity is not None and entity.kind == "person" else None


def _exact_person(gazetteer, form: str):
    entity = gazetteer.by_form.get(form)
    return entity if entity is not None and entity.kind == "person" else None


_SURNAMES: dict[int, dict[str, list]] = {}


def _surnames(gazetteer) -> dict[str, list]:
    """Last word of each person's name -> the persons (built once per gazetteer)."""
    table = _SURNAMES.get(id(gazetteer))
    if table is None:
        table = {}
        for entity in gazetteer.entities:
            parts = entity.name.split(" ")
            if entity.kind == "person" and len(parts) >= 2 and len(parts[-1]) >= 4 and "-" not in parts[-1]:
                table.setdefault(parts[-1], []).append(entity)
        _SURNAMES.clear()
        _SURNAMES[id(gazetteer)] = table
    return table


def _introduced(text: str, form: str, honorifics: regex.Pattern | None, skip: tuple[int, int],
                given: tuple[str, ...] = ()) -> bool:
    """Does the article name ``form`` with a given name before it somewhere else (``given``: the
    person's own given names; a misspelt one counts too, as a word that is a name and no common
    English word)?"""
    for m in regex.finditer(r"(\p{Lu}[\p{L}\p{M}'’.-]*) " + regex.escape(form) + r"(?![\p{L}\p{M}])", text):
        word = m.group(1).rstrip(".")
        if skip[0] <= m.end(1) + 1 < skip[1]:
            continue
        if honorifics is not None and honorifics.fullmatch(word):
            continue
        if word in given or is_known_name(word) or zipf(word) < 3.5:  # a given name, not "Starter" or "Minister"
            return True
    return False


def _looks_like_name(tokens: list[str]) -> bool:
    """Two or more capitalised words none of which is a common English word: a name, probably."""
    return len(tokens) >= 2 and all(zipf(t.strip("'’.-")) < 3.0 for t in tokens)


def _in_quotation(text: str, pos: int) -> bool:
    """Is ``pos`` inside a direct quotation of its paragraph (“…”, "…", «…»)? A speaker who says
    "Arigatō, Koizumi-san" addresses him so on purpose: his words are quoted as said."""
    start = text.rfind("\n\n", 0, pos) + 1
    before = text[start:pos]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


def _find_honorific(rule: Rule, doc: Document) -> Iterable[Edit]:
    pats, titles = rule.compiled
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    every = _words(rule, "before") + _words(rule, "after") + list(rule.params.get("titles", {}))
    hon_re = regex.compile("(?:" + "|".join(regex.escape(w) for w in every) + ")") if every else None

    def suggest(start, end, replacement, why):
        return Edit(start, end, replacement, rule.id, min(rule.confidence, 0.5), SUGGEST,
                    f"{rule.message} ({why}; no person the gazetteer knows: check by hand)", text[start:end])

    if "before" in pats:
        for m in pats["before"].finditer(text, overlapped=False):
            hon, run = m.group("hon"), m.group("run")
            if _in_quotation(text, m.start()):
                continue
            tokens = run.split(" ")
            if gazetteer.by_form.get(f"{hon} {tokens[0]}") or gazetteer.by_form.get(f"{hon} {run}"):
                continue  # "Khun Sa": the honorific belongs to the name
            # an honorific that is also a name or a word ("Pan", "Pak", "Bu", "Herr", "Madame": Pan
            # Gongsheng, Pak Pong-ju) needs the very name after it, not a surname or a near spelling
            strict = is_known_name(hon) or zipf(hon) >= 3.0
            entity, form = None, ""
            for k in range(len(tokens), 0, -1):
                form = " ".join(tokens[:k]).rstrip(".,")
                entity = _exact_person(gazetteer, form) if strict else _person(gazetteer, form)
                if entity is not None:
                    break
            if entity is None and not strict:
                entity = _given_name_person(gazetteer, tokens)
                form = run
            start, end = m.start(), m.start("run")
            if entity is None:
                if _looks_like_name(tokens):
                    yield suggest(start, end, "", f"“{hon}” before what looks like a name")
                continue
            replacement = ""
            if not strict and form != entity.name and " " not in form and entity.name.endswith(" " + form) \
                    and not _introduced(text, form, hon_re, (m.start(), m.end()), tuple(entity.name.split()[:-1])):
                yield rule.edit(start, m.start("run") + len(form), entity.name, text[start:m.start("run") + len(form)],
                                message=f"{rule.message}: “{hon}” is a form of address; first mention of {entity.name}")
                continue
            yield rule.edit(start, end, replacement, text[start:end],
                            message=f"{rule.message}: “{hon}” before {entity.name}")

    for key in ("after", "suffix"):
        if key not in pats:
            continue
        for m in pats[key].finditer(text):
            hon, run = m.group("hon"), m.group("run")
            if _in_quotation(text, m.start("hon")):
                continue
            tokens = run.split(" ")
            if gazetteer.by_form.get(f"{run} {hon}") or gazetteer.by_form.get(f"{tokens[-1]} {hon}"):
                continue  # the word belongs to the name
            entity, form, k0 = None, "", 0
            for k in range(0, len(tokens)):
                form = " ".join(tokens[k:])
                entity = _person(gazetteer, form)
                if entity is not None:
                    k0 = k
                    break
            if entity is None:
                continue  # after a name, only the gazetteer is evidence enough ("Beyoğlu", "Ali Agha")
            name_start = m.start("run") + sum(len(t) + 1 for t in tokens[:k0])
            title = titles.get(hon.casefold()) if key == "after" else None
            full = form
            if form != entity.name and " " not in form and entity.name.endswith(" " + form) \
                    and not _introduced(text, form, hon_re, (name_start, m.end()), tuple(entity.name.split()[:-1])):
                full = entity.name
            if title is None and full == form:
                start = m.start("run") + len(run)
                yield rule.edit(start, m.end(), "", text[start:m.end()],
                                message=f"{rule.message}: “{hon}” after {entity.name}")
                continue
            start, end = name_start, m.end()
            lead = f"{title} " if title else ""
            # "[Lee Jae-myung Daetongnyeong-nim](url)": the title goes before the link
            if title and start > 0 and text[start - 1] == "[" and text.startswith("](", end):
                start -= 1
                replacement = f"{lead}[{full}"
            else:
                replacement = f"{lead}{full}"
            yield rule.edit(start, end, replacement, text[start:end],
                            message=f"{rule.message}: “{hon}” {'is the title ' + title if title else 'after the name'}")


def _given_name_person(gazetteer, tokens: list[str]):
    """A person whose given name opens the run and whose surname is close to the run's next word
    ("Nirmala Sitaraman" for Nirmala Sitharaman): the name is misspelt, but it is that person."""
    if len(tokens) < 2:
        return None
    from rapidfuzz.distance import Levenshtein

    first, second = tokens[0], tokens[1].rstrip(".,")
    for entity in gazetteer.entities:
        if entity.kind != "person":
            continue
        parts = entity.name.split(" ")
        if len(parts) >= 2 and parts[0] == first and len(second) >= 4 \
                and Levenshtein.normalized_similarity(fold(parts[1]), fold(second)) >= 0.8:
            return entity
    return None


# --- case suffixes --------------------------------------------------------------------------

_VOWELS = "aeıioöuüâîû"
_HARMONY = {"a": "ı", "ı": "ı", "â": "ı", "e": "i", "i": "i", "î": "i", "o": "u", "u": "u", "û": "u", "ö": "ü", "ü": "ü"}
_VOICELESS = set("fstkçşhp")
_CASE_SUFFIX = lazy(r"(?<![\p{L}\p{M}'’])(?P<stem>\p{Lu}[\p{L}\p{M}]+)['’](?P<suf>\p{Ll}{1,3})(?![\p{L}\p{M}'’])")


def _last_vowel(stem: str) -> str | None:
    for ch in reversed(stem.lower()):
        if ch in _VOWELS:
            return ch
        if ch == "y" and stem[-1:].lower() == "y":  # Foreign names in -y read as a vowel (Sydney'de)
            return "i"
    return None


def _case(stem: str, suffix: str) -> str | None:
    """Which Turkish case ``suffix`` is on ``stem``, if it obeys vowel harmony and the buffers."""
    v = _last_vowel(stem)
    if v is None:
        return None
    narrow = _HARMONY.get(v)  # ı i u ü
    wide = "a" if v in "aıouâû" else "e"
    ends_vowel = stem[-1].lower() in _VOWELS
    voiceless = stem[-1].lower() in _VOICELESS
    d = "t" if voiceless else "d"
    if suffix == ("n" if ends_vowel else "") + narrow + "n":
        return "genitive"
    if suffix == ("y" if ends_vowel else "") + narrow:
        return "accusative"
    if suffix == d + wide:
        return "locative"
    if suffix == d + wide + "n":
        return "ablative"
    if suffix == ("y" if ends_vowel else "") + wide:
        return "dative"
    return None


def _compile_case_suffix(rule: Rule):
    return None


def _find_case_suffix(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    yield from _glued_locatives(rule, text, gazetteer)
    for m in _CASE_SUFFIX.finditer(text):
        stem, suffix = m.group("stem"), m.group("suf")
        case = _case(stem, suffix)
        if case is None or len(stem) < 3:
            continue
        entity = gazetteer.by_form.get(stem) or gazetteer.by_misspelling.get(stem)
        known = entity is not None or _in_text_bare(text, stem, m.start())
        before = text[max(0, m.start() - 20):m.start()]
        prev = regex.search(r"(\p{L}+)\W*\Z", before)
        prev_word = prev.group(1).lower() if prev else ""
        after = text[m.end():m.end() + 2]
        start, end = m.start(), m.end()

        def edit(replacement, message, safe=True):
            if safe and known:
                return rule.edit(start, end, replacement, m.group(), message=message)
            return Edit(start, end, replacement, rule.id, min(rule.confidence, 0.5), SUGGEST,
                        message + " (check by hand)", m.group())

        if case == "genitive":
            if not regex.match(r" \p{L}", after):
                continue  # a genitive is followed by what it owns
            yield edit(stem + ("’s" if "’" in m.group() else "'s"),
                       f"{rule.message}: “'{suffix}” is the Turkish genitive of {stem} ({stem}'s)")
        elif case == "accusative":
            yield edit(stem, f"{rule.message}: “'{suffix}” is the Turkish accusative ending, which English does not mark")
        elif case == "locative":
            place = entity is not None and entity.kind == "place"
            if prev_word in _PREPOSITIONS:
                yield edit(stem, f"{rule.message}: “'{suffix}” is the Turkish locative (in {stem})", safe=place)
            else:
                yield edit("in " + stem, f"{rule.message}: “'{suffix}” is the Turkish locative (in {stem})", safe=place)
        elif case == "ablative":
            yield edit(stem if prev_word in _PREPOSITIONS else "from " + stem,
                       f"{rule.message}: “'{suffix}” is the Turkish ablative (from {stem})", safe=False)
        elif case == "dative":
            yield edit(stem if prev_word in _PREPOSITIONS else "to " + stem,
                       f"{rule.message}: “'{suffix}” is the Turkish dative (to {stem})", safe=False)


# Kazakh, Azerbaijani, Uzbek write the locative on a name with no apostrophe: "in Tashkentte"
_GLUED_LOCATIVE = lazy(r"(?<![\p{L}\p{M}'’-])(?P<stem>\p{Lu}\p{Ll}{3,})(?P<suf>[dt][aeə])(?![\p{L}\p{M}'’-])")


def _glued_locatives(rule: Rule, text: str, gazetteer) -> Iterable[Edit]:
    """"Tashkentte", "Bakıda": a place the gazetteer knows with a locative ending and no apostrophe
    (the whole word no English word and no name the gazetteer knows)."""
    for m in _GLUED_LOCATIVE.finditer(text):
        stem, suffix = m.group("stem"), m.group("suf").replace("ə", "e")
        entity = gazetteer.by_form.get(stem)
        if entity is None or entity.kind != "place" or _case(stem, suffix) != "locative":
            continue
        word = m.group()
        if zipf(word) > 0 or gazetteer.by_form.get(word) is not None or is_known_name(word):
            continue
        prev = regex.search(r"(\p{L}+)\W*\Z", text[max(0, m.start() - 20):m.start()])
        replacement = stem if prev and prev.group(1).lower() in _PREPOSITIONS else "in " + stem
        yield rule.edit(m.start(), m.end(), replacement, word,
                        message=f"a locative ending left glued to a place: “-{m.group('suf')}” is the locative (in {stem})")


def _in_text_bare(text: str, stem: str, skip: int) -> bool:
    """Is ``stem`` written elsewhere in the text without a suffix (the article knows the name)?"""
    for m in regex.finditer(r"(?<![\p{L}\p{M}])" + regex.escape(stem) + r"(?![\p{L}\p{M}'’])", text):
        if m.start() != skip:
            return True
    return False


KINDS.append(Kind("honorific", "rules", frozenset({"before", "after", "suffixes", "titles"}), frozenset(),
                   _compile_honorific, _find_honorific))
KINDS.append(Kind("case-suffix", "rules", frozenset(), frozenset(), _compile_case_suffix, _find_case_suffix))


# --- Indian number words -------------------------------------------------------------------

_INDIAN = lazy(r"(?<![\p{L}\d.,])(?P<num>\d{1,3}(?:,\d{2,3})*(?:\.\d+)?|\d+(?:\.\d+)?) (?P<unit>lakh crore|lakh|crore)(?P<s>s)?(?![\p{L}])")
_WESTERN = lazy(r"\b(?:million|billion|trillion)s?\b")
_FACTOR = {"lakh": 10**5, "crore": 10**7, "lakh crore": 10**12}
_SCALE = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _western(number: str, unit: str) -> str | None:
    from decimal import Decimal

    value = Decimal(number.replace(",", "")) * _FACTOR[unit]
    for size, word in _SCALE:
        if value >= size:
            scaled = (value / size).normalize()
            text = format(scaled, "f")
            if "." in text and len(text.split(".")[1]) > 2:
                return None  # not a round figure in the other scale: leave it to a person
            return f"{text} {word}"
    return None


def _find_indian_numbers(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    found = list(_INDIAN.finditer(text))
    if not found:
        return
    western = len(_WESTERN.findall(text))
    if western == 0:
        return  # lakh and crore throughout: an Indian house style
    for m in found:
        replacement = _western(m.group("num"), m.group("unit"))
        if replacement is None:
            continue
        message = (f"{rule.message}: {m.group()} is {replacement}; the article counts in millions and "
                   f"billions elsewhere")
        if len(found) == 1 and western >= 2:
            yield rule.edit(m.start(), m.end(), replacement, m.group(), message=message)
        else:
            yield Edit(m.start(), m.end(), replacement, rule.id, min(rule.confidence, 0.5), SUGGEST,
                       message + " (the article uses both: check its house style)", m.group())


KINDS.append(Kind("indian-numbers", "rules", frozenset(), frozenset(), lambda rule: None, _find_indian_numbers))


# --- Thai calendar ---------------------------------------------------------------------------

#: Thai month names in the Royal Thai General System (and the spellings wires use), in order
_THAI_MONTHS = [("Mokarakhom", "Makarakhom"), ("Kumphaphan", "Kumphaphan"), ("Minakhom", "Meenakhom"),
                ("Mesayon", "Mesayon"), ("Phruetsaphakhom", "Pruetsapakhom"), ("Mithunayon", "Mithunayon"),
                ("Karakadakhom", "Karakadakom"), ("Singhakhom", "Singhakom"), ("Kanyayon", "Kanyayon"),
                ("Tulakhom", "Tulakom"), ("Phruetsachikayon", "Pruetsachikayon"), ("Thanwakhom", "Thanwakom")]
_ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"]
_MONTH_OF = {name: i for i, names in enumerate(_THAI_MONTHS) for name in names}
_THAI_DATE = lazy(r"(?<![\p{L}])(?P<month>" + "|".join(sorted(_MONTH_OF, key=len, reverse=True))
                  + r")(?![\p{L}])(?P<year>,? (?:B\.?E\.? )?(?P<be>2[45]\d\d)(?: B\.?E\.?)?(?!\d))?")


def _find_thai_date(rule: Rule, doc: Document) -> Iterable[Edit]:
    for m in _THAI_DATE.finditer(doc.text):
        month = _ENGLISH_MONTHS[_MONTH_OF[m.group("month")]]
        replacement = month
        if m.group("be"):
            replacement += f" {int(m.group('be')) - 543}"
        elif m.end() < len(doc.text) and regex.match(r"[ ,]+\d{4}", doc.text[m.end():m.end() + 6]):
            continue  # a year that is not Buddhist-era: something else is going on
        yield rule.edit(m.start(), m.end(), replacement, m.group(),
                        message=f"{rule.message}: {m.group()} is {replacement}")


KINDS.append(Kind("thai-date", "rules", frozenset(), frozenset(), lambda rule: None, _find_thai_date))
