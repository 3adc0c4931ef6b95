"""Every rule's own examples, run as tests (as LanguageTool runs its grammar rules' examples)."""

import pytest

from cleaner.examples import check_rule
from cleaner.resources import bundled_packs
from cleaner.rulepack import load_pack, load_packs

RULES = [rule for pack in load_packs(bundled_packs()) for rule in pack.rules]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert check_rule(rule) == []


def test_every_rule_has_explanation_and_examples():
    for rule in RULES:
        assert rule.explanation, f"{rule.id} has no explanation for `cleaner explain`"
        assert any(e.output is not None for e in rule.examples), rule.id
        assert any(e.output is None for e in rule.examples), rule.id


def _pack(tmp_path, body):
    path = tmp_path / "pack.toml"
    path.write_text(body, encoding="utf-8")
    return load_pack(path)


def test_rule_without_examples_fails(tmp_path):
    pack = _pack(tmp_path, '[[rule]]\nid = "X001"\nkind = "literal"\nmessage = "m"\nreplace = { "teh" = "the" }\n')
    problems = check_rule(pack.rules[0])
    assert any("no incorrect example" in p for p in problems)
    assert any("no correct example" in p for p in problems)


def test_wrong_expected_output_fails(tmp_path):
    pack = _pack(tmp_path, '''
[[rule]]
id = "X001"
kind = "literal"
message = "m"
replace = { "teh" = "the" }
[[rule.example]]
input = "teh cat"
output = "a cat"
[[rule.example]]
input = "the cat"
''')
    assert any("expected 'a cat'" in p for p in check_rule(pack.rules[0]))


def test_counterexample_that_fires_fails(tmp_path):
    pack = _pack(tmp_path, '''
[[rule]]
id = "X001"
kind = "literal"
message = "m"
replace = { "teh" = "the" }
[[rule.example]]
input = "teh cat"
output = "the cat"
[[rule.example]]
input = "teh dog"
''')
    assert any("fired on a correct example" in p for p in check_rule(pack.rules[0]))


def test_rule_that_fires_again_on_its_output_fails(tmp_path):
    pack = _pack(tmp_path, r'''
[[rule]]
id = "X001"
kind = "regex"
message = "m"
pattern = 'a'
replacement = 'aa'
[[rule.example]]
input = "cat"
output = "caat"
[[rule.example]]
input = "dog"
''')
    assert any("fires again" in p for p in check_rule(pack.rules[0]))
