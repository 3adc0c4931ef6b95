"""The engine: run the passes, apply what is safe, repeat to a fixed point, report in original terms.

Each round runs every pass in order on the current text; a pass's edits that fall in no
protected span and are applicable (``safe``, or any with ``unsafe_fixes``, and at least
``min_confidence``) are resolved (``edits.resolve``) and applied before the next pass looks.
Rounds repeat until one changes nothing. A text is never refused: rounds that come back to a
text already seen (rules undoing each other) or run past ``MAX_ROUNDS`` (a replacement its own
pattern matches) have the edits that kept the text moving barred, and the text is cleaned again
without them; those edits are reported as suggestions naming the rules in conflict.
Findings that are not applied are taken from that last, quiet round and reported too.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from ..base.errors import CleanerError, RuleTimeout
from ..base.resources import bundled_packs
from ..base.settings import DEFAULT_MIN_CONFIDENCE, Settings
from ..names.context import Context, default_context
from ..packs.loading import load_packs
from ..passes import Pass, RulePass
from ..passes.entities import alters_a_name
from ..passes.rule import Pack, Rule
from ..text.document import Document
from ..text.edits import SAFE, SUGGEST, Changes, Edit, apply_edits, resolve
from .blocks import clean_in_blocks
from .result import Result

#: The order passes run in; a kind's ``pass_name`` places its rules here.
PASS_ORDER = ("encoding", "rules", "layout", "glue", "demonyms", "entities", "pronouns", "media", "grammar")
MAX_ROUNDS = 10


def _matches(rule_id: str, selectors: Iterable[str]) -> bool:
    return any(rule_id == s or rule_id.startswith(s) for s in selectors)


class Cleaner:
    """A configured pipeline; build once, clean many texts (it holds the compiled rules).

    ``settings`` (:class:`~cleaner.base.settings.Settings`: which rules run and what is applied),
    or its fields as keyword arguments: ``Cleaner(select=["DASH"], min_confidence=0.9)``. A
    setting that would silently turn checking off is a CleanerError.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        packs: Sequence[Pack] | None = None,
        bundled: bool = True,
        extra_passes: Sequence[Pass] = (),
        context: Context | None = None,
        **fields,
    ) -> None:
        if fields:
            if settings is not None:
                raise TypeError("Cleaner takes settings or their fields as keyword arguments, not both")
            settings = Settings(**fields)  # a TypeError names an unknown keyword
        settings = (settings or Settings()).check().resolved()
        self.settings = settings
        select, ignore, gazetteers = settings.select, settings.ignore, settings.gazetteers
        if packs is None:
            paths: list[Path | str] = list(bundled_packs()) if bundled else []
            paths.extend(settings.rules)
            packs = load_packs(paths)
        self.packs = list(packs)
        self.rules: list[Rule] = [
            r for p in self.packs for r in p.rules
            if (not select or _matches(r.id, select)) and not _matches(r.id, ignore)
        ]
        if select and not self.rules and not extra_passes:
            raise CleanerError(f"select {', '.join(map(repr, select))} matches no rule: nothing would be checked "
                               "(see 'cleaner rules list')")
        self.select, self.ignore = select, ignore
        self.unsafe_fixes = settings.unsafe_fixes
        self.min_confidence = settings.min_confidence
        if context is None:
            context = Context(gazetteers, bundled=bundled) if (gazetteers or not bundled) else default_context()
        self.context = context
        self.passes: list[Pass] = []
        self._skip: set[str] = set()  # rules skipped for the text being cleaned (they timed out)
        for name in PASS_ORDER:
            rp = RulePass(name, self.rules, skip=self._skip)
            if rp.rules:
                self.passes.append(rp)
        self.passes.extend(extra_passes)
        self._order = {}
        for index, p in enumerate(self.passes):
            for r in getattr(p, "rules", []):
                self._order[r.id] = index

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for p in self.packs for r in p.rules if r.id == rule_id), None)

    def wants(self, rule_id: str) -> bool:
        """Is ``rule_id`` selected and not ignored? (Extra passes' rules are not in the packs.)"""
        return (not self.select or _matches(rule_id, self.select)) and not _matches(rule_id, self.ignore)

    def applies(self, edit: Edit) -> bool:
        """Would ``fix`` apply this edit? Safe edits above ``min_confidence``; with
        ``unsafe_fixes``, every finding (the user asked for the suggestions too)."""
        return self.unsafe_fixes or (edit.applicability == SAFE and edit.confidence >= self.min_confidence)

    #: Texts longer than this (characters) are cleaned in blocks of about ``block_size``, each
    #: with its neighbouring paragraphs as context (see cleaner/engine/blocks.py): time and memory grow
    #: linearly with the text, and no rule's time limit trips on sheer size.
    block_threshold = 1 << 20
    block_size = 1 << 15

    def clean(self, text: str, *, markdown: bool = False) -> Result:
        """Clean ``text``. A rule that runs past its time limit is skipped for this text: the text
        is cleaned again without it, and ``Result.skipped`` says which rule and why.

        CRLF and CR-only line endings are cleaned as LF (every rule sees the text it was written
        for) and restored: the edits are mapped back to ``text``, and a line break a replacement
        writes takes the text's most common ending."""
        if "\r" not in text:
            return self._clean(text, markdown)
        normal = _as_lf(text)
        return _restore_endings(text, normal, self._clean(normal, markdown))

    def _clean(self, text: str, markdown: bool) -> Result:
        skipped: list[str] = []
        try:
            while True:
                try:
                    if len(text) > self.block_threshold:
                        result = clean_in_blocks(self, text, markdown)
                    else:
                        result = self.clean_whole(text, markdown=markdown)
                except RuleTimeout as exc:
                    if exc.rule is None or exc.rule in self._skip:
                        raise
                    skipped.append(f"{exc}; skipped for this file, the other rules applied")
                    self._skip.add(exc.rule)
                    continue
                result.skipped = skipped
                return result
        finally:
            self._skip.clear()

    def clean_whole(self, text: str, *, markdown: bool = False, opens_text: bool = True) -> Result:
        """Clean ``text`` in one piece (what ``clean`` does below the block threshold).

        Never refuses a text. When the rounds do not reach a fixed point (two rules that undo each
        other's edits, or a rule whose replacement matches its own pattern), the edits that kept
        the text moving are *barred*: the text is cleaned again from the start without applying
        them, so it keeps what the stable rounds did, and each barred edit is reported as a
        suggestion naming the rules it conflicts with. Each retry bars at least one more edit.
        Line endings are handled as ``clean`` handles them. ``opens_text=False``: ``text`` is a
        window of a larger text that does not begin it (no headline above its first paragraph).
        """
        if "\r" in text:
            normal = _as_lf(text)
            return _restore_endings(text, normal, self.clean_whole(normal, markdown=markdown,
                                                                     opens_text=opens_text))
        barred: dict[tuple[str, str, str], frozenset[str]] = {}
        for _ in range(MAX_RETRIES):
            outcome = self._rounds(text, markdown, barred, opens_text)
            if isinstance(outcome, Result):
                return outcome
            more = {key: others for key, others in outcome.items() if key not in barred}
            if not more:
                break
            barred.update(more)
        # last resort, never reached by the bundled rules: nothing applied, the text as it came
        return Result(original=text, text=text, edits=[], suggestions=[])

    def _rounds(self, text: str, markdown: bool,
                barred: dict[tuple[str, str, str], frozenset[str]], opens_text: bool = True) -> Result | dict:
        """Run the rounds to a fixed point: a Result; or, when they cycle or run past MAX_ROUNDS,
        the edits that kept changing the text (``{(rule, old, new): other rules}``) to bar."""
        changes = Changes(text)
        current = text
        quiet_round: list[Edit] = []
        # what each pass proposed, and on which text: a pass is a pure function of the text, so one
        # that sees the same text again (the confirming round, when only earlier passes changed
        # it) is not run again
        last_seen: dict[int, tuple[str, list[Edit]]] = {}
        starts: dict[str, int] = {}  # the text at the start of each round -> that round
        moves: list[list[tuple[str, str, str]]] = []  # per round: (rule, old, new) of each applied edit

        def key(e: Edit, on: str) -> tuple[str, str, str]:
            return e.rule, on[e.start:e.end], e.replacement

        def applies(e: Edit, on: str) -> bool:
            return self.applies(e) and (not barred or key(e, on) not in barred)

        for number in range(MAX_ROUNDS):
            starts.setdefault(current, number)
            changed_by: list[str] = []
            unapplied: list[Edit] = []
            moved: list[tuple[str, str, str]] = []
            doc = Document(current, markdown, self.context, opens_text)
            for index, p in enumerate(self.passes):
                seen = last_seen.get(index)
                if seen is not None and seen[0] == current:
                    proposed = seen[1]
                else:
                    proposed = [e for e in p.find(doc) if doc.allows(e) and self.wants(e.rule)]
                    if proposed and p.name not in ("entities", "media"):  # only the entity and media
                        # rules may change a name (a translated title holds one: "New China News Agency")
                        proposed = [e for e in proposed if not alters_a_name(doc, e)]
                    last_seen[index] = (current, proposed)
                chosen = resolve((e for e in proposed if applies(e, current)), self._order)
                unapplied.extend(_barred(e, barred, current) for e in proposed if not applies(e, current))
                if chosen:
                    moved.extend(key(e, current) for e in chosen)
                    changes.add(current, chosen)
                    current = apply_edits(current, chosen)
                    doc = Document(current, markdown, self.context, opens_text)
                    changed_by.extend(e.rule for e in chosen)
                    unapplied.clear()  # their offsets refer to the text before this change
            if not changed_by:
                quiet_round = unapplied
                break
            moves.append(moved)
            if current in starts:  # back to a text already seen: a cycle of rounds
                return _conflicts(moves[starts[current]:])
        else:
            return _conflicts(moves[-1:])  # still moving (a replacement its own pattern matches)
        suggestions = []
        for e in resolve(quiet_round, self._order):
            span = changes.to_original(e.start, e.end)
            if span is not None:
                suggestions.append(e.moved(span[0], span[1], text[span[0]:span[1]]))
        return Result(original=text, text=current, edits=changes.edits(), suggestions=suggestions)


