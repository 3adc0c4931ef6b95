"""cleaner.dask on a real LocalCluster (two single-threaded worker processes).

A few hundred articles (tests/archive_corpus.py: variations of every test article, CRLF, BOMs,
Markdown, a folder with its own config, and files no one can clean) are cleaned by the cluster
and compared byte for byte with the single-machine `cleaner fix --output-dir`; a worker killed
with SIGKILL in the middle of the job loses nothing and duplicates nothing; a re-run skips what
is done; texts in a bag or a dataframe column come back as `cleaner.clean` gives them.

Marked ``dask`` (pytest -m "not dask" leaves them out); .ci/run installs the extra and runs them.
Nothing here asserts on time.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import cleaner  # noqa: E402
import cleaner.dask as cdask  # noqa: E402
from cleaner.app import archive  # noqa: E402
from cleaner import Edit, apply_edits  # noqa: E402
from cleaner.text.fileio import TEMP_SUFFIX  # noqa: E402
from archive_corpus import BAD, applied_by_rule, make_corpus, serial_fix, tree  # noqa: E402
from conftest import run_cli  # noqa: E402

pytestmark = [pytest.mark.dask, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus and the serial run's outputs and JSON report (made once for the module)."""
    base = tmp_path_factory.mktemp("archive")
    names = make_corpus(base / "src")
    report = serial_fix(base / "src", base / "serial")
    return base / "src", names, tree(base / "serial"), report


@pytest.fixture(scope="module")
def client():
    with cdask.local_cluster(2) as cluster, distributed.Client(cluster) as c:
        yield c


def _no_temps(folder: Path) -> None:
    assert not [p for p in tree(folder) if p.endswith(TEMP_SUFFIX)]


def test_output_tree_is_byte_identical_to_fix_output_dir(corpus, client, tmp_path):
    src, names, serial, serial_report = corpus
    before = client.run(lambda: archive.builds["files"])
    report = cdask.clean_files(str(src), str(tmp_path / "out"), client=client)
    assert tree(tmp_path / "out") == serial
    assert len(serial) == len(names) - len(BAD) >= 300
    # the report: every file once, the bad ones as errors naming them, the edits as fix counted them
    assert report.files == len(names) and report.cleaned == len(names) - len(BAD) and report.done_before == 0
    assert sorted(e.split(":")[0] for e in report.errors) == sorted(str(src / rel) for rel in BAD)
    assert Counter(report.edits_by_rule) == applied_by_rule(serial_report)
    assert report.changed == sum(1 for f in serial_report["files"] if f["changed"])
    assert report.workers == 2
    # one set of cleaners per worker process for the job, not one per task
    _once_per_worker(before, client.run(lambda: archive.builds["files"]))


def _once_per_worker(before: dict, after: dict) -> None:
    built = [after[w] - before.get(w, 0) for w in after]
    assert max(built) == 1 and min(built) >= 0, built


def test_rerun_skips_finished_outputs(corpus, client, tmp_path):
    src, names, serial, _ = corpus
    out = tmp_path / "out"
    cdask.clean_files(str(src), str(out), client=client)
    again = cdask.clean_files(str(src), str(out), client=client)
    assert again.cleaned == 0 and again.done_before == len(serial) and len(again.errors) == len(BAD)
    # a lost copy is cleaned again; the others are not touched
    victim = sorted(serial)[7]
    (out / victim).unlink()
    before = {p: (out / p).stat().st_mtime_ns for p in serial if p != victim}
    third = cdask.clean_files(str(src), str(out), client=client)
    assert third.cleaned == 1 and third.done_before == len(serial) - 1
    assert tree(out) == serial
    assert {p: (out / p).stat().st_mtime_ns for p in serial if p != victim} == before


