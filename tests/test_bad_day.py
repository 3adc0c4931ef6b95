"""The rest of issue 14's bad day: a rule that times out is skipped for that file and the batch
goes on; ``fix -`` on an error gives its input back; CRLF and CR-only text gets the same fixes as
LF; a cache entry is used only for the bytes it was made from."""

from __future__ import annotations

import json

import pytest

import cleaner
from conftest import run_cli

SLOW_PACK = '''[[rule]]
id = "SLOW001"
kind = "regex"
message = "m"
applicability = "safe"
confidence = 1.0
pattern = '(a|aa)+$'
replacement = 'x'
'''
DAMAGED = "The report– When it rains, it pours.\n"
CLEANED = "The report – when it rains, it pours.\n"


def test_a_rule_that_times_out_is_skipped_for_that_file_and_the_batch_goes_on(tmp_path):
    pack = tmp_path / "slow.toml"
    pack.write_text(SLOW_PACK, encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-trap.txt").write_text(DAMAGED + "a" * 40 + "!\n", encoding="utf-8")  # trips the rule
    for i in range(5):
        (folder / f"b{i}.txt").write_text(DAMAGED, encoding="utf-8")
    run = run_cli("fix", "--no-cache", "--rules", pack, folder)
    err = run.stderr.decode()
    assert run.returncode == 2, err
    [line] = [l for l in err.splitlines() if l.startswith("cleaner: error: ")]
    assert "a-trap.txt" in line and "SLOW001" in line and "skipped for this file" in line
    # the trap file still gets the other rules' repairs, and every other file is done
    assert (folder / "a-trap.txt").read_text(encoding="utf-8") == CLEANED + "a" * 40 + "!\n"
    assert all((folder / f"b{i}.txt").read_text(encoding="utf-8") == CLEANED for i in range(5))


def test_fix_stdin_on_an_error_gives_the_input_back(tmp_path):
    pack = tmp_path / "slow.toml"
    pack.write_text(SLOW_PACK, encoding="utf-8")
    bad = b"not \xc3\x28 UTF-8 \xe2\x80 text\n"
    run = run_cli("fix", "-", input=bad)
    assert run.returncode == 2 and run.stdout == bad  # an editor's buffer or a pipeline keeps its text
    assert run.stderr.startswith(b"cleaner: error: ")
    # a usage error found before reading: the input still comes back
    run = run_cli("fix", "--ignore", "", "-", input=DAMAGED.encode())
    assert run.returncode == 2 and run.stdout == DAMAGED.encode() and b"--ignore" in run.stderr
    # no error: the cleaned text
    run = run_cli("fix", "-", input=DAMAGED.encode())
    assert run.returncode == 0 and run.stdout == CLEANED.encode()


TEXTS = [
    "The report– When it rains, it pours.\nThe U.S. president– When he said.\n\nAlexander Kazakov\n\nReuters/Sputnik\n",
    "Yuri Ushakov and Vladimir Putin during the meeting.\n\nYuri Ushakov and Vladimir Putin during the meeting.\n",
    "according to the newspaper Hindu– When it rains\n\nWe donâ€™t know.\n",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_text_gets_the_same_fixes_as_lf(text, ending):
    lf = cleaner.clean(text)
    assert lf.changed
    other = text.replace("\n", ending)
    result = cleaner.clean(other)
    assert result.text == lf.text.replace("\n", ending)
    assert [(e.rule) for e in result.edits] == [e.rule for e in lf.edits]
    assert cleaner.apply_edits(other, result.edits) == result.text
    for e in result.edits:
        assert e.original == other[e.start:e.end]


def test_the_command_keeps_each_files_line_endings(tmp_path):
    for name, ending in (("crlf.txt", "\r\n"), ("cr.txt", "\r")):
        path = tmp_path / name
        path.write_bytes(TEXTS[0].replace("\n", ending).encode())
        assert run_cli("fix", "--no-cache", path).returncode == 0
        assert path.read_bytes() == cleaner.clean(TEXTS[0]).text.replace("\n", ending).encode()


def test_a_cache_entry_is_used_only_for_the_bytes_it_was_made_from(tmp_path):
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Nothing to change here.\n", encoding="utf-8")
    b.write_text(DAMAGED, encoding="utf-8")
    for path in (a, b):
        assert run_cli("check", "--cache-dir", cache, path).returncode in (0, 1)
    entries = sorted(p for p in cache.rglob("*.json") if "compiled" not in p.relative_to(cache).parts)
    assert len(entries) == 2
    clean_entry = next(p for p in entries if json.loads(p.read_text())["edits"] == [])
    dirty_entry = next(p for p in entries if p != clean_entry)
    dirty_entry.write_text(clean_entry.read_text())  # an empty entry planted under b's key
    run = run_cli("check", "--cache-dir", cache, b)
    assert run.returncode == 1 and b"DASH001" in run.stdout  # b's fixes are not hidden


def test_an_edit_after_a_crlf_code_fence_leaves_the_fence_alone():
    """Found by the Markdown property: trailing blank lines after a CRLF fence were removed by an
    edit starting at the fence line's CR."""
    text = "Text.\r\n\r\n```\r\ncode\r\n```\r\n\r\n\r\n"
    result = cleaner.clean(text, markdown=True)
    assert result.text == "Text.\r\n\r\n```\r\ncode\r\n```\r\n"
    [edit] = result.edits
    assert edit.start == text.index("```\r\n\r\n") + 5 and edit.replacement == ""


def test_a_credit_line_between_crlf_fences_is_removed_without_touching_them():
    """Found by the Markdown property in CI: LAY002 removes "\\n\\nGetty " in the LF text; in the
    CRLF text that deletion began at the CR ending the fence before it (protected). The same
    deletion taken after the line leaves the fence whole, and the text is the LF result's."""
    fence = "```\r\n![A rally](img/rally.jpg)\r\n\r\nThe end.\r\n```"
    text = f"Intro.\r\n\r\n{fence}\r\n\r\nGetty \r\n\r\n{fence}\r\n"
    result = cleaner.clean(text, markdown=True)
    lf = cleaner.clean(text.replace("\r\n", "\n"), markdown=True)
    assert [e.rule for e in lf.edits] == ["LAY002"]
    assert result.text == lf.text.replace("\n", "\r\n")
    assert result.text.count(fence) == 2 and "Getty" not in result.text
    [edit] = result.edits
    assert edit.original == "Getty \r\n\r\n"


def test_clean_whole_handles_line_endings_as_clean_does():
    """The block tests compare blocked cleaning against ``clean_whole``: both must see CRLF as LF."""
    text = "The report– When it rains.\r\n\r\nGetty \r\n"
    whole = cleaner.Cleaner().clean_whole(text)
    assert whole.text == cleaner.clean(text).text != text


def test_a_moved_deletion_never_meets_the_next_edit_nor_splits_a_crlf():
    """Found by the same property: the duplicate paragraph's deletion, taken one line later,
    met the deletion of the trailing blank lines; and a CR alone was taken from a CRLF."""
    para = '"We have never been more united, or more nervous," the diplomat said. Stubb sounded calm.'
    for ending in ("\r\n", "\r"):
        text = f"{para}{ending}{ending}{para}{ending}{ending}{ending}"
        result = cleaner.clean(text, markdown=True)
        assert result.text == para + ending
        assert cleaner.apply_edits(text, result.edits) == result.text
        for e in result.edits:
            assert not (text[e.start - 1:e.start + 1] == "\r\n" or text[e.end - 1:e.end + 1] == "\r\n"), e
