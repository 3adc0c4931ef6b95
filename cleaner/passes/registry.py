"""Every rule kind, by name: the one list the rule packs are checked against and the engine runs.

A new kind is a function pair in a pass module (compile the rule's keys; find its edits in a
document) appended to that module's ``KINDS``; a new pass module is added to ``MODULES`` here.
Nothing registers itself on import: this list is the whole registry.
"""

from __future__ import annotations

from . import acronyms, calques, caps, demonyms, encoding, entities, glue, institutions, layout, media, pronouns, text_rules
from .rule import Kind

MODULES = (encoding, entities, glue, layout, media, pronouns, text_rules, demonyms, calques, caps, acronyms,
           institutions)

KINDS: dict[str, Kind] = {kind.name: kind for module in MODULES for kind in module.KINDS}
