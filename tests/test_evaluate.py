"""``cleaner evaluate MT_DIR POSTEDIT_DIR``: every finding judged against a team's own post-edits.

The bundled seed and the test articles (raw MT-like text and its gold post-edit) stand in for a
newsroom's MT and post-edits.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from cleaner.app.evaluate import AWAY, NEUTRAL, TOWARD, Judged, _aligner, _recommend, judge
from cleaner.text.edits import SAFE, SUGGEST, Edit
from conftest import ROOT, run_cli

SEED_RAW = (ROOT / "seeds" / "putin-india.raw.txt").read_text(encoding="utf-8")
SEED_GOLD = (ROOT / "seeds" / "putin-india.gold.txt").read_text(encoding="utf-8")
ARTICLES = ROOT / "tests" / "data" / "articles" / "damaged"


def replacing(text: str, old: str, new: str, rule: str = "X001") -> Edit:
    start = text.index(old)
    return Edit(start, start + len(old), new, rule, 0.9, SAFE, "test", old)


def test_a_repair_the_editor_made_moves_toward_and_its_reverse_away():
    assert "Mark Ruti" in SEED_RAW and "Mark Rutte" in SEED_GOLD
    assert judge(SEED_RAW, SEED_GOLD, replacing(SEED_RAW, "Mark Ruti", "Mark Rutte")) == TOWARD
    # damage planted in a sentence the editor left as it was
    kept = "Vladimir Putin"
    assert kept in SEED_RAW and kept in SEED_GOLD
    assert judge(SEED_RAW, SEED_GOLD, replacing(SEED_RAW, kept, "Vladimir Poutine")) == AWAY


def test_a_change_where_the_editor_wrote_something_else_entirely_is_neutral():
    mt = "The minister said the talks went well.\n"
    post = "The minister said the negotiations had been a success.\n"
    assert judge(mt, post, replacing(mt, "the talks went well", "the talks went fine")) == NEUTRAL


def test_alignment_survives_a_removed_duplicate_and_many_blank_lines():
    """Blank lines match anywhere: aligned alone, they pulled a later paragraph of the MT onto an
    earlier one of the post-edit, and a repair there was judged against the wrong sentence."""
    caption = "Yuri Ushakov and Vladimir Putin during the meeting"
    assert SEED_RAW.count(caption) == 2 and SEED_GOLD.count(caption) == 1
    align = _aligner(SEED_RAW, SEED_GOLD)
    # every 30-character run found once in each text, the editor having left it alone, is mapped
    # onto itself (within a few characters: an optimal alignment is not unique at its edges)
    checked = exact = 0
    for at in range(0, len(SEED_RAW) - 30, 97):
        piece = SEED_RAW[at:at + 30]
        if SEED_RAW.count(piece) == 1 and SEED_GOLD.count(piece) == 1:
            assert abs(align(at) - SEED_GOLD.index(piece)) <= 3, piece
            checked += 1
            exact += align(at) == SEED_GOLD.index(piece)
    assert checked > 20 and exact > 0.8 * checked


def judged(rule: str, confidence: float, verdict: str, applicability: str = SAFE) -> Judged:
    edit = Edit(0, 1, "x", rule, confidence, applicability, "test", "y")
    return Judged("a.txt", 1, edit, applicability == SAFE and confidence >= 0.75, verdict)


def test_the_recommendation_leaves_out_rules_that_move_away_then_picks_the_lowest_good_bar():
    findings = ([judged("GOOD001", 0.9, TOWARD)] * 50 + [judged("BAD001", 0.9, TOWARD)] * 5
                + [judged("BAD001", 0.9, AWAY)] * 2 + [judged("LOW001", 0.6, TOWARD)] * 20
                + [judged("SUG001", 0.6, AWAY, SUGGEST)] * 9)
    rec = _recommend(findings, 0.75)
    assert rec.ignore == ["BAD001"]
    assert rec.min_confidence == 0.6  # LOW001's edits are right too: the bar can come down
    assert rec.applied == Counter({TOWARD: 70})
    assert rec.current == Counter({TOWARD: 55, AWAY: 2})
    # a merged finding names both rules: leaving out the one that misfires is enough
    rec = _recommend([judged("A001+B001", 0.9, AWAY)] + [judged("A001", 0.9, TOWARD)] * 3, 0.75)
    assert rec.ignore == ["A001", "B001"]


def test_no_bar_is_claimed_when_none_reaches_the_target():
    # every rule misfires: all are left out, and nothing is left to apply
    rec = _recommend([judged("R001", 0.9, AWAY), judged("R001", 0.9, TOWARD)], 0.75)
    assert rec.ignore == ["R001"] and sum(rec.applied.values()) == 0


@pytest.fixture(scope="module")
def pair_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("evaluate")
    mt, post = root / "mt", root / "post"
    for raw in sorted(ARTICLES.glob("*.raw.txt"))[:4]:
        for src, dest in ((raw, mt), (Path(str(raw).replace(".raw.", ".gold.")), post)):
            (dest / "desk").mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest / "desk" / raw.name.replace(".raw.", "."))
    (mt / "only-mt.txt").write_text("An article nobody post-edited.\n", encoding="utf-8")
    return mt, post


def test_the_command_judges_every_finding_and_its_advice_holds_on_the_data(pair_dirs):
    mt, post = pair_dirs
    run = run_cli("evaluate", mt, post, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["pairs"] == 4 and data["unpaired"] == ["only-mt.txt"]
    findings = data["findings"]
    assert findings and all(f["path"].startswith("desk/") for f in findings)
    counts = Counter(f["verdict"] for f in findings)
    assert counts[TOWARD] > counts[AWAY]  # the test articles are repaired mostly right
    per_rule = Counter((f["rule"], f["applicability"], f["verdict"]) for f in findings)
    for row in data["rules"]:
        for verdict in (TOWARD, AWAY, NEUTRAL):
            assert row[verdict] == per_rule[(row["rule"], row["applicability"], verdict)]
    rec = data["recommendation"]
    kept = [f for f in findings if f["applicability"] == "safe" and f["confidence"] >= rec["min_confidence"]
            and not set(f["rule"].split("+")) & set(rec["ignore"])]
    verdicts = Counter(f["verdict"] for f in kept)
    assert verdicts[AWAY] <= 0.01 * (verdicts[TOWARD] + verdicts[AWAY])
    assert rec["applied"].get(TOWARD, 0) == verdicts[TOWARD]


def test_the_text_report_names_rules_examples_and_the_settings(pair_dirs):
    mt, post = pair_dirs
    run = run_cli("evaluate", mt, post)
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode()
    assert out.startswith("4 file pairs judged; 1 MT files without a post-edit (first: only-mt.txt)")
    assert "\nApplied today (min-confidence 0.75): " in out
    assert "min-confidence = " in out  # a snippet to paste into cleaner.toml


def test_bad_arguments_are_one_line_and_exit_2(pair_dirs, tmp_path):
    mt, post = pair_dirs
    for args, says in (((mt, tmp_path / "missing"), "no such file"),
                       ((mt, post / "desk" / next((post / "desk").iterdir()).name), "two folders"),
                       ((mt, mt), "same path"),
                       ((mt, tmp_path), "no MT file has a post-edited file")):
        run = run_cli("evaluate", *args)
        assert run.returncode == 2 and says in run.stderr.decode(), run.stderr
        assert run.stderr.decode().count("\n") == 1
