"""The same text gives the same result in every process: nothing may depend on the order Python
happens to iterate a set in (string hashing is randomised per process)."""

import os

from conftest import run_cli


def test_a_short_form_two_outlets_share_is_read_the_same_under_every_hash_seed(tmp_path):
    """Found on round-6 articles: "Standard" is The Standard (Kenya, in the article's gazetteer) and
    Der Standard (Vienna, in the bundled outlets); which one MEDIA003 took depended on the hash
    seed, so "quoted by Standard said" was repaired in some runs and left in others."""
    gazetteer = tmp_path / "names.toml"
    gazetteer.write_text('[[entity]]\nname = "The Standard"\nkind = "media"\n', encoding="utf-8")
    text = "Travel agents quoted by Standard said some tour groups had cancelled.\n"
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run_cli("fix", "-", "--no-cache", "--gazetteer", gazetteer, input=text.encode(), env=env)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout.decode())
    assert outputs == {text.replace("by Standard", "by The Standard")}
