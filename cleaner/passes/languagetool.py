"""Talking to LanguageTool: connect (an existing server, or a local one), check text, cache.

LanguageTool is a Java server of a few hundred MB; language-tool-python either talks to a server
at a URL or downloads LanguageTool and starts it locally (Java 17+). Either can be missing, so
connecting is done once, up front, inside a time limit, and any failure becomes one line saying
why and how to get LanguageTool. Nothing here is imported unless the grammar pass is asked for
(``import language_tool_python`` alone costs ~200 ms).

LanguageTool counts offsets in UTF-16 code units. language-tool-python converts a match's
``offset`` to Python code points but not its length, nor the offset into its context; both are
converted here, and a match whose text does not agree with its own context is dropped rather
than applied at a wrong place.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Callable

from ..base.errors import CleanerError

LANGUAGE = "en-US"
URL_ENV = "CLEANER_LANGUAGETOOL_URL"
START_TIMEOUT = 60.0    # seconds for a local server to start (a broken jar retries ports for minutes)
CONNECT_TIMEOUT = 15.0  # seconds for a server at a URL to answer its first request
REQUEST_TIMEOUT = 60.0  # seconds for one check (the library's own default is 300)

HOW_TO_GET = (
    "start a LanguageTool server (Docker: docker run --rm -p 8010:8010 erikvl87/languagetool; or Java 17+) "
    f"and pass --languagetool-url http://localhost:8010 (or set {URL_ENV}); see README, 'Grammar'"
)


class GrammarUnavailable(CleanerError):
    """LanguageTool was asked for and cannot be used; the message says why and how to get it."""


def unavailable(reason: str) -> GrammarUnavailable:
    return GrammarUnavailable(f"--grammar needs LanguageTool: {_one_line(reason)}; {HOW_TO_GET}")


@dataclass(frozen=True)
class Finding:
    """One LanguageTool match, in code points of the text that was checked."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


class LanguageToolClient:
    """A connected LanguageTool; ``check`` answers each distinct text once per client."""

    def __init__(self, tool, where: str) -> None:
        self._tool = tool
        self.where = where
        self._cache: dict[str, tuple[Finding, ...]] = {}
        self.requests = 0

    @classmethod
    def connect(cls, url: str | None = None, *, timeout: float | None = None) -> "LanguageToolClient":
        """A server at ``url``, or (no url) a local one started by language-tool-python."""
        try:
            from language_tool_python import LanguageTool  # lazy: optional dependency, only to start a local server
        except ImportError:
            raise unavailable("language-tool-python is not installed (pip install 'cleaner[grammar]')") from None
        if url:
            seconds = CONNECT_TIMEOUT if timeout is None else timeout
            tool = within(seconds, lambda: LanguageTool(LANGUAGE, remote_server=url),
                          lambda exc: _remote_reason(url, exc), f"no answer from {url} within {seconds:g} s")
            where = url
        else:
            seconds = START_TIMEOUT if timeout is None else timeout
            tool = within(seconds, lambda: LanguageTool(LANGUAGE), _local_reason,
                          f"the local LanguageTool server did not start within {seconds:g} s")
            where = "a local LanguageTool server"
        # The library waits up to 300 s for each answer; a hung server should not hang a commit hook.
        tool._TIMEOUT = REQUEST_TIMEOUT
        return cls(tool, where)

    def check(self, text: str) -> tuple[Finding, ...]:
        if text not in self._cache:
            self.requests += 1
            try:
                matches = self._tool.check(text)
            except Exception as exc:  # requests' errors, LanguageToolError, a bad answer
                raise GrammarUnavailable(f"LanguageTool at {self.where} stopped answering: "
                                         f"{_one_line(_reason(exc))}") from None
            self._cache[text] = tuple(f for f in map(lambda m: to_finding(m, text), matches) if f)
        return self._cache[text]

    def close(self) -> None:
        """Stop the local server, if one was started (a server at a URL is left running)."""
        try:
            self._tool.close()
        except Exception:
            pass


def to_finding(match, text: str) -> Finding | None:
    """A language-tool-python ``Match`` on ``text`` in code points, or None if it does not fit."""
    start = match.offset  # already converted from UTF-16 by the library
    if not 0 <= start <= len(text):
        return None
    u16_start = start + sum(1 for c in text[:start] if ord(c) > 0xFFFF)
    end = utf16_index(text, u16_start + match.error_length)
    if end is None or end < start:
        return None
    # The context is an excerpt with its own UTF-16 offset: it must show the same text.
    ctx = match.context
    c_start = utf16_index(ctx, match.offset_in_context)
    c_end = None if c_start is None else utf16_index(ctx, match.offset_in_context + match.error_length)
    if c_end is None or _flat(ctx[c_start:c_end]) != _flat(text[start:end]):
        return None
    return Finding(start, end, match.rule_id, match.category or "", match.rule_issue_type or "",
                   _one_line(match.message), tuple(match.replacements))


def utf16_index(text: str, units: int) -> int | None:
    """The code-point index of UTF-16 offset ``units`` in ``text`` (None: past the end or mid-pair)."""
    if units < 0:
        return None
    seen = 0
    for index, char in enumerate(text):
        if seen == units:
            return index
        seen += 2 if ord(char) > 0xFFFF else 1
        if seen > units:
            return None
    return len(text) if seen == units else None


def within(seconds: float, start: Callable[[], object], reason: Callable[[BaseException], str],
           too_slow: str):
    """``start()`` with a time limit, in a daemon thread; failure or timeout is GrammarUnavailable.

    A thread that overruns is abandoned; a server it starts later is stopped when Python exits
    (language-tool-python kills the servers it started).
    """
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = start()
        except BaseException as exc:  # SystemExit too: the library raises it on an odd `java -version`
            box["error"] = exc

    thread = threading.Thread(target=run, name="languagetool-connect", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise unavailable(too_slow)
    if "error" in box:
        raise unavailable(reason(box["error"]))  # type: ignore[arg-type]
    return box["value"]


def resolve_url(cli_url: str | None, config_url: str | None) -> str | None:
    """Where the server is: the command line, then the environment, then the config file."""
    return cli_url or os.environ.get(URL_ENV) or config_url or None


def _remote_reason(url: str, exc: BaseException) -> str:
    names = {type(e).__name__ for e in _chain(exc)}
    if names & {"Timeout", "ConnectTimeout", "ReadTimeout"}:
        return f"no answer from {url} in time"
    if names & {"ConnectionError", "ConnectionRefusedError", "NewConnectionError", "MaxRetryError"}:
        return f"cannot connect to {url}"
    return f"{url} does not answer as a LanguageTool server ({_reason(exc)})"


def _local_reason(exc: BaseException) -> str:
    text = _reason(exc)
    if isinstance(exc, ModuleNotFoundError) and "java" in text.lower():
        return "Java is not installed (a local LanguageTool needs Java 17+)"
    if any(type(e).__module__.startswith("requests") for e in _chain(exc)):
        return "no local LanguageTool, and downloading it failed (no network?)"
    return f"the local LanguageTool server did not start ({text})"


def _chain(exc: BaseException | None) -> list[BaseException]:
    out: list[BaseException] = []
    while exc is not None and exc not in out:
        out.append(exc)
        exc = exc.__cause__ or exc.__context__
    return out


def _reason(exc: BaseException) -> str:
    text = _one_line(str(exc), 120) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flat(text: str) -> str:
    # LanguageTool's context turns line breaks into spaces.
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
