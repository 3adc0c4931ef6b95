"""Run a rule's own examples, as LanguageTool runs the examples of its grammar rules.

Every rule needs at least one incorrect example (input and expected output) and one correct
example (input that must stay unchanged). Applying the rule once to an incorrect input must give
exactly the expected output, and the rule must not fire again on that output. A rule's
``requires`` words must not change what it finds in any of its examples.
"""

from __future__ import annotations

import dataclasses

from ..passes import find_rule
from ..passes.rule import Rule
from ..text.document import Document
from ..text.edits import apply_edits, resolve


def apply_once(rule: Rule, text: str, markdown: bool = False) -> tuple[str, int]:
    """Apply one round of ``rule`` to ``text``: the result and how many edits it made."""
    doc = Document(text, markdown=markdown)
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
        got, count = apply_once(rule, ex.input, ex.markdown)
        if ex.output is None:
            if count:
                problems.append(f"{rule.id}: fired on a correct example: {ex.input!r} -> {got!r}")
            continue
        if got != ex.output:
            problems.append(f"{rule.id}: {ex.input!r} gave {got!r}, expected {ex.output!r}")
            continue
        again, count = apply_once(rule, got, ex.markdown)
        if count:
            problems.append(f"{rule.id}: fires again on its own output {got!r} -> {again!r}")
    if rule.requires:
        unfiltered = dataclasses.replace(rule, requires=())
        for ex in rule.examples:
            if find_rule(unfiltered, Document(ex.input, markdown=ex.markdown)) != find_rule(rule, Document(ex.input, markdown=ex.markdown)):
                problems.append(f"{rule.id}: requires {list(rule.requires)} hides what the rule finds in "
                                f"{ex.input!r}: one of those words must occur wherever the rule matches")
    return problems
