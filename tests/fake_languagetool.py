"""A stand-in LanguageTool HTTP server for the tests: http.server on 127.0.0.1, an ephemeral port.

No real LanguageTool can run here (it is a Java download of a few hundred MB), so cleaner's
grammar pass is tested against this server through language-tool-python's own remote-server
client, exactly as it talks to a real one. NOTHING HERE IS A RECORDING of a real server: the
answers are written for the tests, in the format of LanguageTool's published HTTP API, taken
from LanguageTool's own sources (github.com/languagetool-org/languagetool):

- ``GET /v2/languages``: a JSON array of ``{"name", "code", "longCode"}``, as written by
  ``ApiV2.getLanguages()`` (languagetool-server, org/languagetool/server/ApiV2.java).
- ``POST /v2/check`` (form fields ``language``, ``text``, ...): ``{"software", "warnings",
  "language", "matches", "sentenceRanges"}``, each match ``{"message", "shortMessage",
  "replacements": [{"value"}], "offset", "length", "context": {"text", "offset", "length"},
  "sentence", "type": {"typeName"}, "rule": {"id", "description", "issueType",
  "category": {"id", "name"}}, "ignoreForIncompleteSentence", "contextForSureMatch"}``, as
  written by ``RuleMatchesAsJsonSerializer`` (languagetool-core,
  org/languagetool/tools/RuleMatchesAsJsonSerializer.java). Offsets and lengths count UTF-16
  code units (Java strings); the context is 40 units either side with "..." where cut and line
  breaks turned into spaces, as ``ContextTools.getContext`` builds it.

The rules below imitate, in a few lines each and much simplified, what these LanguageTool rules
report, with their real ids, categories, issue types and replacement conventions: WHITESPACE_RULE
(MultipleWhitespaceRule.java), COMMA_PARENTHESIS_WHITESPACE (CommaWhitespaceRule.java),
ENGLISH_WORD_REPEAT_RULE (WordRepeatRule.java, EnglishWordRepeatRule.java),
UPPERCASE_SENTENCE_START (UppercaseSentenceStartRule.java) and MORFOLOGIK_RULE_EN_US (spelling,
category TYPOS; the match in language-tool-python's Match docstring). Their sentence splitting
is naive on purpose: it flags "U.S. officials" where the real one would not, which is what
cleaner's own guards are for. Messages are LanguageTool's English ones as far as known.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import regex

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

#: spelling "errors" this stand-in knows, with LanguageTool-style suggestions
MISSPELLINGS = {
    "goverment": ["government", "governments"],
    "Topychkanov": ["Topography"],
    "Petrovx": ["Petrov", "Petrova"],
    "Sputnikk": ["Sputnik"],
}


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _context(text: str, start: int, end: int, size: int = 40) -> tuple[str, int]:
    """ContextTools.getContext in UTF-16 units: (context text, offset of the match in it)."""
    units = _units(text)
    n = len(units) // 2
    u_start, u_end = _u16(text[:start]), _u16(text[:end])
    lo, prefix = (u_start - size, "...") if u_start - size >= 0 else (0, "")
    hi, postfix = (u_end + size, "...") if u_end + size <= n else (n, "")
    body = units[2 * lo: 2 * hi].decode("utf-16-le", "surrogatepass").replace("\n", " ")
    return prefix + body + postfix, len(prefix) + (u_start - lo)


def match(text: str, start: int, end: int, replacements: list[str], rule_id: str, category: str,
          issue_type: str, message: str, description: str, category_name: str) -> dict:
    """One match of /v2/check, for text[start:end] (code points), in LanguageTool's JSON shape."""
    context, offset = _context(text, start, end)
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": _u16(text[:start]),
        "length": _u16(text[start:end]),
        "context": {"text": context, "offset": offset, "length": _u16(text[start:end])},
        "sentence": text.strip(),
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": description, "issueType": issue_type,
                 "category": {"id": category, "name": category_name}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def whitespace_rule(text: str) -> list[dict]:
    return [match(text, m.start(), m.end(), [" "], "WHITESPACE_RULE", "TYPOGRAPHY", "whitespace",
                  "Possible typo: you repeated a whitespace", "Whitespace repetition (bad formatting)",
                  "Typography")
            for m in regex.finditer(r"(?<=\S) {2,}", text)]


