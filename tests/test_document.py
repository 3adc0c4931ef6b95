"""Protected spans and inline suppression: what no pass may touch."""

import textwrap

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


def test_line_col_is_one_based():
    doc = Document("ab\ncd")
    assert doc.line_col(0) == (1, 1) and doc.line_col(4) == (2, 2)
