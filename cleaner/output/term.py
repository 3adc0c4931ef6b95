"""What a person sees on a terminal: changes in colour, word by word, each with its reason beneath.

Used only when standard output is a terminal (or with ``--color``); pipes get the plain formats of
``report.py``, unchanged. Each finding is shown as ``path:line:col`` (a link most terminals and
editors open), then the words it touches in their sentence, the old words struck through in red and
the new ones in green (a suggestion's in yellow), then its rule, fix safety, confidence and reason.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..text.edits import Edit, findings
from .printable import printable
from .report import FileReport, line_index

CONTEXT = 40  # characters of context on either side of a change
LONG = 120  # a removed or inserted text longer than this is shown shortened


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the whole words it touches, so that "W" -> "w" shows as
    "When" -> "when" and an inserted space as "Hindu–" -> "Hindu –". Changes across lines
    (a removed paragraph) are shown as they are."""
    if "\n" in text[start:end]:
        return start, end
    limit = 30
    s = start
    while s > 0 and start - s < limit and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and e - end < limit and not text[e].isspace():
        e += 1
    return s, e


def _shorten(s: str) -> str:
    s = printable(s.replace("\r", "").replace("\n", "⏎").replace("\t", "⇥"))
    if len(s) > LONG:
        s = s[: LONG // 2 - 1] + " … " + s[-(LONG // 2 - 2):]
    return s


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - CONTEXT):start]
    right = text[end:min(line_end, end + CONTEXT)]
    if start - CONTEXT > line_start:
        cut = left.find(" ")
        left = "…" + (left[cut + 1:] if 0 <= cut < 15 else left)
    if end + CONTEXT < line_end:
        cut = right.rfind(" ")
        right = (right[:cut] if cut > len(right) - 15 else right) + "…"
    return printable(left.replace("\r", "")), printable(right.replace("\r", ""))


def finding_text(text: str, edit: Edit, *, applied: bool):
    """A rich Text: the change in its sentence, with old and new words marked."""

    s, e = word_span(text, edit.start, edit.end)
    if "\n" in edit.replacement:
        s, e = edit.start, edit.end
    before = text[s:e]
    after = text[s:edit.start] + edit.replacement + text[edit.end:e]
    left, right = _context(text, s, e)
    out = Text()
    out.append(left, style="dim")
    new_style = "bold green" if applied else "bold yellow"
    if before:
        out.append(_shorten(before), style="red strike" if before.strip() else "on red")
    if before and after:
        out.append(" → ", style="dim")
    if after:
        out.append(_shorten(after), style=new_style if after.strip() else new_style.replace("bold ", "on "))
    elif not before:
        out.append("∅", style="dim")
    if not after:
        out.append(" (removed)", style="dim italic")
    out.append(right, style="dim")
    return out


def finding_plain(text: str, edit: Edit) -> str:
    """The change in its sentence without colour: old words in [-...-], new ones in {+...+}."""
    s, e = word_span(text, edit.start, edit.end)
    if "\n" in edit.replacement:
        s, e = edit.start, edit.end
    before = text[s:e]
    after = text[s:edit.start] + edit.replacement + text[edit.end:e]
    left, right = _context(text, s, e)
    out = left
    if before:
        out += "[-" + _shorten(before) + "-]"
    if after:
        out += "{+" + _shorten(after) + "+}"
    return out + right


def reason_text(edit: Edit, *, applied: bool):
    out = Text()
    out.append("└ ", style="dim")
    out.append(printable(edit.rule), style="bold cyan")
    safety = edit.applicability if applied else "suggestion"
    out.append(f" · {safety} · {edit.confidence:.2f} · ", style="dim" if applied else "yellow")
    out.append(printable(edit.message))
    return out


def console(stream=None, *, color: bool = True):
    return Console(file=stream, force_terminal=color or None, no_color=not color, highlight=False,
                   soft_wrap=False, emoji=False, markup=False)


def render_findings(report: FileReport, *, include_suggestions: bool, label: str, stream=None) -> None:
    """Print every change of ``report`` (and its suggestions) the readable way."""


    con = console(stream or sys.stdout)
    items = findings(report.edits, report.suggestions if include_suggestions else ())
    if not items:
        return
    line_col = line_index(report.original)
    for edit, applied in items:
        line, col = line_col(edit.start)
        head = Text(f"{printable(report.path)}:{line}:{col}", style="bold")
        if not applied:
            head.append("  suggestion, not applied", style="yellow")
        con.print(head)
        con.print(Text("  ").append_text(finding_text(report.original, edit, applied=applied)))
        con.print(Text("  ").append_text(reason_text(edit, applied=applied)))
    n, m = len(report.edits), len(report.suggestions) if include_suggestions else 0
    path = printable(report.path)
    tail = f"{path}: {n} change{'s' * (n != 1)} {label}" if n else f"{path}: no change {label}"
    if m:
        tail += f", {m} suggestion{'s' * (m != 1)}"
    con.print(Text(tail, style="dim"))
    con.print()


def rule_counts(reports: list[FileReport], which: str = "edits") -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in reports:
        for e in getattr(r, which):
            for rule in e.rule.split("+"):
                counts[rule] = counts.get(rule, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def summary_table(reports: list[FileReport], mode: str, *, cached: int = 0, errors: int = 0,
                  color: bool = True, stream=None) -> None:
    """The end of a run on a terminal: files scanned and changed, edits by rule, suggestions left."""

    con = console(stream or sys.stderr, color=color)
    verb = {"fix": "changed", "diff": "would change", "check": "would change"}[mode]
    edits = sum(len(r.edits) for r in reports)
    suggestions = sum(len(r.suggestions) for r in reports)
    table = Table(title="cleaner: summary", title_justify="left", show_header=False, box=None,
                  padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("files scanned", str(len(reports)))
    if cached:
        table.add_row("  unchanged since last run (cached)", str(cached), style="dim")
    table.add_row(f"files {verb}", str(sum(1 for r in reports if r.edits)))
    table.add_row(f"edits {'applied' if mode == 'fix' else 'to apply'}", str(edits))
    for rule, count in rule_counts(reports).items():
        table.add_row(f"  {printable(rule)}", str(count), style="cyan")
    table.add_row("suggestions left", str(suggestions), style="yellow" if suggestions else None)
    for rule, count in rule_counts(reports, "suggestions").items():
        table.add_row(f"  {printable(rule)}", str(count), style="yellow")
    if errors:
        table.add_row("errors (listed above)", str(errors), style="bold red")
    con.print(table)
    if suggestions:
        con.print("Review the suggestions one by one: cleaner review PATH", style="dim")
