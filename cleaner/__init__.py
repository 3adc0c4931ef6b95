"""cleaner: repairs machine-translation artifacts in news text.

    >>> import cleaner
    >>> result = cleaner.clean("according to the newspaper Hindu– When")
    >>> result.text, [e.rule for e in result.edits]
    ('according to the newspaper The Hindu – When', ['MEDIA001', 'DASH001'])

``Result.edits`` are in the coordinates of the input: applying them to it gives ``Result.text``.
"""

from .base.errors import CleanerError
from .base.version import __version__
from .engine.core import Cleaner, Result, clean
from .text.edits import Edit, apply_edits

__all__ = ["Cleaner", "CleanerError", "Edit", "Result", "apply_edits", "clean", "__version__"]
