"""The command-line contract: modes, output formats, exit codes. Bad input: test_bad_input.py."""

import json
import os

from conftest import SEEDS

RAW = (SEEDS / "putin-india.raw.txt").read_bytes()
GOLD = (SEEDS / "putin-india.gold.txt").read_bytes()
DAMAGED = "It is possible – according to the newspaper Hindu– When it rains.\n"


def test_fix_writes_and_lists_every_change(cli, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(RAW)
    run = cli("fix", path)
    assert run.returncode == 0
    written = path.read_text(encoding="utf-8")
    assert written != RAW.decode()
    lines = [l for l in run.stdout.decode().splitlines() if l]
    assert lines and all(l.startswith(f"{path}:") and " -> " in l for l in lines)
    assert "LAY002" in run.stdout.decode() and "DASH001" in run.stdout.decode()
    again = cli("fix", "--diff", path)
    assert again.returncode == 0 and again.stdout == b""


def test_diff_exits_1_on_raw_and_0_on_gold_and_writes_nothing(cli, tmp_path):
    raw, gold = tmp_path / "raw.txt", tmp_path / "gold.txt"
    raw.write_bytes(RAW)
    gold.write_bytes(GOLD)
    run = cli("fix", "--diff", raw)
    assert run.returncode == 1 and raw.read_bytes() == RAW
    out = run.stdout.decode()
    assert out.startswith(f"--- a/{raw}\n+++ b/{raw}\n") and "\n-Reuters/Sputnik\n" in out
    assert cli("fix", "--diff", gold).returncode == 0


def test_check_prints_findings_with_reasons(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = cli("check", path)
    assert run.returncode == 1 and path.read_text(encoding="utf-8") == DAMAGED
    out = run.stdout.decode()
    assert f"{path}:1:50 DASH001 '–' -> ' –'  [safe 0.90]" in out
    clean = tmp_path / "b.txt"
    clean.write_text("Nothing to see here.\n", encoding="utf-8")
    assert cli("check", clean).returncode == 0


def test_stdin_to_stdout_with_list_on_stderr(cli):
    run = cli("fix", "--select", "DASH", "-", input=DAMAGED.encode())
    assert run.returncode == 0
    assert run.stdout.decode() == "It is possible – according to the newspaper Hindu – when it rains.\n"
    assert "DASH001" in run.stderr.decode() and "DASH001" not in run.stdout.decode()


def test_json_lists_every_field(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", path).stdout)
    [entry] = data["files"]
    edit = entry["edits"][0]
    for key in ("path", "line", "column", "start", "end", "original", "replacement", "rule",
                "confidence", "applicability", "message"):
        assert key in edit
    assert DAMAGED[edit["start"]:edit["end"]] == edit["original"]


def test_suggestions_are_reported_not_applied_unless_asked(cli, tmp_path):
    text = "“We have a problem,” the analyst said. Manuel Gazapo Lapayese, who specializes in it.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    check = cli("check", path)
    assert check.returncode == 0 and "CALQ002" in check.stdout.decode() and "suggestion" in check.stdout.decode()
    assert cli("check", "--strict", path).returncode == 1
    assert cli("fix", path).returncode == 0 and path.read_text(encoding="utf-8") == text
    cli("fix", "--unsafe-fixes", path)
    assert "said the analyst Manuel" in path.read_text(encoding="utf-8")


def test_folder_walk_honours_gitignore_and_suffixes(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\nskip.md\n")
    for rel in ["a.txt", "b.md", "skip.md", "drafts/c.txt", "notes.rst", "sub/d.md"]:
        p = tmp_path / rel
        p.parent.mkdir(exist_ok=True)
        p.write_text(DAMAGED, encoding="utf-8")
    run = cli("check", ".", cwd=tmp_path)
    named = {line.split(":")[0] for line in run.stdout.decode().splitlines()}
    assert named == {"a.txt", "b.md", os.path.join("sub", "d.md")}


def test_config_discovery_and_strictness(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["DASH", "MEDIA"]\n')
    sub = tmp_path / "articles"
    sub.mkdir()
    path = sub / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    assert cli("check", path).returncode == 0  # DASH and MEDIA rules ignored by the config found upward
    (sub / ".cleaner.toml").write_text('select = ["DASH001"]\n')
    out = cli("check", path).stdout.decode()
    assert "DASH001" in out and "DASH004" not in out  # nearest config wins


def test_user_rule_pack_by_flag_and_config(cli, tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text('''[[rule]]
id = "HOUSE001"
kind = "literal"
message = "house style"
applicability = "safe"
confidence = 0.9
replace = { "Kiev" = "Kyiv" }
[[rule.example]]
input = "in Kiev"
output = "in Kyiv"
[[rule.example]]
input = "in Kyiv"
''')
    path = tmp_path / "a.txt"
    path.write_text("Talks in Kiev.\n", encoding="utf-8")
    assert cli("fix", "--rules", pack, path).returncode == 0
    assert path.read_text() == "Talks in Kyiv.\n"
    path.write_text("Talks in Kiev.\n", encoding="utf-8")
    (tmp_path / ".cleaner.toml").write_text('rules = ["house.toml"]\n')
    cli("fix", path)
    assert path.read_text() == "Talks in Kyiv.\n"
    test = cli("rules", "test", pack)
    assert test.returncode == 0 and b"1 passed, 0 failed" in test.stdout


def test_rules_list_and_explain(cli):
    listing = cli("rules", "list").stdout.decode()
    assert "DASH001" in listing and "LAY002" in listing and "ENC001" in listing
    explain = cli("explain", "PIV001")
    out = explain.stdout.decode()
    assert explain.returncode == 0 and "Fix safety: safe" in out and "al-Sudani" in out and "after:" in out
    assert cli("explain", "NOPE999").returncode == 2


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("fix", "--format", "xml", tmp_path).returncode == 2
    assert cli("frobnicate").returncode == 2
    missing = cli("check", tmp_path / "missing.txt")
    assert missing.returncode == 2 and "missing.txt" in missing.stderr.decode()
