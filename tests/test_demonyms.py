"""cleaner.names.demonyms: pivot-form demonyms found by context, names and languages left alone.

The damaged sentences are written the way pivot MT leaves a demonym (the pivot's adjective or
country noun, romanized, in an English adjective's place); the forms were not read off the table.
"""

from __future__ import annotations

import pytest

from cleaner.names.demonyms import Finding, find_pivot_demonyms, fold, load_table


def apply(text: str, findings: list[Finding]) -> str:
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + f.replacement + text[f.end :]
    return text


DAMAGED = [
    # (pivot, damaged sentence, the pivot form, the English demonym it must become)
    ("ar", "Talks stalled because the Isbani side wants Rabat to accept more returns.", "Isbani", "Spanish"),
    ("ar", "He added that the Maghribi monarchy wants to reach 2030 with the issue settled.", "Maghribi", "Moroccan"),
    ("ar", "The Faransi ambassador was summoned on Tuesday.", "Faransi", "French"),
    ("ar", "Officials at the Almani embassy declined to comment.", "Almani", "German"),
    ("fa", "The Almani and Engelisi foreign ministers issued a joint statement.", "Engelisi", "British"),
    ("fa", "A Faransavi delegation arrived in Tehran on Sunday.", "Faransavi", "French"),
    ("tr", "Alman and British diplomats were among the observers at the trial.", "Alman", "German"),
    ("tr", "The Fransız foreign ministry called for calm.", "Fransız", "French"),
    ("ru", "Frantsuzsky diplomats left the meeting early.", "Frantsuzsky", "French"),
    ("ru", "The Britansky prime minister spoke by phone with Putin.", "Britansky", "British"),
    ("ru", "An Amerikanskiy envoy is expected in Moscow next week.", "Amerikanskiy", "American"),
    ("ja", "The Chugoku side has demanded that the prime minister retract the remark.", "Chugoku", "Chinese"),
    ("ja", "Tokyo and the Doitsu government signed the agreement.", "Doitsu", "German"),
    ("ja", "Furansu officials said the talks would resume.", "Furansu", "French"),
    ("ko", "The trade agreement signed with the Miguk government in November is under review.", "Miguk", "American"),
    ("ko", "Ilbon media, meanwhile, have followed the race closely.", "Ilbon", "Japanese"),
    ("ko", "The Yeongguk embassy in Seoul issued a travel warning.", "Yeongguk", "British"),
    ("zh", "The Meiguo side rejected the proposal.", "Meiguo", "American"),
    ("zh", "Beijing summoned the Riben ambassador over the remarks.", "Riben", "Japanese"),
    ("hi", "The Amriki president will visit New Delhi in March.", "Amriki", "American"),
    ("hi", "Cheeni troops withdrew from the disputed area.", "Cheeni", "Chinese"),
    ("he", "The Tzarfati president, Emmanuel Macron, called for restraint.", "Tzarfati", "French"),
    ("el", "The Germanikos chancellor arrived in Athens on Monday.", "Germanikos", "German"),
    ("ka", "Amerikuli senators met the prime minister in Tbilisi.", "Amerikuli", "American"),
    ("ka", "The Rusuli troops remain in the occupied regions.", "Rusuli", "Russian"),
    ("kk", "Qazaqstandyq officials say the reform of parliament is part of a wider plan.", "Qazaqstandyq", "Kazakhstani"),
    ("kk", "The Reseilik foreign ministry said it was an internal matter.", "Reseilik", "Russian"),
]


@pytest.mark.parametrize("pivot,text,form,english", DAMAGED, ids=[f"{d[0]}-{d[2]}" for d in DAMAGED])
def test_damaged_demonym_is_found_and_replaced(pivot, text, form, english):
    findings = find_pivot_demonyms(text)
    hit = [f for f in findings if form in text[f.start : f.end]]
    assert len(hit) == 1, findings
    f = hit[0]
    assert f.replacement.endswith(english) and f.replacement[0].isupper() or \
        f.replacement.split()[-1] == english
    assert 0.5 <= f.confidence <= 1
    assert f.reason
    fixed = apply(text, findings)
    assert form not in fixed and english in fixed
    # a fix is final: the matcher does not fire again on its own output
    assert find_pivot_demonyms(fixed) == []


def test_lower_case_pivot_adjective_needs_a_determiner_and_a_noun():
    text = "Talks with the frantsuzsky side resumed; frantsuzsky is spoken by few."
    findings = find_pivot_demonyms(text)
    assert [text[f.start : f.end] for f in findings] == ["frantsuzsky"]
    assert findings[0].replacement == "French" and findings[0].start == text.index("frantsuzsky")


