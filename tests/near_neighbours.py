"""Correct names that are one non-pivot edit away from a famous name: "Mark Rutter", "Emmanuel Macrow".

They stand for the real people a gazetteer does not know. A pivot never produces these edits
(a consonant swapped for an unrelated one, a consonant added), so cleaner must leave them alone;
tests and benchmarks use this generator to count false repairs.
"""

from __future__ import annotations

import random

# Consonant swaps no pivot makes (pivots merge p/b, v/f/w, k/c/q, s/z, l/r, h/g/kh).
SWAPS = {"t": "rn", "r": "tn", "n": "rt", "m": "tr", "d": "ln", "s": "nt", "k": "tn", "l": "tn",
         "g": "dn", "b": "dn", "p": "tn", "f": "tn", "v": "nt", "c": "tn", "z": "nt", "h": "tn"}
ADD = "rnt"


def near_neighbour(name: str, rng: random.Random) -> str | None:
    """The name with its last word changed by one non-pivot edit, or None if nothing applies."""
    words = name.split()
    surname = words[-1]
    if len(surname) < 4 or not surname.isalpha():
        return None
    positions = [i for i, ch in enumerate(surname) if ch.lower() in SWAPS and i > 0]
    if rng.random() < 0.5 and positions:
        i = rng.choice(positions)
        new = surname[:i] + rng.choice(SWAPS[surname[i].lower()]) + surname[i + 1:]
    else:
        new = surname + rng.choice(ADD) if surname[-1].lower() in "aeiou" else surname + rng.choice("ae") + rng.choice(ADD)
    return " ".join(words[:-1] + [new])
