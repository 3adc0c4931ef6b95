"""Layout debris: what page layout leaves behind when an article is copied out of a web page.

Kinds: ``repeated-paragraph`` (a paragraph that exactly repeats the one before it, such as a
photo caption copied twice, loses its second copy) and ``orphan-credit`` (a photo credit such as
"Reuters/Sputnik" alone on a line, with the photographer's name line just before it).

Neither touches what an author meant: a repetition announced by a paragraph that ends with a
colon (a chant, a refrain) stays, and so does a credit whose photo is still there (a Markdown or
HTML image just above it) or that stands right under the headline (a wire byline).
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..base.lazyre import lazy
from ..text.document import Document
from ..text.edits import Edit
from .rule import Kind, Rule

#: the rule kinds this pass implements (cleaner/passes/registry.py gathers them)
KINDS: list[Kind] = []

_WORD = lazy(r"\w*\p{L}\w*")  # a word has a letter: a repeated row of numbers is no caption
_NAME_LINE = lazy(r"^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}$")
# a photo that is still in the text: a Markdown image (inline or by reference) or an HTML one
_IMAGE = lazy(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|<(?:img|picture|figure)\b", regex.I)
_IMAGE_CLOSE = lazy(r"</(?:picture|figure)>|<img\b[^>]*>", regex.I)


def _remove_paragraph(doc: Document, i: int, first: int | None = None) -> tuple[int, int]:
    """Span that deletes paragraphs ``first..i`` with the break before them (or after, at the top)."""
    paras = doc.paragraphs
    first = i if first is None else first
    if first > 0:
        return paras[first - 1][1], paras[i][1]
    if i + 1 < len(paras):
        return paras[first][0], paras[i + 1][0]
    return paras[first][0], paras[i][1]


def _compile_repeated(rule: Rule):
    min_words = rule.params.get("min_words", 3)
    if not isinstance(min_words, int) or min_words < 1:
        raise rule.error("min_words must be a positive integer", "min_words")
    return min_words


def _announced(text: str, paras: list[tuple[int, int]], i: int) -> bool:
    """Does the paragraph before the run of copies that ends at ``i`` end with a colon ("The crowd
    sang again and again:")? Then the repetition is quoted on purpose, not a caption copied twice."""
    body = text[paras[i][0]:paras[i][1]].rstrip()
    j = i
    while j > 0 and text[paras[j - 1][0]:paras[j - 1][1]].rstrip() == body:
        j -= 1
    return j > 0 and text[paras[j - 1][0]:paras[j - 1][1]].rstrip().rstrip("*_").endswith(":")


_EMPHASIS = lazy(r"^[*_]+|[*_]+$")
# what a caption may carry after its text that its plain copy lost: a credit in brackets or after a label
_CAPTION_TAIL = lazy(r"^\s*(?:[(（\[][^()（）\[\]\n]{1,40}[)）\]]|\p{L}[\p{L}.]{1,20}\s*[:：=]\s*\S[^\n]{0,60})$")


def _plain(para: str) -> tuple[str, bool]:
    """The paragraph's text without surrounding emphasis markers, and whether it had them (an
    italic caption line in Markdown)."""
    body = para.strip()
    bare = _EMPHASIS.sub("", body).strip()
    return bare, bare != body


def _copies(prev: str, this: str) -> bool:
    """Is one paragraph a copy of the other: the same words, perhaps one in italics, perhaps one
    keeping the credit the other lost ("*Lecornu on Wednesday. (AFP)*" and "Lecornu on Wednesday.")?"""
    if prev == this:
        return True
    short, long_ = sorted((prev, this), key=len)
    return long_.startswith(short) and bool(_CAPTION_TAIL.match(long_[len(short):]))


def _find_repeated(rule: Rule, doc: Document) -> Iterable[Edit]:
    text, paras = doc.text, doc.paragraphs
    for i in range(1, len(paras)):
        prev, prev_em = _plain(text[paras[i - 1][0]:paras[i - 1][1]])
        this, this_em = _plain(text[paras[i][0]:paras[i][1]])
        if not prev or not _copies(prev, this) or len(_WORD.findall(this)) < rule.compiled \
                or _announced(text, paras, i):
            continue
        # the copy that goes is the plain one: an italic caption line is the caption
        drop = i - 1 if this_em and not prev_em else i
        if drop == i - 1 and i > 1 and _copies(_plain(text[paras[i - 2][0]:paras[i - 2][1]])[0], prev):
            continue  # a run of three: the pair before already removes one
        start, end = _remove_paragraph(doc, drop)
        yield rule.edit(start, end, "", text[start:end])


def _compile_credit(rule: Rule):
    credits = rule.words("credits")
    labels = rule.words("labels", required=False)
    photographer = rule.params.get("photographer", True)
    if not isinstance(photographer, bool):
        raise rule.error("photographer must be true or false", "photographer")
    one = "(?:" + "|".join(regex.escape(c) for c in sorted(credits, key=len, reverse=True)) + ")"
    label = "(?:" + "|".join(regex.escape(c) for c in sorted(labels + ["Photo", "Photograph", "Image", "Picture"],
                                                           key=len, reverse=True)) + ")"
    # a known agency, alone or several joined ("Reuters/Sputnik", "AFP via Getty Images"), after an
    # optional label; or, after a label, any short credit ("Fot. Paweł Supernak/PAP", "사진=연합뉴스");
    # or an agency alone in brackets ("(AP)", "（共同）")
    known = one + r"(?:\s*(?:/|via|,|&|and)\s*" + one + r")*"
    # a credit names someone; a sentence after a label is prose ("Photo: the office said it was old")
    after_label = (r"(?-i:(?![^\n]*\b(?:the|a|an|said|says|was|were|is|are|has|have|had|to|in|on|at|for"
                   r"|that|this|with|by|from|it|he|she|they|we|not|be|been|will|would)\b))"
                   r"[^\s.!?,;:][^\n.!?;]{0,60}?")  # (a comma may part photographer and agency)
    # an agency alone in brackets ("(AP)", "（共同）"); or a credit in the pivot's own script in
    # brackets ("[연합뉴스 자료사진]", Yonhap file photo)
    # (a letter of some script in it: "(1)" or "[0]" alone is a list or footnote mark)
    bracketed = (r"[(（](?:" + one + r"|(?=[^)）\n]*\p{L})[^\p{Latin}\s()（）]{1,12}|\p{Lu}{2,6})[)）]"
                 r"|\[(?=[^\]\n]*\p{L})[^\p{Latin}\n\[\]()]{1,24}\]")
    line = lazy(
        r"^[*_]{0,2}(?:(?:" + label + r"s?\s*[:：=.]?\s*)?" + known + r"\.?"
        + r"|" + label + r"s?\s*(?:[:：=]|(?<=\.))\s*" + after_label
        + r"|" + bracketed + r")[*_]{0,2}$", regex.I)
    return line, photographer


def _headline(doc: Document) -> int | None:
    """Index of the headline: the first paragraph that is not front matter (or otherwise protected),
    if it reads as one: a Markdown heading, or a line that does not end like a sentence (a
    headline has no final period; "The meeting ended." opens an article, it does not head it).
    A window of a larger text that does not begin it has none."""
    if not doc.opens_text:
        return None
    for i, (s, e) in enumerate(doc.paragraphs):
        if not doc.is_protected(s, s + 1):
            para = doc.text[s:e].strip()
            if para.startswith("#") or not para.rstrip("*_ ").endswith((".", ",", ";", ":")):
                return i
            return None
    return None


def _not_orphaned(doc: Document, i: int, first: int) -> bool:
    """Does the credit at paragraph ``i`` (with its photographer's line from ``first``) still belong
    to something: the photo right above it (a Markdown or HTML image ends the paragraph before), or
    the headline right above it, alone or with a name line between (then it is a byline:
    "Associated Press", "Jane Doe" and "Reuters"; a Title Case headline is no name line)? Under
    the image's caption, in its own paragraph or on the image's next line, it belongs to nothing:
    the caption line is where a credit is kept."""
    text, paras = doc.text, doc.paragraphs
    if first > 0:
        images = list(_IMAGE.finditer(text, *paras[first - 1]))
        # the photo, not a caption written under it in the same paragraph ("![..](..)\n*A jet.*")
        if images and not _WORD.search(text, _image_end(text, images[-1], paras[first - 1][1]), paras[first - 1][1]):
            return True
    return _headline(doc) in (i - 1, first - 1)


def _image_end(text: str, image: regex.Match, limit: int) -> int:
    """Where an image ends: its Markdown syntax, or the HTML element's closing tag (the paragraph's
    end when it has none in the paragraph: an HTML figure's own caption is part of it)."""
    if image.group().startswith("!"):
        return image.end()
    close = _IMAGE_CLOSE.search(text, image.start(), limit)
    return close.end() if close else limit


def _find_credit(rule: Rule, doc: Document) -> Iterable[Edit]:
    line, photographer = rule.compiled
    text, paras = doc.text, doc.paragraphs
    for i, (s, e) in enumerate(paras):
        if not line.match(text[s:e].strip()):
            continue
        first = i
        if photographer and i > 0:
            ps, pe = paras[i - 1]
            if _NAME_LINE.match(text[ps:pe].strip()) and not (i > 1 and line.match(text[paras[i - 2][0]:paras[i - 2][1]].strip())):
                first = i - 1
        if _not_orphaned(doc, i, first):
            continue
        start, end = _remove_paragraph(doc, i, first)
        what = "photographer's name and credit" if first < i else "credit"
        yield rule.edit(start, end, "", text[start:end], message=f"{rule.message} (removes the {what})")


KINDS.append(Kind("repeated-paragraph", "layout", frozenset({"min_words"}), frozenset(),
                   _compile_repeated, _find_repeated))
KINDS.append(Kind("orphan-credit", "layout", frozenset({"credits", "labels", "photographer"}), frozenset({"credits"}),
                   _compile_credit, _find_credit))
