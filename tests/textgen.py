"""Text for the property tests: real fragments, damage the rules repair, Unicode that is easy to
split, and Markdown whose protected spans (code, URLs, front matter, suppressed regions) carry
damage that must survive.

The real text comes from the repository's own data, globbed when the tests run, so articles added
to ``tests/data/`` or ``seeds/`` are covered without touching this module.
"""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import strategies as st

from cleaner.base.resources import bundled_packs
from cleaner.packs.loading import load_packs

ROOT = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def data_files() -> list[Path]:
    """Every text file under seeds/ and tests/data/, sorted (read at test time)."""
    files = [p for base in (ROOT / "seeds", ROOT / "tests" / "data") if base.is_dir()
             for p in base.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES]
    return sorted(files)


def is_correct_text(path: Path) -> bool:
    """Files that are correct text by the data's own naming: gold versions and clean articles."""
    return path.name.endswith(".gold.txt") or "clean" in path.relative_to(ROOT).parts


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Damage that the bundled rules repair: every incorrect example of every bundled rule, plus
# fragments seen in real machine-translated articles.
_RULES = [r for p in load_packs(bundled_packs()) for r in p.rules]
DAMAGE = sorted({ex.input for r in _RULES for ex in r.examples if ex.output is not None} | {
    "according to the newspaper Hindu– When it rains",
    "the Institute –he explained",
    "We donâ€™t know.",
    "The cafÃ© and the naÃ¯ve crÃ¨me",
    "â€œQuotedâ€\x9d text",
    "a Think tank Al-Suwaidi",
    "Alexander Kazakov\n\nReuters/Sputnik",
    "Yuri Ushakov and Vladimir Putin during the meeting.\n\nYuri Ushakov and Vladimir Putin during the meeting.",
})
CORRECT = sorted({ex.input for r in _RULES for ex in r.examples if ex.output is None})

WORDS = (
    "the a of and to in that said minister newspaper think tank Al-Suwaidi Hindu When when which "
    "Reuters AFP Sputnik Photo: via Getty Images Kyiv Kiev Putin India talks agreement I it organized "
    "analyst expert Mr. Ms. Dr. U.S. E.U. 1990 2000 5 % $ € 3.5 km ok OK e.g. i.e."
).split()

# Characters and sequences that are easy to split: combining marks, joiners, emoji sequences,
# regional-indicator flags, decomposed Hangul, Indic conjuncts, surrogates (a Python str can hold
# them: a pair written as two code points, or a lone half), line-break variants.
NASTY = [
    "e\u0301", "\u0301", "\u0308\u0301", "a\u0323\u0302", "👩\u200d💻", "👍🏽", "🇫🇷", "🇫🇷🇩🇪", "\u200d",
    "\u200b", "\ufeff", "\u00a0", "\u202f", "\u1100\u1161\u11a8", "क्ष", "ि", "العربية", "Ω", "ß",
    "\ud83d\ude00", "\ud83d", "\ude00", "\r", "\r\n", "\n", "\n\n", "\t", "–", "—", "-", "“", "”",
    "‘", "’", "«", "»", "…", "Â", "Ã", "â€", "\x00", "\x1b", "\u2028", "\u2029", "\x85",
]

SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "", " – ", "– ", " –", ", ", ". "]


def _join(parts_and_seps: list[tuple[str, str]]) -> str:
    return "".join(p + s for p, s in parts_and_seps)


token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(DAMAGE),
    st.sampled_from(CORRECT),
    st.sampled_from(NASTY),
    st.text(max_size=4),
)

#: Free text: words, damage, correct examples and hard Unicode, in any order and spacing.
prose = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=30).map(_join)


@st.composite
def real_text(draw) -> str:
    """A window of a real article, perhaps with damage spliced in and line endings changed."""
    files = data_files()
    text = read(draw(st.sampled_from(files)))
    size = draw(st.integers(0, 1500))
    start = draw(st.integers(0, max(0, len(text) - size)))
    text = text[start:start + size]
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(DAMAGE), st.sampled_from(NASTY))) + text[at:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


@st.composite
def damage_with_nasty(draw) -> str:
    """Damage with hard Unicode glued into it at any offset (no separator): a combining accent
    after a mojibake sequence, a joiner before a dash, half a surrogate pair inside a word."""
    text = draw(st.sampled_from(DAMAGE))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NASTY)) + text[at:]
    return text


