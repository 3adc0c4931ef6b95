"""Which LanguageTool findings ``fix`` may apply: the policy in ``rules/languagetool/policy.toml``.

The list of safe LanguageTool rules, the conditions under which each is applied and the reasons
are data, so they can be reviewed and changed without touching code; this module loads that
file strictly and answers two questions: is this finding safe here, and what does
``cleaner explain LT:RULE`` say.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ..base import tomlfile
from ..base.errors import RuleError
from ..base.resources import rules_dir
from ..text.edits import SAFE, SUGGEST

PREFIX = "LT:"
CHANGES = ("whitespace", "case", "repeat")
POLICY_KEYS = {"suggestion-confidence", "ignore-line", "unless-line"}
SAFE_KEYS = {"rule", "category", "change", "confidence", "why", "match", "preceded-by", "followed-by",
             "unless", "unless-line"}
_WINDOW = 200
_REPEAT = regex.compile(r"(\w+)(\s+)(\w+)")


def policy_path() -> Path:
    return rules_dir() / "languagetool" / "policy.toml"


@dataclass(frozen=True)
class SafeRule:
    rule: str
    category: str
    change: str
    confidence: float
    why: str
    match: regex.Pattern | None = None
    preceded_by: regex.Pattern | None = None  # anchored at the end: it must end where the match starts
    followed_by: regex.Pattern | None = None
    unless: tuple[regex.Pattern, ...] = ()
    unless_line: tuple[regex.Pattern, ...] = ()
    line: int = 0

    def conditions(self) -> list[str]:
        """The conditions in words, for ``cleaner explain``."""
        out = [{"whitespace": "the edit changes only whitespace",
                "case": "the edit changes only the case of letters",
                "repeat": 'the edit turns "word word" into "word"'}[self.change]]
        for label, pattern in (("the matched text is", self.match), ("preceded by", self.preceded_by),
                               ("followed by", self.followed_by)):
            if pattern is not None:
                out.append(f"{label} /{_source(pattern)}/")
        out.extend(f"not where /{_source(p)}/ matches" for p in self.unless)
        out.extend(f"not on a line matching /{_source(p)}/" for p in self.unless_line)
        return out


@dataclass(frozen=True)
class Policy:
    path: Path
    suggestion_confidence: float
    ignore_line: tuple[regex.Pattern, ...]
    unless_line: tuple[regex.Pattern, ...]
    safe: dict[str, SafeRule]

    def ignores(self, text: str, start: int, end: int) -> bool:
        """Is a finding on text[start:end] not to be reported at all (its line is not prose)?"""
        return any(p.search(_line(text, start, end)) for p in self.ignore_line)

    def decide(self, rule_id: str, text: str, start: int, end: int, replacement: str,
               n_replacements: int) -> tuple[str, float]:
        """(applicability, confidence) of LanguageTool's ``rule_id`` replacing ``text[start:end]``."""
        rule = self.safe.get(rule_id)
        if rule is None or not self._holds(rule, text, start, end, replacement, n_replacements):
            return SUGGEST, self.suggestion_confidence
        return SAFE, rule.confidence

    def _holds(self, rule: SafeRule, text: str, start: int, end: int, replacement: str, n: int) -> bool:
        original = text[start:end]
        if n != 1 or "\n" in original or "\r" in original or "\n" in replacement or "\r" in replacement:
            return False
        if not _is_change(rule.change, original, replacement):
            return False
        if rule.match is not None and not rule.match.fullmatch(original):
            return False
        if rule.preceded_by is not None and not rule.preceded_by.search(text, max(0, start - _WINDOW), start):
            return False
        if rule.followed_by is not None and not rule.followed_by.match(text, end):
            return False
        lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
        for pattern in rule.unless:
            for m in pattern.finditer(text, lo, hi):
                if m.start() < max(end, start + 1) and start < max(m.end(), m.start() + 1):
                    return False
        line = _line(text, start, end)
        return not any(p.search(line) for p in self.unless_line + rule.unless_line)

    def explain(self, rule_id: str) -> str:
        """What ``cleaner explain LT:RULE`` prints."""
        lt_id = rule_id[len(PREFIX):] if rule_id.upper().startswith(PREFIX) else rule_id
        out = [f"{PREFIX}{lt_id} (LanguageTool rule {lt_id})", "",
               "A LanguageTool rule, reported when the grammar pass is on (--grammar or grammar = true);",
               "each finding carries LanguageTool's own message and the rule's category.", ""]
        rule = self.safe.get(lt_id)
        if rule is None:
            out += [f"Fix safety: suggestion: reported; applied only with --unsafe-fixes; "
                    f"confidence {self.suggestion_confidence:.2f}.",
                    f"Only the LanguageTool rules listed in {self.path} are applied by `cleaner fix`;",
                    "its header says why the others (spelling, grammar, style) stay suggestions."]
        else:
            out += [f"Category: {rule.category}.", "", rule.why, "",
                    f"Fix safety: safe: `cleaner fix` applies it, confidence {rule.confidence:.2f}, when",
                    *(f"  - {c}" for c in rule.conditions()),
                    "  - LanguageTool offers one replacement, no line break changes, and no name is touched;",
                    "otherwise it is reported as a suggestion.",
                    f"Defined in {self.path}:{rule.line}."]
        return "\n".join(out)