def test_arabic_nisba_after_its_noun_moves_before_it_and_loses_al():
    text = "According to the newspaper al-Faransi, the deal was signed."
    fixed = apply(text, find_pivot_demonyms(text))
    assert "the French newspaper," in fixed and "al-" not in fixed


def test_a_compound_noun_moves_whole():
    text = "The report was written by a think tank al-Faransi last year."
    fixed = apply(text, find_pivot_demonyms(text))
    assert "by a French think tank last year" in fixed


def test_article_follows_the_demonym():
    text = "An Isbani official confirmed the figures."
    fixed = apply(text, find_pivot_demonyms(text))
    assert fixed.startswith("A Spanish official")


# --- must not change -------------------------------------------------------------------------

CORRECT = [
    # people whose names are nisbas or look like pivot demonyms
    "Munib al-Masri, the Palestinian businessman, said the fund would invest in Nablus.",
    "The businessman Munib al-Masri spoke first; later al-Masri said the fund would grow.",
    "Ahmed Al Suwaidi, the UAE's minister, attended; Al Suwaidi told reporters the deal was close.",
    "Prince Turki al-Faisal, a former intelligence chief, criticised the plan.",
    "Turki Al-Sheikh announced the boxing card in Riyadh.",
    "The engineer Rusi Taleyarkhan defended his results before the committee.",
    "Iraq's prime minister, Mohammed Shia al-Sudani, leads a government that al-Sudani described as stable.",
    # languages used as languages
    "She speaks Hindi and Farsi, and reads Turkish.",
    "The film was dubbed in Hindi and released in Tamil.",
    "The Hindi film industry released 200 films last year.",
    "Her Angrezi translation of the novel appeared in 2019.",
    "Nemetsky is hard, but the Frantsuzsky word for it is worse.",
    "Most residents speak Farsi at home.",
    # historical and place names
    "The princes of Kievan Rus converted to Christianity in 988.",
    "The attack hit the village of Almani, near the border.",
    "Farmers in Almani village said the water had been cut.",
    "The film Hindi Medium was a box-office hit.",
    "Rain warnings were issued for the Chugoku region and for Shikoku.",
    "The Henry Samueli School of Engineering and the Samueli family foundation gave $5m.",
    # foreign titles in quotes and italics
    "Her first novel, “Doitsu ryokō”, sold well in Japan.",
    "The song *Miguk gyeonghom* topped the charts.",
    # English words and English demonyms
    "The American side wants Rabat to accept more returns.",
    "Chinese and Japanese officials met in Seoul.",
    "Manila and Delhi signed a maritime agreement.",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_left_alone(text):
    assert find_pivot_demonyms(text) == []


def test_known_names_are_left_alone():
    text = "Officials said Almani officials had not been told."
    assert find_pivot_demonyms(text)  # a demonym here, with nothing to say otherwise
    assert find_pivot_demonyms(text, known_names=frozenset({"Almani"})) == []


def test_a_surname_used_anywhere_protects_every_use():
    text = ("Sami Faransi, a lawyer, filed the case. The Faransi team said it would appeal.")
    assert find_pivot_demonyms(text) == []


def test_plural_nouns_are_not_guessed():
    # "the Faransavis" is "the French", "the Almanis" "the Germans": no single rule, so no fix
    assert find_pivot_demonyms("The Faransavis and the Almanis disagreed.") == []


def test_language_name_without_a_noun_is_not_a_demonym():
    assert find_pivot_demonyms("The statement was issued in Almani.") == []


# --- the table -------------------------------------------------------------------------------


def test_table_has_no_english_words_and_maps_to_capitalised_demonyms():
    exact, _ = load_table()
    assert len(exact) > 1000
    for key in ("hindi", "farsi", "china", "american"):
        assert key not in exact
    assert all(e.english[0].isupper() for e in exact.values())


def test_table_flags_forms_that_are_also_names():
    exact, _ = load_table()
    assert exact[fold("Alman")].also_name


def test_fold_merges_romanization_variants():
    assert fold("Chūgoku") == fold("Chuugoku") == fold("Chugoku")
    assert fold("Cheeni") == fold("Chini")
    assert fold("Fransız") == fold("Fransiz")


def test_correct_articles_in_the_repository_are_left_alone():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "tests" / "data" / "articles" / "clean").glob("*"))
    paths += sorted((root / "seeds").glob("*.gold.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert find_pivot_demonyms(text) == [], path.name
