"""The conventions a user brings from ruff, codespell and git: -h, a default path, a quiet mode that
keeps the findings, one clear line for a path that is missing or excluded, merged ids explained,
and a suppression comment that works on its own line as well as on the next one."""

import json

import cleaner
from conftest import SEEDS

DAMAGE = "the newspaper Hindu– When"  # DASH001 and DASH004 fire on this
DAMAGED = f"So says {DAMAGE} it rained.\n"


def test_dash_h_is_help_for_the_command_and_its_subcommands(cli):
    for args in (["-h"], ["check", "-h"], ["fix", "-h"], ["rules", "list", "-h"]):
        run = cli(*args)
        assert run.returncode == 0 and b"Usage: cleaner" in run.stdout, args


def test_check_and_fix_default_to_the_current_folder(cli, tmp_path):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run = cli("check", "--no-cache", cwd=tmp_path)
    assert run.returncode == 1 and b"a.txt:1:" in run.stdout and b"DASH001" in run.stdout
    assert cli("fix", "--no-cache", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == cleaner.clean(DAMAGED).text


def test_quiet_keeps_the_findings_and_drops_the_summary(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    loud, quiet = cli("check", "--no-cache", path), cli("check", "--no-cache", "-q", path)
    assert quiet.returncode == loud.returncode == 1
    assert quiet.stdout == loud.stdout and b"DASH001" in quiet.stdout
    assert b"would apply" in loud.stderr and quiet.stderr == b""
    fixed = cli("fix", "--no-cache", "-q", path)
    assert fixed.returncode == 0 and b"DASH001" in fixed.stdout and fixed.stderr == b""


def test_a_missing_path_is_one_line_and_no_summary(cli, tmp_path):
    run = cli("check", "--no-cache", "nope.txt", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.decode() == "cleaner: error: nope.txt: no such file or directory\n"


def test_a_file_named_but_excluded_by_config_says_why(cli, tmp_path):
    (tmp_path / ".cleaner.toml").write_text('exclude = ["archive/**"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(DAMAGED, encoding="utf-8")
    run = cli("check", "--no-cache", "archive/old.txt", cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 0 and run.stdout == b""
    assert err.count("\n") == 1 and err.startswith("cleaner: archive/old.txt: not checked: excluded by ")
    assert 'exclude = ["archive/**"]' in err and str(tmp_path / ".cleaner.toml") in err
    assert cli("check", "--no-cache", "-q", "archive/old.txt", cwd=tmp_path).stderr == b""


def test_explain_a_merged_id_explains_each_part(cli):
    run = cli("explain", "CAP001+PIV001")
    out = run.stdout.decode()
    assert run.returncode == 0
    assert "CAP001 (" in out and "PIV001 (" in out and "one change made by 2 rules" in out
    assert cli("explain", "CAP001+NOPE999").returncode == 2


def test_every_merged_id_in_sarif_has_a_description(cli):
    run = cli("check", "--no-cache", "--format", "sarif", SEEDS, SEEDS.parent / "tests" / "data")
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    merged = [r for r in rules if "+" in r["id"]]
    assert merged  # the seed and the test articles do make merged changes
    for rule in rules:
        assert rule.get("shortDescription", {}).get("text"), rule["id"]
    for rule in merged:
        for part in rule["id"].split("+"):
            assert part + ":" in rule["shortDescription"]["text"]


def test_ignore_comment_on_the_same_line_as_on_the_next():
    same = f"So says {DAMAGE} it rained. <!-- cleaner: ignore DASH -->\nSo says {DAMAGE} it rained.\n"
    out = cleaner.clean(same, select=["DASH"]).text.splitlines()
    assert out[0] == f"So says {DAMAGE} it rained. <!-- cleaner: ignore DASH -->"  # its own line
    assert out[1] == "So says the newspaper Hindu – when it rained."              # not the next
    nxt = f"<!-- cleaner: ignore DASH -->\nSo says {DAMAGE} it rained.\n"
    assert cleaner.clean(nxt, select=["DASH"]).text == nxt
    only = f"So says {DAMAGE} it rained. <!-- cleaner: ignore DASH004 -->\n"
    assert cleaner.clean(only, select=["DASH"]).text == "So says the newspaper Hindu – When it rained. <!-- cleaner: ignore DASH004 -->\n"


def test_the_cache_folders_are_where_the_system_keeps_caches(monkeypatch, tmp_path):
    """platformdirs decides (~/Library/Caches on macOS, %LOCALAPPDATA% on Windows); on Linux it
    honours XDG_CACHE_HOME, as before."""
    import platformdirs

    from cleaner.app.cache import default_cache_dir
    from cleaner.base.compiled import cache_dir

    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    monkeypatch.setattr(platformdirs, "user_cache_dir",
                        lambda name, appauthor=None: str(tmp_path / "Library" / "Caches" / name))
    assert default_cache_dir() == str(tmp_path / "Library" / "Caches" / "cleaner")
    assert cache_dir() == tmp_path / "Library" / "Caches" / "cleaner" / "compiled"
