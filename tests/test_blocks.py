"""Very large texts are cleaned in blocks (cleaner/engine/blocks.py) with the result of the whole text.

The block threshold and sizes are lowered here so that ordinary articles and generated texts are
cut into many small blocks with little context: what blocking changes, if anything, shows up.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner.engine.blocks as blocks
from cleaner.text.document import Document, is_markdown_path
from cleaner.engine.core import Cleaner
from conftest import examples
from textgen import data_files, markdown, prose, read

# rules that look at the text near a match only (not PIV001: its unless_elsewhere reads the whole
# document, as the entity passes do)
LOCAL = ["DASH", "CAP", "CALQ", "LAY", "ENC"]
# ... except those that weigh evidence from the whole article, as PIV001 does: whether it introduced
# a person by full name (CALQ010, CALQ011), writes a name bare (CALQ012), counts in millions
# (CALQ013), writes a word in capitals, in mixed case or in lower case elsewhere (CAPS010, CAPS011,
# CAPS013)
DOCUMENT_EVIDENCE = ["CALQ010", "CALQ011", "CALQ012", "CALQ013", "CAPS010", "CAPS011", "CAPS013"]


@pytest.fixture(scope="module")
def full():
    return Cleaner()


@pytest.fixture(scope="module")
def local():
    return Cleaner(select=LOCAL, ignore=DOCUMENT_EVIDENCE)


def blocked(cleaner: Cleaner, text: str, md: bool, size: int, context_chars: int = 0, fine_after: int = 10**9):
    """``cleaner.clean`` with every text cut into blocks of ``size`` and little context; a
    paragraph is cut at line breaks or spaces only if longer than ``fine_after`` blocks."""
    saved = blocks.CONTEXT_CHARS, blocks.FINE_CUTS_AFTER
    blocks.CONTEXT_CHARS, blocks.FINE_CUTS_AFTER = context_chars, fine_after
    cleaner.block_threshold, cleaner.block_size = 0, size
    try:
        return cleaner.clean(text, markdown=md)
    finally:
        blocks.CONTEXT_CHARS, blocks.FINE_CUTS_AFTER = saved
        del cleaner.block_threshold, cleaner.block_size  # back to the class defaults


def same(a, b) -> bool:
    return a.text == b.text and a.edits == b.edits and a.suggestions == b.suggestions


FILES = data_files()


# every data file cut into blocks (150 and 1000 characters, 45 s) runs with the slow tests; the
# default suite keeps the joined files cut small (test_all_data_files_joined_cut_small_...)
@pytest.mark.parametrize("size", [pytest.param(150, marks=pytest.mark.slow), pytest.param(1000, marks=pytest.mark.slow)])
def test_every_data_file_cut_small_gives_the_whole_result(full, size):
    """All passes, entity passes included, on every file of the test data: blocks of a few
    sentences with three paragraphs of context change nothing."""
    for path in FILES:
        text, md = read(path), is_markdown_path(str(path))
        whole = full.clean_whole(text, markdown=md)
        assert same(blocked(full, text, md, size), whole), path


def test_all_data_files_joined_cut_small_give_the_whole_result(local):
    """The rules that look near a match, over every file joined into one text. (With the entity
    passes, evidence gathered from the whole joined text differs from a block's by design.)"""
    text = "\n\n".join(read(p) for p in FILES)
    whole = local.clean_whole(text)
    assert whole.edits
    for size in (150, 1000):
        assert same(blocked(local, text, False, size), whole)


@pytest.mark.slow  # a long property test
@examples(300)
@given(st.lists(prose, min_size=1, max_size=12).map("\n\n".join), st.sampled_from([40, 200]), st.booleans())
def test_generated_text_cut_small_gives_the_whole_result(local, text, size, md):
    whole = local.clean_whole(text, markdown=md)
    assert same(blocked(local, text, md, size), whole)


# rules that judge neither a whole paragraph (layout, scope = "prose") nor a whole line (ENC001:
# ftfy weighs the line it is given)
NO_PARAGRAPH_RULES = ["DASH001", "DASH002", "DASH003", "CAP001", "PIV", "CALQ"]


@pytest.fixture(scope="module")
def inline():
    return Cleaner(select=NO_PARAGRAPH_RULES, ignore=DOCUMENT_EVIDENCE)


@pytest.mark.slow  # a long property test
@examples(200)
@given(st.lists(prose, min_size=1, max_size=12).map("\n".join), st.sampled_from([40, 200]))
def test_text_without_blank_lines_is_cut_at_lines_and_spaces(inline, text, size):
    """A stretch with no blank line is cut at line breaks, then spaces; a match crossing such a
    cut stays whole thanks to the context in characters (200 here, 2000 for real). Rules that
    judge a whole paragraph or line are left out: a paragraph cut in two is not the paragraph."""
    whole = inline.clean_whole(text)
    assert same(blocked(inline, text, False, size, context_chars=200, fine_after=1), whole)


def test_a_paragraph_cut_in_two_is_never_taken_for_a_repeat(local):
    """A huge paragraph cut at a line break, whose tail equals the next paragraph: the window
    sees two equal paragraphs, the whole text does not. Nothing may be removed."""
    passage = "\n".join(f"Line {i} of the report says the talks went well." for i in range(40))
    text = "Preface line.\n" * 200 + passage + "\n\n" + passage + "\n\nThe end.\n"
    whole = local.clean_whole(text)
    assert not any(e.rule == "LAY001" for e in whole.edits)
    for size in (300, 700, 1500):
        result = blocked(local, text, False, size, context_chars=len(passage) // 2, fine_after=1)
        assert not any(e.rule.startswith("LAY") for e in result.edits)
        assert result.text.count(passage) == 2


@pytest.mark.slow  # a long property test
@examples(300)
@given(markdown(), st.sampled_from([30, 120]))
def test_markdown_is_never_cut_inside_a_protected_span(local, case, size):
    """Code fences with blank lines inside, front matter, off/on regions: a cut inside one would
    make its second half prose. (The rules that look near a match: the entity passes' evidence
    from the whole text, such as a spelling used twice, is the block's by design.)"""
    text, _ = case
    whole = local.clean_whole(text, markdown=True)
    assert same(blocked(local, text, True, size, context_chars=200), whole)


def test_cuts_avoid_protected_spans_and_suppressions():
    text = ("Intro para.\n\n```\ncode\n\nmore code\n\n```\n\n<!-- cleaner: off -->\n\nquiet\n\n"
            "<!-- cleaner: on -->\n\n<!-- cleaner: ignore -->\n\nLast para.\n")
    doc = Document(text, True)
    cands = blocks.candidates(text, doc, 1000)
    assert cands == [text.index("```"), text.index("<!-- cleaner: off"), text.index("<!-- cleaner: ignore"),
                     text.index("Last para.")]


def test_a_stretch_without_blank_lines_is_cut_at_line_breaks_then_spaces():
    lines = "\n".join(f"Line {i} of a text with single line breaks." for i in range(200))
    words = " ".join(["word"] * 2000)
    text = lines + "\n\n" + words
    cands = blocks.candidates(text, Document(text), 100)
    assert any(text[c - 1] == "\n" and text[c - 2] != "\n" for c in cands)  # line starts
    assert any(c > len(lines) + 2 and text[c - 1] == " " for c in cands)  # word starts in the long line


def test_work_is_linear_in_the_text(local, monkeypatch):
    """The engine is handed each character a bounded number of times (the block and its
    context), however long the text: a count of work, not a timing."""
    article = read(FILES[0])
    text = "\n\n".join([article] * 400)  # about 2 MB: above the real threshold
    assert len(text) > local.block_threshold
    handed: list[int] = []
    real = Cleaner.clean_whole

    def counting(self, t, **kwargs):
        handed.append(len(t))
        return real(self, t, **kwargs)

    monkeypatch.setattr(Cleaner, "clean_whole", counting)
    result = local.clean(text)
    assert len(handed) >= len(text) // local.block_size // 2
    assert max(handed) <= blocks.MAX_MERGED * local.block_size + 2 * (blocks.CONTEXT_CHARS + 10 * len(article))
    assert sum(handed) <= 1.5 * len(text), sum(handed) / len(text)  # each block plus its context
    whole = real(local, text)
    assert same(result, whole)


def test_a_window_that_does_not_begin_the_text_has_no_headline(local):
    """A block's window starting after the text's first paragraph: its first paragraph ("the",
    no final period) read as the headline kept the credit under it as a byline (a slow property
    test found it); the whole text deletes that orphan credit."""
    fence = ("```\n![Supporters at a rally in Buriram](img/rally.jpg)\n\n*Supporters at a rally in Buriram"
             " on Thursday.*\n\nภาพ: มติชน\n\nThe conflict with Cambodia dominated the week.\n\n"
             "Photo : Ludovic Marin / AFP\n\n**Reuters**\n\nThe end.\n```")
    text = "the \n\n" + "\n\n".join([fence] * 3) + "\n\nthe\n\nPhoto: minister \n"
    whole = local.clean_whole(text, markdown=True)
    assert [e.original for e in whole.edits] == ["\n\nPhoto: minister "]
    assert same(blocked(local, text, True, 30, context_chars=200), whole)


# a generated text a slow property test found (size 40): "I funded it Think Tank Initiative"
# begins the paragraph after a window's truncated first paragraph, and every window dropped it
PARAGRAPH_START_CASE = (
    'Kyiv Putin % the Mr., tank the the. the \u20ac \nthe Kiev Images t'
    'he The Israeli opposition met in Tel Aviv. In an interview w'
    'ith Latest News, Lapid said the bloc was united. e.g., \u2028 \n\t '
    'Photo: \u2013AFP\u2013 Ms. \u2013\u03a9it\n\n2000\u2013 \u201cwe have a problem,\u201d the analys'
    't said. Manuel Gazapo Lapayese specializes in the field. \u2013sa'
    'id the secretary-general on Thai PBS television station. \u2013 \n'
    '\U00022cf1\xfe\U000c8ccea\r\n\r\nAFP, \xb1\xc0\x025 The meeting ended.\n\nAFP via Getty Images\n\n'
    'Europe is rearming. \u2013Kiev The company Al-Masri Group and the'
    ' club Al-Hilal signed a deal.\u2013 The Emirati official Ahmed Al'
    ' Suwaidi told the newspaper that the deal was close. \u201cwe hav'
    'e a problem,\u201d the analyst said. She did not elaborate.\n\u2029\n\nan'
    "d\n\n\u2013 In Kabul the Taliban's Ministry of Interior Affairs sai"
    'd so., Steve Witkoff flew in on Monday. Witkov met the presi'
    'dent.. none a \nI funded it Think Tank Initiative. I organize'
    'd it think tank Bruegel.\r\nUS Secretary of State Marco Rubio,'
    ' the US Treasury, the Russian Foreign Minister and the US-Is'
    "rael Defense Minister's meeting; German State Secretary J\xf6rg"
    ' Kukies; Latin American Foreign Minister meetings; the Ameri'
    'can Foreign Ministry.\nthe Institute \u2013he explained\n\nI funded '
    'it Think Tank Initiative. I organized it think tank Bruegel.'
    '\r\nUS Secretary of State Marco Rubio, the US Treasury, the Ru'
    "ssian Foreign Minister and the US-Israel Defense Minister's "
    'meeting; German State Secretary J\xf6rg Kukies; Latin American '
    'Foreign Minister meetings; the American Foreign Ministry.\nth'
    'e Institute \u2013he explained\n\n\U00022cf1\xfe\U000c8ccea\r\n\r\nAFP, \xb1\xc0\x025 The meeting end'
    'ed.\n\nAFP via Getty Images\n\nEurope is rearming. \u2013Kiev The com'
    'pany Al-Masri Group and the club Al-Hilal signed a deal.\u2013 Th'
    'e Emirati official Ahmed Al Suwaidi told the newspaper that '
    'the deal was close. \u201cwe have a problem,\u201d the analyst said. S'
    "he did not elaborate.\n\u2029\n\nand\n\n\u2013 In Kabul the Taliban's Minis"
    'try of Interior Affairs said so., Steve Witkoff flew in on M'
    "onday. Witkov met the president.. none a \nMcDonald's, YouTub"
    'e, an iPhone, eBay, Ron DeSantis, LeBron James and MacKenzie'
    ' Scott met OpenAI, DeepMind, JPMorgan, BlackRock, PlayStatio'
    'n, LinkedIn and Mohamed ElBaradei.\n\nAFP\u2013 , 5, e\u0301 \u2013The accord'
    ' was signed on 26 October 2025 by Ms Kanya Yonthong. \u2013The go'
    "vernor, the Sama tribe and San Francisco's mayor; Senpai and"
    ' sensei are Japanese words.. \xa0 \u2013 The President of Mauritania'
    ', His Excellency Mohamed Ould Ghazouani, met Batoni Irakli K'
    'obakhidze and Paron Nikol Pashinyan. \u20131\x1b2000\r\nAl-Suwaidi e\u0301.'
    " Iraq's prime minister Mohammed Shia al-Sudani met President"
    ' al-Sisi in Cairo. \u2013 when the Institute \u2013he explained\n\n\nwhic'
    'hU.S. Germany will send more air defence to Kyiv. According '
    'to the World, the minister will travel to Berlin., \u20ac, \u2026 2000'
    ', '
)


def test_an_edit_that_begins_the_paragraph_after_a_cut_is_kept(inline):
    whole = inline.clean_whole(PARAGRAPH_START_CASE)
    assert any(e.rule == "CALQ001" and e.original.startswith("I funded it") for e in whole.edits)
    assert same(blocked(inline, PARAGRAPH_START_CASE, False, 40, context_chars=200, fine_after=1), whole)
