import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, input=None, cwd=None, env=None, **popen):
    """Run the real command (python -m cleaner) and return the CompletedProcess (bytes).
    ``popen``: more subprocess.run arguments (e.g. preexec_fn)."""
    full_env = dict(os.environ)
    # the subprocess imports this checkout, not whatever cleaner happens to be installed
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=full_env, timeout=120, **popen)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Runs of the command cache their results in a folder of this test session, not the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def compiled_cache(tmp_path, monkeypatch):
    """A compiled cache (gazetteer, index, parsed packs, digests) of this test's own: the folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "cleaner" / "compiled"


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def seed_raw():
    return (SEEDS / "putin-india.raw.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold():
    return (SEEDS / "putin-india.gold.txt").read_text(encoding="utf-8")


# Hypothesis profiles. "ci" (the default) is reproducible: the same examples on every run
# (derandomize), no example database, no per-example deadline (a slow CI machine must not fail a
# property). "dev" explores new random examples on each run and remembers failures in
# .hypothesis/ (git-ignored). Choose with HYPOTHESIS_PROFILE=dev; CLEANER_EXAMPLES_SCALE=10
# multiplies every property test's example budget.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
EXAMPLES_SCALE = float(os.environ.get("CLEANER_EXAMPLES_SCALE", "1"))


def examples(n: int) -> settings:
    """Settings for a property test with a budget of ``n`` examples (scaled by the environment)."""
    return settings(max_examples=max(1, round(n * EXAMPLES_SCALE)))
