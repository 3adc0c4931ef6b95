"""``cleaner evaluate MT_DIR POSTEDIT_DIR``: how right cleaner is on a team's own text.

A newsroom or a translation vendor has machine translations and the versions its editors
post-edited. Each MT file is cleaned (with the team's configuration, at every confidence) and
each finding -- the edits ``fix`` applies and the suggestions it only reports -- is applied
*alone* and judged against the post-edit of the same file (same relative path):

    toward   the text moved closer to the post-edit (character edit distance, near the finding)
    away     it moved further: the editor did not want this change
    neutral  neither (the editor rewrote that place, or left the artifact)

Per rule, the counts and examples; then the settings (``ignore`` and ``min-confidence``) that
keep the applied edits at least 99 % right on this data, as a config snippet. The judge is
the one ../shared/tools/realmt.py uses on real MT, on characters rather than word bags because
a post-edit keeps the MT's wording. A judge is a proxy: read the "away" examples.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import accumulate

from rapidfuzz.distance import Levenshtein

from ..base.errors import CleanerError, InputError
from ..base.settings import Settings
from ..output.report import Lines
from ..text.edits import SAFE, Edit
from ..text.fileio import decode
from .cleaning import Cleaners, clean_file
from .config import resolve
from .discovery import Configs, Task, expand
from .options import Options

#: The share of applied edits that must move toward the post-edit (the recommendation's bar).
TARGET_PRECISION = 0.99
#: Characters of context on each side of a finding that its judgement looks at.
WINDOW = 80
TOWARD, AWAY, NEUTRAL = "toward", "away", "neutral"
_LINE = re.compile(r"[^\n]*\n+|[^\n]+")  # a line with the blank lines after it


@dataclass(frozen=True)
class Judged:
    """One finding and its verdict."""

    path: str  # the MT file, relative to MT_DIR
    line: int
    edit: Edit
    applied: bool  # would ``fix`` apply it with the current settings?
    verdict: str  # TOWARD, AWAY or NEUTRAL


@dataclass
class RuleStats:
    rule: str
    applicability: str
    counts: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float | None:
        judged = self.counts[TOWARD] + self.counts[AWAY]
        return self.counts[TOWARD] / judged if judged else None


@dataclass
class Recommendation:
    ignore: list[str]  # rule ids to leave out
    min_confidence: float | None  # None: no threshold reaches the bar
    applied: Counter  # verdicts of the edits fix would apply with these settings
    current: Counter  # ... with the current settings


@dataclass
class Evaluation:
    pairs: int
    unpaired: list[str]  # MT files without a post-edit (relative paths)
    judged: list[Judged]
    min_confidence: float  # the current setting
    rules: dict[tuple[str, str], RuleStats]
    recommendation: Recommendation


def _pairs(mt: str, postedit: str, configs: Configs) -> tuple[list[tuple[Task, str, str]], list[str]]:
    """(MT task, post-edit path, relative name) for each MT file; and the MT files without one."""
    for path in (mt, postedit):
        if not os.path.exists(path):
            raise InputError("no such file or directory", path=path)
    if os.path.isdir(mt) != os.path.isdir(postedit):
        raise CleanerError("give two folders (files paired by relative path) or two files", path=postedit)
    if os.path.realpath(mt) == os.path.realpath(postedit):
        raise CleanerError("the MT and the post-edited text are the same path", path=postedit)
    errors: list[str] = []
    tasks = expand([mt], configs, errors, quiet=True)
    if errors:
        raise CleanerError(errors[0])
    if not os.path.isdir(mt):
        return [(tasks[0], postedit, os.path.basename(mt))] if tasks else [], []
    pairs, unpaired = [], []
    for task in tasks:
        rel = os.path.relpath(task.path, mt)
        other = os.path.join(postedit, rel)
        if os.path.isfile(other):
            pairs.append((task, other, rel))
        else:
            unpaired.append(rel)
    return pairs, unpaired


def _aligner(mt: str, postedit: str):
    """A map from offsets in ``mt`` to offsets in ``postedit``: lines (each with the blank lines
    after it, which would otherwise match anywhere) aligned first by difflib, line for line
    where a changed run has as many lines on both sides; characters aligned (rapidfuzz's
    opcodes, quadratic, so only there) inside what differs."""
    blocks: list[tuple[int, int, int, int, str]] = []  # (mt start, end, postedit start, end, tag)
    a_lines, b_lines = _LINE.findall(mt), _LINE.findall(postedit)
    a_at = [0, *accumulate(map(len, a_lines))]
    b_at = [0, *accumulate(map(len, b_lines))]

    def chars(s0: int, s1: int, d0: int, d1: int) -> None:
        for o in Levenshtein.opcodes(mt[s0:s1], postedit[d0:d1]):
            blocks.append((s0 + o.src_start, s0 + o.src_end, d0 + o.dest_start, d0 + o.dest_end, o.tag))

    matcher = SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag == "equal":
            blocks.append((a_at[i0], a_at[i1], b_at[j0], b_at[j1], "equal"))
        elif i1 - i0 == j1 - j0:
            for i, j in zip(range(i0, i1), range(j0, j1)):
                chars(a_at[i], a_at[i + 1], b_at[j], b_at[j + 1])
        else:
            chars(a_at[i0], a_at[i1], b_at[j0], b_at[j1])
    starts = [b[0] for b in blocks]

    def to_postedit(offset: int) -> int:
        i = bisect_right(starts, offset) - 1
        while i > 0 and blocks[i][0] == blocks[i][1] and blocks[i][0] == offset:
            i -= 1  # an insertion at this offset: map to its start
        if i < 0:
            return 0
        s0, s1, d0, d1, tag = blocks[i]
        if offset >= s1:
            return d1
        return d0 + (offset - s0 if tag == "equal" else round((offset - s0) * (d1 - d0) / max(1, s1 - s0)))

    return to_postedit


def judge(mt: str, postedit: str, edit: Edit, to_postedit=None) -> str:
    """Does applying ``edit`` alone to ``mt`` bring it closer to ``postedit``, near the edit?"""
    to_postedit = to_postedit or _aligner(mt, postedit)
    a, b = max(0, edit.start - WINDOW), min(len(mt), edit.end + WINDOW)
    pa, pb = to_postedit(a), to_postedit(b)
    target = postedit[pa:pb]
    before = Levenshtein.distance(mt[a:b], target)
    after = Levenshtein.distance(mt[a:edit.start] + edit.replacement + mt[edit.end:b], target)
    return TOWARD if after < before else AWAY if after > before else NEUTRAL


def _recommend(judged: list[Judged], current: float) -> Recommendation:
    """Leave out the rules whose safe edits move away more than the bar allows; then the lowest
    min-confidence at which the remaining safe edits are right at least TARGET_PRECISION of the
    time (the lowest keeps the most repairs)."""
    safe = [j for j in judged if j.edit.applicability == SAFE]
    by_rule: dict[str, Counter] = {}
    for j in safe:
        by_rule.setdefault(j.edit.rule, Counter())[j.verdict] += 1
    ignore = sorted({part for rule, c in by_rule.items() if c[AWAY]
                     and c[TOWARD] / (c[TOWARD] + c[AWAY]) < TARGET_PRECISION for part in rule.split("+")})
    kept = [j for j in safe if not set(j.edit.rule.split("+")) & set(ignore)]
    best = None
    for threshold in sorted({j.edit.confidence for j in kept} | {current}):
        c = Counter(j.verdict for j in kept if j.edit.confidence >= threshold)
        if not c[AWAY] or c[TOWARD] / (c[TOWARD] + c[AWAY]) >= TARGET_PRECISION:
            best = threshold
            break
    applied = Counter(j.verdict for j in kept if best is not None and j.edit.confidence >= best)
    return Recommendation(ignore, best, applied, Counter(j.verdict for j in judged if j.applied))


def evaluate(mt: str, postedit: str, options: Options | None = None) -> Evaluation:
    """Judge every finding of cleaner on the files under ``mt`` against the post-edited files of
    the same relative path under ``postedit`` (or one file against one file)."""
    options = options or Options(mode="check")
    user = options.settings
    # every safe finding becomes an edit (min-confidence 0), the current bar is kept to say which
    # edits fix applies today; the suggestions stay suggestions
    everything = replace(options, mode="check", cache=False, settings=user.then(Settings(min_confidence=0.0)))
    cleaners = Cleaners(everything)
    pairs, unpaired = _pairs(mt, postedit, cleaners.configs)
    if not pairs:
        raise CleanerError("no MT file has a post-edited file at the same relative path", path=postedit)
    judged: list[Judged] = []
    rules: dict[tuple[str, str], RuleStats] = {}
    bars = set()
    try:
        for task, other, rel in pairs:
            now = resolve(cleaners.input_config(task.path), user).resolved()
            bar = now.min_confidence
            bars.add(bar)
            cleaned = clean_file(task, everything, cleaners)
            text = cleaned.report.original
            with open(other, "rb") as fh:
                target = decode(fh.read(), other, options.encoding).text
            align = _aligner(text, target)
            lines = Lines(text)
            for edit, is_edit in [(e, True) for e in cleaned.report.edits] + [(e, False) for e in cleaned.report.suggestions]:
                verdict = judge(text, target, edit, align)
                applied = now.unsafe_fixes or (is_edit and edit.confidence >= bar)
                judged.append(Judged(rel, lines.line_col(edit.start)[0], edit, applied, verdict))
                stats = rules.setdefault((edit.rule, edit.applicability), RuleStats(edit.rule, edit.applicability))
                stats.counts[verdict] += 1
    finally:
        cleaners.close()
    current = min(bars) if bars else Settings().resolved().min_confidence
    return Evaluation(len(pairs), unpaired, judged, current, rules, _recommend(judged, current))


def _share(c: Counter) -> str:
    judged = c[TOWARD] + c[AWAY]
    return f"{c[TOWARD] / judged:.1%}" if judged else "-"


def render_text(ev: Evaluation, *, examples: int = 3) -> str:
    """The report a person reads: per rule, then the examples that moved away, then the advice."""
    out = [f"{ev.pairs} file pairs judged" + (f"; {len(ev.unpaired)} MT files without a post-edit "
                                              f"(first: {ev.unpaired[0]})" if ev.unpaired else "")]
    out.append("")
    out.append(f"{'rule':<20}{'kind':<9}{'findings':>9}{'toward':>8}{'away':>6}{'neutral':>9}{'right':>8}")
    for (rule, kind), s in sorted(ev.rules.items()):
        n = sum(s.counts.values())
        out.append(f"{rule:<20}{kind:<9}{n:>9}{s.counts[TOWARD]:>8}{s.counts[AWAY]:>6}{s.counts[NEUTRAL]:>9}"
                   f"{_share(s.counts):>8}")
    away = [j for j in ev.judged if j.verdict == AWAY]
    if away and examples:
        out.append("")
        out.append("Moved away from the post-edit (read these: the judge is a proxy):")
        shown: Counter = Counter()
        for j in away:
            if shown[j.edit.rule] < examples:
                shown[j.edit.rule] += 1
                tag = "applied" if j.applied else j.edit.applicability if j.edit.applicability != SAFE else "below bar"
                out.append(f"  {j.path}:{j.line}: {j.edit.rule} ({tag}, {j.edit.confidence:.2f}) "
                           f"{j.edit.original!r} -> {j.edit.replacement!r}")
    rec = ev.recommendation
    out.append("")
    out.append(f"Applied today (min-confidence {ev.min_confidence:g}): {sum(rec.current.values())} edits, "
               f"{rec.current[TOWARD]} toward, {rec.current[AWAY]} away, right {_share(rec.current)}")
    if rec.min_confidence is None:
        out.append(f"No min-confidence keeps the safe edits {TARGET_PRECISION:.0%} right on this data"
                   + (f" even without {', '.join(rec.ignore)}" if rec.ignore else "") + ".")
    else:
        out.append(f"To keep applied edits at least {TARGET_PRECISION:.0%} right on this data: "
                   f"{sum(rec.applied.values())} edits, {rec.applied[TOWARD]} toward, {rec.applied[AWAY]} away, "
                   f"right {_share(rec.applied)}, with (cleaner.toml, or [tool.cleaner] in pyproject.toml):")
        out.append("")
        out.append(f"min-confidence = {rec.min_confidence:g}")
        if rec.ignore:
            out.append("ignore = [" + ", ".join(f'"{r}"' for r in rec.ignore) + "]")
    return "\n".join(out) + "\n"


def as_json(ev: Evaluation) -> dict:
    """The evaluation as data (``--format json``)."""
    rec = ev.recommendation
    return {
        "pairs": ev.pairs,
        "unpaired": ev.unpaired,
        "min_confidence": ev.min_confidence,
        "rules": [{"rule": rule, "applicability": kind, **{v: s.counts[v] for v in (TOWARD, AWAY, NEUTRAL)},
                   "precision": None if s.precision is None else round(s.precision, 4)}
                  for (rule, kind), s in sorted(ev.rules.items())],
        "findings": [{"path": j.path, "line": j.line, "rule": j.edit.rule, "applicability": j.edit.applicability,
                      "confidence": j.edit.confidence, "applied": j.applied, "verdict": j.verdict,
                      "original": j.edit.original, "replacement": j.edit.replacement} for j in ev.judged],
        "recommendation": {"min_confidence": rec.min_confidence, "ignore": rec.ignore,
                           "applied": dict(rec.applied), "current": dict(rec.current),
                           "target_precision": TARGET_PRECISION},
    }
