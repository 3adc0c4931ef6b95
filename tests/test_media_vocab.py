"""The media and acronym vocabularies (rules/vocab/) are data: check they hold together."""

import tomllib

from cleaner.names.context import default_context
from cleaner.engine import Cleaner
from cleaner.base.resources import rules_dir

VOCAB = rules_dir() / "vocab"


def _load(name):
    with open(VOCAB / name, "rb") as f:
        return tomllib.load(f)


def test_every_outlet_names_a_known_country_and_no_english_title():
    countries = _load("countries.toml")
    outlets = _load("outlets.toml")["outlet"]
    names = [o["name"] for o in outlets]
    assert len(names) == len(set(names))
    media = {f for e in default_context().gazetteer if e.kind == "media" for f in e.forms}
    for o in outlets:
        assert o["country"] in countries, o["name"]
        assert set(o) <= {"name", "country", "literal", "native"}, o["name"]
        for lit in o.get("literal", ()):
            assert lit != o["name"] and lit.strip() == lit and not lit.startswith("The "), (o["name"], lit)


def test_every_country_names_its_languages():
    for code, table in _load("countries.toml").items():
        assert set(table) == {"words", "languages"} and table["words"] and table["languages"], code


def test_acronym_tables_have_their_ambiguous_forms():
    data = _load("acronyms.toml")
    for lang, table in data.items():
        if lang == "house-style":
            assert table["dotted"]
            continue
        for form in table.get("ambiguous", ()):
            assert form in table["acronyms"], (lang, form)


def test_the_translation_needs_the_article_country():
    cleaner = Cleaner(select=["MEDIA", "ACRO"])
    spain = "Sánchez spoke in Madrid about Spain. According to the newspaper The World, the deal is done."
    france = "Macron spoke in Paris about France. According to the newspaper The World, the deal is done."
    nowhere = "According to the newspaper The World, the deal is done."
    assert "El Mundo" in cleaner.clean(spain).text
    assert "Le Monde" in cleaner.clean(france).text
    assert cleaner.clean(nowhere).text == nowhere


def test_house_styles_stay():
    cleaner = Cleaner(select=["MEDIA", "ACRO"])
    for text in ("Nato and Opec met in Vienna, the Guardian reported.",
                 "The U.S. and the U.K. told the F.B.I. and the C.I.A.",
                 "Guardian reporters and a Times report, as The Hindu newspaper said."):
        assert cleaner.clean(text).text == text
