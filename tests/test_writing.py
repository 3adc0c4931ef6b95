"""Writing safely (issue 14, items 2 and 3 and the read-only file of item 6).

- ``--output-dir`` never writes through a symbolic link already in the output folder, and never
  creates folders or files outside it through a linked folder (a symlink farm);
- ``fix`` never replaces a file that changed on disk while it was being cleaned: the user's edit
  stays, and a message says so;
- a read-only file is skipped with a message, unless ``--force``;
- a temporary file whose writer is a zombie (killed, not yet reaped) is stale.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

from cleaner.text.fileio import (TEMP_SUFFIX, ChangedOnDisk, read_snapshot, remove_stale_temps,
                                 replace_if_unchanged)
from conftest import ROOT, run_cli

DAMAGED = "The report– When it rains, it pours.\n"
CLEANED = "The report – when it rains, it pours.\n"


def tree(folder):
    """Every path under ``folder`` (links not followed) with its bytes, or the link's target."""
    out = {}
    for dirpath, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, folder)
            if os.path.islink(p):
                out[rel] = "-> " + os.readlink(p)
            elif os.path.isfile(p):
                out[rel] = open(p, "rb").read()
    return out


def test_a_symlink_farm_in_the_output_folder_gets_no_write_outside(tmp_path):
    src, out, outside = tmp_path / "src", tmp_path / "out", tmp_path / "outside"
    for folder in (src / "sub", src / "deep" / "er", out, outside / "dir"):
        folder.mkdir(parents=True)
    names = ["a.txt", "b.txt", "sub/c.txt", "deep/er/d.txt", "e.txt"]
    for name in names:
        (src / name).write_text(DAMAGED, encoding="utf-8")
    (outside / "victim.txt").write_text("mine\n", encoding="utf-8")
    # the farm: a link to a file outside, a dangling link, a linked folder, a linked parent folder
    (out / "a.txt").symlink_to(outside / "victim.txt")
    (out / "b.txt").symlink_to(outside / "new.txt")
    (out / "sub").symlink_to(outside / "dir")
    (out / "deep").symlink_to(outside)
    before = tree(outside)

    run = run_cli("fix", "--output-dir", out, src)
    err = run.stderr.decode()
    assert tree(outside) == before, "a write went outside the output folder"
    assert run.returncode == 2
    for name in ["a.txt", "b.txt", "sub/c.txt", "deep/er/d.txt"]:
        assert f"{name}" in err and "symbolic link" in err
    assert (out / "e.txt").read_text(encoding="utf-8") == CLEANED  # the rest is done
    assert all((src / n).read_text(encoding="utf-8") == DAMAGED for n in names)


def test_replace_if_unchanged_refuses_a_changed_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    data, snapshot = read_snapshot(str(article))
    with open(article, "a", encoding="utf-8") as handle:
        handle.write("A line the editor added.\n")
    with pytest.raises(ChangedOnDisk):
        replace_if_unchanged(str(article), CLEANED.encode(), snapshot, data)
    assert article.read_text(encoding="utf-8") == DAMAGED + "A line the editor added.\n"
    assert list(tmp_path.glob("*" + TEMP_SUFFIX)) == []
    # replaced by another file with the same bytes (an editor's save-by-rename): not ours either
    other = tmp_path / "b.txt"
    other.write_text(DAMAGED, encoding="utf-8")
    data, snapshot = read_snapshot(str(article))
    os.replace(other, article)
    with pytest.raises(ChangedOnDisk):
        replace_if_unchanged(str(article), CLEANED.encode(), snapshot, data)
    # unchanged: replaced
    data, snapshot = read_snapshot(str(article))
    replace_if_unchanged(str(article), CLEANED.encode(), snapshot, data)
    assert article.read_text(encoding="utf-8") == CLEANED


# `cleaner fix` with an editor at work: while the first file is being cleaned, a line is appended
# to it (the engine is wrapped to do so, as a person saving in an editor would).
EDITOR = r"""
import sys
import cleaner.engine.core as core
target = sys.argv[1]
real = core.Cleaner.clean
def clean(self, text, **k):
    result = real(self, text, **k)
    if "pours" in text and "editor" not in text:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("A line the editor added.\n")
    return result
core.Cleaner.clean = clean
from cleaner.app.cli import main
sys.argv = ["cleaner", "fix", "--no-cache", "--jobs", "1", *sys.argv[1:]]
main()
"""


def test_fix_leaves_a_file_edited_during_the_run_as_the_user_wrote_it(tmp_path):
    edited, other = tmp_path / "a.txt", tmp_path / "b.txt"
    edited.write_text(DAMAGED, encoding="utf-8")
    other.write_text("He met her– When it rained.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", EDITOR, str(edited), str(other)], env=env,
                         capture_output=True, timeout=120)
    err = run.stderr.decode()
    assert edited.read_text(encoding="utf-8") == DAMAGED + "A line the editor added.\n"
    assert run.returncode == 2 and f"{edited}: changed on disk" in err, err
    assert other.read_text(encoding="utf-8") == "He met her – when it rained.\n"


def test_a_read_only_file_is_skipped_unless_forced(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    article.chmod(0o444)
    run = run_cli("fix", "--no-cache", article)
    assert run.returncode == 2 and b"read-only" in run.stderr and b"--force" in run.stderr
    assert article.read_text(encoding="utf-8") == DAMAGED
    run = run_cli("fix", "--no-cache", "--force", article)
    assert run.returncode == 0, run.stderr.decode()
    assert article.read_text(encoding="utf-8") == CLEANED
    assert stat.S_IMODE(article.stat().st_mode) == 0o444  # its permissions are kept


def test_a_temporary_file_of_a_zombie_writer_is_stale(tmp_path):
    """A killed worker not yet reaped still has its pid: its temporary file is removed anyway."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(100):  # exited, not waited for: a zombie
        with open(f"/proc/{child.pid}/stat", "rb") as handle:
            if handle.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                break
        time.sleep(0.05)
    try:
        name = f".a.txt.{child.pid}.abc{TEMP_SUFFIX}"
        (tmp_path / name).write_text("partial")
        assert remove_stale_temps(str(tmp_path)) == [name]
    finally:
        child.wait()
