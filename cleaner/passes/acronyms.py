"""Acronyms as a pivot leaves them (issue 18 item 3, issue 19).

- pivot-acronym: the pivot language's own acronym or letter order ("the funds of the UE", "The
  ABD envoy", "FMI"), or its romanized word for an institution ("Tzahal", "Jiminto"), from
  rules/vocab/acronyms.toml, applied on the article's language signal (pivot_signals);
- script-acronym: an acronym left in Cyrillic or Greek letters ("НАТО has", "ΠΑΣΟΚ"), or a Latin
  acronym with a Cyrillic look-alike letter in it;
- dotted-acronym: "N.P.T." for NPT (but U.S., U.K., U.N. are house styles and stay);
- acronym-case: an acronym in the wrong case, against the gazetteer's
  spelling ("PIS" for PiS, "Nida Poll" for NIDA Poll).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..names.context import context_of
from ..names.lexicon import is_known_name, zipf
from ..text.document import Document
from ..text.edits import SUGGEST, Edit
from .pivot_signals import language_scores, main_languages, vocab
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_SCRIPT_TABLES = ("cyrillic", "greek", "house-style", "letter-names")


@lru_cache(maxsize=1)
def _tables():
    """(form -> [(language, english)], ambiguous {(language, form)}, english acronyms, house-style dotted)"""
    data = vocab("acronyms.toml")
    forms: dict[str, list[tuple[str, str]]] = {}
    ambiguous: set[tuple[str, str]] = set()
    english: set[str] = set()
    for lang, table in data.items():
        if lang in _SCRIPT_TABLES:
            continue
        for form, target in table.get("acronyms", {}).items():
            if form != target:
                forms.setdefault(form, []).append((lang, target))
            english.add(target)
        ambiguous.update((lang, f) for f in table.get("ambiguous", ()))
    for lang in ("cyrillic", "greek"):
        english.update(data[lang]["acronyms"].values())
    dotted = set(data["house-style"]["dotted"])
    pattern = regex.compile(r"(?<![\p{L}\p{M}\d.-])(?P<f>" + "|".join(
        regex.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\p{L}\p{M}\d-])(?!\.\p{L})")
    return forms, ambiguous, english, dotted, pattern


def _known(doc: Document, acronym: str) -> bool:
    e = context_of(doc).gazetteer.by_form.get(acronym)
    return (e is not None and e.kind != "person") or acronym in _tables()[2]


def _keeps_period(text: str, end: int) -> bool:
    """Does the period that ends a dotted form at ``end`` also end the sentence?"""
    rest = text[end:end + 20]
    return rest.strip() == "" or rest[0] == "\n" or bool(regex.match(
        r"\s+(?:[\"“*(\[]|(?:The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|These|Those|Its|His|Her|"
        r"Their|Only|Meanwhile|However|After|Before|Since|While|When|According)\b)", rest))


def _pronounceable(acronym: str) -> bool:
    """Read as a word (NATO, UNIFIL, UNESCO) rather than letter by letter (the IDF)."""
    return (len(acronym) >= 4 and acronym.isupper() and sum(c in "AEIOU" for c in acronym) >= 2
            and not regex.search(r"[^AEIOU]{3}", acronym))


_FOLLOW = regex.compile(r"\A(?:\s*[,.;:!?)”\"’]|\s*\Z|\s+(?:in|on|at|and|or|that|said|says|has|had|is|was|"
                        r"reported|mission|headquarters)\b)")


def _find_pivot(rule: Rule, doc: Document) -> Iterable[Edit]:
    forms, ambiguous, _, _, pattern = _tables()
    text = doc.text
    found = [(m.start(), m.end(), m.group("f")) for m in pattern.finditer(text)]
    if not found:
        return
    by_lang: dict[str, set[str]] = {}
    for _, _, f in found:
        for lang, _ in forms[f]:
            by_lang.setdefault(lang, set()).add(f)
    scores = language_scores(doc)
    main = main_languages(doc)
    gazetteer = context_of(doc).gazetteer
    for start, end, form in found:
        if gazetteer.by_form.get(form) is not None:
            continue  # a correct name in this newsroom's gazetteer ("CPI" the party)
        best = None
        letters = len(regex.sub(r"[^\p{L}]", "", form))
        for lang, target in forms[form]:
            others = len(by_lang.get(lang, set()) - {form})
            entity = gazetteer.by_form.get(target)
            expansion = entity is not None and entity.name != target and entity.name in text
            strong = lang in main
            # two forms that are both English too ("IPA", "EE") vouch for each other only in an
            # article about that language's country
            plain = len({f for f in by_lang.get(lang, set()) - {form} if (lang, f) not in ambiguous})
            second = plain >= 1 or (others >= 1 and strong) or expansion
            if (lang, form) in ambiguous:
                safe = (strong if letters <= 2 else scores[lang] > 0) and second
            elif letters <= 2:
                safe = strong
            else:
                safe = scores[lang] > 0 or others >= 1
            hint = (scores[lang] > 0 or others >= 1) and (lang, form) not in ambiguous
            if safe or hint:
                cand = (safe, lang, target)
                if best is None or (safe and not best[0]):
                    best = cand
        if best is None or not best[0]:
            agreed = _agreed(forms, ambiguous, form)
            if agreed and (letters > 2 or text[max(0, start - 4):start] == "the "):
                # every language that writes the form means one body by it (ONU, OTAN, GNL: French,
                # Spanish, Portuguese): whichever the source was, that is what it says ("the UE")
                best = (True, "/".join(sorted(lang for lang, _ in forms[form])), agreed)
        if best is None:
            continue
        safe, lang, target = best
        if _glossed(text, start, end, target):
            continue  # "the High Court of Justice, known in Hebrew by its acronym Bagatz": on purpose
        s, e, replacement = start, end, target
        if form.endswith(".") and _keeps_period(text, end):
            replacement += "."
        before = text[max(0, s - 4):s]
        tentity = gazetteer.by_form.get(target)
        if before == "the " and lang in ("ar", "he") and (_pronounceable(target) or (tentity is not None and tentity.kind == "media")) \
                and _FOLLOW.match(text[end:end + 30]) and not (s >= 4 and _sentence_initial(text, s - 4)):
            s -= 4  # the Arabic or Hebrew article before an acronym read as a word: "the Yunifil" -> "UNIFIL"
        message = f"{rule.message}: {form!r} is the {lang} form of {target}"
        if safe:
            yield rule.edit(s, e, replacement, text[s:e], message=message)
        else:
            yield Edit(s, e, replacement, rule.id, 0.6, SUGGEST, message + " (the article's language is unclear)", text[s:e])


def _agreed(forms, ambiguous, form: str) -> str | None:
    """The English form when at least two languages write ``form`` for it, none for anything else,
    and none counts the form among its ambiguous ones."""
    langs = forms[form]
    targets = {t for _, t in langs}
    if len(targets) != 1 or len({lang for lang, _ in langs}) < 2 or any((lang, form) in ambiguous for lang, _ in langs):
        return None
    return next(iter(targets))


_SENTENCE_END = regex.compile(r"[.!?\n]")


def _glossed(text: str, start: int, end: int, target: str) -> bool:
    """Does the sentence around ``text[start:end]`` also write ``target`` (or the name it stands
    for)? Then the pivot's form is there on purpose, as a gloss: "the High Court of Justice, known
    in Hebrew by its acronym Bagatz", "the IDF (Tzahal in Hebrew)"."""
    left = text[:start]
    ends = list(_SENTENCE_END.finditer(left[-400:]))
    s = start - (len(left[-400:]) - ends[-1].end()) if ends else max(0, start - 400)
    m = _SENTENCE_END.search(text, end)
    sentence = text[s:start] + " " + text[end:m.start() if m else len(text)]
    return target in sentence


