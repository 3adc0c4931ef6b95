"""Strings from articles and configs, made safe to print on a terminal.

An article (or a rule pack, a config, a file name) is data from people you may not know. Printed
as it is, an escape sequence in it clears the screen, sets the window title or hides a line (a
carriage return, a bidirectional override); a newline in a file name splits a report line in two.
``printable`` shows each such character escaped, as Python writes it (``\\x1b``, ``\\u202e``),
and (``quoted``, for an article's words shown in quotes) doubles a backslash so that an escaped
form is never ambiguous. JSON and SARIF are written
exact (their own escaping is safe).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_QUOTED = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\\\\]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(m: re.Match) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(s: str, *, keep: str = "", quoted: bool = False) -> str:
    """``s`` with every control character escaped (and, ``quoted``, every backslash doubled),
    except those in ``keep`` (``keep="\\t"``: a tab stays a tab)."""
    pattern = _UNSAFE_QUOTED if quoted else _UNSAFE
    if keep:
        return pattern.sub(lambda m: m.group() if m.group() in keep else _escape(m), s)
    return pattern.sub(_escape, s)


def printable_lines(text: str) -> str:
    """Multi-line text (a diff, an explanation): each line's content escaped, its line break (LF
    or CRLF, which show nothing) kept, so lines stay lines and a CRLF file's diff still applies."""
    out = []
    for line in text.splitlines(keepends=True):
        ending = "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""
        out.append(printable(line[:len(line) - len(ending)], keep="\t") + ending)
    return "".join(out)
