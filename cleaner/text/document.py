"""The text a pass sees, with the spans no pass may touch.

Never edited: URLs, e-mail addresses, HTML tags and comments, and in Markdown (parsed by
markdown-it-py, see cleaner/text/markdown.py) fenced, indented and inline code, link and image targets,
reference definitions, autolinks, ``<pre>``/``<code>``/``<script>``... elements and YAML/TOML front
matter; and regions between ``<!-- cleaner: off -->`` and
``<!-- cleaner: on -->``. ``<!-- cleaner: ignore RULE -->`` silences RULE (an id or a prefix;
no id means every rule) on the next line, or on its own line when it stands beside text there.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..base.lazyre import lazy
from .edits import Edit

# A URL runs to whitespace or "<" as GitHub's autolinks read it: an apostrophe (".../wiki/O'Brien", a
# slug with "Erdoğan'ın") or a quote inside it is part of it; one that ends it is trimmed as trailing
# punctuation (_URL_TRAIL)
URL = lazy(r"""\b(?:https?|ftp|file)://[^\s<>`]+|\bwww\.[^\s<>`]+""")
_URL_TRAIL = ".,;:!?'\")]}»”’"
EMAIL = lazy(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HTML_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", regex.S)
HTML_TAG = lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<(?:https?|mailto):[^<>\s]+>")
DIRECTIVE = lazy(r"<!--\s*cleaner:\s*(off|on|ignore)\b([^>]*?)\s*-->", regex.I)
BLANK_SPLIT = lazy(r"\r?\n(?:[ \t]*\r?\n)+")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
GRAPHEME = lazy(r"\X")
_GRAPHEME_LOOKBACK = 256  # past this many joined characters, an offset counts as inside a cluster


def _plain_pair(a: str, b: str) -> bool:
    """Two characters below U+0300 always have a grapheme break between them, except CR LF."""
    return a < "\u0300" and b < "\u0300" and not (a == "\r" and b == "\n")


def is_grapheme_boundary(text: str, i: int) -> bool:
    """Is ``i`` between two grapheme clusters (never between a CR and its LF, a letter and its
    combining mark, the parts of an emoji sequence, or the two halves of a surrogate pair)?

    Checked locally: back to the nearest offset that is certainly a break, then forward with
    ``\\X``. A cluster longer than a few hundred characters counts as unbreakable.
    """
    if i <= 0 or i >= len(text):
        return i == 0 or i == len(text)
    a, b = text[i - 1], text[i]
    if _plain_pair(a, b):
        return True
    if "\ud800" <= a <= "\udbff" and "\udc00" <= b <= "\udfff":
        return False
    j = i - 1
    while j > 0 and not _plain_pair(text[j - 1], text[j]):
        j -= 1
        if i - j > _GRAPHEME_LOOKBACK:
            return False
    for m in GRAPHEME.finditer(text, j, min(len(text), i + _GRAPHEME_LOOKBACK)):
        if m.end() >= i:
            return m.end() == i
    return False


def is_markdown_path(path: str | None) -> bool:
    return bool(path) and path.lower().endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True)
class Suppression:
    """Rules silenced on one line: ``rules`` are ids or prefixes; empty means all."""

    start: int
    end: int
    rules: tuple[str, ...]

    def silences(self, rule: str) -> bool:
        return not self.rules or any(part.startswith(r) for r in self.rules for part in rule.split("+"))


@dataclass
class Document:
    text: str
    markdown: bool = False
    context: object = field(default=None, repr=False)  # names.context.Context (None: the bundled one, see context_of)
    # False for a window of a larger text (engine/blocks.py) that does not begin it: its first
    # paragraph is no headline
    opens_text: bool = True
    protected: list[tuple[int, int]] = field(init=False)
    suppressions: list[Suppression] = field(init=False)

    def __post_init__(self) -> None:
        spans, self.suppressions = _scan(self.text, self.markdown)
        self.protected = _merge(spans)
        self._starts = [s for s, _ in self.protected]
        self.cache: dict = {}  # per-text analyses shared by the rules of one pass (see passes/entities.py)

    def is_protected(self, start: int, end: int) -> bool:
        """Does [start, end) share a character with a protected span (or insert inside one)?"""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        for s, e in self.protected[i:]:
            if start == end:
                if s < start < e:
                    return True
                if s >= start:
                    return False
            elif s >= end:
                return False
            elif start < e:
                return True
        return False

    def allows(self, edit: Edit) -> bool:
        """May ``edit`` be applied: outside protected spans and suppressed lines, and without
        splitting a grapheme cluster (a letter from its accent, an emoji sequence, CR from LF)?"""
        if self.is_protected(edit.start, edit.end):
            return False
        if not (is_grapheme_boundary(self.text, edit.start) and is_grapheme_boundary(self.text, edit.end)):
            return False
        for sup in self.suppressions:
            if sup.start <= edit.start and edit.end <= sup.end and sup.silences(edit.rule):
                return False
        return True

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of blank-line-separated paragraphs, without their line breaks."""
        out = []
        pos = 0
        for m in BLANK_SPLIT.finditer(self.text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        end = len(self.text)
        while end > pos and self.text[end - 1] in "\r\n":
            end -= 1
        if end > pos:
            out.append((pos, end))
        return out

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, c in enumerate(self.text) if c == "\n")
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


def _url_end(text: str, s: int, e: int) -> tuple[int, int]:
    """A URL ends before a closing bracket it did not open: "(see https://x.org/a)said" and a
    Markdown link's "](https://x.org/a)said" end at the bracket; Wikipedia's ".../Kyiv_(city)" keeps it."""
    depth = 0
    for i in range(s, e):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return s, i
            depth -= 1
    return s, e


def _scan(text: str, markdown: bool) -> tuple[list[tuple[int, int]], list[Suppression]]:
    spans: list[tuple[int, int]] = []
    if markdown:
        # Code, link targets, front matter, HTML blocks...: as a CommonMark parser reads them.
        from .markdown import protected_spans  # lazy: markdown-it costs start-up; plain text never needs it

        spans.extend(protected_spans(text))
    spans.extend(m.span() for m in HTML_COMMENT.finditer(text))
    spans.extend(m.span() for m in HTML_TAG.finditer(text))
    for m in URL.finditer(text):
        s, e = _url_end(text, *m.span())
        while e > s and text[e - 1] in _URL_TRAIL:
            e -= 1
        spans.append((s, e))
    spans.extend(m.span() for m in EMAIL.finditer(text))

    suppressions: list[Suppression] = []
    off_at: int | None = None
    for m in DIRECTIVE.finditer(text):
        verb = m.group(1).lower()
        if verb == "off" and off_at is None:
            off_at = m.start()
        elif verb == "on" and off_at is not None:
            spans.append((off_at, m.end()))
            off_at = None
        elif verb == "ignore":
            rules = tuple(r for r in regex.split(r"[\s,]+", m.group(2).strip()) if r)
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            if (text[line_start:m.start()] + text[m.end():line_end]).strip():
                # beside text on its own line ("… text <!-- cleaner: ignore DASH -->"): that line
                suppressions.append(Suppression(line_start, line_end, rules))
                continue
            if line_end == len(text):
                continue
            next_end = text.find("\n", line_end + 1)
            next_end = len(text) if next_end < 0 else next_end
            suppressions.append(Suppression(line_end + 1, next_end, rules))
    if off_at is not None:
        spans.append((off_at, len(text)))
    return spans, suppressions


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