def _sentence_initial(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] in "\n.!?"


# in the rules pass, before the glue pass reads "Jiminto" as "Jim into"
KINDS.append(Kind("pivot-acronym", "rules", frozenset(), frozenset(), lambda rule: None, _find_pivot))


# --- acronyms in Cyrillic or Greek letters ----------------------------------------------------

_CYR = dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЂЈЉЊЋЏЄІЇҐҚӘҒҢӨҰҮҺ",
                ["A", "B", "V", "G", "D", "E", "E", "Zh", "Z", "I", "Y", "K", "L", "M", "N", "O", "P", "R",
                 "S", "T", "U", "F", "Kh", "Ts", "Ch", "Sh", "Shch", "", "Y", "", "E", "Yu", "Ya", "Dj", "J",
                 "Lj", "Nj", "C", "Dz", "Ye", "I", "Yi", "G", "Q", "A", "G", "N", "O", "U", "U", "H"]))
_GRK = dict(zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ",
                ["A", "V", "G", "D", "E", "Z", "I", "Th", "I", "K", "L", "M", "N", "X", "O", "P", "R", "S",
                 "T", "Y", "F", "Ch", "Ps", "O", "A", "E", "I", "I", "O", "Y", "O"]))
#: Cyrillic and Greek letters that look like Latin ones, for a Latin word with one slipped in
_LOOKALIKE = dict(zip("АВЕКМНОРСТХУаеорсухіјѕԁΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",
                      "ABEKMHOPCTXYaeopcyxijsdABEZHIKMNOPTYXo"))
