"""Archive jobs: what cleaner.dask and cleaner.spark share, and nothing of either (in the app
layer: it finds, cleans and writes files with the modules ``fix`` uses; the public modules are
cleaner/dask.py and cleaner/spark.py, which import from here).

A job cleans files (or texts) on workers that each build their cleaners once; this module holds
the per-worker state, the per-file work and the run report, in plain Python (no Dask, no Spark),
so the same code runs in a Dask worker, a Spark executor, or this process.

Files named by local path are found, cleaned and written by the very code ``cleaner fix
--output-dir`` runs (``discovery.expand``, ``cleaning.clean_file``, ``cleaning.write_fixed``: same
configuration discovery, per-path settings, accept lists, encodings, byte-order marks,
permissions), so an output tree is byte for byte the one ``fix`` writes. Files
named by an fsspec URL (``s3://bucket/articles/``, ``gs://…``, ``file:///…``) or a glob are read
and written through fsspec with the same decoding and encoding; their configuration is
``--config`` (or the defaults) unless the URL is local, when it is discovered as for a path.

Writes are atomic: a local file goes to a temporary file in its folder and is renamed (the
temporary file of a killed worker is removed by the next sweep, see :func:`sweep_temps`); an
object store's PUT is atomic already. A finished output is never written twice: a re-run, or a
task retried after its worker died, skips outputs that exist (``resume``). Local writes have
``fix``'s checks (``writing.py``): never through a symbolic link or outside the output folder,
and never over an output that appeared or changed after the job looked at its place.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..base.errors import CleanerError
from ..base.settings import Settings
from ..engine.core import Cleaner
from ..text.document import is_markdown_path
from ..text.edits import Edit
from ..text.fileio import TEMP_SUFFIX, TEXT_SUFFIXES, decode, remove_stale_temps
from . import writing
from .cleaning import Cleaners, check_encodable, clean_file, write_fixed
from .config import Config
from .discovery import Task, check_outputs, expand

#: The fields of an edit kept in archive outputs (Parquet, Spark, Dask dataframes).
EDIT_FIELDS = ("rule", "start", "end", "replacement", "confidence")


def edit_record(edit: Edit) -> dict[str, Any]:
    return {"rule": edit.rule, "start": edit.start, "end": edit.end, "replacement": edit.replacement,
            "confidence": float(edit.confidence)}


def edits_arrow_type():
    """The Arrow type of an ``edits`` column: list<struct<rule, start, end, replacement, confidence>>."""
    import pyarrow as pa

    return pa.list_(pa.struct([("rule", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                               ("replacement", pa.string()), ("confidence", pa.float64())]))


# --- texts: one Cleaner per worker process ---------------------------------------------------

@dataclass(frozen=True)
class TextSpec:
    """How to build a Cleaner for texts (small, hashable: it is what is shipped to workers, and the
    key of the worker's cleaner). The defaults build what :func:`cleaner.clean` uses."""

    settings: Settings = Settings()
    markdown: bool = False

    @classmethod
    def of(cls, *, markdown: bool = False, **settings) -> "TextSpec":
        """``settings``: the fields of Settings (rules, select, ignore, unsafe_fixes, min_confidence,
        gazetteers), as :func:`cleaner.clean` takes them."""
        return cls(Settings(**settings), bool(markdown))

    def build(self) -> Cleaner:
        return Cleaner(self.settings)


_lock = threading.Lock()
_text_cleaners: dict[TextSpec, Cleaner] = {}
_file_states: dict[str, "_FileState"] = {}
#: How many cleaners (text) and file states this process has built: tests check "once per worker".
builds: Counter = Counter()


def text_cleaner(spec: TextSpec) -> Cleaner:
    """This process's Cleaner for ``spec``, built on first use and kept for every later task."""
    cleaner = _text_cleaners.get(spec)
    if cleaner is None:
        with _lock:
            cleaner = _text_cleaners.get(spec)
            if cleaner is None:
                cleaner = spec.build()
                _text_cleaners[spec] = cleaner
                builds["text"] += 1
    return cleaner


def clean_texts(texts: Iterable[str | None], spec: TextSpec) -> tuple[list[str | None], list[list[dict] | None]]:
    """Clean each text with this process's cleaner: the cleaned texts and their edits (records).
    A missing text (None, NaN) stays missing, with no edits."""
    cleaner = text_cleaner(spec)
    cleaned: list[str | None] = []
    edits: list[list[dict] | None] = []
    for text in texts:
        if not isinstance(text, str):
            cleaned.append(None)
            edits.append(None)
            continue
        result = cleaner.clean(text, markdown=spec.markdown)
        cleaned.append(result.text)
        edits.append([edit_record(e) for e in result.edits])
    return cleaned, edits


# --- files ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileTask:
    source: str  # a local path as the user named it (or found it), or a path on ``Job.source_fs``
    output: str | None  # a tree's output (local path or path on ``Job.dest_fs``); None in Parquet mode
    name: str  # the name in reports and the Parquet ``path`` column (relative to the source root)


@dataclass
class Job:
    """What every worker needs for one run; shipped with each batch (small: options, two fsspec
    filesystems), its heavy state (cleaners) built once per worker process and found by ``token``."""

    options: Any  # options.Options (mode "fix", no results cache)
    dest: str  # the output folder (tree) or dataset folder (Parquet), as a path on dest_fs
    format: str = "tree"  # "tree" | "parquet"
    resume: bool = True
    source_fs: Any = None  # None: local paths, cleaned and written exactly as fix does
    dest_fs: Any = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


class _FileState:
    def __init__(self, job: Job) -> None:
        self.cleaners = Cleaners(job.options)
        self.files = 0

    def remote_cleaner(self, job: Job, task: FileTask) -> Cleaner:
        if is_local(job.source_fs):  # a local URL: its configuration as for a path
            config = self.cleaners.config_for(task.source)
        else:  # an object store: --config (or the defaults), no discovery
            config = self.cleaners.configs.forced or Config()
        return self.cleaners.cleaner_for(config)


def _state_for(job: Job) -> _FileState:
    state = _file_states.get(job.token)
    if state is None:
        with _lock:
            state = _file_states.get(job.token)
            if state is None:
                state = _FileState(job)
                _file_states.clear()  # one job's state at a time: a long-lived worker serves many jobs
                _file_states[job.token] = state
                builds["files"] += 1
    return state


def is_local(fs) -> bool:
    """Is ``fs`` (an fsspec filesystem; None: plain local paths) this machine's disk?"""
    if fs is None:
        return True
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def _record(task: FileTask, status: str, edits: Sequence[Edit] = (), error: str | None = None,
            changed: bool = False) -> dict:
    return {"path": task.name, "status": status, "changed": changed,
            "rules": dict(Counter(e.rule for e in edits)), "error": error}


def _exists(job: Job, path: str) -> bool:
    if job.dest_fs is None or is_local(job.dest_fs):
        return os.path.exists(path)
    return job.dest_fs.exists(path)


def _clean_one(job: Job, state: _FileState, task: FileTask, write: bool, seen=writing.NOT_LOOKED):
    """(record, row): clean one file, writing its copy when ``write`` (``seen``: what was at the
    copy's place before, see ``writing.look``); errors become records."""
    options = job.options
    try:
        if job.source_fs is None:  # a local path: what `fix --output-dir` does, to the byte
            local = Task(task.source, task.output if write else None)
            cleaned = clean_file(local, options, state.cleaners)
            if write:
                write_fixed(local, cleaned, options, seen=seen)
            text, edits = cleaned.report.text, cleaned.report.edits
        else:
            data = job.source_fs.cat_file(task.source)
            source = decode(data, task.name, options.encoding)
            cleaner = state.remote_cleaner(job, task)
            result = cleaner.clean(source.text, markdown=is_markdown_path(task.source))
            text, edits = result.text, result.edits
            check_encodable(task.name, source, edits)
            if write:
                _write(job, task.output, writing.fixed_bytes(source, text, data), seen)
    except CleanerError as exc:
        message = str(exc) if exc.path is not None else f"{task.name}: {exc}"
        return _record(task, "error", error=message), _error_row(task, message)
    except (OSError, ValueError) as exc:  # an unreadable object, a vanished file: this file only
        message = f"{task.name}: {type(exc).__name__}: {exc}"
        return _record(task, "error", error=message), _error_row(task, message)
    changed = bool(edits)
    state.files += 1
    if state.files == 1:
        gc.freeze()  # as a serial run does after its first file: what it loaded lives as long as the run
    return (_record(task, "cleaned", edits, changed=changed),
            {"path": task.name, "text": text, "changed": changed, "edits": [edit_record(e) for e in edits],
             "error": None})


def _error_row(task: FileTask, message: str) -> dict:
    return {"path": task.name, "text": None, "changed": False, "edits": None, "error": message}


def _write(job: Job, path: str, data: bytes, seen=writing.NOT_LOOKED) -> None:
    """Write an output (a tree's copy, a Parquet part) under ``job.dest``: locally as ``fix``
    writes a copy (writing.write_copy: atomic, no link on the way, not over what appeared since
    ``seen``), to an object store in one PUT."""
    fs = job.dest_fs
    if fs is None or is_local(fs):
        writing.write_copy(job.dest, path, data, seen=seen)
    else:
        fs.pipe_file(path, data)  # one PUT: an object store never shows half an object


def _look(job: Job, path: str):
    """What is at a local output's place now (``writing.look``); not looked at on an object store."""
    if job.dest_fs is None or is_local(job.dest_fs):
        return writing.look(path)
    return writing.NOT_LOOKED


def process_batch(tasks: Sequence[FileTask], job: Job, index: int = 0) -> list[dict]:
    """Clean a batch of files on this worker; a record for each (cleaned, done-before, error).

    Tree: each file's copy is written as soon as it is cleaned, skipped if it exists already.
    Parquet: the batch is one part file, written once every file of the batch is cleaned; a file
    with an error is a row with its ``error`` (and no text), so the dataset names every file.
    """
    state = _state_for(job)
    tasks = list(tasks)
    if job.format == "parquet":
        part = part_name(index, tasks)
        target = _join(job.dest, part)
        if job.resume and _exists(job, target):
            return [_record(t, "done-before") for t in tasks]
        seen = _look(job, target)
        records, rows = [], []
        for task in tasks:
            record, row = _clean_one(job, state, task, write=False)
            records.append(record)
            rows.append(row)
        _write(job, target, _parquet_bytes(rows), seen)
        return records
    records = []
    for task in tasks:
        if job.resume and _exists(job, task.output):
            records.append(_record(task, "done-before"))
            continue
        records.append(_clean_one(job, state, task, write=True, seen=_look(job, task.output))[0])
    return records


def part_name(index: int, tasks: Sequence[FileTask]) -> str:
    """A batch's Parquet part: its number and a digest of its files (a re-run with another file
    list does not take an old part for its own)."""
    digest = hashlib.sha1("\0".join(t.name for t in tasks).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"part-{index:05d}-{digest}.parquet"


def _parquet_bytes(rows: list[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("path", pa.string()), ("text", pa.string()), ("changed", pa.bool_()),
                        ("edits", edits_arrow_type()), ("error", pa.string())])
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def _join(folder: str, name: str) -> str:
    return folder.rstrip("/\\") + "/" + name if "://" in folder or "/" in folder else os.path.join(folder, name)


# --- planning (in the client) ---------------------------------------------------------------

_MAGIC = ("*", "?", "[")


def is_url(path: str) -> bool:
    return "://" in path


def plan(sources: Sequence[str], dest: str, options, *, format: str = "tree",
         resume: bool = True) -> tuple[Job, list[FileTask], list[str]]:
    """The job and its files for ``sources`` (folders, files, globs or fsspec URLs; all local, or
    all one URL's filesystem), and the errors met finding them (links out of the folder, missing
    files). Local folders and files are listed exactly as ``fix --output-dir`` lists them."""
    from dataclasses import replace

    if format not in ("tree", "parquet"):
        raise CleanerError(f"unknown output format {format!r} (tree or parquet)")
    if options.grammar or options.languagetool_url:
        raise CleanerError("the grammar pass (LanguageTool) is not available in archive jobs; "
                           "run without --grammar")
    if "-" in sources:
        raise CleanerError("archive jobs clean files, not standard input")
    options = replace(options, mode="fix", cache=False, output_dir=dest if format == "tree" else None, jobs=1,
                      report=None)
    errors: list[str] = []
    remote = any(is_url(s) or any(c in s for c in _MAGIC) for s in sources) or is_url(dest)
    if not remote:
        cleaners = Cleaners(options)
        tasks = expand(list(sources), cleaners.configs, errors, options.output_dir, quiet=options.quiet)
        if format == "tree":
            check_outputs(tasks, options)
        roots = [os.path.abspath(s) if os.path.isdir(s) else os.path.dirname(os.path.abspath(s)) for s in sources]
        files = []
        for t in tasks:
            name = t.path
            for root in roots:
                if os.path.abspath(t.path).startswith(root.rstrip(os.sep) + os.sep):
                    name = os.path.relpath(os.path.abspath(t.path), root)
                    break
            files.append(FileTask(t.path, t.output if format == "tree" else None, name.replace(os.sep, "/")))
        job = Job(options, os.path.abspath(dest), format, resume)
        return job, files, errors
    import fsspec

    source_fs = None
    files = []
    seen = set()
    for source in sources:
        fs, path = fsspec.core.url_to_fs(source)
        if source_fs is None:
            source_fs = fs
        elif fs is not source_fs and fs != source_fs:
            raise CleanerError("archive sources must all be on one filesystem", path=source)
        found, root = _list(fs, path)
        if not found:
            errors.append(f"{source}: no files found")
        for f in found:
            if f in seen:
                continue
            seen.add(f)
            rel = f[len(root):].lstrip("/") if root and f.startswith(root) else f.rsplit("/", 1)[-1]
            files.append((f, rel))
    dest_fs, dest_path = fsspec.core.url_to_fs(dest)
    dest_path = dest_path.rstrip("/")
    tasks = [FileTask(f, dest_path + "/" + rel if format == "tree" else None, rel) for f, rel in files]
    if format == "tree":
        targets = {}
        for task in tasks:
            if task.output in targets:
                raise CleanerError(f"two files would be written to the same copy {task.output}", path=task.source)
            targets[task.output] = task
            if dest_fs == source_fs and task.output == task.source:
                raise CleanerError("the output folder would overwrite an original; choose another destination",
                                   path=task.source)
    job = Job(options, dest_path, format, resume, source_fs=source_fs, dest_fs=dest_fs)
    return job, tasks, errors


def _list(fs, path: str) -> tuple[list[str], str]:
    """An fsspec path's article files (sorted) and the root their names are relative to."""
    def wanted(p: str) -> bool:
        parts = p.rstrip("/").split("/")
        return (parts[-1].lower().endswith(TEXT_SUFFIXES) and not parts[-1].endswith(TEMP_SUFFIX)
                and not any(part.startswith(".") for part in parts[len(root.rstrip("/").split("/")) if root else 0:]))

    if any(c in path for c in _MAGIC):
        head = path
        while any(c in head for c in _MAGIC):
            head = head.rsplit("/", 1)[0] if "/" in head else ""
        root = head
        found = [p for p in fs.glob(path) if fs.isfile(p)]
    elif fs.isdir(path):
        root = path.rstrip("/")
        found = fs.find(path)
    else:
        root = path.rsplit("/", 1)[0] if "/" in path else ""
        found = [path] if fs.exists(path) else []
    return sorted(p for p in found if wanted(p)), root


def batches(tasks: Sequence[FileTask], workers: int, batch_size: int | None = None) -> list[list[FileTask]]:
    """Cut the files into batches: about four per worker for small jobs, at most ``batch_size``
    (default 64) files each, so a dead worker's loss is small and the work stays balanced."""
    if not tasks:
        return []
    if batch_size is None:
        batch_size = max(1, min(64, -(-len(tasks) // (4 * max(1, workers)))))
    return [list(tasks[i:i + batch_size]) for i in range(0, len(tasks), batch_size)]


def sweep_temps(job: Job, tasks: Sequence[FileTask]) -> int:
    """Remove the temporary files a killed worker left in a local output tree (their writers are
    gone); the number removed. Object stores have none (a PUT is atomic)."""
    if job.dest_fs is not None and not is_local(job.dest_fs):
        return 0
    if job.format == "parquet":
        return len(remove_stale_temps(job.dest))
    return writing.sweep_temps(t.output for t in tasks)


# --- the run report -------------------------------------------------------------------------

@dataclass
class RunReport:
    """What a run did: files seen, cleaned, changed, already done (a re-run), the edits by rule,
    and each error with its file."""

    files: int = 0
    cleaned: int = 0
    changed: int = 0
    done_before: int = 0
    edits_by_rule: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    dest: str = ""

    @classmethod
    def of(cls, records: Iterable[dict], errors: Sequence[str] = (), **extra) -> "RunReport":
        report = cls(errors=list(errors), **extra)
        rules: Counter = Counter()
        for r in records:
            report.files += 1
            if r["status"] == "cleaned":
                report.cleaned += 1
                report.changed += r["changed"]
                rules.update(r["rules"])
            elif r["status"] == "done-before":
                report.done_before += 1
            else:
                report.errors.append(r["error"])
        report.edits_by_rule = dict(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])))
        return report

    @property
    def edits(self) -> int:
        return sum(self.edits_by_rule.values())

    def to_json(self) -> str:
        data = dict(vars(self))
        data["edits"] = self.edits
        return json.dumps(data, indent=2, ensure_ascii=False)

    def lines(self) -> list[str]:
        rate = f", {self.cleaned / self.seconds:.1f} files/s" if self.seconds and self.cleaned else ""
        out = [f"cleaned {self.cleaned} of {self.files} files ({self.changed} changed, {self.edits} edits; "
               f"{self.done_before} already done, {len(self.errors)} errors) in {self.seconds:.1f} s"
               f"{rate} on {self.workers} worker{'s' * (self.workers != 1)}"]
        if self.edits_by_rule:
            out.append("edits by rule: " + ", ".join(f"{rule} {n}" for rule, n in self.edits_by_rule.items()))
        out.extend(f"error: {e}" for e in self.errors)
        return out


def now() -> float:
    return time.perf_counter()
