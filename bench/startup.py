"""End-to-end start-up of `cleaner check one-article.md`, measured side by side with codespell.

The pre-commit hook runs on every commit, so what an editor waits for is the whole process: Python
start, imports, loading the rules, cleaning one article. Each round runs every command once, in
turn, so that a busy machine slows them all alike; the medians and their ratios are printed.

`cleaner check` runs with an empty results cache (a commit's article is new to it; the compiled
gazetteer cache is warm, as on any run after the first) and again with the results cache warm.
Both caches live in a temporary folder, not the user's.

usage: python3 bench/startup.py [--rounds N] [FILE]

Needs codespell for the comparison (`python3 -m pip install codespell`); without it, only the
ratio to a bare `python -c pass` is shown. Runs the checkout this file belongs to.

The .pyc files are written as for an installed package, even where PYTHONDONTWRITEBYTECODE is
set: codespell, installed by pip, has its own.

Also compares loading the bundled gazetteer by parsing its TOML with loading it from the
compiled cache (cleaner/names/gazetteer_cache.py), in a temporary cache folder.
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
    if "--cache-dir" in cmd:
        shutil.rmtree(cmd[cmd.index("--cache-dir") + 1], ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


GAZETTEER = """
import statistics, sys, time
from cleaner.names.gazetteer import load_gazetteers
from cleaner.names.gazetteer_cache import load_cached
from cleaner.base.resources import bundled_gazetteers
paths = bundled_gazetteers()
load_cached(paths)  # fill the cache
parse, cached = [], []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter(); load_gazetteers(paths); parse.append(time.perf_counter() - t)
    t = time.perf_counter(); load_cached(paths); cached.append(time.perf_counter() - t)
print(statistics.median(parse), statistics.median(cached))
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_ARTICLE))
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    # An installed cleaner has its .pyc files (pip compiles them, as it did codespell's); with
    # PYTHONDONTWRITEBYTECODE set, a checkout would compile its 7,000 lines on every run and the
    # comparison would measure that. The warm-up round writes them (cleaner/__pycache__, ignored).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / ("one-article" + Path(args.file).suffix)
        shutil.copyfile(args.file, article)
        fresh = Path(tmp) / "fresh-results"
        commands: dict[str, list[str]] = {
            "python -c pass": [sys.executable, "-c", "pass"],
            # an empty results cache before each run: a commit's article changed, so its results
            # are not cached yet (the compiled gazetteer is, as on any run after the first)
            "cleaner check": [sys.executable, "-m", "cleaner", "check", "--cache-dir", str(fresh), str(article)],
            "cleaner check, cached": [sys.executable, "-m", "cleaner", "check", str(article)],
            "cleaner --version": [sys.executable, "-m", "cleaner", "--version"],
        }
        gaz_cache = Path(tmp) / "cache"  # cleaner's caches start empty; the warm-up round fills them
        env["XDG_CACHE_HOME"] = str(gaz_cache)
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

        gaz_env = dict(env, XDG_CACHE_HOME=str(Path(tmp) / "gazetteer-bench"))
        gaz = subprocess.run([sys.executable, "-c", GAZETTEER, str(min(args.rounds, 7))], env=gaz_env,
                             capture_output=True, text=True, check=True).stdout.split()

    medians = {name: statistics.median(v) for name, v in samples.items()}
    base = medians.get("codespell")
    print(f"{Path(args.file).name}, {args.rounds} rounds, medians:")
    for name, median in medians.items():
        ratio = f"{median / base:5.2f}x codespell" if base else ""
        print(f"  {name:<22} {median * 1000:7.1f} ms  {ratio}")
    parse, cached = map(float, gaz)
    print(f"bundled gazetteer: parsing {parse * 1000:.1f} ms, from the cache {cached * 1000:.1f} ms "
          f"({parse / cached:.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
