"""Rule packs: TOML files of rules with their own examples.

A pack is ``[pack]`` (name, description) and ``[[rule]]`` tables. Every rule has an id, a kind,
a message, an applicability, a confidence and examples; the kind decides which other keys it
takes (see ``cleaner explain`` and rules/README.md). Loading is strict: an unknown key, a bad
value or an invalid regex is an error naming the file, the line and the rule.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import regex

from ..base.compiled import cache_dir, write_json
from ..base import tomlfile
from ..base.errors import RuleError
from ..base.lazyre import LazyPattern
from ..names.gazetteer import entity_from_table
from ..passes.registry import KINDS
from ..passes.rule import MATCH_TIMEOUT, Example, Kind, Pack, Rule, _line_of_key, compile_regex  # noqa: F401
from ..text.edits import APPLICABILITIES

RULE_ID = LazyPattern(r"^[A-Z][A-Z0-9_-]{1,40}$")
COMMON_KEYS = {
    "id", "name", "kind", "message", "applicability", "confidence", "explanation",
    "unless", "scope", "example", "requires",
}
SCOPES = ("any", "prose")


def load_pack(path: Path | str) -> Pack:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule pack: {exc.strerror}", path=str(path)) from None
    source = tomlfile.decode(raw, path, "rule pack", RuleError)
    data = _verified(raw)  # this exact pack loaded before: its parsed tables, else None
    verified = data is not None
    if data is None:
        data = tomlfile.parse(source, path, RuleError)

    unknown = set(data) - {"pack", "rule"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(f"unknown top-level key {key!r} (expected [pack] and [[rule]])", path=str(path),
                        line=_line_of_key(source, key))
    meta = data.get("pack", {})
    if not isinstance(meta, dict) or set(meta) - {"name", "description"}:
        raise RuleError("[pack] takes only name and description", path=str(path), line=_line_of_key(source, "pack"))
    pack = Pack(name=str(meta.get("name", path.stem)), description=str(meta.get("description", "")), path=path)
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RuleError("rules must be [[rule]] tables", path=str(path))
    seen: set[str] = set()
    for raw_rule in rules:
        rule = _load_rule(raw_rule, path, source, verified)
        if rule.id in seen:
            lines = _lines_of_rule(source, rule.id)
            raise RuleError(f"duplicate rule id {rule.id} (also defined at line {lines[0]})", path=str(path),
                            line=lines[1] if len(lines) > 1 else rule.line)
        seen.add(rule.id)
        pack.rules.append(rule)
    if not verified:
        _remember_verified(raw, data)
    return pack


# A pack's patterns are compiled at load the first time its exact text is seen (an invalid one is
# an error naming the file and line before anything is written); once it has loaded, its parsed
# tables are kept in the compiled cache (base/compiled.py) as JSON, and later runs read
# them instead of parsing the TOML (~1 ms a pack) and compile each pattern on first use. The file's
# name covers what that depends on: the pack's bytes and regex's version. A pack JSON cannot
# hold (a TOML date) is not kept.
VERIFIED_FORMAT = 2  # 2: the file holds the parsed pack (1: an empty mark)
VERIFIED_KEEP = 64  # files kept (the bundled packs, a repository's own, a few versions of each)


def _verified_path(raw: bytes):
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{VERIFIED_FORMAT}\0{regex.__version__}\0".encode() + raw).hexdigest()
    return folder / f"pack-{digest[:40]}.json"


def _verified(raw: bytes) -> dict | None:
    """The parsed pack, if these exact bytes loaded before (a damaged file: None, parse again)."""
    path = _verified_path(raw)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    try:
        os.utime(path)  # recently used: kept by the pruning (a read-only cache is still read)
    except OSError:
        pass
    return data if isinstance(data, dict) and set(data) <= {"pack", "rule"} else None


def _remember_verified(raw: bytes, data: dict) -> None:
    path = _verified_path(raw)
    if path is not None:  # (a pack JSON cannot hold is not written: parsed and checked every time)
        write_json(path, data, prefix="pack-", keep=VERIFIED_KEEP)


def load_packs(paths: Iterable[Path | str]) -> list[Pack]:
    """Load packs in order; a rule id defined twice across packs is an error naming both files."""
    packs: list[Pack] = []
    owners: dict[str, Rule] = {}
    for path in paths:
        path = Path(path)
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            pack = load_pack(file)
            for rule in pack.rules:
                if rule.id in owners:
                    other = owners[rule.id]
                    raise RuleError(f"duplicate rule id {rule.id} (also defined at {other.where()})",
                                    path=str(file), line=rule.line)
                owners[rule.id] = rule
            packs.append(pack)
    return packs


def _load_rule(raw: Any, path: Path, source: str, verified: bool = False) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError("each [[rule]] must be a table", path=str(path))
    rid = raw.get("id")
    if not isinstance(rid, str) or not RULE_ID.match(rid):
        line = _line_of_key(source, "id") if rid is None else _line_of_rule(source, str(rid))
        raise RuleError(f"rule id {rid!r} must be upper-case letters, digits, - or _ (e.g. DASH001)",
                        path=str(path), line=line)
    line = _line_of_rule(source, rid)

    def fail(msg: str, key: str | None = None) -> RuleError:
        return RuleError(f"rule {rid}: {msg}", path=str(path), line=_line_of_key(source, key, after=line) if key else line)

    kind_name = raw.get("kind")
    if kind_name not in KINDS:
        raise fail(f"unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})", "kind")
    kind = KINDS[kind_name]
    unknown = set(raw) - COMMON_KEYS - kind.keys
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f"unknown key {key!r} for kind {kind_name}", key)
    missing = (kind.required | {"message"}) - set(raw)
    if missing:
        raise fail(f"missing required key {sorted(missing)[0]!r}")
    message = raw["message"]
    if not isinstance(message, str) or not message.strip() or "\n" in message.strip():
        raise fail("message must be one non-empty line", "message")
    applicability = raw.get("applicability", "suggest")
    if applicability not in APPLICABILITIES:
        raise fail(f"applicability must be one of {', '.join(APPLICABILITIES)}", "applicability")
    confidence = raw.get("confidence", 0.5)
    if not isinstance(confidence, (int, float)) or isinstance(confidence, bool) or not 0 <= confidence <= 1:
        raise fail("confidence must be a number from 0 to 1", "confidence")
    scope = raw.get("scope", "any")
    if scope not in SCOPES:
        raise fail(f"scope must be one of {', '.join(SCOPES)}", "scope")
    unless_raw = raw.get("unless", [])
    if isinstance(unless_raw, str):
        unless_raw = [unless_raw]
    if not isinstance(unless_raw, list) or not all(isinstance(u, str) for u in unless_raw):
        raise fail("unless must be a list of regular expressions", "unless")
    unless = [compile_regex(u, fail, "unless", lazy=verified) for u in unless_raw]
    requires = raw.get("requires", [])
    if isinstance(requires, str):
        requires = [requires]
    if not isinstance(requires, list) or not all(isinstance(r, str) and r for r in requires):
        raise fail("requires must be a list of non-empty strings", "requires")
    examples = []
    for ex in raw.get("example", []):
        if not isinstance(ex, dict) or set(ex) - {"input", "output", "markdown", "gazetteer"} or not isinstance(ex.get("input"), str):
            raise fail("each [[rule.example]] takes input (and output, unless the text must stay unchanged, "
                       "markdown = true for a Markdown text, gazetteer = [{name = ..., kind = ...}] for names "
                       "the bundled gazetteer lacks)", "example")
        if "output" in ex and not isinstance(ex["output"], str):
            raise fail("example output must be a string", "example")
        if not isinstance(ex.get("markdown", False), bool):
            raise fail("example markdown must be true or false", "example")
        entries = ex.get("gazetteer", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise fail("example gazetteer must be a list of inline tables {name = ..., kind = ...}", "example")
        try:
            entities = tuple(entity_from_table(e, str(path), line) for e in entries)
        except RuleError as exc:
            raise fail(f"example gazetteer: {exc}", "example") from None
        examples.append(Example(ex["input"], ex.get("output"), ex.get("markdown", False), entities))
    params = {k: v for k, v in raw.items() if k in kind.keys}
    rule = Rule(
        id=rid, name=str(raw.get("name", rid.lower())), kind=kind_name, message=message.strip(),
        applicability=applicability, confidence=float(confidence),
        explanation=str(raw.get("explanation", "")).strip(), scope=scope, unless=unless,
        examples=examples, params=params, path=path, line=line, source=source, requires=tuple(requires),
        verified=verified,
    )
    rule.compiled = kind.compile(rule)
    return rule


def _line_of_rule(source: str, rid: str) -> int:
    return (_lines_of_rule(source, rid) or [1])[0]


def _lines_of_rule(source: str, rid: str) -> list[int]:
    return _rule_lines(source).get(rid, [])


_ID_LINE = LazyPattern(r'^[ \t]*id[ \t]*=[ \t]*["\']([^"\'\n]*)["\']', regex.M)


@lru_cache(maxsize=16)
def _rule_lines(source: str) -> dict[str, list[int]]:
    """The lines of every ``id = "..."`` in a pack, by id: one pass over the pack, not one per rule."""
    lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in _ID_LINE.finditer(source):
        line += source.count("\n", pos, m.start())
        pos = m.start()
        lines.setdefault(m.group(1), []).append(line)
    return lines