def _line(text: str, start: int, end: int) -> str:
    """The line(s) holding text[start:end]."""
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1: len(text) if line_end < 0 else line_end]


def _is_change(kind: str, original: str, replacement: str) -> bool:
    if original == replacement:
        return False
    if kind == "whitespace":
        return "".join(original.split()) == "".join(replacement.split())
    if kind == "case":
        return original.lower() == replacement.lower()
    m = _REPEAT.fullmatch(original)  # "repeat"
    return bool(m) and m.group(1).lower() == m.group(3).lower() and replacement == m.group(1)


def _source(pattern: regex.Pattern) -> str:
    source = pattern.pattern
    return source[3:-3] if source.startswith("(?:") and source.endswith(")\\Z") else source


@lru_cache(maxsize=4)
def load_policy(path: Path | str | None = None) -> Policy:
    """Load the policy file (the bundled one by default); errors name the file and line."""
    path = Path(path) if path is not None else policy_path()
    source, data = tomlfile.load(path, "LanguageTool policy", RuleError)
    if set(data) - {"policy", "safe"}:
        raise RuleError(f"unknown top-level key {sorted(set(data) - {'policy', 'safe'})[0]!r}", path=str(path))
    head = data.get("policy", {})
    if not isinstance(head, dict) or set(head) - POLICY_KEYS:
        raise RuleError(f"[policy] takes only {', '.join(sorted(POLICY_KEYS))}", path=str(path))
    sc = head.get("suggestion-confidence", 0.5)
    if not _is_confidence(sc):
        raise RuleError("suggestion-confidence must be a number from 0 to 1", path=str(path))
    lines = [source.count("\n", 0, m.start()) + 1 for m in regex.finditer(r"^\[\[safe\]\]", source, regex.M)]
    safe: dict[str, SafeRule] = {}
    for index, raw in enumerate(data.get("safe", [])):
        line = lines[index] if index < len(lines) else 0
        rule = _safe_rule(raw, path, line)
        if rule.rule in safe:
            raise RuleError(f"LanguageTool rule {rule.rule} listed twice", path=str(path), line=line)
        safe[rule.rule] = rule
    return Policy(path, float(sc), _patterns(head.get("ignore-line", []), path, 0, "ignore-line"),
                  _patterns(head.get("unless-line", []), path, 0, "unless-line"), safe)


def _safe_rule(raw, path: Path, line: int) -> SafeRule:
    def fail(message: str) -> RuleError:
        return RuleError(f"[[safe]] {raw.get('rule', '?') if isinstance(raw, dict) else '?'}: {message}",
                         path=str(path), line=line)

    if not isinstance(raw, dict):
        raise fail("must be a table")
    unknown = set(raw) - SAFE_KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(SAFE_KEYS))})")
    for key in ("rule", "category", "why"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"{key} must be a non-empty string")
    if raw.get("change") not in CHANGES:
        raise fail(f"change must be one of {', '.join(CHANGES)}")
    if not _is_confidence(raw.get("confidence")):
        raise fail("confidence must be a number from 0 to 1")

    def one(key: str) -> regex.Pattern | None:
        value = raw.get(key)
        if value is None:
            return None
        return _patterns([value], path, line, key)[0]

    preceded = one("preceded-by")
    return SafeRule(
        rule=raw["rule"], category=raw["category"], change=raw["change"], confidence=float(raw["confidence"]),
        why=" ".join(raw["why"].split()), match=one("match"),
        preceded_by=None if preceded is None else regex.compile(f"(?:{preceded.pattern})\\Z"),
        followed_by=one("followed-by"), unless=_patterns(raw.get("unless", []), path, line, "unless"),
        unless_line=_patterns(raw.get("unless-line", []), path, line, "unless-line"), line=line,
    )


def _patterns(values, path: Path, line: int, key: str) -> tuple[regex.Pattern, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise RuleError(f"{key} must be a regular expression or a list of them", path=str(path), line=line or None)
    out = []
    for value in values:
        try:
            out.append(regex.compile(value))
        except regex.error as exc:
            raise RuleError(f"{key}: invalid regular expression {value!r}: {exc}", path=str(path),
                            line=line or None) from None
    return tuple(out)


def _is_confidence(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
