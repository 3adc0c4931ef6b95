"""What one run is asked to do: the command line's options as one value (``Options``).

Built by the CLI (``fix``, ``check``, ``review``) and by the archive jobs, and read by every
module of a run: discovery, cleaning, scheduling, writing and reporting.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.settings import Settings


@dataclass(frozen=True)
class Options:
    mode: str  # "fix" | "diff" | "check"
    format: str = "text"
    settings: Settings = Settings()  # --rules, --gazetteer, --select, --ignore, --min-confidence, --unsafe-fixes
    config: str | None = None
    encoding: str | None = None
    stdin_filename: str | None = None
    quiet: bool = False
    strict: bool = False
    grammar: bool | None = None  # None: as the config says
    languagetool_url: str | None = None
    jobs: int | None = None  # None: every core
    cache: bool = True
    cache_dir: str | None = None
    output_dir: str | None = None  # fix: write cleaned copies here, originals untouched
    report: str | None = None  # write an HTML report here
    color: bool | None = None  # None: colour when standard output is a terminal
    show_fixes: bool = False
    force: bool = False  # fix: write read-only files too
