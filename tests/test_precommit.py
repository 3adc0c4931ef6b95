"""The pre-commit hooks, run by the real pre-commit on real commits in a temporary content repo.

The checkout under test (its working state, committed or not) is copied into a temporary git
repository, committed and tagged there with the README snippet's ``rev:`` (this version's tag), and
the content repo's .pre-commit-config.yaml is the README's snippet as written, but for ``repo:``,
which points at the copy, as a content team's points at the published repository. pre-commit builds the hook's environment
(a virtualenv with cleaner pip-installed from that copy) once per session, in a temporary
PRE_COMMIT_HOME; every test commits through `git commit` with the hook installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# pre-commit builds a virtualenv and pip-installs cleaner into it (about a minute)
slow_hooks = pytest.mark.slow

import cleaner
from conftest import ROOT

DAMAGED = "It is possible – according to the newspaper Hindu– When it rains.\n"
# What the hook must write: the API's own answer (the hook must agree with it), which repairs the dash.
REPAIRED = cleaner.clean(DAMAGED).text
assert "Hindu – when it rains" in REPAIRED
CLEAN = (ROOT / "tests" / "data" / "articles" / "clean" / "eu-summit.txt").read_text(encoding="utf-8")
IGNORED_BY_GIT = {".git", "__pycache__", ".pytest_cache", ".hypothesis", ".venv", "venv", "build", "dist"}


def _git(*args, cwd, env, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check,
                          timeout=120)


def _source_files(root: Path) -> list[str]:
    """The checkout's files as git sees them (tracked and new, not ignored), or all but caches."""
    if (root / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=root, capture_output=True, check=True).stdout.decode()
        return [f for f in listed.split("\0") if f and (root / f).is_file()]
    return [str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and not IGNORED_BY_GIT & set(p.relative_to(root).parts)]


