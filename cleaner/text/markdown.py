"""What a Markdown article protects, found by a CommonMark parser (markdown-it-py) rather than by
regular expressions: the parser decides what is code, a link target or HTML exactly as a renderer
would, and the spans are mapped back to offsets in the original text.

Protected: front matter (YAML ``---`` through mdit-py-plugins' front-matter plugin, TOML ``+++``
through a rule of the same shape here), fenced and indented code blocks, reference definitions,
code spans of any backtick length, the target and title of links and images (``](url "title")``,
``][ref]``, and the label of a shortcut or collapsed reference link, which names its definition),
autolinks, inline HTML tags, and the content of raw-text or code HTML elements (``<pre>``,
``<code>``, ``<script>``, ``<style>``, ``<kbd>`` ...) whether they stand as an HTML block or
inline in a paragraph. Prose inside other HTML blocks (``<div>``, ``<p>``, ``<table>``) is still
prose; its tags are protected by the tag pattern in document.py.

How positions are kept: markdown-it-py records only the source lines of a block, and parses a
paragraph's inline content as a string of its own (with list and quote markers and indentation
removed). The block and inline rules that make protected constructs are wrapped so that each
records where it started and stopped; block positions are offsets in the source, inline ones are
offsets in the inline content, which is lined up with its source lines afterwards. Where a line
cannot be lined up (not expected), the whole line is protected rather than risking an edit in code.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

Span = tuple[int, int]

# Elements whose text is code, data or a script, never prose: protected from the opening tag to the
# closing one, wherever the parser saw the tag as HTML.
RAW_ELEMENTS = ("pre", "code", "kbd", "samp", "tt", "var", "script", "style", "textarea", "math", "svg")
_RAW_OPEN = re.compile(r"<(" + "|".join(RAW_ELEMENTS) + r")(?=[\s/>])[^>]*>", re.I)
_ENV_KEY = "cleaner_records"

_BLOCK_RULES = ("fence", "code", "html_block", "reference", "front_matter", "front_matter_toml")
_INLINE_RULES = ("backticks", "link", "image", "autolink", "html_inline")


def _toml_front_matter(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """``+++`` … ``+++`` at the very top (Hugo's TOML front matter), as the plugin does for ``---``."""
    if startLine != 0 or state.blkIndent != 0:
        return False
    if state.src[state.bMarks[0]:state.eMarks[0]].rstrip(" \t") != "+++":
        return False
    line = 1
    while line < endLine:
        if state.src[state.bMarks[line]:state.eMarks[line]].rstrip(" \t") == "+++":
            break
        line += 1
    else:
        return False  # unclosed: not front matter (as the plugin decides for ---)
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = "+++"
    token.content = state.src[state.bMarks[1]:state.bMarks[line]]
    token.block = True
    state.line = line + 1
    token.map = [0, state.line]
    return True


def _record_block(name: str, fn: Callable) -> Callable:
    def rule(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
        ok = fn(state, startLine, endLine, silent)
        if ok and not silent and state.line > startLine:
            start = state.bMarks[startLine] + state.tShift[startLine]  # after list and quote markers
            if name == "code":  # an indented block's indentation is part of it
                while start > state.bMarks[startLine] and state.src[start - 1] in " \t":
                    start -= 1
            end = state.eMarks[state.line - 1]
            if name.startswith("front_matter") and state.src.startswith("\n", end):
                end += 1  # and its line break, as the header it is
            state.env.setdefault(_ENV_KEY, {}).setdefault("blocks", []).append((name, start, end))
        return ok

    return rule


def _record_inline(name: str, fn: Callable) -> Callable:
    def rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        ok = fn(state, silent)
        records = state.env.get(_ENV_KEY, {})
        token = records.get("current")
        # Only the inline content itself, not an image's alt text parsed apart as a string of its own.
        if ok and not silent and token is not None and state.src is token.content:
            bucket = records.setdefault("inline", {}).setdefault(id(token), [])
            end = state.pos
            label_end = -1
            if name in ("link", "image"):
                label_end = state.md.helpers.parseLinkLabel(state, start + (1 if name == "image" else 0),
                                                           name == "link")
            bucket.append((name, start, end, label_end))
        return ok

    return rule


def _core_inline(state) -> None:
    """markdown-it's core rule that parses each inline token, telling the recorders which one."""
    records = state.env.setdefault(_ENV_KEY, {})
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            records["current"] = token
            state.md.inline.parse(token.content, state.md, state.env, token.children)
    records["current"] = None


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    front_matter_plugin(md)
    md.block.ruler.before("front_matter", "front_matter_toml", _toml_front_matter,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.at("inline", _core_inline)
    for ruler, names in ((md.block.ruler, _BLOCK_RULES), (md.inline.ruler, _INLINE_RULES)):
        for rule in ruler.__rules__:
            if rule.name in names:
                if ruler is md.block.ruler:
                    rule.fn = _record_block(rule.name, rule.fn)
                else:
                    rule.fn = _record_inline(rule.name, rule.fn)
        ruler.__cache__ = None
    return md


class _Source:
    """The text as the parser sees it (CRLF and CR made LF, NUL made U+FFFD) and the way back."""

    def __init__(self, text: str) -> None:
        self.crlf: list[int] = []  # normalized offsets of the LFs that were CRLF
        parts = []
        pos = 0
        removed = 0
        for m in re.finditer(r"\r\n?", text):
            parts.append(text[pos:m.start()])
            parts.append("\n")
            if m.group() == "\r\n":
                self.crlf.append(m.start() - removed)
                removed += 1
            pos = m.end()
        parts.append(text[pos:])
        self.norm = "".join(parts).replace("\0", "\ufffd")
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.norm)]

    def original(self, offset: int) -> int:
        """The original offset of a normalized boundary (before a CRLF's CR, after its LF)."""
        return offset + bisect.bisect_left(self.crlf, offset)

    def line(self, i: int) -> tuple[int, int]:
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.norm)
        return start, end


