"""Edits: the one currency every pass trades in.

An edit replaces ``text[start:end]`` with ``replacement`` and says who asked for it (``rule``),
how sure it is (``confidence``), whether ``fix`` may apply it (``applicability``) and why
(``message``). Everything a user sees, and everything written to disk, is a list of edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

SAFE = "safe"
SUGGEST = "suggest"
APPLICABILITIES = (SAFE, SUGGEST)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``original`` is that span's old text."""

    start: int
    end: int
    replacement: str
    rule: str
    confidence: float
    applicability: str
    message: str
    original: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for rule {self.rule}")
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"bad applicability {self.applicability!r} for rule {self.rule}")

    def moved(self, start: int, end: int, original: str) -> "Edit":
        return replace(self, start=start, end=end, original=original)


def findings(edits: Iterable[Edit], suggestions: Iterable[Edit] = (), *,
             by_rule: bool = True) -> list[tuple[Edit, bool]]:
    """Edits and suggestions together, each with ``True`` for an edit, in the order of the text:
    by start, end and (``by_rule``) rule id; on a tie an edit comes before a suggestion."""
    items = [(e, True) for e in edits] + [(e, False) for e in suggestions]
    if by_rule:
        items.sort(key=lambda it: (it[0].start, it[0].end, it[0].rule))
    else:
        items.sort(key=lambda it: (it[0].start, it[0].end))
    return items


def overlaps(a: Edit, b: Edit) -> bool:
    """True when applying both would be ambiguous: shared characters, or an insertion inside the other."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def resolve(candidates: Iterable[Edit], order: dict[str, int] | None = None) -> list[Edit]:
    """Pick a deterministic non-overlapping subset, most confident first.

    Ties go to the pass that runs first (``order`` maps a rule id to its pass index), then to the
    lower rule id, then to the earlier span. The result is sorted by position.
    """
    order = order or {}
    ranked = sorted(
        set(candidates),
        key=lambda e: (-e.confidence, order.get(e.rule, 0), e.rule, e.start, e.end, e.replacement),
    )
    kept: list[Edit] = []
    for edit in ranked:
        if edit.replacement == edit.original and edit.original:
            continue
        if not any(overlaps(edit, k) for k in kept):
            kept.append(edit)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (any order) to ``text``."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edits at {edit.start} ({edit.rule})")
        parts.append(text[pos:edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(slots=True)
class _Entry:
    """One change in original coordinates: original[start:end] became ``text``; ``steps`` made it."""

    start: int
    end: int
    text: str
    steps: list[Edit] = field(default_factory=list)


class Changes:
    """All edits made so far, kept in original-text coordinates.

    Each round of edits is given in the coordinates of the *current* text; ``add`` maps it back.
    An edit that touches text an earlier edit produced is merged with it into one entry, so the
    entries never overlap and ``apply_edits(original, changes.edits())`` is the current text.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self._entries: list[_Entry] = []

    def __bool__(self) -> bool:
        return bool(self._entries)

    def add(self, current: str, edits: Sequence[Edit]) -> None:
        """Record ``edits`` (non-overlapping, in ``current`` coordinates)."""
        if not edits:
            return
        # Current-coordinate spans of the existing entries.
        spans: list[tuple[int, int, int, _Entry]] = []  # (cur_start, cur_end, shift_before, entry)
        shift = 0
        for entry in self._entries:
            cs = entry.start + shift
            spans.append((cs, cs + len(entry.text), shift, entry))
            shift += len(entry.text) - (entry.end - entry.start)

        # Sweep both sorted lists, grouping intervals that interact.
        items: list[tuple[int, int, int, object]] = []  # (start, end, kind 0=entry 1=edit, obj)
        items.extend((cs, ce, 0, (sh, en)) for cs, ce, sh, en in spans)
        items.extend((e.start, e.end, 1, e) for e in sorted(edits, key=lambda e: (e.start, e.end)))
        items.sort(key=lambda it: (it[0], it[1], it[2]))

        groups: list[list[tuple[int, int, int, object]]] = []
        for item in items:
            if groups and _interacts(groups[-1], item):
                groups[-1].append(item)
            else:
                groups.append([item])

        new_entries: list[_Entry] = []
        shift = 0  # (current - original) length difference of the old entries left of the group
        for group in groups:
            entries = [it[3] for it in group if it[2] == 0]  # (shift_before, entry), in order
            new = [it[3] for it in group if it[2] == 1]
            after = shift
            if entries:
                sh, last = entries[-1]
                after = sh + len(last.text) - (last.end - last.start)
            if not new:
                new_entries.extend(en for _, en in entries)
                shift = after
                continue
            gs = min(it[0] for it in group)
            ge = max(it[1] for it in group)
            first_cs = entries[0][1].start + entries[0][0] if entries else None
            last_ce = entries[-1][1].start + entries[-1][0] + len(entries[-1][1].text) if entries else None
            ostart = entries[0][1].start if first_cs == gs else gs - shift
            oend = entries[-1][1].end if last_ce == ge else ge - after
            local = [replace(e, start=e.start - gs, end=e.end - gs) for e in new]
            text = apply_edits(current[gs:ge], local)
            steps = [step for _, en in entries for step in en.steps] + list(new)
            new_entries.append(_Entry(ostart, oend, text, steps))
            shift = after
        # An edit undone by a later one leaves no net change: drop it.
        self._entries = [e for e in new_entries if e.text != self.original[e.start:e.end]]

    def edits(self) -> list[Edit]:
        """The net edits in original coordinates, one per entry, ready to report or replay."""
        out = []
        for entry in self._entries:
            steps = entry.steps
            rules = list(dict.fromkeys(s.rule for s in steps))
            messages = list(dict.fromkeys(s.message for s in steps))
            out.append(Edit(
                start=entry.start,
                end=entry.end,
                replacement=entry.text,
                rule="+".join(rules),
                confidence=min(s.confidence for s in steps),
                applicability=SAFE if all(s.applicability == SAFE for s in steps) else SUGGEST,
                message="; ".join(messages),
                original=self.original[entry.start:entry.end],
            ))
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span of the current text to the original, or None if it touches changed text."""
        shift = 0
        for entry in self._entries:
            cs = entry.start + shift
            ce = cs + len(entry.text)
            if end < cs or (end == cs and start < end):
                break
            if start > ce or (start == ce and start < end):
                shift += len(entry.text) - (entry.end - entry.start)
                continue
            return None
        return start - shift, end - shift


def _interacts(group: list[tuple[int, int, int, object]], item: tuple[int, int, int, object]) -> bool:
    """Does ``item`` overlap (or, when either is empty, touch) anything in ``group``?

    Only pairs that mix an old entry and a new edit (or two new edits, which never overlap)
    matter; two positive-length intervals that only touch stay separate. An entry that only
    inserted text counts as empty too: its original span is, and two entries at one original
    position would be ambiguous to replay (", " inserted, then "Knesset Chairman" after it rewritten).
    """
    s, e, _, _ = item
    empty = s == e or _inserted_only(item)
    for other in group:
        gs, ge = other[0], other[1]
        if s < ge and gs < e:
            return True
        either = empty or gs == ge or _inserted_only(other)
        if either and gs <= s <= ge and gs <= e <= ge:
            return True
        if either and (s == ge or e == gs):
            return True
    return False


def _inserted_only(item: tuple[int, int, int, object]) -> bool:
    """An old entry whose original span is empty (it only inserted text)."""
    if item[2] != 0:
        return False
    entry = item[3][1]  # type: ignore[index]
    return entry.start == entry.end
