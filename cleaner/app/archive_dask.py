"""The implementation of :mod:`cleaner.dask` (here, in the app layer, because ``cleaner fix --dask``
calls it and it cleans files as ``fix`` does, through cleaner/app/archive.py). Cleaning at
archive scale on Dask: a bag or a dataframe column of texts, or files (local paths, globs, any
fsspec URL) into an output tree or a Parquet dataset.

    from dask.distributed import Client
    import cleaner.dask
    client = Client("tcp://scheduler:8786")          # or LocalCluster(); or no client at all
    report = cleaner.dask.clean_files("s3://news/2024/", "s3://news-clean/2024/")
    print("\\n".join(report.lines()))
    cleaned = cleaner.dask.clean_dataframe(ddf, column="text")   # + "cleaned", "edits" columns

Each worker process builds its cleaner once (keyed by the options, kept between tasks); tasks
carry only the options and the file names. A file's output is written atomically; a file that
cannot be read or decoded is an error in the run report and the others are still cleaned; a
re-run (or a task retried after its worker died) skips the outputs that exist. The CLI:
``cleaner fix --dask tcp://scheduler:8786 SOURCE --output-dir DEST`` (``--dask local`` starts a
LocalCluster on this machine). Needs ``pip install "cleaner[dask]"``.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

from ..base.errors import CleanerError
from ..base.settings import Settings
from . import archive
from .archive import RunReport, TextSpec
from .options import Options


def _require():
    try:
        import dask  # noqa: F401
        import dask.bag  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the installation
        raise CleanerError('Dask is not installed: pip install "cleaner[dask]"') from None


# --- texts ----------------------------------------------------------------------------------

def _clean_partition(texts, spec: TextSpec):
    cleaned, edits = archive.clean_texts(list(texts), spec)
    return [{"cleaned": c, "edits": e} for c, e in zip(cleaned, edits)]


def clean_bag(bag, *, markdown: bool = False, **options):
    """A bag of ``{"cleaned": str, "edits": [{rule, start, end, replacement, confidence}]}``, one
    per text of ``bag``, as :func:`cleaner.clean` gives (``options``: its keyword arguments)."""
    _require()
    spec = TextSpec.of(markdown=markdown, **options)
    return bag.map_partitions(_clean_partition, spec)


def _clean_frame(frame, column: str, spec: TextSpec):
    import pandas as pd

    cleaned, edits = archive.clean_texts(frame[column].tolist(), spec)
    out = frame.copy()
    out["cleaned"] = pd.Series(cleaned, index=frame.index, dtype=object)
    out["edits"] = pd.Series(edits, index=frame.index, dtype=object)
    return out


def clean_dataframe(ddf, column: str = "text", *, markdown: bool = False, **options):
    """``ddf`` with a ``cleaned`` column (the text as :func:`cleaner.clean` gives it) and an
    ``edits`` column (a list of ``{rule, start, end, replacement, confidence}`` per row)."""
    _require()
    import pandas as pd

    spec = TextSpec.of(markdown=markdown, **options)
    meta = ddf._meta.copy()
    meta["cleaned"] = pd.Series([], dtype=object)
    meta["edits"] = pd.Series([], dtype=object)
    return ddf.map_partitions(_clean_frame, column, spec, meta=meta)


# --- files ----------------------------------------------------------------------------------

def clean_files(sources: str | Sequence[str], dest: str, *, format: str = "tree", resume: bool = True,
                client=None, batch_size: int | None = None, options=None, progress: bool = False,
                **cleaner_options) -> RunReport:
    """Clean ``sources`` (folders, files, globs, fsspec URLs) into ``dest`` and return the report.

    ``format="tree"``: a mirror tree, each file byte for byte what ``cleaner fix --output-dir``
    writes. ``format="parquet"``: a dataset of part files with columns ``path`` (relative to the
    source folder), ``text`` (cleaned), ``changed``, ``edits`` (list of struct rule, start,
    end, replacement, confidence) and ``error`` (a file that could not be cleaned: no text). ``client``: a dask.distributed Client (default: the current
    one, else Dask's default scheduler). ``options``: an ``options.Options`` (the CLI's); else
    ``cleaner_options`` (rules, select, ignore, unsafe_fixes, min_confidence, gazetteers, config,
    encoding) build one.
    """
    _require()
    import dask
    import dask.bag as db

    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = [os.fspath(s) for s in sources]
    if options is None:
        options = _as_options(cleaner_options)
    start = archive.now()
    job, tasks, errors = archive.plan(sources, os.fspath(dest), options, format=format, resume=resume)
    client = client if client is not None else _current_client()
    workers = _worker_count(client)
    parts = archive.batches(tasks, workers, batch_size)
    if job.format == "parquet" and (job.dest_fs is None or archive.is_local(job.dest_fs)):
        os.makedirs(job.dest, exist_ok=True)
    archive.sweep_temps(job, tasks)  # a previous killed run's leftovers
    records: list[dict] = []
    if parts and client is not None:
        records = _run_on_client(client, job, parts, progress)
    elif parts:  # no distributed client: Dask's own scheduler, worker processes on this machine
        bag = db.from_sequence(list(enumerate(parts)), npartitions=len(parts))
        with dask.config.set(scheduler="processes"):
            records = bag.map_partitions(_run_batches, job).compute()
    records.sort(key=lambda r: r["path"])
    archive.sweep_temps(job, tasks)  # a worker killed mid-write left its temporary file
    return RunReport.of(records, errors, seconds=archive.now() - start, workers=workers, dest=os.fspath(dest))


def _run_batches(numbered, job):
    out = []
    for index, batch in numbered:
        out.extend(archive.process_batch(batch, job, index))
    return out


def _batch(numbered, job):
    index, batch = numbered
    return archive.process_batch(batch, job, index)


def _run_on_client(client, job, parts, progress: bool) -> list[dict]:
    """One task per batch; each batch's records are brought here as soon as it is done and its
    result released, so a worker that dies later takes no finished batch's record with it (the
    scheduler reruns only the batches it had in hand, and those skip the outputs written)."""
    from distributed import as_completed

    futures = client.map(_batch, list(enumerate(parts)), job=job, pure=False)
    records: list[dict] = []
    done = 0
    for future in as_completed(futures):
        records.extend(future.result())
        future.release()
        done += 1
        if progress:
            sys.stderr.write(f"\rcleaner: {done}/{len(parts)} batches")
            sys.stderr.flush()
    if progress:
        sys.stderr.write("\n")
    return records


def _as_options(given: dict):
    """``clean_files``' keyword arguments as the CLI's Options: the fields of Settings, and
    ``config`` and ``encoding``."""
    known = set(Settings.__dataclass_fields__) | {"config", "encoding"}
    unknown = set(given) - known
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    settings = Settings(**{k: v for k, v in given.items() if k in Settings.__dataclass_fields__})
    config = given.get("config")
    return Options(mode="fix", settings=settings, config=None if config is None else os.fspath(config),
                   encoding=given.get("encoding"))


def _current_client():
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def _worker_count(client) -> int:
    if client is None:
        return os.cpu_count() or 1
    try:
        return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    except Exception:  # pragma: no cover - an unusual scheduler
        return 1


#: Worker settings for clusters this module starts: the statistical profiler samples the task
#: thread every 10 ms and the system monitor polls every 0.5 s, CPU that a busy archive job pays on
#: every worker (the profiler was a sixth of the worker's CPU time beside the cleaning itself, on
#: bench/archive.py). Set them in the workers' Dask config for a cluster started elsewhere.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.system-monitor.interval": "2s"}


def local_cluster(workers: int | None = None):
    """A LocalCluster with one single-threaded worker process per core (``workers`` of them): the
    cleaning is CPU-bound Python, so threads would share one GIL."""
    import dask
    from distributed import LocalCluster

    if not workers:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with dask.config.set(WORKER_CONFIG):  # the nannies pass this config on to their workers
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")


def run_fix(paths: list[str], options, address: str) -> int:
    """``cleaner fix --dask ADDRESS PATHS --output-dir DEST``: the CLI's entry; the exit status
    (0, or 2 when a file had an error: the others are still written)."""
    _require()
    if options.mode != "fix":
        raise CleanerError("--dask works with fix (not with --diff)")
    if not options.output_dir:
        raise CleanerError("--dask writes cleaned copies: give --output-dir DEST (the originals stay untouched)")
    if options.report:
        raise CleanerError("--report is not available with --dask (the run report is printed; --format json)")
    if options.format not in ("text", "json"):
        raise CleanerError(f"--format {options.format} is not available with --dask (text or json)")
    from distributed import Client

    cluster = None
    if address == "local":
        cluster = local_cluster(options.jobs)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        report = clean_files(paths, options.output_dir, options=options, client=client,
                             progress=not options.quiet and sys.stderr.isatty())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if options.format == "json":
        sys.stdout.write(report.to_json() + "\n")
    for line in report.lines():
        if line.startswith("error: "):
            sys.stderr.write(f"cleaner: {line}\n")
        elif not options.quiet:
            sys.stderr.write(f"cleaner: {line}\n")
    return 2 if report.errors else 0
