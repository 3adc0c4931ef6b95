"""The rule settings are declared once (cleaner/base/settings.py) and used by the command line,
config files and the API alike (issue 13): the same fields, the same check, the same layering."""

from __future__ import annotations

import math
import re

import pytest

import cleaner
from cleaner.app import config as config_module
from cleaner.app.config import Config, effective, load_config, resolve
from cleaner.base.errors import CleanerError
from cleaner.base.settings import DEFAULT_MIN_CONFIDENCE, SettingError, Settings


def test_config_files_know_exactly_the_settings_fields():
    assert set(Settings.keys()) == {"rules", "gazetteers", "select", "ignore", "min-confidence", "unsafe-fixes"}
    assert set(Settings.keys()) <= config_module.KEYS
    assert config_module.PER_PATH_KEYS == set(Settings.keys()) | {"paths"}


def test_later_settings_add_to_the_lists_and_replace_the_rest():
    base = Settings(ignore=("CAP",), select=("DASH",), min_confidence=0.9)
    later = Settings(ignore=("PIV",), unsafe_fixes=True)
    merged = base.then(later)
    assert merged.ignore == ("CAP", "PIV") and merged.select == ("DASH",)
    assert merged.min_confidence == 0.9 and merged.unsafe_fixes is True
    assert Settings().resolved() == Settings(select=(), min_confidence=DEFAULT_MIN_CONFIDENCE, unsafe_fixes=False)


@pytest.mark.parametrize("fields,key", [({"ignore": [""]}, "ignore"), ({"select": ["DASH", " x"]}, "select"),
                                        ({"min_confidence": math.nan}, "min-confidence"),
                                        ({"min_confidence": 2}, "min-confidence")])
def test_one_check_said_in_each_voice(tmp_path, fields, key):
    with pytest.raises(SettingError) as caught:
        Settings(**fields).check()
    assert caught.value.key == key
    with pytest.raises(CleanerError, match=re.escape(caught.value.reason)):
        cleaner.Cleaner(**fields)  # the API
    with pytest.raises(CleanerError, match="^--"):  # the command line names its option
        resolve(Config(), Settings(**fields))
    name, value = key, fields[key.replace("-", "_")]
    toml = {"ignore": 'ignore = [""]', "select": 'select = ["DASH", " x"]',
            "min-confidence": f"min-confidence = {'nan' if value != 2 else 2}"}[name]
    (tmp_path / ".cleaner.toml").write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(CleanerError) as in_file:  # a config file gives its path and line
        load_config(str(tmp_path / ".cleaner.toml"))
    assert in_file.value.line == 1 and caught.value.reason in str(in_file.value)


def test_the_command_line_goes_on_top_of_the_config(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('ignore = ["CAP"]\nmin-confidence = 0.9\n', encoding="utf-8")
    config = load_config(str(tmp_path / ".cleaner.toml"))
    cli = Settings(ignore=("PIV",), select=("DASH",))
    final = resolve(config, cli)
    assert final == Settings(select=("DASH",), ignore=("CAP", "PIV"), min_confidence=0.9, unsafe_fixes=False)
    shown = effective(config, cli)
    assert shown["ignore"].sources == (str(tmp_path / ".cleaner.toml"), "--ignore")
    assert shown["select"].sources == ("--select",) and shown["unsafe-fixes"].sources == ("default",)


def test_the_api_takes_settings_or_their_fields():
    dash = "The report– When it rains.\n"
    assert cleaner.Cleaner(Settings(ignore=("DASH",))).clean(dash).text == dash
    assert cleaner.Cleaner(ignore=["DASH"]).clean(dash).text == dash
    assert cleaner.clean(dash, ignore=["DASH"]).text == dash
    with pytest.raises(TypeError):
        cleaner.Cleaner(ignore_rules=["DASH"])
