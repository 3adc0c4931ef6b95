"""Pronouns the pivot got wrong.

- ``stray-pronoun``: a capitalized subject pronoun between a person's name and its verb, with no
  sentence boundary before it ("Vladimir Putin She landed") repeats the subject: it goes.
- ``institution-pronoun``: a sentence that opens with "He said" right after a sentence whose
  subject was an institution and that names no person ("The Duma explained ... He added") means
  the institution: "It added".
- ``pronoun-gender``: a sentence-initial He/She that disagrees with the gazetteer gender of the only
  person the previous sentence names; only ever suggested (the referent may be someone unnamed).
- ``repeated-subject``: a reporting clause said twice in one sentence ("he explained to the
  newspaper The Guardian He added that...") loses its capitalized repeat, and a pronoun that
  repeats a person's name after a dash aside ("Petr Topychkanov – from a think tank – he
  explained") goes.

A pronoun after a real sentence boundary ("... said Ursula von der Leyen. She added") is never
touched by the first rule.
"""

from __future__ import annotations

import dataclasses

from typing import Iterable, Iterator

import regex

from ..base.lazyre import lazy
from ..names.context import context_of
from ..names.lexicon import COMMON, zipf
from ..names.runs import first_lowered, looks_like_given_name, runs
from ..text.document import Document
from ..text.edits import Edit
from . import coref
from .common import occurrences
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

STRAY = lazy(r"(?<=\p{L}) (He|She|They|It) (?=\p{Ll})")
SENTENCE = lazy(r"[^.!?]*(?:[.!?]+[\"'”’»)]*|\Z)", regex.S)
OPENING = lazy(r"(?:(?<=^)|(?<=[.!?][\"'”’»)]* ))(He|She) (?=\p{Ll}+\b)", regex.M)
SPEECH_VERBS = frozenset({
    "added", "said", "explained", "noted", "stressed", "warned", "stated", "declared", "argued",
    "insisted", "emphasized", "emphasised", "underlined", "concluded", "announced", "reported",
    "claimed", "continued", "wrote", "affirmed", "indicated", "pointed",
})
PERSON_WORDS = lazy(
    r"\b(?:he|she|his|her|him|minister|president|chancellor|spokes(?:wo)?man|spokesperson|speaker|"
    r"official|leader|chairman|chairwoman|director|secretary|ambassador|analyst|expert|researcher|"
    r"deputy|governor|king|queen|prince|general|colonel|envoy|prime minister|senator|congressman|"
    r"congresswoman|representative|mayor|judge|justice|premier|pope|bishop|sheikh|emir|officer|"
    r"commander|captain|chief|founder|professor|dr|mr|mrs|ms|sir|lord|lady|councillor|candidate)\b", regex.I)
QUOTED = lazy(r"“[^”]*”|\"[^\"]*\"")
OTHER_GENDER = {"He": lazy(r"\b(?:[Ss]he|[Hh]ers?)\b"), "She": lazy(r"\b(?:[Hh]e|[Hh]is|[Hh]im)\b")}


def _person_before(doc: Document, offset: int) -> bool:
    """Does a person's name end right before ``offset`` (the space before the pronoun)?"""
    index = context_of(doc).index
    text = doc.text
    start = max(0, offset - 80)
    for run in runs(text[start:offset]):
        if run.end + start != offset:
            continue
        tokens = [t.text for t in run.tokens]
        for k in range(len(tokens)):
            form = " ".join(tokens[k:])
            entity = index.exact.get(form)
            if entity is None and form[:3] in ("Al-", "El-"):  # al-Sharaa, capitalized at a sentence's start
                entity = index.exact.get(first_lowered(form))
            if entity is not None:
                return entity.kind == "person"
            match = index.lookup(tuple(tokens[k:]))
            if match is not None and match.tier in ("pivot", "near", "misspelling") and len(tokens) - k >= 2:
                return match.entity.kind == "person"
        # Not in the gazetteer: a given name followed by a rare surname looks like a person.
        return len(tokens) >= 2 and looks_like_given_name(tokens[-2]) and zipf(tokens[-1]) < COMMON
    return False


