"""Archive throughput: files/s per core, serial `cleaner fix --output-dir` against a Dask LocalCluster.

    python3 bench/archive.py                 # 1,000 articles; needs pip install ".[dask]"
    python3 bench/archive.py --files 4000 --rounds 5

Builds a folder of damaged articles from the repository's own (tests/data and seeds: excerpts,
with the bundled rules' damaging examples spliced in; a tenth Markdown), then times, in turns,
in one run (the median of ``--rounds``):

* serial (CLI): ``cleaner fix --jobs 1 --no-cache -q SRC --output-dir DEST``, a new process each
  round, start-up included: what one machine does today;
* serial (in-process): the same run through ``runner.run`` in this process, start-up excluded:
  the work alone;
* LocalCluster, 1 worker and 2 workers (single-threaded worker processes): ``cleaner.dask.
  clean_files(SRC, DEST)`` twice on a cluster started for the round (its start-up is printed
  apart): the first job on cold workers (they import cleaner and load the gazetteer, as a new
  CLI process does), the second on warm ones. One cluster runs at a time.

Per-core throughput is files / seconds / workers (wall clock); beside it, files per CPU second
summed over every process of the run (worker processes, and this one's client and scheduler),
which other programs on a shared machine disturb much less than the wall clock. Each output tree is checked against the
serial one (byte for byte) so that a fast wrong answer cannot win. Nothing here is a test; the
shared machine's load is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path, count: int, seed: int = 17) -> int:
    """``count`` damaged articles in ``folder`` (250 a subfolder); their total size in bytes."""
    from cleaner.base.resources import bundled_packs
    from cleaner.packs.loading import load_packs

    damage = sorted({ex.input for p in load_packs(bundled_packs()) for r in p.rules for ex in r.examples
                     if ex.output is not None})
    sources = sorted(p for base in (ROOT / "tests" / "data", ROOT / "seeds") for p in base.rglob("*")
                     if p.suffix in (".txt", ".md"))
    rng = random.Random(seed)
    size = 0
    for i in range(count):
        paras = sources[i % len(sources)].read_text(encoding="utf-8").split("\n\n")
        start = rng.randrange(len(paras))
        paras = paras[start:start + rng.randint(3, 10)]
        for _ in range(rng.randint(0, 3)):
            paras.insert(rng.randrange(len(paras) + 1), rng.choice(damage))
        data = ("\n\n".join(paras) + "\n").encode("utf-8")
        path = folder / f"desk-{i // 250:02d}" / f"article-{i:05d}{'.md' if i % 10 == 0 else '.txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
    return size


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model or platform.machine()}, {cores} cores, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="LocalCluster sizes")
    args = parser.parse_args(argv)

    import distributed

    import cleaner.dask as cdask
    from cleaner.app import runner

    work = Path(tempfile.mkdtemp(prefix="cleaner-archive-bench-"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               CLEANER_NO_PROGRESS="1")
    try:
        src = work / "src"
        size = build_corpus(src, args.files)
        print(f"corpus: {args.files} articles, {size / 1e6:.1f} MB; {machine()}; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)

        def out(name: str) -> Path:
            path = work / name
            shutil.rmtree(path, ignore_errors=True)
            return path

        def children_cpu() -> float:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            return usage.ru_utime + usage.ru_stime

        def serial_cli() -> tuple[float, float]:
            dest = out("serial")
            t, c = time.perf_counter(), children_cpu()
            subprocess.run([sys.executable, "-m", "cleaner", "fix", "--jobs", "1", "--no-cache", "-q", str(src),
                            "--output-dir", str(dest)], env=env, check=True)
            return time.perf_counter() - t, children_cpu() - c

        def serial_inprocess() -> tuple[float, float]:
            dest = out("inprocess")
            t, c = time.perf_counter(), time.process_time()
            code = runner.run([str(src)], runner.Options(mode="fix", quiet=True, cache=False, jobs=1,
                                                         output_dir=str(dest)))
            assert code == 0
            return time.perf_counter() - t, time.process_time() - c

        starts: dict[int, list[float]] = {n: [] for n in args.workers}

        def on_cluster(n: int):
            """Start a cluster of ``n`` workers (not timed), time a first job (cold workers: they
            import cleaner and load the gazetteer, as the CLI does) and a second (warm), stop it.
            Only one cluster runs at a time: an idle one's heartbeats cost CPU too."""
            t = time.perf_counter()
            cluster = cdask.local_cluster(n)
            client = distributed.Client(cluster)
            starts[n].append(time.perf_counter() - t)
            results = []
            try:
                for label in ("cold", "warm"):
                    dest = out(f"dask{n}")
                    before = client.run(time.process_time)
                    t, c = time.perf_counter(), time.process_time()  # this process: client and scheduler
                    report = cdask.clean_files(str(src), str(dest), client=client)
                    wall, here = time.perf_counter() - t, time.process_time() - c
                    after = client.run(time.process_time)
                    assert report.cleaned == args.files and not report.errors, report.lines()
                    workers = sum(after[w] - before[w] for w in after if w in before)
                    results.append((wall, here + workers, here))
                    assert tree(dest) == expected, f"the {n}-worker tree differs from the serial one"
            finally:
                client.close()
                cluster.close()
            return results

        names = ["serial, CLI (new process: start-up included)", "serial, in-process (warm)"]
        cores = {names[0]: 1, names[1]: 1}
        for n in args.workers:
            for label in ("first job (cold workers)", "second job (warm workers)"):
                name = f"LocalCluster, {n} worker{'s' * (n > 1)}, {label}"
                names.append(name)
                cores[name] = n
        times: dict[str, list[float]] = {name: [] for name in names}
        cpus: dict[str, list[float]] = {name: [] for name in names}
        drivers: dict[str, list[float]] = {name: [] for name in names}
        expected: dict[str, bytes] = {}
        for _ in range(args.rounds):
            for name, fn in zip(names[:2], (serial_cli, serial_inprocess)):
                wall, cpu = fn()
                times[name].append(wall)
                cpus[name].append(cpu)
                drivers[name].append(0.0)
            expected = expected or tree(work / "serial")
            for n in args.workers:
                first = 2 + 2 * args.workers.index(n)
                for name, (wall, cpu, here) in zip(names[first:first + 2], on_cluster(n)):
                    times[name].append(wall)
                    cpus[name].append(cpu)
                    drivers[name].append(here)
        load_after = os.getloadavg()[0]

        key = names[1]
        base = args.files / statistics.median(times[key])
        base_cpu = args.files / statistics.median(cpus[key])
        print(f"\n| {time.strftime('%Y-%m-%d')}, {args.files} files, median of {args.rounds} | workers | seconds "
              "| files/s | files/s per core | ratio to serial | CPU s, all processes (client + scheduler) | files per CPU s "
              "| ratio to serial |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name in names:
            s, cpu = statistics.median(times[name]), statistics.median(cpus[name])
            rate, n = args.files / s, cores[name]
            driver = f" ({statistics.median(drivers[name]):.2f})" if name not in names[:2] else ""
            print(f"| {name} | {n} | {s:.2f} | {rate:.1f} | {rate / n:.1f} | {rate / n / base:.2f} "
                  f"| {cpu:.2f}{driver} | {args.files / cpu:.1f} | {args.files / cpu / base_cpu:.2f} |")
        print(f"\nLocalCluster start-up (not in the times): "
              + ", ".join(f"{n} worker{'s' * (n > 1)} {statistics.median(starts[n]):.1f} s" for n in args.workers)
              + f". Load average after: {load_after:.2f}. Every round's times: "
              + "; ".join(f"{k}: " + " ".join(f"{t:.2f}" for t in v) for k, v in times.items()))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
