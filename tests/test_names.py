"""Name runs (cleaner/names/runs.py): a run's tokens are the pieces between its spaces, which must be
exactly what the TOKEN pattern finds in it, on every text in the repository's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.names import runs as names
from conftest import examples
from textgen import prose, real_text

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/data/**/*.txt"), *ROOT.glob("tests/data/**/*.md")])


def _by_pattern(text: str) -> list[list[tuple[str, int, int]]]:
    return [[(t.group(), m.start() + t.start(), m.start() + t.end()) for t in names.TOKEN.finditer(m.group())]
            for m in names.RUN.finditer(text)]


def _by_runs(text: str) -> list[list[tuple[str, int, int]]]:
    return [[(t.text, t.start, t.end) for t in run.tokens] for run in names.runs(text)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_run_tokens_are_what_the_token_pattern_finds(path):
    text = path.read_text(encoding="utf-8")
    found = _by_runs(text)
    assert found == _by_pattern(text)
    assert all(text[s:e] == word for run in found for word, s, e in run)


@examples(500)
@given(prose)
def test_run_tokens_on_generated_prose(text):
    assert _by_runs(text) == _by_pattern(text)


@examples(300)
@given(real_text())
def test_run_tokens_on_windows_of_real_articles(text):
    assert _by_runs(text) == _by_pattern(text)


def test_particles_and_hyphens_inside_runs():
    text = "Ursula von der Leyen met Mohammed Shia al-Sudani and the Su-57 maker's chief."
    assert [[w for w, _, _ in run] for run in _by_runs(text)] == [
        ["Ursula", "von", "der", "Leyen"], ["Mohammed", "Shia", "al-Sudani"], ["Su-57"]]


# ASCII_RUN stands in for RUN on text whose letters, marks and digits are all ASCII: it must find
# exactly RUN's runs there. Generated from the characters the pattern turns on: capitals, small
# letters, digits, particles, hyphens and apostrophes (straight and curly), spaces, and the
# non-ASCII punctuation of real copy.
_PIECES = st.sampled_from(["Putin", "Su-57", "al-Sudani", "von", "der", "de", "la", "O'Neil", "O’Neil", "McDonald",
                           "e", "Ab", "A", "ab", "x1", "57", "-", "'", "’", " ", "  ", "\n", ",", ".", "“", "”",
                           "–", "…", "\u00a0", "é", "É", "\u0301", "٣", "S-400", "F-35s", "A-", "-B", "ibn",
                           "Tu-95", "B9", "1968", "x7", "MiG", "z", "Z"])


@examples(1500)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_the_ascii_pattern_finds_the_same_runs(text):
    from cleaner.passes.entities import _ASCII_LOWER_RUN, _LOWER_RUN

    if names.letters_are_ascii(text):
        assert [m.span() for m in names.ASCII_RUN.finditer(text)] == [m.span() for m in names.RUN.finditer(text)]
        assert _ASCII_LOWER_RUN.findall(text) == _LOWER_RUN.findall(text)
    else:
        assert any(not c.isascii() and c.isalnum() or c == "\u0301" for c in text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_ascii_pattern_on_data_files(path):
    text = path.read_text(encoding="utf-8")
    if names.letters_are_ascii(text):
        assert [m.span() for m in names.ASCII_RUN.finditer(text)] == [m.span() for m in names.RUN.finditer(text)]