def _as_lf(text: str) -> str:
    """``text`` with every CRLF and CR made LF (what the rules are written for)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _restore_endings(text: str, normal: str, result: Result) -> Result:
    """``result`` (of cleaning ``normal``, ``text`` with every CRLF and CR made LF) in terms of
    ``text``: offsets moved past each CR that was dropped, replacements' breaks in its ending."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\r": text.count("\r") - crlf, "\n": text.count("\n") - crlf}
    ending = max(counts, key=lambda k: (counts[k], k != "\n"))
    dropped: list[int] = []  # offsets in ``normal`` of each LF that was a CRLF
    at = text.find("\r\n")
    while at >= 0:
        dropped.append(at - len(dropped))
        at = text.find("\r\n", at + 2)

    def moved(e: Edit) -> Edit:
        start = e.start + bisect.bisect_left(dropped, e.start)
        end = e.end + bisect.bisect_left(dropped, e.end)
        new = e.replacement.replace("\n", ending) if ending != "\n" else e.replacement
        # a line break the edit keeps at its start is left out of it: a CR there may end a
        # protected line (a code fence's) that the LF text's edit did not touch
        for brk in ("\r\n", "\r"):
            while text.startswith(brk, start) and new.startswith(brk) and start + len(brk) <= end:
                start, new = start + len(brk), new[len(brk):]
        return replace(e, start=start, end=end, original=text[start:end], replacement=new)

    def rotated(edits: list[Edit]) -> list[Edit]:
        """A deletion of "break + line" is the same deletion as "line + break" when that break
        follows it: take the second, which leaves the CR ending the line before (perhaps a
        fence's, protected) alone, unless it would then meet the next edit."""
        out = []
        for i, e in enumerate(edits):
            start, end = e.start, e.end
            limit = edits[i + 1].start if i + 1 < len(edits) else len(text)
            for brk in ("\r\n", "\r"):
                while (not e.replacement and start < end and _break_at(text, start) == brk
                       and _break_at(text, end) == brk and end + len(brk) <= limit):
                    start, end = start + len(brk), end + len(brk)
            out.append(e if start == e.start else replace(e, start=start, end=end, original=text[start:end]))
        return out

    edits = rotated(sorted((moved(e) for e in result.edits), key=lambda e: (e.start, e.end)))
    return Result(original=text, text=apply_edits(text, edits), edits=edits,
                  suggestions=[moved(e) for e in result.suggestions], skipped=result.skipped)


