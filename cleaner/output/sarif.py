"""``--format sarif``: the findings as a SARIF 2.1.0 log, for code-scanning dashboards.

One run; the tool's rules are the rules that made a finding (their message, explanation, fix
safety and confidence). Each finding is a result at its region (columns count Unicode code points,
as Python does: ``columnKind`` says so) with a ``fix`` that replaces the region, and properties
``confidence``, ``applicability`` and ``applied``. What ``fix`` would apply is level ``warning``,
suggestions ``note``. After ``fix`` has written a file, regions point into the written text: an
applied edit is a ``note`` at its replacement (no fix left to make), a suggestion keeps its fix. Files that could not be read are tool execution notifications, and the run is then not
successful. Paths are relative to the working folder (``%SRCROOT%``) when they can be.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..base.version import __version__
from ..text.edits import SAFE, Edit, findings
from .report import FileReport, Lines

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> tuple[str, str | None]:
    """A URI for ``path``: relative to %SRCROOT% (the working folder) when inside it."""
    if path == "-":
        return "-", None
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    if not rel.startswith(os.pardir + os.sep) and rel != os.pardir and not os.path.isabs(rel):
        return quote(rel.replace(os.sep, "/")), "%SRCROOT%"
    return Path(absolute).as_uri(), None


def _region(lines: Lines, start: int, end: int, snippet: str | None = None) -> dict:
    sl, sc = lines.line_col(start)
    el, ec = lines.line_col(end)
    region = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
              "charOffset": start, "charLength": end - start}
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return region


def _in_written_text(report: FileReport):
    """Map an original span to the text ``fix`` wrote: (start, end) there, after the applied edits."""
    applied = sorted(report.edits, key=lambda e: e.start)

    def move(edit: Edit, is_edit: bool) -> tuple[int, int]:
        shift = 0
        for e in applied:
            if e is edit or e.start >= edit.end:
                break
            shift += len(e.replacement) - (e.end - e.start)
        start = edit.start + shift
        return (start, start + len(edit.replacement)) if is_edit else (start, start + edit.end - edit.start)

    return move


def _result(report: FileReport, lines: Lines, edit: Edit, span: tuple[int, int], *, applied: bool,
            applies: bool, rule_index: dict[str, int]) -> dict:
    uri, base = _uri(report.path)
    location = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    start, end = span
    result = {
        "ruleId": edit.rule,
        "level": "warning" if applies and not applied else "note",
        "message": {"text": f"{edit.message} ({json.dumps(edit.original, ensure_ascii=False)} -> "
                            f"{json.dumps(edit.replacement, ensure_ascii=False)}"
                            f"{', applied' if applied else ''})"},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(
            lines, start, end, edit.replacement if applied else edit.original)}}],
        "properties": {"confidence": round(edit.confidence, 4), "applicability": edit.applicability,
                       "applied": applied},
    }
    if not applied:  # what is written needs no fix; what is not, its replacement
        result["fixes"] = [{"description": {"text": edit.message},
                            "artifactChanges": [{"artifactLocation": location, "replacements": [{
                                "deletedRegion": _region(lines, start, end),
                                "insertedContent": {"text": edit.replacement}}]}]}]
    if edit.rule in rule_index:
        result["ruleIndex"] = rule_index[edit.rule]
    return result


def _rule_descriptor(rule_id: str, rules: dict) -> dict:
    rule = rules.get(rule_id)
    parts = rule_id.split("+")
    if rule is None and len(parts) > 1:  # edits of several rules merged into one ("CAP001+PIV001")
        described = [_rule_descriptor(part, rules) for part in parts]
        text = " + ".join(f"{d['id']}: {d.get('shortDescription', {}).get('text', 'a rule of another pass')}"
                          for d in described)
        out = {"id": rule_id, "name": "+".join(d.get("name", d["id"]) for d in described),
               "shortDescription": {"text": text},
               "fullDescription": {"text": "One change made by several rules together: " + text},
               "help": {"text": "Each part is explained by `cleaner explain " + rule_id + "`."},
               "properties": {"merged": parts}}
        if all("defaultConfiguration" in d for d in described):
            levels = {d["defaultConfiguration"]["level"] for d in described}
            out["defaultConfiguration"] = {"level": "warning" if levels == {"warning"} else "note"}
        return out
    if rule is None:  # a rule of another pass, known only by its findings
        return {"id": rule_id, "shortDescription": {"text": f"LanguageTool rule {rule_id[3:]}"
                                                    if rule_id.startswith("LT:") else rule_id}}
    out = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "defaultConfiguration": {"level": "warning" if rule.applicability == SAFE else "note"},
        "properties": {"applicability": rule.applicability, "confidence": rule.confidence,
                       "kind": rule.kind},
    }
    if rule.explanation:
        out["fullDescription"] = {"text": rule.explanation}
        out["help"] = {"text": rule.explanation}
    return out


def sarif_report(reports: list[FileReport], errors: list[str], cleaners, *, applied: bool) -> str:
    """The SARIF log of a run. ``applied``: the edits were written (``fix``), not only found."""
    known = {}
    for cleaner in cleaners.all():
        for pack in cleaner.packs:
            for rule in pack.rules:
                known.setdefault(rule.id, rule)
    used = sorted({e.rule for r in reports for e in r.edits + r.suggestions})
    rule_index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for report in reports:
        # After fix, the file on disk is the cleaned text: regions point into it.
        lines = Lines(report.text if applied else report.original)
        move = _in_written_text(report) if applied else (lambda e, is_edit: (e.start, e.end))
        for edit, is_edit in findings(report.edits, report.suggestions):
            results.append(_result(report, lines, edit, move(edit, is_edit), applied=applied and is_edit,
                                   applies=is_edit, rule_index=rule_index))
    run = {
        "tool": {"driver": {"name": "cleaner", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule_descriptor(r, known) for r in used]}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
        }],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)
