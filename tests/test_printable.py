"""Terminal injection (issue 14, item 5): an article's (or a file name's, or a rule pack's) control
characters are shown escaped by check, fix --diff, review and explain, with and without colour;
JSON and SARIF keep them exactly; a newline in a file name does not split a report line."""

from __future__ import annotations

import json
import os
import sys

import pexpect
import pytest

from cleaner.output.printable import printable, printable_lines
from conftest import ROOT, run_cli

CLEAR, TITLE, BIDI = "\x1b[2J", "\x1b]0;pwned\x07", "\u202e"
EVIL = f"The report– When it rains.{CLEAR}{TITLE} The U.S. president– When he said.{BIDI}\n"


def hostile(out: str) -> list[str]:
    """What would act on a terminal: any escape that is not a colour (SGR) sequence, a bell,
    a backspace, a lone carriage return or a bidirectional override."""
    import re
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # colours are ours
    return [c for c in ("\x1b", "\x07", "\x08", BIDI) if c in out] + (["lone CR"] if re.search("\r(?!\n)", out) else [])


@pytest.fixture
def evil(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(EVIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["check"], ["check", "--color"], ["fix", "--diff"], ["fix", "--diff", "--color"],
                                  ["fix", "--show-fixes", "--output-dir", "OUT"],
                                  ["check", "--format", "github"]])
def test_article_escapes_never_reach_the_terminal(evil, tmp_path, args):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    run = run_cli(*args, evil)
    out, err = run.stdout.decode(), run.stderr.decode()
    assert run.returncode in (0, 1), err
    assert "DASH001" in out or "@@" in out
    assert hostile(out) == [] and hostile(err) == []
    if "--diff" in args and "--color" not in args:
        assert "\\x1b[2J\\x1b]0;pwned\\x07" in out  # shown, escaped, not dropped


def test_json_and_sarif_keep_the_text_exactly(evil):
    run = run_cli("check", "--format", "json", evil)
    data = json.loads(run.stdout)
    assert run.stdout.decode().count("\x1b") == 0  # JSON's own escaping (\u001b)
    edits = data["files"][0]["edits"]
    assert {e["original"] for e in edits} >= {"–", "When"}
    run = run_cli("check", "--format", "sarif", evil)
    assert "\x1b" not in run.stdout.decode()
    json.loads(run.stdout)


def test_a_newline_in_a_file_name_does_not_split_a_line(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a\nb.txt").write_text("The report– When it rains.\n", encoding="utf-8")
    (folder / "bad\n.txt").write_bytes(b"not \xc3\x28 UTF-8\n")
    for args in (["check"], ["fix", "--diff"]):
        run = run_cli(*args, folder)
        lines = run.stdout.decode().splitlines() + run.stderr.decode().splitlines()
        assert all(not line.startswith(("b.txt", ".txt")) for line in lines), lines
        assert any("a\\nb.txt" in line for line in lines)
        assert any(line.startswith("cleaner: error: ") and "bad\\n.txt" in line for line in lines), lines


def test_review_shows_the_article_escaped(tmp_path):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "evil.txt"
    path.write_text(f"The report– When it rains.{CLEAR}{TITLE}\n", encoding="utf-8")
    for color in ("--color", "--no-color"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color")
        child = pexpect.spawn(sys.executable, ["-m", "cleaner", "review", color, str(path)], cwd=str(tmp_path),
                              env=env, dimensions=(50, 200), encoding="utf-8", timeout=60)
        child.expect(r"\[y,n,e,a,l,s,q,\?\]\? ")
        shown = child.before
        child.sendline("q")
        child.expect(pexpect.EOF)
        assert "DASH001" in shown
        assert hostile(shown) == [], repr(shown)


def test_a_rule_packs_text_is_escaped_by_explain_and_rules_list(tmp_path):
    pack = tmp_path / "evil.toml"
    pack.write_text('[[rule]]\nid = "EVIL001"\nkind = "regex"\nmessage = "m\\u001b]0;pwned\\u0007"\n'
                    'applicability = "safe"\nconfidence = 1.0\npattern = "qqq"\nreplacement = "q"\n', encoding="utf-8")
    for args in (["explain", "EVIL001"], ["rules", "list"]):
        run = run_cli(*args, "--rules", pack)
        out = run.stdout.decode()
        assert run.returncode == 0, run.stderr.decode()
        assert "EVIL001" in out and "m\\x1b]0;pwned\\x07" in out and hostile(out) == []


def test_printable():
    assert printable("a\x1b[2Jb\u202ec\x85") == "a\\x1b[2Jb\\u202ec\\x85"
    assert printable("tab\there", keep="\t") == "tab\there"
    assert printable("a\\b\n", quoted=True) == "a\\\\b\\n"
    assert printable("naïve – “quoted” 👍🏽 العربية") == "naïve – “quoted” 👍🏽 العربية"
    assert printable_lines("x\x1b\r\ny\rz\n") == "x\\x1b\r\ny\\rz\n"
