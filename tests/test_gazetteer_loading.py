"""Gazetteer files: the public schema, loaded strictly; clashes between entities are errors in
the bundled gazetteer, and resolved with a warning in a user's files."""

import pytest

from cleaner.base.errors import RuleError
from cleaner.names.gazetteer import load_file, load_gazetteers
from cleaner.base.resources import bundled_gazetteers

GOOD = '''# comment
[[entity]]
name = "Mark Rutte"
kind = "person"
gender = "male"
aliases = ["Rutte"]
misspellings = ["Ruti"]

[[entity]]
name = "The Guardian"
kind = "media"
aliases = ["Guardian"]
'''


def write(tmp_path, body, name="g.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_good_file(tmp_path):
    gaz = load_gazetteers([write(tmp_path, GOOD)])
    assert gaz.by_form["Rutte"].name == "Mark Rutte" and gaz.by_misspelling["Ruti"].gender == "male"
    assert gaz.by_form["Guardian"].line == 9


@pytest.mark.parametrize("change,needle,line", [
    (('aliases = ["Guardian"]', 'aliases = ["Guardian"]\ncolour = "red"'), "unknown key 'colour'", 9),
    (('kind = "media"', 'kind = "vegetable"'), "kind must be one of", 9),
    (('kind = "media"', 'kind = "media"\ngender = "male"'), "gender is for persons only", 9),
    (('aliases = ["Rutte"]', 'aliases = "Rutte"'), "aliases must be a list", 2),
    (('misspellings = ["Ruti"]', 'misspellings = ["Rutte"]'), "misspelling is also a correct form", 2),
])
def test_errors_name_file_line_and_entity(tmp_path, change, needle, line):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleError) as info:
        load_gazetteers([path])
    assert needle in str(info.value) and str(info.value).startswith(f"{path}:{line}:")


def test_a_curators_word_for_a_kind_is_read_as_that_kind(tmp_path):
    """A newsroom's gazetteer says "party" or "newspaper": refusing it would refuse every article."""
    path = write(tmp_path, '[[entity]]\nname = "Law and Justice"\nkind = "party"\naliases = ["PiS"]\n\n'
                           '[[entity]]\nname = "Le Monde"\nkind = "newspaper"\n')
    kinds = {e.name: e.kind for e in load_gazetteers([path]).entities}
    assert kinds == {"Law and Justice": "organization", "Le Monde": "media"}


def test_alias_claimed_across_files_is_kept_by_the_first_and_names_both(tmp_path):
    a = write(tmp_path, GOOD, "a.toml")
    b = write(tmp_path, '[[entity]]\nname = "Rutte Family"\nkind = "organization"\naliases = ["Rutte"]\n', "b.toml")
    gaz = load_gazetteers([a, b])
    [warning] = gaz.warnings
    assert str(b) in warning and f"{a}:2" in warning and "'Mark Rutte' keeps it" in warning
    assert gaz.by_form["Rutte"].name == "Mark Rutte"
    assert gaz.by_form["Rutte Family"].aliases == ()


@pytest.mark.parametrize("change,needle,check", [
    (('name = "The Guardian"', 'name = "Mark Rutte"'), "name 'Mark Rutte' is already claimed by 'Mark Rutte'",
     lambda gaz: gaz.by_form["Mark Rutte"].kind == "person" and "Guardian" not in gaz.by_form),
    (('aliases = ["Guardian"]', 'aliases = ["Rutte"]'), "'Rutte' is already claimed",
     lambda gaz: gaz.by_form["Rutte"].name == "Mark Rutte" and gaz.by_form["The Guardian"].aliases == ()),
    (('aliases = ["Guardian"]', 'aliases = ["Ruti"]'), "'Ruti' is listed as a misspelling of 'Mark Rutte'",
     lambda gaz: "Ruti" not in gaz.by_misspelling and gaz.by_form["Ruti"].name == "The Guardian"),
])
def test_a_clash_in_a_users_file_is_resolved_and_said(tmp_path, change, needle, check):
    """Gazetteers written for their own articles by people who never saw the code clashed in 3
    of 9 sets ("CEC" for two election commissions, "New Delhi" inside "Delhi" and on its own);
    refusing them refused every article. The safe reading wins: a correct form is never a
    misspelling, the first claim of an alias keeps it; the warning names the file and line."""
    path = write(tmp_path, GOOD.replace(*change))
    gaz = load_gazetteers([path])
    assert len(gaz.warnings) == 1 and needle in gaz.warnings[0] and gaz.warnings[0].startswith(f"{path}:9:")
    assert check(gaz)


def test_a_name_wins_over_another_entitys_alias(tmp_path):
    path = write(tmp_path, '[[entity]]\nname = "Delhi"\nkind = "place"\naliases = ["New Delhi", "Dilli"]\n\n'
                           '[[entity]]\nname = "New Delhi"\nkind = "place"\n')
    gaz = load_gazetteers([path])
    assert gaz.by_form["New Delhi"].name == "New Delhi" and gaz.by_form["Delhi"].aliases == ("Dilli",)
    assert "no longer an alias of 'Delhi'" in gaz.warnings[0]


