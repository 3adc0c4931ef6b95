"""Text rules: the ``regex`` and ``literal`` kinds of the rule packs.

``regex``: ``pattern`` (the ``regex`` module's syntax, V0), an optional ``prefilter`` (a cheap
pattern that must occur somewhere in the text for the rule to run at all), and ``replacement`` (a template:
``\\1``, ``\\g<name>``, plus ``{map}`` for the ``map`` table's value of the group named ``key``,
and ``{lower:G}`` / ``{upper:G}`` / ``{capital:G}`` for a group's text in another case).
``literal``: ``replace``, a table of exact words or phrases and what replaces them, matched on
word boundaries.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..base.lazyre import lazy
from ..text.document import Document
from ..text.edits import Edit
from .rule import MATCH_TIMEOUT, Kind, Rule, compile_regex

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_PLACEHOLDER = lazy(r"\{(map|lower:\w+|upper:\w+|capital:\w+)\}")
_GROUP_SLOT = lazy(r"\{group:(\w+)\}")


def _compile_regex_rule(rule: Rule):
    pattern = rule.params["pattern"]
    replacement = rule.params["replacement"]
    if not isinstance(pattern, str) or not pattern:
        raise rule.error("pattern must be a non-empty string", "pattern")
    if not isinstance(replacement, str):
        raise rule.error("replacement must be a string", "replacement")
    compiled = compile_regex(pattern, rule.error, "pattern", lazy=rule.verified)
    prefilter = rule.params.get("prefilter")
    if prefilter is not None:
        if not isinstance(prefilter, str) or not prefilter:
            raise rule.error("prefilter must be a non-empty regular expression", "prefilter")
        prefilter = compile_regex(prefilter, rule.error, "prefilter", lazy=rule.verified)
    table = rule.params.get("map")
    if table is not None:
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise rule.error("map must be a table of strings", "map")
        if not rule.verified and "key" not in compiled.groupindex:
            raise rule.error("a rule with a map needs a group named 'key' in its pattern", "pattern")
        table = {k.casefold(): v for k, v in table.items()}
    elif "{map}" in replacement:
        raise rule.error("replacement uses {map} but the rule has no map", "replacement")
    elsewhere = _compile_elsewhere(rule, compiled)
    if rule.verified:  # the checks below passed when this pack was first loaded
        return compiled, replacement, table, prefilter, elsewhere
    for ph in _PLACEHOLDER.findall(replacement):
        group = ph.partition(":")[2]
        if group and group not in compiled.groupindex and not (group.isdigit() and int(group) <= compiled.groups):
            raise rule.error(f"replacement names unknown group {group!r}", "replacement")
    try:  # check the template's group references once, at load time
        _check_template(compiled, _PLACEHOLDER.sub("", replacement))
    except regex.error as exc:
        raise rule.error(f"bad replacement template: {exc}", "replacement") from None
    return compiled, replacement, table, prefilter, elsewhere


def _compile_elsewhere(rule: Rule, compiled) -> list[str]:
    """``unless_elsewhere``: patterns that, with ``{group:NAME}`` filled in from a match, veto it
    when they match anywhere in the text outside the rule's own matches (the document itself says
    the words mean something else: "Ahmed Al Suwaidi" elsewhere makes "the committee Al Suwaidi
    chairs" a person, not a Swedish committee)."""
    templates = rule.params.get("unless_elsewhere", [])
    if isinstance(templates, str):
        templates = [templates]
    if not isinstance(templates, list) or not all(isinstance(t, str) and t for t in templates):
        raise rule.error("unless_elsewhere must be a list of regular expressions", "unless_elsewhere")
    if not rule.verified:
        for template in templates:
            for group in _GROUP_SLOT.findall(template):
                if group not in compiled.groupindex:
                    raise rule.error(f"unless_elsewhere names unknown group {group!r}", "unless_elsewhere")
            compile_regex(_GROUP_SLOT.sub("x", template), rule.error, "unless_elsewhere")
    return templates


def _vetoed_elsewhere(templates: list[str], m: regex.Match, text: str, own: list[tuple[int, int]]) -> bool:
    """Does one of ``templates``, filled in from ``m``, match ``text`` outside every span in ``own``?"""
    for template in templates:
        filled = _GROUP_SLOT.sub(lambda g: regex.escape(m.group(g.group(1)) or ""), template)
        for other in _elsewhere_pattern(filled).finditer(text, timeout=MATCH_TIMEOUT):
            if not any(s < other.end() and other.start() < e for s, e in own):
                return True
    return False


@lru_cache(maxsize=256)
def _elsewhere_pattern(filled: str) -> regex.Pattern:
    return regex.compile(filled, regex.V0)


def _check_template(compiled: regex.Pattern, template: str) -> None:
    for m in regex.finditer(r"\\g<(\w+)>|\\(\d+)", template):
        ref = m.group(1) or m.group(2)
        if ref.isdigit():
            if int(ref) > compiled.groups:
                raise regex.error(f"invalid group reference {ref}")
        elif ref not in compiled.groupindex:
            raise regex.error(f"unknown group name {ref!r}")


def _expand(m: regex.Match, template: str, table: dict[str, str] | None) -> str | None:
    def placeholder(p: regex.Match) -> str:
        what = p.group(1)
        if what == "map":
            value = table.get((m.group("key") or "").casefold()) if table else None
            if value is None:
                raise LookupError
        else:
            how, _, group = what.partition(":")
            text = m.group(int(group) if group.isdigit() else group) or ""
            value = {"lower": text.lower(), "upper": text.upper(),
                     "capital": text[:1].upper() + text[1:]}[how]
        return value.replace("\\", "\\\\")

    try:
        return m.expand(_PLACEHOLDER.sub(placeholder, template))
    except LookupError:
        return None


def _find_regex(rule: Rule, doc: Document) -> Iterable[Edit]:
    compiled, template, table, prefilter, elsewhere = rule.compiled
    text = doc.text
    if prefilter is not None and not prefilter.search(text, timeout=MATCH_TIMEOUT):
        return
    matches = list(compiled.finditer(text, timeout=MATCH_TIMEOUT))
    own = [m.span() for m in matches] if elsewhere else []
    for m in matches:
        replacement = _expand(m, template, table)
        if replacement is None or replacement == m.group():
            continue
        if elsewhere and _vetoed_elsewhere(elsewhere, m, text, own):
            continue
        yield rule.edit(m.start(), m.end(), replacement, m.group())


def _compile_literal_rule(rule: Rule):
    table = rule.params["replace"]
    if not isinstance(table, dict) or not table or not all(isinstance(v, str) for v in table.values()):
        raise rule.error("replace must be a non-empty table of strings", "replace")
    alternatives = sorted(table, key=len, reverse=True)
    pattern = lazy(r"(?<![\w-])(?:" + "|".join(regex.escape(a) for a in alternatives) + r")(?![\w-])")
    return pattern, table


def _find_literal(rule: Rule, doc: Document) -> Iterable[Edit]:
    pattern, table = rule.compiled
    for m in pattern.finditer(doc.text, timeout=MATCH_TIMEOUT):
        yield rule.edit(m.start(), m.end(), table[m.group()], m.group())


KINDS.append(Kind("regex", "rules", frozenset({"pattern", "replacement", "map", "prefilter", "unless_elsewhere"}),
                   frozenset({"pattern", "replacement"}), _compile_regex_rule, _find_regex))
KINDS.append(Kind("literal", "rules", frozenset({"replace"}), frozenset({"replace"}),
                   _compile_literal_rule, _find_literal))
