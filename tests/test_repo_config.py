"""Repository configuration: per-path settings, extra gazetteers, the accept list, `cleaner config`."""

import json
import os
import tomllib

import pytest

# Damage only the dash rules repair (DASH001 spaces the dash, then DASH004 lowers "When").
DAMAGED = "It is possible – according to the minister– When it rains.\n"
DASH001_ONLY = "It is possible – according to the minister – When it rains.\n"
REPAIRED = "It is possible – according to the minister – when it rains.\n"
NISBA = "According to the newspaper al-Almani, the talks failed.\n"
NISBA_FIXED = "According to the German newspaper, the talks failed.\n"


def write(base, rel, text):
    path = base / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fixed(cli, path, *args, cwd=None):
    """What `cleaner fix` writes to a copy of ``path`` (the original stays as it is)."""
    copy = path.with_name("copy-" + path.name)  # same folder and suffix: the same globs match
    copy.write_bytes(path.read_bytes())
    run = cli("fix", *args, copy, cwd=cwd)
    assert run.returncode == 0, run.stderr
    out = copy.read_text(encoding="utf-8")
    copy.unlink()
    return out


PYPROJECT = '''[project]
name = "news"

[tool.cleaner]
ignore = ["CAP"]

[[tool.cleaner.per-path]]
paths = ["archive/**"]
ignore = ["DASH"]

[[tool.cleaner.per-path]]
paths = ["wire/**", "*.wire.txt"]
min-confidence = 0.85

[tool.ruff]
select = ["E"]
'''


def test_per_path_settings_apply_to_matching_files_only(cli, tmp_path):
    write(tmp_path, "pyproject.toml", PYPROJECT)
    news = write(tmp_path, "news/a.txt", DAMAGED)
    archive = write(tmp_path, "archive/2019/a.txt", DAMAGED)
    wire = write(tmp_path, "wire/a.txt", DAMAGED)
    top_wire = write(tmp_path, "b.wire.txt", DAMAGED)
    assert fixed(cli, news) == REPAIRED
    assert fixed(cli, archive) == DAMAGED                  # DASH ignored under archive/
    assert fixed(cli, wire) == DASH001_ONLY                # DASH004 (0.80) is below 0.85 there
    assert fixed(cli, top_wire) == DASH001_ONLY
    run = cli("check", archive)
    assert run.returncode == 0 and b"DASH" not in run.stdout
    # the same file named from another folder gets the same settings
    assert cli("check", os.path.join("..", "archive", "2019", "a.txt"), cwd=tmp_path / "news").returncode == 0


def test_later_per_path_entries_win_and_lists_add_up(cli, tmp_path):
    write(tmp_path, ".cleaner.toml", '''
[[per-path]]
paths = ["**"]
select = ["DASH001"]
[[per-path]]
paths = ["special/**"]
select = []            # every rule again
ignore = ["DASH004"]
''')
    plain = write(tmp_path, "a.txt", NISBA + DAMAGED)
    special = write(tmp_path, "special/a.txt", NISBA + DAMAGED)
    assert fixed(cli, plain) == NISBA + DASH001_ONLY
    assert fixed(cli, special) == NISBA_FIXED + DASH001_ONLY


@pytest.mark.parametrize("body,needle,line", [
    ('[[per-path]]\npaths = ["a/**"]\nignored = ["X"]\n', "per-path #1: unknown key 'ignored'", 3),
    ('ignore = []\n[[per-path]]\nignore = ["X"]\n', "per-path #1: paths must list at least one glob", 2),
    ('[[per-path]]\npaths = ["a"]\n[[per-path]]\npaths = ["b"]\nmin-confidence = 2\n',
     "per-path #2: min-confidence must be a number from 0 to 1", 5),
    ('\ngazetteers = ["names/missing.toml"]\n', "gazetteers: 'names/missing.toml' not found", 2),
    ('accept = "words.txt"\n', "accept list 'words.txt' not found", 1),
    ('per-path = "archive"\n', "per-path must be [[per-path]] tables", 1),
    ('rules = []\nacept = "x"\n', "unknown key 'acept'", 2),
])
def test_bad_config_is_one_line_exit_2_naming_file_and_line(cli, tmp_path, body, needle, line):
    config = write(tmp_path, ".cleaner.toml", body)
    article = write(tmp_path, "a/a.txt", DAMAGED)
    for args in (("fix", article), ("config", article)):
        run = cli(*args)
        err = run.stderr.decode().strip()
        assert run.returncode == 2 and len(err.splitlines()) == 1, err
        assert f"{config}:{line}: " in err and needle in err
    assert article.read_text(encoding="utf-8") == DAMAGED


def test_pyproject_errors_name_the_line_inside_tool_cleaner(cli, tmp_path):
    config = write(tmp_path, "pyproject.toml", PYPROJECT.replace('paths = ["wire/**", "*.wire.txt"]',
                                                                 'paths = ["wire/**"]\nignroe = ["X"]'))
    run = cli("check", write(tmp_path, "a.txt", DAMAGED))
    err = run.stderr.decode()
    assert run.returncode == 2 and f"{config}:13: [tool.cleaner] per-path #2: unknown key 'ignroe'" in err


