"""Glued link boundaries: "Narendra ModiAt the same airport", "Donald TrumpModi must".

When a web page's link is flattened, the name in the link and the next word lose the space between
them. A CamelCase word is split only when both halves say so: the left half is a name (a
gazetteer token, or a rare word closing a run of names: "Gazabo LabaieseHe") and the right half is
a capitalized function word or pronoun, or another gazetteer name. Legitimate CamelCase
(McDonald's, YouTube, LinkedIn, DeSantis, BlackRock...) fails one of the two tests, and the rule's
``keep`` list names more that must never be split.

The repair gives the sentence the case and punctuation it needs: a preposition or conjunction is
lower-cased ("Modi at"); an article opens an apposition ("Spiegel, a phone call"), or, when it
introduces a second titled person, a coordination ("Macron, and the German Chancellor, Friedrich
Merz"), or, when its noun phrase has a verb of its own, a new sentence ("Lavrov. The minister
accused"); a stray subject pronoun is dropped ("Merz warned"), closing an apposition with its comma
where a title opened one ("the German Chancellor, Friedrich Merz, warned"); and a second name
gets a comma ("Trump, Modi").
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..base.lazyre import lazy
from ..names.context import context_of
from ..names.lexicon import COMMON, EVERYDAY, FREQUENT, WORD_NOT_NAME, is_known_name, zipf
from ..names.runs import first_lowered
from ..text.document import Document
from ..text.edits import Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

GLUED = lazy(r"(?<![\p{L}\p{M}'’-])((?:\p{L}[\p{Ll}\p{M}]*-)?\p{Lu}[\p{Ll}\p{M}]{2,})(\p{Lu}[\p{Ll}]*)(?![\p{L}\p{M}])")
PREVIOUS_CAP = lazy(r"\p{Lu}[\p{L}\p{M}'’-]* \Z")

LOWER = {w: w.lower() for w in (
    "At", "In", "On", "From", "With", "For", "To", "Of", "By", "During", "After", "Before", "As",
    "While", "When", "Where", "Since", "Until", "Despite", "Including", "Through", "Over", "Under",
    "About", "Against", "Between", "And", "But", "Or", "Who", "Which", "Whose")}
ARTICLES = {"The": "the", "A": "a", "An": "an"}
PRONOUNS = {"He", "She", "They", "It", "We"}
TITLES = (r"(?:Chancellor|President|Prime Minister|Minister|Foreign Minister|Secretary|Secretary General|"
          r"Secretary-General|King|Queen|Premier|Speaker|Governor|Mayor|Ambassador|Envoy|Commissioner|"
          r"High Representative|Director|Director-General|Chief|Head)")
# "MacronThe German Chancellor, Friedrich Merz": the article opens a second titled person
SECOND_PERSON = lazy(r" (?:\p{Lu}[\p{L}-]+ ){0,2}" + TITLES + r", \p{Lu}")
# "Sergei LavrovThe minister accused Kyiv": the article's noun phrase has a verb of its own, so
# a new sentence begins (without one, "Der SpiegelA phone call in which..." is an apposition)
_FUNCTION_LIST = ("in on at of to for with by from and or but as which who whom whose that this these those "
                  "where when while if than into about after before over under between against").split()
_FUNCTION = "(?:" + "|".join(_FUNCTION_LIST) + ")"
NEW_SENTENCE = lazy(r" (?:(?!" + _FUNCTION + r"\b)\p{Ll}[\p{L}\d'’-]* ){1,3}"
                    r"(?:said|says|told|tells|met|meets|made|took|gave|went|spoke|wrote|held|sent|saw|came|got|won|"
                    r"lost|kept|left|paid|sold|bought|found|began|rose|fell|grew|knew|brought|became|has|have|had|"
                    r"is|are|was|were|will|would|can|could|may|might|must|should|did|does|\p{Ll}{2,}ed)\b")
# "the German Chancellor, Friedrich Merz|They warned": the name closes an apposition
APPOSITION = lazy(TITLES + r", (?:\p{Lu}[\p{L}'’-]* ){0,3}\Z")


def _compile(rule: Rule):
    return frozenset(rule.words("keep", required=False))


def _left_is_name(left: str, before: str, index) -> bool:
    if (left in index.name_tokens or first_lowered(left) in index.name_tokens) and zipf(left) < EVERYDAY:
        return True  # (also "Al-Sharaa", capitalized at a sentence's start, for "al-Sharaa")
    return zipf(left) < COMMON and bool(PREVIOUS_CAP.search(before))


def _find(rule: Rule, doc: Document) -> Iterable[Edit]:
    keep = rule.compiled
    index = context_of(doc).index
    text = doc.text
    for m in GLUED.finditer(text):
        word, left, right = m.group(), m.group(1), m.group(2)
        if word in keep or word in index.name_tokens:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if not _left_is_name(left, before, index):
            continue
        cut = m.start(2)
        after = text[m.end():m.end() + 2]
        if right in LOWER:
            yield rule.edit(cut, cut + len(right), " " + LOWER[right], right,
                            message=f"{rule.message}: '{word}' -> '{left} {LOWER[right]}'")
        elif right in ARTICLES:
            if SECOND_PERSON.match(text, m.end()):
                joint, article = ", and ", ARTICLES[right]
            elif NEW_SENTENCE.match(text, m.end()):
                joint, article = ". ", right
            else:
                joint, article = ", ", ARTICLES[right]
            yield rule.edit(cut, cut + len(right), joint + article, right,
                            message=f"{rule.message}: '{word}' -> '{left}{joint}{article}'")
        elif len(right) > 3 and right.lower() in FOLLOWERS and right.lower() not in LOWER.values():
            # a verb that follows a subject, capitalized as the link's next word: "TuskThanked"
            yield rule.edit(cut, cut + len(right), " " + right.lower(), right,
                            message=f"{rule.message}: '{word}' -> '{left} {right.lower()}'")
        elif right in PRONOUNS and regex.match(r" \p{Ll}", after):
            closing = "," if APPOSITION.search(text[max(0, m.start() - 60):m.start()]) else ""
            yield rule.edit(cut, cut + len(right), closing, right,
                            message=f"{rule.message}: '{word}' -> '{left}{closing}' (a stray pronoun repeats the subject)")
        elif len(right) >= 3 and right in index.name_tokens and zipf(right) < FREQUENT \
                and left in index.name_tokens and left.lower() != right.lower():
            # two names glued ("TrumpModi") need a left half the gazetteer knows: a rare word after a
            # capital ("MX TakaTak", a brand) is no evidence of a second name
            yield rule.edit(cut, cut, ", ", "", message=f"{rule.message}: '{word}' -> '{left}, {right}'")


# -- words run together in lower case: "Grossisaid", "Economistssay", "Headdedthat" -----------------

# the words that follow a subject and that a lost space glues to it: auxiliaries, reporting verbs,
# conjunctions and the commonest prepositions; a closed class, so that a name ending in a common
# noun ("Thomasson", "Pearson") is never split
FOLLOWERS = frozenset("""
said says say told tells tell added adds add warned warns warn noted notes note argued argues argue
stressed insisted insist announced believes believed believe wants wanted want planned
urged urge thanked called asked agreed agree denied deny knows knew know thinks thought think
hoped expects expected expect feared claimed admitted confirmed rejected accused
has have had was were is are will would can could may might must should shall did does do
also and but or nor the that which who whom whose to of in on at for with from by into than
""".split())
# determiners and prepositions that an ordinary lower-case word runs into ("reducingits",
# "cargoesthrough", "homesfor"); on WMT21's 885k words of MT and 96k of human translation, a
# frequent word glued to one of these was a lost space every time (English compounds end in
# content words: "drugmaker", "pilotless", never in "its" or "through")
CLOSED_FOLLOWERS = frozenset("""
its his her their our the this that these those with from into through about after before over
under between during without against of for and but
""".split())
#: two-letter prepositions after a frequent past participle ("diedin", "arrestedon"): two letters
#: end too many names to follow any other word
SHORT_PREPOSITIONS = frozenset({"in", "on", "at", "by", "to"})
# "saidAt", "addedThat": an ordinary word glued to the capitalized word after it
# "fromChina", "andScopely", "visitedGoheung": a function word or a verb glued to the name after it
GLUED_TO_NAME = lazy(r"(?<![\p{L}\p{M}\p{N}_'’@/.#-])(\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{M}\p{N}_@/-])")
BEFORE_NAME = frozenset("""
and or but nor from to in on at by for with of into via than as after before between near against
says said told visited met thanked called accused praised criticized criticised urged appointed
""".split())
_FUNCTION_WORDS = frozenset(_FUNCTION_LIST) | {"the", "a", "an", "is", "was", "are", "were", "be"}
LOWER_CAMEL = lazy(r"(?<![\p{L}\p{M}\p{N}_'’@/.-])(\p{Ll}{3,})(\p{Lu}\p{Ll}{1,})(?![\p{L}\p{M}\p{N}_@/-])")
RUN = lazy(r"(?<![\p{L}\p{M}\p{N}_'’@/.-])([\p{Lu}\p{Ll}][\p{Ll}\p{M}]{4,})(?![\p{L}\p{M}\p{N}_@/-])")
# words that may stand first in a three-way run ("Headdedthat": "He added that")
SUBJECTS = frozenset({"He", "She", "They", "We", "It", "I", "he", "she", "they", "we", "it"})


def _strong_left(part: str, index, doc_words) -> bool:
    """Is ``part`` a name, and no English word: one the gazetteer knows, or a capitalized word the
    article writes on its own ("March" in "Marchand" is a month, not a subject)?"""
    return len(part) >= 3 and zipf(part) < WORD_NOT_NAME and (
        part in index.name_tokens or (part[:1].isupper() and part in doc_words))


def _is_left(part: str, follower: str, index, doc_words) -> bool:
    if part in SUBJECTS and len(part) >= 2 and len(follower) >= 3:
        return True  # "Hesaid", "Theyhave": a subject pronoun, then an auxiliary or a reporting verb
    return _is_left_word(part, follower, index, doc_words)


def _is_left_word(part: str, follower: str, index, doc_words) -> bool:
    """Can ``part`` stand before the glued ``follower``: a name, or an ordinary English word? A
    two-letter follower ("in", "is", "by") ends too many names (Yufuin, Bushby, Merzin) to follow
    one; it may follow only a plural subject ("Crowdsdo"). Before a three-letter follower ("has",
    "the") an ordinary word must be a plural subject ("parties") or a verb ("said the")."""
    if len(follower) <= 2:
        return _plural(part)
    if _strong_left(part, index, doc_words):
        return True
    if len(part) < 4 or zipf(part) < COMMON:
        return False
    return len(follower) > 3 or _plural(part) or part in FOLLOWERS


def _plural(word: str) -> bool:
    """Is ``word`` the plural of a common English noun ("Economists", "parties", "Crowds")?"""
    if word.endswith("ies") and zipf(word[:-3] + "y") >= COMMON:
        return True
    return word.endswith("s") and not word.endswith("ss") and zipf(word) >= COMMON \
        and (zipf(word[:-1]) >= COMMON or (word.endswith("es") and zipf(word[:-2]) >= COMMON))


def _split_run(word: str, index, doc_words) -> list[str] | None:
    """The one way ``word`` falls apart into a left part and glued followers, or None. After a
    name, a past-tense verb may be the glued one too ("Xi Jinpingwalked"); after an ordinary word
    only a follower may."""
    found = []
    for k in range(2, len(word) - 1):
        left, right = word[:k], word[k:]
        if right in FOLLOWERS and _is_left(left, right, index, doc_words):
            found.append([left, right])
        elif word.islower() and right in CLOSED_FOLLOWERS and len(left) >= 3 and zipf(left) >= WORD_NOT_NAME:
            found.append([left, right])  # "reducingits": a frequent word, then a determiner or preposition
        elif word.islower() and right in SHORT_PREPOSITIONS and left.endswith("ed") and len(left) >= 4 \
                and zipf(left) >= WORD_NOT_NAME:
            found.append([left, right])  # "diedin custody": a past participle, then a short preposition
        elif len(right) >= 5 and right.endswith("ed") and zipf(right) >= COMMON and not is_known_name(right) \
                and left in doc_words and zipf(left) < WORD_NOT_NAME:
            # a past-tense verb after a name the article writes on its own ("Jinpingwalked"); any other
            # word may be the rest of one name or brand ("Newswitch", "Ramanathan", "Genplan")
            found.append([left, right])
        if left in SUBJECTS:  # "Headdedthat": He + added + that
            for j in range(2, len(right) - 1):
                a, b = right[:j], right[j:]
                if a in FOLLOWERS and b in FOLLOWERS and len(a) > 3:
                    found.append([left, a, b])
    return found[0] if len(found) == 1 else None


def _compile_run(rule: Rule):
    return frozenset(rule.words("keep", required=False))


_CAPITALIZED = lazy(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]+(?![\p{L}\p{M}])")


def _doc_words(text: str) -> set[str]:
    """The capitalized words the article writes on their own (names it knows apart)."""
    return set(_CAPITALIZED.findall(text))


def _find_run(rule: Rule, doc: Document) -> Iterable[Edit]:
    keep = rule.compiled
    index = context_of(doc).index
    text = doc.text
    doc_words = None
    for m in RUN.finditer(text):
        word = m.group(1)
        if word in keep or zipf(word) > 0 or word in index.name_tokens or word.lower() in index.name_tokens:
            continue  # an English word, or a name: not two words
        if doc_words is None:
            doc_words = _doc_words(text)
        if regex.match(r"\s+\p{Lu}", text[m.end(1):m.end(1) + 3]):
            continue  # a glued follower starts a clause: "Anutinhas been"; before a capital it is a name
        parts = _split_run(word, index, doc_words)
        if parts is None:
            continue
        fixed = " ".join(parts)
        yield rule.edit(m.start(1), m.end(1), fixed, word, message=f"{rule.message}: '{word}' -> '{fixed}'")
    for m in GLUED_TO_NAME.finditer(text):
        word, left, right = m.group(), m.group(1), m.group(2)
        if word in keep or word in index.name_tokens or right.lower() in FOLLOWERS:
            continue
        if not (left in BEFORE_NAME or (left.endswith("ed") and zipf(left) >= COMMON)):
            continue  # "airBaltic", "easyJet", "eDreams": brands that start in lower case
        if doc_words is None:
            doc_words = _doc_words(text)
        if right not in index.name_tokens and right not in doc_words:
            continue  # only a name the gazetteer knows or the article writes on its own
        yield rule.edit(m.start(), m.end(), f"{left} {right}", word,
                        message=f"{rule.message}: '{word}' -> '{left} {right}'")
    for m in LOWER_CAMEL.finditer(text):
        word, left, right = m.group(), m.group(1), m.group(2)
        if word in keep or word in index.name_tokens or zipf(left) < WORD_NOT_NAME or right.lower() not in FOLLOWERS:
            continue
        fixed = f"{left} {right.lower()}"
        if (right in ARTICLES or right in PRONOUNS) and left not in FOLLOWERS and zipf(left) >= COMMON \
                and left not in _FUNCTION_WORDS and (right in PRONOUNS or NEW_SENTENCE.match(text, m.end())):
            # "spoke by videoThe campus opened": a capital article or pronoun after a noun opens the
            # next sentence (a glued link or line end); after "said" it opens what was said
            fixed = f"{left}. {right}"
        yield rule.edit(m.start(), m.end(), fixed, word, message=f"{rule.message}: '{word}' -> '{fixed}'")


KINDS.append(Kind("glued-boundary", "glue", frozenset({"keep"}), frozenset(), _compile, _find))
KINDS.append(Kind("run-together", "glue", frozenset({"keep"}), frozenset(), _compile_run, _find_run))
