"""Cleaning a very large text in blocks, with the result the whole text would have given.

Above ``Cleaner.block_threshold`` characters (a few hundred articles) the engine does not clean a
text in one piece: every round of every pass would scan all of it again, a rule's 2-second limit
would trip on sheer size, and the passes' per-text analyses would grow with it. Instead:

1. The text is cut at paragraph starts (after a blank line) about every ``block_size``
   characters; never inside a protected span (code, front matter, a suppressed region...) of the
   whole text, whose Document is built once. A stretch with no blank line is cut at a line
   break, failing that at a space; a text with none of those is one block.
2. Each block is cleaned as a *window*: the block plus ``CONTEXT_PARAGRAPHS`` paragraphs (and at
   least ``CONTEXT_CHARS`` characters) on either side, so that a rule looking at the neighbouring
   paragraphs (a repeated caption, a photographer's name above a credit) or behind a match sees
   what it would see in the whole text. A window is a slice of the original, so its edits are in
   original coordinates once shifted by the window's start.
3. A block keeps the edits and suggestions that *start* inside it. Where two neighbouring windows
   disagree about what happens near the cut between them, the two blocks are merged and cleaned
   again as one (up to ``MAX_MERGED`` blocks); if they still disagree, an edit of one that
   overlaps an edit of the other is dropped with it: two edits never both apply to one span.

What cannot be the same: evidence a pass gathers from the whole text (an entity named in full
elsewhere in the article) is gathered from the window. A text this large is an archive, not an
article; within a block, that evidence is the block's.
"""

from __future__ import annotations

import bisect

import regex

from ..text.document import BLANK_SPLIT, Document
from ..text.edits import Edit, apply_edits, overlaps
from .result import Result

CONTEXT_PARAGRAPHS = 3
CONTEXT_CHARS = 2000
MAX_MERGED = 8  # a merged block grows to at most this many block sizes
FINE_CUTS_AFTER = 4  # a stretch this many block sizes long without a blank line is cut at lines
_LINE_BREAK = regex.compile(r"\n")
_SPACE = regex.compile(r"(?<=\S)[ \t]+(?=\S)")


def candidates(text: str, doc: Document, block_size: int) -> list[int]:
    """Offsets where a block may start: paragraph starts, plus line starts (then word starts) in
    stretches longer than a few blocks without one; none inside a protected span or suppression."""

    def allowed(p: int) -> bool:
        if doc.is_protected(p, p):
            return False
        if any(s.start < p < s.end for s in doc.suppressions):
            return False
        # In Markdown a window must not start with what would read differently there: front
        # matter, or 4 columns of indentation (code at a window's start, a list item's paragraph
        # in the whole text).
        return not (doc.markdown and text.startswith(("---", "+++", "    ", "\t"), p))

    def starts(pattern: regex.Pattern, lo: int, hi: int) -> list[int]:
        return [m.end() for m in pattern.finditer(text, lo, hi) if lo < m.end() < hi and allowed(m.end())]

    found = [m.end() for m in BLANK_SPLIT.finditer(text) if 0 < m.end() < len(text) and allowed(m.end())]
    gap = FINE_CUTS_AFTER * block_size
    for finer in (_LINE_BREAK, _SPACE):
        edges = [0, *found, len(text)]
        extra = []
        for lo, hi in zip(edges, edges[1:]):
            if hi - lo > gap:
                extra.extend(starts(finer, lo, hi))
        if extra:
            found = sorted(set(found) | set(extra))
    return found


def _cuts(cands: list[int], length: int, block_size: int) -> list[int]:
    """Block boundaries: 0, then the first candidate at or after each multiple of block_size."""
    cuts = [0]
    while True:
        i = bisect.bisect_left(cands, cuts[-1] + block_size)
        if i >= len(cands):
            break
        cuts.append(cands[i])
    cuts.append(length)
    return cuts