def test_the_bundled_layer_stays_strict():
    from cleaner.names.gazetteer import Entity, Gazetteer

    gaz = Gazetteer()
    gaz.add(Entity("Mark Rutte", "person", "male", ("Rutte",)))
    with pytest.raises(RuleError):
        gaz.add(Entity("Rutte Family", "organization", None, ("Rutte",)))


def test_gazetteer_check_warns_and_exits_1_but_a_run_goes_on(tmp_path):
    from conftest import run_cli

    path = write(tmp_path, GOOD.replace('aliases = ["Guardian"]', 'aliases = ["Rutte"]'))
    check = run_cli("gazetteer", "check", path)
    assert check.returncode == 1 and b"warning: " in check.stdout and b"'Rutte' is already claimed" in check.stdout
    article = tmp_path / "a.txt"
    article.write_text("Mark Ruti met the press.\n", encoding="utf-8")
    run = run_cli("fix", "--no-cache", "--gazetteer", path, article)
    assert run.returncode == 0, run.stderr
    assert article.read_text(encoding="utf-8") == "Mark Rutte met the press.\n"


def test_bundled_gazetteer_is_valid_and_large():
    gaz = load_gazetteers(bundled_gazetteers())
    assert len(gaz) >= 1500
    kinds = {e.kind for e in gaz}
    assert {"person", "organization", "place", "media", "thing"} <= kinds
    for form in ["Mark Rutte", "The Hindu", "Der Spiegel", "SIPRI", "Su-57", "S-400", "New Delhi", "RELOS"]:
        assert form in gaz.by_form, form


def test_malformed_toml(tmp_path):
    path = write(tmp_path, "[[entity]]\nname = \n")
    with pytest.raises(RuleError) as info:
        load_file(path)
    assert str(info.value).startswith(f"{path}:2:")


def test_a_user_layer_overrides_the_bundled_gazetteer(tmp_path):
    """A newsroom's own 'Mark Rutte' entry (and an alias some bundled entity had) wins, no clash."""
    mine = write(tmp_path, '[[entity]]\nname = "Mark Rutte"\nkind = "person"\ngender = "male"\n'
                           'aliases = ["Rutte", "M. Rutte"]\n\n'
                           '[[entity]]\nname = "Guardian Media Group"\nkind = "organization"\naliases = ["Guardian"]\n')
    gaz = load_gazetteers([mine], base=bundled_gazetteers())
    assert gaz.by_form["Mark Rutte"].path == str(mine)
    assert gaz.by_form["M. Rutte"].name == "Mark Rutte"
    assert gaz.by_form["Guardian"].name == "Guardian Media Group"
    assert gaz.by_form["The Guardian"].aliases == ()  # the bundled paper lost only that alias
    assert sum(e.name == "Mark Rutte" for e in gaz) == 1


def test_one_name_for_two_kinds_in_the_user_layer_keeps_the_first(tmp_path):
    """One name for two different things (a person, a company): the first is kept, and said; the
    same entry twice is no clash at all (test_the_same_entity_listed_twice_is_one_entity)."""
    a = write(tmp_path, '[[entity]]\nname = "Ana Petrescu"\nkind = "person"\n', "a.toml")
    b = write(tmp_path, '[[entity]]\nname = "Ana Petrescu"\nkind = "organization"\n', "b.toml")
    gaz = load_gazetteers([a, b], base=bundled_gazetteers())
    assert gaz.by_form["Ana Petrescu"].kind == "person"
    assert any("the first (person) kept" in w for w in gaz.warnings)


def test_the_same_entity_listed_twice_is_one_entity(tmp_path):
    """Two editors (or two gazetteers given together) both list "Washington": that is no conflict.
    Seen in a gazetteer written for a test set: one duplicate refused every article of the set."""
    a = write(tmp_path, '[[entity]]\nname = "European Union"\nkind = "organization"\naliases = ["EU"]\n\n'
                        '[[entity]]\nname = "European Union"\nkind = "organization"\naliases = ["the Union"]\n', "a.toml")
    b = write(tmp_path, '[[entity]]\nname = "European Union"\nkind = "organization"\n'
                        'misspellings = ["Eurounion"]\n', "b.toml")
    gaz = load_gazetteers([a, b])
    [eu] = [e for e in gaz.entities if e.name == "European Union"]
    assert eu.aliases == ("EU", "the Union") and eu.misspellings == ("Eurounion",)
    assert gaz.by_form["the Union"] is eu and gaz.by_misspelling["Eurounion"] is eu


def test_one_person_listed_twice_with_two_sexes_is_left_unknown(tmp_path):
    """No pronoun rule may act on a sex the gazetteer contradicts itself about."""
    path = write(tmp_path, '[[entity]]\nname = "Kim Yo Jong"\nkind = "person"\ngender = "female"\n\n'
                           '[[entity]]\nname = "Kim Yo Jong"\nkind = "person"\ngender = "male"\n')
    gaz = load_gazetteers([path])
    assert gaz.by_form["Kim Yo Jong"].gender is None
    [warning] = gaz.warnings
    assert "contradicts" in warning and warning.startswith(f"{path}:6:")
