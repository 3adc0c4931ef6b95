"""How findings are shown: one line per edit, JSON, GitHub annotations, or a unified diff."""

from __future__ import annotations

import bisect
import difflib
import json
import os
import re
from dataclasses import dataclass, field

from ..text.document import Document
from ..text.edits import Edit, apply_edits, findings
from .printable import printable


@dataclass
class FileReport:
    path: str
    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)  # applied (or, in check/diff, would be)
    suggestions: list[Edit] = field(default_factory=list)  # reported only

    @property
    def changed(self) -> bool:
        return self.text != self.original


class Lines:
    """Line and column of offsets in a text (what reports need of a Document, without its scan)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def line_index(text: str):
    """``line_col(offset) -> (line, column)`` for ``text``, both 1-based."""
    return Lines(text).line_col


def _show(s: str, limit: int = 60) -> str:
    s = printable(s, quoted=True)  # an escape sequence in an article never reaches the terminal
    if len(s) > limit:
        s = s[: limit - 20] + "…" + s[-19:]
    return f"'{s}'"


def edit_line(path: str, doc: Document | Lines, edit: Edit, *, detail: bool = False, applied: bool = True) -> str:
    """``path:line:col RULE 'before' -> 'after'`` (with detail: safety, confidence and reason)."""
    line, col = doc.line_col(edit.start)
    head = f"{printable(path)}:{line}:{col} {printable(edit.rule)} {_show(edit.original)} -> {_show(edit.replacement)}"
    if not detail:
        return head
    tag = "" if applied else " (suggestion, not applied)"
    return f"{head}  [{edit.applicability} {edit.confidence:.2f}] {printable(edit.message)}{tag}"


def text_lines(report: FileReport, *, detail: bool, include_suggestions: bool) -> list[str]:
    doc = Lines(report.original)
    items = findings(report.edits, report.suggestions if include_suggestions else ())
    return [edit_line(report.path, doc, e, detail=detail, applied=a) for e, a in items]


def edit_dict(path: str, doc: Document | Lines, edit: Edit, applied: bool) -> dict:
    line, col = doc.line_col(edit.start)
    end_line, end_col = doc.line_col(edit.end)
    return {
        "path": path, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
        "start": edit.start, "end": edit.end, "original": edit.original, "replacement": edit.replacement,
        "rule": edit.rule, "confidence": round(edit.confidence, 4), "applicability": edit.applicability,
        "message": edit.message, "applied": applied,
    }


def json_report(reports: list[FileReport], errors: list[str], *, applied: bool) -> str:
    files = []
    for r in reports:
        doc = Lines(r.original)
        edits = [edit_dict(r.path, doc, e, applied) for e in r.edits]
        edits += [edit_dict(r.path, doc, e, False) for e in r.suggestions]
        edits.sort(key=lambda d: (d["start"], d["end"], d["rule"]))
        files.append({"path": r.path, "changed": r.changed, "edits": edits})
    return json.dumps({"version": 1, "files": files, "errors": errors}, ensure_ascii=False, indent=2)


def github_escape(value: str, *, prop: bool = False) -> str:
    """Escape for a GitHub workflow command: ``%``, CR and LF always; ``:`` and ``,`` in properties."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github_path(path: str) -> str:
    """GitHub matches annotations to files by their path from the repository top."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    full = os.path.abspath(path)
    if workspace and full.startswith(os.path.abspath(workspace) + os.sep):
        path = os.path.relpath(full, workspace)
    return path.replace(os.sep, "/")


def github_lines(report: FileReport, *, mode: str, strict: bool = False) -> list[str]:
    """One workflow command per finding: ``::error file=…,line=…,col=…,title=…::message``.

    ``error`` marks what makes the run fail (what ``fix`` would change; with ``strict``, the
    suggestions too); the rest are ``notice``s, as are the changes ``fix`` has already written.
    """
    doc = Document(report.original)
    items = findings(report.edits, report.suggestions)
    out = []
    path = github_escape(_github_path(report.path), prop=True)
    for edit, would_apply in items:
        line, col = doc.line_col(edit.start)
        end_line, end_col = doc.line_col(edit.end)
        fails = (would_apply or strict) and mode != "fix"
        level = "error" if fails else "notice"
        if mode == "fix" and would_apply:
            state = "fixed"
        else:
            state = edit.applicability if would_apply else f"{edit.applicability}, not applied"
        message = (f"{_show(edit.original)} -> {_show(edit.replacement)}: {printable(edit.message)} "
                   f"({state}, confidence {edit.confidence:.2f})")
        props = (f"file={path},line={line},col={col},endLine={end_line},endColumn={end_col},"
                 f"title={github_escape('cleaner ' + edit.rule, prop=True)}")
        out.append(f"::{level} {props}::{github_escape(message)}")
    return out


def github_error(message: str) -> str:
    return f"::error title=cleaner::{github_escape(message)}"


def unified_diff(path: str, before: str, after: str, edits: list[Edit] | None = None) -> str:
    """A unified diff with ``a/`` and ``b/`` prefixes, marking a missing final newline as git does.

    Given the ``edits`` that turn ``before`` into ``after``, only the lines they touch (and their
    context) are compared: linear in the file, where comparing every line of a 100 MB file with
    difflib does not finish. Without them, the whole texts are compared.
    """
    path = printable(path)  # a newline in a file name does not split the header
    if edits is None or apply_edits(before, edits) != after:
        hunks = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     fromfile=f"a/{path}", tofile=f"b/{path}")
    else:
        hunks = _diff_by_edits(path, before, edits)
    lines = []
    for line in hunks:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")


def _diff_by_edits(path: str, before: str, edits: list[Edit], n: int = 3):
    """difflib's unified diff, run on each group of lines the edits touch (groups closer than
    2n lines merge, as difflib's hunks do), with the hunk headers moved to the file's lines."""
    starts = [0]  # where each line starts, lines as str.splitlines sees them
    for m in _LINE_BREAK.finditer(before):
        if m.end() < len(before):
            starts.append(m.end())
    groups: list[list] = []  # [first line, last line, edits]
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        first = bisect.bisect_right(starts, edit.start) - 1
        last = bisect.bisect_right(starts, min(edit.end, max(len(before) - 1, 0))) - 1
        if groups and first <= groups[-1][1] + 2 * n + 1:
            groups[-1][1] = max(groups[-1][1], last)
            groups[-1][2].append(edit)
        else:
            groups.append([first, last, [edit]])
    header = False
    shift = 0  # lines added minus lines removed by the groups before
    for first, last, group in groups:
        top = max(0, first - n)
        lo = starts[top]
        hi = starts[last + 1 + n] if last + 1 + n < len(starts) else len(before)
        a_text = before[lo:hi]
        b_text = apply_edits(a_text, [e.moved(e.start - lo, e.end - lo, e.original) for e in group])
        a, b = a_text.splitlines(keepends=True), b_text.splitlines(keepends=True)
        for i, line in enumerate(difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}", n=n)):
            if i < 2:  # the ---/+++ header, once for the file
                if not header:
                    yield line
                continue
            m = _HUNK.match(line.rstrip("\n")) if line.startswith("@@") else None
            if m:
                header = True
                line = (f"@@ -{_moved(m.group(1), m.group(2), top)} "
                        f"+{_moved(m.group(3), m.group(4), top + shift)} @@\n")
            yield line
        shift += len(b) - len(a)


def _moved(start: str, length: str | None, offset: int) -> str:
    """A unified-diff range ("start,length", as difflib writes it) moved down ``offset`` lines."""
    size = 1 if length is None else int(length)
    first = int(start) - 1 if size else int(start)  # 0-based start of the range
    begin = first + offset + 1
    if size == 1:
        return str(begin)
    if size == 0:
        begin -= 1
    return f"{begin},{size}"
