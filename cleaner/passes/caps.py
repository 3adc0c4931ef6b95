"""Capitals a pivot gets wrong: the kinds of the capitalization pack's CAPS rules.

``upper-surname``: French and Korean (and Chinese, Vietnamese) news templates write the family
name in capitals ("Sébastien LECORNU", "PARK Heong-joon"); English writes "Lecornu", "Park". Only
a capitalised word beside a given name, when the mixed-case surname is one the gazetteer or the
article itself knows; never an acronym (a word the article also writes in capitals elsewhere, or a
capitalised form the gazetteer knows).

``lower-proper``: scripts without capitals (Georgian, Thai, Arabic, Persian, Hebrew, Korean,
Chinese) and careless pivots give "kuala lumpur", "tbilisi", "the bangkok post", "polish arms";
a run of words that is exactly a name the gazetteer knows, or a nationality adjective, gets its
capitals back. A run whose words are all everyday English words ("the national team") is not a
name, and a lower-case brand the article writes that way throughout (flydubai, talabat) is a
house style.

``title-case-words``: a headline's title case carried into a sentence ("which According To the
agency", "She Also insists", "the Belt And Road"). Function words and "also" are never capitalised
inside an English sentence, nor inside a name ("Bank of England").

``capitalized-noun``: German capitalises every noun and Greek capitalises "Κυβέρνηση"; a pivot
keeps "Several Politicians of the SPD". A lone capitalised everyday noun inside a sentence is lowered
when the article itself writes that noun in lower case elsewhere; otherwise it is suggested.
Institutions that English capitalises by house style (the Government, the Army) are only suggested.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..text.document import Document
from ..text.edits import SUGGEST, Edit
from ..base.lazyre import lazy
from ..names.context import context_of
from ..names.lexicon import is_known_name, zipf
from .rule import Kind, Rule
from .common import paragraph_at

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_SENTENCE_END = regex.compile(r"[.!?:;…][\"'”’»)\]*_]*\s*\Z")


def _suggest(rule: Rule, start: int, end: int, replacement: str, original: str, why: str) -> Edit:
    return Edit(start, end, replacement, rule.id, min(rule.confidence, 0.5), SUGGEST,
                f"{rule.message} ({why})", original)


def _is_headline(doc: Document, offset: int) -> bool:
    ps, pe = paragraph_at(doc, offset)
    para = doc.text[ps:pe].rstrip()
    return not _SENTENCE_END.search(para) or para.lstrip().startswith("#")


# --- upper-case surnames ------------------------------------------------------------------

_GIVEN_THEN_UPPER = lazy(r"(?<![\p{L}\p{M}'’-])(?P<given>\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:-\p{Lu}?\p{Ll}+)?) "
                         r"(?P<sur>\p{Lu}{3,}(?:[-’']\p{Lu}{2,})*)(?![\p{L}\p{M}'’-])(?! \p{Lu})")
_UPPER_THEN_GIVEN = lazy(r"(?<![\p{L}\p{M}'’-])(?P<sur>\p{Lu}{2,}) (?P<given>\p{Lu}\p{Ll}+-\p{Ll}+)(?![\p{L}\p{M}'’-])")


def _mixed(word: str) -> str:
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def _name_tokens(gazetteer) -> set[str]:
    key = id(gazetteer)
    if _TOKENS.get("key") != key:
        tokens = set()
        for entity in gazetteer.entities:
            if entity.kind == "person":
                for form in entity.forms:
                    tokens.update(form.split(" "))
        _TOKENS.clear()
        _TOKENS.update({"key": key, "tokens": tokens})
    return _TOKENS["tokens"]


_TOKENS: dict = {}


def _find_upper_surname(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    tokens = _name_tokens(gazetteer)
    for pattern, korean in ((_GIVEN_THEN_UPPER, False), (_UPPER_THEN_GIVEN, True)):
        for m in pattern.finditer(text):
            sur, given = m.group("sur"), m.group("given")
            if gazetteer.by_form.get(sur) or gazetteer.by_misspelling.get(sur):
                continue  # an acronym the gazetteer knows
            # written in capitals elsewhere, not beside a given name: an acronym ("the SPD")
            elsewhere = [a for a in regex.finditer(r"(?<![\p{L}\p{M}])" + regex.escape(sur) + r"(?![\p{L}\p{M}])", text)
                         if a.start() != m.start("sur")]
            if any(not regex.search(r"\p{Lu}\p{Ll}+[ -]\Z", text[max(0, a.start() - 30):a.start()])
                   and not regex.match(r" \p{Lu}\p{Ll}+-\p{Ll}", text[a.end():a.end() + 30]) for a in elsewhere):
                continue
            if _is_headline(doc, m.start()) and not regex.search(r"\p{Ll}{3,}", text[paragraph_at(doc, m.start())[0]:m.start()]):
                pass
            if not korean and not (given in tokens or is_known_name(given) or zipf(given) < 3.0):
                continue  # "the Russian MIA": not a given name before it
            para = text[slice(*paragraph_at(doc, m.start()))]
            if len(regex.findall(r"\b\p{Lu}{3,}\b", para)) > 6:
                continue  # a paragraph that shouts: its capitals are not a template's surnames
            mixed = _mixed(sur)
            full = f"{mixed} {given}" if korean else f"{given} {mixed}"
            known = (gazetteer.by_form.get(full) is not None or mixed in tokens
                     or regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(mixed) + r"(?![\p{L}\p{M}])", text) is not None)
            start, end = m.start("sur"), m.end("sur")
            if known and (korean is False or is_known_name(mixed) or gazetteer.by_form.get(full)):
                yield rule.edit(start, end, mixed, sur, message=f"{rule.message}: {full}")
            elif is_known_name(mixed) and zipf(mixed) < 3.5 and (not korean or "-" in given):
                yield _suggest(rule, start, end, mixed, sur, "a name the gazetteer does not know: check by hand")


# --- lower-case proper names --------------------------------------------------------------

_LOWER_RUN = lazy(r"(?<![\p{L}\p{M}'’@#/.\\_-])\p{Ll}[\p{Ll}\p{M}]+(?:[ -]\p{Ll}[\p{Ll}\p{M}]*)*(?![\p{L}\p{M}'’@/_-])")
#: nationality adjectives that are also English words: only after a word that a noun phrase follows
_AMBIGUOUS_DEMONYMS = {"polish", "danish", "swiss"}
_NOUN_PHRASE_OPENERS = {"the", "a", "an", "over", "of", "for", "on", "with", "and", "by", "from", "in", "into",
                        "about", "against", "between", "its", "his", "her", "their", "our", "two", "three",
                        "new", "former", "top", "senior", "leading", "several", "many", "other", "some"}


def _proper_index(gazetteer) -> dict[str, str]:
    key = id(gazetteer)
    if _PROPER.get("key") != key:
        index = {}
        for entity in gazetteer.entities:
            if entity.kind == "thing":
                continue
            for form in entity.forms:
                if form != form.lower() and not form.isupper() and 1 <= form.count(" ") + 1 <= 4 \
                        and not regex.search(r"[^\p{L}\p{M} '’-]", form):
                    if entity.kind in ("thing", "event") and " " not in form:
                        continue  # "Javelin", "Patriot", "Storm Shadow": weapons and events named with words
                    index.setdefault(form.lower(), form)
        _PROPER.clear()
        _PROPER.update({"key": key, "index": index})
    return _PROPER["index"]


_PROPER: dict = {}


def _find_lower_proper(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    index = _proper_index(context_of(doc).gazetteer)
    demonyms = {d.lower(): d for d in rule.words("demonyms")}
    for m in _LOWER_RUN.finditer(text):
        words = regex.split(r"([ -])", m.group())
        # words: w0, sep, w1, sep, ... ; try the longest run from each word
        toks = words[0::2]
        seps = words[1::2]
        i = 0
        offsets = []
        at = m.start()
        for k, tok in enumerate(toks):
            offsets.append(at)
            at += len(tok) + (1 if k < len(seps) else 0)
        while i < len(toks):
            done = False
            for j in range(min(len(toks), i + 4), i, -1):
                phrase = "".join(toks[k] + (seps[k] if k < j - 1 else "") for k in range(i, j))
                form = index.get(phrase)
                start = offsets[i]
                end = start + len(phrase)
                if form is not None and _proper_evidence(doc, phrase, form, toks[i:j]):
                    yield rule.edit(start, end, form, phrase, message=f"{rule.message}: {form}")
                    i, done = j, True
                    break
                if j == i + 1 and phrase in demonyms:
                    prev = regex.search(r"(\p{L}+)[ ]\Z", text[max(0, start - 20):start])
                    nxt = regex.match(r" (\p{Ll}+)", text[end:end + 30])
                    if nxt is None or nxt.group(1) in ("the", "a", "an", "it", "them", "up", "off", "their", "his", "her", "its"):
                        break
                    if phrase in _AMBIGUOUS_DEMONYMS and (prev is None or prev.group(1).lower() not in _NOUN_PHRASE_OPENERS):
                        break
                    yield rule.edit(start, end, demonyms[phrase], phrase,
                                    message=f"{rule.message}: the adjective {demonyms[phrase]} is written with a capital")
                    i, done = j, True
                    break
            if not done:
                i += 1


def _proper_evidence(doc: Document, phrase: str, form: str, words: list[str]) -> bool:
    """Is the lower-case ``phrase`` a name here, not words or a house style?"""
    content = [w for w in words if w not in _ARTICLES]
    if len(content) <= 1:
        # one word, or an article and a word ("the guardian", "the observer" of a newspaper)
        word = content[0] if content else phrase
        if zipf(word) >= 3.0 or len(word) < 4:
            return False  # an everyday word ("post", "nice", "may", "guardian")
    elif not any(zipf(w) < 4.0 for w in content):
        return False  # "the national team", "united states": every word is everyday English
    text = doc.text
    lower = sum(1 for o in regex.finditer(r"(?<![\p{L}\p{M}])" + regex.escape(phrase) + r"(?![\p{L}\p{M}])", text)
                if not doc.is_protected(o.start(), o.end()))  # not the "tbilisi" of a link's address
    upper = form in text
    return not (lower >= 2 and not upper)  # written in lower case throughout: a house style (flydubai)


_ARTICLES = {"the", "a", "an", "of", "and", "de", "la", "le", "el", "al", "der", "die", "das"}


# --- title case inside a sentence ---------------------------------------------------------

_FUNCTION = "Also|According To|According|Nor"
_TITLE_WORD = lazy(r"(?<=(?P<prev>[\p{L}\p{M},][’'\"”]?) )(?P<w>" + _FUNCTION + r")(?P<rest>(?: \p{Lu}\p{Ll}+)*)(?= \p{Ll}|[,.;:])")
_IN_NAME = lazy(r"(?<=\p{Lu}\p{Ll}+ )(?P<w>And|Of(?: The)?)(?= \p{Lu}\p{Ll})")
_NEVER_IN_NAMES = {"Also", "According", "According To", "Nor"}


# a verb of speech in title case after its subject ("the Forestry Ministry Said It would",
# "Governor Park Wan-su Said the damage"), and the pronoun or "that" it carries along
_SPEECH_VERB = lazy(r"(?<=[\p{L}\p{M}][’']?\p{L}{0,2} )(?P<w>Said|Says|Told|Tells|Added|Urged|Warned|Announced|Stated|"
                    r"Noted|Reported|Confirmed|Denied|Insisted|Stressed|Explained|Claimed|Wrote|Asked|Accused|"
                    r"Declared|Argued|Promised|Vowed|Pledged)(?P<rest>(?: (?:It|That|The|He|She|They|We|There))*)"
                    r"(?= (?P<next>\p{Ll}+)|,)")
#: what opens the clause "said" introduces: "Said the damage", "Said that"; "Edward Said argued" is a name
_CLAUSE_START = frozenset("the that it he she they we there a an its his her their this these those "
                          "last earlier later".split())


def _in_sentences(pattern, doc: Document):
    """Matches of ``pattern`` with the 40 characters before each, outside headlines and quoted
    titles (where title case is the author's)."""
    text = doc.text
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if not (_is_headline(doc, m.start()) or _quoted_title(before)):
            yield m, before


def _find_speech_verbs(rule: Rule, doc: Document) -> Iterable[Edit]:
    gazetteer = context_of(doc).gazetteer
    for m, before in _in_sentences(_SPEECH_VERB, doc):
        w, rest = m.group("w"), m.group("rest")
        if regex.search(r"[.!?…:;][\"'”’»)]*\s*\Z", before):
            continue  # a sentence may open with it
        if w in ("Said", "Says") and not rest and (m.group("next") or "") not in _CLAUSE_START:
            continue  # "Edward Said argued", "Simon Says is a game"
        name = regex.search(r"(?:\p{Lu}[\p{L}\p{M}’'-]* )+\Z", before)
        if name and any(gazetteer.by_form.get(" ".join(name.group().split()[i:]) + " " + w)
                        for i in range(len(name.group().split()))):
            continue  # "Port Said", "Edward Said": a name the gazetteer knows
        yield rule.edit(m.start("w"), m.end("rest"), (w + rest).lower(), w + rest,
                        message=f"{rule.message}: “{w + rest}” after its subject")


def _find_title_case(rule: Rule, doc: Document) -> Iterable[Edit]:
    yield from _find_speech_verbs(rule, doc)
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    for m, before in _in_sentences(_TITLE_WORD, doc):
        w, rest = m.group("w"), m.group("rest")
        prev_word = regex.search(r"([A-Za-z\u00c0-\u024f]+)\W*\Z", before)  # a word of a Latin sentence
        if prev_word is None:
            continue
        pw = prev_word.group(1)
        # a sentence's first word may be capitalised: only a pronoun or a word in lower case before
        if pw[0].isupper() and not _sentence_initial(text, m.start() - len(before) + prev_word.start(1)):
            if w not in _NEVER_IN_NAMES:
                continue  # "Pass The Salt", "To Lam": inside a name run
        if rest:
            if w != "Also":
                continue  # "the Bank Of England": the capitalised words after it are a name
            words = rest.split()
            if any(gazetteer.by_form.get(x) or zipf(x) < 4.0 for x in words):
                continue
            yield rule.edit(m.start("w"), m.end("rest"), (w + rest).lower(), w + rest,
                            message=f"{rule.message}: “{w}{rest}”")
            continue
        if w == "The" and regex.match(r" \p{Lu}", text[m.end():m.end() + 2]):
            continue
        yield rule.edit(m.start("w"), m.end("w"), w.lower(), w, message=f"{rule.message}: “{w}”")
    for m in _IN_NAME.finditer(text):
        if _is_headline(doc, m.start()):
            continue
        run = regex.match(r"[\p{L}\p{M} ]*", text[m.start():m.start() + 60]).group()
        start_run = regex.search(r"(?:\p{Lu}[\p{L}\p{M}]* )+\Z", text[max(0, m.start() - 60):m.start()])
        whole = (start_run.group() if start_run else "") + run
        if any(form in whole for form in (whole.strip(),) if gazetteer.by_form.get(form)):
            continue
        if start_run is not None and regex.search(r"[“\"«*_]\Z", text[:m.start() - len(start_run.group())]):
            continue  # a quoted or emphasised title, as its author capitalised it
        yield rule.edit(m.start("w"), m.end("w"), m.group("w").lower(), m.group("w"),
                        message=f"{rule.message}: “{m.group('w')}” inside a name")


def _sentence_initial(text: str, offset: int) -> bool:
    before = text[max(0, offset - 3):offset]
    return offset == 0 or bool(regex.search(r"(?:[.!?:]['\"”’)]?\s+|\n|\A|[“\"(]\s*)\Z", before))


def _quoted_title(before: str) -> bool:
    """Inside quotation marks or emphasis that opened in the same sentence (a quoted title)."""
    opens = before.count("“") + before.count("«") + before.count("*") % 2 + before.count("_") % 2
    closes = before.count("”") + before.count("»")
    straight = before.count('"') % 2
    return opens > closes or straight == 1


# --- German-style capitalised nouns ---------------------------------------------------------

_LONE_CAPITAL = lazy(r"(?<=(?P<prev>\b\p{Ll}[\p{Ll}’']*|,|(?:\A|\n|[.!?][\"”’]? )(?:Several|Many|Some|Most|All|These|Those|Few|Other|Both|Two|Three|Four|Five|Hundreds|Thousands|Dozens)) )(?P<w>\p{Lu}\p{Ll}{2,})(?P<poss>['’]s)?(?=[ ,.;:!?)](?! ?\p{Lu}|\d))")


_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TITLES = {"mayor", "governor", "general", "colonel", "captain", "judge", "justice", "senator", "bishop", "father",
           "sister", "brother", "doctor", "professor", "chief", "director", "secretary", "ambassador", "consul",
           "article", "chapter", "section", "clause", "paragraph", "resolution", "decree", "law", "act", "time"}


def _find_capitalized_noun(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    institutions = set(rule.words("institutions"))
    demonyms = {d.lower() for d in rule.words("demonyms")}
    tokens = None
    for m in _LONE_CAPITAL.finditer(text):
        w = m.group("w")
        low = w.lower()
        if zipf(low) < 3.5 or is_known_name(w) or gazetteer.by_form.get(w) or _is_headline(doc, m.start()):
            continue
        if _quoted_title(text[max(0, m.start() - 80):m.start()]):
            continue
        if tokens is None:
            tokens = set()
            for entity in gazetteer.entities:
                for form in entity.forms:
                    tokens.update(form.split(" "))
        if w in tokens:
            continue  # a word of a name the gazetteer knows ("Capital" of Capital Economics)
        prev = m.group("prev")
        if prev in ("said", "says", "told") or prev.endswith(("’", "'")):
            continue
        if prev in ("of", "and", "for", "the", "on", "de", "&") and regex.search(
                r"\p{Lu}[\p{L}\p{M}-]*[ ]" + regex.escape(prev) + r" \Z", text[max(0, m.start() - 40):m.start()]):
            continue  # "Board of Appeals", "Union of Peasants": a word of a name
        if regex.match(r" (?:and|of|&|for) \p{Lu}", text[m.end():m.end() + 12]) or \
                regex.search(r"[\d\-] \Z|\p{Lu}[\p{L}-]*-\p{Ll}+ \Z", text[max(0, m.start() - 20):m.start()]):
            continue  # "Peasants and Greens Union", "3 Layers", "Zero Bye-bye Accidents"
        if low in _CALENDAR or low in _TITLES or regex.match(r" \d", text[m.end():m.end() + 2]):
            continue  # "in March", "Article 86", "the Mayor": not a German-style noun
        plural = low.endswith("s") and not low.endswith("ss") and zipf(low[:-1]) >= 3.5
        if not plural or low in institutions or low[:-1] in institutions or low[:-1] in demonyms:
            continue  # a singular may be a name ("Oracle", "Time"); "Democrats", "Greeks" are capitalised
        lower_elsewhere = regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(low) + r"(?![\p{L}\p{M}])", text) is not None
        if lower_elsewhere and plural and low not in institutions:
            yield rule.edit(m.start("w"), m.end("w"), low, w,
                            message=f"{rule.message}: the article writes “{low}” elsewhere")
        # without the article's own lower-case use, no suggestion either: on real MT such capitals
        # were team and event names ("the Giants", "the Olympics", "the Marines") 122 times in 123


KINDS.append(Kind("upper-surname", "rules", frozenset(), frozenset(), lambda rule: None, _find_upper_surname))
KINDS.append(Kind("lower-proper", "rules", frozenset({"demonyms"}), frozenset({"demonyms"}),
                   lambda rule: rule.words("demonyms"), _find_lower_proper))
KINDS.append(Kind("title-case-words", "rules", frozenset(), frozenset(), lambda rule: None, _find_title_case))
KINDS.append(Kind("capitalized-noun", "rules", frozenset({"institutions", "demonyms"}), frozenset({"institutions", "demonyms"}),
                   lambda rule: rule.words("institutions"), _find_capitalized_noun))
