"""cleaner's version, in one place (the package, the caches' keys and the reports read it here)."""

__version__ = "0.3.0"
