"""Runs a command over files: find them, clean each with its config, write or report.

Kept apart from the CLI so the CLI stays a thin layer of options, and so that a file's errors
(unreadable, binary, undecodable, a text that does not converge) are reported and the other files
still processed.

Files are cleaned in a pool of worker processes (``--jobs``, default: every core); each worker
builds its cleaners once and returns plain data. Each file is read, cleaned and (by ``fix``)
written by one worker, atomically; the results are reported in the order the files were named
(a folder's files sorted), whatever the number of workers. A cache (``cleaner/app/cache.py``) skips
files whose bytes and configuration have not changed since a previous run.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from dataclasses import dataclass
from typing import Iterator

from ..base.errors import CleanerError, InputError, RuleTimeout
from ..base.resources import rules_dir
from ..engine.core import Cleaner
from ..names import gazetteer_cache
from ..names.lexicon import preload
from ..output.printable import printable, printable_lines
from ..output.report import FileReport, github_error, github_lines, json_report, text_lines, unified_diff
from ..passes.languagetool import GrammarUnavailable, resolve_url
from ..text.document import is_markdown_path
from ..text.edits import Edit, apply_edits
from ..text.fileio import (decode, is_read_only, iter_files, link_leaves, read_bytes, read_snapshot, remove_stale_temps,
                           replace_if_unchanged, safe_output_path, write_atomic)
from . import accept
from .cache import Cache, default_cache_dir, entry_key, fingerprint
from .config import Config, Overrides, effective, find_config, load_config


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
    jobs: int | None = None  # None: every core
    cache: bool = True
    cache_dir: str | None = None
    output_dir: str | None = None  # fix: write cleaned copies here, originals untouched
    report: str | None = None  # write an HTML report here
    color: bool | None = None  # None: colour when standard output is a terminal
    show_fixes: bool = False
    force: bool = False  # fix: write read-only files too


class _Cleaners:
    """One Cleaner per distinct configuration, built on first use."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._cache: dict[Config, Cleaner] = {}
        self._fingerprints: dict[Config, str | None] = {}
        self._forced = load_config(options.config) if options.config else None
        self._grammar: dict[str | None, object] = {}  # server URL (None: local) -> GrammarPass
        if not options.cache:  # --no-cache: no cache read or written, the compiled gazetteer's too

            gazetteer_cache.disable()

    def config_for(self, path: str) -> Config:
        """The config for ``path``, with its matching ``[[per-path]]`` settings merged in."""
        config = self._forced if self._forced is not None else find_config(os.path.dirname(os.path.abspath(path)))
        return config.for_file(path)

    def input_config(self, path: str) -> Config:
        """The config for an input: a file, or '-' (standard input, named by --stdin-filename)."""
        if path != "-":
            return self.config_for(path)
        name = self.options.stdin_filename or "-"
        return self.config_for(name if name != "-" else os.path.join(os.getcwd(), "-"))

    def cleaner_for(self, config: Config) -> Cleaner:
        if config not in self._cache:
            o = self.options
            settings = effective(config, Overrides(rules=o.rules, gazetteers=o.gazetteers, select=o.select,
                                                   ignore=o.ignore, min_confidence=o.min_confidence,
                                                   unsafe_fixes=o.unsafe_fixes))
            grammar = self._grammar.get(self._grammar_url(config), None) if self._wants_grammar(config) else None
            cleaner = Cleaner(
                rules=list(settings["rules"].value),
                select=settings["select"].value,
                ignore=settings["ignore"].value,
                unsafe_fixes=settings["unsafe-fixes"].value,
                min_confidence=settings["min-confidence"].value,
                gazetteers=list(settings["gazetteers"].value),
                extra_passes=[grammar] if grammar is not None else [],
            )
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


@dataclass
class Task:
    path: str  # as the user named it (or found it in a folder)
    output: str | None = None  # where fix writes the cleaned copy (None: in place)


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


