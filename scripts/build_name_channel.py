"""Build rules/names/channel.tsv: the learned edit costs of cleaner/names/channel.py (dev time only).

Data: real name pairs from scripts/name_pairs.py (rigour 1.8.2's Wikidata name groups, and CLDR's
city names in 45 locales via babel, romanized per script by the romanizer the --measure table
picked), train part only (80 % of the groups, split by a hash of the Wikidata QID / time zone).

Learning (hard EM over alignments, "Viterbi training" of a weighted edit distance):
  0. align every train pair with single-letter edits at flat costs;
  1. count, per pivot family and pooled over all families, how often each canonical piece
     (0-2 letters) was written as each observed piece (0-2 letters); two adjacent edits of one
     alignment that are not both copies are also counted as one two-letter edit (sh->s, ck->k,
     ee->i), so the model can learn digraphs;
  2. cost(c -> o) = -ln P(o | c), where P(o | c) = count(c -> o) / occurrences of c in the
     canonical spellings (insertions: per letter position), smoothed toward the pooled estimate
     (family estimates borrow strength from all pivots: add-ALPHA with the pooled P as prior);
  3. re-align with the new costs and repeat (ITERATIONS times).
Edits seen fewer than MIN_COUNT times are not stored; an unseen single-letter edit costs the
family's default (written in the table): more than any seen edit of its kind.

Deterministic: fixed sample, sorted counts, costs rounded to 3 decimals.

usage:
  python3 scripts/build_name_channel.py            # build the table
  python3 scripts/build_name_channel.py --measure  # the romanizer comparison table
  python3 scripts/build_name_channel.py --pairs OUT.tsv  # dump all pairs with their split
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import name_pairs  # noqa: E402
from cleaner.names.channel import FAMILIES, POOLED, Channel  # noqa: E402

OUT = HERE.parent / "rules" / "names" / "channel.tsv"
PER_FAMILY = 12000  # train pairs per family used for learning (a fixed, hashed sample)
ITERATIONS = 3
MIN_COUNT = 3
ALPHA = 20.0  # pseudo-counts pulling a family's estimate toward the pooled one
POOLED_ALPHA = 1.0
FLAT = (2.0, 2.0, 2.0, 0.05)  # iteration 0: substitution, insertion, deletion, copy


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def sample(pairs, per_family=PER_FAMILY):
    by_family = defaultdict(list)
    for obs, can, fam, qid, _ in pairs:
        by_family[fam].append((_h(qid, obs, fam), obs, can))
    out = []
    for fam in sorted(by_family):
        rows = sorted(by_family[fam])[:per_family]
        out.extend((obs, can, fam) for _, obs, can in rows)
    return out


def align_all(model: Channel, pairs, per_family_table: bool):
    """Counts of (family, c, o) over the Viterbi alignments of all words of all pairs, and of
    how often each one-letter canonical piece was aligned on its own (family, c)."""
    counts, singles = Counter(), Counter()
    for obs, can, fam in pairs:
        fam_key = fam if per_family_table else POOLED
        steps, merged = _path(model, obs, can, fam_key)
        for c, o, _ in steps:
            counts[(fam, c, o)] += 1
            if len(c) == 1:
                singles[(fam, c)] += 1
        for c, o in merged:
            counts[(fam, c, o)] += 1
    return counts, singles


def _path(model, obs, can, family):
    """The Viterbi edits of a pair, and its two-letter proposals: adjacent edits (not two
    copies) merged into one piece of at most two letters a side."""
    from cleaner.names.channel import words

    ow, cw = words(obs), words(can)
    if len(ow) != len(cw):
        ow, cw = ("".join(ow),), ("".join(cw),)
    path, merged = [], []
    for o, c in zip(ow, cw):
        steps = model._dp(o, c, family, keep_path=True)[1]
        path.extend(steps)
        for a, b in zip(steps, steps[1:]):
            c2, o2 = a[0] + b[0], a[1] + b[1]
            copies = a[0] == a[1] and b[0] == b[1]
            if not copies and len(c2) <= 2 and len(o2) <= 2 and (len(c2) == 2 or len(o2) == 2):
                merged.append((c2, o2))
    return path, merged


def occurrences(pairs):
    """Per family: occurrences of each 1- and 2-letter piece in the canonical words, and the
    number of insertion positions."""
    from cleaner.names.channel import words

    occ = defaultdict(Counter)
    for _, can, fam in pairs:
        for w in words(can):
            for k in (1, 2):
                for i in range(len(w) - k + 1):
                    occ[fam][w[i:i + k]] += 1
            occ[fam][""] += len(w) + 1
    return occ


def estimate(counts, singles, occ):
    """Rows (family, c, o, cost) and per-family defaults from counts.

    P(o | c) = count(c -> o) / n(c): for a one-letter c, n(c) = how often c was aligned on its
    own (the letters inside two-letter pieces are not counted twice); for a two-letter c, its
    occurrences in the canonical words; for insertions (c empty), the letter positions."""
    occ = {fam: Counter(table) for fam, table in occ.items()}
    for (fam, c), n in singles.items():
        occ[fam][c] = n
    pooled_counts, pooled_occ = Counter(), Counter()
    for (fam, c, o), n in counts.items():
        pooled_counts[(c, o)] += n
    for fam, table in occ.items():
        pooled_occ.update(table)
    rows = []
    pooled_p = {}
    for (c, o), n in sorted(pooled_counts.items()):
        if n < MIN_COUNT:
            continue
        p = min(0.999, n / (max(n, pooled_occ[c]) + POOLED_ALPHA))
        pooled_p[(c, o)] = p
        rows.append((POOLED, c, o, round(-math.log(p), 3)))
    for (fam, c, o), n in sorted(counts.items()):
        if n < MIN_COUNT or (c, o) not in pooled_p:
            continue
        p = min(0.999, (n + ALPHA * pooled_p[(c, o)]) / (max(n, occ[fam][c]) + ALPHA))
        cost = round(-math.log(p), 3)
        if abs(cost - -math.log(pooled_p[(c, o)])) >= 0.05:  # store only where it differs
            rows.append((fam, c, o, cost))
    defaults = {}
    for fam in (POOLED,) + FAMILIES:
        kinds = {"sub": [], "ins": [], "del": [], "copy": []}
        for f, c, o, cost in rows:
            if f not in (fam, POOLED) or len(c) > 1 or len(o) > 1:
                continue
            kinds["ins" if not c else "del" if not o else "sub" if c != o else "copy"].append(cost)
        # an unseen edit costs more than any seen edit of its kind; an unseen copy, as the
        # dearest seen copy
        defaults[fam] = tuple(round(max(v) + (0.0 if k == "copy" else 1.0), 3) if v else
                              (1.0 if k == "copy" else 8.0) for k, v in kinds.items())
    return rows, defaults


def train(pairs, iterations=ITERATIONS, log=print):
    occ = occurrences(pairs)
    model = Channel([], {POOLED: FLAT})
    rows = defaults = None
    for it in range(iterations + 1):
        counts, singles = align_all(model, pairs, per_family_table=it > 0)
        rows, defaults = estimate(counts, singles, occ)
        model = Channel(rows, defaults)
        log(f"iteration {it}: {len(rows)} rows")
    return rows, defaults


def write(rows, defaults, path: Path, n_pairs: int, info: str):
    header = [
        "# Learned edit costs of the name transliteration channel (cleaner/names/channel.py).",
        "# Columns: pivot family, canonical piece, observed piece ('-' = empty), cost = -ln P(observed",
        "# piece | canonical piece, family). Family 'all' is pooled over every pivot (pivot=None) and",
        "# is the fallback for pieces a family does not list; '*default*' rows give the cost of an",
        "# unseen one-letter substitution,insertion,deletion,copy.",
        "# Generated by scripts/build_name_channel.py (hard-EM Viterbi training, "
        f"{ITERATIONS} iterations, min count {MIN_COUNT}, alpha {ALPHA:g})",
        f"# from {n_pairs} train pairs: {info}.",
        "# Sources: rigour 1.8.2 rigour/data/names/persons.txt (MIT; Wikidata name groups, CC0) and",
        "# CLDR time-zone city names from babel (babel BSD-3; CLDR data, Unicode licence v3),",
        "# non-Latin forms romanized by " + ", ".join(
            f"{f}={r}" for f, r in sorted(name_pairs.CHOSEN.items())) + ".",
        "# Do not edit by hand: rerun the script.",
    ]
    lines = [f"{fam}\t*default*\t*\t{','.join(f'{x:g}' for x in d)}" for fam, d in sorted(defaults.items())]
    lines += [f"{fam}\t{c or '-'}\t{o or '-'}\t{cost:g}" for fam, c, o, cost in sorted(rows)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def measure(limit=300):
    """Romanizer comparison per script: mean normalized similarity to the canonical spelling."""
    from rapidfuzz.distance import Levenshtein

    per_script = defaultdict(list)
    for qid, forms in name_pairs.read_groups():
        latin = [f for f in forms if name_pairs.script_of(f) == "latin"]
        canon = name_pairs.canonical(latin)
        if not canon:
            continue
        for form in forms:
            fam = name_pairs.script_of(form)
            if fam in name_pairs.CANDIDATES and len(per_script[fam]) < limit:
                per_script[fam].append((form, canon))
    print(f"{'script':<11} {'n':>4}  " + "  ".join(f"{r:>16}" for r in name_pairs.ROMANIZERS))
    for fam in sorted(per_script):
        cells = []
        for rname in name_pairs.ROMANIZERS:
            if rname not in name_pairs.CANDIDATES[fam]:
                cells.append(f"{'':>16}")
                continue
            fn = name_pairs.ROMANIZERS[rname]
            sims = []
            for form, canon in per_script[fam]:
                try:
                    sims.append(Levenshtein.normalized_similarity(name_pairs.fold(fn(form)), canon))
                except Exception:
                    sims.append(0.0)
            cells.append(f"{sum(sims) / len(sims):>16.3f}")
        print(f"{fam:<11} {len(per_script[fam]):>4}  " + "  ".join(cells))


def all_pairs():
    """rigour's name groups, then CLDR's city names (babel)."""
    return list(name_pairs.pairs_from_groups(name_pairs.read_groups())) + list(name_pairs.pairs_from_cldr())


def read_pairs(path: Path):
    """Pairs from a --pairs dump, as all_pairs() yields them."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        _split, fam, qid, obs, can, form = line.split("\t")
        out.append((obs, can, fam, qid, form))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--measure", action="store_true")
    ap.add_argument("--pairs", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--from-pairs", type=Path, help="read pairs from a --pairs dump (same result, faster)")
    args = ap.parse_args(argv)
    if args.measure:
        measure()
        return
    pairs = read_pairs(args.from_pairs) if args.from_pairs else all_pairs()
    if args.pairs:
        with args.pairs.open("w", encoding="utf-8") as fh:
            for obs, can, fam, qid, form in pairs:
                split = "heldout" if name_pairs.is_heldout(qid) else "train"
                fh.write(f"{split}\t{fam}\t{qid}\t{obs}\t{can}\t{form}\n")
        print(f"{len(pairs)} pairs -> {args.pairs}")
        return
    train_pairs = [p for p in pairs if not name_pairs.is_heldout(p[3])]
    chosen = sample(train_pairs)
    by_fam = Counter(f for _, _, f in chosen)
    info = ", ".join(f"{f} {n}" for f, n in sorted(by_fam.items()))
    print(f"{len(pairs)} pairs, {len(train_pairs)} train; learning from {len(chosen)}: {info}")
    rows, defaults = train(chosen)
    write(rows, defaults, args.out, len(chosen), info)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(rows)} rows)")


if __name__ == "__main__":
    main()