def test_a_worker_killed_mid_job_loses_nothing(corpus, client, tmp_path):
    """SIGKILL a worker process while its tasks run (twice if the job is still running: each worker
    once); the nanny restarts
    it, the scheduler reruns what it held; every output is there, complete, once, no temp files."""
    src, names, serial, _ = corpus
    out = tmp_path / "out"
    result = {}
    job = threading.Thread(target=lambda: result.update(report=cdask.clean_files(
        str(src), str(out), client=client, batch_size=8)))
    job.start()
    killed = []
    for threshold in (len(serial) // 5, len(serial) // 2):
        while job.is_alive() and sum(len(f) for _, _, f in os.walk(out)) < threshold:
            time.sleep(0.02)
        if not job.is_alive():
            break
        pids = client.run(os.getpid)
        victim = sorted(pids)[len(killed) % len(pids)]
        os.kill(pids[victim], signal.SIGKILL)
        killed.append(sum(len(f) for _, _, f in os.walk(out)))
        client.wait_for_workers(2, timeout=60)  # the nanny has started a new one
    job.join(timeout=600)
    assert not job.is_alive()
    assert killed and all(n < len(serial) for n in killed), killed  # the kills were mid-job
    report = result["report"]
    assert tree(out) == serial  # every copy, complete and identical, and nothing else (no temp file)
    _no_temps(out)
    assert report.files == len(names)  # each file reported once: no duplicate, none missing
    assert report.cleaned + report.done_before == len(serial) and len(report.errors) == len(BAD)
    print(f"killed at {killed} of {len(serial)} outputs; {report.done_before} written before a retry")


def test_parquet_dataset_holds_the_texts_and_edits(corpus, client, tmp_path):
    import pyarrow.parquet as pq

    src, names, serial, _ = corpus
    report = cdask.clean_files(str(src), str(tmp_path / "pq"), format="parquet", client=client)
    assert report.cleaned == len(serial)
    rows = pq.read_table(tmp_path / "pq").to_pylist()
    assert sorted(r["path"] for r in rows) == names  # every file once, the bad ones with their error
    for row in rows:
        original = (src / row["path"]).read_bytes()
        if row["path"] in BAD:
            assert row["error"] and row["text"] is None
            continue
        bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
        assert bom + row["text"].encode("utf-8") == serial[row["path"]]
        text = original[len(bom):].decode("utf-8")
        edits = [Edit(e["start"], e["end"], e["replacement"], e["rule"], e["confidence"], "safe", "")
                 for e in row["edits"]]
        assert apply_edits(text, edits) == row["text"]
        assert row["changed"] == bool(edits)
    again = cdask.clean_files(str(src), str(tmp_path / "pq"), format="parquet", client=client)
    assert again.done_before == len(names) and again.cleaned == 0


def test_fsspec_urls_and_globs(corpus, client, tmp_path):
    src, names, serial, _ = corpus
    cdask.clean_files(src.as_uri(), (tmp_path / "url").as_uri(), client=client)
    assert tree(tmp_path / "url") == serial
    report = cdask.clean_files(str(src / "desk1" / "week1" / "*.txt"), str(tmp_path / "glob"), client=client)
    expected = {p.split("/")[-1]: data for p, data in serial.items()
                if p.startswith("desk1/week1/") and p.endswith(".txt")}
    assert expected and tree(tmp_path / "glob") == expected and report.cleaned == len(expected)


def test_bag_and_dataframe_give_what_clean_gives(corpus, client):
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    src, names, _, _ = corpus
    before = client.run(lambda: archive.builds["text"])
    texts = [(src / n).read_text(encoding="utf-8") for n in names[:120] if n not in BAD]
    texts[3:3] = [None]  # a missing text stays missing
    expected = [None if t is None else cleaner.clean(t) for t in texts]
    as_records = [None if r is None else [archive.edit_record(e) for e in r.edits] for r in expected]

    got = cdask.clean_bag(db.from_sequence(texts, npartitions=6)).compute()
    assert [g["cleaned"] for g in got] == [None if r is None else r.text for r in expected]
    assert [g["edits"] for g in got] == as_records

    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    out = cdask.clean_dataframe(dd.from_pandas(frame, npartitions=5), column="text").compute()
    assert list(out["id"]) == list(range(len(texts)))
    assert list(out["cleaned"]) == [None if r is None else r.text for r in expected]
    assert list(out["edits"]) == as_records
    _once_per_worker(before, client.run(lambda: archive.builds["text"]))  # one Cleaner per worker


def test_cli_dask_local(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i, name in enumerate(["a.txt", "b.md", "sub/c.txt"]):
        (src / name).parent.mkdir(exist_ok=True)
        (src / name).write_text("according to the newspaper Hindu– When it rains, Vladimir Putin said.\n"
                                * (i + 1), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"caf\xe9 oops\n")
    done = run_cli("fix", "--dask", "local", "-j", "2", str(src), "--output-dir", str(tmp_path / "out"))
    assert done.returncode == 2, done.stderr.decode()  # a bad file: reported, the others written
    err = done.stderr.decode()
    assert "cleaned 3 of 4 files" in err and "bad.txt" in err
    serial = run_cli("fix", str(src), "--output-dir", str(tmp_path / "serial"))
    assert serial.returncode == 2
    assert tree(tmp_path / "out") == tree(tmp_path / "serial")
    refused = run_cli("fix", "--dask", "local", str(src))  # needs --output-dir; nothing is started
    assert refused.returncode == 2 and b"--output-dir" in refused.stderr
    refused = run_cli("fix", "--dask", "local", "--diff", str(src), "--output-dir", str(tmp_path / "x"))
    assert refused.returncode == 2 and not (tmp_path / "x").exists()
