"""TOML basic strings for the scripts that generate gazetteer files (one quoting for all of them)."""

from __future__ import annotations


def toml_str(s: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped, everything else as is."""
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
