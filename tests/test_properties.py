"""Properties every cleaning must have, on generated text and on every text file of the test data.

- idempotence: cleaning the output again changes nothing;
- replay: applying the reported edits to the input gives the output (``apply_edits``), and each
  edit's ``original`` is the input's text at its span;
- protection: no edit touches code, URLs, front matter, HTML comments or a suppressed region, and
  the damage planted inside those survives verbatim;
- graphemes: no edit starts or ends inside a grapheme cluster (``\\X``) or a surrogate pair;
- text without letters comes back unchanged, with no finding at all;
- correct text (gold versions, clean articles) comes back unchanged.

The example budgets add up to well over 10,000 per run (see ``examples``); the "ci" Hypothesis
profile makes them the same examples every run.
"""

from __future__ import annotations

import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

import cleaner
from cleaner.text.document import Document, is_grapheme_boundary, is_markdown_path
from conftest import examples
from textgen import (NASTY, damage_with_nasty, data_files, grapheme_boundaries, is_correct_text, markdown, no_letters, prose,
                     read, real_text)


def check_result(text: str, result: cleaner.Result, *, markdown_doc: bool = False) -> None:
    """Replay, span integrity, grapheme boundaries and protection, for one cleaning."""
    if currently_in_test_context():
        note(f"output: {result.text!r}")
        note(f"edits: {result.edits!r}")
    assert result.original == text
    assert cleaner.apply_edits(text, result.edits) == result.text
    findings = result.edits + result.suggestions
    for a, b in zip(result.edits, result.edits[1:]):
        assert a.end <= b.start and not (a.start == a.end == b.start), (a, b)
    cuts = grapheme_boundaries(text)
    doc = Document(text, markdown_doc)
    for e in findings:
        assert 0 <= e.start <= e.end <= len(text)
        assert e.original == text[e.start:e.end], e
        assert e.start in cuts and e.end in cuts, f"{e} splits a grapheme"
        assert not doc.is_protected(e.start, e.end), f"{e} touches a protected span"
        for sup in doc.suppressions:
            assert not (sup.start <= e.start and e.end <= sup.end and sup.silences(e.rule)), e


def check_idempotent(result: cleaner.Result, *, markdown_doc: bool = False) -> None:
    again = cleaner.clean(result.text, markdown=markdown_doc)
    assert again.text == result.text, again.edits
    assert again.edits == []


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(3000)
@given(prose)
def test_generated_prose(text):
    result = cleaner.clean(text)
    check_result(text, result)
    check_idempotent(result)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(1500)
@given(prose)
def test_generated_prose_as_markdown(text):
    result = cleaner.clean(text, markdown=True)
    check_result(text, result, markdown_doc=True)
    check_idempotent(result, markdown_doc=True)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(2000)
@given(markdown())
def test_markdown_protected_spans_survive(case):
    text, blocks = case
    result = cleaner.clean(text, markdown=True)
    check_result(text, result, markdown_doc=True)
    for block in blocks:
        assert result.text.count(block) >= text.count(block), f"protected block changed: {block!r}"
    check_idempotent(result, markdown_doc=True)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(1500)
@given(real_text(), st.booleans())
def test_windows_of_real_articles_with_damage(text, as_markdown):
    result = cleaner.clean(text, markdown=as_markdown)
    check_result(text, result, markdown_doc=as_markdown)
    check_idempotent(result, markdown_doc=as_markdown)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(1500)
@given(damage_with_nasty())
def test_damage_glued_to_hard_unicode(text):
    result = cleaner.clean(text)
    check_result(text, result)
    check_idempotent(result)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(1000)
@given(st.lists(st.sampled_from(NASTY + ["a", "b", " ", "–"]), max_size=12).map("".join))
def test_grapheme_boundary_check_agrees_with_regex_X(text):
    cuts = grapheme_boundaries(text)
    assert [i for i in range(len(text) + 1) if is_grapheme_boundary(text, i)] == sorted(cuts)


