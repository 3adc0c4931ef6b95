"""Institution names translated word for word: the gazetteer's name, its words in another order.

A pivot translates an institution's name word by word and in its own order: Arabic "Sunduq
al-Istithmarat al-Amma" comes back as "Fund of the Public Investments" (the Public Investment
Fund), Armenian "Yerevani Petakan Hamalsaran" as "State University of Yerevan" (Yerevan State
University), Japanese "Supōtsu Chūsai Saibansho" as "Sports Arbitration Court" (the Court of
Arbitration for Sport), Thai "Thanakhan haeng Prathet Thai" as "Bank of the Country of
Thailand". The content words are the real name's; only their order, the function words between
them, a plural and a filler the pivot's grammar needs ("the Country of") differ.

``institution-calque``: a run of capitalized words (with the function words of a name between
them: of, for, the, and, on, in) whose content words, folded (case, diacritics, a plural "s",
British and American spellings), are exactly those of one organization, media or event name of
the gazetteer, and which is not itself one of its forms. Replaced by that name when it has three
content words or more, or two in the same order (a function word differs); a plural alone
(perhaps a generic one) is only a suggestion; two words in another order are left alone ("the
Defense Department", "Tehran University", and "China Bank" beside the Bank of China are English). Two gazetteer names with the same words: nothing.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..base.lazyre import lazy
from ..names.context import context_of
from ..names.lexicon import fold
from ..text.document import Document
from ..text.edits import SUGGEST, Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

#: the words that join the content words of a name (the run pattern below allows these), and the
#: other function words a pivot adds, drops or swaps between them
_JOINERS = ("of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "le", "el", "al")
FUNCTION = frozenset(_JOINERS) | {"at", "to", "a", "an", "&"}
#: spellings that are one word ("Organisation", "Organization")
SPELLINGS = {"organisation": "organization", "centre": "center", "defence": "defense",
             "programme": "program", "labour": "labor", "theatre": "theater"}
#: kinds whose names are institutions (not people, not places)
KINDS_MATCHED = frozenset({"organization", "media", "event"})

_WORD = r"(?:\p{Lu}[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*|\p{Lu}{2,})"
_JOIN = r"[ ]+(?:(?:" + "|".join(_JOINERS) + r")[ ]+)*"
RUN = lazy(r"(?<![\p{L}\p{M}\p{N}'’-])" + _WORD + r"(?:" + _JOIN + _WORD + r")+(?![\p{L}\p{M}\p{N}-])")
TOKEN = lazy(r"[\p{L}\p{M}]+(?:[’'][\p{L}\p{M}]+)*|&")


def content_words(text: str, *, singular: bool = True) -> tuple[str, ...]:
    """The folded content words of a name, in order: 'Fund of the Public Investments' ->
    ('fund', 'public', 'investment') (``singular=False``: 'investments')."""
    out = []
    for m in TOKEN.finditer(text.replace("-", " ")):
        w = fold(m.group()).lower()
        w = regex.sub(r"['’]s$", "", w)
        if w in FUNCTION:
            continue
        w = SPELLINGS.get(w, w)
        if not singular:
            pass
        elif len(w) > 3 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.append(w)
    return tuple(out)


def _bags(gazetteer) -> dict[tuple[str, ...], list[tuple[str, object]]]:
    """Sorted content words -> the gazetteer's (form, entity) pairs with those words."""
    bags: dict[tuple[str, ...], list[tuple[str, object]]] = {}
    for entity in gazetteer:
        if entity.kind not in KINDS_MATCHED:
            continue
        for form in entity.forms:
            words = content_words(form)
            if len(words) >= 2:
                bags.setdefault(tuple(sorted(words)), []).append((form, entity))
    return bags


def _compile(rule: Rule):
    fillers = rule.words("fillers", required=False)
    return frozenset(w.lower() for w in fillers)


