"""How cleaning time and memory grow with the size of one file (linear is the promise).

Writes files of the test data's articles joined, at several sizes, and runs `cleaner fix` on each
in a fresh process; prints seconds, MB/s and peak memory, and the ratio of each step to the
previous one next to the ratio of the sizes. Timings are printed, never asserted: the tests
assert what does not depend on the machine (test_blocks.py counts the work, test_bad_input.py
bounds the memory of a 100 MB file).

usage: python3 bench/scaling.py [--sizes 1,4,16] [--select DASH,LAY ...]   (sizes in MB)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> str:
    files = sorted(p for base in (ROOT / "seeds", ROOT / "tests" / "data") for p in base.rglob("*")
                   if p.suffix in (".txt", ".md"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files)


def run(path: Path, select: list[str]) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CLEANER_NO_PROGRESS="1")
    args = [sys.executable, "-m", "cleaner", "fix", "--no-cache", "-q", str(path)]
    for s in select:
        args += ["--select", s]
    began = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"cleaner failed on {path}")
    return elapsed, usage.ru_maxrss * 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="file sizes in MB, comma-separated")
    parser.add_argument("--select", default="", help="rule ids or prefixes, comma-separated (default: all)")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    select = [s for s in args.select.split(",") if s]
    text = corpus()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"{mb:g}mb.txt"
            copies = max(1, round(mb * 1e6 / len(text.encode("utf-8"))))
            path.write_text("\n\n".join([text] * copies), encoding="utf-8")
            size = path.stat().st_size
            seconds, peak = run(path, select)
            rows.append((size, seconds, peak))
            print(f"{size / 1e6:8.1f} MB  {seconds:7.1f} s  {size / 1e6 / seconds:6.2f} MB/s  "
                  f"peak {peak / 1e6:7.0f} MB", flush=True)
    for (s0, t0, m0), (s1, t1, m1) in zip(rows, rows[1:]):
        print(f"x{s1 / s0:.1f} the size: x{t1 / t0:.2f} the time, x{m1 / m0:.2f} the peak memory")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