def comma_whitespace_rule(text: str) -> list[dict]:
    out = []
    for m in regex.finditer(r"(?<=\S)( ),(\S?)", text):  # space before a comma
        out.append(match(text, m.start(), m.start() + 2, [", " if m.group(2) and m.group(2) != "," else ","],
                         "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace",
                         "Put a space after the comma, but not before the comma.",
                         "Use of whitespace before comma and before/after parentheses", "Typography"))
    for m in regex.finditer(r"(?<=\S) \.(?![\d.]|[a-z]{2,4}\b)", text):  # space before a full stop
        out.append(match(text, m.start(), m.end(), ["."], "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY",
                         "whitespace", "Don't put a space before the full stop.",
                         "Use of whitespace before comma and before/after parentheses", "Typography"))
    for m in regex.finditer(r"(?<=[^\s\d,]),(\p{L}+)", text):  # missing space after a comma
        out.append(match(text, m.start(), m.end(), [", " + m.group(1)], "COMMA_PARENTHESIS_WHITESPACE",
                         "TYPOGRAPHY", "whitespace", "Put a space after the comma.",
                         "Use of whitespace before comma and before/after parentheses", "Typography"))
    for m in regex.finditer(r'(?<= )" ', text):  # space after an opening quote: replacement "" (sic)
        out.append(match(text, m.start(), m.end(), [""], "COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY",
                         "whitespace", "Don't put a space after the opening quote.",
                         "Use of whitespace before comma and before/after parentheses", "Typography"))
    return out


def word_repeat_rule(text: str) -> list[dict]:
    # A token is a word, or any one character that is not a letter in Java's sense of a length-1
    # string (so a non-BMP emoji, two UTF-16 units, counts as a word there too).
    out = []
    for m in regex.finditer(r"(?i)(?<![\w])(\w+|[\U00010000-\U0010FFFF])(\s+)(\1)(?![\w])", text):
        if m.group(1).lower() in ("had", "that"):
            continue
        out.append(match(text, m.start(), m.end(), [m.group(1)], "ENGLISH_WORD_REPEAT_RULE", "MISC",
                         "duplication", "Possible typo: you repeated a word.", "Word repetition (e.g. 'will will')",
                         "Miscellaneous"))
    return out


def uppercase_sentence_start_rule(text: str) -> list[dict]:
    out = []
    for m in regex.finditer(r"(?:\A|(?<=[.!?][\"”’)]*\s+))[\"“]?(\p{Ll}\p{L}*)", text):
        out.append(match(text, m.start(1), m.end(1), [m.group(1)[0].upper() + m.group(1)[1:]],
                         "UPPERCASE_SENTENCE_START", "CASING", "typographical",
                         "This sentence does not start with an uppercase letter.",
                         "Checks that a sentence starts with an uppercase letter", "Capitalization"))
    return out


def spelling_rule(text: str) -> list[dict]:
    out = []
    for m in regex.finditer(r"\p{L}+", text):
        if m.group() in MISSPELLINGS:
            out.append(match(text, m.start(), m.end(), MISSPELLINGS[m.group()], "MORFOLOGIK_RULE_EN_US",
                             "TYPOS", "misspelling", "Possible spelling mistake found.",
                             "Possible spelling mistake", "Possible Typo"))
    return out


RULES = (whitespace_rule, comma_whitespace_rule, word_repeat_rule, uppercase_sentence_start_rule, spelling_rule)


class FakeLanguageTool:
    """Serve /v2/languages and /v2/check until ``close()``; ``checks`` lists every text checked."""

    def __init__(self, *, broken_checks: bool = False) -> None:
        self.checks: list[str] = []
        self.broken_checks = broken_checks
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep the test output quiet
                pass

            def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.split("?")[0] == "/v2/languages":
                    self._send(200, json.dumps(LANGUAGES).encode())
                else:
                    self._send(404, b"Not found", "text/plain")

            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(size).decode("utf-8"), keep_blank_values=True)
                if self.path.split("?")[0] != "/v2/check" or "text" not in form:
                    self._send(400, b"Error: Missing 'text' or 'data' parameter", "text/plain")
                    return
                text = form["text"][0]
                owner.checks.append(text)
                if owner.broken_checks:
                    self._send(500, b"Error: Internal Error: java.lang.OutOfMemoryError", "text/plain")
                    return
                matches = sorted((m for rule in RULES for m in rule(text)), key=lambda m: m["offset"])
                body = {
                    "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27 10:00:00 +0000",
                                 "apiVersion": 1, "premium": False, "status": ""},
                    "warnings": {"incompleteResults": False},
                    "language": {"name": "English (US)", "code": "en-US",
                                 "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99,
                                                      "source": "ngram"}},
                    "matches": matches,
                    "sentenceRanges": [[0, _u16(text)]],
                }
                self._send(200, json.dumps(body).encode())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    def counts(self) -> Counter:
        return Counter(self.checks)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