def _expand(paths: list[str], cleaners: _Cleaners, errors: list[str],
            output_dir: str | None = None, notes: list[str] | None = None) -> list[Task]:
    """The files to clean; a missing path is an error in ``errors``, a file named here but excluded by
    its configuration is added to ``notes`` (and said on stderr)."""
    tasks: list[Task] = []
    out = os.path.abspath(output_dir) if output_dir else None
    for path in paths:
        if path == "-":
            tasks.append(Task(path))
        elif os.path.isdir(path):
            if out and os.path.realpath(path) == os.path.realpath(out):
                raise CleanerError("the output folder is the folder being cleaned: it would overwrite the "
                                   "originals; choose another --output-dir", path=path)
            for f in sorted(iter_files(path), key=lambda f: f.split(os.sep)):  # sorted paths, whole tree
                if out and _inside(f, out):
                    continue  # a previous run's copies, inside the folder being cleaned
                if _leaves(f, path, errors):
                    continue
                if not cleaners.config_for(f).excludes(f):
                    rel = os.path.relpath(os.path.abspath(f), os.path.abspath(path))
                    tasks.append(Task(f, os.path.join(out, rel) if out else None))
        elif os.path.exists(path) or os.path.islink(path):
            if _leaves(path, None, errors):
                continue
            why = cleaners.config_for(path).exclusion(path)
            if why is None:
                tasks.append(Task(path, os.path.join(out, os.path.basename(path)) if out else None))
            else:  # named on the command line: say why it is not checked (and print no "0 of 0 files")
                if notes is not None:
                    notes.append(path)
                if not cleaners.options.quiet:
                    sys.stderr.write(f"cleaner: {path}: not checked: {why} (a config's exclude holds for "
                                     "files named one by one, as pre-commit names them)\n")
        else:
            errors.append(str(InputError("no such file or directory", path=path)))
    # the same file named twice (or through a link) is cleaned once
    seen: set[str] = set()
    unique = []
    for task in tasks:
        key = task.path if task.path == "-" else os.path.realpath(task.path)
        if key not in seen:
            seen.add(key)
            unique.append(task)
    return unique


def _leaves(path: str, root: str | None, errors: list[str]) -> bool:
    """A symbolic link out of the folder being cleaned (or, for a file named on the command line,
    out of its repository) is neither read nor written: an error names it (see SECURITY.md)."""
    target = link_leaves(path, root)
    if target is not None:
        where = f"the folder {root}" if root else "its repository (or folder)"
        errors.append(str(InputError(f"a symbolic link to {target}, outside {where}; left alone", path=path)))
    return target is not None


def _inside(path: str, folder: str) -> bool:
    path = os.path.abspath(path)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _check_outputs(tasks: list[Task], options: Options) -> None:
    """--output-dir: refuse, before anything is written, a plan that could touch an original."""
    if not options.output_dir:
        return
    if options.mode != "fix":
        raise CleanerError("--output-dir works with fix only (not with --diff or check)")
    targets: dict[str, str] = {}
    sources = {os.path.realpath(t.path) for t in tasks if t.path != "-"}
    for task in tasks:
        if task.path == "-":
            raise CleanerError("--output-dir cannot be used with '-' (standard input goes to standard output)")
        target = os.path.realpath(task.output)
        if target in sources:
            raise CleanerError("the output folder would overwrite an original; choose another --output-dir",
                               path=task.path)
        if target in targets:
            raise CleanerError(f"two files would be written to the same copy {task.output} "
                               f"(also {targets[target]})", path=task.path)
        targets[target] = task.path


# --- the work on one file (in a worker process, or in this one) -------------------------------

_state: tuple[Options, _Cleaners, object] | None = None


#: In a worker: set by the parent when the run stops early (Ctrl-C, a fatal error); the files not
#: yet begun are then skipped. None in the parent process.
_stop = None


def _init_worker(options: Options, cleaners: _Cleaners | None = None, stop=None) -> None:
    """Set up a worker: its cleaners (inherited when forked, else built here once) and the cache."""
    global _state, _stop

    _stop = stop

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt does
    signal.signal(signal.SIGTERM, _terminate)
    _setup(options, cleaners)


def _terminate(signum, frame):  # pragma: no cover - exercised by interrupting a run
    raise SystemExit(1)  # unwinds through write_atomic, which removes its temporary file


def _setup(options: Options, cleaners: _Cleaners | None) -> None:
    global _state
    cache = None
    if options.cache:
        cache = Cache(options.cache_dir or default_cache_dir())
    _state = (options, cleaners or _Cleaners(options), cache)


