"""Record cleaner's outputs on every text we own, to prove a restructure behaviour-neutral.

    PYTHONPATH=/work/main     python3 bench/compare_outputs.py /tmp/cmp-before
    PYTHONPATH=/work/wt-house python3 bench/compare_outputs.py /tmp/cmp-after
    diff -r -x _which /tmp/cmp-before /tmp/cmp-after && echo byte-identical

It copies seeds/*.raw.txt, tests/data/articles/** and ../shared/devset/*.raw.* (when present)
into a scratch folder, runs `cleaner fix --format json` over it (safe fixes, and again with
--unsafe-fixes on a second copy), `cleaner fix -` on the seed through standard input, and
`cleaner check --format json`; it saves the cleaned files and every JSON answer under OUT.
The same input is read the same way by whichever code PYTHONPATH points at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def sources() -> dict[str, list[Path]]:
    out = {
        "seeds": sorted(ROOT.glob("seeds/*.raw.txt")),
        "articles": sorted(p for p in (ROOT / "tests/data/articles").rglob("*") if p.is_file()),
    }
    if DEVSET.is_dir():
        out["devset"] = sorted(DEVSET.glob("*.raw.*"))
    return out


def run(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    proc = subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=env)
    return b"exit %d\n--- stdout\n" % proc.returncode + proc.stdout + b"\n--- stderr\n" + proc.stderr


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    import cleaner
    (out / "_which").write_text(str(Path(cleaner.__file__).parent.parent) + "\n")  # not compared
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for group, files in sources().items():
            gaz = ["--gazetteer", str(DEVSET / "gazetteer.toml")] if group == "devset" else []
            for mode, extra in (("safe", []), ("unsafe", ["--unsafe-fixes"])):
                work = tmp / mode / group
                for f in files:
                    rel = f.relative_to(ROOT if group != "devset" else DEVSET)
                    (work / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, work / rel)
                if mode == "safe":
                    (out / f"{group}.check.json").write_bytes(
                        run(["check", "--format", "json", "--no-cache", "-j", "1", *gaz, "."], work))
                (out / f"{group}.{mode}.fix.json").write_bytes(
                    run(["fix", "--format", "json", "--no-cache", "-j", "1", *extra, *gaz, "."], work))
                for f in sorted(p for p in work.rglob("*") if p.is_file()):
                    dest = out / "files" / mode / group / f.relative_to(work)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, dest)
            for f in files:
                name = f.name
                (out / "stdin" / group).mkdir(parents=True, exist_ok=True)
                (out / "stdin" / group / f"{name}.json").write_bytes(
                    run(["fix", "-", "--stdin-filename", name, "--format", "json", *gaz], tmp,
                        stdin=f.read_bytes()))
                if group != "articles":
                    (out / "stdin" / group / f"{name}.diff").write_bytes(
                        run(["fix", "-", "--stdin-filename", name, "--diff", *gaz], tmp,
                            stdin=f.read_bytes()))


if __name__ == "__main__":
    main()