_SCRIPT_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\d])[\p{Cyrillic}\p{Greek}](?:[\p{Cyrillic}\p{Greek}.]*[\p{Cyrillic}\p{Greek}]\.?)?"
                              r"(?![\p{L}\p{M}\d])")
_MIXED_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\d])(?=[\p{L}\d-]*\p{Latin})(?=[\p{L}\d-]*[\p{Cyrillic}\p{Greek}])"
                             r"[\p{L}\d][\p{L}\d-]*(?![\p{L}\p{M}\d])")


def _transliterate(token: str) -> str:
    out = []
    for c in token:
        u = c.upper()
        t = _CYR.get(u, _GRK.get(u))
        if t is None:
            if c == ".":
                continue
            return ""
        out.append(t.upper() if c.isupper() and len(token) > 1 and token.replace(".", "").isupper() else
                   (t if c.isupper() else t.lower()))
    return "".join(out)


def _latin_paragraph(text: str, start: int) -> bool:
    """Is the paragraph around ``start`` written mostly in Latin letters (an English text)?"""
    a = text.rfind("\n\n", 0, start) + 1
    b = text.find("\n\n", start)
    para = text[a:b if b >= 0 else len(text)]
    latin = len(regex.findall(r"\p{Latin}", para))
    other = len(regex.findall(r"[\p{Cyrillic}\p{Greek}]", para))
    return latin > 4 * other and latin > 40