def readme_snippet() -> str:
    """The .pre-commit-config.yaml the README tells a content repo to copy."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert len(blocks) == 1, "README must show exactly one .pre-commit-config.yaml snippet"
    return blocks[0]


def readme_rev() -> str:
    """The snippet's ``rev:``: the tag of this version (pyproject's), ``v<version>``."""
    [rev] = re.findall(r"(?m)^\s*rev:\s*(\S+)\s*$", readme_snippet())
    version = re.search(r'(?m)^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert rev == f"v{version}", f"the README's rev {rev} is not this version's tag v{version}"
    return rev


def test_the_readme_rev_is_this_version():
    """The snippet's ``rev:`` names this version's tag (pyproject's version), wherever the tree came from."""
    version = re.search(r'(?m)^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert readme_rev() == f"v{version}"


def test_the_readme_rev_is_a_real_tag_of_this_version():
    """In a checkout that carries the release tags, the tag the README names exists and is this version.

    A CI checkout is often made without tags (a shallow clone, a copy of the tree): there is nothing
    to look at then, and the test says so instead of failing on a tag the checkout never fetched.
    """
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist): no tags to look at")
    tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tags:
        pytest.skip("this checkout carries no release tags (a clone without --tags)")
    rev = readme_rev()
    tagged = subprocess.run(["git", "show", f"{rev}:pyproject.toml"], cwd=ROOT, capture_output=True, text=True)
    assert tagged.returncode == 0, f"no tag {rev} among {tags}: create it on the release commit (git tag {rev})"
    assert f'version = "{rev[1:]}"' in tagged.stdout


class PreCommit:
    def __init__(self, base: Path) -> None:
        self.base = base
        gitconfig = base / "gitconfig"
        gitconfig.write_text("[user]\n\tname = Test Editor\n\temail = editor@example.com\n"
                             "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
        self.env = dict(os.environ)
        self.env.update({
            "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_HOME": str(base / "pre-commit-home"), "PRE_COMMIT_COLOR": "never",
        })
        for var in ("PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            self.env.pop(var, None)  # the hook must run the cleaner pre-commit installed, nothing else
        self.source = base / "cleaner-src"
        for rel in _source_files(ROOT):
            target = self.source / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target)
        _git("init", "-q", cwd=self.source, env=self.env)
        _git("add", "-A", cwd=self.source, env=self.env)
        _git("commit", "-q", "-m", "cleaner under test", cwd=self.source, env=self.env)
        # the copy is tagged with the README's rev, as a release is: the snippet's `rev:` is kept
        # as written, and pre-commit checks the tag out
        self.rev = readme_rev()
        _git("tag", self.rev, cwd=self.source, env=self.env)
        self.count = 0

    def content_repo(self, config: str) -> Path:
        """A new git repo with this .pre-commit-config.yaml (repo and rev point at the copy)."""
        self.count += 1
        repo = self.base / f"content{self.count}"
        repo.mkdir()
        config = re.sub(r"(?m)^(\s*-?\s*repo:).*$", rf"\1 {self.source}", config)  # the published URL's stand-in
        (repo / ".pre-commit-config.yaml").write_text(config)
        _git("init", "-q", cwd=repo, env=self.env)
        self.run("install", cwd=repo, check=True)
        _git("add", ".pre-commit-config.yaml", cwd=repo, env=self.env)
        _git("commit", "-q", "--no-verify", "-m", "add pre-commit", cwd=repo, env=self.env)
        return repo

    def run(self, *args, cwd, check=False) -> subprocess.CompletedProcess:
        run = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=self.env,
                             capture_output=True, text=True, timeout=900)
        if check and run.returncode != 0:
            raise AssertionError(f"pre-commit {' '.join(args)} failed:\n{run.stdout}\n{run.stderr}")
        return run

    def commit(self, repo: Path, *files: str, message: str = "edit") -> subprocess.CompletedProcess:
        """Stage ``files`` and `git commit` through the installed hook; returns the run."""
        _git("add", "--", *files, cwd=repo, env=self.env)
        return _git("commit", "-m", message, cwd=repo, env=self.env, check=False)

    def head(self, repo: Path) -> str:
        return _git("rev-parse", "HEAD", cwd=repo, env=self.env).stdout.strip()


@pytest.fixture(scope="session")
def precommit(tmp_path_factory) -> PreCommit:
    pc = PreCommit(tmp_path_factory.mktemp("precommit"))
    # Build the hook environment once (pip-installs cleaner from the copy); later repos reuse it.
    warm = pc.content_repo(f"repos:\n  - repo: x\n    rev: {pc.rev}\n    hooks:\n      - id: cleaner\n      - id: cleaner-fix\n")
    pc.run("install-hooks", cwd=warm, check=True)
    return pc


def write(repo: Path, rel: str, text: str) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@slow_hooks
def test_readme_snippet_check_hook_passes_clean_and_blocks_damaged(precommit):
    repo = precommit.content_repo(readme_snippet())
    write(repo, "articles/eu-summit.txt", CLEAN)
    ok = precommit.commit(repo, "articles/eu-summit.txt", message="clean article")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "cleaner" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    before = precommit.head(repo)
    path = write(repo, "articles/india.md", "# India\n\n" + DAMAGED)
    blocked = precommit.commit(repo, "articles/india.md", message="damaged article")
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0 and precommit.head(repo) == before
    assert "Failed" in out
    # every finding is listed, with where it is and why
    assert "articles/india.md:3:50 DASH001 '–' -> ' –'" in out
    assert "articles/india.md:3:52 DASH004 'When' -> 'when'" in out
    assert path.read_text(encoding="utf-8") == "# India\n\n" + DAMAGED  # the check writes nothing


@slow_hooks
def test_fix_hook_repairs_lists_each_change_and_fails_the_commit(precommit):
    repo = precommit.content_repo(readme_snippet().replace("id: cleaner\n", "id: cleaner-fix\n"))
    path = write(repo, "india.txt", DAMAGED)
    first = precommit.commit(repo, "india.txt")
    out = first.stdout + first.stderr
    assert first.returncode != 0 and "files were modified by this hook" in out
    assert "india.txt:1:50 DASH001 '–' -> ' –'" in out and "india.txt:1:52 DASH004 'When' -> 'when'" in out
    assert path.read_text(encoding="utf-8") == REPAIRED
    # the editor reviews the repair, stages it, and the commit goes through
    second = precommit.commit(repo, "india.txt")
    assert second.returncode == 0, second.stdout + second.stderr
    assert _git("show", "HEAD:india.txt", cwd=repo, env=precommit.env).stdout == REPAIRED


@slow_hooks
def test_config_excludes_hold_for_files_pre_commit_names(precommit):
    repo = precommit.content_repo(readme_snippet())
    write(repo, ".cleaner.toml", 'exclude = ["archive/**"]\n')
    write(repo, "archive/2019/old.txt", DAMAGED)  # damaged, but the repo's config excludes it
    write(repo, "notes.rst", DAMAGED)              # not text or Markdown: not the hook's business
    run = precommit.commit(repo, ".cleaner.toml", "archive/2019/old.txt", "notes.rst")
    assert run.returncode == 0, run.stdout + run.stderr
    # pre-commit did name the file; cleaner left it out by the config, not by luck
    direct = precommit.run("run", "cleaner", "--files", "archive/2019/old.txt", "--verbose", cwd=repo)
    assert direct.returncode == 0 and "DASH001" not in direct.stdout
    write(repo, "new.txt", DAMAGED)
    assert precommit.commit(repo, "new.txt").returncode != 0
