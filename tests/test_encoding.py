"""The encoding pass repairs mojibake and leaves correct text byte for byte."""

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.passes.encoding import MAYBE_BAD
from conftest import examples

CORRECT = [
    "“Curly quotes” and ‘single ones’ stay – and so do en dashes — and em dashes.",
    "The ﬁ ligature, ｆｕｌｌ width and e\u0301 (decomposed) are left as written.",
    "HTML entities such as &amp; and &lt;b&gt; are text here.",
    "Ümlaut, ñ, ç, Ø, Ł, 中文, русский, العربية — all fine.",
    "The Â symbol is a letter in its own right.",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_survives(text):
    result = cleaner.clean(text)
    assert result.text == text and result.edits == []


@pytest.mark.parametrize("bad,good", [
    ("We donâ€™t know.", "We don’t know."),
    ("The cafÃ© and the naÃ¯ve crÃ¨me", "The café and the naïve crème"),
    ("â€œQuotedâ€\x9d text", "“Quoted” text"),
])
def test_mojibake_is_repaired_with_an_explained_edit(bad, good):
    result = cleaner.clean(bad)
    assert result.text == good
    assert result.edits and all(e.rule == "ENC001" for e in result.edits)
    assert all("encode as" in e.message and "decode as" in e.message for e in result.edits)
    assert cleaner.apply_edits(bad, result.edits) == good


def test_seed_quotes_and_dashes_survive(seed_raw):
    out = cleaner.clean(seed_raw).text
    for ch in "“”’–":
        assert out.count(ch) >= seed_raw.count(ch) - 2, ch  # only edits elsewhere may remove one


# MAYBE_BAD lets the pass skip ftfy for lines its detector cannot call bad. That is sound only if
# every line ftfy.badness.is_bad accepts is also a MAYBE_BAD line. Two non-ASCII characters side
# by side are MAYBE_BAD by construction; what is left is a non-ASCII character alone among ASCII
# ones. Checked here against the installed ftfy: every non-ASCII character its patterns name, in
# every short ASCII context its patterns look at (letters, digits, space, punctuation, line start),
# exhaustively, and in longer generated lines of such lone characters.


def _pattern_characters() -> str:
    from ftfy.badness import BADNESS_RE

    source = BADNESS_RE.pattern
    ranges = [chr(c) for a, b in regex.findall(r"(.)-(.)", source) for c in range(ord(a), ord(b) + 1)]
    return "".join(sorted({c for c in source + "".join(ranges) if not c.isascii()}))


_LONE = _pattern_characters()
_BEFORE = ["", "a", "A", "1", " ", ".", "a ", ". ", "a.", "\t"]
_AFTER = ["", "a", "A", "1", " ", ".", " a", "  ", "a "]


def test_a_lone_character_ftfy_calls_bad_is_never_skipped():
    from ftfy.badness import is_bad

    assert len(_LONE) > 300  # the characters of ftfy's patterns were found
    missed = [before + c + after for c in _LONE for before in _BEFORE for after in _AFTER
              if is_bad(before + c + after) and not MAYBE_BAD.search(before + c + after)]
    assert not missed, missed[:10]


@examples(2000)
@given(st.lists(st.tuples(st.text(" a.A1", min_size=1, max_size=2), st.sampled_from(_LONE)), max_size=8),
       st.text(" a.A1", max_size=2))
def test_what_ftfy_calls_bad_is_never_skipped(pieces, tail):
    from ftfy.badness import is_bad

    line = "".join(a + b for a, b in pieces) + tail
    if is_bad(line):
        assert MAYBE_BAD.search(line), line


def test_lines_with_lone_quotes_and_dashes_skip_ftfy():
    assert not MAYBE_BAD.search("“Curly quotes” and ‘single ones’ stay – and so do dashes — here.")
    for bad in ("donâ€™t", "cafÃ© ", "a\x9d", "naÃ¯ve", "the Ã  la", "Â "):
        assert MAYBE_BAD.search(bad), bad
