"""Protected spans and inline suppression: what no pass may touch."""

import textwrap

import pytest

import cleaner
from cleaner.text.document import Document

DAMAGE = "the newspaper Hindu– When"  # DASH001 and DASH004 fire on this


def fixed(text, markdown=True):
    return cleaner.clean(text, markdown=markdown, select=["DASH"]).text


def test_damage_is_repaired_in_plain_prose():
    assert fixed(f"It happened, according to {DAMAGE} it rained.") != f"It happened, according to {DAMAGE} it rained."


def test_markdown_code_urls_html_and_front_matter_are_never_edited():
    text = textwrap.dedent(f"""\
        ---
        title: {DAMAGE} x.
        ---
        Prose with `{DAMAGE} inline.` code.

        ```
        {DAMAGE} in a fence.
        ```

            {DAMAGE} indented code.

        See https://example.com/{DAMAGE.replace(' ', '_')}– When/ and mail a.b@example.com.
        <span title="{DAMAGE} x.">tag</span> <!-- {DAMAGE} comment. -->
        """)
    assert fixed(text) == text


def test_off_on_region_and_ignore_next_line():
    text = (f"<!-- cleaner: off -->\nSo says {DAMAGE} it rained.\n<!-- cleaner: on -->\n"
            f"<!-- cleaner: ignore DASH -->\nSo says {DAMAGE} it rained.\nSo says {DAMAGE} it rained.\n")
    out = fixed(text, markdown=False).splitlines()
    assert out[1] == f"So says {DAMAGE} it rained."  # off region
    assert out[4] == f"So says {DAMAGE} it rained."  # ignored line
    assert out[5] == "So says the newspaper Hindu – when it rained."  # the line after is fixed


def test_ignore_names_only_the_given_rule():
    text = f"<!-- cleaner: ignore DASH004 -->\nSo says {DAMAGE} it rained.\n"
    assert fixed(text).splitlines()[1] == "So says the newspaper Hindu – When it rained."


def test_code_is_not_protected_in_plain_text_but_urls_are():
    doc = Document("`a` https://x.org/a b", markdown=False)
    assert doc.is_protected(4, 8) and not doc.is_protected(0, 3)


@pytest.mark.parametrize("markdown", [False, True])
def test_an_apostrophe_inside_a_url_is_part_of_it(markdown):
    """Found by the Markdown property test: a URL slug with a Turkish suffix ("Ankara'da") lost its
    protection at the apostrophe, and CALQ012 rewrote the rest of the URL. A quoted URL's closing
    apostrophe is still not part of it."""
    text = ("See https://example.com/Erdoğan'ın_rivals_met_Ankara'da. Then Ankara'da it rained, "
            "said 'https://example.com/a'.\n")
    result = cleaner.clean(text, markdown=markdown)
    assert "https://example.com/Erdoğan'ın_rivals_met_Ankara'da." in result.text
    assert "it rained" in result.text and "Then in Ankara it rained" in result.text
    doc = Document(text, markdown=markdown)
    end = text.index("'.\n")
    assert doc.is_protected(end - 1, end) and not doc.is_protected(end, end + 1)


@pytest.mark.parametrize("markdown", [False, True])
def test_a_quote_inside_a_url_is_part_of_it(markdown):
    """Found by the slow Markdown property test in CI: a URL stopped at a '"' inside it and SPC010
    put a space into the rest of the URL after a ')'. A quoted URL's closing quote is still not part of it."""
    url = 'https://example.com/[Bundestag](/org/bundestag_"the_parliament")Adopted_it.'
    text = f'See {url} today, said "https://example.com/a".\n'
    assert cleaner.clean(text, markdown=markdown).text == text
    doc = Document(text, markdown=markdown)
    start, end = text.index("https"), text.index(" today")
    assert doc.is_protected(start, end - 1)
    close = text.index('".\n')
    assert doc.is_protected(close - 1, close) and not doc.is_protected(close, close + 1)


def test_line_col_is_one_based():
    doc = Document("ab\ncd")
    assert doc.line_col(0) == (1, 1) and doc.line_col(4) == (2, 2)


def test_an_indented_block_after_a_list_item_is_the_items_paragraph_not_code():
    """CommonMark: after "5. the" and a blank line, four spaces of indent continue the list item
    (a slow property test's generator had taken it for code); after a paragraph they open code."""
    block = "    The conflict  dominated the week ."
    after_item = Document("5. the \n\n" + block + "\n", markdown=True)
    after_para = Document("the \n\n" + block + "\n", markdown=True)
    start = len("5. the \n\n")
    assert not after_item.is_protected(start + 4, start + len(block))
    start = len("the \n\n")
    assert after_para.is_protected(start + 4, start + len(block))
