"""Who a third-person pronoun can refer to: a small, conservative antecedent finder.

Pivots without gendered pronouns (Persian "u", Turkish "o", Thai "khao", Korean "geu", Chinese
spoken "ta", Kazakh "ol", Georgian "is", Indonesian "dia", Vietnamese, Japanese null subjects)
make the MT guess he or she; pivots with grammatical gender (Arabic, Hebrew, Russian, Polish,
German, Greek, Serbian, French) carry the gender of "government", "party", "country" or "Europe"
over to an English "she"/"he"; Tamil and Hindi plurals of respect come out as "they".

For each he/she/him/her/his/hers/himself/herself outside quotations the finder looks at a
*window*: the pronoun's sentence up to the pronoun and the sentences before it in the same
paragraph, back to (and including) the nearest one that mentions a candidate, at most three.
Candidates are

- persons: the gazetteer's people (with their ``gender``), people the gazetteer does not know
  (a given name, a run of rare capitalized words, a name after a title: gender unknown), role
  nouns standing alone ("the president", "the spokesperson": unknown) and gendered nouns standing
  alone ("the queen", "his wife": known);
- institutions: institution nouns (government, ministry, party, committee ...), the gazetteer's
  organizations, media and places, and the countries and regions of CLDR, unless they only
  modify something else ("the government's", "ministry spokesperson", "leader of the party",
  "in Tokyo").

A person's gender comes from the gazetteer, else from a gendered word attached to the name in
the same document (Mrs/Ms/Mr, spokeswoman, chairwoman, queen, actress, "his wife, ..."); when the
two disagree it is unknown.

The :class:`Verdict` says whether the pronoun surely disagrees and what it should be. It is
``safe`` only when exactly one candidate is in the window, its gender is known and differs from
the pronoun, no other pronoun of the pronoun's gender is in the window, and the pronoun is not
inside a quotation (for an institution, also no person anywhere earlier in the paragraph, nor at
the end of the paragraph before when the window starts its paragraph). Everything else that
disagrees with every known candidate is a suggestion naming the candidates. A pronoun that agrees
with any candidate, or whose candidates are all of unknown gender, is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..base.lazyre import lazy
from ..base.resources import rules_dir
from ..names.context import context_of
from ..names.lexicon import is_known_name, zipf
from ..names.runs import looks_like_given_name, runs

PRONOUN = lazy(r"(?<![\p{L}\p{N}'’-])(he|she|him|her|his|hers|himself|herself|they|them|their)(?![\p{L}\p{N}-]|['’]\p{L})",
               regex.I)
GENDER_OF = {"he": "male", "him": "male", "his": "male", "himself": "male",
             "she": "female", "her": "female", "hers": "female", "herself": "female"}
SUBJECT = {"male": "he", "female": "she"}
#: words after "her" / "his" that show it is not a determiner ("gave her a", "told her that")
FUNCTION_WORDS = frozenset("""
a an the this that these those to that and or but nor so yet for of in on at by with from into onto
about after against among around as before behind below beneath beside between beyond during
except inside near off out outside over past since than through throughout till toward towards
under until up upon via within without again also too not never ever still just only even once
is was were are be been being has have had will would can could should may might must do does did
if when while because although though whether where who whom whose which what how why there here
then now today yesterday tomorrow back down away home itself himself herself themselves
""".split())

#: "she" for a ship or a vessel is good English
VESSELS = lazy(r"\b(?:ship|vessel|boat|yacht|frigate|carrier|tanker|liner|schooner|submarine|destroyer|"
               r"cruiser|ferry|warship|sloop|barque|steamer)s?\b", regex.I)

TITLE_FEMALE = frozenset({"Mrs", "Ms", "Miss", "Madam", "Madame", "Mme", "Dame", "Lady", "Queen", "Princess",
                          "Duchess", "Countess", "Baroness", "Empress", "Sister", "Frau", "Señora", "Signora"})
TITLE_MALE = frozenset({"Mr", "Sir", "Lord", "King", "Prince", "Duke", "Baron", "Emperor", "Father", "Brother",
                        "Herr", "Señor", "Signor", "Monsieur", "M"})
LOCATIVE = frozenset("""in at from to near across within into outside inside through throughout around
towards toward via between along off on""".split())
WEAK_EVIDENCE = frozenset({"man", "woman", "boy", "girl", "lady", "person"})
CALENDAR = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December""".split())
PREPOSITIONS = frozenset("""about with to for from by against on of at after before than like
including between among towards toward into onto upon over under behind beside besides via
alongside despite without within""".split())
SPEECH = frozenset("""said says told tells added adds noted notes stressed warned stated declared argued
insisted emphasized emphasised announced reported claimed wrote asked replied answered accused
called urged welcomed criticised criticized denied praised thanked promised explained""".split())


#: what a speaker speaks for: "X said his country / government / party" is X's own
REPRESENTED = frozenset("""
country nation government administration cabinet ministry department party company firm airline
agency office delegation team side coalition movement organisation organization union
""".split())


@dataclass(frozen=True)
class Mention:
    start: int  # in document coordinates
    end: int
    kind: str  # "person" | "institution"
    key: str  # the same referent has the same key (a gazetteer name, or the text)
    gender: str | None = None  # persons: "male" | "female" | None (unknown)
    label: str = ""
    sure: bool = False  # the gender is the gazetteer's or a gendered noun's, not only a title's


@dataclass
class Verdict:
    replacement: str
    safe: bool
    why: str
    candidates: list[Mention] = field(default_factory=list)