def _find(rule: Rule, doc: Document) -> Iterable[Edit]:
    fillers = rule.compiled
    gazetteer = context_of(doc).gazetteer
    bags = gazetteer.derived("institution-bags", _bags)
    forms = gazetteer.by_form
    text = doc.text
    for run in RUN.finditer(text):
        found = _best(run.group(), bags, forms, fillers)
        if found is None:
            continue
        (a, b), form, same_order, plural_only = found
        start, end = run.start() + a, run.start() + b
        written = text[start:end]
        replacement = form
        before = text[max(0, start - 30):start]
        if form.startswith("The ") and regex.search(r"\b(?:the|The)\s+$", before):
            replacement = form[4:]  # "the Sports Arbitration Court" -> "the Court of ...", not "the The"
        if regex.match(r"(?:Ministry|Department|University|Bank|Court|Commission|Committee|Council|Office|Agency)\s+of\b", form) \
                and not regex.search(r"(?:\b(?:the|a|its|their|his|her|our|this|that)|['’]s?)\s+$", before, regex.I):
            starts_sentence = not before.strip() or regex.search(r"[.!?…:][\"'”’»)]*\s+$", before)
            replacement = ("The " if starts_sentence else "the ") + form  # "at Tehran University" -> "at the University of Tehran"
        if len(content_words(form)) < 3 and not same_order:
            continue  # two words in another order are English too: the Defense Department, Tehran University
        # a plural alone may be generic ("the Public Investment Funds of three states")
        safe = not plural_only
        edit = rule.edit(start, end, replacement, written,
                         message=f"{rule.message}: {written!r} has the words of {form!r}, in the order of a "
                                 "word-for-word translation" if not same_order else
                                 f"{rule.message}: {written!r} is {form!r} with a function word or plural changed")
        yield edit if safe else Edit(edit.start, edit.end, edit.replacement, edit.rule, min(edit.confidence, 0.6),
                                     SUGGEST, edit.message, edit.original)


def _best(run: str, bags, forms, fillers) -> tuple[tuple[int, int], str, bool, bool] | None:
    """The longest stretch of ``run`` (from a capitalized word to one) that has the words of
    exactly one gazetteer name without being one of its forms."""
    words = list(regex.finditer(_WORD, run))
    starts = [m.start() for m in words if m.group().lower() not in FUNCTION]
    ends = {m.start(): m.end() for m in words}
    spans = sorted(((a, ends[b]) for i, a in enumerate(starts) for b in starts[i:]),
                   key=lambda s: s[0] - s[1])
    for a, b in spans:
        stretch = run[a:b]
        if stretch in forms:
            return None  # a correct name (or part of one): the words around it are not ours
        if regex.search(r"['’]s\b", stretch):
            continue  # "Georgia's Constitutional Court", "Georgian Dream's bid": English, not a calque
        if regex.search(r"\p{L} \Z", run[:a]) and not regex.search(_JOIN_WORD + r" \Z", run[:a]) \
                or regex.match(r"\A \p{Lu}", run[b:]):
            continue  # a stretch cut out of a longer name ("Qing Hua [University and Beijing Normal] University")
        words = content_words(stretch)
        kept = tuple(w for w in words if w not in fillers)
        if len(kept) < 2:
            continue
        hits = bags.get(tuple(sorted(kept)))
        if not hits:
            continue
        # two names joined by "and" are two names; a name's own "and" a pivot may drop ("Health
        # Welfare Ministry" for the Ministry of Health and Welfare)
        hits = [(f, e) for f, e in hits if _ands(stretch) <= _ands(f)]
        if not hits:
            continue
        names = {entity.name for _, entity in hits}
        if len(names) != 1:
            return None  # two institutions with these words: not ours to choose
        if any(_without_article(f).lower() == _without_article(stretch).lower() for f, _ in hits):
            return None  # only the letter case or the article differs: other rules' business
        form = next(f for f, e in hits if f == e.name) if any(f == e.name for f, e in hits) else hits[0][0]
        same_order = content_words(form) == kept
        written = [w for w in content_words(stretch, singular=False) if w not in fillers]
        named = content_words(form, singular=False)
        plural_only = same_order and sorted(named) != sorted(written)
        if plural_only and sum(w.endswith("s") for w in written) < sum(w.endswith("s") for w in named):
            continue  # the name has a plural the text lacks: "Japan Time" (an hour) is no Japan Times
        return (a, b), form, same_order, plural_only
    return None


_JOIN_WORD = r"(?i:\b(?:" + "|".join(_JOINERS) + r"))"


def _ands(name: str) -> int:
    return len(regex.findall(r"\band\b|&", name))


def _without_article(name: str) -> str:
    return regex.sub(r"^(?:the|The|THE)\s+", "", name)


KINDS.append(Kind("institution-calque", "entities", frozenset({"fillers"}), frozenset(), _compile, _find))
