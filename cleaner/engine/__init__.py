"""The engine: runs the passes to a fixed point (core.py), in blocks for very long texts (blocks.py)."""

from .core import DEFAULT_MIN_CONFIDENCE, MAX_ROUNDS, Cleaner, clean
from .result import Result

__all__ = ["DEFAULT_MIN_CONFIDENCE", "MAX_ROUNDS", "Cleaner", "Result", "clean"]
