"""Correct, well-edited news text that testers found damaged: `fix` must leave it as it is.

Each case is also a counter-example of its rule where the rule must not fire at all; here the
whole pipeline runs, so a suggestion-only rule may still report (see CAP003) but never apply.
"""

import pytest

import cleaner

CORRECT = {
    "DASH001": "The summit looked back at the pre– and post–Cold War orders. Voters aged 18– to "
               "29-year-olds turned out.\n",
    "CAP002": "Its senior debt is A with a stable outlook, the agency said.\n",
    "CAP003": "She goes to daily Mass every morning and was seen at daily Mass on Sunday. In an "
              "interview with broadcaster NHK, he said so. The film was narrated by broadcaster "
              "David Attenborough.\n",
    "LAY002-image": "# Callas at 100\n\n![Maria Callas in 1958](images/callas.jpg)\n\nAFP via Getty Images\n\n"
                    "Maria Callas was born in New York in 1923.\n\n![The opera house](images/scala.jpg)\n\n"
                    "**Reuters**\n\nThe house reopened in 1946.\n",
    "LAY002-byline": "# Egypt raises interest rates again\n\nAssociated Press\n\n**CAIRO** — Egypt's "
                     "central bank raised its key interest rates on Thursday.\n",
    "LAY002-title-case-headline": "Putin Visits India\n\nReuters\n\nNEW DELHI — Vladimir Putin landed "
                                  "in India on Thursday.\n",
    "LAY001": "The crowd sang the chorus again and again:\n\nOh when the Saints go marching in, oh when "
              "the Saints go marching in\n\nOh when the Saints go marching in, oh when the Saints go "
              "marching in\n\nThen the band stopped.\n",
    "CALQ002": "\"We have never been more united, or more nervous,\" the diplomat said. Alexander Stubb, "
               "for one, sounded calm.\n",
    "GRAM001": "The agreement promised Volodymyr Zelensky more air-defence systems.\n",
}


@pytest.mark.parametrize("rule", sorted(CORRECT))
def test_correct_text_is_left_alone(rule):
    text = CORRECT[rule]
    result = cleaner.clean(text, markdown=text.startswith("#"))
    assert result.text == text, result.edits
    assert result.edits == []
    if rule != "CAP003":  # a suggestion only, by design (see the test below)
        assert not any(s.rule == rule.partition("-")[0] for s in result.suggestions)  # not even suggested


def test_a_credit_without_its_photo_is_still_removed():
    text = ("The meeting ended.\n\nYuri Ushakov and Vladimir Putin during the meeting.\n\n"
            "Alexander Kazakov\n\nReuters/Sputnik\n\nIn parallel, Europe is rearming.\n")
    assert [e.rule for e in cleaner.clean(text).edits] == ["LAY002"]


def test_descriptor_without_article_is_only_suggested():
    text = "In an interview with broadcaster NHK, he said so.\n"
    result = cleaner.clean(text)
    assert result.text == text
    assert [s.rule for s in result.suggestions] == ["CAP003"]
