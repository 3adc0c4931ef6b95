"""Glued link boundaries: "Narendra ModiAt the same airport", "Donald TrumpModi must".

When a web page's link is flattened, the name in the link and the next word lose the space between
them. A CamelCase word is split only when both halves say so: the left half is a name (a
gazetteer token, or a rare word closing a run of names: "Gazabo LabaieseHe") and the right half is
a capitalized function word or pronoun, or another gazetteer name. Legitimate CamelCase
(McDonald's, YouTube, LinkedIn, DeSantis, BlackRock...) fails one of the two tests, and the rule's
``keep`` list names more that must never be split.

The repair gives the sentence the case and punctuation it needs: a preposition or conjunction is
lower-cased ("Modi at"), an article opens an apposition ("Macron, the German Chancellor"), a
stray subject pronoun is dropped ("Merz warned"), and a second name gets a comma ("Trump, Modi").
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..document import Document
from ..edits import Edit
from ..lexicon import zipf
from ..rulepack import Kind, Rule, register_kind

GLUED = regex.compile(r"(?<![\p{L}\p{M}'’-])(\p{Lu}[\p{Ll}\p{M}]{2,})(\p{Lu}[\p{Ll}]*)(?![\p{L}\p{M}])")
PREVIOUS_CAP = regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]* \Z")

LOWER = {w: w.lower() for w in (
    "At", "In", "On", "From", "With", "For", "To", "Of", "By", "During", "After", "Before", "As",
    "While", "When", "Where", "Since", "Until", "Despite", "Including", "Through", "Over", "Under",
    "About", "Against", "Between", "And", "But", "Or", "Who", "Which", "Whose")}
ARTICLES = {"The": "the", "A": "a", "An": "an"}
PRONOUNS = {"He", "She", "They", "It", "We"}


def _compile(rule: Rule):
    return frozenset(rule.words("keep", required=False))


def _left_is_name(left: str, before: str, index) -> bool:
    if left in index.name_tokens and zipf(left) < 5.0:
        return True
    return zipf(left) < 3.0 and bool(PREVIOUS_CAP.search(before))


def _find(rule: Rule, doc: Document) -> Iterable[Edit]:
    keep = rule.compiled
    index = doc.context.index
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
            yield rule.edit(cut, cut + len(right), ", " + ARTICLES[right], right,
                            message=f"{rule.message}: '{word}' -> '{left}, {ARTICLES[right]}'")
        elif right in PRONOUNS and regex.match(r" \p{Ll}", after):
            yield rule.edit(cut, cut + len(right), "", right,
                            message=f"{rule.message}: '{word}' -> '{left}' (a stray pronoun repeats the subject)")
        elif len(right) >= 3 and right in index.name_tokens and zipf(right) < 4.0:
            yield rule.edit(cut, cut, ", ", "", message=f"{rule.message}: '{word}' -> '{left}, {right}'")


register_kind(Kind("glued-boundary", "glue", frozenset({"keep"}), frozenset(), _compile, _find))
