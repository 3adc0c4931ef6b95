"""The compiled gazetteer cache: same result as parsing, reused only while nothing changed."""

import json
import os

import pytest

import cleaner
from cleaner.names import gazetteer as gazetteer_module
from cleaner.names import gazetteer_cache
from cleaner.base.errors import RuleError
from cleaner.names.gazetteer import load_gazetteers
from cleaner.names.gazetteer_cache import load_cached
from cleaner.base.resources import bundled_gazetteers

NAMES = '[[entity]]\nname = "Mark Rutte"\nkind = "person"\naliases = ["Rutte"]\nmisspellings = ["Ruti"]\n'


@pytest.fixture
def no_parsing(monkeypatch):
    """Make parsing a gazetteer file impossible: whatever loads now came from the cache."""
    def refuse(path):
        raise AssertionError(f"parsed {path} instead of using the cache")
    return lambda: monkeypatch.setattr(gazetteer_module, "load_file", refuse)


def same(a, b):
    return a.entities == b.entities and a.by_form == b.by_form and a.by_misspelling == b.by_misspelling


def test_bundled_gazetteer_round_trips_through_a_json_cache(compiled_cache, no_parsing):
    parsed = load_gazetteers(bundled_gazetteers())
    first = load_cached(bundled_gazetteers())
    [stored] = compiled_cache.glob("gazetteer-*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))  # plain JSON, not pickle
    assert len(data["entities"]) == len(parsed)
    no_parsing()
    second = load_cached(bundled_gazetteers())
    assert same(first, parsed) and same(second, parsed)
    assert second.by_form["Mark Rutte"].name == "Mark Rutte"


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_time(compiled_cache, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(NAMES, encoding="utf-8")
    assert "Ruti" in load_cached([path]).by_misspelling
    st = path.stat()
    path.write_text(NAMES.replace("Ruti", "Rute"), encoding="utf-8")  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    again = load_cached([path])
    assert "Rute" in again.by_misspelling and "Ruti" not in again.by_misspelling


def test_folders_expand_like_the_loader(compiled_cache, tmp_path, no_parsing):
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "b.toml").write_text(NAMES, encoding="utf-8")
    (tmp_path / "g" / "a.toml").write_text('[[entity]]\nname = "SIPRI"\nkind = "organization"\n', encoding="utf-8")
    first = load_cached([tmp_path / "g"])
    assert same(first, load_gazetteers([tmp_path / "g"]))
    (tmp_path / "g" / "c.toml").write_text('[[entity]]\nname = "RELOS"\nkind = "thing"\n', encoding="utf-8")
    assert "RELOS" in load_cached([tmp_path / "g"]).by_form  # a new file in the folder is seen
    no_parsing()
    assert "RELOS" in load_cached([tmp_path / "g"]).by_form


def test_invalid_gazetteer_raises_and_is_never_cached(compiled_cache, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(NAMES + '\n[[entity]]\nname = "Rutte Family"\nkind = "organization"\ncolour = "red"\n',
                    encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_cached([path])
    assert str(info.value).startswith(f"{path}:7:") and "colour" in str(info.value)
    assert not list(compiled_cache.glob("gazetteer-*.json"))
    with pytest.raises(RuleError):
        load_cached([tmp_path / "missing.toml"])


def test_damaged_cache_is_a_miss_and_is_rewritten(compiled_cache, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(NAMES, encoding="utf-8")
    load_cached([path])
    [stored] = compiled_cache.glob("gazetteer-*.json")
    for garbage in ("{not json", '{"format": 1, "key": "x"}', '{"format":1}', "[]"):
        stored.write_text(garbage, encoding="utf-8")
        assert same(load_cached([path]), load_gazetteers([path]))
        assert json.loads(stored.read_text(encoding="utf-8"))["entities"]


def test_unwritable_or_disabled_cache_still_loads(tmp_path, monkeypatch):
    path = tmp_path / "names.toml"
    path.write_text(NAMES, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cleaner/ cannot be created under a file
    assert "Ruti" in load_cached([path]).by_misspelling
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    assert "Ruti" in load_cached([path]).by_misspelling
    assert not (tmp_path / "xdg").exists()


def test_a_new_cleaner_version_does_not_reuse_the_cache(compiled_cache, tmp_path, monkeypatch):
    path = tmp_path / "names.toml"
    path.write_text(NAMES, encoding="utf-8")
    load_cached([path])
    monkeypatch.setattr(cleaner.base.version, "__version__", "999.0")
    load_cached([path])
    assert len(list(compiled_cache.glob("gazetteer-*.json"))) == 2


def test_old_cache_files_are_pruned(compiled_cache, tmp_path):
    for i in range(gazetteer_cache.KEEP + 3):
        path = tmp_path / f"n{i}.toml"
        path.write_text(f'[[entity]]\nname = "Name {i}"\nkind = "thing"\n', encoding="utf-8")
        load_cached([path])
    assert len(list(compiled_cache.glob("gazetteer-*.json"))) == gazetteer_cache.KEEP


def test_layers_a_repo_file_overriding_the_bundled_one_round_trip(compiled_cache, tmp_path, no_parsing):
    # the repo's file redefines a bundled entity and claims one of its forms as a misspelling
    user = tmp_path / "names.toml"
    user.write_text('[[entity]]\nname = "Mark Rutte"\nkind = "person"\ngender = "male"\n'
                    'misspellings = ["Mark Ruti"]\n', encoding="utf-8")
    parsed = load_gazetteers([user], base=bundled_gazetteers())
    assert parsed.by_misspelling["Mark Ruti"].name == "Mark Rutte"
    first = load_cached([user], base=bundled_gazetteers())
    no_parsing()
    second = load_cached([user], base=bundled_gazetteers())
    assert same(first, parsed) and same(second, parsed)
    # the same files in other layers are another gazetteer, not this one from the cache
    with pytest.raises(AssertionError, match="instead of using the cache"):
        load_cached(list(bundled_gazetteers()) + [user])


def test_no_cache_option_reads_and_writes_no_gazetteer_cache(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The minister said on Monday that the talks had failed.\n", encoding="utf-8")
    home = tmp_path / "xdg"
    cli("check", path, env={"XDG_CACHE_HOME": str(home)})
    assert list((home / "cleaner" / "compiled").glob("gazetteer-*.json"))  # the entity passes loaded it through the cache
    cli("check", "--no-cache", path, env={"XDG_CACHE_HOME": str(tmp_path / "other")})
    assert not (tmp_path / "other").exists()


def _tables(index):
    """What an index answers with: every table resolved to forms and entities."""
    from cleaner.names.matching import TABLES

    blocks = {name: {key: index._block(name, key) for key in index.table_keys(name)} for name in TABLES}
    return [blocks, index.acronyms, index.name_tokens]


def test_name_index_round_trips_through_the_cache(compiled_cache, monkeypatch):
    from cleaner.names import matching
    from cleaner.names.gazetteer_cache import load_index

    gazetteer = load_cached(bundled_gazetteers())
    built = matching.NameIndex(load_gazetteers(bundled_gazetteers()))
    first = load_index(gazetteer)
    [stored] = compiled_cache.glob("index-*.json")
    assert len(json.loads(stored.read_text(encoding="utf-8"))["index"]["forms"]) > len(gazetteer)

    def refuse(gazetteer):
        raise AssertionError("computed the index instead of reading it from the cache")

    monkeypatch.setattr(matching, "index_tables", refuse)
    second = load_index(load_cached(bundled_gazetteers()))
    assert _tables(first) == _tables(built) and _tables(second) == _tables(built)
    assert second.lookup(("Mark", "Ruti")).form == "Mark Rutte"
    assert second.lookup(("Peter", "Topichkanov")).form == "Petr Topychkanov"


def test_damaged_index_cache_is_rebuilt_and_uncached_gazetteers_are_not_stored(compiled_cache, tmp_path):
    from cleaner.names.gazetteer_cache import load_index
    from cleaner.names.matching import NameIndex

    path = tmp_path / "names.toml"
    path.write_text(NAMES + '\n[[entity]]\nname = "RELOS"\nkind = "thing"\n', encoding="utf-8")
    expected = _tables(NameIndex(load_gazetteers([path])))
    load_index(load_cached([path]))
    [stored] = compiled_cache.glob("index-*.json")
    good = stored.read_text(encoding="utf-8")
    index = json.loads(good)["index"]
    assert index["forms"] == ["Mark Rutte", "Rutte", "RELOS"] and index["positions"] == [0, 0, 1]
    data = json.loads(good)

    def damaged(change) -> str:
        copy = json.loads(good)
        change(copy["index"])
        return json.dumps(copy)

    garbage = ["{not json", "[]", good[: len(good) // 2],
               damaged(lambda i: i.update(positions=[0, 0, 2])),  # an entity that does not exist
               damaged(lambda i: i.update(positions=[0, 1])),  # positions and forms disagree
               damaged(lambda i: i["acronyms"].update({k: 3 for k in i["acronyms"]})),  # no form 3
               damaged(lambda i: i["tables"].update(designations=i["tables"]["designations"] + "x\t-1\n")),
               damaged(lambda i: i["tables"].update(last_key=i["tables"]["last_key"].replace("\t0", "\t7"))),
               damaged(lambda i: i["tables"].pop("joined")),
               damaged(lambda i: i["forms"].pop(0))]
    assert data["index"]["acronyms"] and all(json.loads(g) != data for g in garbage[3:])
    for bad in garbage:
        stored.write_text(bad, encoding="utf-8")
        assert _tables(load_index(load_cached([path]))) == expected, bad
        assert json.loads(stored.read_text(encoding="utf-8"))["index"] == index
    # a gazetteer that did not come through the cache has no key: its index is only built
    stored.unlink()
    assert _tables(load_index(load_gazetteers([path]))) == expected
    assert not list(compiled_cache.glob("index-*.json"))
