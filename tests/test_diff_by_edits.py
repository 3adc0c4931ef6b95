"""`fix --diff` on a large file: the diff is built from the edits, a few lines around each.

difflib comparing every line of a 100 MB file with every other did not finish in five minutes;
report.unified_diff now hands difflib only the lines the edits touch, with their context.
"""

from __future__ import annotations

import difflib
import re

import pytest

from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.text.edits import Edit, apply_edits
from cleaner.output.report import unified_diff
from conftest import examples, run_cli
from textgen import data_files, prose, read, real_text

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")


def patch(before: str, diff: str) -> str:
    """Apply a unified diff (as cleaner writes it) to ``before``; fails on any mismatch."""
    old = before.splitlines(keepends=True)
    out: list[str] = []
    pos = 0
    lines = diff.splitlines(keepends=True)
    i = 2 if lines else 0
    assert not lines or (lines[0].startswith("--- a/") and lines[1].startswith("+++ b/"))
    while i < len(lines):
        m = HUNK.match(lines[i].rstrip("\n"))
        assert m, lines[i]
        start, length = int(m.group(1)), int(m.group(2) or 1)
        first = start - 1 if length else start
        assert first >= pos, "hunks out of order"
        out.extend(old[pos:first])
        pos = first
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, text = lines[i][0], lines[i][1:]
            if i + 1 < len(lines) and lines[i + 1] == "\\ No newline at end of file\n":
                text = text[:-1]
                i += 1
            if tag in " -":
                assert old[pos] == text, (old[pos], text)
                pos += 1
            if tag in " +":
                out.append(text)
            i += 1
    out.extend(old[pos:])
    return "".join(out)


def whole_file_diff(path, before, after):
    return unified_diff(path, before, after)  # no edits: difflib over every line


@st.composite
def edited(draw):
    text = draw(st.one_of(prose, real_text(), st.lists(prose, max_size=8).map("\n".join)))
    edits, pos = [], 0
    for _ in range(draw(st.integers(0, 6))):
        if pos > len(text):
            break
        start = draw(st.integers(pos, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        rep = draw(st.sampled_from(["", "X", "\n", "\r\n", "new line\n", " – ", "\u2028"]))
        edits.append(Edit(start, end, rep, "T1", 1.0, "safe", "m", text[start:end]))
        pos = end + 1
    return text, edits


@pytest.mark.slow  # a long property test
@examples(1500)
@given(edited())
def test_the_diff_from_edits_patches_the_file_into_the_result(case):
    before, edits = case
    after = apply_edits(before, edits)
    diff = unified_diff("a.txt", before, after, edits)
    assert (diff == "") == (before.splitlines(True) == after.splitlines(True))
    assert patch(before, diff) == after


def _changed(diff: str) -> tuple[int, int]:
    lines = diff.splitlines()[2:]
    return sum(l.startswith("-") for l in lines), sum(l.startswith("+") for l in lines)


def test_on_the_real_articles_it_changes_the_lines_difflib_changes():
    """The same lines removed and added as difflib over the whole file (which of two equal blank
    lines it shows as removed may differ), and the diff patches the file into the result."""
    for path in data_files():
        before = read(path)
        result = cleaner.clean(before)
        diff = unified_diff(path.name, before, result.text, result.edits)
        assert patch(before, diff) == result.text
        assert _changed(diff) == _changed(whole_file_diff(path.name, before, result.text)), path


def test_difflib_sees_only_the_lines_around_the_edits(monkeypatch):
    """A 2 MB text with edits throughout: difflib is handed a few lines per edit, not the file
    (a count of work, not a timing)."""
    article = read(data_files()[0]).replace("\n\n", "\n\nKiev.\n\n", 3)
    before = "\n\n".join([article] * 300)
    edits = [Edit(m.start(), m.end(), "Kyiv", "T1", 1.0, "safe", "m", "Kiev") for m in re.finditer("Kiev", before)]
    after = apply_edits(before, edits)
    handed = []
    real = difflib.unified_diff

    def counting(a, b, *args, **kwargs):
        handed.append(len(a) + len(b))
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(difflib, "unified_diff", counting)
    diff = unified_diff("big.txt", before, after, edits)
    assert patch(before, diff) == after
    assert len(handed) <= len(edits) and max(handed) <= 2 * (2 * 3 + 3 * 7)


def test_fix_diff_on_a_large_file(tmp_path):
    article = read(data_files()[0])
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join([article.replace("\n\n", "\n\nThe report– When it rains, it pours.\n\n", 2)] * 400),
                    encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    run = run_cli("fix", "--diff", "--no-cache", "--select", "DASH", path)
    assert run.returncode == 1
    after = patch(before, run.stdout.decode().replace(f"--- a/{path}", "--- a/x").replace(f"+++ b/{path}", "+++ b/x"))
    assert after == cleaner.clean(before, select=["DASH"]).text != before
    assert path.read_text(encoding="utf-8") == before