# Markdown: blocks that must never be edited, each carrying damage inside.
def _protected_block(damage: str, kind: str) -> str:
    one_line = damage.replace("\r", " ").replace("\n", " ")
    return {
        "fence": f"```\n{damage}\n```",
        "tilde": f"~~~~ text\n{damage}\n~~~~",
        "indented": "    " + one_line,
        "inline": f"Prose with `{one_line}` in it.",
        "url": "See https://example.com/" + regex.sub(r"\s+", "_", one_line) + " today.",
        "link": "A [link](https://example.com/" + regex.sub(r"[\s()]+", "_", one_line) + ") here.",
        "comment": f"<!-- {one_line} -->",
        "off": f"<!-- cleaner: off -->\n{damage}\n<!-- cleaner: on -->",
        "ignore": f"<!-- cleaner: ignore -->\n{one_line}",
    }[kind]


#: What each protected block kind must keep verbatim (the whole block).
BLOCK_KINDS = ["fence", "tilde", "indented", "inline", "url", "link", "comment", "off", "ignore"]

_protected_damage = st.sampled_from([d for d in DAMAGE if "`" not in d and "~~~" not in d])


_LIST_ITEM = regex.compile(r"^(?=[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))", regex.M)


@st.composite
def markdown(draw) -> tuple[str, list[str]]:
    """A Markdown document and the protected blocks it contains (each must survive verbatim)."""
    blocks: list[str] = []
    protected: list[str] = []
    if draw(st.booleans()):
        fm = "---\ntitle: " + draw(_protected_damage).replace("\n", " ") + "\n---"
        blocks.append(fm)
        protected.append(fm)
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            text = draw(prose).replace("`", "'").replace("<", "‹").replace("~~~", "~")
            if text.lstrip(" \t\r\n").startswith(("---", "+++")):
                text = "x " + text
            blocks.append(text)
        else:
            kind = draw(st.sampled_from(BLOCK_KINDS))
            block = _protected_block(draw(_protected_damage), kind)
            if kind == "indented" and blocks and blocks[-1] not in protected and _LIST_ITEM.search(blocks[-1]):
                # after a list item an indented block is the item's next paragraph (CommonMark), not
                # code: the prose before it must not open a list for the block to be protected
                blocks[-1] = _LIST_ITEM.sub("x ", blocks[-1])
            blocks.append(block)
            protected.append(block)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = "\n\n".join(blocks) + "\n"
    if newline == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        protected = [p.replace("\r\n", "\n").replace("\n", "\r\n") for p in protected]
    return text, protected


#: Text with no letters at all: digits, punctuation, symbols, spaces, marks, emoji. "Letter" is
#: \p{L} as the regex module (newer Unicode data than unicodedata) sees it.
_LETTERS = regex.compile(r"\p{L}")
no_letters = st.one_of(
    st.text(st.characters(blacklist_categories=("L",)), max_size=80).map(lambda t: _LETTERS.sub("", t)),
    st.lists(st.tuples(st.sampled_from(["123", "4.5", "–", "—", "-", "“", "”", "’", "…", "%", "$",
                                        "€", "1990–2000", "(", ")", "/", "!", "?", ".", ",", "\u0301",
                                        "👍🏽", "🇫🇷", "12 34 56", "\u00a0"]),
                       st.sampled_from(SEPARATORS)), max_size=40).map(_join),
)


def grapheme_boundaries(text: str) -> set[int]:
    """Offsets where a grapheme cluster starts (and the end), by the regex module's ``\\X``,
    minus any offset between the two halves of a surrogate pair."""
    cuts = {m.start() for m in regex.finditer(r"\X", text)} | {len(text)}
    return {i for i in cuts
            if not (0 < i < len(text) and "\ud800" <= text[i - 1] <= "\udbff" and "\udc00" <= text[i] <= "\udfff")}