def _work_all(tasks: list[Task]) -> list[Outcome]:
    return [_work(task) for task in tasks]


def _work(task: Task) -> Outcome:
    if _stop is not None and _stop.is_set():  # the run was stopped: this file is left as it is
        return Outcome(task.path, error=f"{task.path}: not processed (the run was stopped)")
    options, cleaners, cache = _state
    try:
        return _process(task, options, cleaners, cache)
    except GrammarUnavailable as exc:  # the server went away: the files left stay untouched
        return Outcome(task.path, error=f"{task.path}: {exc}", fatal=True)
    except RuleTimeout as exc:  # a broken rule: it would stall on file after file
        return Outcome(task.path, error=f"{task.path}: {exc}; stopped, the files not yet cleaned are "
                                        "left as they were", fatal=True)
    except CleanerError as exc:
        if exc.path is None:  # e.g. a text that does not converge: name the file
            return Outcome(task.path, error=f"{task.path}: {exc}")
        return Outcome(task.path, error=str(exc))


def _process(task: Task, options: Options, cleaners: _Cleaners, cache) -> Outcome:
    path = task.path
    if path == "-":
        name = options.stdin_filename or "-"
        source = decode(_stdin_bytes(), "<stdin>", options.encoding)
        data = None
    else:
        name = path
        data, snapshot = read_snapshot(path)  # a regular file only: a named pipe would block
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
    _check_encodable(name, source, edits)
    report = FileReport(name, source.text, text, edits, suggestions)
    if options.mode == "fix" and path != "-":
        try:
            if task.output is not None:  # a mirror tree: every file gets its copy, changed or not
                target = safe_output_path(options.output_dir, task.output)  # no link on the way
                try:
                    mode = os.stat(path).st_mode
                except OSError:
                    mode = None
                write_atomic(target, source.encode(report.text) if report.changed else data, mode=mode,
                             follow=False)
            elif report.changed:
                if not options.force and is_read_only(path):
                    raise InputError("read-only; left as it was (--force writes it)", path=path)
                replace_if_unchanged(path, source.encode(report.text), snapshot, data)
        except OSError as exc:  # a read-only folder, a full disk: the file keeps its old content
            raise InputError(f"cannot write: {exc.strerror or exc}; left as it was",
                             path=task.output or path) from None
    return Outcome(name, report, cached=found is not None, source=source if path == "-" else None,
                   skipped=tuple(skipped))


def _read_bytes(path: str) -> bytes:
    # the bytes, not the text: the cache key is computed from them (a regular file only: a named
    # pipe would block, a device never end)
    return read_bytes(path)


def _check_encodable(name: str, source, edits: list[Edit]) -> None:
    """An edit that writes a character the file's encoding (``--encoding latin-1``) cannot hold
    is an error naming the rule and the line; the file is left as it was."""
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


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: Below this much text, starting worker processes costs more than it saves (unless --jobs asks).
PARALLEL_MIN_BYTES = 256 * 1024


