"""Where the bundled rule packs and gazetteers live.

In a wheel they ship as ``cleaner/rules``; in a source checkout (editable install, or running
from the repository) they are the top-level ``rules/`` folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # the cleaner package (this file is in cleaner/base/)
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled rules not found next to {here}")


def bundled_packs() -> list[Path]:
    """The rule packs shipped with cleaner, in a stable order."""
    return sorted(rules_dir().glob("*.toml"))


def bundled_gazetteers() -> list[Path]:
    return sorted((rules_dir() / "gazetteer").glob("*.toml"))
