"""What a run shows: each file's findings or changes as it is done, a progress bar on a
terminal, and at the end the JSON, SARIF or GitHub output, the HTML report, the errors and the
summary. How each form is rendered lives in ``cleaner/output/``; this module decides which goes
where (standard output or standard error) for the command that runs.
"""

from __future__ import annotations

import os
import sys

from ..output.printable import printable, printable_lines
from ..output.report import FileReport, github_error, github_lines, json_report, text_lines, unified_diff
from .cleaning import stdin
from .options import Options


def use_color(options: Options, stream=None) -> bool:
    """Colour output: asked for with --color, refused with --no-color or NO_COLOR, else on a terminal."""
    if options.color is not None:
        return options.color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def show_progress(options: Options, files: int) -> bool:
    """A progress bar for this run? Several files, not --quiet, standard error a terminal."""
    return (not options.quiet and files > 1 and sys.stderr.isatty()
            and not os.environ.get("CLEANER_NO_PROGRESS"))


class progress:
    """A progress bar on standard error while files are processed (only on a terminal); the
    context gives the function to call after each file (None when there is no bar)."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show, self.bar = total, show, None

    def __enter__(self):
        if not self.show:
            return None
        from rich.console import Console  # lazy: rich (~40 ms) only for a progress bar on a terminal
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # lazy: same

        self.bar = Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                            redirect_stdout=sys.stdout.isatty(), redirect_stderr=False)
        task = self.bar.add_task("clean", total=self.total)
        self.bar.start()
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def emit(report: FileReport, source, options: Options, is_stdin: bool, color: bool = False) -> None:
    """Show one file's result as soon as it is done; ``fix -`` writes the cleaned text itself to
    standard output (in the input's encoding) and the list of changes to standard error."""
    out = sys.stdout
    if options.mode == "fix" and is_stdin:
        out.flush()
        sys.stdout.buffer.write(source.encode(report.text))
        sys.stdout.buffer.flush()
        stdin.answered = True
        out = sys.stderr  # the list of changes goes to stderr
    if options.format == "github":
        for line in github_lines(report, mode=options.mode, strict=options.strict):
            out.write(line + "\n")
        return
    if options.format != "text":
        return
    if options.mode == "diff":
        if report.changed:
            if color:
                from ..output.term import render_findings  # lazy: rich (~40 ms) only for a terminal's output

                render_findings(report, include_suggestions=False, label="to make")
            else:
                diff = unified_diff(report.path, report.original, report.text, report.edits)
                sys.stdout.write(printable_lines(diff))  # terminals and CI logs alike; CRLF kept
        return
    detail = options.mode == "check" or options.show_fixes
    if color and detail and out is sys.stdout:
        from ..output.term import render_findings  # lazy: rich (~40 ms) only for a terminal's output

        render_findings(report, include_suggestions=True,
                        label="to make" if options.mode == "check" else "made")
        return
    for line in text_lines(report, detail=detail, include_suggestions=detail):
        out.write(line + "\n")


def interrupted(written: list[str], options: Options) -> None:
    """Ctrl-C during ``fix``: say how many files were written, and which."""
    if options.mode == "fix":
        sys.stderr.write(f"cleaner: interrupted; {len(written)} file{'s' * (len(written) != 1)} written"
                         + "".join(f"\n  {printable(p)}" for p in written) + "\n")


def finish(reports: list[FileReport], errors: list[str], options: Options, cleaners, *, cached: int = 0,
           quiet_summary: bool = False) -> None:
    """The end of a run: the whole-run output (JSON, SARIF, GitHub errors), the HTML report, the
    errors on standard error, and the summary (a table on a terminal). ``quiet_summary``: no
    "0 of 0 files" line (every file named was excluded, and said so)."""
    if options.format == "json":
        applied = options.mode == "fix"
        sys.stdout.write(json_report(reports, errors, applied=applied) + "\n")
    elif options.format == "sarif":
        from ..output.sarif import sarif_report  # lazy: each output format loads only when chosen

        sys.stdout.write(sarif_report(reports, errors, cleaners, applied=options.mode == "fix") + "\n")
    elif options.format == "github":
        for error in errors:
            sys.stdout.write(github_error(error) + "\n")
    if options.report:
        from ..output.html_report import write_report  # lazy: each output format loads only when chosen

        write_report(options.report, reports, errors, mode=options.mode)
        if not options.quiet:
            sys.stderr.write(f"cleaner: report written to {options.report} (open it in a browser)\n")
    for error in errors:
        sys.stderr.write(f"cleaner: error: {printable(error)}\n")  # a file name's newline stays on its line
    if not options.quiet and options.format in ("text", "github") and (reports or not (errors or quiet_summary)):
        if options.format == "text" and sys.stderr.isatty() and len(reports) > 1:
            from ..output.term import summary_table  # lazy: rich (~40 ms) only for a terminal's output

            summary_table(reports, options.mode, cached=cached, errors=len(errors),
                          color=use_color(options, sys.stderr))
        else:
            summary(reports, options)


def summary(reports: list[FileReport], options: Options) -> None:
    """One line on standard error: the edits applied (or that would be) in how many files."""
    edits = sum(len(r.edits) for r in reports)
    changed = sum(1 for r in reports if r.edits)
    suggestions = sum(len(r.suggestions) for r in reports)
    verb = {"fix": "applied", "diff": "would apply", "check": "would apply"}[options.mode]
    parts = [f"{verb} {edits} edit{'s' * (edits != 1)} in {changed} of {len(reports)} file{'s' * (len(reports) != 1)}"]
    if suggestions:
        parts.append(f"{suggestions} suggestion{'s' * (suggestions != 1)} not applied "
                     + ("(listed above; --unsafe-fixes applies them)" if options.mode == "check"
                        else "(see 'cleaner check')"))
    sys.stderr.write("cleaner: " + "; ".join(parts) + "\n")
