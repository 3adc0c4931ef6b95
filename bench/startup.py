"""End-to-end start-up of `cleaner check one-article.md`, measured side by side with codespell.

The pre-commit hook runs on every commit, so what an editor waits for is the whole process: Python
start, imports, loading the rules, cleaning one article. Each round runs every command once, in
turn, so that a busy machine slows them all alike; the medians and their ratios are printed.

usage: python3 bench/startup.py [--rounds N] [FILE]

Needs codespell for the comparison (`python3 -m pip install codespell`); without it, only the
ratio to a bare `python -c pass` is shown. Runs the checkout this file belongs to.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = ROOT / "tests" / "data" / "articles" / "clean" / "florida-finance.md"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_ARTICLE))
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / ("one-article" + Path(args.file).suffix)
        shutil.copyfile(args.file, article)
        commands: dict[str, list[str]] = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "cleaner check": [sys.executable, "-m", "cleaner", "check", str(article)],
            "cleaner --version": [sys.executable, "-m", "cleaner", "--version"],
        }
        codespell = shutil.which("codespell")
        if codespell:
            commands["codespell"] = [codespell, str(article)]
        else:
            print("codespell not found (python3 -m pip install codespell): no comparison with it")

        for cmd in commands.values():  # warm the file cache and the .pyc files
            timed(cmd, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd, env))

    medians = {name: statistics.median(v) for name, v in samples.items()}
    base = medians.get("codespell")
    print(f"{Path(args.file).name}, {args.rounds} rounds, medians:")
    for name, median in medians.items():
        ratio = f"{median / base:5.2f}x codespell" if base else ""
        print(f"  {name:<20} {median * 1000:7.1f} ms  {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
