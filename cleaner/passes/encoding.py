"""Encoding repair with ftfy: mojibake such as "donâ€™t" becomes "don’t".

ftfy's defaults also straighten curly quotes, normalize Unicode, change line breaks and decode
HTML entities, all of which would damage correct text; only its encoding repairs run here, and
only on lines that ftfy's own detector calls bad. Each repaired run of characters is one edit,
explained with ftfy's plan ("encode sloppy-windows-1252, decode utf-8").
"""

from __future__ import annotations

import bisect
import difflib
from functools import lru_cache
from typing import Iterable

import regex

from ..text.document import GRAPHEME, Document
from ..text.edits import Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_LINE = regex.compile(r"[^\n]+")
_LETTER = regex.compile(r"\p{L}")
#: Every pattern of ftfy's detector (ftfy.badness.BADNESS_RE, ftfy 6) needs two non-ASCII
#: characters side by side, or one of these alone (a C1 control, "œ", a stray "Â" or "Ã"). A line
#: with neither is not bad, so ftfy (~50 ms to import) is not needed for most English text,
#: whose curly quotes and dashes stand alone. tests/test_encoding.py checks this against ftfy.
MAYBE_BAD = regex.compile(r"[^\x00-\x7f]{2}|[\x80-\x9fŒœÃÂ]")


@lru_cache(maxsize=1)
def _ftfy():
    import ftfy  # lazy: imported on first use: ~100 ms that a clean ASCII file never pays
    from ftfy.badness import is_bad  # lazy: as ftfy above

    config = ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
        normalization=None, unescape_html=False, fix_line_breaks=False, explain=True,
    )
    return ftfy, is_bad, config


def _describe(plan) -> str:
    steps = []
    for action, arg in plan or []:
        if action == "encode":
            steps.append(f"encode as {arg}")
        elif action == "decode":
            steps.append(f"decode as {arg}")
        elif action in ("transcode", "apply"):
            steps.append(arg.replace("_", " "))
    return ", ".join(steps) or "ftfy encoding repair"


def _find_mojibake(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    if text.isascii():
        return
    ftfy, is_bad, config = None, None, None
    for m in _LINE.finditer(text):
        line = m.group()
        if line.isascii() or not MAYBE_BAD.search(line) or not _LETTER.search(line):
            continue  # nothing ftfy could call bad; or no letters to judge an encoding by
        if ftfy is None:
            ftfy, is_bad, config = _ftfy()
        if not is_bad(line):
            continue
        fixed, plan = ftfy.fix_and_explain(line, config=config)
        if fixed == line:
            continue
        how = _describe(plan)
        for a0, a1, b0, b1 in _changed_runs(line, fixed):
            original, replacement = line[a0:a1], fixed[b0:b1]
            if "\xa0" in replacement and original.startswith("Â"):
                continue  # ftfy's known false positive: "The Â symbol" is not mojibake
            yield rule.edit(m.start() + a0, m.start() + a1, replacement, original,
                            message=f"{rule.message} ({how})")


def _changed_runs(line: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """The runs where ``fixed`` differs from ``line``, (a0, a1, b0, b1), each widened to whole
    grapheme clusters of ``line`` (so "Ã©" before a combining accent takes the accent along) and
    merged where they then touch. Outside the runs both strings are equal, so widening by k
    characters on one side is widening by the same k characters on the other."""
    cuts = [m.start() for m in GRAPHEME.finditer(line)] + [len(line)]
    runs: list[tuple[int, int, int, int]] = []
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        wa0 = cuts[bisect.bisect_right(cuts, a0) - 1]
        wa1 = cuts[bisect.bisect_left(cuts, a1)]
        wb0, wb1 = b0 - (a0 - wa0), b1 + (wa1 - a1)
        if runs and wa0 <= runs[-1][1]:
            wa0, wb0 = runs[-1][0], runs[-1][2]
            runs.pop()
        runs.append((wa0, wa1, wb0, wb1))
    return runs


KINDS.append(Kind("mojibake", "encoding", frozenset(), frozenset(), lambda rule: None, _find_mojibake))
