"""Cleaning one input of a run: its cleaner (one per configuration), the results cache, and
what ``fix`` then writes.

:class:`Cleaners` builds one Cleaner per distinct configuration (with the accept list and the
grammar pass the configuration asks for) and says what, besides a file's bytes, its result
depends on (the cache's fingerprint). :func:`clean_file` reads, decodes and cleans one input
(from the results cache when its bytes and configuration are unchanged); :func:`process` is
what a run's worker does with each input: clean it and, for ``fix``, write it
(``writing.py``). Used by the runner, ``review`` and the archive jobs alike.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from ..base.errors import InputError
from ..base.resources import rules_dir
from ..engine.core import Cleaner
from ..names import gazetteer_cache
from ..output.report import FileReport
from ..passes.languagetool import resolve_url
from ..text.document import is_markdown_path
from ..text.edits import Edit, apply_edits
from ..text.fileio import Snapshot, TextFile, decode, read_snapshot
from . import accept, writing
from .cache import entry_key, fingerprint
from .config import Config, resolve
from .discovery import Configs, Task
from .options import Options


class Cleaners:
    """One Cleaner per distinct configuration, built on first use."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.configs = Configs(options.config, options.stdin_filename)
        self._cache: dict[Config, Cleaner] = {}
        self._fingerprints: dict[Config, str | None] = {}
        self._grammar: dict[str | None, object] = {}  # server URL (None: local) -> GrammarPass
        if not options.cache:  # --no-cache: no cache read or written, the compiled gazetteer's too

            gazetteer_cache.disable()

    def config_for(self, path: str) -> Config:
        """The config for ``path``, with its matching ``[[per-path]]`` settings merged in."""
        return self.configs.for_path(path)

    def input_config(self, path: str) -> Config:
        """The config for an input: a file, or '-' (standard input, named by --stdin-filename)."""
        return self.configs.for_input(path)

    def cleaner_for(self, config: Config) -> Cleaner:
        """The Cleaner for ``config`` (built once; a broken rule pack is a CleanerError here)."""
        if config not in self._cache:
            grammar = self._grammar.get(self._grammar_url(config), None) if self._wants_grammar(config) else None
            cleaner = Cleaner(resolve(config, self.options.settings),
                              extra_passes=[grammar] if grammar is not None else [])
            if config.accept:
                cleaner = accept.accepting(cleaner, accept.load(config.accept))
            self._cache[config] = cleaner
        return self._cache[config]

    def _wants_grammar(self, config: Config) -> bool:
        o = self.options
        if o.grammar is not None:
            return o.grammar
        return bool(o.languagetool_url) or bool(config.grammar)  # a URL given on the command line asks for it

    def _grammar_url(self, config: Config) -> str | None:
        return resolve_url(self.options.languagetool_url, config.languagetool_url)

    @property
    def grammar(self) -> bool:
        """Is a LanguageTool server in use? (Its client is not shared with worker processes.)"""
        return bool(self._grammar)

    def connect_grammar(self, files: list[str]) -> None:
        """Connect to LanguageTool for every input that asks for grammar, before any file is touched;
        GrammarUnavailable (one line: why, and how to get it) when it cannot."""
        urls = {self._grammar_url(c) for c in map(self.input_config, files) if self._wants_grammar(c)}
        for url in sorted(urls, key=lambda u: u or ""):
            if url not in self._grammar:
                from ..passes.grammar import (  # lazy: the grammar pass and its LanguageTool client only when asked for
                    grammar_pass
                )

                self._grammar[url] = grammar_pass(url)

    def close(self) -> None:
        for grammar in self._grammar.values():
            grammar.client.close()

    def all(self) -> list[Cleaner]:
        """Every cleaner built so far (one per configuration met)."""
        return list(self._cache.values())

    def fingerprint(self, config: Config) -> str | None:
        """What, besides a file's bytes, decides its result under ``config`` (see cache.py);
        None when results are not to be cached (a LanguageTool server's answers are its own)."""
        if config not in self._fingerprints:
            cleaner = self.cleaner_for(config)
            if self._wants_grammar(config):
                self._fingerprints[config] = None
                return None
            files = [p.path for p in cleaner.packs]
            files += list(getattr(cleaner.context, "gazetteer_paths", []))
            files += [p for p in rules_dir().rglob("*") if p.is_file()]  # gazetteers, lexicon, other data
            if config.path:
                files.append(config.path)
            # the accept list changes results too (where one would be, in case it appears)
            files.append(config.accept or accept.path_for(config))
            files += [str(v) for v in vars(config).values() if isinstance(v, str) and os.path.isfile(v)]
            options = (sorted(r.id for r in cleaner.rules), cleaner.unsafe_fixes, cleaner.min_confidence,
                       [type(p).__name__ for p in cleaner.passes], self.options.encoding)
            self._fingerprints[config] = fingerprint(files=files, options=options)
        return self._fingerprints[config]


class StandardInput:
    """Standard input, read once (a usage error after reading it can still give it back), and
    whether something has been written back to standard output for it (``answered``)."""

    def __init__(self) -> None:
        self.data: bytes | None = None
        self.answered = False

    def read(self) -> bytes:
        if self.data is None:
            self.data = sys.stdin.buffer.read()
        return self.data


