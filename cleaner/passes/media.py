"""Media names that lost their article: "the newspaper Hindu" is "the newspaper The Hindu".

Spanish and Arabic drop the English article that is part of a paper's name. The repair fires
only right after a descriptor ("newspaper", "daily", "magazine"...), for media whose gazetteer
name is the short form plus its article; "a Guardian reporter" and "the Hindu festival" have no
descriptor before them and stay.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..base.lazyre import lazy
from ..names.context import context_of
from ..text.document import Document
from ..text.edits import Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

ARTICLES = ("The ", "Die ", "Der ", "Le ", "La ", "El ", "Il ")


def _compile(rule: Rule):
    descriptors = rule.words("descriptors")
    rule.requires = rule.requires or tuple(descriptors)  # no descriptor in a text: nothing to scan for
    alternation = "|".join(regex.escape(d) for d in sorted(descriptors, key=len, reverse=True))
    return lazy(r"\b(?:" + alternation + r") (\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,3})")


def _find(rule: Rule, doc: Document) -> Iterable[Edit]:
    gazetteer = context_of(doc).gazetteer
    text = doc.text
    for m in rule.compiled.finditer(text):
        words = m.group(1).split(" ")
        # the whole capitalized run must be the alias: "the newspaper Guardian Australia" is another paper
        for n in (len(words),):
            short = " ".join(words[:n])
            entity = gazetteer.by_form.get(short)
            if entity is None or entity.kind != "media" or short == entity.name:
                continue
            if entity.name.endswith(" " + short) and entity.name.startswith(ARTICLES):
                start = m.start(1)
                yield rule.edit(start, start + len(short), entity.name, short,
                                message=f"{rule.message}: the paper's name is {entity.name}")
            break


KINDS.append(Kind("media-article", "media", frozenset({"descriptors"}), frozenset({"descriptors"}), _compile, _find))
