"""Per rule: judge every finding, safe and suggested, on article sets against their golds.

    python3 bench/judge_rules.py ../shared/devset bench/sets/dev-*     # rows: $JUDGE_ROWS (a TSV)

For each raw article, each finding of `cleaner check` is applied alone: GOOD if the Levenshtein
distance to the gold falls, BAD if it rises, NEUTRAL otherwise; every finding on a gold text or a
trap is ON-CORRECT. It answers "is this suggestion class good enough to apply?" per rule, beside
../shared/tools/realmt.py -- --unsafe-fixes on real MT (a class can be right on articles and
wrong on real MT: ENT004 was 40/2 here and 3/26 there). Runs this checkout's code
(PYTHONPATH=$CLEANER_ROOT, default: the repository). Traps are judged once per article of their
set, so their counts repeat.
"""
import collections, glob, json, os, subprocess, sys
from rapidfuzz.distance import Levenshtein

ROOT = os.environ.get("CLEANER_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def findings(path, gaz):
    r = subprocess.run([sys.executable, "-m", "cleaner", "check", "-", "--format", "json", "--no-cache",
                        "--stdin-filename", path, "--gazetteer", gaz], stdin=open(path, "rb"),
                       capture_output=True, env=dict(os.environ, PYTHONPATH=ROOT), cwd=ROOT)
    data = json.loads(r.stdout)
    return [e for f in data["files"] for e in f["edits"]]


stats = collections.defaultdict(collections.Counter)
rows = []
for s in sys.argv[1:]:
    gaz = os.path.join(s, "gazetteer.toml")
    for raw_p in sorted(glob.glob(os.path.join(s, "*.raw.*"))):
        gold_p = raw_p.replace(".raw.", ".gold.")
        raw, gold = open(raw_p, encoding="utf-8").read(), open(gold_p, encoding="utf-8").read()
        d0 = Levenshtein.distance(raw, gold)
        for f in findings(raw_p, gaz):
            t = raw[:f["start"]] + f["replacement"] + raw[f["end"]:]
            d = Levenshtein.distance(t, gold)
            v = "GOOD" if d < d0 else "BAD" if d > d0 else "NEUTRAL"
            key = (f["rule"], f["applicability"])
            stats[key][v] += 1
            rows.append((v, key, os.path.basename(raw_p), raw[f["start"]:f["end"]], f["replacement"]))
        for p in [gold_p] + sorted(glob.glob(os.path.join(s, "clean", "*"))):
            for f in findings(p, gaz):
                key = (f["rule"], f["applicability"])
                stats[key]["ON-CORRECT"] += 1
                txt = open(p, encoding="utf-8").read()
                rows.append(("ON-CORRECT", key, os.path.basename(p), txt[f["start"]:f["end"]], f["replacement"]))
for key in sorted(stats):
    c = stats[key]
    print(f"{key[0]:10s} {key[1]:8s} good={c['GOOD']:3d} bad={c['BAD']:3d} neutral={c['NEUTRAL']:3d} on-correct={c['ON-CORRECT']:3d}")
with open(os.environ.get("JUDGE_ROWS", "/tmp/judge_rows.tsv"), "w") as fh:
    for r in rows:
        fh.write("\t".join([r[0], r[1][0], r[1][1], r[2], repr(r[3]), repr(r[4])]) + "\n")
