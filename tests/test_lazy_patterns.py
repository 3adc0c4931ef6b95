"""Patterns compiled on first use (cleaner/base/lazyre.py) and the packs allowed to use them."""

import pickle

import pytest
import regex

from cleaner.base import lazyre
from cleaner.packs import loading as rulepack
from cleaner.base.errors import RuleError
from cleaner.base import tomlfile
from cleaner.packs.loading import load_pack

PACK = '''[pack]
name = "demo"

[[rule]]
id = "DEMO001"
kind = "regex"
message = "m"
pattern = '(?P<w>teh) (?=\\p{Ll})'
replacement = 'the '
unless = ['teh tea']
'''
TEXT = "Say teh word, not teh Word; teh tea stays. Teh end."


@pytest.mark.parametrize("method,args", [
    ("search", (TEXT,)), ("match", ("teh x",)), ("fullmatch", ("teh ",)), ("findall", (TEXT,)),
    ("sub", ("the ", TEXT)), ("subn", ("the ", TEXT)), ("split", (TEXT,)),
])
def test_a_lazy_pattern_answers_as_the_compiled_one(method, args):
    source = r"(?P<w>teh) (?=\p{Ll})"
    lazy, eager = lazyre.lazy(source, regex.V0), regex.compile(source, regex.V0)
    got, want = getattr(lazy, method)(*args), getattr(eager, method)(*args)
    if method in ("search", "match", "fullmatch"):
        assert (got and got.span()) == (want and want.span())
    else:
        assert got == want
    assert [m.span() for m in lazy.finditer(TEXT, 5, 30)] == [m.span() for m in eager.finditer(TEXT, 5, 30)]
    assert lazy.groupindex == eager.groupindex and lazy.groups == eager.groups


def test_a_lazy_pattern_compiles_once_and_only_when_used(monkeypatch):
    calls = []
    real = regex.compile
    monkeypatch.setattr(lazyre.regex, "compile", lambda *a: calls.append(a) or real(*a))
    pattern = lazyre.lazy(r"\bab+\b")
    assert calls == []
    assert pattern.findall("ab abb a") == ["ab", "abb"]
    assert pattern.search("x abbb").group() == "abbb"
    assert len(calls) == 1


def test_a_lazy_pattern_pickles_as_its_source():
    copy = pickle.loads(pickle.dumps(lazyre.lazy(r"t(e)h", regex.I)))
    assert copy.search("TEH").group(1) == "E"


def _write(tmp_path, body):
    path = tmp_path / "pack.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_pack_compiles_at_load_until_its_text_has_loaded_once(tmp_path, compiled_cache):
    path = _write(tmp_path, PACK)
    first = load_pack(path).rules[0]
    assert not first.verified and isinstance(first.compiled[0], regex.Pattern)
    second = load_pack(path).rules[0]
    assert second.verified and isinstance(second.compiled[0], lazyre.LazyPattern)
    assert isinstance(second.unless[0], lazyre.LazyPattern)
    assert list(compiled_cache.glob("pack-*.json"))
    # the same findings either way
    from cleaner.engine.core import Cleaner

    def found(rule):
        return [(e.start, e.replacement) for e in Cleaner(packs=[rulepack.Pack("p", "", path, [rule])]).clean(TEXT).findings]
    assert found(first) == found(second) == [(4, "the ")]


def test_a_pack_that_loaded_before_is_read_from_its_parsed_copy(tmp_path, compiled_cache, monkeypatch):
    path = _write(tmp_path, PACK)
    first = load_pack(path).rules[0]

    def no_toml(source):
        raise AssertionError("parsed the TOML again")

    with monkeypatch.context() as patched:
        patched.setattr(tomlfile.tomllib, "loads", no_toml)
        again = load_pack(path).rules[0]
    assert (again.id, again.message, again.params, again.line, [e.__dict__ for e in again.examples]) == \
        (first.id, first.message, first.params, first.line, [e.__dict__ for e in first.examples])
    [stored] = compiled_cache.glob("pack-*.json")
    stored.write_text("{damaged", encoding="utf-8")  # a damaged copy: parsed again, and rewritten
    assert not load_pack(path).rules[0].verified
    assert load_pack(path).rules[0].verified


def test_an_edited_pack_is_checked_again_at_load(tmp_path, compiled_cache):
    path = _write(tmp_path, PACK)
    load_pack(path)
    assert load_pack(path).rules[0].verified
    path.write_text(PACK.replace("(?P<w>teh)", "(?P<w>teh"), encoding="utf-8")  # one byte: now invalid
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert f"{path}:8:" in str(info.value) and "pattern" in str(info.value)
    path.write_text(PACK.replace("replacement = 'the '", "replacement = '\\\\g<v> '"), encoding="utf-8")
    with pytest.raises(RuleError, match="unknown group"):  # a check that needs the compiled pattern
        load_pack(path)


def test_without_a_cache_every_load_compiles(tmp_path, compiled_cache, monkeypatch):
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    path = _write(tmp_path, PACK)
    load_pack(path)
    assert not load_pack(path).rules[0].verified
    assert not compiled_cache.exists()
