"""The encoding pass repairs mojibake and leaves correct text byte for byte."""

import pytest

import cleaner

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