def test_gazetteer_paths_resolve_relative_to_the_config_file(cli, tmp_path):
    write(tmp_path, "style/names.toml", '[[entity]]\nname = "Ruti Bank"\nkind = "organization"\n')
    write(tmp_path, "style/more/b.toml", "")
    write(tmp_path, "pyproject.toml", '[tool.cleaner]\ngazetteers = ["style/names.toml", "style/more"]\n'
                                      '[[tool.cleaner.per-path]]\npaths = ["wire/**"]\ngazetteers = ["style/more/b.toml"]\n')
    article = write(tmp_path, "news/deep/a.txt", "Text.\n")
    data = json.loads(cli("config", "--format", "json", "a.txt", cwd=article.parent).stdout)
    assert data["settings"]["gazetteers"]["value"] == [str(tmp_path / "style" / "names.toml"),
                                                       str(tmp_path / "style" / "more")]
    assert data["settings"]["gazetteers"]["sources"] == [str(tmp_path / "pyproject.toml")]
    wire = write(tmp_path, "wire/a.txt", "Text.\n")
    data = json.loads(cli("config", "--format", "json", wire).stdout)
    assert data["settings"]["gazetteers"]["value"][-1] == str(tmp_path / "style" / "more" / "b.toml")


def test_config_command_says_where_each_value_came_from(cli, tmp_path):
    pyproject = write(tmp_path, "pyproject.toml", PYPROJECT)
    article = write(tmp_path, "archive/a.txt", DAMAGED)
    run = cli("config", "--format", "json", "--ignore", "PIV", "--min-confidence", "0.9", article)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    s = data["settings"]
    assert data["config_file"] == str(pyproject) and data["per_path_applied"] == [1] and not data["excluded"]
    assert s["ignore"]["value"] == ["CAP", "DASH", "PIV"]
    assert s["ignore"]["sources"] == [str(pyproject), f"{pyproject} [per-path #1: archive/**]", "--ignore"]
    assert s["min-confidence"] == {"value": 0.9, "sources": ["--min-confidence"]}
    assert s["select"] == {"value": [], "sources": ["default"]}
    assert s["unsafe-fixes"] == {"value": False, "sources": ["default"]}
    # the text form is TOML a config file could hold, with the same values
    text = cli("config", "--ignore", "PIV", "--min-confidence", "0.9", article).stdout.decode()
    parsed = tomllib.loads(text)
    assert {k: parsed[k] for k in parsed} == {k: v["value"] for k, v in s.items() if v["value"] is not None}
    assert "--ignore" in text and "per-path #1" in text and "default" in text


def test_config_command_for_a_folder_lists_per_path_entries(cli, tmp_path):
    write(tmp_path, "repo/pyproject.toml", PYPROJECT)
    text = cli("config", cwd=tmp_path / "repo").stdout.decode()
    parsed = tomllib.loads(text)
    assert parsed["ignore"] == ["CAP"]
    assert parsed["per-path"] == [{"paths": ["archive/**"], "ignore": ["DASH"]},
                                  {"paths": ["wire/**", "*.wire.txt"], "min-confidence": 0.85}]
    none = tmp_path / "elsewhere"
    none.mkdir()
    (none / ".git").mkdir()
    data = json.loads(cli("config", "--format", "json", none).stdout)
    assert data["config_file"] is None and data["settings"]["min-confidence"] == {"value": 0.75, "sources": ["default"]}
    assert cli("config", tmp_path / "missing.txt").returncode == 2


def test_explicit_files_honour_include_and_exclude(cli, tmp_path):
    write(tmp_path, ".cleaner.toml", 'exclude = ["drafts/**"]\ninclude = ["news/**", "drafts/**"]\n')
    draft = write(tmp_path, "drafts/a.txt", DAMAGED)
    other = write(tmp_path, "other/a.txt", DAMAGED)
    news = write(tmp_path, "news/a.txt", DAMAGED)
    run = cli("check", draft, other, news)
    assert run.returncode == 1
    named = {line.split(":")[0] for line in run.stdout.decode().splitlines()}
    assert named == {str(news)}
    data = json.loads(cli("config", "--format", "json", draft).stdout)
    assert data["excluded"] is True


# -- the accept list -------------------------------------------------------------------------------

def test_accepted_forms_are_never_changed_or_reported(cli, tmp_path):
    write(tmp_path, ".cleaner.toml", "")
    article = write(tmp_path, "a.txt", NISBA + "\n" + DAMAGED)
    assert fixed(cli, article) == NISBA_FIXED + "\n" + REPAIRED
    write(tmp_path, ".cleaner/accept.txt", "# newspapers we know\nal-Almani\n")
    run = cli("check", article)
    assert b"PIV001" not in run.stdout and b"DASH001" in run.stdout
    assert fixed(cli, article) == NISBA + "\n" + REPAIRED
    # word boundaries: an accepted form that is only the start of a word does not cover it
    write(tmp_path, ".cleaner/accept.txt", "al-Alman\n")
    assert fixed(cli, article) == NISBA_FIXED + "\n" + REPAIRED


