"""Every rule's own examples, run as tests (as LanguageTool runs its grammar rules' examples)."""

import dataclasses

import pytest

from cleaner.text.document import Document
from cleaner.base.errors import RuleError
from cleaner.packs.examples import check_rule
from cleaner.passes import find_rule
from cleaner.base.resources import bundled_packs
from cleaner.packs.loading import load_pack, load_packs
from textgen import data_files, read

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


# --- requires: a cheap necessary condition, never a change in what a rule finds ------------------

def _findings_with_and_without_requires(rule, text):
    plain = dataclasses.replace(rule, requires=())
    return find_rule(rule, Document(text)), find_rule(plain, Document(text))


REQUIRING = [rule for rule in RULES if rule.requires]


@pytest.mark.parametrize("rule", REQUIRING, ids=[r.id for r in REQUIRING])
def test_requires_never_hides_a_finding(rule):
    texts = [read(p) for p in data_files()] + [e.input for r in RULES for e in r.examples]
    fired = 0
    for text in texts:
        with_requires, without = _findings_with_and_without_requires(rule, text)
        assert with_requires == without, (rule.id, text[:80])
        fired += bool(without)
    assert fired, f"{rule.id} found nothing in the test texts: the check above proves nothing"


def test_requires_skips_a_text_without_its_words(tmp_path):
    pack = _pack(tmp_path, '''
[[rule]]
id = "X001"
kind = "regex"
pattern = 'Kiev'
replacement = 'Kyiv'
requires = ["Kiev"]
message = "m"
''')
    rule = pack.rules[0]
    assert rule.requires == ("Kiev",)
    assert [e.replacement for e in find_rule(rule, Document("in Kiev"))] == ["Kyiv"]
    rule.requires = ("Odesa",)  # a wrong requires hides the finding: what the test above guards against
    assert find_rule(rule, Document("in Kiev")) == []


def test_requires_must_be_a_list_of_words(tmp_path):
    with pytest.raises(RuleError, match="requires must be a list of non-empty strings"):
        _pack(tmp_path, '[[rule]]\nid = "X001"\nkind = "literal"\nmessage = "m"\nreplace = { "a" = "b" }\nrequires = [""]\n')


def test_rules_test_reports_a_requires_that_hides_a_finding(tmp_path):
    # the correct example contains a match that 'requires' hides: the examples alone would pass
    pack = _pack(tmp_path, '''
[[rule]]
id = "X001"
kind = "regex"
pattern = 'Kiev(?= Rus)'
replacement = 'Kyiv'
requires = ["Rus "]
message = "m"
[[rule.example]]
input = "the state of Kiev Rus was"
output = "the state of Kyiv Rus was"
[[rule.example]]
input = "Kiev Rus"
''')
    problems = check_rule(pack.rules[0])
    assert any("requires ['Rus '] hides" in p for p in problems), problems
