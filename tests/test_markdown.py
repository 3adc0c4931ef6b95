"""Markdown read by a CommonMark parser (cleaner/text/markdown.py): code, HTML code and raw-text
elements, link and image targets, definitions, autolinks and front matter are never edited, and the
prose next to them is still repaired.

Damage: "the newspaper Hindu– When" (DASH001 spaces the dash, DASH004 lowers the "When" of a
sentence that goes on). Prose carries it as "So says ...", protected text as "Code says ...", so a
count of each tells what was edited.
"""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.text.document import Document
from cleaner.text.markdown import protected_spans
from conftest import examples

D = "the newspaper Hindu– When"
P = f"So says {D} it rained."  # prose: must be repaired
C = f"Code says {D} it rained."  # protected: must survive verbatim
URL_C = "https://example.com/" + C.rstrip(".").replace(" ", "_")  # a bare URL ends before a full stop


def fixed(text: str, **kw) -> str:
    return cleaner.clean(text, markdown=True, select=["DASH"], **kw).text


def covered(doc: Document, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in doc.protected)


def assert_protected_and_repaired(text: str, out: str) -> None:
    assert out.count(C) == text.count(C), "protected text was edited"
    assert P not in out, "prose was not repaired"
    assert out.count("So says the newspaper Hindu – ") == text.count(P)


ARTICLE = textwrap.dedent(f"""\
    ---
    title: {C}
    tags: [a, b]
    ---

    # Heading: {P}

    {P} Then `{C}` and ``a `{C}` b`` and ```{C} `` ```.

    <pre>
    {C}

    {C}
    </pre>

    <pre><code class="language-text">{C}
    </code></pre>

    <code>
    {C}
    </code>

    <script>
    var s = "{C}";
    </script>

    <style>
    /* {C} */
    </style>

    <div>
    {P}
    </div>

    A paragraph with <code>{C}</code> inline, <kbd>{C}</kbd> and {P}

    ```python
    {C}
    ```

    ~~~~ text
    ```
    {C}
    ```
    ~~~~

        {C}
        {C}

    See [{P}](<https://example.com/{C}> "{C}") and ![{P}]({URL_C} '{C}').

    [{P}][{C}] and [{C}] and [{C}][].

    [{C}]: {URL_C} "{C}"

    Autolink <{URL_C}> and <mailto:code@example.com> and bare {URL_C} here.

    | Column | Code |
    |:---|---:|
    | {P} | `{C}` |
    | `a \\| b` {P} | [x]({URL_C}) |

    - Item: {P}
      - Nested: {P} `{C}`
        > Quote in list: {P}
        >
        > ```
        > {C}
        > ```

    1. First {P}

        Continuation paragraph indented four spaces, inside the item: {P}

    > Quote: {P}
    >
    >     {C}
    >
    > > <pre>
    > > {C}
    > > </pre>

    <!-- {C} -->
    Last: {P}
    """)


def test_article_protects_every_construct_and_repairs_the_prose():
    out = fixed(ARTICLE)
    assert_protected_and_repaired(ARTICLE, out)
    assert out.count(URL_C) == ARTICLE.count(URL_C)


def test_crlf_article_gives_the_lf_result_with_crlf():
    crlf = ARTICLE.replace("\n", "\r\n")
    out = fixed(crlf)
    assert_protected_and_repaired(crlf, out)
    assert out == fixed(ARTICLE).replace("\n", "\r\n")


def test_spans_are_in_original_offsets_with_crlf():
    text = "a\r\nb `c` d\r\n\r\n```\r\nx\r\n```\r\n[l](t)\r\n"
    spans = sorted(protected_spans(text))
    # a span that ends a line keeps its CR: nothing may split or drop half of a CRLF
    assert [text[s:e] for s, e in spans] == ["`c`", "```\r\nx\r\n```\r", "](t)\r"]


def test_toml_and_yaml_front_matter():
    for fm in (f"+++\ntitle = \"{C}\"\n+++\n", f"---\ntitle: {C}\n---\n", f"---\ntitle: {C}\n...\n"):
        text = fm + f"\n{P}\n"
        out = fixed(text)
        assert out.startswith(fm)
        assert_protected_and_repaired(text, out)


def test_thematic_break_and_setext_are_not_front_matter():
    text = f"{P}\n\n---\n\n{P}\n---\n"
    assert P not in fixed(text)


def test_code_spans_of_every_backtick_length_and_unmatched_backticks():
    text = f"A `{C}` b ``{C} ` x`` c ```{C}`` y``` d. Unmatched ` then {P}\n"
    doc = Document(text, markdown=True)
    for start in _all(text, C):
        assert covered(doc, start, start + len(C))
    assert_protected_and_repaired(text, fixed(text))