def _find_script(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    if not regex.search(r"[\p{Cyrillic}\p{Greek}]", text):
        return
    data = vocab("acronyms.toml")
    table = {**data["cyrillic"]["acronyms"], **data["greek"]["acronyms"]}
    for m in _SCRIPT_TOKEN.finditer(text):
        token = m.group()
        bare = token.rstrip(".") if token.count(".") == 1 else token
        upper = sum(c.isupper() for c in bare)
        if upper < 2 or not _latin_paragraph(text, m.start()):
            continue
        end = m.start() + len(bare)
        target = table.get(bare) or table.get(token)
        if target is not None and table.get(token) == target and token != bare:
            end = m.end()
        how = "the English form"
        if target is None:
            if not bare.replace(".", "").isupper() or len(bare.replace(".", "")) > 7:
                continue
            target = _transliterate(bare)
            how = "transliterated"
            if not target:
                continue
        if end == m.end() and token.endswith(".") and _keeps_period(text, end):
            target += "."
        safe = how != "transliterated" or _known(doc, target)
        msg = f"{rule.message}: {text[m.start():end]!r} is {target} ({how})"
        if safe:
            yield rule.edit(m.start(), end, target, text[m.start():end], message=msg)
        else:
            yield Edit(m.start(), end, target, rule.id, 0.6, SUGGEST, msg, text[m.start():end])
    for m in _MIXED_TOKEN.finditer(text):
        token = m.group()
        fixed = "".join(_LOOKALIKE.get(c, c) for c in token)
        if regex.search(r"[\p{Cyrillic}\p{Greek}]", fixed):
            continue
        yield rule.edit(m.start(), m.end(), fixed, token,
                        message=f"{rule.message}: {token!r} has Cyrillic or Greek look-alike letters")


KINDS.append(Kind("script-acronym", "media", frozenset(), frozenset(), lambda rule: None, _find_script))


# --- dotted acronyms -------------------------------------------------------------------------

_DOTTED = regex.compile(r"(?<![\p{L}\p{M}\d.])(?:\p{Lu}\.){2,}\p{Lu}?\.?(?![\p{L}\p{M}\d])|(?<![\p{L}\p{M}\d.])(?:\p{Lu}\.){2,}"
                        r"(?![\p{L}\p{M}\d])")


#: two letters that lost their last dot ("E.U", "U.N")
_DOTTED_TWO = regex.compile(r"(?<![\p{L}\p{M}\d.])\p{Lu}\.\p{Lu}(?![\p{L}\p{M}\d.])")


def _find_dotted(rule: Rule, doc: Document) -> Iterable[Edit]:
    text = doc.text
    dotted = _tables()[3]
    for m in sorted([*_DOTTED.finditer(text), *_DOTTED_TWO.finditer(text)], key=lambda m: m.start()):
        token = m.group()
        letters = token.replace(".", "")
        if len(letters) == 2 and not token.endswith(".") and token + "." in dotted \
                and not regex.match(r"\.?\p{L}", text[m.end():m.end() + 2]) \
                and not ((nxt := regex.match(r"\A\s+(\p{Lu}\p{Ll}+)\b", text[m.end():m.end() + 30]))
                         and is_known_name(nxt.group(1))):
            # "E.U", "U.N": a house-style dotted form that lost its last dot; the article's own
            # style says which it was ("E.U." beside "U.S.", "EU" beside the IAEA)
            fix = letters if _undotted_style(doc) else token + "."
            yield rule.edit(m.start(), m.end(), fix, token, message=f"{rule.message}: {token!r} lost a dot")
            continue
        if token in dotted or token + "." in dotted or token.rstrip(".") in dotted:
            continue
        if len(letters) < 3 and not (len(letters) == 2 and token.endswith(".") and _undotted_style(doc)
                                     and not regex.match(r"\A\s+\p{Lu}", text[m.end():m.end() + 3])):
            continue  # "A.I." and "M.P." only where the article writes US and EU without dots
        if regex.match(r"\A\s+\p{Lu}\p{Ll}", text[m.end():m.end() + 3]) and not token.endswith("."):
            continue
        if not _known(doc, letters) and not (_undotted_style(doc) and len(letters) <= 4 and
                                             regex.match(r"\A(?:\s+\p{Ll}|[,;:)])", text[m.end():m.end() + 3])):
            continue  # an acronym no table knows ("V.P.N services"): only in an undotted article
        e = context_of(doc).gazetteer.by_form.get(letters)
        if e is not None and e.kind == "person":
            continue
        # initials before a name ("J.R.R. Tolkien") are a person's, not an acronym
        nxt = regex.match(r"\A\s+(\p{Lu}\p{Ll}+)\b", text[m.end():m.end() + 30])
        if nxt and is_known_name(nxt.group(1)):
            continue
        replacement = letters + ("." if token.endswith(".") and _keeps_period(text, m.end()) else "")
        msg = f"{rule.message}: {letters} is written without dots"
        if _undotted_style(doc):
            yield rule.edit(m.start(), m.end(), replacement, token, message=msg + ", as this article writes acronyms")
        else:  # a house style may dot every acronym (F.B.I., C.I.A.): only suggested
            yield Edit(m.start(), m.end(), replacement, rule.id, 0.6, SUGGEST, msg + " (unless dots are the house style)", token)


def _undotted_style(doc: Document) -> bool:
    """Does the article write some other acronym of three letters or more without dots, and no
    house-style dotted one (U.S., U.N.: a style that dots F.B.I. and C.I.A. too)?"""
    if "undotted-style" not in doc.cache:
        dotted = _tables()[3]
        doc.cache["undotted-style"] = not any(  # "U.S." alone, not the start of "U.S.M.C.A."
            regex.search(r"(?<![\p{L}.])" + regex.escape(d) + r"(?!\p{L})", doc.text)
            for d in dotted if d.isupper() and len(d) >= 4) and (any(
            _known(doc, m.group()) for m in regex.finditer(r"(?<![\p{L}\d.])\p{Lu}{3,}(?![\p{L}\d]|\.\p{Lu})", doc.text))
            # "US", "EU", "UN", "UK" written without dots: the article's style for every acronym
            or bool(regex.search(r"(?<![\p{L}\d.])(?:US|EU|UN|UK)(?![\p{L}\d]|\.\p{Lu})", doc.text)))
    return doc.cache["undotted-style"]


KINDS.append(Kind("dotted-acronym", "media", frozenset(), frozenset(), lambda rule: None, _find_dotted))


# --- an acronym in the wrong case ------------------------------------------

def _acronym_forms(doc: Document) -> dict[str, str]:
    gazetteer = context_of(doc).gazetteer
    key = getattr(gazetteer, "cache_key", None) or id(gazetteer)
    table = _FORMS.get(key)
    if table is None:
        table = {}
        correct = set(gazetteer.forms())
        for e in gazetteer.entities:
            if e.kind == "person":
                continue
            for form in e.forms:
                first = form.split()[0]
                if sum(c.isupper() for c in first) < 2 or len(regex.sub(r"[^\p{L}]", "", first)) < 3:
                    continue
                k = form.casefold()
                if k in table and table[k] != form:
                    table[k] = ""  # two spellings: no telling
                else:
                    table[k] = form
        for k in [k for k, v in table.items() if not v]:
            del table[k]
        table = {k: v for k, v in table.items()}
        _FORMS[key] = (table, correct)
        table = _FORMS[key]
    return table


_FORMS: dict = {}
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\d-])[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?(?:\s+\p{Lu}[\p{L}\d-]*)?(?![\p{L}\p{M}\d-])")


def _find_case(rule: Rule, doc: Document) -> Iterable[Edit]:
    table, correct = _acronym_forms(doc)
    text = doc.text
    caps_elsewhere = None
    tokens = [(m.start(), m.end(), m.group()) for m in
              regex.finditer(r"(?<![\p{L}\p{M}\d-])\p{L}[\p{L}\d]*(?:-\p{L}[\p{L}\d]*)*(?![\p{L}\p{M}\d])", text)]
    skip_to = -1
    for i, (ts, te, one) in enumerate(tokens):
        if ts < skip_to:
            continue
        candidates = []
        if i + 1 < len(tokens) and text[te:tokens[i + 1][0]] == " " and tokens[i + 1][2][:1].isupper():
            candidates.append((ts, tokens[i + 1][1], one + " " + tokens[i + 1][2]))
        candidates.append((ts, te, one))
        for s, e, token in candidates:
            form = table.get(token.casefold())  # not without hyphens: "ISK" the currency is no "IS-K"
            if form is None or form == token or token in correct:
                continue
            if token.islower() or (" " not in token and zipf(token) >= 3.0 and not token.isupper()):
                break  # lower-case words are ENT007's; "Iris" the flower, "Who" the word
            multi = " " in token
            title = token[:1].isupper() and token[1:2].islower() and not multi
            safe = True
            if title:
                if caps_elsewhere is None:
                    caps_elsewhere = _caps_style(doc, table)
                safe = form in text or caps_elsewhere
            msg = f"{rule.message}: the organization writes {form}"
            if safe:
                yield rule.edit(s, e, form, token, message=msg)
            else:
                yield Edit(s, e, form, rule.id, 0.6, SUGGEST, msg + " (or the article's house style)", token)
            skip_to = e
            break


def _caps_style(doc: Document, table: dict[str, str]) -> bool:
    """Does the article write word-like acronyms in capitals (NATO, OPEC) and never in title case
    (Nato, Opec)? Then a title-case one is damage, not house style."""
    caps = title = 0
    for m in regex.finditer(r"(?<![\p{L}\d-])(\p{Lu}{4,}|\p{Lu}\p{Ll}{3,})(?![\p{L}\d-])", doc.text):
        w = m.group(1)
        form = table.get(w.casefold())
        if form is None or not form.isupper() or not _pronounceable(form):
            continue
        if w.isupper():
            caps += 1
        else:
            title += 1
    return caps >= 1 and title <= 1


KINDS.append(Kind("acronym-case", "media", frozenset(), frozenset(), lambda rule: None, _find_case))


# --- acronyms spelled out in letter names ("Ai Em Ef" for IMF) ------------------------------------


@lru_cache(maxsize=1)
def _letter_names() -> tuple[dict[str, frozenset[str]], int]:
    """reading -> the letters it names (rules/vocab/acronyms.toml [letter-names]), longest reading"""
    table: dict[str, set[str]] = {}
    for letter, readings in vocab("acronyms.toml")["letter-names"].items():
        for r in readings:
            table.setdefault(r.casefold(), set()).add(letter)
    return {k: frozenset(v) for k, v in table.items()}, max(map(len, table))


def _spell(words: list[str]) -> set[str]:
    """The acronyms a list of letter names spells (several where a reading names two letters)."""
    names = _letter_names()[0]
    out = {""}
    for w in words:
        letters = names.get(w.casefold())
        if letters is None:
            return set()
        out = {a + b for a in out for b in letters}
    return out


def _segment(word: str) -> set[str]:
    """The acronyms a word glued from letter names spells ("jidipi" -> GDP), each with the fewest
    letters: a reading is taken whole ("ai" is I, not A + E)."""
    names, longest = _letter_names()
    w = word.casefold()
    best: list[tuple[int, set[str]] | None] = [None] * (len(w) + 1)
    best[0] = (0, {""})
    for i in range(len(w)):
        if best[i] is None:
            continue
        n, prefixes = best[i]
        for j in range(i + 1, min(len(w), i + longest) + 1):
            letters = names.get(w[i:j])
            if letters is None:
                continue
            cur = best[j]
            cand = {p + x for p in prefixes for x in letters}
            if cur is None or n + 1 < cur[0]:
                best[j] = (n + 1, cand)
            elif n + 1 == cur[0]:
                cur[1].update(cand)
    return best[len(w)][1] if best[len(w)] else set()


#: letter names joined by one separator: spaces (each name capitalized: "Ai Em Ef"), hyphens or
#: dots in any case ("Ef-Ey-Ti-Ef", "si-en-ji", "Bi-bi-si", "Bi.Bi.Si."), or glued ("jidipi")
_LETTER_RUN = regex.compile(
    r"(?<![\p{L}\p{M}\d.-])(?:(?:\p{Lu}\p{Ll}{0,8} ){2,5}\p{Lu}\p{Ll}{0,8}"
    r"|\p{L}{1,9}(?P<sep>[-.])\p{L}{1,9}(?:(?P=sep)\p{L}{1,9}){1,4}(?(sep)\.?)"
    r"|\p{L}{3,24})(?![\p{L}\p{M}\d-])(?!\.\p{L})")


def _letter_runs(text: str) -> Iterable[tuple[int, int, str | None]]:
    """(start, end, separator) of each candidate run; a run of capitalized words is cut to its
    stretches of letter names ("The Ai Em Ef" -> "Ai Em Ef")."""
    names = _letter_names()[0]
    for m in _LETTER_RUN.finditer(text):
        if m.group("sep") or " " not in m.group():
            yield m.start(), m.end(), m.group("sep")
            continue
        words = [(w.start(), w.end(), w.group().casefold() in names)
                 for w in regex.finditer(r"\p{L}+", m.group())]
        i = 0
        while i < len(words):
            if not words[i][2]:
                i += 1
                continue
            j = i
            while j + 1 < len(words) and words[j + 1][2]:
                j += 1
            if j - i >= 1:
                yield m.start() + words[i][0], m.start() + words[j][1], None
            i = j + 1


def _find_spelled(rule: Rule, doc: Document) -> Iterable[Edit]:
    """Urdu, Hindi, Persian, Thai, Korean, Japanese and Russian write an English acronym as its
    letters' names (آئی ایم ایف, จีดีพี, Би-би-си); read back, the names are the acronym."""
    text = doc.text
    gazetteer = context_of(doc).gazetteer
    for start, end, sep in _letter_runs(text):
        run = text[start:end]
        glued = " " not in run and not sep
        if glued:
            if run.isupper() or zipf(run) > 0 or is_known_name(run) or gazetteer.by_form.get(run) is not None:
                continue  # an acronym itself, an English word or a name
            spelled = _segment(run)
        else:
            words = regex.split(r"[ .-]", run.rstrip("."))
            if sep and not (all(w[:1].isupper() for w in words) or all(w.islower() for w in words)
                            or all(w[1:].islower() for w in words[1:]) and words[0][:1].isupper()):
                continue  # mixed case is a compound of words, not letter names
            if all(zipf(w) >= 5.0 for w in words):
                continue  # "Oh Dee" is words, not letters
            spelled = _spell(words)
        known = {a for a in spelled if len(a) >= 3 and _known(doc, a)}
        if len(known) != 1:
            continue
        acronym = known.pop()
        replacement = acronym
        if run.endswith(".") and _keeps_period(text, end):
            replacement += "."
        yield rule.edit(start, end, replacement, run,
                        message=f"{rule.message}: {run!r} spells {acronym} letter by letter")


KINDS.append(Kind("spelled-acronym", "media", frozenset(), frozenset(), lambda rule: None, _find_spelled))
