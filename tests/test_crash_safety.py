"""Crash safety: `cleaner fix` killed with SIGKILL at random moments never leaves a file half
written, and the next run leaves no temporary file behind.

A folder of a few hundred damaged copies of real articles (excerpts of every file in the test
data, with damage spliced in, some with CRLF or a BOM) is fixed again and again, each run killed
(the whole process group: the worker processes too) after a random delay drawn with a fixed
seed. After every kill each file must be byte for byte its original or its fully cleaned
version; some runs start over from the originals, some resume the killed state. A last run to
completion gives every file its cleaned version and leaves no temporary file. With
``--output-dir`` the originals are never touched and each copy is absent or complete.

The delays are only a schedule: nothing here asserts on time.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.text.fileio import TEMP_SUFFIX, remove_stale_temps
from conftest import ROOT, run_cli
from textgen import DAMAGE, data_files, read

FILES = 200
KILLS = 22
SEED = 20261125


def make_corpus(folder: Path, count: int, seed: int) -> None:
    """``count`` damaged excerpts of the real articles in the test data."""
    rnd = random.Random(seed)
    sources = data_files()
    folder.mkdir(parents=True)
    for i in range(count):
        src = sources[i % len(sources)]
        paras = read(src).split("\n\n")
        start = rnd.randrange(len(paras))
        paras = paras[start:start + rnd.randint(2, 6)]
        for _ in range(rnd.randint(0, 3)):
            paras.insert(rnd.randrange(len(paras) + 1), rnd.choice(DAMAGE))
        text = "\n\n".join(paras) + "\n"
        if rnd.random() < 0.2:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if rnd.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        sub = folder / f"part{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:03d}-{src.stem}{src.suffix}").write_bytes(data)


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(TEMP_SUFFIX)}


def temps(*folders: Path) -> list[Path]:
    return [p for f in folders if f.exists() for p in f.rglob("*" + TEMP_SUFFIX)]


def _env():
    env = dict(os.environ, CLEANER_NO_PROGRESS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner", *map(str, args)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_group(proc: subprocess.Popen) -> bool:
    """SIGKILL the run and its workers; True if it was still running."""
    running = proc.poll() is None
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    for _ in range(200):  # wait until no process of the group is left (workers die too)
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    return running


def timed_run(*args) -> float:
    began = time.monotonic()
    proc = start(*args)
    assert proc.wait(timeout=300) == 0
    return time.monotonic() - began


def output_dir_supported() -> bool:
    return b"--output-dir" in run_cli("fix", "--help").stdout


@pytest.mark.slow  # 22 runs of 200 files, each killed
@pytest.mark.parametrize("mode", ["in-place", "output-dir"])
def test_sigkill_at_random_moments_never_leaves_a_half_written_file(tmp_path, mode):
    if mode == "output-dir" and not output_dir_supported():
        pytest.skip("cleaner fix has no --output-dir in this checkout")
    originals, work, out, cache = tmp_path / "originals", tmp_path / "work", tmp_path / "out", tmp_path / "cache"
    make_corpus(originals, FILES, SEED)
    before = contents(originals)

    # the fully cleaned versions, from a run nobody interrupts (and how long one takes)
    reference = tmp_path / "reference"
    shutil.copytree(originals, reference)
    full = timed_run("fix", "--no-cache", "-q", reference)
    cleaned = contents(reference)
    assert len(cleaned) == FILES and sum(cleaned[k] != before[k] for k in before) > FILES // 2
    one = tmp_path / "one.txt"
    one.write_text("x\n")
    startup = timed_run("fix", "--no-cache", "-q", one)

    def args(round_):
        # a fresh cache for each fresh start (a warm one would finish before any kill), shared
        # with the resuming round: kills land in cache writes too, and a resumed run reads them
        cache_dir = cache / str(round_ // 2)
        if mode == "output-dir":
            return ("fix", "--cache-dir", cache_dir, "-q", "--output-dir", out, work)
        return ("fix", "--cache-dir", cache_dir, "-q", work)

    rnd = random.Random(SEED)
    killed = mixed = seen_temps = 0
    for round_ in range(KILLS):
        if round_ % 2 == 0:  # start over from the originals; odd rounds resume the killed state
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(originals, work)
        proc = start(*args(round_))
        time.sleep(rnd.uniform(0.5 * startup, full))
        killed += kill_group(proc)
        seen_temps += len(temps(work, out))

        state = contents(work)
        if mode == "in-place":
            assert state.keys() == before.keys()
            bad = [k for k in state if state[k] not in (before[k], cleaned[k])]
            assert not bad, f"round {round_}: half-written files {bad[:5]}"
            done = sum(state[k] == cleaned[k] != before[k] for k in state)
        else:
            assert state == before, "--output-dir touched an original"
            copies = contents(out)
            assert set(copies) <= set(before)
            bad = [k for k in copies if copies[k] != cleaned[k]]
            assert not bad, f"round {round_}: incomplete copies {bad[:5]}"
            done = len(copies)
        if round_ % 2 == 0 and 0 < done < FILES:
            mixed += 1  # killed in the middle of the folder

    # the kills landed while the runs were working, and some in the middle of the folder
    print(f"{mode}: {killed} of {KILLS} runs killed while working, {mixed} in mid-folder, "
          f"{seen_temps} temporary files seen after kills")
    assert killed >= KILLS // 2 and mixed >= 3, (killed, mixed)

    # the next run completes the work and leaves no temporary file
    proc = start(*args(KILLS))
    assert proc.wait(timeout=300) == 0
    assert temps(work, out) == [], f"temporary files left ({seen_temps} seen after kills)"
    if mode == "in-place":
        assert contents(work) == cleaned
    else:
        assert contents(work) == before and contents(out) == cleaned


# --- a death at every step of one write, deterministically -------------------------------------

# Runs `cleaner fix` in this child with the write path instrumented: at the chosen step of the
# chosen write, the process ends on the spot with os._exit (no cleanup runs, as with SIGKILL).
DRIVER = r"""
import os, sys, tempfile
step, nth, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
count = 0
def die():
    os._exit(137)
