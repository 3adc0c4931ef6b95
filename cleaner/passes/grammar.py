"""Grammar: LanguageTool's findings as edits, applied only where the policy calls them safe.

Optional (``--grammar`` or ``grammar = true``); built by :func:`grammar_pass` and handed to the
engine as an extra pass. Each paragraph that is not wholly protected is sent to LanguageTool
once per distinct text (the client caches), so the engine's later rounds re-send only the
paragraphs that changed. A finding becomes an edit with rule id ``LT:<LanguageTool rule id>``,
LanguageTool's message and its category; ``rules/languagetool/policy.toml`` decides which are
safe, everything else is a suggestion.

Names are left out of consideration: no finding may change a word of a gazetteer name (the
gazetteer of the document's context, so ``--gazetteer`` files count; LanguageTool's spelling rule
flags "Topychkanov"), nor a capitalized word inside a name (a run of ``cleaner.names``, as the
entity passes see them), and such findings are dropped rather than suggested. Protected spans
(code, URLs, ...) are dropped by the engine as for every pass.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable

import regex

from ..names.context import context_of
from ..names.runs import at_sentence_start, runs
from ..text.document import Document
from ..text.edits import Edit
from .grammar_policy import PREFIX, Policy, load_policy

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True)
class Names:
    """Spellings no finding may change: a gazetteer's correct forms and known misspellings
    (the misspellings are the entity passes' to repair)."""

    forms: frozenset[str]
    longest: int  # in words

    @classmethod
    def of(cls, forms: Iterable[str]) -> "Names":
        forms = frozenset(forms)
        return cls(forms, max((len(_WORD.findall(f)) for f in forms), default=1))


@dataclass
class GrammarPass:
    """The grammar pass: ``client`` checks text, ``policy`` decides safety; ``names`` (default: the
    gazetteer of each document's context) are off limits."""

    client: object  # LanguageToolClient, or anything with check(text) -> Iterable[Finding]
    policy: Policy
    names: Names | None = None
    name: str = "grammar"
    _by_context: dict = field(default_factory=dict, repr=False)

    def find(self, doc: Document) -> Iterable[Edit]:
        text = doc.text
        names = None
        for ps, pe in doc.paragraphs:
            para = text[ps:pe]
            if not _LETTER.search(para) or _wholly_protected(doc, ps, pe):
                continue
            findings = self.client.check(para)
            if not findings:
                continue
            names = names or self._names(doc)
            words = _Words(para, names)
            for f in findings:
                if not f.replacements:
                    continue  # nothing to apply or review as a change
                replacement = f.replacements[0]
                start, end = ps + f.start, ps + f.end
                if (doc.is_protected(start, end) or self.policy.ignores(text, start, end)
                        or words.touches_name(f.start, f.end, replacement)):
                    continue
                applicability, confidence = self.policy.decide(f.rule_id, text, start, end, replacement,
                                                               len(f.replacements))
                yield Edit(start, end, replacement, PREFIX + f.rule_id, confidence, applicability,
                           _message(f), text[start:end])

    def _names(self, doc: Document) -> Names:
        if self.names is not None:
            return self.names
        context = context_of(doc)
        if id(context) not in self._by_context:
            gazetteer = context.gazetteer
            self._by_context[id(context)] = (context, Names.of([*gazetteer.forms(), *gazetteer.by_misspelling]))
        return self._by_context[id(context)][1]


def grammar_pass(url: str | None = None, *, client=None, names: Iterable[str] | None = None) -> GrammarPass:
    """Connect to LanguageTool (``url``, or a local server) and build the pass.

    Raises ``GrammarUnavailable`` (one line: why, and how to get LanguageTool) when it cannot.
    ``names`` replaces the gazetteer's spellings (tests use it to show what the guard prevents).
    """
    if client is None:
        from .languagetool import (  # lazy: the LanguageTool client (optional dependency) only when a grammar check runs
            LanguageToolClient
        )

        client = LanguageToolClient.connect(url)
    return GrammarPass(client, load_policy(), None if names is None else Names.of(names))


def _message(f) -> str:
    message = f"{f.message} (LanguageTool, {f.category})" if f.category else f"{f.message} (LanguageTool)"
    others = [r for r in f.replacements[1:4] if r]
    if others:
        message += "; or: " + ", ".join(repr(r) for r in others)
    return message


def _wholly_protected(doc: Document, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in doc.protected)


class _Words:
    """The words of one paragraph, to tell whether an edit changes a name."""

    def __init__(self, text: str, names: Names) -> None:
        self.text = text
        self.names = names
        self.spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]
        # capitalized words of a name: every word of a run of two or more, or of one that does
        # not open a sentence ("the minister met Modi"; not "Officials said")
        self.capitalized: list[tuple[int, int]] = [
            (t.start, t.end) for run in runs(text)
            if len(run.tokens) > 1 or not at_sentence_start(text, run.start)
            for t in run.tokens if not t.is_particle
        ]

    def touches_name(self, start: int, end: int, replacement: str) -> bool:
        """Does replacing text[start:end] change a word of a gazetteer name or of a capitalized name?"""
        original = self.text[start:end]
        prefix = _common_prefix(original, replacement)
        suffix = _common_prefix(original[prefix:][::-1], replacement[prefix:][::-1])
        a, b = start + prefix, end - suffix
        inserted = replacement[prefix:len(replacement) - suffix]
        return any(self._in_name(index) for index in self._changed(a, b, inserted))

    def _changed(self, a: int, b: int, inserted: str) -> list[int]:
        """Indexes of the words that replacing text[a:b] with ``inserted`` changes: those it
        overlaps (or inserts into), and those it glues a letter or digit onto."""
        out = []
        for index in range(max(bisect.bisect_right(self.starts, a) - 1, 0), len(self.spans)):
            s, e = self.spans[index]
            if s > b:
                break
            if (a < e and s < b) or (a == e and inserted[:1].isalnum()) or (b == s and inserted[-1:].isalnum()):
                out.append(index)
        return out

    def _in_name(self, index: int) -> bool:
        s, e = self.spans[index]
        return any(ts < e and s < te for ts, te in self.capitalized) or self._in_gazetteer_name(index)

    def _in_gazetteer_name(self, index: int) -> bool:
        text, spans, forms, n = self.text, self.spans, self.names.forms, self.names.longest
        for i in range(max(0, index - n + 1), index + 1):
            for j in range(index, min(len(spans), i + n)):
                candidate = text[spans[i][0]:spans[j][1]]
                if candidate in forms or candidate + "." in forms:
                    return True
        return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
