"""Error reduction of cleaner on the bundled seed article, with what is left to do.

ER = 1 - d(out, gold) / d(raw, gold), d the character Levenshtein distance: 1.0 means the output is
the gold, 0 no net gain, below 0 harm. Prints the ER and a word diff of what still differs.

usage: python3 bench/seed_er.py [--remaining]
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

import cleaner

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main(argv: list[str]) -> int:
    raw = (SEEDS / "putin-india.raw.txt").read_text(encoding="utf-8")
    gold = (SEEDS / "putin-india.gold.txt").read_text(encoding="utf-8")
    result = cleaner.clean(raw)
    d_raw, d_out = Levenshtein.distance(raw, gold), Levenshtein.distance(result.text, gold)
    print(f"seed ER = {1 - d_out / d_raw:.3f}  (distance to gold: raw {d_raw}, cleaned {d_out}; "
          f"{len(result.edits)} edits applied, {len(result.suggestions)} suggestions)")
    gold_again = cleaner.clean(gold)
    print(f"cleaning the gold: {len(gold_again.edits)} edits (must be 0)")
    if "--remaining" in argv:
        out_words, gold_words = result.text.split(" "), gold.split(" ")
        for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, out_words, gold_words, autojunk=False).get_opcodes():
            if op != "equal":
                print(f"  {op:8} {' '.join(out_words[a0:a1])[:90]!r} -> {' '.join(gold_words[b0:b1])[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
