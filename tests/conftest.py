import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, input=None, cwd=None, env=None):
    """Run the real command (python -m cleaner) and return the CompletedProcess (bytes)."""
    full_env = dict(os.environ)
    # the subprocess imports this checkout, not whatever cleaner happens to be installed
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=full_env, timeout=120)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def seed_raw():
    return (SEEDS / "putin-india.raw.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold():
    return (SEEDS / "putin-india.gold.txt").read_text(encoding="utf-8")