class _Lines:
    """Offsets in an inline token's content, lined up with its source lines."""

    def __init__(self, src: _Source, content: str, first_line: int) -> None:
        self.src = src
        self.starts: list[int] = []  # content offset where each content line starts
        self.anchors: list[tuple[int, int, int] | None] = []  # (source offset of core, lead, line)
        pos = 0
        for k, text in enumerate(content.split("\n")):
            self.starts.append(pos)
            pos += len(text) + 1
            line = first_line + k
            if line >= len(src.line_starts):
                self.anchors.append(None)
                continue
            ls, le = src.line(line)
            source_line = src.norm[ls:le]
            lead = len(text) - len(text.lstrip(" \t"))
            core = text[lead:]
            at = source_line.rfind(core) if core else len(source_line.rstrip(" \t"))
            self.anchors.append(None if at < 0 else (ls + at, lead, line))

    def to_source(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        anchor = self.anchors[k]
        if anchor is None:
            return None
        at, lead, line = anchor
        col = offset - self.starts[k]
        return at + col - lead if col >= lead else max(self.src.line(line)[0], at - (lead - col))


def _cell_offsets(src: _Source, content: str, line: int, cursor: int) -> tuple[Callable[[int], int] | None, int]:
    """Where a table cell's content sits in its row: an escaped pipe ``\\|`` is ``|`` in the
    content. Returns the mapping and the new cursor (source offset) for the next cell."""
    ls, le = src.line(line)
    if not content:
        return None, cursor
    written = content.replace("|", "\\|")
    at = src.norm.find(written, max(cursor, ls), le)
    if at < 0:
        return None, cursor

    def to_source(offset: int) -> int:
        return at + offset + content.count("|", 0, offset)

    return to_source, at + len(written)


def _raw_element_spans(text: str, start: int, end: int, limit: int) -> list[Span]:
    """In [start, end) of ``text`` (HTML), each raw element from its opening tag to its closing tag
    (searched up to ``limit``; an unclosed one runs to ``end``)."""
    out = []
    pos = start
    while True:
        m = _RAW_OPEN.search(text, pos, end)
        if not m:
            return out
        if m.group().endswith("/>"):
            pos = m.end()
            continue
        close = re.compile(r"</" + m.group(1) + r"\s*>", re.I).search(text, m.end(), limit)
        stop = close.end() if close else max(end, m.end())
        out.append((m.start(), stop))
        pos = max(stop, m.end()) if stop <= end else end


@lru_cache(maxsize=4)  # a round re-reads the text the last pass left; texts can be large
def protected_spans(text: str) -> tuple[Span, ...]:
    """Spans of ``text`` (Markdown) that no pass may edit, in original offsets, unsorted and
    possibly overlapping (Document merges them)."""
    src = _Source(text)
    env: dict = {}
    tokens = parser().parse(src.norm, env)
    records = env.get(_ENV_KEY, {})
    spans: list[Span] = []

    for name, start, end in records.get("blocks", []):
        if name == "html_block" and not src.norm.startswith(("<!", "<?"), start):
            # Prose between the tags of <div>, <p>, <table>... stays prose (document.py's tag
            # pattern protects the tags); a raw element's content does not.
            spans.extend(_raw_element_spans(src.norm, start, end, len(src.norm)))
        else:
            spans.append((start, end))  # code, definitions, front matter, comments, <?, <!X

    buckets = records.get("inline", {})
    row_cursor = (-1, 0)  # (row line, source offset reached in it)
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.map:
            continue
        bucket = buckets.get(id(tok))
        if bucket is None:
            continue
        content = tok.content
        if i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
            line = tok.map[0]
            cursor = row_cursor[1] if row_cursor[0] == line else 0
            to_source, cursor = _cell_offsets(src, content, line, cursor)
            row_cursor = (line, cursor)
        else:
            to_source = _Lines(src, content, tok.map[0]).to_source
        for start, end in _inline_spans(content, bucket):
            s = to_source(start) if to_source else None
            e = to_source(end) if to_source else None
            if s is None or e is None or e < s:
                first, last = tok.map[0], max(tok.map[0], tok.map[1] - 1)
                spans.append((src.line(first)[0], src.line(min(last, len(src.line_starts) - 1))[1]))
            else:
                spans.append((s, e))
    out = []
    for s, e in spans:
        if e > s:
            s, e = src.original(s), src.original(e)
            if text.startswith("\r\n", e):
                e += 1  # a span that ends a line keeps the CR of its CRLF too
            out.append((s, e))
    return tuple(out)


def _inline_spans(content: str, records: list[tuple[str, int, int, int]]) -> list[Span]:
    """Protected spans in an inline token's content from what its rules recorded."""
    out: list[Span] = []
    html = []
    for name, start, end, label_end in records:
        if name in ("backticks", "autolink"):
            out.append((start, end))
        elif name == "html_inline":
            out.append((start, end))
            html.append((start, end))
        elif name in ("link", "image"):
            if label_end < 0:
                out.append((start, end))
                continue
            tail = content[label_end + 1:end]
            if not tail.startswith("(") and tail.strip("[]") == "":
                out.append((start, end))  # [label] or [label][]: the label names the definition
            else:
                out.append((label_end, end))  # ](target "title") or ][ref]
            if name == "image" and "`" in content[start:label_end]:
                out.append((start, end))  # alt text with code in it: parsed apart, not recorded
    for start, end in html:
        m = _RAW_OPEN.match(content, start, end)
        if m and m.end() == end and not m.group().endswith("/>"):
            close = re.compile(r"</" + m.group(1) + r"\s*>", re.I).search(content, end)
            out.append((start, close.end() if close else len(content)))
    return out
