"""Grammar: LanguageTool's findings as edits, applied only where the policy calls them safe.

Optional (``--grammar`` or ``grammar = true``); built by :func:`grammar_pass` and handed to the
engine as an extra pass. Each paragraph that is not wholly protected is sent to LanguageTool
once per distinct text (the client caches), so the engine's later rounds re-send only the
paragraphs that changed. A finding becomes an edit with rule id ``LT:<LanguageTool rule id>``,
LanguageTool's message and its category; ``rules/languagetool/policy.toml`` decides which are
safe, everything else is a suggestion.

Names are left out of consideration: no finding may change a word of a gazetteer name (e.g.
LanguageTool's spelling rule flags "Topychkanov"), nor a capitalized word inside a name, and
such findings are dropped rather than suggested. Protected spans (code, URLs, ...) are dropped
by the engine as for every pass.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import regex

from ..document import Document
from ..edits import Edit
from ..grammar_policy import PREFIX, Policy, load_policy

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_LETTER = regex.compile(r"\p{L}")
_CAPITAL = regex.compile(r"[\p{Lu}\p{Lt}]")
_JOINER = regex.compile(r"[ \u00a0]|[-‐‑–] ?")  # between two words of one name: "Vladimir Putin", "Boutros-Ghali"
# what comes before the first word of a sentence (a capital there need not be a name)
_SENTENCE_START = regex.compile(r"(?:\A|[.!?…\n][\"'”’»)\]]*)[\s\"'“‘«(\[]*\Z")


@dataclass
class GrammarPass:
    """The grammar pass: ``client`` checks text, ``policy`` decides safety, ``names`` are off limits."""

    client: object  # LanguageToolClient, or anything with check(text) -> Iterable[Finding]
    policy: Policy
    names: frozenset[str]
    name: str = "grammar"

    def __post_init__(self) -> None:
        self._longest = max((len(_WORD.findall(n)) for n in self.names), default=1)

    def find(self, doc: Document) -> Iterable[Edit]:
        text = doc.text
        for ps, pe in doc.paragraphs:
            para = text[ps:pe]
            if not _LETTER.search(para) or _wholly_protected(doc, ps, pe):
                continue
            findings = self.client.check(para)
            if not findings:
                continue
            words = _Words(para, self.names, self._longest)
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


def grammar_pass(url: str | None = None, *, client=None, names: Iterable[str] | None = None) -> GrammarPass:
    """Connect to LanguageTool (``url``, or a local server) and build the pass.

    Raises ``GrammarUnavailable`` (one line: why, and how to get LanguageTool) when it cannot.
    """
    if client is None:
        from ..languagetool import LanguageToolClient

        client = LanguageToolClient.connect(url)
    return GrammarPass(client, load_policy(), frozenset(names) if names is not None else gazetteer_names())


@lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Every correct form and known misspelling in the bundled gazetteers: names LanguageTool
    must not "correct" (misspellings are the entity pass's to repair)."""
    from ..gazetteer import load_gazetteers
    from ..resources import bundled_gazetteers

    gazetteer = load_gazetteers(bundled_gazetteers())
    return frozenset(gazetteer.forms()) | frozenset(gazetteer.by_misspelling)


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

    def __init__(self, text: str, names: frozenset[str], longest: int) -> None:
        self.text = text
        self.names = names
        self.longest = longest
        self.spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def touches_name(self, start: int, end: int, replacement: str) -> bool:
        """Does replacing text[start:end] change a word of a gazetteer name or of a capitalized name?"""
        original = self.text[start:end]
        prefix = _common_prefix(original, replacement)
        suffix = _common_prefix(original[prefix:][::-1], replacement[prefix:][::-1])
        a, b = start + prefix, end - suffix
        inserted = replacement[prefix:len(replacement) - suffix]
        for index in self._changed(a, b, inserted):
            if self._in_name(index):
                return True
        return False

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
        if self._in_gazetteer_name(index):
            return True
        s = self.spans[index][0]
        if not _CAPITAL.match(self.text, s):
            return False
        if not _SENTENCE_START.search(self.text, max(0, s - 40), s):
            return True  # a capitalized word inside a sentence is a name (or part of one)
        return self._capital_neighbour(index, -1) or self._capital_neighbour(index, 1)

    def _capital_neighbour(self, index: int, step: int) -> bool:
        other = index + step
        if not 0 <= other < len(self.spans):
            return False
        first, second = sorted((self.spans[index], self.spans[other]))
        return bool(_JOINER.fullmatch(self.text, first[1], second[0])) and bool(_CAPITAL.match(self.text, self.spans[other][0]))

    def _in_gazetteer_name(self, index: int) -> bool:
        text, spans, n = self.text, self.spans, self.longest
        for i in range(max(0, index - n + 1), index + 1):
            for j in range(index, min(len(spans), i + n)):
                candidate = text[spans[i][0]:spans[j][1]]
                if candidate in self.names or candidate + "." in self.names:
                    return True
        return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