def test_link_targets_with_parentheses_and_titles():
    text = f"[{P}](https://en.wikipedia.org/wiki/{C.replace(' ', '_')}_(x) \"{C}\")\n"
    doc = Document(text, markdown=True)
    start = text.index("](")
    assert covered(doc, start, len(text) - 1)
    assert_protected_and_repaired(text, fixed(text))


def test_backslash_escaped_backticks_are_prose():
    text = f"Not code: \\`{P}\\`\n"
    assert P not in fixed(text)


def test_html_in_code_is_code_and_code_in_html_is_code():
    text = f"`<pre>` {P}\n\n<p>{P} <code>{C}</code></p>\n"
    out = fixed(text)
    assert_protected_and_repaired(text, out)


def test_unclosed_fence_runs_to_the_end():
    text = f"{P}\n\n```\n{C}\n\n{C}\n"
    assert_protected_and_repaired(text, fixed(text))


def test_plain_text_is_not_parsed_as_markdown():
    text = f"`{P}`\n\n    {P}\n"
    out = cleaner.clean(text, markdown=False, select=["DASH"]).text
    assert P not in out


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


# Random Markdown from the pieces above: a protected construct never changes.
_PROTECTED = [
    f"```\n{C}\n```",
    f"~~~ lang\n{C}\n\n{C}\n~~~",
    f"Text.\n\n    {C}",  # after a paragraph: right after a list item it is the item's own paragraph
    f"<pre>\n{C}\n\n{C}\n</pre>",
    f"<code>\n{C}\n</code>",
    f"<script>\nlet s = '{C}';\n</script>",
    f"<style>\n/* {C} */\n</style>",
    f"<!-- {C} -->",
    f"[{C}]: <https://example.com/{C}> \"{C}\"",
]
_INLINE_PROTECTED = [
    f"`{C}`",
    f"``{C} ` x``",
    f"```{C}``y```",
    f"<code>{C}</code>",
    f"<kbd>{C}</kbd>",
    f"[{P}](<https://example.com/{C}> \"{C}\")",
    f"![{P}]({URL_C} '{C}')",
    f"<{URL_C}>",
    URL_C,
]
_words = st.sampled_from(["Alpha", "beta", "gamma.", "*em*", "**strong**", "[link]", "x_y", "\\*"])


@st.composite
def _paragraph(draw) -> str:
    parts = draw(st.lists(st.one_of(_words, st.just(P), st.sampled_from(_INLINE_PROTECTED)), min_size=1, max_size=6))
    text = " ".join(parts)
    return text if not text.startswith(("`", "<", "    ")) else "Text " + text


@st.composite
def _block(draw, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["para", "protected", "table", "heading"] + (["list", "quote"] if depth < 2 else [])))
    if kind == "para":
        return draw(_paragraph())
    if kind == "protected":
        return draw(st.sampled_from(_PROTECTED))
    if kind == "heading":
        return "## " + draw(_paragraph()).replace("\n", " ")
    if kind == "table":
        cells = draw(st.lists(st.sampled_from([P, f"`{C}`", f"`a \\| {C}`", "x"]), min_size=2, max_size=2))
        return f"| a | b |\n|---|---|\n| {cells[0]} | {cells[1]} |"
    inner = draw(st.lists(_block(depth + 1), min_size=1, max_size=3))
    body = "\n\n".join(inner)
    if kind == "quote":
        return "\n".join("> " + line if line else ">" for line in body.split("\n"))
    marker = draw(st.sampled_from(["- ", "* ", "1. "]))
    pad = " " * len(marker)
    lines = body.split("\n")
    return "\n".join([marker + lines[0]] + [pad + line if line else "" for line in lines[1:]])


@st.composite
def _document(draw) -> str:
    blocks = draw(st.lists(_block(), min_size=1, max_size=6))
    front = draw(st.sampled_from(["", f"---\ntitle: {C}\n---\n\n", f"+++\ntitle = '{C}'\n+++\n\n"]))
    text = front + "\n\n".join(blocks) + "\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


# 200 by default; the slow run's tests/test_properties.py::test_markdown_protected_spans_survive
# draws 2,000 more (CI runs both)
@examples(200)
@given(_document())
def test_protected_constructs_never_change(text):
    doc = Document(text, markdown=True)
    for needle in (C, URL_C):
        for start in _all(text, needle):
            assert covered(doc, start, start + len(needle)), (needle, start)
    result = cleaner.clean(text, markdown=True)
    assert result.text.count(C) == text.count(C)
    assert result.text.count(URL_C) == text.count(URL_C)
    spans = [(s, s + len(C)) for s in _all(text, C)]
    for e in result.edits:
        assert not any(e.start < b and a < e.end for a, b in spans), e
