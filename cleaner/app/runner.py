"""Runs a command (``fix``, ``fix --diff``, ``check``) over files: the composition of its parts.

Kept apart from the CLI so the CLI stays a thin layer of options, and so that a file's errors
(unreadable, binary, undecodable, a text that does not converge) are reported and the other files
still processed. A run:

1. finds its files and their configurations (``discovery.py``),
2. builds a cleaner per configuration, so a broken rule pack stops the run before anything is
   written (``cleaning.py``; a cache, ``cache.py``, skips files whose bytes and configuration
   have not changed since a previous run),
3. cleans the files in a pool of worker processes (``--jobs``, default: every core) or in this
   one (``scheduling.py``); each file is read, cleaned and (by ``fix``) written by one worker,
   atomically and with its checks (``writing.py``),
4. reports each file in the order the files were named (a folder's files sorted), whatever the
   number of workers, then the run's summary (``reporting.py``).
"""

from __future__ import annotations

import sys

from ..output.report import FileReport
from . import scheduling, writing
from .cleaning import Cleaners, stdin
from .discovery import Task, check_outputs, expand
from .options import Options
from .reporting import emit, finish, interrupted, progress, show_progress, use_color

__all__ = ["Options", "run"]


def run(paths: list[str], options: Options) -> int:
    """Process ``paths``; returns the exit status.

    ``fix -`` is a filter: whatever goes wrong (a usage error, bytes that are not text), its
    input comes back on standard output unchanged, so an editor's buffer or a pipeline's file is
    never emptied; the error goes to standard error and the exit status is 2."""
    if options.mode != "fix" or "-" not in paths:
        return _run(paths, options)
    stdin.read()  # read now: a usage error below still gives it back
    try:
        code = _run(paths, options)
    except BaseException:
        _give_stdin_back()
        raise
    if code == 2:
        _give_stdin_back()
    return code


def _give_stdin_back() -> None:
    if not stdin.answered and stdin.data is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin.data)
        sys.stdout.buffer.flush()
        stdin.answered = True


def _run(paths: list[str], options: Options) -> int:
    cleaners = Cleaners(options)
    errors: list[str] = []
    excluded: list[str] = []
    tasks = expand(paths, cleaners.configs, errors, options.output_dir, excluded, quiet=options.quiet)
    check_outputs(tasks, options)
    try:
        cleaners.connect_grammar([t.path for t in tasks])
        return _run_tasks(tasks, options, cleaners, errors, quiet_summary=not tasks and bool(excluded))
    finally:
        cleaners.close()


def _run_tasks(tasks: list[Task], options: Options, cleaners: Cleaners, errors: list[str],
               quiet_summary: bool = False) -> int:
    # Build every configuration's cleaner now: a broken rule pack stops the run before anything
    # is written, and forked workers inherit them ready-made.
    for task in tasks:
        config = cleaners.input_config(task.path)
        cleaners.cleaner_for(config)
        if options.cache and task.path != "-":
            cleaners.fingerprint(config)

    files = [t.output or t.path for t in tasks if t.path != "-"]
    if options.mode == "fix":
        writing.sweep_temps(files)

    color = options.format == "text" and use_color(options)
    reports: list[FileReport] = []
    cached = 0
    found = False
    pool = scheduling.start_pool(tasks, options, cleaners)
    with progress(len(tasks), show_progress(options, len(tasks))) as advance:
        outcomes = scheduling.outcomes(tasks, pool, advance)
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
                emit(report, outcome.source, options, outcome.source is not None, color)
        except KeyboardInterrupt:
            outcomes.close()  # the workers finish the file in hand: those are written too
            interrupted(scheduling.written(reports, options), options)
            raise
        finally:
            outcomes.close()  # stops the workers when the loop ends early
    if options.mode == "fix":
        writing.sweep_temps(files)  # again: a killed run's workers may still have been exiting at the start

    scheduling.prune_cache()  # old entries, at most once a day
    finish(reports, errors, options, cleaners, cached=cached, quiet_summary=quiet_summary)
    if errors:
        return 2
    if options.mode in ("check", "diff") and found:
        return 1
    return 0
