"""The command's quick exit (cli.entry_point): same status, same output, exit handlers still run."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

SCRIPT = """
import atexit, sys
sys.path.insert(0, {root!r})
atexit.register(lambda: open({marker!r}, "w").write("ran"))
from cleaner.app.cli import entry_point
sys.argv = ["cleaner", *{args!r}]
entry_point()
print("not reached")
"""


def run(tmp_path, *args):
    marker = tmp_path / "atexit-ran"
    code = SCRIPT.format(root=str(ROOT), marker=str(marker), args=[str(a) for a in args])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    return proc, marker.exists()


def test_status_and_exit_handlers_survive_the_quick_exit(tmp_path):
    proc, ran = run(tmp_path, "check", "--no-cache", SEEDS / "putin-india.raw.txt")
    assert proc.returncode == 1 and ran and "not reached" not in proc.stdout
    assert "PRON001" in proc.stdout  # the findings were flushed before the process ended
    proc, ran = run(tmp_path, "check", "--no-cache", SEEDS / "putin-india.gold.txt")
    assert proc.returncode == 0 and ran
    proc, ran = run(tmp_path, "check", "--no-such-option")
    assert proc.returncode == 2 and ran and "No such option" in proc.stderr


@pytest.mark.slow  # a large file through a pipe
def test_a_large_piped_output_arrives_whole(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    raw = (SEEDS / "putin-india.raw.txt").read_text(encoding="utf-8")
    for i in range(40):  # ~40 x 29 findings of JSON: far more than a pipe's buffer
        (folder / f"a{i:02d}.txt").write_text(raw, encoding="utf-8")
    proc, ran = run(tmp_path, "check", "--no-cache", "--jobs", "1", "--format", "json", folder)
    assert proc.returncode == 1 and ran
    report = json.loads(proc.stdout)
    assert len(report["files"]) == 40
    assert all(len(f["edits"]) == len(report["files"][0]["edits"]) > 20 for f in report["files"])


def test_python_dash_m_and_the_installed_script_use_it():
    assert (ROOT / "cleaner" / "__main__.py").read_text().strip().endswith("entry_point()")
    assert 'cleaner = "cleaner.app.cli:entry_point"' in (ROOT / "pyproject.toml").read_text()


def test_a_profiled_run_takes_the_usual_way_out(tmp_path):
    # python -m cProfile writes its profile after the program returns: no quick exit then
    out = tmp_path / "run.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "cleaner", "check",
                           "--no-cache", str(SEEDS / "putin-india.raw.txt")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "PRON001" in proc.stdout  # (cProfile itself exits 0 whatever the program's status)
    assert out.stat().st_size > 1000