def _window(cands: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """The block [start, end) widened by the context on either side, to candidate offsets."""
    i = bisect.bisect_left(cands, start)
    lo = start
    k = i
    while lo > 0 and (i - k < CONTEXT_PARAGRAPHS or start - lo < CONTEXT_CHARS):
        k -= 1
        lo = cands[k] if k >= 0 else 0
    j = bisect.bisect_right(cands, end)
    hi = end
    k = j - 1
    while hi < length and (k - (j - 1) < CONTEXT_PARAGRAPHS or hi - end < CONTEXT_CHARS):
        k += 1
        hi = cands[k] if k < len(cands) else length
    return lo, hi


def _key(e: Edit) -> tuple:
    return e.start, e.end, e.replacement, e.rule, e.confidence, e.applicability


class _Block:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.lo = self.hi = 0
        self.edits: list[Edit] = []
        self.suggestions: list[Edit] = []

    def owns(self, e: Edit, length: int) -> bool:
        return self.start <= e.start < self.end or (e.start == self.end == length)

    def near(self, cut: int, band: int) -> tuple[list, list]:
        def pick(items):
            return sorted(_key(e) for e in items if e.end > cut - band and e.start < cut + band)
        return pick(self.edits), pick(self.suggestions)


def clean_in_blocks(cleaner, text: str, markdown: bool) -> Result:
    """Clean ``text`` block by block with ``cleaner`` (an engine.core.Cleaner: its ``clean_whole``,
    ``context`` and ``block_size``), giving the result of cleaning it whole."""
    doc = Document(text, markdown, cleaner.context)
    cands = candidates(text, doc, cleaner.block_size)
    del doc
    cuts = _cuts(cands, len(text), cleaner.block_size)
    blocks = [_Block(a, b) for a, b in zip(cuts, cuts[1:])]
    limit = MAX_MERGED * cleaner.block_size

    paragraph_starts = {m.end() for m in BLANK_SPLIT.finditer(text)}

    def run(block: _Block) -> None:
        block.lo, block.hi = lo, hi = _window(cands, len(text), block.start, block.end)
        window = text[lo:hi]
        result = cleaner.clean_whole(window, markdown=markdown, opens_text=lo == 0)
        # A window edge cut inside a paragraph (a stretch with no blank line) leaves that paragraph
        # truncated in the window: what a rule says about it as a whole paragraph (a repeat of its
        # neighbour) is not to be trusted. Edits touching its separator from the next paragraph go.
        seps = []
        if lo > 0 and lo not in paragraph_starts:
            m = BLANK_SPLIT.search(window)
            seps.append(m.span() if m else (len(window), len(window)))
        if hi < len(text) and hi not in paragraph_starts:
            last = None
            for last in BLANK_SPLIT.finditer(window):
                pass
            seps.append(last.span() if last else (0, 0))

        def keep(e: Edit) -> bool:
            # touching a separator: sharing a character with it, or inserting in it or at its
            # start; an edit that only begins where the paragraph after it begins ("I funded it
            # X") is that paragraph's (a slow property test found one dropped in every window)
            return not any((e.start < b and e.end > a) or (e.start == e.end and a <= e.start < b)
                           for a, b in seps)

        block.edits = [e.moved(e.start + lo, e.end + lo, e.original) for e in result.edits if keep(e)]
        block.suggestions = [e.moved(e.start + lo, e.end + lo, e.original) for e in result.suggestions if keep(e)]

    need = list(blocks)
    while need:
        for block in need:
            run(block)
        need = []
        out = [blocks[0]]
        for block in blocks[1:]:
            left = out[-1]
            if left in need:  # just merged: compared again once it has been cleaned
                out.append(block)
                continue
            cut = block.start
            band = max(1, min(cut - block.lo, left.hi - cut) // 2)
            if left.near(cut, band) != block.near(cut, band) and block.end - left.start <= limit:
                out[-1] = _Block(left.start, block.end)
                need.append(out[-1])
            else:
                out.append(block)
        blocks = out

    edits: list[Edit] = []
    suggestions: list[Edit] = []
    for block in blocks:
        edits.extend(e for e in block.edits if block.owns(e, len(text)))
        suggestions.extend(e for e in block.suggestions if block.owns(e, len(text)))
    edits = _drop_conflicts(sorted(edits, key=lambda e: (e.start, e.end)))
    suggestions = sorted(suggestions, key=lambda e: (e.start, e.end))
    return Result(original=text, text=apply_edits(text, edits), edits=edits, suggestions=suggestions)


def _drop_conflicts(edits: list[Edit]) -> list[Edit]:
    """Edits from different blocks that overlap (blocks that kept disagreeing): drop both.
    ``edits`` sorted by start; each is checked against the one before it and against the
    earlier edit reaching furthest."""
    bad: set[int] = set()
    far = -1  # index of the earlier edit with the largest end
    for i, edit in enumerate(edits):
        for j in {i - 1, far}:
            if j >= 0 and overlaps(edits[j], edit):
                bad.update((i, j))
        if far < 0 or edit.end > edits[far].end:
            far = i
    return [e for k, e in enumerate(edits) if k not in bad]
