"""Runs a command over files: find them, clean each with its config, write or report.

Kept apart from the CLI so the CLI stays a thin layer of options, and so that a file's errors
(unreadable, binary, undecodable) are reported and the other files still processed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .config import Config, find_config, load_config
from .document import is_markdown_path
from .engine import DEFAULT_MIN_CONFIDENCE, Cleaner
from .errors import CleanerError, InputError
from .fileio import decode, iter_files, read_text, write_atomic
from .languagetool import GrammarUnavailable, resolve_url
from .report import FileReport, github_error, github_lines, json_report, text_lines, unified_diff


@dataclass(frozen=True)
class Options:
    mode: str  # "fix" | "diff" | "check"
    format: str = "text"
    rules: tuple[str, ...] = ()
    config: str | None = None
    encoding: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float | None = None
    unsafe_fixes: bool = False
    stdin_filename: str | None = None
    quiet: bool = False
    strict: bool = False
    gazetteers: tuple[str, ...] = ()
    grammar: bool | None = None  # None: as the config says
    languagetool_url: str | None = None


class _Cleaners:
    """One Cleaner per distinct configuration, built on first use."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._cache: dict[Config, Cleaner] = {}
        self._forced = load_config(options.config) if options.config else None
        self._grammar: dict[str | None, object] = {}  # server URL (None: local) -> GrammarPass

    def config_for(self, path: str) -> Config:
        if self._forced is not None:
            return self._forced
        return find_config(os.path.dirname(os.path.abspath(path)))

    def input_config(self, path: str) -> Config:
        """The config for an input: a file, or '-' (standard input, named by --stdin-filename)."""
        if path != "-":
            return self.config_for(path)
        name = self.options.stdin_filename or "-"
        return self.config_for(name if name != "-" else os.path.join(os.getcwd(), "-"))

    def cleaner_for(self, config: Config) -> Cleaner:
        if config not in self._cache:
            o = self.options
            mc = o.min_confidence if o.min_confidence is not None else config.min_confidence
            grammar = self._grammar.get(self._grammar_url(config), None) if self._wants_grammar(config) else None
            self._cache[config] = Cleaner(
                rules=list(config.rules) + list(o.rules),
                select=o.select or config.select,
                ignore=tuple(config.ignore) + tuple(o.ignore),
                unsafe_fixes=o.unsafe_fixes or bool(config.unsafe_fixes),
                min_confidence=DEFAULT_MIN_CONFIDENCE if mc is None else mc,
                gazetteers=list(getattr(config, "gazetteers", ())) + list(o.gazetteers),
                extra_passes=[grammar] if grammar is not None else [],
            )
        return self._cache[config]

    def _wants_grammar(self, config: Config) -> bool:
        o = self.options
        if o.grammar is not None:
            return o.grammar
        return bool(o.languagetool_url) or bool(config.grammar)  # a URL given on the command line asks for it

    def _grammar_url(self, config: Config) -> str | None:
        return resolve_url(self.options.languagetool_url, config.languagetool_url)

    def connect_grammar(self, files: list[str]) -> None:
        """Connect to LanguageTool for every input that asks for grammar, before any file is touched;
        GrammarUnavailable (one line: why, and how to get it) when it cannot."""
        urls = {self._grammar_url(c) for c in map(self.input_config, files) if self._wants_grammar(c)}
        for url in sorted(urls, key=lambda u: u or ""):
            if url not in self._grammar:
                from .passes.grammar import grammar_pass  # imported only when asked for

                self._grammar[url] = grammar_pass(url)

    def close(self) -> None:
        for grammar in self._grammar.values():
            grammar.client.close()


def _expand(paths: list[str], cleaners: _Cleaners, errors: list[str]) -> list[str]:
    files: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            files.extend(f for f in iter_files(path) if not cleaners.config_for(f).excludes(f))
        elif os.path.exists(path) or os.path.islink(path):
            if not cleaners.config_for(path).excludes(path):
                files.append(path)
        else:
            errors.append(str(InputError("no such file or directory", path=path)))
    return files


def run(paths: list[str], options: Options) -> int:
    """Process ``paths``; returns the exit status."""
    cleaners = _Cleaners(options)
    errors: list[str] = []
    files = _expand(paths, cleaners, errors)
    try:
        cleaners.connect_grammar(files)
        return _run_files(files, options, cleaners, errors)
    finally:
        cleaners.close()


def _run_files(files: list[str], options: Options, cleaners: _Cleaners, errors: list[str]) -> int:
    reports: list[FileReport] = []
    found = False
    for path in files:
        try:
            report, source = _process(path, options, cleaners)
        except InputError as exc:
            errors.append(str(exc))
            continue
        except GrammarUnavailable as exc:  # the server went away: the files left stay untouched
            errors.append(f"{path}: {exc}")
            break
        reports.append(report)
        would_change = bool(report.edits)
        if would_change or (options.strict and report.suggestions):
            found = True
        _emit(report, source, options, path == "-")

    if options.format == "json":
        applied = options.mode == "fix"
        sys.stdout.write(json_report(reports, errors, applied=applied) + "\n")
    if options.format == "github":
        for error in errors:
            sys.stdout.write(github_error(error) + "\n")
    for error in errors:
        sys.stderr.write(f"cleaner: error: {error}\n")
    if not options.quiet and options.format in ("text", "github"):
        _summary(reports, options)
    if errors:
        return 2
    if options.mode in ("check", "diff") and found:
        return 1
    return 0


def _process(path: str, options: Options, cleaners: _Cleaners):
    if path == "-":
        name = options.stdin_filename or "-"
        source = decode(sys.stdin.buffer.read(), "<stdin>", options.encoding)
    else:
        name = path
        source = read_text(path, options.encoding)
    config = cleaners.input_config(path)
    result = cleaners.cleaner_for(config).clean(source.text, markdown=is_markdown_path(name))
    report = FileReport(name, result.original, result.text, result.edits, result.suggestions)
    if options.mode == "fix" and report.changed and path != "-":
        write_atomic(path, source.encode(report.text))
    return report, source


def _emit(report: FileReport, source, options: Options, is_stdin: bool) -> None:
    out = sys.stdout
    if options.mode == "fix" and is_stdin:
        out.flush()
        sys.stdout.buffer.write(source.encode(report.text))
        sys.stdout.buffer.flush()
        out = sys.stderr  # the list of changes goes to stderr
    if options.format == "json":
        return
    if options.format == "github":
        for line in github_lines(report, mode=options.mode, strict=options.strict):
            out.write(line + "\n")
        return
    if options.mode == "diff":
        if report.changed:
            sys.stdout.write(unified_diff(report.path, report.original, report.text))
        return
    if options.quiet:
        return
    detail = options.mode == "check"
    for line in text_lines(report, detail=detail, include_suggestions=detail):
        out.write(line + "\n")


def _summary(reports: list[FileReport], options: Options) -> None:
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
