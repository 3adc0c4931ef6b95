"""The word tables are searched in place (cleaner.names.lexicon.SortedTable): a look-up must give what a
dict of the file's rows gives, for every row of the shipped files and for keys between them."""

from __future__ import annotations

import pytest

from cleaner.names.lexicon import SortedTable, are_variants, is_known_name, pack_table, zipf
from cleaner.base.resources import rules_dir

TABLES = ["english-words.txt", "name-variants.txt"]


def _rows(path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("name", TABLES)
def test_shipped_table_is_sorted_with_unique_keys(name):
    keys = [key for key, _ in _rows(rules_dir() / "lexicon" / name)]
    assert len(keys) > 50_000
    assert all(a < b for a, b in zip(keys, keys[1:])), "rows must be sorted by key, without repeats"


@pytest.mark.parametrize("loaded", [False, True], ids=["searched", "loaded"])
@pytest.mark.parametrize("name", TABLES)
def test_every_row_is_found_and_nothing_between_rows(name, loaded):
    path = rules_dir() / "lexicon" / name
    table = SortedTable(path)
    table.SEARCHES_BEFORE_LOADING = 10**9  # searched in the file, unless loaded here
    if loaded:
        table.load()
    rows = _rows(path)
    for key, value in rows:
        assert table.get(key) == value, key
    keys = {key for key, _ in rows}
    # keys that sort just before, just after and between real ones: never found
    for key, _ in rows[::97]:
        for probe in (key[:-1], key + "a", key + "\t", key + "~", "!" + key, key.upper()):
            if probe not in keys:
                assert table.get(probe) is None, probe
    assert table.get("") is None


def test_edges_of_a_small_table(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("# header\n# more\nb\t1\nbb\t2\nc\t3", encoding="utf-8")  # no final newline
    table = SortedTable(path)
    probes = ("a", "b", "bb", "ba", "c", "d", "#")
    assert [table.get(k) for k in probes] == [None, "1", "2", None, "3", None, None]
    table.load()
    assert [table.get(k) for k in probes] == [None, "1", "2", None, "3", None, None]
    empty = tmp_path / "e.txt"
    empty.write_text("# only a header\n", encoding="utf-8")
    assert SortedTable(empty).get("x") is None


@pytest.mark.parametrize("name", TABLES)
def test_a_table_packed_into_a_string_answers_as_its_file(name):
    # the name index's tables come from the compiled cache as strings (matching.packed_tables)
    rows = dict(_rows(rules_dir() / "lexicon" / name)[::7])
    packed = pack_table(rows)
    table = SortedTable(text=packed)
    table.SEARCHES_BEFORE_LOADING = 10**9
    assert packed.splitlines()[0] == min(rows) + "\t" + rows[min(rows)]
    for key, value in list(rows.items())[::5]:
        assert table.get(key) == value, key
        for probe in (key + "a", key[:-1], "~" + key, key + "é"):
            if probe not in rows:
                assert table.get(probe) is None, probe
    assert table.keys() == sorted(rows)
    table.load()
    assert table._dict == rows


def test_a_long_run_switches_from_searching_to_a_dict(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("".join(f"w{i:05d}\t{i}\n" for i in range(1000)), encoding="utf-8")
    table = SortedTable(path)
    table.SEARCHES_BEFORE_LOADING = 50
    answers = [table.get(f"w{i:05d}") for i in range(0, 1000, 10)] + [table.get("w99999")]
    assert answers == [str(i) for i in range(0, 1000, 10)] + [None]
    assert table._dict is not None and len(table._dict) == 1000


def test_lookups_through_the_public_functions():
    assert zipf("the") > 7 and zipf("The") == zipf("the")
    assert 4 < zipf("manual") < 5
    assert zipf("Topychkanov") == 0.0
    assert are_variants("Peter", "Petr") and are_variants("Pyotr", "Peter")
    assert not are_variants("Peter", "Paul")
    assert is_known_name("Petr") and not is_known_name("Xqzvw")