def _break_at(text: str, at: int) -> str:
    """The line break (CRLF, CR or LF) that starts at ``at``, or ''."""
    if text.startswith("\r\n", at):
        return "\r\n"
    return text[at] if at < len(text) and text[at] in "\r\n" else ""


#: How many times a text that does not converge is cleaned again with more edits barred.
MAX_RETRIES = 8


def _conflicts(rounds: list[list[tuple[str, str, str]]]) -> dict[tuple[str, str, str], frozenset[str]]:
    """The edits applied in the rounds of a cycle, each with the other rules moving in it."""
    rules = {k[0] for moved in rounds for k in moved}
    return {k: frozenset(rules - {k[0]}) for moved in rounds for k in moved}


def _barred(e: Edit, barred: dict[tuple[str, str, str], frozenset[str]], on: str) -> Edit:
    """An edit not applied: a barred one becomes a suggestion saying which rules it conflicts with."""
    others = barred.get((e.rule, on[e.start:e.end], e.replacement)) if barred else None
    if others is None:
        return e
    why = (f"not applied: {e.rule} and {', '.join(sorted(others))} undo each other's edits here" if others
           else f"not applied: {e.rule}'s replacement matches its own pattern again")
    return replace(e, applicability=SUGGEST, message=f"{e.message} ({why})")


_default: Cleaner | None = None
_DEFAULT_SETTINGS = Settings().resolved()


def clean(text: str, *, markdown: bool = False, **settings) -> Result:
    """Clean ``text`` with the bundled rules and gazetteer; ``settings``: the fields of
    :class:`~cleaner.base.settings.Settings` (``rules`` packs and ``gazetteers`` files to add,
    ``select``, ``ignore``, ``min_confidence``, ``unsafe_fixes``); see :class:`Cleaner`."""
    global _default
    given = Settings(**settings)
    if given.resolved() != _DEFAULT_SETTINGS:
        cleaner = Cleaner(given)
    else:
        if _default is None:
            _default = Cleaner()
        cleaner = _default
    return cleaner.clean(text, markdown=markdown)
