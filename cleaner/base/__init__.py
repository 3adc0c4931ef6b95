"""The ground floor: errors, where the bundled data lives, lazily compiled patterns, the compiled
cache folder, remembered file digests, the version. Imports nothing else of cleaner."""