def _start_pool(tasks: list[Task], options: Options, cleaners: _Cleaners):
    """A pool of worker processes when the work is worth it, else None (work in this process).

    Called before any thread (the progress bar's) is started: forking a threaded process is unsafe.
    """
    _setup(options, cleaners)
    files = [t for t in tasks if t.path != "-"]
    jobs = min(options.jobs or default_jobs(), len(files))
    if jobs <= 1 or cleaners.grammar:  # one LanguageTool connection, in this process
        return None
    if options.jobs is not None:  # asked for: no second-guessing
        size = PARALLEL_MIN_BYTES
    else:
        size = 0
    for t in files:
        if size >= PARALLEL_MIN_BYTES:
            break
        try:
            size += os.path.getsize(t.path)
        except OSError:
            pass
    if size < PARALLEL_MIN_BYTES:
        return None
    import multiprocessing  # lazy: only a run with several workers starts them

    # fork: the workers start with the cleaners already built here (no second load of the packs)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    inherited = ctx.get_start_method() == "fork"
    if inherited:
        _warm(cleaners)
        _freeze_loaded()
    stop = ctx.Event()
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(options, cleaners if inherited else None, stop))
    return pool, max(1, min(16, len(files) // (jobs * 8))), stop


#: Touches what the passes load on first use (gazetteer, name index, word tables, ftfy).
_WARM_UP = ("Vladimir Putin She met Narendra ModiAt the airport – When the newspaper Hindu said "
            "that Mark Ruti donâ€™t agree.\n")


def _warm(cleaners: _Cleaners) -> None:
    """Load, once and here, what every forked worker would otherwise load for itself."""

    preload()  # the word tables as dicts: a folder makes many look-ups
    for cleaner in cleaners.all():
        cleaner.context.index.preload()  # its tables too
        try:
            cleaner.clean(_WARM_UP)
        except CleanerError:
            pass  # a user rule that fails on this text fails, with its file's name, in the worker


def _freeze_loaded() -> None:
    """Move every object loaded so far (rule packs, gazetteers, name indexes, word tables) out of
    the garbage collector's reach: they live as long as the run, and each full collection would
    walk them all again. With a 100,000-entity gazetteer the collector took a third of the
    cleaning time (bench/entities.py, scaling). Called before forking workers (they inherit the
    frozen objects) or, working in this process, once the first file has loaded what it needs."""

    gc.freeze()


def _outcomes(tasks: list[Task], pool, progress=None) -> Iterator[Outcome]:
    """Process every task; yield the outcomes in the order of ``tasks``."""
    if pool is None:
        for number, task in enumerate(tasks):
            outcome = _work(task)
            if number == 0:
                _freeze_loaded()
            if progress:
                progress()
            yield outcome
        return
    pool, chunk, stop = pool
    files = [t for t in tasks if t.path != "-"]
    batches, pending = iter(()), []
    try:
        # chunks made here, not by imap(chunksize=): its flattening generator dies with a Ctrl-C,
        # and the outcomes of the files the workers finish after it would be lost
        batches = pool.imap(_work_all, [files[i:i + chunk] for i in range(0, len(files), chunk)])
        for task in tasks:
            if task.path == "-":
                outcome = _work(task)
            else:
                if not pending:
                    pending = list(reversed(next(batches)))
                outcome = pending.pop()
            if progress:
                progress()
            yield outcome
    except BaseException:
        # Stop without killing: each worker finishes the file in hand (its write is atomic) and
        # skips the rest. Pool.terminate() kills workers wherever they are, also in the middle of
        # sending a result, which can leave a partial message in the result pipe for the pool's
        # shutdown to wait on for ever: the likely cause of a hang after Ctrl-C that
        # tests/test_batch.py's interrupt test hit once in the suite.
        stop.set()
        _late.extend(reversed(pending))  # received, not yet reported
        try:  # what the workers finish meanwhile (the file in hand each) is known, not lost
            for batch in batches:
                _late.extend(batch)
        except BaseException:
            pass
        raise
    finally:
        pool.close()
        pool.join()


#: Outcomes that arrived after the run was stopped (Ctrl-C): listed with what was written.
_late: list[Outcome] = []


def _written(reports: list[FileReport], options: Options) -> list[str]:
    """The files ``fix`` wrote (or the copies it made) among ``reports`` and the late outcomes."""
    if options.mode != "fix":
        return []
    late = [o.report for o in _late if o.report is not None]
    return [r.path for r in reports + late if r.path != "-" and (r.changed or options.output_dir)]


# --- the run --------------------------------------------------------------------------------

def use_color(options: Options, stream=None) -> bool:
    """Colour output: asked for with --color, refused with --no-color or NO_COLOR, else on a terminal."""
    if options.color is not None:
        return options.color
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


_stdin: dict[str, object] = {}  # standard input, read once: "data", and "out" once written back


def _stdin_bytes() -> bytes:
    if "data" not in _stdin:
        _stdin["data"] = sys.stdin.buffer.read()
    return _stdin["data"]


def run(paths: list[str], options: Options) -> int:
    """Process ``paths``; returns the exit status.

    ``fix -`` is a filter: whatever goes wrong (a usage error, bytes that are not text), its
    input comes back on standard output unchanged, so an editor's buffer or a pipeline's file is
    never emptied; the error goes to standard error and the exit status is 2."""
    if options.mode != "fix" or "-" not in paths:
        return _run(paths, options)
    _stdin_bytes()  # read now: a usage error below still gives it back
    try:
        code = _run(paths, options)
    except BaseException:
        _give_stdin_back()
        raise
    if code == 2:
        _give_stdin_back()
    return code


def _give_stdin_back() -> None:
    if "out" not in _stdin and "data" in _stdin:
        sys.stdout.flush()
        sys.stdout.buffer.write(_stdin["data"])
        sys.stdout.buffer.flush()
        _stdin["out"] = True


def _run(paths: list[str], options: Options) -> int:
    cleaners = _Cleaners(options)
    errors: list[str] = []
    excluded: list[str] = []
    tasks = _expand(paths, cleaners, errors, options.output_dir, excluded)
    _check_outputs(tasks, options)
    try:
        cleaners.connect_grammar([t.path for t in tasks])
        return _run_tasks(tasks, options, cleaners, errors, quiet_summary=not tasks and bool(excluded))
    finally:
        cleaners.close()


def _run_tasks(tasks: list[Task], options: Options, cleaners: _Cleaners, errors: list[str],
               quiet_summary: bool = False) -> int:
    # Build every configuration's cleaner now: a broken rule pack stops the run before anything
    # is written, and forked workers inherit them ready-made.
    for task in tasks:
        config = cleaners.input_config(task.path)
        cleaners.cleaner_for(config)
        if options.cache and task.path != "-":
            cleaners.fingerprint(config)

    if options.mode == "fix":
        _remove_stale_temps(tasks)

    color = options.format == "text" and use_color(options)
    show_progress = (not options.quiet and len(tasks) > 1 and sys.stderr.isatty()
                     and not os.environ.get("CLEANER_NO_PROGRESS"))
    reports: list[FileReport] = []
    cached = 0
    found = False
    pool = _start_pool(tasks, options, cleaners)
    with _progress(len(tasks), show_progress) as advance:
        outcomes = _outcomes(tasks, pool, advance)
        try:
            for outcome in outcomes:
                if outcome.error is not None:
                    errors.append(outcome.error)
                    if outcome.fatal:
                        break
                    continue
                report = outcome.report
                reports.append(report)
                errors.extend(outcome.skipped)
                cached += outcome.cached
                if report.edits or (options.strict and report.suggestions):
                    found = True
                _emit(report, outcome.source, options, outcome.source is not None, color)
        except KeyboardInterrupt:
            outcomes.close()  # the workers finish the file in hand: those are written too
            written = _written(reports, options)
            if options.mode == "fix":
                sys.stderr.write(f"cleaner: interrupted; {len(written)} file{'s' * (len(written) != 1)} written"
                                 + "".join(f"\n  {printable(p)}" for p in written) + "\n")
            raise
        finally:
            outcomes.close()  # stops the workers when the loop ends early
    if options.mode == "fix":
        _remove_stale_temps(tasks)  # again: a killed run's workers may still have been exiting at the start

    if options.format == "json":
        applied = options.mode == "fix"
        sys.stdout.write(json_report(reports, errors, applied=applied) + "\n")
    elif options.format == "sarif":
        from ..output.sarif import sarif_report  # lazy: each output format loads only when chosen

        sys.stdout.write(sarif_report(reports, errors, cleaners, applied=options.mode == "fix") + "\n")
    elif options.format == "github":
        for error in errors:
            sys.stdout.write(github_error(error) + "\n")
    if _state is not None and _state[2] is not None:
        _state[2].prune()  # old entries, at most once a day
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
            _summary(reports, options)
    if errors:
        return 2
    if options.mode in ("check", "diff") and found:
        return 1
    return 0


def _remove_stale_temps(tasks: list[Task]) -> None:
    """A run killed mid-write (SIGKILL, power loss) leaves a temporary file beside the file it was
    replacing; the next run that writes to that folder removes it (before writing anything)."""
    folders = (os.path.dirname(os.path.realpath(t.output or t.path)) for t in tasks if t.path != "-")
    for folder in dict.fromkeys(folders):
        remove_stale_temps(folder)


class _progress:
    """A progress bar on standard error while files are processed (only on a terminal)."""

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


def _emit(report: FileReport, source, options: Options, is_stdin: bool, color: bool = False) -> None:
    out = sys.stdout
    if options.mode == "fix" and is_stdin:
        out.flush()
        sys.stdout.buffer.write(source.encode(report.text))
        sys.stdout.buffer.flush()
        _stdin["out"] = True
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
