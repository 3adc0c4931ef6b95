"""Strict loading: every malformed pack is an error naming the file, the line and the rule."""

import pytest

from cleaner.base.errors import RuleError
from cleaner.packs.loading import load_pack, load_packs

GOOD = '''[pack]
name = "demo"

[[rule]]
id = "DEMO001"
kind = "regex"
message = "m"
pattern = 'teh'
replacement = 'the'
'''


def write(tmp_path, body, name="pack.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_good_pack_loads(tmp_path):
    pack = load_pack(write(tmp_path, GOOD))
    assert pack.name == "demo" and [r.id for r in pack.rules] == ["DEMO001"]
    assert pack.rules[0].applicability == "suggest"  # the default is the cautious one


def test_unknown_key_names_file_line_and_rule(tmp_path):
    path = write(tmp_path, GOOD + "colour = 'red'\n")
    with pytest.raises(RuleError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"{path}:10:") and "DEMO001" in message and "'colour'" in message


def test_invalid_regex_names_rule(tmp_path):
    path = write(tmp_path, GOOD.replace("'teh'", "'te(h'"))
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert f"{path}:8:" in str(info.value) and "DEMO001" in str(info.value) and "pattern" in str(info.value)


def test_toml_syntax_error_has_line(tmp_path):
    path = write(tmp_path, GOOD + "broken = \n")
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:10:")


@pytest.mark.parametrize("change,needle", [
    (("kind = \"regex\"", "kind = \"magic\""), "unknown kind"),
    (("message = \"m\"", "message = \"\""), "message"),
    (("id = \"DEMO001\"", "id = \"demo 1\""), "rule id"),
    (("message = \"m\"", "message = \"m\"\nconfidence = 2"), "confidence"),
    (("message = \"m\"", "message = \"m\"\napplicability = \"always\""), "applicability"),
    (("replacement = 'the'", "replacement = '\\\\2'"), "replacement"),
    (("replacement = 'the'", "replacement = 'the'\nunless_elsewhere = ['{group:who} x']"), "unknown group 'who'"),
    (("replacement = 'the'", "replacement = 'the'\nunless_elsewhere = ['(']"), "unless_elsewhere"),
    (("replacement = 'the'", "replacement = 'the'\nunless_elsewhere = 'x'\n"), None),
])
def test_bad_values_are_errors(tmp_path, change, needle):
    path = write(tmp_path, GOOD.replace(*change))
    if needle is None:  # a single pattern is taken as a list of one, as unless is
        load_pack(path)
        return
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert needle in str(info.value) and str(path) in str(info.value)


def test_duplicate_rule_id_across_packs_names_both(tmp_path):
    a = write(tmp_path, GOOD, "a.toml")
    b = write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleError) as info:
        load_packs([a, b])
    assert str(b) in str(info.value) and str(a) in str(info.value) and "DEMO001" in str(info.value)


def test_not_utf8_pack(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_bytes(b"[pack]\nname = \"\xff\"\n")
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert str(path) in str(info.value)


def test_unless_elsewhere_vetoes_a_match_the_document_contradicts(tmp_path):
    """The filled-in pattern is searched in the whole text, outside the rule's own matches."""
    from cleaner.engine.core import Cleaner

    pack = GOOD.replace("pattern = 'teh'", "pattern = 'the (?P<who>Smith) plan'").replace(
        "replacement = 'the'", "replacement = 'a plan'\napplicability = \"safe\"\nconfidence = 0.9\n"
        "unless_elsewhere = ['[A-Za-z]+ {group:who}']")
    cleaner = Cleaner(rules=[write(tmp_path, pack)], bundled=False)
    assert cleaner.clean("We saw the Smith plan.").text == "We saw a plan."
    kept = "We saw the Smith plan. Anna Smith wrote it."
    assert cleaner.clean(kept).text == kept
    # the rule's own matches ("the Smith") are not evidence against themselves
    twice = "the Smith plan and the Smith plan"
    assert cleaner.clean(twice).text == "a plan and a plan"


def test_an_example_brings_the_names_it_needs(tmp_path):
    """An entity rule's example names people the bundled gazetteer does not list: its own
    entries (inline tables, the gazetteer's schema) are checked like a gazetteer file's."""
    example = ('\n[[rule.example]]\ninput = "teh end"\noutput = "the end"\n'
               'gazetteer = [{ name = "Tülay Hatimoğulları", kind = "person", gender = "female" }]\n')
    [rule] = load_pack(write(tmp_path, GOOD + example)).rules
    [entity] = rule.examples[0].entities
    assert (entity.name, entity.kind, entity.gender) == ("Tülay Hatimoğulları", "person", "female")
    bad = example.replace('gender = "female"', 'gender = "plural"')
    with pytest.raises(RuleError) as info:
        load_pack(write(tmp_path, GOOD + bad, "bad.toml"))
    assert "example gazetteer" in str(info.value) and "DEMO001" in str(info.value)
