"""Demonyms left in the pivot's form: "the Isbani side", "a Furansu company", "think tank al-Faransi".

The knowledge is data: rules/lexicon/pivot-demonyms.tsv, built by scripts/build_demonyms.py from
CLDR's territory and language names in each pivot's locale, romanized by independent romanizers
(cleaner/names/demonyms.py reads it and decides by context). This module turns its findings into
edits of the ``pivot-demonym`` kind: each carries the matcher's confidence, so a finding below
``--min-confidence`` (a form that is also a name, a match by consonants only) is a suggestion.
"""

from __future__ import annotations

from typing import Iterable

from ..names.context import context_of
from ..names.demonyms import find_pivot_demonyms
from ..text.document import Document
from ..text.edits import Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []


def _compile(rule: Rule):
    return None


def _person_names(doc: Document) -> frozenset[str]:
    return context_of(doc).gazetteer.derived(
        "person-forms", lambda g: frozenset(form for e in g.entities if e.kind == "person" for form in e.forms))


def _find(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    for f in find_pivot_demonyms(text, _person_names(doc)):
        yield rule.edit(f.start, f.end, f.replacement, text[f.start:f.end],
                        message=f"{rule.message}: {f.reason}", confidence=min(f.confidence, rule.confidence))


KINDS.append(Kind("pivot-demonym", "demonyms", frozenset(), frozenset(), _compile, _find))