def test_accept_key_names_the_file_and_no_config_uses_the_repository_top(cli, tmp_path):
    write(tmp_path, "configured/pyproject.toml", '[tool.cleaner]\naccept = "style/accept.txt"\n')
    write(tmp_path, "configured/style/accept.txt", "al-Almani\n")
    article = write(tmp_path, "configured/news/a.txt", NISBA)
    assert cli("check", article).returncode == 0
    bare = tmp_path / "bare"
    (bare / ".git").mkdir(parents=True)
    article = write(bare, "deep/a.txt", NISBA)
    assert cli("check", article).returncode == 1
    write(bare, ".cleaner/accept.txt", "al-Almani\n")
    assert cli("check", article).returncode == 0


def test_accept_list_round_trip(tmp_path):
    from cleaner.app import accept

    path = tmp_path / "repo" / ".cleaner" / "accept.txt"
    assert accept.append(path, ["Ruti", "#hashtag", "  Manuel Gazapo Lapayese "]) == \
        ["Ruti", "#hashtag", "Manuel Gazapo Lapayese"]
    assert accept.append(path, ["Ruti", "Kiev"]) == ["Kiev"]
    assert accept.load(path) == ("Ruti", "#hashtag", "Manuel Gazapo Lapayese", "Kiev")
    assert path.read_text(encoding="utf-8").splitlines()[1] == "\\#hashtag"
    path.write_text("\ufeff# comment\n\nRuti", encoding="utf-8")  # BOM, no final newline
    assert accept.append(path, ["Kyiv"]) == ["Kyiv"]
    assert accept.load(path) == ("Ruti", "Kyiv")
    with pytest.raises(ValueError):
        accept.append(path, ["two\nlines"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\nbad \xff\n")
    with pytest.raises(Exception) as info:
        accept.load(bad)
    assert str(info.value).startswith(f"{bad}:2:")


def test_accept_path_for_follows_the_config(tmp_path):
    from cleaner.app import accept
    from cleaner.app.config import Config, load_config

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    config = write(tmp_path, "repo/sub/.cleaner.toml", "")
    assert accept.path_for(load_config(str(config))) == str(tmp_path / "repo" / "sub" / ".cleaner" / "accept.txt")
    assert accept.path_for(Config(), str(tmp_path / "repo" / "x" / "a.txt")) == \
        str(tmp_path / "repo" / ".cleaner" / "accept.txt")


@pytest.mark.parametrize("text,span,changes", [
    ("the newspaper al-Almani said", (4, 23), True),      # a longer edit over the form
    ("the newspaper al-Almani said", (14, 23), True),     # the form itself
    ("the newspaper al-Almani said", (17, 20), True),     # a part of it
    ("the newspaper al-Almani said", (23, 23), False),    # an insertion right after it
    ("the newspaper al-Almani said", (18, 18), True),     # an insertion inside it
    ("the newspaper al-Almaniya said", (14, 25), False),  # not the form: a longer word
    ("the newspaper said", (4, 13), False),
])
def test_accept_list_covers(text, span, changes):
    from cleaner.app.accept import AcceptList

    assert AcceptList(["al-Almani", "#tag"]).covers(text, *span) is changes


# -- a content repo's own gazetteer and rules, from its config alone ------------------------------

NAMES = '''[[entity]]
name = "Ingrid Valdemarsson"
kind = "person"
gender = "female"
aliases = ["Valdemarsson"]
misspellings = ["Ingrid Valdemarson"]
'''
HOUSE = '''[[rule]]
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
'''
STORY = "The minister Ingrid Valdemarson said in Kiev on Monday that the talks had failed.\n"


def test_repo_gazetteer_and_rules_are_picked_up_from_config_without_flags(cli, tmp_path):
    repo = tmp_path / "repo"
    write(repo, "style/names.toml", NAMES)
    write(repo, "style/house.toml", HOUSE)
    article = write(repo, "news/a.txt", STORY)
    assert fixed(cli, article) == STORY  # neither the name nor the house style is known yet
    write(repo, "pyproject.toml", '[tool.cleaner]\nrules = ["style/house.toml"]\ngazetteers = ["style/names.toml"]\n')
    assert fixed(cli, article) == STORY.replace("Valdemarson", "Valdemarsson").replace("Kiev", "Kyiv")
    # an accepted form beats the gazetteer's "known misspelling"
    write(repo, ".cleaner/accept.txt", "Ingrid Valdemarson\n")
    assert fixed(cli, article) == STORY.replace("Kiev", "Kyiv")


def test_per_path_gazetteers_apply_only_where_they_match(cli, tmp_path):
    write(tmp_path, "style/names.toml", NAMES)
    write(tmp_path, ".cleaner.toml", '[[per-path]]\npaths = ["nordic/**"]\ngazetteers = ["style/names.toml"]\n')
    nordic = write(tmp_path, "nordic/a.txt", STORY)
    other = write(tmp_path, "other/a.txt", STORY)
    assert "Valdemarsson" in fixed(cli, nordic)
    assert "Valdemarsson" not in fixed(cli, other)
