"""Rule packs: reading a pack's TOML into rules checked against the kinds (loading.py) and running
each rule's own examples (examples.py). Above the passes, whose kinds they check against."""
