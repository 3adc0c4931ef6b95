"""What passes may consult besides the text: the gazetteer and its name index.

Built lazily: a run whose rules never ask for names never loads the gazetteer.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Sequence

from ..base.resources import bundled_gazetteers
from .gazetteer_cache import load_cached, load_index


class Context:
    def __init__(self, gazetteers: Sequence[Path | str] = (), *, bundled: bool = True) -> None:
        self.bundled_paths = list(bundled_gazetteers()) if bundled else []
        self.gazetteer_paths = [Path(p) for p in gazetteers]

    @cached_property
    def gazetteer(self):
        # the user's files are one layer over the bundled one: they may override its entries
        return load_cached(self.gazetteer_paths, base=self.bundled_paths)

    @cached_property
    def index(self):
        return load_index(self.gazetteer)


_default: Context | None = None


def default_context() -> Context:
    """The bundled gazetteer, shared by every caller that does not bring its own."""
    global _default
    if _default is None:
        _default = Context()
    return _default


def context_of(doc) -> Context:
    """A document's context: its own, or the bundled one when it was made without one."""
    return doc.context if doc.context is not None else default_context()