#: This process's standard input (``fix -``, ``check -``).
stdin = StandardInput()


@dataclass
class Cleaned:
    """One input, read and cleaned: what reporting and writing need of it."""

    report: FileReport  # path: the name it is reported under ('-': --stdin-filename, if given)
    source: TextFile  # the decoded input (its encoding and byte-order mark, to write it back)
    data: bytes | None  # the bytes read (None: standard input)
    snapshot: Snapshot | None  # the file as it was read (None: standard input)
    cached: bool = False  # the result came from the results cache
    skipped: tuple[str, ...] = ()  # rules skipped for this input (they timed out), each "name: why"


def clean_file(task: Task, options: Options, cleaners: Cleaners, cache=None) -> Cleaned:
    """Read (a regular file only: a named pipe would block), decode and clean one input with its
    configuration's cleaner; with a results ``cache``, reuse the result of the same bytes and
    configuration. Nothing is written. An unreadable file, bytes that are not text, or an edit
    the file's encoding cannot hold are an InputError naming the file."""
    path = task.path
    if path == "-":
        name = options.stdin_filename or "-"
        source = decode(stdin.read(), "<stdin>", options.encoding)
        data = snapshot = None
    else:
        name = path
        data, snapshot = read_snapshot(path)
        source = decode(data, path, options.encoding)
    config = cleaners.input_config(path)
    markdown = is_markdown_path(name)
    cleaner = cleaners.cleaner_for(config)
    found = key = None
    fingerprint = cleaners.fingerprint(config) if cache is not None and data is not None else None
    if fingerprint is not None:
        key = entry_key(fingerprint, data, markdown=markdown, encoding=options.encoding)
        found = cache.get(key, source.text, data)
    if found is not None:
        edits, suggestions = found
        try:
            text = apply_edits(source.text, edits)
        except ValueError:
            found = None
    skipped: list[str] = []
    if found is None:
        result = cleaner.clean(source.text, markdown=markdown)
        text, edits, suggestions = result.text, result.edits, result.suggestions
        skipped = [f"{name}: {why}" for why in result.skipped]
        if key is not None and not skipped:  # a timed-out rule is tried again next time
            cache.put(key, edits, suggestions, data)
    check_encodable(name, source, edits)
    report = FileReport(name, source.text, text, edits, suggestions)
    return Cleaned(report, source, data, snapshot, cached=found is not None, skipped=tuple(skipped))


def check_encodable(name: str, source: TextFile, edits: list[Edit]) -> None:
    """An edit that writes a character the file's encoding (``--encoding latin-1``) cannot hold
    is an InputError naming the rule and the line; the file is left as it was."""
    if source.encoding.lower().replace("_", "-").startswith(("utf-8", "utf8", "utf-16", "utf-32")):
        return
    for edit in edits:
        try:
            edit.replacement.encode(source.encoding)
        except UnicodeEncodeError as exc:
            char = edit.replacement[exc.start]
            raise InputError(f"{edit.rule} would write {char!r}, which {source.encoding} cannot encode; "
                             "left as it was (convert the file to UTF-8, or --ignore the rule)", path=name,
                             line=source.text.count("\n", 0, edit.start) + 1) from None


def write_fixed(task: Task, cleaned: Cleaned, options: Options, *, seen=writing.NOT_LOOKED) -> None:
    """What ``fix`` writes for a cleaned file: its copy under ``--output-dir`` (every file gets
    one, changed or not), or the file itself when cleaning changed it (see writing.py).
    ``seen``: what was at the copy's place before (``writing.look``), for the archive jobs."""
    report = cleaned.report
    if task.output is not None:  # a mirror tree
        data = writing.fixed_bytes(cleaned.source, report.text, cleaned.data)
        writing.write_copy(options.output_dir, task.output, data, mode=writing.mode_of(task.path), seen=seen)
    elif report.changed:
        writing.write_in_place(task.path, cleaned.source.encode(report.text), cleaned.snapshot, cleaned.data,
                               force=options.force)


@dataclass
class Outcome:
    """What processing one file gave: a report, or an error line; sent back from workers as plain data."""

    path: str
    report: FileReport | None = None
    error: str | None = None
    cached: bool = False
    fatal: bool = False  # stop: the files not yet processed are left alone
    source: object = None  # the TextFile, kept only for standard input (its bytes go to stdout)
    skipped: tuple[str, ...] = ()  # rules skipped for this file (timed out): reported as errors


def process(task: Task, options: Options, cleaners: Cleaners, cache=None) -> Outcome:
    """Clean one input and, for ``fix`` (a file, not standard input), write it. Errors are
    raised (CleanerError); the scheduler turns them into outcomes."""
    cleaned = clean_file(task, options, cleaners, cache)
    if options.mode == "fix" and task.path != "-":
        write_fixed(task, cleaned, options)
    return Outcome(cleaned.report.path, cleaned.report, cached=cleaned.cached,
                   source=cleaned.source if task.path == "-" else None, skipped=cleaned.skipped)
