"""Passes: each looks at the text and proposes edits; the engine decides which to apply.

A pass is any object with a ``name`` and ``find(doc) -> Iterable[Edit]``. Passes never write
text themselves and never see each other's proposals; the engine runs them in order, applies
what they propose, and repeats until nothing changes. Order: ``engine.core.PASS_ORDER``.

One module per family of damage (encoding, text_rules, layout, glue, entities, pronouns, media,
grammar). A module implements rule kinds and lists them in its ``KINDS``; ``registry.py`` gathers
every kind, ``rule.py`` says what a rule and a kind are, and this module runs a pack's rules as a
pass (``RulePass``, ``find_rule``). See docs/architecture.md.
"""

from __future__ import annotations

from typing import Iterable, Protocol

import regex

from ..base.errors import RuleTimeout
from ..text.document import Document
from ..text.edits import Edit
from .common import paragraph_at  # noqa: F401 (re-exported: passes and tests use it from here)
from .registry import KINDS
from .rule import MATCH_TIMEOUT, Rule


class Pass(Protocol):
    name: str

    def find(self, doc: Document) -> Iterable[Edit]: ...


_SENTENCE_END = regex.compile(r"[.!?:;…][\"'”’»)\]]*\s*\Z")
_LOWER_WORD = regex.compile(r"\b\p{Ll}{2,}\b")


class RulePass:
    """Runs the rules of the kinds that belong to this pass (``pass_name`` in the kind registry)."""

    def __init__(self, name: str, rules: list[Rule], skip: set[str] | None = None) -> None:
        self.name = name
        self.rules = [r for r in rules if KINDS[r.kind].pass_name == name]
        self.skip = skip if skip is not None else set()  # rule ids not run (the engine's, per text)

    def find(self, doc: Document) -> Iterable[Edit]:
        for rule in self.rules:
            if rule.id not in self.skip:
                yield from find_rule(rule, doc)


def find_rule(rule: Rule, doc: Document) -> list[Edit]:
    """The edits one rule proposes on ``doc``, after its ``unless`` and ``scope`` filters."""
    if rule.requires and not any(word in doc.text for word in rule.requires):
        return []  # none of the words the rule needs is in the text
    try:
        found = list(KINDS[rule.kind].find(rule, doc))
    except TimeoutError:
        raise RuleTimeout(
            f"rule {rule.id} ({rule.where()}) ran longer than {MATCH_TIMEOUT:g}s on one text; "
            "its pattern probably backtracks catastrophically", rule=rule.id
        ) from None
    return [e for e in found if _rule_allows(rule, doc, e)]


def _rule_allows(rule: Rule, doc: Document, edit: Edit) -> bool:
    text = doc.text
    if rule.scope == "prose":
        ps, pe = paragraph_at(doc, edit.start)
        para = text[ps:pe]
        if not _SENTENCE_END.search(para) or not _LOWER_WORD.search(para):
            return False
    if rule.unless:
        lo, hi = max(0, edit.start - 200), min(len(text), edit.end + 200)
        for anti in rule.unless:
            try:
                for m in anti.finditer(text, lo, hi, timeout=MATCH_TIMEOUT):
                    if m.start() < max(edit.end, edit.start + 1) and edit.start < max(m.end(), m.start() + 1):
                        return False
            except TimeoutError:
                raise RuleTimeout(f"rule {rule.id} ({rule.where()}): an unless pattern ran longer than "
                                   f"{MATCH_TIMEOUT:g}s; it probably backtracks catastrophically",
                                  rule=rule.id) from None
    return True