real_mkstemp, real_fdopen, real_fsync, real_chmod, real_replace = (
    tempfile.mkstemp, os.fdopen, os.fsync, os.chmod, os.replace)
def mkstemp(*a, **k):
    global count
    fd, path = real_mkstemp(*a, **k)
    count += 1
    if count == nth and step == "created":
        die()
    return fd, path
class HalfWriter:
    def __init__(self, handle):
        self.handle = handle
    def write(self, data):
        if count == nth and step == "half-written":
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            die()
        return self.handle.write(data)
    def __getattr__(self, name):
        return getattr(self.handle, name)
    def __enter__(self):
        self.handle.__enter__()
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
def fdopen(fd, *a, **k):
    return HalfWriter(real_fdopen(fd, *a, **k))
def fsync(fd):
    if count == nth and step == "synced":
        real_fsync(fd)
        die()
    return real_fsync(fd)
def chmod(path, mode, **k):
    real_chmod(path, mode, **k)
    if count == nth and step == "chmodded":
        die()
def replace(a, b, **k):
    if count == nth and step == "before-rename":
        die()
    real_replace(a, b, **k)
    if count == nth and step == "renamed":
        die()
tempfile.mkstemp, os.fdopen, os.fsync, os.chmod, os.replace = mkstemp, fdopen, fsync, chmod, replace
from cleaner.app.cli import main
sys.argv = ["cleaner", "fix", "--no-cache", "--jobs", "1", "-q", folder]
main()
"""

STEPS = ["created", "half-written", "synced", "chmodded", "before-rename", "renamed"]


@pytest.mark.slow  # a corpus cleaned twice for each step
@pytest.mark.parametrize("step", STEPS)
def test_death_at_each_step_of_a_write(tmp_path, step):
    originals = tmp_path / "originals"
    make_corpus(originals, 12, SEED)
    before = contents(originals)
    reference = tmp_path / "reference"
    shutil.copytree(originals, reference)
    assert run_cli("fix", "--no-cache", "-q", reference).returncode == 0
    cleaned = contents(reference)
    changed = sum(cleaned[k] != before[k] for k in before)
    assert changed >= 4
    for nth in (1, changed // 2 + 1, changed):  # the first, a middle and the last write
        work = tmp_path / f"work{nth}"
        shutil.copytree(originals, work)
        died = subprocess.run([sys.executable, "-c", DRIVER, step, str(nth), str(work)], env=_env(),
                              capture_output=True, timeout=120)
        assert died.returncode == 137, died.stderr.decode()[-2000:]
        state = contents(work)
        assert state.keys() == before.keys()
        assert all(state[k] in (before[k], cleaned[k]) for k in state), f"{step} of write {nth}"
        assert sum(state[k] == cleaned[k] != before[k] for k in state) == nth - (step != "renamed")
        assert len(temps(work)) == (step not in ("renamed",))  # the dead write's temporary file
        assert run_cli("fix", "--no-cache", "-q", work).returncode == 0
        assert contents(work) == cleaned and temps(work) == []


# --- the sweep itself ---------------------------------------------------------------------------

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead, live = _dead_pid(), sleeper.pid
        names = {
            "dead": f".a.txt.{dead}.abc123{TEMP_SUFFIX}",
            "live": f".a.txt.{live}.abc123{TEMP_SUFFIX}",
            "mine": f".b.md.{os.getpid()}.xyz{TEMP_SUFFIX}",
            "old-format": f".c.txt.q1w2e3{TEMP_SUFFIX}",
            "old-live": f".d.txt.{live}.zzz{TEMP_SUFFIX}",
            "not-ours": "notes.txt",
            "not-hidden": f"e.txt.{dead}.x{TEMP_SUFFIX}",
        }
        for name in names.values():
            (tmp_path / name).write_text("partial")
        old = time.time() - 2 * 3600
        os.utime(tmp_path / names["old-live"], (old, old))
        removed = remove_stale_temps(str(tmp_path))
        assert sorted(removed) == sorted(names[k] for k in ("dead", "mine", "old-format", "old-live"))
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[k] for k in ("live", "not-ours", "not-hidden"))
    finally:
        sleeper.kill()
        sleeper.wait()


def test_fix_removes_stale_temps_where_it_writes_and_check_does_not(tmp_path):
    sub = tmp_path / "articles"
    sub.mkdir()
    (sub / "a.txt").write_text("The report– When it rains, it pours.\n", encoding="utf-8")
    stale = sub / f".a.txt.{_dead_pid()}.k1ll3d{TEMP_SUFFIX}"
    stale.write_text("half a file")
    assert run_cli("check", tmp_path).returncode == 1 and stale.exists()  # check writes nothing
    assert run_cli("fix", "--diff", tmp_path).returncode == 1 and stale.exists()
    assert run_cli("fix", tmp_path).returncode == 0
    assert sorted(p.name for p in sub.iterdir()) == ["a.txt"]
