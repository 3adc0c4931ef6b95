"""The archive jobs (cleaner.dask, cleaner.spark, ``fix --dask``) write with fix's checks
(issue 14, items 2 and 3; issue 13: one writing module, cleaner/app/writing.py).

- never through a symbolic link already in the output folder, nor outside it through a linked
  folder: for local sources (cleaned as ``fix --output-dir`` cleans them), file:// URLs (read
  through fsspec) and Parquet parts alike;
- never over an output that appeared (another writer, a user) while its file was being cleaned.

The jobs run here in this process (archive.plan and archive.process_batch, what each Dask
worker or Spark executor runs): no cluster needed.
"""

from __future__ import annotations

import os

import pytest

from cleaner.app import archive
from cleaner.app.options import Options
from cleaner.engine.core import Cleaner
from test_writing import DAMAGED, tree

CLEANED = "The report – when it rains, it pours.\n"


@pytest.fixture(autouse=True)
def _compiled_cache_stays_on(monkeypatch):
    """An archive job runs without caches (Options(cache=False)), which turns the compiled cache
    off for the rest of its process (base/compiled.disable): here, only for this test."""
    from cleaner.base import compiled

    monkeypatch.setattr(compiled, "_disabled", compiled._disabled)


def _sources(kind: str, src) -> list[str]:
    if kind == "url":
        pytest.importorskip("fsspec")
        return ["file://" + str(src)]
    return [str(src)]


def _run(sources, dest, **plan):
    job, tasks, errors = archive.plan(sources, str(dest), Options(mode="fix"), **plan)
    records = []
    for index, batch in enumerate(archive.batches(tasks, 1)):
        records += archive.process_batch(batch, job, index)
    return {r["path"]: r for r in records}, errors


@pytest.mark.parametrize("kind", ["path", "url"])
def test_an_archive_tree_gets_no_write_through_a_link_in_the_output_folder(tmp_path, kind):
    src, out, outside = tmp_path / "src", tmp_path / "out", tmp_path / "outside"
    for folder in (src / "sub", out, outside / "dir"):
        folder.mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.txt", "d.txt"):
        (src / name).write_text(DAMAGED, encoding="utf-8")
    (outside / "victim.txt").write_text("mine\n", encoding="utf-8")
    (out / "a.txt").symlink_to(outside / "victim.txt")  # a link to a file outside
    (out / "b.txt").symlink_to(outside / "new.txt")  # a dangling link
    (out / "sub").symlink_to(outside / "dir")  # a linked folder
    before = tree(outside)

    records, errors = _run(_sources(kind, src), out, resume=False)

    assert tree(outside) == before, "a write went outside the output folder"
    assert not errors
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        assert records[name]["status"] == "error" and "symbolic link" in records[name]["error"], records[name]
    assert records["d.txt"]["status"] == "cleaned"  # the other files are still written
    assert (out / "d.txt").read_text(encoding="utf-8") == CLEANED
    assert os.readlink(out / "a.txt") == str(outside / "victim.txt")  # the links are left as they were


def test_a_parquet_part_is_not_written_through_a_link(tmp_path):
    pytest.importorskip("pyarrow")
    src, out, outside = tmp_path / "src", tmp_path / "out", tmp_path / "outside"
    for folder in (src, out, outside):
        folder.mkdir()
    (src / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (outside / "victim.parquet").write_bytes(b"mine")
    job, tasks, _ = archive.plan([str(src)], str(out), Options(mode="fix"), format="parquet", resume=False)
    part = out / archive.part_name(0, tasks)
    part.symlink_to(outside / "victim.parquet")

    with pytest.raises(archive.CleanerError, match="symbolic link"):
        archive.process_batch(tasks, job, 0)
    assert (outside / "victim.parquet").read_bytes() == b"mine"


@pytest.mark.parametrize("kind", ["path", "url"])
def test_an_output_written_meanwhile_is_left_as_it_is(tmp_path, kind, monkeypatch):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(DAMAGED, encoding="utf-8")
    clean = Cleaner.clean

    def someone_writes_a_copy_meanwhile(self, text, **kw):  # while a.txt is being cleaned
        if not (out / "a.txt").exists():
            out.mkdir(exist_ok=True)
            (out / "a.txt").write_text("written by someone else\n", encoding="utf-8")
        return clean(self, text, **kw)

    monkeypatch.setattr(Cleaner, "clean", someone_writes_a_copy_meanwhile)
    records, _ = _run(_sources(kind, src), out)

    assert (out / "a.txt").read_text(encoding="utf-8") == "written by someone else\n"
    assert records["a.txt"]["status"] == "error" and "left as it is now" in records["a.txt"]["error"]
    assert (out / "b.txt").read_text(encoding="utf-8") == CLEANED
    assert not [p for p in os.listdir(out) if p.startswith(".")], "a temporary file was left"
