"""A folder of a few hundred articles for the archive tests (cleaner.dask, cleaner.spark), and
the single-machine `cleaner fix --output-dir` run their outputs are compared with.

Made from every article of the test data and the seeds, with variations drawn with a fixed seed:
excerpts with damage spliced in, CRLF line endings, byte-order marks, Markdown copies, nested
folders, a folder with its own .cleaner.toml (its settings must reach the workers), and files no
one can clean (invalid UTF-8, a binary file, UTF-16 without a byte-order mark).
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

from conftest import run_cli
from textgen import DAMAGE, data_files, read

SEED = 20261207
BAD = {"bad/invalid-utf8.txt": b"caf\xe9 au lait\n", "bad/binary.txt": b"\x00\x01\x02binary\x00",
       "bad/utf16-no-bom.txt": "Vladimir Putin met Narendra ModiAt the airport\n".encode("utf-16-le")}


def make_corpus(folder: Path, count: int = 300, seed: int = SEED) -> list[str]:
    """``count`` articles (and the bad files) under ``folder``; their paths relative to it."""
    rnd = random.Random(seed)
    sources = data_files()
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        src = sources[i % len(sources)]
        text = read(src)
        if i >= len(sources):  # the first round: every article whole, as it is
            paras = text.split("\n\n")
            start = rnd.randrange(len(paras))
            paras = paras[start:start + rnd.randint(2, 8)]
            for _ in range(rnd.randint(0, 3)):
                paras.insert(rnd.randrange(len(paras) + 1), rnd.choice(DAMAGE))
            text = "\n\n".join(paras) + ("\n" if rnd.random() < 0.9 else "")
        if rnd.random() < 0.15:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if rnd.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        suffix = ".md" if rnd.random() < 0.2 else src.suffix
        rel = f"desk{i % 4}/{'week' + str(i % 3) + '/' if i % 5 else ''}{i:03d}-{src.stem}{suffix}"
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        names.append(rel)
    # a desk with its own settings: the workers must find and use them as fix does
    (folder / "desk3" / ".cleaner.toml").write_text('ignore = ["ENT002", "GLUE"]\n', encoding="utf-8")
    for rel, data in BAD.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
        names.append(rel)
    return sorted(names)


def serial_fix(source: Path, dest: Path) -> dict:
    """`cleaner fix --output-dir DEST SOURCE` on one machine; its JSON report (exit 2: bad files)."""
    done = run_cli("fix", "--no-cache", "--jobs", "1", "--format", "json", str(source), "--output-dir", str(dest))
    assert done.returncode == 2, done.stderr.decode()
    return json.loads(done.stdout)


def applied_by_rule(report: dict) -> Counter:
    return Counter(e["rule"] for f in report["files"] for e in f["edits"] if e.get("applied", True))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too: a temporary file left would show)."""
    out = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = Path(base) / name
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out
