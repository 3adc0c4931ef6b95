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
from ..names.lexicon import COMMON, EVERYDAY, FREQUENT, zipf
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
_FUNCTION = (r"(?:in|on|at|of|to|for|with|by|from|and|or|but|as|which|who|whom|whose|that|this|these|"
             r"those|where|when|while|if|than|into|about|after|before|over|under|between|against)")
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
        elif right in PRONOUNS and regex.match(r" \p{Ll}", after):
            closing = "," if APPOSITION.search(text[max(0, m.start() - 60):m.start()]) else ""
            yield rule.edit(cut, cut + len(right), closing, right,
                            message=f"{rule.message}: '{word}' -> '{left}{closing}' (a stray pronoun repeats the subject)")
        elif len(right) >= 3 and right in index.name_tokens and zipf(right) < FREQUENT:
            yield rule.edit(cut, cut, ", ", "", message=f"{rule.message}: '{word}' -> '{left}, {right}'")


KINDS.append(Kind("glued-boundary", "glue", frozenset({"keep"}), frozenset(), _compile, _find))
