"""Run a rule's own examples, as LanguageTool runs the examples of its grammar rules.

Every rule needs at least one incorrect example (input and expected output) and one correct
example (input that must stay unchanged). Applying the rule once to an incorrect input must give
exactly the expected output, and the rule must not fire again on that output. A rule's
``requires`` words must not change what it finds in any of its examples.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from ..names.context import Context
from ..names.gazetteer import load_gazetteers
from ..names.matching import NameIndex
from ..passes import find_rule
from ..passes.rule import Rule
from ..text.document import Document
from ..text.edits import apply_edits, resolve


class ExampleContext(Context):
    """The bundled gazetteer with an example's own entries over it (as a user's file would be)."""

    def __init__(self, entities: tuple) -> None:
        super().__init__()
        self.entities = entities

    @cached_property
    def gazetteer(self):
        gazetteer = load_gazetteers([], base=self.bundled_paths)
        for entity in self.entities:
            gazetteer.override(entity)
        return gazetteer

    @cached_property
    def index(self):
        return NameIndex(self.gazetteer)


_contexts: dict[tuple, ExampleContext] = {}


def _context(entities: tuple) -> Context | None:
    if not entities:
        return None
    if entities not in _contexts:
        _contexts[entities] = ExampleContext(entities)
    return _contexts[entities]


def apply_once(rule: Rule, text: str, markdown: bool = False, entities: tuple = ()) -> tuple[str, int]:
    """Apply one round of ``rule`` to ``text``: the result and how many edits it made."""
    doc = Document(text, markdown, _context(entities))
    edits = resolve(e for e in find_rule(rule, doc) if doc.allows(e))
    return apply_edits(text, edits), len(edits)


def check_rule(rule: Rule) -> list[str]:
    """Problems with ``rule``'s examples, each one line; empty when all pass."""
    problems = []
    if not any(ex.output is not None for ex in rule.examples):
        problems.append(f"{rule.id}: no incorrect example (input with the expected output)")
    if not any(ex.output is None for ex in rule.examples):
        problems.append(f"{rule.id}: no correct example (input that must stay unchanged)")
    for ex in rule.examples:
        got, count = apply_once(rule, ex.input, ex.markdown, ex.entities)
        if ex.output is None:
            if count:
                problems.append(f"{rule.id}: fired on a correct example: {ex.input!r} -> {got!r}")
            continue
        if got != ex.output:
            problems.append(f"{rule.id}: {ex.input!r} gave {got!r}, expected {ex.output!r}")
            continue
        again, count = apply_once(rule, got, ex.markdown, ex.entities)
        if count:
            problems.append(f"{rule.id}: fires again on its own output {got!r} -> {again!r}")
    if rule.requires:
        unfiltered = dataclasses.replace(rule, requires=())
        for ex in rule.examples:
            if find_rule(unfiltered, Document(ex.input, ex.markdown, _context(ex.entities))) != find_rule(rule, Document(ex.input, ex.markdown, _context(ex.entities))):
                problems.append(f"{rule.id}: requires {list(rule.requires)} hides what the rule finds in "
                                f"{ex.input!r}: one of those words must occur wherever the rule matches")
    return problems