@dataclass
class Words:
    """The rule's vocabularies (data in the rule pack)."""

    institutions: frozenset[str]
    roles: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]

    @property
    def pattern(self):
        return _vocabulary_pattern(self.institutions, self.roles, self.female, self.male)


@lru_cache(maxsize=4)
def _vocabulary_pattern(institutions, roles, female, male):
    def alt(words):
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(
        r"(?<![\p{L}\p{N}-])(?:(?P<inst>" + alt(institutions) + r")|(?P<role>" + alt(roles) + r")|(?P<fem>"
        + alt(female) + r")|(?P<masc>" + alt(male) + r"))(?![\p{L}\p{N}]|-\p{L})", regex.I)


@lru_cache(maxsize=1)
def cldr_territories() -> frozenset[str]:
    """English names of the countries and regions CLDR knows (babel), short forms included."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency, but stay usable without it
        return frozenset()
    names = set()
    for code, name in Locale("en").territories.items():
        if code in ("001", "ZZ"):
            continue
        names.add(name)
        names.add(regex.sub(r"\s*\(.*\)$", "", name))
        if " & " in name:
            names.add(name.replace(" & ", " and "))
    names.update({"Europe", "the EU", "Britain", "Great Britain", "Holland", "Burma", "Czech Republic",
                  "Ivory Coast", "the Netherlands", "the Philippines", "the United States"})
    return frozenset(names)


# ----------------------------------------------------------------------------------------------
# sentences and paragraphs

ABBREVIATIONS = frozenset("""Mr Mrs Ms Dr St Gen Col Lt Sgt Capt Cmdr Adm Maj Prof Rev Sen Rep Gov Jr Sr
No vs etc Inc Ltd Co Corp Mt Ft Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec approx""".split())
SENTENCE_END = lazy(r"[.!?…]+[\"'”’»)\]*_]*(?=\s+[\"'“‘«(\[*_]*[\p{Lu}\p{N}])")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines, in effect: a paragraph never spans a line break (headlines, captions, list items
    and Markdown block quotes are their own paragraphs)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        before = text[max(start, m.start() - 12):m.start()].split()[-1:] if m.start() > start else []
        token = before[0].strip("“\"'(") if before else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isupper()) or regex.fullmatch(r"(?:\p{L}\.)+\p{L}", token):
            continue  # "Mr. Smith", "M.K. Stalin", "U.S. officials"
        out.append((s, m.end()))
        s = m.end()
    if s < end:
        out.append((s, end))
    return out


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in regex.finditer(r"“[^”\n]*(?:”|$)|«[^»\n]*(?:»|$)|„[^“”\n]*(?:[“”]|$)|\"[^\"\n]*(?:\"|$)",
                            text[start:end], regex.M):
        spans.append((start + m.start(), start + m.end()))
    # a single-quoted passage: ‘…’ where the closing mark is not an apostrophe inside a word
    for m in regex.finditer(r"(?<![\p{L}\p{N}])‘[^’\n]*’(?![\p{L}])", text[start:end]):
        spans.append((start + m.start(), start + m.end()))
    return spans


def inside(spans, a: int, b: int) -> bool:
    return any(s < a and b <= e for s, e in spans)


# ----------------------------------------------------------------------------------------------
# mentions

LINK_TARGET = lazy(r"\]\([^)\n]*\)")
PLURAL = lazy(r"\b(?:the|these|those|its|his|her|their|many|some|several|all|both|two|three|four|five)"
              r"\s+(?:[\p{Ll}-]+\s+){0,2}\p{Ll}{2,}(?<![su]s|is)s\b|\b(?:people|police|crowd|men|women|children)\b")
DETERMINED = lazy(r"(?<![\p{L}])(?:the|a|an|this|that|another|one|each|every|any|no|his|her|its|their|our|[\p{L}]+[’']s?)\s+"
                  r"(?:[\p{L}\d’'-]+\s+){0,3}\Z", regex.I)


class Analysis:
    """Mentions and pronouns of one document, found once and shared by the rules."""

    def __init__(self, doc, words: Words) -> None:
        self.doc = doc
        self.words = words
        text = doc.text
        # link targets and Markdown marks become spaces: offsets stay, names read as prose
        masked = LINK_TARGET.sub(lambda m: " " * len(m.group()), text)
        masked = regex.sub(r"[\[\]*_#>]", " ", masked) if doc.markdown or "](" in text else masked
        self.text = masked
        self.index = context_of(doc).index
        self.paras = paragraphs(masked)
        self.sents: list[list[tuple[int, int]]] = [sentences(masked, a, b) for a, b in self.paras]
        self.quotes = [quote_spans(text, a, b) for a, b in self.paras]
        self.mentions: list[list[Mention]] = [self._mentions(a, b) for a, b in self.paras]
        self._genders()

    # -- persons and institutions ---------------------------------------------------------------
    def _entity(self, form: str):
        entity = self.index.exact.get(form)
        if entity is None and form[:3] in ("Al-", "El-"):
            entity = self.index.exact.get(form[0].lower() + form[1:])
        return entity

    def _mentions(self, a: int, b: int) -> list[Mention]:
        text = self.text
        found: list[Mention] = []
        covered: list[tuple[int, int]] = []
        territories = cldr_territories()
        sent_starts = {s for s, _ in sentences(text, a, b)}
        for run in runs(text[a:b]):
            tokens = list(run.tokens)
            k = 0
            while k < len(tokens):
                hit = None
                for j in range(len(tokens), k, -1):
                    form = " ".join(t.text for t in tokens[k:j])
                    entity = self._entity(form)
                    if entity is not None:
                        hit = (j, entity, form)
                        break
                    if form in territories or ("the " + form) in territories:
                        hit = (j, None, form)
                        break
                if hit is None:
                    k += 1
                    continue
                j, entity, form = hit
                s, e = a + tokens[k].start, a + tokens[j - 1].end
                if (entity is None or entity.kind != "person") and j < len(tokens) \
                        and self._person_like([t.text for t in tokens[k:]], s, a + tokens[-1].end):
                    # "Sofia Marchetti" is a dancer, not the capital of Bulgaria
                    e = a + tokens[-1].end
                    name = " ".join(t.text for t in tokens[k:])
                    found.append(Mention(s, e, "person", name, None, name))
                    covered.append((s, e))
                    break
                given = tokens[k - 1].text if k else ""
                if entity is not None and entity.kind == "person" and given and not given.isupper() \
                        and not self.words.pattern.fullmatch(given) and given not in TITLE_FEMALE \
                        and given not in TITLE_MALE and given not in ("Prime", "Vice", "Deputy") \
                        and not any(given == t for t in entity.name.split()):
                    # "Dilek İmamoğlu" is not "Ekrem İmamoğlu": another person of the same family name
                    # (unless the given name is a pivot's respelling of this one's: "Seleste Saulo")
                    s0 = a + tokens[0].start
                    found.append(self._respelled(s0, e, [t.text for t in tokens[:j]]))
                    covered.append((s0, e))
                    k = j
                    continue
                if entity is not None and entity.kind == "person":
                    found.append(Mention(s, e, "person", entity.name, entity.gender, entity.name,
                                         entity.gender is not None))
                elif not self._modifier(s, e, place=entity is None or entity.kind == "place"):
                    country = entity is None or entity.kind != "place" or form in territories
                    # a city may be a family name ("Toyama scored eight goals"): only a suggestion
                    found.append(Mention(s, e, "institution", form, None, form, country))
                covered.append((s, e))
                k = j
        # people the gazetteer does not know
        for run in runs(text[a:b]):
            tokens = self._trim(list(run.tokens), a)
            s, e = a + tokens[0].start, a + tokens[-1].end
            if any(cs < e and s < ce for cs, ce in covered):
                continue
            words = [t.text for t in tokens]
            if all(regex.fullmatch(r"\p{Lu}\p{Lu}{1,2}|\p{Lu}\p{Ll}\p{Lu}", w) for w in words) \
                    or all(regex.fullmatch(r"\p{Lu}[\p{Lu}\p{Ll}]?\p{Lu}{1,5}", w) for w in words) and self.index.exact.get(" ".join(words)):
                if not self._modifier(s, e, place=False):
                    found.append(Mention(s, e, "institution", " ".join(words), None, " ".join(words), True))
                continue
            if s in sent_starts or self._sentence_initial(s):
                # a capital that only opens a sentence: a name only if it is rare, or the surname
                # of a person named elsewhere in the text (resolved in _genders)
                if len(words) == 1:
                    if zipf(words[0]) < 3.0 or (looks_like_given_name(words[0]) and self._speaks(e)):
                        found.append(Mention(s, e, "person", words[0], None, words[0]))
                    elif zipf(words[0]) < 5.0:
                        found.append(Mention(s, e, "person?", words[0], None, words[0]))
                    continue
            if self._person_like(words, s, e):
                found.append(self._respelled(s, e, words))
        # role nouns, gendered nouns and institution nouns
        for m in self.words.pattern.finditer(text, a, b):
            s, e = m.start(), m.end()
            if any(cs <= s and e <= ce for cs, ce in covered):
                continue
            if m.group("inst"):
                if not self._modifier(s, e, place=False, noun=True):
                    found.append(Mention(s, e, "institution", m.group().lower(), None, m.group(), True))
                continue
            gender = "female" if m.group("fem") else "male" if m.group("masc") else None
            word = m.group()
            if word in TITLE_FEMALE or word in TITLE_MALE or word.rstrip(".") in ("Mr", "Mrs", "Ms"):
                if self._next_is_name(e):
                    continue  # an honorific before a name: evidence for that name (see _genders)
            if self._attached(s, e, found):
                continue
            if not DETERMINED.search(text, max(a, s - 60), s):
                continue  # "running for governor", "served as minister": no one in particular
            found.append(Mention(s, e, "person", word.lower() + f"@{s}", gender, word))
        found.sort(key=lambda x: x.start)
        return found

    def _respelled(self, s: int, e: int, words: list[str]) -> Mention:
        """A person the gazetteer does not know as written: a pivot's respelling of one it knows
        ("Song Mi-ryeong" for Song Mi-ryung) has that person's sex, sure enough for an edit only
        when the spelling differs in the ways a pivot makes (a looser match: a suggestion)."""
        name = " ".join(words)
        core = list(words)
        while len(core) > 2 and (self.words.pattern.fullmatch(core[0]) or
                                 (zipf(core[0]) >= 4.0 and not is_known_name(core[0]))):
            core.pop(0)  # "Agriculture Minister Song Mi-ryeong": the name after the title
        # a family name in capitals ("YOON Young-bin") is looked up as it is written in prose
        core = [w.capitalize() if len(w) > 2 and w.isupper() else w for w in core]
        match = self.index.lookup(tuple(core)) if len(core) > 1 else None
        if match is None or match.entity.kind != "person" or match.entity.gender is None \
                or match.tier == "guess":
            return Mention(s, e, "person", name, None, name)
        entity = match.entity
        return Mention(s, e, "person", entity.name, entity.gender, name, match.tier != "near")

    def _trim(self, tokens: list, base: int) -> list:
        """A run without the capitalized word that only opens its sentence ("The AfD")."""
        while len(tokens) > 1 and (tokens[0].text in ("The", "A", "An") or (
                self._sentence_initial(base + tokens[0].start) and zipf(tokens[0].text) >= 4.5
                and not looks_like_given_name(tokens[0].text))):
            tokens = tokens[1:]
        return tokens

    def _sentence_initial(self, s: int) -> bool:
        before = self.text[max(0, s - 4):s]
        return s == 0 or bool(regex.search(r"(?:^|[.!?…:\n][\"'”’»)]*)\s*[\"'“‘«(]*$", self.text[max(0, s - 6):s])) \
            or before.endswith("\n")

    def _speech_after(self, e: int) -> int | None:
        """Where the verb of speech the person ending at ``e`` is the subject of ends ("Saulo,
        said", "Maharani also told", "X, the minister, said"), or None."""
        m = regex.match(r"(?:[’']s?)?\s*(?:,[^,.;:!?\n]{1,80},|,)?\s+(?:also\s+|later\s+|then\s+)?(\p{Ll}+)\b",
                        self.text[e:e + 120])
        return e + m.end() if m and m.group(1) in SPEECH else None

    def _bound_speaker(self, p: int, person: Mention, at: int, lower: str) -> Mention | None:
        """The person whose verb of speech the pronoun at ``at`` directly follows in one sentence,
        as the owner of what the speaker represents ("Sharon Garin said his country", "X told
        reporters that her government"), or None. ("Garin said his plan" may be the last man's.)"""
        if lower not in ("his", "her") or self._sentence_start(p, person.start) != self._sentence_start(p, at):
            return None
        verb = self._speech_after(person.end)
        if verb is None or verb > at or not regex.fullmatch(r"(?:\s+(?:reporters|journalists))?(?:\s+that)?\s+", self.text[verb:at]):
            return None
        owned = regex.match(r"\p{L}+\s+(\p{Ll}+)", self.text[at:at + 40])
        return person if owned and owned.group(1) in REPRESENTED else None

    def _says(self, e: int) -> bool:
        """Is the word after ``e`` a verb of speech ("she added")? (Not any past tense: "she sailed".)"""
        nxt = regex.match(r"\s+(?:also\s+)?(\p{Ll}+)", self.text[e:e + 30])
        return bool(nxt) and nxt.group(1) in SPEECH

    def _speaks(self, e: int) -> bool:
        nxt = regex.match(r"[’']?s?,?\s+(\p{Ll}+)", self.text[e:e + 30])
        return bool(nxt) and (nxt.group(1) in SPEECH or nxt.group(1).endswith("ed"))

    def _person_like(self, words: list[str], s: int, e: int) -> bool:
        """A name the gazetteer does not know: a given name with a rare word, rare words after a
        title, or two or more rare capitalized words that name no institution."""
        inst = self.words.pattern
        if any(inst.fullmatch(w) and inst.fullmatch(w).group("inst") for w in words):
            return False
        titled = False
        while len(words) > 1 and (inst.fullmatch(words[0]) or words[0] in TITLE_FEMALE or words[0] in TITLE_MALE
                                  or words[0] in ("Prime", "Vice", "Deputy", "Foreign", "Defence", "Defense")):
            words, titled = words[1:], True  # "Senator Tammy Okafor", "Prime Minister X"
        if titled and zipf(words[0]) < 4.5:
            return True
        if all(w.isupper() for w in words):
            return False  # an acronym
        if len(words) >= 2 and looks_like_given_name(words[0]) and not words[-1].isupper():
            return True  # "Maria Sanchez"
        if len(words) >= 2 and zipf(words[-1]) < 3.0 and zipf(words[0]) < 4.5:
            return True  # "Andrea Orcel", "Kang Yu-jung"
        before = self.text[max(0, s - 30):s]
        role = regex.search(r"(\p{L}+)[ ,]*$", before)
        if role and self.words.pattern.fullmatch(role.group(1)) and \
                self.words.pattern.fullmatch(role.group(1)).group("role") and zipf(words[0]) < 4.0:
            return True
        if len(words) == 1 and looks_like_given_name(words[0]) and zipf(words[0]) < 3.5:
            return True
        if len(words) == 1 and zipf(words[0]) < 2.5 and self._speaks(e):
            return True
        return False

    def _modifier(self, s: int, e: int, *, place: bool, noun: bool = False) -> bool:
        """Does the name or noun at [s, e) only modify something else, so that no pronoun refers
        to it ("the government's plan", "ministry spokesperson", "leader of the party", "in Tokyo",
        "state television", "her country")?"""
        text = self.text
        after = text[e:e + 40]
        if regex.match(r"[’']s?\b", after):
            return True
        nxt = regex.match(r" (\p{Ll}[\p{L}-]*)", after)
        title = regex.match(r" (\p{L}[\p{L}-]*)", after)
        if title:
            w = title.group(1)
            hit = self.words.pattern.fullmatch(w)
            if hit and (hit.group("role") or hit.group("fem") or hit.group("masc")):
                return True
        before = text[max(0, s - 50):s]
        prev = regex.search(r"(\p{L}+)\s+(?:of|at|in|for)\s+(?:the\s+)?(?:[\p{Lu}][\p{L}-]*\s+)*$", before)
        if prev:
            hit = self.words.pattern.fullmatch(prev.group(1))
            if hit and (hit.group("role") or hit.group("fem") or hit.group("masc")):
                return True
        word = regex.search(r"(\p{L}+)\s+(?:[\p{Lu}][\p{L}-]*\s+)*$", before)
        last = word.group(1).lower() if word else ""
        adj = regex.search(r"(\p{L}+)\s+(?:\p{Ll}+ern|central|rural|occupied|eastern|western|southern|northern)\s+$", before)
        if place and adj and adj.group(1).lower() in LOCATIVE:
            return True  # "in southern Spain"
        if place and (last in LOCATIVE or last in PREPOSITIONS or last in ("a", "an")):
            return True  # "in Tokyo", "a Tokyo court"
        if noun and last in ("his", "her", "their", "my", "our", "your"):
            return True  # "her country", "his party": said of a person
        return False

    def _next_is_name(self, e: int) -> bool:
        return bool(regex.match(r"\.?\s+\p{Lu}", self.text[e:e + 4]))

    def _attached(self, s: int, e: int, found: list[Mention]) -> bool:
        """Is the role or gendered noun at [s, e) said of a person named next to it (a title, an
        apposition: "Finance Minister X", "X, the chairwoman of", "the spokesperson, X,")?"""
        text = self.text
        for m in found:
            if m.kind != "person":
                continue
            if m.start >= e and m.start - e <= 60:
                between = text[e:m.start]
                if not regex.search(r"[.;:!?]|\b(?:\p{Ll}+ed|said|says|told|has|had|is|was|and|who|which)\b", between):
                    return True  # "Finance Minister X", "the spokesperson for the ministry, X"
                if regex.fullmatch(r"\s+(?:of|for)\s+[^,.;:!?“”\"]{1,50},\s*", between):
                    return True  # "the minister of culture and information, X"
            if s >= m.end and s - m.end <= 60:
                between = text[m.end:s]
                if regex.match(r"[’']?s?,?\s*(?:(?:the|a|an|who is|who was|his|her|its)\s+)?(?:[\p{L}-]+\s+){0,5}$",
                               between) and not regex.search(r"[.;:!?]|\b(?:said|says|told|met|and)\b", between):
                    return True
        return False

    def _genders(self) -> None:
        """A person's gender: the gazetteer's, or a gendered word attached to the name anywhere in the
        document; with conflicting evidence, unknown."""
        evidence: dict[str, set[tuple[str, bool]]] = {}
        text = self.text
        pattern = self.words.pattern
        for ms in self.mentions:
            for m in ms:
                if m.kind != "person" or "@" in m.key:
                    continue
                before = text[max(0, m.start - 50):m.start]
                after = text[m.end:m.end + 60]
                found = set()
                t = regex.search(r"(\p{L}+)\.?\s*$", before)
                # Mr/Ms is only as good as the translation (Japanese "-san" comes out as either):
                # enough for a suggestion, not for an edit
                if t and t.group(1) in TITLE_FEMALE:
                    found.add(("female", False))
                elif t and t.group(1) in TITLE_MALE and t.group(1) != "M":
                    found.add(("male", False))
                near = regex.search(r"(?<!\b(?:and|or|&)\s+)(\p{L}+)(?:\s+\p{Lu}[\p{L}-]*)*,?\s*$", before)
                if regex.match(r"\s+(?:and|or|&)\s+\p{Lu}", after):
                    near = None  # "husband and wife Atli Bollason and Ásrún Magnúsdóttir"
                a = regex.match(r"[’']?,\s*(?:the|a|an)\s+(?:[\p{L}-]+\s+){0,4}?(\p{L}+)\b", after)
                for w in (near.group(1) if near else None, a.group(1) if a else None):
                    if not w or w.lower() in WEAK_EVIDENCE:
                        continue  # "Irish man Guðbjörg Jóna Bjarnadóttir": an MT slip, not a sex
                    hit = pattern.fullmatch(w)
                    if hit and hit.group("fem"):
                        found.add(("female", True))
                    elif hit and hit.group("masc"):
                        found.add(("male", True))
                if found:
                    evidence.setdefault(m.key, set()).update(found)
        surnames: dict[str, Mention] = {}
        shared: set[str] = set()
        for ms in self.mentions:
            for m in ms:
                if m.kind == "person" and " " in m.key and "@" not in m.key:
                    last = m.key.split()[-1]
                    if last in surnames and surnames[last].key != m.key:
                        shared.add(last)  # two people of one family name: "İmamoğlu" alone is either
                    surnames.setdefault(last, m)
        for last in shared:
            del surnames[last]
        for i, ms in enumerate(self.mentions):
            out = []
            for m in ms:
                if m.kind == "person?":
                    if m.key not in surnames:
                        continue
                    m = Mention(m.start, m.end, "person", m.key, None, m.label)
                if m.kind == "person" and "@" not in m.key:
                    key, gender, sure = m.key, m.gender, m.sure
                    if " " not in key and key in surnames and gender is None:
                        full = surnames[key]
                        key, gender, sure = full.key, full.gender, full.sure  # "Koizumi" after "Shinjiro Koizumi"
                    ev = evidence.get(key, set()) | evidence.get(m.key, set())
                    sexes = {g for g, _ in ev}
                    if sexes:
                        if gender is None and len(sexes) == 1:
                            gender = next(iter(sexes))
                            sure = any(strong for _, strong in ev)
                        elif gender is not None and sexes != {gender}:
                            gender, sure = None, False
                    m = Mention(m.start, m.end, m.kind, key, gender, m.label, sure)
                out.append(m)
            self.mentions[i] = out

    # -- the verdict ----------------------------------------------------------------------------
    def pronouns(self):
        text = self.doc.text
        for p, (a, b) in enumerate(self.paras):
            for m in PRONOUN.finditer(text, a, b):
                yield p, m

    def window(self, p: int, at: int) -> tuple[int, list[Mention]]:
        sents = self.sents[p]
        k = next((i for i, (s, e) in enumerate(sents) if s <= at < e), len(sents) - 1)
        lo = sents[k][0]
        mentions = self.mentions[p]
        for back in range(0, 4):
            i = k - back
            if i < 0:
                break
            lo = sents[i][0]
            if back >= 1 and any(lo <= m.start and m.end <= at for m in mentions):
                break
        found = [m for m in mentions if lo <= m.start and m.end <= at]
        if not found and k == 0 and p > 0:
            return self._carried_over(p, at)
        return lo, found

    def _carried_over(self, p: int, at: int) -> tuple[int, list[Mention]]:
        """A pronoun that opens a paragraph with no one named before it in the paragraph: news
        paragraphs are a sentence or two ("Koizumi told reporters ...\n\nHe added that"), so the
        window goes on into the paragraph before, a prose one (not a heading, caption or credit),
        and back to the nearest of its last three sentences that names someone. Only persons are
        carried over: an institution there is no rival the pronoun should not have."""
        head = (self.paras[p][0], at)
        if self._unexplained_names(*head, []) or any(
                w.group("role") or w.group("fem") or w.group("masc")
                for w in self.words.pattern.finditer(self.text, *head)):
            return self.paras[p][0], []  # "Mrs Ortiz says her plan": someone is there, named or not
        a, b = self.paras[p - 1]
        last = self.text[a:b].rstrip()
        if last.lstrip().startswith(("#", "!", "|")) or not regex.search(r"[.!?…][\"'”’»)*_]*$", last):
            return self.paras[p][0], []
        sents = self.sents[p - 1]
        mentions = self.mentions[p - 1]
        lo = a
        for back in range(1, 4):
            if back > len(sents):
                break
            lo = sents[-back][0]
            if any(lo <= m.start for m in mentions):
                break
        found = [m for m in mentions if lo <= m.start]
        if not any(m.kind == "person" for m in found):
            return self.paras[p][0], []
        return lo, found

    def verdict(self, p: int, m: regex.Match) -> Verdict | None:
        text = self.doc.text
        word = m.group(1)
        lower = word.lower()
        at = m.start(1)
        lo, cands = self.window(p, at)
        quotes = self.quotes[p] + (self.quotes[p - 1] if lo < self.paras[p][0] else [])
        quoted = inside(quotes, at, m.end(1))
        if not quoted:  # a place named in a quotation is not what the narrative's pronoun means
            cands = [c for c in cands if c.kind == "person" or not inside(quotes, c.start, c.end)]
        persons = [c for c in cands if c.kind == "person"]
        insts = [c for c in cands if c.kind == "institution"]
        span = text[lo:at]
        if lower in ("they", "them", "their"):
            return self._plural(word, at, persons, insts, quoted, span)
        gender = GENDER_OF[lower]
        if gender == "female" and VESSELS.search(text, self.paras[p][0], self.paras[p][1]) \
                and not self._says(m.end(1)):
            return None  # a ship is "she"; a ship that "added" or "told reporters" is not one
        same = [x for x in PRONOUN.finditer(span) if GENDER_OF.get(x.group(1).lower()) == gender]
        keys = {c.key for c in persons}
        if same:
            return None  # "Asked about Meloni, he was generous. He said": the same someone else
        if persons and quoted:
            return None  # in a quotation "he" is seldom the speaker, who would say "I"
        if persons:
            if any("@" in c.key for c in persons):
                return None  # "the husband", "a young woman", "the president": a referent without a name
            speaker = self._bound_speaker(p, persons[-1], at, lower)
            if speaker is not None:
                # "Sharon Garin said his country would join": the pronoun right after the speaker's
                # verb is the speaker's, whoever the sentence before named
                persons, keys = [speaker], {speaker.key}
            if any(c.gender == gender for c in persons) or persons[-1].gender is None:
                return None  # a candidate agrees, or the nearest person's sex is not known
            sentence_start = self._sentence_start(p, at)
            if len(persons) == 1 and persons[0].start >= sentence_start and self._after_preposition(persons[0].start):
                return None  # "Asked about Giorgia Meloni, he was generous": he is someone else
            want = {c.gender for c in persons if c.gender}
            if len(want) != 1:
                return None
            (target,) = want
            repl = self._form(text, m, target)
            if repl is None:
                return None
            unknown = any(c.gender is None for c in persons)
            # "him"/"her" as an object rarely means the subject of its own clause ("Orcel said he
            # would lend her money"): only suggested
            object_pronoun = lower == "him" or (lower == "her" and repl.lower() == "him")
            # an institution after a preposition ("criteria set by the court", "with a single
            # chamber") is seldom what the next subject pronoun means; one a verb governs is
            # ("told the committee of the Knesset that ... She will be dissolved")
            rivals = [c for c in insts if not self._after_preposition(c.start)]
            # an institution that is not the subject of its sentence ("the party's candidate Zoe
            # Konstantopoulou ... he said") competes less than the person that is: a pronoun that
            # opens a sentence or a clause most often continues the last sentence's subject
            # (centering). Such rivals are set aside when the person opens its sentence and no
            # rival opens one after it.
            if rivals and lower in ("he", "she", "his") and self._opens_sentence(p, persons[-1].start) \
                    and not any(c.start > persons[-1].start and self._opens_sentence(p, c.start) for c in rivals) \
                    and not any(self._opens_sentence(p, c.start) and c.start < persons[-1].start
                                and self._sentence_start(p, c.start) == self._sentence_start(p, at) for c in rivals):
                rivals = []
            # the speaker's own words: "Puan Maharani said his party supported the request" (the
            # pronoun in what the person said), "Yoon Young-bin said that the agency would ...
            # She told reporters" (the next sentence's speaker, when the last one's was this
            # person): institutions inside the report are what was said, not who says it
            if rivals and lower in ("he", "she", "his", "her") and len(keys) == 1:
                speaker = persons[-1]
                verb = self._speech_after(speaker.end)
                if verb is not None and verb <= at and (
                        self._sentence_start(p, speaker.start) == self._sentence_start(p, at)
                        or (lower in ("he", "she") and self._opens_sentence(p, at) and self._says(m.end(1)))):
                    rivals = [c for c in rivals if c.start < speaker.start]
            safe = (len(keys) == 1 and not unknown and not rivals and not same and not quoted
                    and all(c.sure for c in persons)
                    and not object_pronoun and lower not in ("hers", "herself", "himself")
                    and not any(self._after_preposition(c.start) for c in persons))
            why = self._why(persons + insts, gender, quoted, same)
            return Verdict(repl, safe, why, persons + insts)
        if insts:
            repl = self._form(text, m, None)
            if repl is None or repl.lower() == "its":
                return None  # "his body", "her husband": a possessive is a person's far more often
            earlier = [c for c in self.mentions[p] if c.kind == "person" and c.end <= at]
            earlier += self._persons_before_paragraph(p, lo)
            if any(c.gender in (None, gender) for c in earlier):
                return None  # the person named before may be who "he" means
            opens = any(s0 == at for s0, _ in self.sents[p]) or not text[self._sentence_start(p, at):at].strip()
            after_quote = not opens and bool(regex.search(r"[”\"»’],?\s*$", text[max(lo, at - 4):at]))
            for w in self.words.pattern.finditer(self.text, self.paras[p][0], at):
                if w.group("role") or w.group("fem") or w.group("masc"):
                    return None  # "Player KR says he wants to leave": a person is there, named or not
            subjects = [c for c in insts if not self._after_preposition(c.start)]
            if not subjects:
                return None  # "In an interview with broadcaster NHK, he said": he is the interviewee
            tail = self._tail(p, self.sents[p][0][0])
            if self._unexplained_names(self.paras[p][0], at, insts):
                return None  # a name the gazetteer does not know may be a person
            del tail
            opening = [c for c in subjects if regex.fullmatch(
                r"\s*[\"“‘(]*(?:(?:The|the|Its|its)\s+)?(?:[\p{L}’'-]+\s+){0,2}",
                text[self._sentence_start(p, c.start):c.start])]
            safe = bool(opening) and all(c.sure for c in insts) and not quoted and not after_quote and not same and not earlier and lower in ("he", "she") \
                and not self._pronoun_before_paragraph(p, lo) and not self._unexplained_names(lo, at, insts)
            why = self._why(insts, gender, quoted, same) + ("; a person is named earlier in the paragraph"
                                                            if earlier else "")
            return Verdict(repl, safe, why, insts)
        return None

    def _opens_sentence(self, p: int, start: int) -> bool:
        """Does the mention at ``start`` open its sentence, after at most a title or two ("Finance
        Minister Satsuki Katayama said", "The Knesset voted")? Then it is that sentence's subject."""
        return bool(regex.fullmatch(r"\s*[\"“‘(]*(?:(?:The|the|Its|its)\s+)?(?:[\p{L}’'-]+\s+){0,2}",
                                    self.text[self._sentence_start(p, start):start]))

    def _sentence_start(self, p: int, at: int) -> int:
        if at < self.paras[p][0] and p > 0:  # a mention carried over from the paragraph before
            p -= 1
        return next((s0 for s0, e0 in self.sents[p] if s0 <= at < e0), self.paras[p][0])

    def _after_preposition(self, start: int) -> bool:
        """Is the name at ``start`` the object of a preposition ("Asked about Giorgia Meloni",
        "with Governor Yuriko Koike")? Then it is seldom what a later subject pronoun means."""
        before = self.text[max(0, start - 80):start]
        before = regex.split(r"[.!?…]\s|\n", before)[-1]  # this sentence only
        words = regex.findall(r"[\p{L}.’'-]+|[^\s\p{L}]", before)
        while words and words[-1][:1].isupper():
            words.pop()  # titles and names before it: "Tokyo Governor"
        lower = 0
        while words and lower < 3:
            w = words.pop().lower()
            if w in PREPOSITIONS:
                return True
            if w in ("the", "a", "an"):  # "by the court"; not "to recognise the parliament"
                return bool(words) and words[-1].lower() in PREPOSITIONS
            if w.isalpha() and w not in FUNCTION_WORDS:
                lower += 1  # "with broadcaster NHK", "about the former president"
                continue
            return False
        return False

    def _unexplained_names(self, lo: int, at: int, insts: list[Mention]) -> bool:
        """Is there a capitalized word in [lo, at) that is neither a known institution nor a word that
        only opens its sentence? (A person the gazetteer does not know may be the referent.)"""
        for run in runs(self.text[lo:at]):
            tokens = self._trim(list(run.tokens), lo)
            s, e = lo + tokens[0].start, lo + tokens[-1].end
            if any(c.start <= s and e <= c.end and (c.kind == "institution" or c.gender)
                   for ms in self.mentions for c in ms if c.start <= s):
                continue  # an institution, or a person whose sex is known
            words = [t.text for t in tokens]
            if len(words) == 1 and (words[0] in CALENDAR or (zipf(words[0]) >= 4.0 and not is_known_name(words[0]))):
                continue  # "Monday", "European", "Earlier"
            if len(words) == 1 and self._sentence_initial(s) and zipf(words[0]) >= 3.5 and not is_known_name(words[0]):
                continue  # "The", "In", "Arrivals"
            if self.words.pattern.fullmatch(words[-1]) and self.words.pattern.fullmatch(words[-1]).group("inst"):
                continue  # "the National Security Bureau"
            if len(words) == 1 and self.words.pattern.fullmatch(words[0]):
                continue  # "Parliament", "President" alone
            if all(w.isupper() and len(w) <= 3 for w in words):
                continue  # "EU", "CHP"; "EMVAPE" may be a name in capitals
            return True
        return False

    def _tail(self, p: int, lo: int) -> int | None:
        if lo != self.sents[p][0][0] or p == 0:
            return None
        return self.sents[p - 1][-1][0]  # the last sentence of the paragraph before

    def _persons_before_paragraph(self, p: int, lo: int) -> list[Mention]:
        """When the window starts its paragraph, a person at the end of the paragraph before may be
        the referent ("never across a paragraph break past a person")."""
        tail = self._tail(p, lo)
        if tail is None:
            return []
        return [c for c in self.mentions[p - 1] if c.kind == "person" and c.start >= tail
                and (c.gender or self.index.exact.get(c.key) or looks_like_given_name(c.key.split()[0]))]

    def _pronoun_before_paragraph(self, p: int, lo: int) -> bool:
        tail = self._tail(p, lo)
        return tail is not None and bool(
            regex.search(r"\b(?:he|she|him|his|her)\b", self.text[tail:self.paras[p - 1][1]], regex.I))

    def _plural(self, word, at, persons, insts, quoted, span) -> Verdict | None:
        """A plural of respect ("they" for one person) is only ever suggested."""
        if word.lower() != "they" or len({c.key for c in persons}) != 1 or insts or quoted:
            return None
        (person,) = {c.key: c for c in persons}.values()
        if person.gender is None:
            return None
        if regex.search(r"\b(?:they|them|their|we|us|our)\b", span, regex.I) or PLURAL.search(span):
            return None  # "the largest protests ... They began": a plural is there
        repl = SUBJECT[person.gender]
        repl = repl.capitalize() if word[0].isupper() else repl
        return Verdict(repl, False, f"a plural of respect? the only person before it is {person.label}",
                       [person])

    def _form(self, text: str, m: regex.Match, target: str | None) -> str | None:
        word = m.group(1)
        lower = word.lower()
        nxt = regex.match(r"\s+([\p{L}][\p{L}'’-]*)", text[m.end(1):m.end(1) + 40])
        determiner = bool(nxt) and nxt.group(1).lower() not in FUNCTION_WORDS and nxt.group(1)[0].islower()
        if target is None:  # an institution
            if lower in ("he", "she"):
                out = "it"
            elif lower == "his" or (lower == "her" and determiner):
                out = "its"
            elif lower in ("him", "her"):
                out = "it"
            elif lower in ("himself", "herself"):
                out = "itself"
            else:
                return None
        elif target == "male":
            out = {"she": "he", "herself": "himself", "hers": "his"}.get(lower)
            if lower == "her":
                out = "his" if determiner else "him"
        else:
            out = {"he": "she", "him": "her", "himself": "herself"}.get(lower)
            if lower == "his":
                out = "her" if determiner else "hers"
        if out is None:
            return None
        return out.capitalize() if word[0].isupper() else out

    @staticmethod
    def _why(cands: list[Mention], gender: str, quoted: bool, same) -> str:
        names = ", ".join(dict.fromkeys(f"{c.label} ({c.gender or 'it' if c.kind == 'institution' else c.gender or '?'})"
                                        for c in cands))
        notes = []
        if quoted:
            notes.append("inside a quotation")
        if same:
            notes.append(f"another {'female' if gender == 'female' else 'male'} pronoun is nearby")
        return "candidates: " + names + (f" ({'; '.join(notes)})" if notes else "")


def analysis(doc, words: Words) -> Analysis:
    key = ("coref", id(words))
    if key not in doc.cache:
        doc.cache[key] = Analysis(doc, words)
    return doc.cache[key]


@lru_cache(maxsize=8)
def load_words(extra_institutions: tuple[str, ...] = ()) -> Words:
    """The vocabularies in rules/lexicon/referents.toml, plus a rule's own institutions."""
    import tomllib


    with open(rules_dir() / "lexicon" / "referents.toml", "rb") as f:
        data = tomllib.load(f)
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return Words(lower(list(data["institutions"]) + list(extra_institutions)), lower(data["roles"]),
                 lower(data["female"]), lower(data["male"]))