@pytest.mark.slow  # a long property test (1,000 to 3,000 examples)
@examples(2500)
@given(no_letters, st.booleans())
def test_text_without_letters_is_unchanged(text, as_markdown):
    result = cleaner.clean(text, markdown=as_markdown)
    assert result.text == text
    assert result.edits == [] and result.suggestions == []


FILES = data_files()


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(p.parents[1])) for p in FILES])
def test_every_data_file(path):
    """Each whole file: the properties above, and correct text is left exactly as it is."""
    text = read(path)
    md = is_markdown_path(str(path))
    result = cleaner.clean(text, markdown=md)
    check_result(text, result, markdown_doc=md)
    check_idempotent(result, markdown_doc=md)
    if is_correct_text(path):
        assert result.text == text, [(e.rule, e.original, e.replacement) for e in result.edits]
    crlf = text.replace("\n", "\r\n")
    result = cleaner.clean(crlf, markdown=md)
    check_result(crlf, result, markdown_doc=md)
    check_idempotent(result, markdown_doc=md)


def test_an_edit_that_would_split_a_grapheme_is_dropped(tmp_path):
    """The engine's own guard, for rules that know nothing of graphemes (a user's regex)."""
    pack = tmp_path / "caps.toml"
    pack.write_text('[[rule]]\nid = "CAPS001"\nkind = "regex"\nmessage = "m"\napplicability = "safe"\n'
                    "confidence = 1.0\npattern = 'e'\nreplacement = 'E'\n", encoding="utf-8")
    text = "cafe\u0301 here, \U0001F469\u200d\U0001F4BB e\r\n"
    result = cleaner.Cleaner(rules=[pack], bundled=False).clean(text)
    # the e that carries an accent stays (its accent would be left on nothing); the others change
    assert result.text == "cafe\u0301 hErE, \U0001F469\u200d\U0001F4BB E\r\n"


# Minimal cases the properties found, kept as plain tests: (input, markdown, expected output).
FOUND = [
    # indented code after a CRLF blank line is code (it was edited)
    ("Text.\r\n\r\n    the newspaper Hindu– When it rains\r\n", True, None),
    # a CRLF closing fence closes the fence (everything after it was treated as code)
    ("```\r\ncode\r\n```\r\n\r\nAs the report put it– When it rains, it pours.\r\n", True,
     "```\r\ncode\r\n```\r\n\r\nAs the report put it – when it rains, it pours.\r\n"),
    # no letters: nothing to judge an encoding or a dash by
    ("\x80", False, None),
    ("123– 123 ", False, None),
    ("123– – ", False, None),
    ("12 34 56\n\n12 34 56 ", False, None),  # a repeated row of numbers is no repeated caption
    # a dateline is followed by a sentence, whose first word keeps its capital
    ("NEW DELHI – When the Indian Air Force retired its last jets, it closed a chapter.\n", False, None),
    # mojibake before a combining accent: the accent goes along with the repaired letter
    ("The cafÃ©\u0301 was closed.", False, "The café\u0301 was closed."),
    # a footnote mark alone on a line is no credit in a pivot script
    ("[0]", False, None),
    ("(1)", True, None),
    # a comma inserted at a glued boundary, then the office after it rewritten: one reported edit
    # (two at one original offset would be ambiguous to replay)
    ("ReutersKnesset Chairman Amir Ohana spoke.\n", True,
     "Reuters, Knesset Speaker Amir Ohana spoke.\n"),
]


@pytest.mark.parametrize("text,md,expected", FOUND)
def test_cases_the_properties_found(text, md, expected):
    result = cleaner.clean(text, markdown=md)
    assert result.text == (text if expected is None else expected)
    check_result(text, result, markdown_doc=md)


def test_a_place_is_not_repaired_into_a_company_named_elsewhere():
    text = "Google said it would invest.\n\nShips on the Hooghly river carry coal.\n"
    assert cleaner.clean(text).text == text