def matches_at(pattern: regex.Pattern, text: str, needles: Iterable[str]) -> Iterator[regex.Match]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with one of ``needles``
    and never overlaps another: tried only where a needle occurs (found with str.find, much faster
    than the regex module's scan), in order. Look-behinds still see the text before each start."""
    for at in occurrences(text, needles):
        m = pattern.match(text, at)
        if m is not None:
            yield m


_STRAY_NEEDLES = (" He ", " She ", " They ", " It ")


def _find_stray(rule: Rule, doc: Document) -> Iterable[Edit]:
    for m in matches_at(STRAY, doc.text, _STRAY_NEEDLES):
        if _person_before(doc, m.start()):
            yield rule.edit(m.start(), m.end(1), "", m.group()[:-1],
                            message=f"{rule.message}: '{m.group(1)}' repeats the name before it")


def _sentences(doc: Document) -> list[tuple[int, int]]:
    """The sentence spans of ``doc``, found on first need and shared by the rules of this pass."""
    if "sentences" not in doc.cache:
        doc.cache["sentences"] = [(m.start(), m.end()) for m in SENTENCE.finditer(doc.text) if m.end() > m.start()]
    return doc.cache["sentences"]


def _sentence_before(doc: Document, offset: int) -> tuple[int, int] | None:
    """The last non-blank sentence that ends at or before ``offset``."""
    text = doc.text
    return next(((s, e) for s, e in reversed(_sentences(doc)) if e <= offset and text[s:e].strip()), None)


def _compile_institutions(rule: Rule):
    names = rule.words("institutions")
    alternation = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    return lazy(r"\A\s*(?:The |the )?(?:[\p{Lu}][\p{L}-]* )?(?:" + alternation + r")\b")


def _find_institution(rule: Rule, doc: Document) -> Iterable[Edit]:
    """He/she/his/her for an institution: "it"/"its" when the window's only candidates are
    institutions and no person is named before it in the paragraph (see coref.py)."""
    yield from _resolved(rule, doc, "institution")


def _looks_like_person_run(text: str) -> bool:
    """A given name followed by a rare word: a person the gazetteer may not know."""
    for run in runs(text):
        tokens = [t.text for t in run.tokens]
        for a, b in zip(tokens, tokens[1:]):
            if looks_like_given_name(a) and zipf(b) < COMMON:
                return True
    return False


def _starts_with_organization(sentence: str, index) -> bool:
    first = next(runs(sentence.lstrip()), None)
    if first is None or first.start != 0:
        return False
    words = [t.text for t in first.tokens]
    if words and words[0] == "The":
        words = words[1:]
    entity = index.exact.get(" ".join(words))
    return entity is not None and entity.kind in ("organization",)


def _people_named(text: str, index) -> set:
    """The gazetteer persons ``text`` names by a correct form."""
    people = set()
    for run in runs(text):
        tokens = [t.text for t in run.tokens]
        for k in range(len(tokens)):
            for j in range(len(tokens), k, -1):
                entity = index.exact.get(" ".join(tokens[k:j]))
                if entity is not None and entity.kind == "person":
                    people.add(entity)
    return people


def _names_a_person(text: str, index) -> bool:
    return bool(_people_named(text, index))


def _resolved(rule: Rule, doc: Document, target: str) -> Iterable[Edit]:
    if not _PRONOUN_HINT.search(doc.text):
        return
    words = coref.load_words(tuple(rule.params.get("institutions", ())))
    found = coref.analysis(doc, words)
    for p, m in found.pronouns():
        verdict = found.verdict(p, m)
        if verdict is None:
            continue
        to_institution = verdict.replacement.lower() in ("it", "its", "itself")
        if to_institution != (target == "institution"):
            continue
        edit = rule.edit(m.start(1), m.end(1), verdict.replacement, m.group(1),
                         message=f"{rule.message}: {verdict.why}")
        yield edit if verdict.safe else dataclasses.replace(edit, applicability="suggest")


_PRONOUN_HINT = lazy(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er|[Hh]is|[Hh]ers|[Hh]imself|[Hh]erself|[Tt]hey)\b")


def _find_gender(rule: Rule, doc: Document) -> Iterable[Edit]:
    """A pronoun whose gender disagrees with the only person it can refer to (see coref.py)."""
    yield from _resolved(rule, doc, "person")


REPEATED_CLAUSE = lazy(r"(?<=\p{L}) (He|She|They) (added|said|explained|noted|stressed|stated)(?= that\b)")
REPORTING = lazy(r"\b(?:explained|said|told|stated|declared|noted|added|warned|stressed)\b")
DASH_ASIDE = lazy(r" – [^–.!?\n]{3,140} – (he|she|they) (?=\p{Ll}+ed\b)")


def _find_repeated_subject(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    for m in matches_at(REPEATED_CLAUSE, text, _STRAY_NEEDLES[:3]):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        if REPORTING.search(text, start, m.start()):
            yield rule.edit(m.start(), m.end(), "", m.group(),
                            message=f"{rule.message}: '{m.group(1)} {m.group(2)}' repeats the reporting verb before it")
    for m in DASH_ASIDE.finditer(text) if " – " in text else ():
        if _person_before(doc, m.start()):
            yield rule.edit(m.start(1), m.end(1) + 1, "", m.group(1) + " ",
                            message=f"{rule.message}: '{m.group(1)}' repeats the person named before the aside")


KINDS.append(Kind("repeated-subject", "pronouns", frozenset(), frozenset(), lambda rule: None,
                   _find_repeated_subject))
KINDS.append(Kind("stray-pronoun", "pronouns", frozenset(), frozenset(), lambda rule: None, _find_stray))
KINDS.append(Kind("institution-pronoun", "pronouns", frozenset({"institutions"}), frozenset({"institutions"}),
                   _compile_institutions, _find_institution))
KINDS.append(Kind("pronoun-gender", "pronouns", frozenset(), frozenset(), lambda rule: None, _find_gender))
