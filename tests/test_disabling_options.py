"""Options that would silently turn checking off are errors (issue 14, item 4).

``--ignore ''`` matched every rule (every id starts with ''), and ``--min-confidence nan`` made
every safe edit fail the comparison: a hook or CI job passed with 0 findings. Each now exits 2
with one line saying why, from the command line, from a config file (with its line) and from
the API.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.base.errors import CleanerError
from conftest import run_cli

DAMAGED = "The report– When it rains, it pours.\n"


@pytest.mark.parametrize("args,needle", [
    (["--ignore", ""], "--ignore ''"),
    (["--ignore", "DASH", "--ignore", " "], "--ignore ' '"),
    (["--select", ""], "--select ''"),
    (["--select", "NOPE999"], "matches no rule"),
    (["--min-confidence", "nan"], "--min-confidence"),
])
@pytest.mark.parametrize("command", [["check"], ["fix"], ["fix", "--diff"]])
def test_disabling_options_are_errors(tmp_path, command, args, needle):
    article = tmp_path / "a.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    run = run_cli(*command, *args, article)
    assert run.returncode == 2, run.stderr.decode()
    assert needle in run.stderr.decode()
    assert article.read_text(encoding="utf-8") == DAMAGED


def test_the_same_check_still_finds_the_damage_with_sane_options(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    run = run_cli("check", "--ignore", "CAP", "--min-confidence", "0.5", article)
    assert run.returncode == 1 and b"DASH001" in run.stdout


@pytest.mark.parametrize("body,line", [
    ('ignore = [""]\n', 1),
    ('select = ["DASH"]\nignore = ["CAP", " "]\n', 2),
    ('min-confidence = nan\n', 1),
    ('[[per-path]]\npaths = ["*.txt"]\nignore = [""]\n', 3),
])
def test_disabling_config_values_are_errors_naming_the_line(tmp_path, body, line):
    (tmp_path / ".cleaner.toml").write_text(body, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(DAMAGED, encoding="utf-8")
    run = run_cli("check", article, cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert f".cleaner.toml:{line}:" in err


@pytest.mark.parametrize("kwargs", [{"ignore": [""]}, {"select": [""]}, {"min_confidence": float("nan")},
                                    {"min_confidence": 1.5}, {"ignore": "DASH"}])
def test_the_api_refuses_them_too(kwargs):
    with pytest.raises(CleanerError):
        cleaner.Cleaner(**kwargs)
