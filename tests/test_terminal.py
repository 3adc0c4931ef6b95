"""What a person sees at a terminal: run the real command on a pseudo-terminal and read its screen."""

import os
import re
import sys

import pexpect

import cleaner
from conftest import ROOT, SEEDS, run_cli
from test_batch import DAMAGED, make_corpus

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def at_terminal(*args, cwd=None, env=None, width=200):
    """Run ``cleaner ARGS`` with a terminal as stdin, stdout and stderr; return (status, raw output)."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color", COLUMNS=str(width))
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    child = pexpect.spawn(sys.executable, ["-m", "cleaner", *map(str, args)], cwd=cwd, env=full_env,
                          dimensions=(60, width), encoding="utf-8", timeout=120)
    out = child.read()
    child.close()
    return child.exitstatus, out.replace("\r\n", "\n")


def plain(s):
    return ANSI.sub("", s)


def test_diff_at_a_terminal_shows_words_in_colour_with_reasons(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    status, out = at_terminal("fix", "--diff", path)
    assert status == 1 and path.read_text(encoding="utf-8") == DAMAGED
    assert "\x1b[" in out and "--- a/" not in out
    text = plain(out)
    result = cleaner.clean(DAMAGED)
    for edit in result.edits:
        line, col = 1, edit.start + 1
        assert f"{path}:{line}:{col}" in text
        assert f"└ {edit.rule} · {edit.applicability} · {edit.confidence:.2f} · {edit.message}" in text
    # word level: the whole word that changed, old then new
    assert "When → when" in text and "Hindu– → Hindu –" in text


def test_no_color_at_a_terminal_is_the_plain_diff_of_a_pipe(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    piped = run_cli("fix", "--diff", path)
    status, out = at_terminal("fix", "--diff", "--no-color", path)
    assert status == 1 and "\x1b[" not in out
    assert out == piped.stdout.decode() + piped.stderr.decode()
    status, out = at_terminal("fix", "--diff", path, env={"NO_COLOR": "1"})
    assert "\x1b[" not in out and out.startswith(f"--- a/{path}")


def test_color_can_be_forced_into_a_pipe(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = run_cli("check", "--color", path)
    out = run.stdout.decode()
    assert run.returncode == 1 and "\x1b[" in out
    assert "└ DASH001 · safe · 0.90" in plain(out)


def test_check_at_a_terminal_marks_suggestions(tmp_path):
    text = "“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    status, out = at_terminal("check", path)
    [suggestion] = cleaner.clean(text).suggestions
    screen = plain(out)
    assert status == 0
    assert "suggestion, not applied" in screen
    assert f"└ {suggestion.rule} · suggestion · {suggestion.confidence:.2f} · {suggestion.message}" in screen


def test_show_fixes_lists_reasons_and_the_suggestions_left(cli, tmp_path):
    text = DAMAGED + "\n“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = cli("fix", "--show-fixes", path)
    lines = run.stdout.decode().splitlines()
    result = cleaner.clean(text)
    assert len(lines) == len(result.edits) + len(result.suggestions)
    assert sum("(suggestion, not applied)" in l for l in lines) == len(result.suggestions) == 1
    for edit in result.edits:
        assert any(f" {edit.rule} " in l and f"[{edit.applicability} {edit.confidence:.2f}] {edit.message}" in l
                   for l in lines)
    assert path.read_text(encoding="utf-8") == result.text


def test_folder_at_a_terminal_shows_progress_then_a_summary_table(tmp_path):
    corpus = make_corpus(tmp_path / "news")
    status, out = at_terminal("fix", "--jobs", "2", "--no-cache", "news", cwd=tmp_path)
    assert status == 0
    screen = plain(out)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert re.search(rf"cleaning .* \d+/{len(files)} files", screen)  # the progress bar was drawn
    rows = dict(re.findall(r"^ *(files scanned|files changed|edits applied|suggestions left) +(\d+) *$",
                           screen, re.M))
    assert rows["files scanned"] == str(len(files))
    # the counts are the library's, counted here independently
    originals = {p: p.read_text(encoding="utf-8") for p in files}  # already fixed: count on fresh copies
    fresh = make_corpus(tmp_path / "fresh")
    results = [cleaner.clean(p.read_text(encoding="utf-8"), markdown=p.suffix == ".md")
               for p in sorted(fresh.rglob("*")) if p.is_file()]
    assert rows["files changed"] == str(sum(1 for r in results if r.edits))
    assert rows["edits applied"] == str(sum(len(r.edits) for r in results))
    assert rows["suggestions left"] == str(sum(len(r.suggestions) for r in results))
    per_rule = {}
    for r in results:
        for e in r.edits:
            for rule in e.rule.split("+"):
                per_rule[rule] = per_rule.get(rule, 0) + 1
    for rule, n in per_rule.items():
        assert re.search(rf"^ +{rule} +{n} *$", screen, re.M), rule
    assert originals  # the fixed files were written

    # quiet: no bar and no table; piped: the one-line summary, no bar
    status, out = at_terminal("check", "--quiet", "--no-cache", "news", cwd=tmp_path)
    assert "files scanned" not in plain(out) and "cleaning" not in plain(out)
    piped = run_cli("check", "--no-cache", "news", cwd=tmp_path)
    assert b"cleaning" not in piped.stderr and b"files scanned" not in piped.stderr
    assert piped.stderr.decode().startswith("cleaner: would apply ")


def test_seed_at_a_terminal_shows_every_finding(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes((SEEDS / "putin-india.raw.txt").read_bytes())
    status, out = at_terminal("check", path)
    result = cleaner.clean(path.read_text(encoding="utf-8"))
    heads = re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+)", plain(out), re.M)
    assert len(heads) == len(result.edits) + len(result.suggestions)
    assert status == 1
