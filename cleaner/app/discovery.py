"""Which files a run cleans, with which configuration, and where ``fix --output-dir`` writes them.

:func:`expand` turns the paths a user named (files, folders, ``-``) into :class:`Task` s: a
folder's article files sorted (its .gitignore respected), each file once however often it was
named, the files a configuration's ``exclude`` leaves out left out (said on stderr when the
file was named on its own), and a symbolic link that leads out of the folder being cleaned
reported as an error rather than followed (see SECURITY.md). :class:`Configs` finds the
configuration of each input; :func:`check_outputs` refuses, before anything is written, an
``--output-dir`` plan that could touch an original.

Used by the runner (``fix``, ``check``), ``review`` and the archive jobs alike.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from ..base.errors import CleanerError, InputError
from ..text.fileio import iter_files, link_leaves
from .config import Config, find_config, load_config
from .options import Options


class Configs:
    """The configuration of each input: the one ``--config`` names, or the nearest above the
    file, with the file's ``[[per-path]]`` settings merged in."""

    def __init__(self, config: str | None = None, stdin_filename: str | None = None) -> None:
        self.forced = load_config(config) if config else None
        self.stdin_filename = stdin_filename

    def for_path(self, path: str) -> Config:
        """The config for ``path``, with its matching ``[[per-path]]`` settings merged in."""
        config = self.forced if self.forced is not None else find_config(os.path.dirname(os.path.abspath(path)))
        return config.for_file(path)

    def for_input(self, path: str) -> Config:
        """The config for an input: a file, or '-' (standard input, named by --stdin-filename)."""
        if path != "-":
            return self.for_path(path)
        name = self.stdin_filename or "-"
        return self.for_path(name if name != "-" else os.path.join(os.getcwd(), "-"))


@dataclass
class Task:
    """One input of a run."""

    path: str  # as the user named it (or found it in a folder); '-' for standard input
    output: str | None = None  # where fix writes the cleaned copy (None: in place)


def expand(paths: list[str], configs: Configs, errors: list[str], output_dir: str | None = None,
           notes: list[str] | None = None, *, quiet: bool = False) -> list[Task]:
    """The files to clean, in order. A missing path (or a link out of its folder) is an error
    added to ``errors``; a file named here but excluded by its configuration is added to
    ``notes`` and, unless ``quiet``, said on stderr. With ``output_dir``, each task carries the
    place of its copy (the folder's tree mirrored under ``output_dir``)."""
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
                if not configs.for_path(f).excludes(f):
                    rel = os.path.relpath(os.path.abspath(f), os.path.abspath(path))
                    tasks.append(Task(f, os.path.join(out, rel) if out else None))
        elif os.path.exists(path) or os.path.islink(path):
            if _leaves(path, None, errors):
                continue
            why = configs.for_path(path).exclusion(path)
            if why is None:
                tasks.append(Task(path, os.path.join(out, os.path.basename(path)) if out else None))
            else:  # named on the command line: say why it is not checked (and print no "0 of 0 files")
                if notes is not None:
                    notes.append(path)
                if not quiet:
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


def check_outputs(tasks: list[Task], options: Options) -> None:
    """--output-dir: refuse, before anything is written, a plan that could touch an original
    (or write two files to one copy); a CleanerError says which."""
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
