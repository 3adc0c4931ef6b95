"""Running a run's inputs in a pool of worker processes, or in this one.

A pool is started only when the work is worth it (``--jobs``, default: every core, and at
least PARALLEL_MIN_BYTES of text); forked workers inherit the cleaners already built (and the
objects they loaded, frozen out of the garbage collector's reach). :func:`outcomes` yields each
input's :class:`~cleaner.app.cleaning.Outcome` in the order the inputs were named, whatever the
number of workers. A rule that runs past its time limit is skipped for that file by the
engine; one that stalls the run, or a LanguageTool server that goes away, is a fatal outcome
(the files not yet begun are left alone). Ctrl-C stops without killing: each worker finishes
the file in hand (its write is atomic) and skips the rest, and what they finish is kept in
:data:`late` so that :func:`written` can list every file written.
"""

from __future__ import annotations

import gc
import os
import signal
from typing import Iterator

from ..base.errors import CleanerError, RuleTimeout
from ..names.lexicon import preload
from ..output.report import FileReport
from ..passes.languagetool import GrammarUnavailable
from .cache import Cache, default_cache_dir
from .cleaning import Cleaners, Outcome, process
from .discovery import Task
from .options import Options

#: This process's work: its options, cleaners and results cache (see :func:`setup`).
_state: tuple[Options, Cleaners, object] | None = None


#: In a worker: set by the parent when the run stops early (Ctrl-C, a fatal error); the files not
#: yet begun are then skipped. None in the parent process.
_stop = None


def _init_worker(options: Options, cleaners: Cleaners | None = None, stop=None) -> None:
    """Set up a worker: its cleaners (inherited when forked, else built here once) and the cache."""
    global _stop

    _stop = stop

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt does
    signal.signal(signal.SIGTERM, _terminate)
    setup(options, cleaners)


def _terminate(signum, frame):  # pragma: no cover - exercised by interrupting a run
    raise SystemExit(1)  # unwinds through write_atomic, which removes its temporary file


def setup(options: Options, cleaners: Cleaners | None) -> None:
    """Prepare this process to work: ``cleaners`` (built here when None) and, unless
    ``--no-cache``, the results cache."""
    global _state
    cache = None
    if options.cache:
        cache = Cache(options.cache_dir or default_cache_dir())
    _state = (options, cleaners or Cleaners(options), cache)


def prune_cache() -> None:
    """Drop the results cache's old entries (at most once a day), if this run used it."""
    if _state is not None and _state[2] is not None:
        _state[2].prune()


def _work_all(tasks: list[Task]) -> list[Outcome]:
    return [_work(task) for task in tasks]


def _work(task: Task) -> Outcome:
    if _stop is not None and _stop.is_set():  # the run was stopped: this file is left as it is
        return Outcome(task.path, error=f"{task.path}: not processed (the run was stopped)")
    options, cleaners, cache = _state
    try:
        return process(task, options, cleaners, cache)
    except GrammarUnavailable as exc:  # the server went away: the files left stay untouched
        return Outcome(task.path, error=f"{task.path}: {exc}", fatal=True)
    except RuleTimeout as exc:  # a broken rule: it would stall on file after file
        return Outcome(task.path, error=f"{task.path}: {exc}; stopped, the files not yet cleaned are "
                                        "left as they were", fatal=True)
    except CleanerError as exc:
        if exc.path is None:  # e.g. a text that does not converge: name the file
            return Outcome(task.path, error=f"{task.path}: {exc}")
        return Outcome(task.path, error=str(exc))


def default_jobs() -> int:
    """The number of workers when ``--jobs`` is not given: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: Below this much text, starting worker processes costs more than it saves (unless --jobs asks).
PARALLEL_MIN_BYTES = 256 * 1024


def start_pool(tasks: list[Task], options: Options, cleaners: Cleaners):
    """Set this process up to work (:func:`setup`), and return a pool of worker processes when the
    work is worth it, else None (work in this process). Give the result to :func:`outcomes`.

    Called before any thread (the progress bar's) is started: forking a threaded process is unsafe.
    """
    setup(options, cleaners)
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


def _warm(cleaners: Cleaners) -> None:
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


def outcomes(tasks: list[Task], pool, progress=None) -> Iterator[Outcome]:
    """Process every task (in ``pool``, from :func:`start_pool`, or here when it is None); yield
    the outcomes in the order of ``tasks``. ``progress()`` is called after each one. Closing the
    generator early (a fatal outcome, Ctrl-C) stops the workers once their file in hand is done."""
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
        late.extend(reversed(pending))  # received, not yet reported
        try:  # what the workers finish meanwhile (the file in hand each) is known, not lost
            for batch in batches:
                late.extend(batch)
        except BaseException:
            pass
        raise
    finally:
        pool.close()
        pool.join()


#: Outcomes that arrived after the run was stopped (Ctrl-C): listed with what was written.
late: list[Outcome] = []


def written(reports: list[FileReport], options: Options) -> list[str]:
    """The files ``fix`` wrote (or the copies it made) among ``reports`` and the late outcomes."""
    if options.mode != "fix":
        return []
    done = [o.report for o in late if o.report is not None]
    return [r.path for r in reports + done if r.path != "-" and (r.changed or options.output_dir)]
